"""Single sign-on (issue 14) against a real OpenID Provider on 127.0.0.1, driven by a plain HTTP client through the
application's live server: accounts and roles from the provider's groups, sessions that follow the provider, and
every way a login can be tampered with refused with a page that says why, and no session."""

import logging

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session

from commitments.models import Domain
from sso.models import AccountEvent, GroupMapping, Identity
from tests.sso.provider import Visitor, forms, query_of

User = get_user_model()


def roles_of(user):
    return sorted(user.groups.values_list("name", flat=True))


def domains_of(user):
    return sorted(user.domains.values_list("slug", flat=True))


def user_at_provider(provider, username):
    return User.objects.get(oidc_identity__issuer=provider.issuer, oidc_identity__subject=username)


def assert_refused(response, text, visitor):
    assert response.status_code in (400, 403), (response.status_code, response.url)
    assert "Inloggen geweigerd" in response.text
    assert text in response.text
    assert not visitor.is_logged_in()


# --- the login page ------------------------------------------------------------------------------------------------


def test_the_login_page_offers_the_provider_first(provider, visitor):
    page = visitor.get("/accounts/login/")
    assert page.status_code == 200
    assert page.text.index("Inloggen met Testprovider") < page.text.index('name="password"')


def test_the_authorization_request_uses_pkce_state_and_nonce(provider, visitor):
    redirect = visitor.get("/accounts/oidc/authenticate/", follow=False)
    assert redirect.status_code == 302
    query = query_of(redirect.headers["Location"])
    assert redirect.headers["Location"].startswith(provider.issuer + "/auth?")
    assert query["response_type"] == "code" and query["client_id"] == "wpsite"
    assert query["code_challenge_method"] == "S256" and len(query["code_challenge"]) == 43
    assert len(query["state"]) >= 32 and len(query["nonce"]) >= 32


# --- accounts and roles from the provider -------------------------------------------------------------------------


def test_the_first_login_creates_the_user_with_the_roles_of_their_groups(provider, visitor, caplog):
    caplog.set_level(logging.INFO, logger="wpsite.security")
    page = visitor.log_in("sven", next_path="/commitments/")

    assert page.status_code == 200 and page.url == visitor.url("/commitments/")
    sven = user_at_provider(provider, "sven")
    assert (sven.username, sven.get_full_name(), sven.email) == ("sven", "Sven Bakker", "sven@inspectie.example")
    assert not sven.has_usable_password()
    assert roles_of(sven) == ["medewerker", "reviewer"]
    assert domains_of(sven) == ["jeugd", "politie"]
    assert Identity.objects.get(user=sven).groups == ["iedereen", "wpsite-jeugd", "wpsite-politie", "wpsite-reviewers"]
    kinds = list(AccountEvent.objects.filter(user=sven).order_by("id").values_list("kind", flat=True))
    assert kinds == ["created", "roles", "login"]
    messages = [record.getMessage() for record in caplog.records if record.name == "wpsite.security"]
    assert any(message.startswith("oidc account created: user='sven' subject='sven'") for message in messages)
    assert "oidc roles changed: user='sven' +medewerker +reviewer +domain:jeugd +domain:politie" in messages
    assert any(message.startswith("login succeeded: user='sven'") for message in messages)


@pytest.mark.parametrize(
    "username, roles, domains",
    [("anna", ["medewerker"], ["politie"]), ("ruben", ["reviewer"], []), ("mila", ["manager"], []), ("noor", [], [])],
)
def test_each_group_gives_its_role(provider, visitor, username, roles, domains):
    visitor.log_in(username)
    user = user_at_provider(provider, username)
    assert (roles_of(user), domains_of(user)) == (roles, domains)


def test_a_user_without_a_mapped_group_is_logged_in_without_a_role_and_gets_403(provider, visitor):
    page = visitor.log_in("noor")
    assert page.status_code == 403  # the dashboard: logged in, no role
    assert visitor.get("/commitments/").status_code == 403


def test_a_beheerder_by_group_gets_the_admin(provider, visitor):
    visitor.log_in("bea")
    bea = user_at_provider(provider, "bea")
    assert bea.is_staff and not bea.is_superuser
    assert visitor.get("/admin/", follow=False).status_code == 200


def test_a_changed_group_changes_the_role_at_the_next_login(provider, visitor, live_server):
    visitor.log_in("anna")
    anna = user_at_provider(provider, "anna")
    assert (roles_of(anna), domains_of(anna)) == (["medewerker"], ["politie"])

    provider.set_account("anna", groups=["wpsite-reviewers", "wpsite-jeugd"])
    again = Visitor(live_server.url)
    again.log_in("anna")

    assert (roles_of(anna), domains_of(anna)) == (["medewerker", "reviewer"], ["jeugd"])
    assert AccountEvent.objects.filter(user=anna, kind="roles").latest("id").detail == (
        "+reviewer +domain:jeugd -domain:politie"
    )
    provider.set_account("anna", groups=[])
    Visitor(live_server.url).log_in("anna")
    assert (roles_of(anna), domains_of(anna)) == ([], [])
    assert User.objects.filter(oidc_identity__subject="anna").count() == 1


def test_roles_and_domains_the_mapping_does_not_name_stay_as_the_beheerder_set_them(provider, visitor, live_server):
    visitor.log_in("anna")
    anna = user_at_provider(provider, "anna")
    Domain.objects.get(slug="migratie").members.add(anna)  # by hand, in the admin
    provider.set_account("anna", groups=[])

    Visitor(live_server.url).log_in("anna")
    assert (roles_of(anna), domains_of(anna)) == ([], ["migratie"])


def test_a_mapping_made_in_the_admin_counts_too(provider, visitor):
    GroupMapping.objects.create(group="iedereen", role="manager")
    visitor.log_in("noor")
    assert roles_of(user_at_provider(provider, "noor")) == ["manager"]


def test_a_local_account_with_the_same_name_and_email_is_not_taken_over(provider, visitor):
    local = User.objects.create_user("anna", email="anna@inspectie.example", password="local-password-123")
    local.groups.create(name="beheerder")

    visitor.log_in("anna")

    anna = user_at_provider(provider, "anna")
    assert anna.pk != local.pk and anna.username == "anna-2"
    assert roles_of(anna) == ["medewerker"]


def test_a_user_disabled_in_wpsite_is_refused(provider, visitor, live_server, caplog):
    visitor.log_in("anna")
    anna = user_at_provider(provider, "anna")
    anna.is_active = False
    anna.save()
    caplog.set_level(logging.INFO, logger="wpsite.security")

    second = Visitor(live_server.url)
    page = second.log_in("anna")

    assert_refused(page, "Uw account in wpsite is uitgeschakeld", second)
    assert AccountEvent.objects.filter(user=anna, kind="refused", detail="account disabled").exists()
    assert any(
        record.getMessage().startswith("oidc login refused: reason=inactive user='anna'") for record in caplog.records
    )


def test_a_user_disabled_at_the_provider_cannot_log_in(provider, visitor):
    provider.set_account("anna", disabled=True)
    page = visitor.log_in("anna")
    assert "Dit account is uitgeschakeld." in page.text  # the provider's own login form says it
    assert not visitor.is_logged_in()
    assert not User.objects.filter(username="anna").exists()


def test_cancelling_at_the_provider_is_refused_with_a_page(provider, visitor):
    page = visitor.start_login()
    action, values, _ = next(form for form in forms(page.text) if form[0].endswith("/abort"))
    response = visitor.request("POST", page.url.split("/interaction/")[0] + action, data=values)
    assert_refused(response, "De identiteitsprovider heeft de aanmelding geweigerd of afgebroken.", visitor)


# --- tampering: refused with a page that says why, and no session -----------------------------------------------


def test_a_tampered_state_is_refused(provider, visitor):
    callback = visitor.log_in("anna", stop_at=visitor.url("/accounts/oidc/callback/"))
    location = callback.headers["Location"]
    tampered = location.replace("state=", "state=x")
    response = visitor.get(tampered)
    assert_refused(response, "Deze aanmelding is niet vanuit deze browser begonnen", visitor)
    assert response.status_code == 400
    assert not User.objects.filter(oidc_identity__subject="anna").exists()


def test_a_callback_in_another_browser_is_refused(provider, visitor, live_server):
    """Login CSRF: an attacker's code and state, sent to a victim's browser."""
    callback = visitor.log_in("anna", stop_at=visitor.url("/accounts/oidc/callback/"))
    victim = Visitor(live_server.url)
    response = victim.get(callback.headers["Location"])
    assert_refused(response, "Deze aanmelding is niet vanuit deze browser begonnen", victim)


def test_a_replayed_code_is_refused(provider, visitor, live_server):
    callback_url = visitor.url("/accounts/oidc/callback/")
    first = visitor.log_in("anna", stop_at=callback_url)
    code = query_of(first.headers["Location"])["code"]
    assert visitor.get(first.headers["Location"]).status_code == 200  # used once: logged in

    attacker = Visitor(live_server.url)
    own = attacker.log_in("ruben", stop_at=callback_url)  # a login of one's own, for a state the session knows
    state = query_of(own.headers["Location"])["state"]
    response = attacker.get(f"{callback_url}?code={code}&state={state}&iss={provider.issuer}")

    assert_refused(response, "De identiteitsprovider heeft de aanmeldcode niet aanvaard", attacker)


def test_a_state_cannot_be_used_twice(provider, visitor):
    callback = visitor.log_in("anna", stop_at=visitor.url("/accounts/oidc/callback/"))
    assert visitor.get(callback.headers["Location"]).status_code == 200
    visitor.post_app("/accounts/logout/", follow=False)
    response = visitor.get(callback.headers["Location"])
    assert_refused(response, "Deze aanmelding is niet vanuit deze browser begonnen", visitor)


@pytest.mark.parametrize(
    "mode, text",
    [
        ("nonce", "Het aanmeldbewijs hoort niet bij deze aanmelding."),
        ("other_key", "Het aanmeldbewijs is niet ondertekend met de sleutel van de identiteitsprovider."),
        ("audience", "Het aanmeldbewijs is voor een andere toepassing bestemd."),
        ("expired", "Het aanmeldbewijs is verlopen."),
        ("issuer", "Het aanmeldbewijs komt niet van de ingestelde identiteitsprovider."),
    ],
)
def test_a_bad_id_token_is_refused(provider, visitor, mode, text, caplog):
    caplog.set_level(logging.INFO, logger="wpsite.security")
    provider.tamper(mode)
    response = visitor.log_in("anna")

    assert_refused(response, text, visitor)
    assert not User.objects.filter(oidc_identity__subject="anna").exists()
    assert all("_auth_user_id" not in session.get_decoded() for session in Session.objects.all())
    reason = {"other_key": "signature"}.get(mode, mode)
    assert any(record.getMessage().startswith(f"oidc login refused: reason={reason} ") for record in caplog.records)
    assert not AccountEvent.objects.exists()  # nobody's: the log has it (anyone can send a callback)


def test_a_bad_id_token_ends_a_session_that_was_there(provider, visitor):
    visitor.log_in("anna")
    assert visitor.is_logged_in()
    provider.tamper("nonce")
    response = visitor.start_login()  # the provider knows her still: no login form, straight back
    assert_refused(response, "Het aanmeldbewijs hoort niet bij deze aanmelding.", visitor)
    assert AccountEvent.objects.filter(user__username="anna", kind="refused", detail__startswith="nonce:").exists()


def test_the_refusal_page_is_in_english_for_an_english_browser(provider, visitor):
    visitor.http.headers["Accept-Language"] = "en"
    provider.tamper("expired")
    response = visitor.log_in("anna")
    assert response.status_code == 403
    assert "Login refused" in response.text and "The proof of login has expired." in response.text
