"""The access-control walk of tests/test_access_control.py, every address and every role, with people who came in
through the provider: made by sso.accounts.sign_in from the provider's claims (their roles and domains from their
groups), logged in with sessions of the OIDC backend. The provider is named by its endpoints here and is never
asked: the renewal is not yet due. (The real login and renewal against a running provider: test_oidc_login.py and
test_oidc_sessions.py.)"""

import time

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.signals import user_logged_in
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory, override_settings

from sso import accounts, conf
from tests import test_access_control
from tests.sso.conftest import GROUP_ROLES
from tests.test_access_control import answers

ISSUER = "https://idp.example.nl"


PROVIDER_SETTINGS = {
    "OIDC_DISCOVERY_URL": "",
    "OIDC_OP_ISSUER": ISSUER,
    "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{ISSUER}/authorize",
    "OIDC_OP_TOKEN_ENDPOINT": f"{ISSUER}/token",
    "OIDC_OP_JWKS_ENDPOINT": f"{ISSUER}/jwks",
    "OIDC_OP_LOGOUT_ENDPOINT": f"{ISSUER}/logout",
    "OIDC_RP_CLIENT_ID": "wpsite",
    "OIDC_RP_CLIENT_SECRET": "secret",
    "OIDC_GROUP_ROLES": GROUP_ROLES,
}


def oidc_backend_first(backends):
    """Client.force_login logs in with the first backend that can: the OIDC one, as after a login at the provider."""
    backends = [backend for backend in backends if backend != "sso.backends.OIDCBackend"]
    return [backends[0], "sso.backends.OIDCBackend", *backends[1:]]


@pytest.fixture(autouse=True)
def provider_by_endpoints(settings, monkeypatch):
    for name, value in PROVIDER_SETTINGS.items():
        setattr(settings, name, value)
    settings.AUTHENTICATION_BACKENDS = oidc_backend_first(settings.AUTHENTICATION_BACKENDS)
    # With a provider, "Inloggen met" goes there, whoever asks; the callback without a login of one's own is refused.
    monkeypatch.setitem(test_access_control.EXPECTED, "oidc_authentication_init", (None, answers(302, anonymous=302)))
    monkeypatch.setitem(
        test_access_control.EXPECTED, "oidc_authentication_callback", (None, answers(400, anonymous=400))
    )
    assert conf.enabled()


def renew_later(sender, request, user, **kwargs):
    """What the callback sets at a login: when the next renewal against the provider is due."""
    request.session["oidc_id_token_expiration"] = time.time() + 900


@pytest.fixture(autouse=True)
def sessions_as_after_a_provider_login():
    user_logged_in.connect(renew_later)
    yield
    user_logged_in.disconnect(renew_later)


def through_the_provider(subject, groups, **claims):
    request = RequestFactory().get("/accounts/oidc/callback/")
    request.user = AnonymousUser()
    return accounts.sign_in(
        issuer=ISSUER,
        claims={"sub": subject, "preferred_username": subject, "groups": groups, **claims},
        request=request,
    )


# The personas of tests/conftest.py, each now a person at the provider with the groups that give their role.
@pytest.fixture
def alice(politie):
    return through_the_provider("alice", ["wpsite-politie"], given_name="Alice", family_name="de Vries")


@pytest.fixture
def dave(reference_data):
    return through_the_provider("dave", ["wpsite-jeugd"])


@pytest.fixture
def bob(reference_data):
    return through_the_provider("bob", ["wpsite-reviewers"])


@pytest.fixture
def carol(reference_data):
    return through_the_provider("carol", ["wpsite-managers"])


@pytest.fixture
def erin(reference_data):
    return through_the_provider("erin", ["wpsite-beheer"])


@pytest.fixture
def nobody(db):
    return through_the_provider("nobody", ["iedereen"])


@pytest.mark.django_db  # each test in a transaction of its own, inside the class's (class_data)
class TestTheWalkThroughTheProvider(test_access_control.TestTheWalk):
    """The walk with the people of the provider, logged in as after a login there; the beheerder is no superuser: her
    role and staff status come from her group alone."""

    @staticmethod
    def people():
        erin = through_the_provider("erin", ["wpsite-beheer"])
        assert erin.is_staff and not erin.is_superuser
        return {
            "anonymous": None,
            "staff": through_the_provider("alice", ["wpsite-politie"], given_name="Alice", family_name="de Vries"),
            "other staff": through_the_provider("dave", ["wpsite-jeugd"]),
            "reviewer": through_the_provider("bob", ["wpsite-reviewers"]),
            "manager": through_the_provider("carol", ["wpsite-managers"]),
            "beheerder": erin,
            "no role": through_the_provider("nobody", ["iedereen"]),
        }

    def make_walk(self):
        backends = oidc_backend_first(settings.AUTHENTICATION_BACKENDS)
        with override_settings(**PROVIDER_SETTINGS, AUTHENTICATION_BACKENDS=backends):
            user_logged_in.connect(renew_later)
            try:
                sessions, commitments = super().make_walk()
            finally:
                user_logged_in.disconnect(renew_later)
        for key in filter(None, sessions.values()):
            assert SessionStore(key)["_auth_user_backend"] == "sso.backends.OIDCBackend"
        return sessions, commitments


def test_the_walk_logs_in_as_after_a_login_at_the_provider(client, alice):
    client.force_login(alice)
    assert client.session["_auth_user_backend"] == "sso.backends.OIDCBackend"
    assert alice.oidc_identity.subject == "alice"
    assert client.get("/commitments/new/").status_code == 200  # staff of politie, by her group alone
