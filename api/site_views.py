"""The page where a user makes and revokes their own API tokens; a beheerder sees and may revoke everyone's."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from api.forms import TokenForm
from api.models import ApiToken
from commitments import permissions


@require_http_methods(["GET", "POST"])
def tokens(request):
    permissions.require(permissions.can_read(request.user))
    form = TokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        token, secret = ApiToken.issue(
            user=request.user,
            name=form.cleaned_data["name"],
            scope=form.cleaned_data["scope"],
            expires_at=form.expires_at(),
        )
        form = TokenForm()
    context = {
        "form": form,
        "secret": secret,
        "own": ApiToken.objects.active().filter(user=request.user),
        "everyone": (
            ApiToken.objects.active().exclude(user=request.user).select_related("user")
            if permissions.is_beheerder(request.user)
            else None
        ),
    }
    response = render(request, "api/tokens.html", context, status=400 if form.errors else 200)
    return response


@require_POST
def revoke(request, pk):
    permissions.require(permissions.can_read(request.user))
    token = get_object_or_404(ApiToken, pk=pk)
    permissions.require(token.user_id == request.user.pk or permissions.is_beheerder(request.user))
    token.revoke(by=request.user)
    messages.success(request, _("Het token ‘%(name)s’ is ingetrokken.") % {"name": token.name})
    return redirect("api-tokens")
