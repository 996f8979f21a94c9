"""Logging in and out through the OpenID Provider, and the login page that offers it.

The flow is mozilla-django-oidc's (authorization code with PKCE, state and nonce in the session); these views
add what wpsite needs around it: nothing happens unless single sign-on is configured, every refusal is a Dutch page
that says why (and leaves no session), and logging out also ends the session at the provider."""

from urllib.parse import urlencode

from django.contrib import auth
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.generic import View
from mozilla_django_oidc import views as oidc_views

from sso import conf
from sso.accounts import Refused, record
from sso.models import AccountEvent
from wpsite.security import client_address, logger

# Why a login was refused, as the person is told (the log has the details).
REASONS = {
    "state": _(
        "Deze aanmelding is niet vanuit deze browser begonnen, of is al gebruikt of verlopen. Begin opnieuw met "
        "inloggen."
    ),
    "provider": _("De identiteitsprovider heeft de aanmelding geweigerd of afgebroken."),
    "login_required": _("Uw sessie bij de identiteitsprovider is beëindigd. Log opnieuw in."),
    "code": _(
        "De identiteitsprovider heeft de aanmeldcode niet aanvaard: die is al gebruikt, verlopen of niet voor "
        "wpsite bestemd."
    ),
    "signature": _("Het aanmeldbewijs is niet ondertekend met de sleutel van de identiteitsprovider."),
    "nonce": _("Het aanmeldbewijs hoort niet bij deze aanmelding."),
    "audience": _("Het aanmeldbewijs is voor een andere toepassing bestemd."),
    "issuer": _("Het aanmeldbewijs komt niet van de ingestelde identiteitsprovider."),
    "expired": _("Het aanmeldbewijs is verlopen."),
    "token": _("Het aanmeldbewijs van de identiteitsprovider is ongeldig."),
    "claims": _("De identiteitsprovider gaf niet de gegevens die wpsite nodig heeft."),
    "inactive": _("Uw account in wpsite is uitgeschakeld. Neem contact op met de beheerder."),
    "unavailable": _("De identiteitsprovider is nu niet bereikbaar. Probeer het later opnieuw."),
}


def refused(request, reason, detail="", status=403):
    """The page of a refused login; the person is logged out, and the refusal is on record."""
    user = request.user if request.user.is_authenticated else None
    if user is not None:
        auth.logout(request)
    if reason != "inactive":  # sso.accounts recorded that one, with the user
        if user is not None:  # on their history; a refusal of nobody in particular is in the log only
            record(AccountEvent.Kind.REFUSED, request=request, user=user, detail=f"{reason}: {detail}"[:2000])
        logger.warning(
            "oidc login refused: reason=%s user=%r address=%s detail=%r",
            reason,
            user.get_username() if user else None,
            client_address(request),
            detail,
        )
    context = {"reason": REASONS[reason], "provider_name": conf.provider_name()}
    return render(request, "sso/refused.html", context, status=status)


@method_decorator(login_not_required, name="dispatch")
class LoginView(auth_views.LoginView):
    """The login page: "Inloggen met <provider>" first where single sign-on is configured, and the password form
    unless LOCAL_LOGIN=0 (then a password sent anyway is refused)."""

    def post(self, request, *args, **kwargs):
        if not conf.local_login_enabled():
            logger.warning(
                "login refused, password login is off: user=%r address=%s",
                request.POST.get("username", "")[:255],
                client_address(request),
            )
            return self.render_to_response(self.get_context_data(local_login_refused=True), status=403)
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["oidc_enabled"] = conf.enabled()
        context["oidc_provider_name"] = conf.provider_name() if conf.enabled() else ""
        context["local_login"] = conf.local_login_enabled()
        return context


@method_decorator(login_not_required, name="dispatch")
class AuthenticateView(oidc_views.OIDCAuthenticationRequestView):
    """To the provider: the authorization request with state, nonce and a PKCE challenge."""

    def __init__(self, **kwargs):
        View.__init__(self, **kwargs)  # the library reads the endpoints here; we do when asked (discovery)

    get_settings = staticmethod(conf.get_setting)

    def get(self, request):
        if not conf.enabled():
            raise Http404
        try:
            self.OIDC_OP_AUTH_ENDPOINT = conf.endpoints().authorization
        except conf.ProviderUnavailable as error:
            return refused(request, "unavailable", str(error), status=503)
        self.OIDC_RP_CLIENT_ID = conf.get_setting("OIDC_RP_CLIENT_ID")
        return super().get(request)


@method_decorator(login_not_required, name="dispatch")
class CallbackView(oidc_views.OIDCAuthenticationCallbackView):
    """Back from the provider: the state must be one this browser's session started; the code is exchanged (with
    the PKCE verifier) and the id_token checked by sso.backends.OIDCBackend. Anything wrong: a page saying what."""

    get_settings = staticmethod(conf.get_setting)

    def get(self, request):
        if not conf.enabled():
            raise Http404
        states = request.session.get("oidc_states")
        state = request.GET.get("state", "")
        known = isinstance(states, dict) and state in states
        if request.GET.get("error"):
            if known:
                del states[state]
                request.session.save()
            error = request.GET["error"]
            reason = "login_required" if error in ("login_required", "interaction_required") else "provider"
            detail = f"{error}: {request.GET.get('error_description', '')}"
            return refused(request, reason if known else "state", detail)
        if not request.GET.get("code") or not known:
            return refused(request, "state", "unknown state" if state else "no code or state", status=400)
        try:
            response = super().get(request)
        except Refused as refusal:
            return refused(request, refusal.reason, refusal.detail)
        if not (self.user and self.user.is_active):
            return refused(request, "inactive" if self.user else "claims", "no user")
        return response


class LogoutView(auth_views.LogoutView):
    """Logging out (a POST) ends the session here and, for a session begun at the provider, there too: to its
    end_session_endpoint with the id_token as hint, and back to our login page (RP-initiated logout)."""

    def post(self, request, *args, **kwargs):
        provider_logout = self.provider_logout_url(request)
        response = super().post(request, *args, **kwargs)
        return HttpResponseRedirect(provider_logout) if provider_logout else response

    @staticmethod
    def provider_logout_url(request):
        if not (conf.enabled() and request.user.is_authenticated and "oidc_id_token" in request.session):
            return None
        try:
            end_session = conf.endpoints().end_session
        except conf.ProviderUnavailable:
            logger.warning("oidc logout: the provider could not be reached; logged out here only")
            return None
        if not end_session:
            return None
        query = {
            "id_token_hint": request.session["oidc_id_token"],
            "client_id": conf.get_setting("OIDC_RP_CLIENT_ID"),
            "post_logout_redirect_uri": request.build_absolute_uri(reverse("login")),
        }
        return f"{end_session}{'&' if '?' in end_session else '?'}{urlencode(query)}"
