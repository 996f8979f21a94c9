"""Who logged in, who failed, from where: logged to "wpsite.security"; and the login time that bounds a session."""

import logging
import time

from axes.helpers import get_client_username, get_cool_off
from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.shortcuts import render

logger = logging.getLogger("wpsite.security")

# The session keys under which the moments of login and of the last renewal are kept (seconds since the epoch).
LOGIN_AT = "wpsite_login_at"
LAST_SEEN = "wpsite_last_seen"


def client_address(request):
    return request.META.get("REMOTE_ADDR", "?") if request is not None else "?"


@receiver(user_logged_in)
def record_login(sender, request, user, **kwargs):
    request.session[LOGIN_AT] = request.session[LAST_SEEN] = time.time()
    logger.info("login succeeded: user=%r address=%s", user.get_username(), client_address(request))


@receiver(user_login_failed)
def record_failed_login(sender, credentials, request=None, **kwargs):
    # %r: a username is what the visitor typed; repr keeps control characters out of the log's lines.
    logger.warning("login failed: user=%r address=%s", credentials.get("username"), client_address(request))


@receiver(user_logged_out)
def record_logout(sender, request, user, **kwargs):
    if user is not None:
        logger.info("logout: user=%r address=%s", user.get_username(), client_address(request))


def lockout_response(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out login: 429 with a page that says why and for how long."""
    cool_off = get_cool_off(request)
    logger.warning(
        "login locked out: user=%r address=%s",
        get_client_username(request, credentials),
        client_address(request),
    )
    return render(
        request,
        "registration/locked_out.html",
        {"failure_limit": settings.AXES_FAILURE_LIMIT, "cooloff_minutes": int(cool_off.total_seconds() // 60)},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )


def username_for_axes(request, credentials=None):
    """The username as django-axes records it, cut to the 255 characters of its column: a longer one (scanners send
    them) made the failed login a server error on PostgreSQL (django-axes #1381; its fix, #1480, is not released)."""
    username = (credentials or getattr(request, "data", request.POST)).get("username")
    return username[:255] if username else username
