"""Bulk import (DESIGN.md §5): upload, dry-run report, apply.

The uploaded bytes wait in the database between the dry run and "apply" (PendingImport: the uploader's alone, for
an hour), so that any application server can apply them; applying plans the file again against the register as it
is then, and writes only if it is still without errors.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from commitments import imports, permissions
from commitments.forms import ImportForm
from commitments.models import PendingImport


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
    pending = PendingImport.keep(
        owner=request.user, data=data, filename=plan.filename, programme_year=programme.year if programme else None
    )
    return pending.token


def _apply(request):
    upload = PendingImport.take(owner=request.user, token=request.POST["token"])
    if upload is None:
        messages.error(request, _("Deze proefimport is verlopen of al uitgevoerd. Upload het bestand opnieuw."))
        return redirect("import")
    plan = imports.plan_import(bytes(upload.data), filename=upload.filename, programme=upload.programme_year)
    try:
        counts = imports.apply_plan(plan, by=request.user)
    except imports.ImportRefused as refusal:
        messages.error(request, _("Intussen is er iets veranderd: %(reason)s") % {"reason": refusal.message})
        return _report(request, plan, token=None, status=409)
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
