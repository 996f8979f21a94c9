"""Where the OpenID Provider is and what it offers: from the settings (wpsite/settings.py reads them from the
environment), with the endpoints read from its discovery document when OIDC_DISCOVERY_URL is set.

The discovery document is fetched on first use, not at start-up (a provider that is down must not stop the site from
starting, nor `manage.py check`), and kept for an hour in this process."""

import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import requests
from django.conf import settings

DISCOVERY_TTL = 3600
# After a failed fetch, how long to answer "unavailable" at once rather than wait for the provider on every request.
FAILURE_TTL = 30
_cache = {}
_lock = threading.Lock()


class ProviderUnavailable(Exception):
    """The discovery document could not be read."""


@dataclass(frozen=True)
class Endpoints:
    issuer: str
    authorization: str
    token: str
    userinfo: str
    jwks: str
    end_session: str


def enabled():
    """Single sign-on is on when a client id and either a discovery URL or the endpoints are set."""
    return bool(
        settings.OIDC_RP_CLIENT_ID
        and (
            settings.OIDC_DISCOVERY_URL or (settings.OIDC_OP_AUTHORIZATION_ENDPOINT and settings.OIDC_OP_TOKEN_ENDPOINT)
        )
    )


def local_login_enabled():
    return settings.LOCAL_LOGIN


def provider_name():
    return (
        settings.OIDC_PROVIDER_NAME
        or urlsplit(settings.OIDC_DISCOVERY_URL or settings.OIDC_OP_AUTHORIZATION_ENDPOINT).hostname
    )


def endpoints():
    """The provider's endpoints: each explicit setting wins over what discovery says."""
    discovered = discover(settings.OIDC_DISCOVERY_URL) if settings.OIDC_DISCOVERY_URL else {}
    return Endpoints(
        issuer=settings.OIDC_OP_ISSUER or discovered.get("issuer", ""),
        authorization=settings.OIDC_OP_AUTHORIZATION_ENDPOINT or discovered.get("authorization_endpoint", ""),
        token=settings.OIDC_OP_TOKEN_ENDPOINT or discovered.get("token_endpoint", ""),
        userinfo=settings.OIDC_OP_USER_ENDPOINT or discovered.get("userinfo_endpoint", ""),
        jwks=settings.OIDC_OP_JWKS_ENDPOINT or discovered.get("jwks_uri", ""),
        end_session=settings.OIDC_OP_LOGOUT_ENDPOINT or discovered.get("end_session_endpoint", ""),
    )


def discover(url):
    now = time.monotonic()
    with _lock:
        cached = _cache.get(url)
        if cached and cached[1] is None and now - cached[0] < FAILURE_TTL:
            raise ProviderUnavailable(f"discovery document {url!r} could not be read a moment ago")
        if cached and cached[1] is not None and now - cached[0] < DISCOVERY_TTL:
            return cached[1]
    try:
        response = requests.get(url, timeout=settings.OIDC_TIMEOUT, verify=settings.OIDC_VERIFY_SSL)
        response.raise_for_status()
        document = response.json()
        if not isinstance(document, dict) or not document.get("issuer"):
            raise ValueError("no issuer")
    except (requests.RequestException, ValueError) as error:
        with _lock:
            _cache[url] = (now, None)
        raise ProviderUnavailable(f"discovery document {url!r} could not be read: {error}") from error
    with _lock:
        _cache[url] = (now, document)
    return document


def forget_discovery():
    """For tests, and after the provider changed its endpoints."""
    with _lock:
        _cache.clear()


# What mozilla-django-oidc reads with get_settings(): the endpoints come from endpoints(), the rest from settings.
ENDPOINT_SETTINGS = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization",
    "OIDC_OP_TOKEN_ENDPOINT": "token",
    "OIDC_OP_USER_ENDPOINT": "userinfo",
    "OIDC_OP_JWKS_ENDPOINT": "jwks",
}


def get_setting(name, *default):
    if name in ENDPOINT_SETTINGS:
        return getattr(endpoints(), ENDPOINT_SETTINGS[name]) or None
    return getattr(settings, name, *default)


def origins():
    """The origins a form's navigation may end at besides our own: the authorization and end-session endpoints
    (a POST followed by a renewal against the provider, and the logout, are redirected there)."""
    try:
        found = endpoints()
    except ProviderUnavailable:
        return []
    result = []
    for url in (found.authorization, found.end_session):
        if url:
            parts = urlsplit(url)
            origin = f"{parts.scheme}://{parts.netloc}"
            if origin not in result:
                result.append(origin)
    return result
