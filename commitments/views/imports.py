"""Bulk import (DESIGN.md §5): upload, dry-run report, apply.

The uploaded bytes wait in the session between the dry run and "apply", so that any application server can
apply them; applying plans the file again against the register as it is then, and writes only if it is
still without errors.
"""

import base64
import secrets

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from commitments import imports, permissions
from commitments.forms import ImportForm

SESSION_KEY = "commitment_import"


def import_commitments(request):
    permissions.require(permissions.can_import(request.user))
    if request.method == "POST" and "token" in request.POST:
        return _apply(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        programme = form.cleaned_data["programme"]
        data = upload.read()
        plan = imports.plan_import(data, filename=upload.name, programme=programme.year if programme else None)
        token = _remember(request, data, plan, programme) if plan.is_valid and plan.has_changes else None
        return _report(request, plan, token)
    return render(request, "commitments/import.html", {"form": form}, status=400 if form.errors else 200)


def _remember(request, data, plan, programme):
    token = secrets.token_urlsafe(16)
    request.session[SESSION_KEY] = {
        "token": token,
        "filename": plan.filename,
        "programme": programme.year if programme else None,
        "data": base64.b64encode(data).decode("ascii"),
    }
    return token


def _apply(request):
    upload = request.session.get(SESSION_KEY)
    if not upload or not secrets.compare_digest(upload["token"], request.POST["token"]):
        messages.error(request, _("Deze proefimport is verlopen of al uitgevoerd. Upload het bestand opnieuw."))
        return redirect("import")
    plan = imports.plan_import(
        base64.b64decode(upload["data"]), filename=upload["filename"], programme=upload["programme"]
    )
    try:
        counts = imports.apply_plan(plan, by=request.user)
    except imports.ImportRefused as refusal:
        messages.error(request, _("Intussen is er iets veranderd: %(reason)s") % {"reason": refusal.message})
        del request.session[SESSION_KEY]
        return _report(request, plan, token=None, status=409)
    del request.session[SESSION_KEY]
    messages.success(
        request,
        _("%(file)s is geïmporteerd: %(created)d nieuw, %(updated)d gewijzigd, %(unchanged)d ongewijzigd.")
        % {"file": plan.filename, **counts},
    )
    years = sorted({row.values["programme"].year for row in plan.rows})
    query = f"?programme={years[0]}" if len(years) == 1 else ""
    return redirect(reverse("register") + query)


def _report(request, plan, token, status=200):
    rows = {outcome: [row for row in plan.rows if row.outcome == outcome] for outcome in plan.counts()}
    return render(
        request,
        "commitments/import_report.html",
        {"plan": plan, "rows": rows, "counts": plan.counts(), "token": token},
        status=status if plan.is_valid else 400,
    )
