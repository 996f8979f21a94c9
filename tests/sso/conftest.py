"""One test OpenID Provider for the whole run (started at the first test that needs it), wpsite configured against
it, and a fresh plain HTTP client for each test."""

import pytest

from sso import conf
from tests.sso.provider import CLIENT_ID, CLIENT_SECRET, Provider, Visitor, why_not_available

GROUP_ROLES = (
    "wpsite-reviewers=reviewer,wpsite-politie=medewerker:politie,wpsite-jeugd=medewerker:jeugd,"
    "wpsite-managers=manager,wpsite-beheer=beheerder"
)


@pytest.fixture(scope="session")
def oidc_provider(live_server):
    reason = why_not_available()
    if reason:
        pytest.skip(reason)
    provider = Provider(live_server.url)
    yield provider
    provider.stop()


@pytest.fixture
def provider(oidc_provider, settings, reference_data):
    """The provider with its accounts as at the start, and wpsite configured to use it."""
    oidc_provider.reset()
    settings.OIDC_DISCOVERY_URL = oidc_provider.discovery_url
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_RP_SCOPES = "openid email profile groups"
    settings.OIDC_PROVIDER_NAME = "Testprovider"
    settings.OIDC_GROUP_ROLES = GROUP_ROLES
    conf.forget_discovery()
    yield oidc_provider
    conf.forget_discovery()


@pytest.fixture
def visitor(live_server):
    return Visitor(live_server.url)
