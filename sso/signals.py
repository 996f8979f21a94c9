"""Logins and logouts on the user's sign-in history, whichever way they came in (the log has them already:
wpsite.security)."""

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver

from sso.accounts import record
from sso.models import AccountEvent


def _way_in(request):
    backend = request.session.get("_auth_user_backend", "") if request is not None else ""
    return "oidc" if backend == "sso.backends.OIDCBackend" else "password"


@receiver(user_logged_in)
def record_login(sender, request, user, **kwargs):
    subject = getattr(getattr(user, "oidc_identity", None), "subject", "")
    record(AccountEvent.Kind.LOGIN, request=request, user=user, subject=subject, detail=_way_in(request))


@receiver(user_logged_out)
def record_logout(sender, request, user, **kwargs):
    if user is not None and user.pk is not None:
        record(AccountEvent.Kind.LOGOUT, request=request, user=user)
