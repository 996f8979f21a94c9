"""A session begun at the provider is renewed against it, and forms may lead there (the logout, a renewal)."""

from django.urls import reverse
from django.utils.functional import cached_property
from mozilla_django_oidc.middleware import SessionRefresh

from sso import conf


class ProviderSessionRefresh(SessionRefresh):
    """mozilla-django-oidc's SessionRefresh: once OIDC_RENEW_ID_TOKEN_EXPIRY_SECONDS have passed since the login or
    the last renewal, the next page (a GET) first asks the provider again, silently (prompt=none). A provider that
    no longer knows the person, has disabled them or has ended their session answers login_required, and the session
    ends here too (sso.views.CallbackView). The site's own idle and absolute timeouts
    (wpsite.middleware.SessionTimeoutMiddleware) apply besides."""

    def __init__(self, get_response):
        super(SessionRefresh, self).__init__(get_response)  # the library reads the endpoints here; we do when used
        self.OIDC_EXEMPT_URLS = []

    get_settings = staticmethod(conf.get_setting)

    def __getattr__(self, name):
        if name.startswith("OIDC_"):
            default = {"OIDC_STATE_SIZE": 32, "OIDC_NONCE_SIZE": 32, "OIDC_USE_NONCE": True}.get(name)
            if name == "OIDC_AUTHENTICATION_CALLBACK_URL":
                default = "oidc_authentication_callback"
            return conf.get_setting(name, default)
        raise AttributeError(name)

    @cached_property
    def exempt_urls(self):
        return {reverse("oidc_authentication_init"), reverse("oidc_authentication_callback"), reverse("logout")}

    def process_request(self, request):
        if not conf.enabled():
            return None
        try:
            return super().process_request(request)
        except conf.ProviderUnavailable:
            return None  # the provider is down: the session goes on until it is back or the site's timeouts end it


class ProviderFormActionMiddleware:
    """The Content Security Policy lets a form lead only to this site (form-action 'self'), and Chromium applies that
    to the redirects after the form too: the logout's redirect to the provider, and a renewal that follows a POST.
    With single sign-on on, the provider's origins are added to form-action. Put it after csp's middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if conf.enabled() and (origins := conf.origins()):
            update = dict(getattr(response, "_csp_update", None) or {})
            update["form-action"] = [*update.get("form-action", []), *origins]
            response._csp_update = update
        return response
