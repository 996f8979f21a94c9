"""Single sign-on is configured from the environment alone (issue 14 point 1), and `manage.py check` says what is
wrong before anyone tries to log in; with it on, `check --deploy` stays clean."""

import socket
import subprocess
import sys

import pytest
from django.db import IntegrityError, transaction

from sso import checks, conf, mapping
from sso.models import GroupMapping
from tests.test_deploy_settings import ROOT, production_environment

OIDC_ENVIRONMENT = {
    "OIDC_DISCOVERY_URL": "https://login.microsoftonline.com/tenant-id/v2.0/.well-known/openid-configuration",
    "OIDC_CLIENT_ID": "wpsite",
    "OIDC_CLIENT_SECRET": "a-secret-from-the-vault",
    "OIDC_PROVIDER_NAME": "Rijksaccount",
    "OIDC_GROUP_ROLES": "wpsite-reviewers=reviewer,wpsite-politie=medewerker:politie",
    "LOCAL_LOGIN": "0",
}


def test_the_mapping_reads_roles_and_domains():
    assert mapping.parse(" wpsite-reviewers=reviewer , wpsite-politie=medewerker:politie,") == [
        mapping.Entry("wpsite-reviewers", "reviewer"),
        mapping.Entry("wpsite-politie", "medewerker", "politie"),
    ]
    # Entra ID names groups by their object id; a group name may hold "=" too: the last one separates.
    assert mapping.parse("a=b=manager") == [mapping.Entry("a=b", "manager")]


@pytest.mark.parametrize("text", ["wpsite-reviewers", "=reviewer", "g=", "g=superuser", "g=admin:politie"])
def test_a_wrong_mapping_is_refused(text):
    with pytest.raises(mapping.MappingError):
        mapping.parse(text)


def test_the_mapping_governs_only_what_it_names():
    entries = mapping.parse("r=reviewer,p=medewerker:politie,j=medewerker:jeugd")
    outcome = mapping.resolve(["p", "other"], entries)
    assert outcome.roles == {"medewerker"} and outcome.domains == {"politie"}
    assert outcome.managed_roles == {"reviewer", "medewerker"} and outcome.managed_domains == {"politie", "jeugd"}


def check_ids(settings_overrides, settings):
    for name, value in settings_overrides.items():
        setattr(settings, name, value)
    return sorted(problem.id for problem in checks.check_settings(None))


def test_without_single_sign_on_nothing_is_said(settings):
    assert check_ids({}, settings) == []


@pytest.mark.parametrize(
    "overrides, problem",
    [
        ({"OIDC_GROUP_ROLES": "g=boss"}, "sso.E001"),
        ({"OIDC_RP_CLIENT_ID": "wpsite"}, "sso.E002"),
        ({"OIDC_RP_CLIENT_ID": "wpsite", "OIDC_DISCOVERY_URL": "https://idp.example/.well-known/x"}, "sso.E003"),
        (
            {"OIDC_RP_CLIENT_ID": "c", "OIDC_RP_CLIENT_SECRET": "s", "OIDC_OP_AUTHORIZATION_ENDPOINT": "https://i/a"}
            | {"OIDC_OP_TOKEN_ENDPOINT": "https://i/t"},
            "sso.E004",
        ),
        ({"LOCAL_LOGIN": False}, "sso.E006"),
    ],
)
def test_a_wrong_configuration_is_said(overrides, problem, settings):
    assert problem in check_ids(overrides, settings)


def test_check_deploy_stays_clean_with_single_sign_on_on_and_passwords_off(tmp_path):
    """From the environment alone, as production is configured; the provider is not asked (discovery is lazy)."""
    completed = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_environment(tmp_path, **OIDC_ENVIRONMENT),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr


def test_check_deploy_warns_of_a_provider_over_plain_http(tmp_path):
    environment = OIDC_ENVIRONMENT | {"OIDC_DISCOVERY_URL": "http://idp.example/.well-known/openid-configuration"}
    completed = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_environment(tmp_path, **environment),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode != 0 and "sso.W001" in completed.stdout + completed.stderr


@pytest.fixture
def unreachable_provider(settings, db):
    with socket.socket() as probe:  # a port that was free a moment ago, and has nobody listening now
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.OIDC_DISCOVERY_URL = f"http://127.0.0.1:{port}/.well-known/openid-configuration"
    settings.OIDC_RP_CLIENT_ID, settings.OIDC_RP_CLIENT_SECRET = "wpsite", "secret"
    conf.forget_discovery()
    yield
    conf.forget_discovery()


def test_an_unreachable_provider_gives_a_page_not_an_error(unreachable_provider, client):
    response = client.get("/accounts/oidc/authenticate/")
    assert response.status_code == 503
    assert "De identiteitsprovider is nu niet bereikbaar." in response.content.decode()
    # The login page itself does not wait for the provider, and the password form is still there.
    page = client.get("/accounts/login/")
    assert page.status_code == 200 and 'name="password"' in page.content.decode()


def test_a_group_mapping_is_entered_once(db):
    GroupMapping.objects.create(group="wpsite-managers", role="manager")
    with pytest.raises(IntegrityError), transaction.atomic():
        GroupMapping.objects.create(group="wpsite-managers", role="manager")
