"""Sessions that follow the provider (issue 14 point 3): logging out ends the provider's session too, a session is
renewed against the provider now and then and ends when the provider no longer knows the person; the password login
stays where it is enabled and is refused everywhere when LOCAL_LOGIN=0."""

import time

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client

from sso.models import AccountEvent
from tests.conftest import PASSWORD, make_user
from tests.sso.provider import Visitor, query_of
from wpsite.security import LAST_SEEN, LOGIN_AT

RENEW = "oidc_id_token_expiration"


def session_of(visitor):
    return SessionStore(visitor.cookie("sessionid"))


def set_in_session(visitor, **values):
    session = session_of(visitor)
    session.update(values)
    session.save()


# --- logout --------------------------------------------------------------------------------------------------------


def test_logout_ends_the_session_here_and_at_the_provider(provider, visitor):
    visitor.log_in("anna")
    id_token = session_of(visitor)["oidc_id_token"]

    response = visitor.post_app("/accounts/logout/", follow=False)

    assert response.status_code == 302
    location = response.headers["Location"]
    assert location.startswith(provider.issuer + "/session/end?")
    query = query_of(location)
    assert query["id_token_hint"] == id_token
    assert query["post_logout_redirect_uri"] == visitor.url("/accounts/login/")
    assert not visitor.is_logged_in()

    confirm = visitor.get(location)
    back = visitor.confirm_provider_logout(confirm)
    assert back.url == visitor.url("/accounts/login/") and "Inloggen met Testprovider" in back.text
    # The provider asks for the password again: its session is over too.
    assert "/interaction/" in visitor.start_login().url
    assert AccountEvent.objects.filter(kind="logout", user__username="anna").exists()


def test_without_logout_at_the_provider_the_next_login_is_silent(provider, visitor):
    """The counterpart of the test above: what the provider's logout ends."""
    visitor.log_in("anna")
    session = session_of(visitor)
    session.flush()
    page = visitor.start_login()
    assert "/interaction/" not in page.url and page.url == visitor.url("/")


def test_the_logout_form_may_lead_to_the_provider(provider, visitor):
    """Chromium applies the policy's form-action to the redirect after the logout form."""
    visitor.log_in("anna")
    policy = visitor.get("/").headers["Content-Security-Policy"]
    form_action = next(part for part in policy.split(";") if part.strip().startswith("form-action"))
    assert form_action.split() == ["form-action", "'self'", provider.issuer]


def test_a_password_session_logs_out_here_only(provider, client, reference_data):
    make_user("pieter", ["manager"])
    client.post("/accounts/login/", {"username": "pieter", "password": PASSWORD})
    response = client.post("/accounts/logout/")
    assert response.status_code == 302 and response["Location"] == "/accounts/login/"


# --- renewal against the provider ----------------------------------------------------------------------------------


def test_a_session_is_renewed_silently_against_the_provider(provider, visitor):
    visitor.log_in("anna")
    set_in_session(visitor, **{RENEW: time.time() - 1})

    redirect = visitor.get("/commitments/", follow=False)
    assert redirect.status_code == 302
    query = query_of(redirect.headers["Location"])
    assert query["prompt"] == "none" and query["code_challenge_method"] == "S256"

    page = visitor.get("/commitments/")
    assert page.status_code == 200 and page.url == visitor.url("/commitments/")
    assert session_of(visitor)[RENEW] > time.time() + 60
    assert AccountEvent.objects.filter(kind="renewed", user__username="anna").exists()


def test_a_renewal_brings_changed_groups(provider, visitor):
    visitor.log_in("anna")
    provider.set_account("anna", groups=["wpsite-managers"])
    set_in_session(visitor, **{RENEW: time.time() - 1})
    visitor.get("/commitments/")
    anna = get_user_model().objects.get(username="anna")
    assert sorted(anna.groups.values_list("name", flat=True)) == ["manager"]
    assert not anna.domains.exists()


@pytest.mark.parametrize("change", ["disabled", "deleted"])
def test_a_session_ends_when_the_provider_no_longer_knows_the_person(provider, visitor, change):
    visitor.log_in("anna")
    if change == "disabled":
        provider.set_account("anna", disabled=True)
    else:
        provider.delete_account("anna")
    set_in_session(visitor, **{RENEW: time.time() - 1})

    page = visitor.get("/commitments/")

    assert page.status_code == 403 and "Inloggen geweigerd" in page.text, provider.log()
    assert "Uw sessie bij de identiteitsprovider is beëindigd." in page.text
    assert not visitor.is_logged_in()


def test_the_site_timeouts_still_end_a_provider_session(provider, visitor):
    visitor.log_in("anna")
    set_in_session(visitor, **{LAST_SEEN: time.time() - 31 * 60})
    assert visitor.get("/", follow=False).headers["Location"].startswith("/accounts/login/")

    again = Visitor(visitor.app_url)
    again.log_in("anna")
    set_in_session(again, **{LOGIN_AT: time.time() - 12 * 3600 - 60, LAST_SEEN: time.time()})
    assert again.get("/", follow=False).headers["Location"].startswith("/accounts/login/")


# --- the password login --------------------------------------------------------------------------------------------


def test_the_password_login_still_works_beside_single_sign_on(provider, client, reference_data):
    make_user("pieter", ["manager"])
    page = client.get("/accounts/login/").content.decode()
    assert "Inloggen met Testprovider" in page and 'name="password"' in page
    response = client.post("/accounts/login/", {"username": "pieter", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/"


@pytest.fixture
def no_local_login(provider, settings):
    settings.LOCAL_LOGIN = False


def test_with_local_login_off_the_page_has_no_password_form(no_local_login, client):
    page = client.get("/accounts/login/").content.decode()
    assert "Inloggen met Testprovider" in page
    assert 'name="password"' not in page


def test_with_local_login_off_a_password_post_is_refused(no_local_login, client, reference_data, caplog):
    make_user("pieter", ["manager"])
    response = client.post("/accounts/login/", {"username": "pieter", "password": PASSWORD})
    assert response.status_code == 403
    assert "Inloggen met een wachtwoord staat uit op deze site." in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert any("password login is off: user='pieter'" in record.getMessage() for record in caplog.records)


def test_with_local_login_off_the_admin_login_refuses_a_password_too(no_local_login, client, reference_data):
    make_user("erik", ["beheerder"], is_staff=True, is_superuser=True)
    response = client.post("/admin/login/?next=/admin/", {"username": "erik", "password": PASSWORD})
    assert response.status_code == 200  # the form again, with its error
    assert "_auth_user_id" not in client.session


def test_with_local_login_off_a_password_session_ends(provider, settings, reference_data):
    make_user("pieter", ["manager"])
    client = Client()
    client.post("/accounts/login/", {"username": "pieter", "password": PASSWORD})
    assert client.get("/").status_code == 200
    settings.LOCAL_LOGIN = False
    assert client.get("/", follow=False)["Location"].startswith("/accounts/login/")


def test_with_local_login_off_single_sign_on_still_logs_in(no_local_login, visitor):
    assert visitor.log_in("ruben").url == visitor.url("/")
    assert visitor.is_logged_in()
