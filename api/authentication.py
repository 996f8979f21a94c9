"""`Authorization: Bearer <token>`: the request acts as the token's user. No token: an anonymous client, who sees the
public data. A token that is unknown, expired or revoked is refused (401), logged to "wpsite.security", and counted:
after as many failures as a login may have (AXES_FAILURE_LIMIT) from one address, that address is refused (429)
for AXES_COOLOFF_TIME, as django-axes does with logins."""

import logging

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header

from api.models import ApiToken, TokenFailure, digest

logger = logging.getLogger("wpsite.security")


class TokenLockedOut(exceptions.Throttled):
    pass


def _address(request):
    return request.META.get("REMOTE_ADDR") or None


def _locked_out(address):
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    return TokenFailure.objects.filter(address=address, at__gte=since).count() >= settings.AXES_FAILURE_LIMIT


class TokenAuthentication(BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = get_authorization_header(request).split()
        if not header:
            return None
        address = _address(request)
        if _locked_out(address):
            logger.warning("api token refused, address locked out: address=%s", address)
            raise TokenLockedOut(wait=settings.AXES_COOLOFF_TIME.total_seconds())
        if header[0].lower() != self.keyword.lower().encode() or len(header) != 2:
            self._fail(address, "malformed Authorization header")
        try:
            secret = header[1].decode("ascii")
        except UnicodeDecodeError:
            self._fail(address, "token not ascii")
        token = ApiToken.objects.select_related("user").filter(digest=digest(secret)).first()
        if token is None:
            self._fail(address, "unknown token")
        if token.revoked_at is not None:
            self._fail(address, f"revoked token {token.hint!r} of user={token.user.get_username()!r}")
        if token.expires_at <= timezone.now():
            self._fail(address, f"expired token {token.hint!r} of user={token.user.get_username()!r}")
        if not token.user.is_active:
            self._fail(address, f"token {token.hint!r} of inactive user={token.user.get_username()!r}")
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
        return token.user, token

    def _fail(self, address, why):
        TokenFailure.objects.create(address=address)
        logger.warning("api token refused: %s address=%s", why, address)
        raise exceptions.AuthenticationFailed(_("Het token is onbekend, verlopen of ingetrokken."))

    def authenticate_header(self, request):
        return 'Bearer realm="api"'
