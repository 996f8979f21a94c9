"""`manage.py check` says what is wrong with the single sign-on settings before anyone tries to log in."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Warning, register

from sso import conf, mapping


@register()
def check_settings(app_configs, **kwargs):
    problems = []
    try:
        mapping.parse(settings.OIDC_GROUP_ROLES)
    except mapping.MappingError as error:
        problems.append(Error(f"OIDC_GROUP_ROLES: {error}", id="sso.E001"))
    if settings.OIDC_RP_CLIENT_ID and not conf.enabled():
        problems.append(
            Error(
                "OIDC_CLIENT_ID is set but the provider is not: set OIDC_DISCOVERY_URL, or "
                "OIDC_AUTHORIZATION_ENDPOINT and OIDC_TOKEN_ENDPOINT (with OIDC_JWKS_URI and OIDC_ISSUER).",
                id="sso.E002",
            )
        )
    if conf.enabled():
        if not settings.OIDC_RP_CLIENT_SECRET:
            problems.append(Error("OIDC_CLIENT_SECRET is required with OIDC_CLIENT_ID.", id="sso.E003"))
        if not settings.OIDC_DISCOVERY_URL and not (settings.OIDC_OP_ISSUER and settings.OIDC_OP_JWKS_ENDPOINT):
            problems.append(
                Error("Without OIDC_DISCOVERY_URL, OIDC_ISSUER and OIDC_JWKS_URI are required.", id="sso.E004")
            )
        if "openid" not in settings.OIDC_RP_SCOPES.split():
            problems.append(Error("OIDC_SCOPES must include openid.", id="sso.E005"))
    elif not settings.LOCAL_LOGIN:
        problems.append(Error("LOCAL_LOGIN=0 without single sign-on: nobody could log in.", id="sso.E006"))
    return problems


@register(deploy=True)
def check_deploy(app_configs, **kwargs):
    if not conf.enabled():
        return []
    urls = [settings.OIDC_DISCOVERY_URL, settings.OIDC_OP_AUTHORIZATION_ENDPOINT, settings.OIDC_OP_TOKEN_ENDPOINT]
    if any(url and urlsplit(url).scheme != "https" for url in urls) or not settings.OIDC_VERIFY_SSL:
        return [
            Warning(
                "The OpenID Provider is reached without verified https: tokens and codes could be read or changed.",
                id="sso.W001",
            )
        ]
    return []
