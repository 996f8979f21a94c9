"""Session and cache rules that no single view should have to remember."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpResponse
from django.template.defaultfilters import filesizeformat
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers

from wpsite.security import LAST_SEEN, LOGIN_AT, logger

# How often an active session is written back, renewing its expiry: often enough for a 30-minute idle timeout,
# rarely enough that a page costs no extra queries.
SESSION_RENEW_AFTER = 60


class SessionTimeoutMiddleware:
    """Ends a session after SESSION_COOKIE_AGE seconds without a request (idle timeout), and SESSION_ABSOLUTE_AGE
    seconds after its login however active it stays. The session's own expiry in the database is renewed while it
    is in use, so it too ends an idle session."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            session = request.session
            logged_in_at, last_seen = session.get(LOGIN_AT), session.get(LAST_SEEN)
            if logged_in_at is None or now - logged_in_at > settings.SESSION_ABSOLUTE_AGE:
                logger.info("session ended, 12 hours after login: user=%r", request.user.get_username())
                logout(request)
            elif last_seen is None or now - last_seen > settings.SESSION_COOKIE_AGE:
                logger.info("session ended after 30 minutes idle: user=%r", request.user.get_username())
                logout(request)
            elif now - last_seen > SESSION_RENEW_AFTER:
                session[LAST_SEEN] = now  # a modified session is saved, with a new expiry
        return self.get_response(request)


class NoStoreForAuthenticatedMiddleware:
    """A page for a logged-in user is never kept by a browser or proxy cache: the next person at the desk
    must not find it with the back button."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated:
            add_never_cache_headers(response)
        return response


class RequestBodyLimitMiddleware:
    """Refuses at once (413) a request that announces a body larger than its address accepts, before anything reads
    the body: no temporary file, no time in a worker (issue 18: 300 MB to the login page was 200 after 2.4 s, with a
    300 MB file on disk). The limits are settings.REQUEST_BODY_LIMITS, by path prefix, else REQUEST_BODY_LIMIT.

    Django reads no more of a body than its Content-Length says, so the announced length is what counts; a body
    without one (chunked) Django does not read at all, and nginx (deploy/) turns it into one with a length first.
    Placed before every middleware that reads the body (CSRF reads POST in process_view, after every __call__)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # Django reads such a body as empty
        limit = body_limit_for(request.path_info)
        if length > limit:
            logger.info("request body refused: %d bytes to %r, limit %d", length, request.path_info[:200], limit)
            page = render_to_string("413.html", {"limit": filesizeformat(limit)})
            return HttpResponse(page, status=413)
        return self.get_response(request)


def body_limit_for(path):
    for prefix, limit in settings.REQUEST_BODY_LIMITS:
        if path.startswith(prefix):
            return limit
    return settings.REQUEST_BODY_LIMIT
