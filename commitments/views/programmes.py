"""The programmes of the years, managed in the app (DESIGN.md §8): list, create, edit, close and reopen a year."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from commitments import overview, permissions, workflow
from commitments.forms import CloseProgrammeForm, ProgrammeForm, ReasonForm
from commitments.models import WorkProgramme


def _programme(year):
    return get_object_or_404(WorkProgramme.objects.select_related("closed_by"), year=year)


def programme_list(request):
    permissions.require(permissions.can_read(request.user))
    programmes = list(WorkProgramme.objects.select_related("closed_by").order_by("-year"))
    totals = overview.totals_by_year(programmes)
    current = WorkProgramme.objects.current()
    return render(
        request,
        "commitments/programmes/list.html",
        {
            "rows": [(programme, totals[programme.year]) for programme in programmes],
            "current": current,
            "may_manage": permissions.can_manage_programmes(request.user),
            "may_close": permissions.can_close_year(request.user),
        },
    )


def programme_detail(request, year):
    permissions.require(permissions.can_read(request.user))
    programme = _programme(year)
    return render(
        request,
        "commitments/programmes/detail.html",
        {
            "programme": programme,
            "totals": overview.totals_by_year([programme])[programme.year],
            "goals": list(programme.goals.all()),
            "steps": list(programme.steps.select_related("actor")),
            "may_manage": permissions.can_manage_programmes(request.user),
            "may_close": permissions.can_close_year(request.user),
        },
    )


def _save(request, form, programme=None):
    """Run the form through the workflow; a refusal becomes the form's error."""
    fields = form.programme_fields()
    goals, new_goals = form.cleaned_data["goals"], form.cleaned_data["new_goals"]
    try:
        if programme is None:
            return workflow.create_programme(by=request.user, goals=goals, new_goals=new_goals, **fields)
        return workflow.update_programme(programme, by=request.user, goals=goals, new_goals=new_goals, **fields)
    except workflow.WorkflowError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return None


def programme_create(request):
    permissions.require(permissions.can_manage_programmes(request.user))
    latest = WorkProgramme.objects.order_by("-year").first()
    initial = {"year": latest.year + 1, "goals": list(latest.goals.all())} if latest else {}
    form = ProgrammeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid() and (programme := _save(request, form)):
        messages.success(request, _("Het %(programme)s is aangemaakt.") % {"programme": programme})
        return redirect(programme)
    return render(request, "commitments/programmes/form.html", {"form": form, "title": _("Nieuw werkprogramma")})


def programme_edit(request, year):
    permissions.require(permissions.can_manage_programmes(request.user))
    programme = _programme(year)
    if programme.is_closed:
        messages.error(request, _("Een vastgesteld jaar wijzigt niet; heropen het eerst."))
        return redirect(programme)
    form = ProgrammeForm(request.POST or None, instance=programme)
    if request.method == "POST" and form.is_valid() and _save(request, form, programme):
        messages.success(request, _("De wijzigingen zijn opgeslagen."))
        return redirect(programme)
    title = _("Werkprogramma %(year)s wijzigen") % {"year": year}
    return render(request, "commitments/programmes/form.html", {"form": form, "programme": programme, "title": title})


@require_http_methods(["GET", "POST"])
def programme_close(request, year):
    """GET: what is still open (with links), or a confirmation; POST: close the year through the workflow."""
    permissions.require(permissions.can_close_year(request.user))
    programme = _programme(year)
    if programme.is_closed:
        messages.info(request, _("Het werkprogramma %(year)s is al vastgesteld.") % {"year": year})
        return redirect(programme)
    undecided = list(programme.commitments.open().select_related("domain", "owner").order_by("sequence"))
    delayed = list(programme.commitments.awaiting_carry_over().order_by("sequence"))
    next_programme = WorkProgramme.objects.filter(year=year + 1).first()
    # A form without fields checked posts nothing: bound by the method, not by the data.
    data = request.POST if request.method == "POST" else None
    form = CloseProgrammeForm(data, initial={"carry_over_delayed": bool(next_programme)})
    if request.method == "POST" and not undecided and form.is_valid():
        try:
            successors = workflow.close_programme(
                programme, by=request.user, carry_over_delayed=form.cleaned_data["carry_over_delayed"]
            )
        except workflow.WorkflowError as error:
            messages.error(request, error.message)
            return redirect("programme-close", year=year)
        messages.success(request, _("Het werkprogramma %(year)s is vastgesteld.") % {"year": year})
        if successors:
            messages.success(
                request,
                _("Overgeheveld naar %(next)s: %(references)s.")
                % {"next": successors[0].programme, "references": ", ".join(s.reference for s in successors)},
            )
        return redirect(programme)
    return render(
        request,
        "commitments/programmes/close.html",
        {
            "programme": programme,
            "undecided": undecided,
            "delayed": delayed,
            "next_programme": next_programme,
            "form": form,
            "may_manage": permissions.can_manage_programmes(request.user),
        },
        status=409 if request.method == "POST" and undecided else 200,
    )


@require_http_methods(["GET", "POST"])
def programme_reopen(request, year):
    permissions.require(permissions.can_manage_programmes(request.user))
    programme = _programme(year)
    if not programme.is_closed:
        messages.info(request, _("Het werkprogramma %(year)s is niet vastgesteld.") % {"year": year})
        return redirect(programme)
    form = ReasonForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            workflow.reopen_programme(programme, by=request.user, reason=form.cleaned_data["reason"])
        except workflow.WorkflowError as error:
            form.add_error("reason" if error.field == "reason" else None, error.message)
        else:
            messages.success(request, _("Het werkprogramma %(year)s is heropend.") % {"year": year})
            return redirect(programme)
    return render(
        request,
        "commitments/programmes/reopen.html",
        {"programme": programme, "form": form},
        status=400 if form.errors else 200,
    )
