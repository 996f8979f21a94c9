"""The two ways in: a password (Django's ModelBackend, unless LOCAL_LOGIN=0) and the OpenID Provider
(mozilla-django-oidc's backend, with the checks of an id_token that it leaves out)."""

import jwt
import requests
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from sso import conf
from sso.accounts import Refused, sign_in
from wpsite.security import client_address, logger


class LocalPasswordBackend(ModelBackend):
    """Username and password, as Django's ModelBackend; with LOCAL_LOGIN=0 no password logs anyone in (the login
    page's form and the admin's alike), and a session begun with a password before it was switched off ends."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if not conf.local_login_enabled():
            if username is not None or password is not None:
                logger.warning(
                    "login refused, password login is off: user=%r address=%s", username, client_address(request)
                )
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)

    def get_user(self, user_id):
        return super().get_user(user_id) if conf.local_login_enabled() else None


class OIDCBackend(OIDCAuthenticationBackend):
    """The authorization code flow with PKCE. Besides the library's checks (signature, nonce) this one checks what
    OpenID Connect Core §3.1.3.7 asks of an id_token and the library does not: the issuer, the audience (and `azp`),
    expiry and issue time; and that the userinfo belongs to the same subject. Users are found by (issuer, subject)
    only (sso.accounts), never by e-mail. Every failure is a Refused with its reason, for a page that says it."""

    def __init__(self, *args, **kwargs):
        # The library reads every setting here, the endpoints too; ours come from discovery, when first needed.
        from django.contrib.auth import get_user_model

        self.UserModel = get_user_model()

    @staticmethod
    def get_settings(attr, *args):
        return conf.get_setting(attr, *args)

    def __getattr__(self, name):
        # OIDC_OP_TOKEN_ENDPOINT, OIDC_RP_CLIENT_ID, ...: read when used (the library reads them as attributes).
        if name.startswith("OIDC_"):
            return conf.get_setting(name, None)
        raise AttributeError(name)

    def authenticate(self, request, **kwargs):
        if request is None or "nonce" not in kwargs or not conf.enabled():
            return None  # a password login, or no provider: not ours
        try:
            return super().authenticate(request, **kwargs)
        except conf.ProviderUnavailable as error:
            raise Refused("unavailable", str(error)) from error
        except requests.HTTPError as error:
            # The token endpoint said no: a code used twice, expired, or not issued to us.
            raise Refused("code", str(error)) from error
        except requests.RequestException as error:
            raise Refused("unavailable", str(error)) from error

    def verify_token(self, token, **kwargs):
        """The id_token: signed by the provider's key, for us, from our provider, not expired, with our nonce."""
        if not token:
            raise Refused("token", "no id_token in the token response")
        try:
            if settings.OIDC_RP_SIGN_ALGO.startswith(("RS", "ES", "PS")):
                key = self.OIDC_RP_IDP_SIGN_KEY or self.retrieve_matching_jwk(token)
            else:
                key = settings.OIDC_RP_CLIENT_SECRET
            header = jwt.get_unverified_header(token)
        except SuspiciousOperation as error:  # no key of the provider has the token's key id
            raise Refused("signature", str(error)) from error
        except jwt.InvalidTokenError as error:
            raise Refused("token", str(error)) from error
        if header.get("alg") != settings.OIDC_RP_SIGN_ALGO:
            raise Refused("signature", f"alg {header.get('alg')!r}, expected {settings.OIDC_RP_SIGN_ALGO!r}")
        issuer = conf.endpoints().issuer
        try:
            payload = jwt.decode(
                token,
                key,
                algorithms=[settings.OIDC_RP_SIGN_ALGO],
                audience=settings.OIDC_RP_CLIENT_ID,
                issuer=issuer,
                leeway=settings.OIDC_CLOCK_SKEW,
                options={"require": ["iss", "sub", "aud", "exp", "iat"]},
            )
        except jwt.ExpiredSignatureError as error:
            raise Refused("expired", str(error)) from error
        except jwt.InvalidAudienceError as error:
            raise Refused("audience", str(error)) from error
        except jwt.InvalidIssuerError as error:
            raise Refused("issuer", str(error)) from error
        except jwt.InvalidSignatureError as error:
            raise Refused("signature", str(error)) from error
        except jwt.InvalidTokenError as error:  # malformed, not yet valid, a claim missing
            raise Refused("token", str(error)) from error
        audiences = payload["aud"] if isinstance(payload["aud"], list) else [payload["aud"]]
        if payload.get("azp", settings.OIDC_RP_CLIENT_ID) != settings.OIDC_RP_CLIENT_ID or (
            len(audiences) > 1 and "azp" not in payload
        ):
            raise Refused("audience", f"azp {payload.get('azp')!r} with audiences {audiences!r}")
        if payload.get("nonce") != kwargs.get("nonce"):
            raise Refused("nonce", "the id_token's nonce is not the one of this login")
        return payload

    def get_userinfo(self, access_token, id_token, payload):
        """The claims: the id_token's, completed by the userinfo endpoint's where there is one (Entra ID puts the
        groups in the id_token, Keycloak and oidc-provider in either). The userinfo must be of the same subject."""
        claims = dict(payload)
        if self.OIDC_OP_USER_ENDPOINT:
            response = requests.get(
                self.OIDC_OP_USER_ENDPOINT,
                headers={"Authorization": f"Bearer {access_token}"},
                verify=settings.OIDC_VERIFY_SSL,
                timeout=settings.OIDC_TIMEOUT,
            )
            response.raise_for_status()
            try:
                userinfo = response.json()
            except ValueError as error:
                raise Refused("claims", "the userinfo answer is not JSON") from error
            if not isinstance(userinfo, dict) or userinfo.get("sub") != payload["sub"]:
                raise Refused("claims", "the userinfo is of another subject")
            claims.update(userinfo)
        return claims

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        return sign_in(issuer=payload["iss"], claims=claims, request=self.request)

    def get_user(self, user_id):
        return super().get_user(user_id) if conf.enabled() else None
