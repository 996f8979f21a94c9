"""The programme document's curation pages: upload, progress, candidates, dry run and import (issue 15)."""

import io

from django.contrib import messages
from django.db import transaction
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from commitments import imports, permissions
from commitments.models import Domain, Goal
from intake import curation, reading, tasks
from intake.forms import AddCandidateForm, CandidateFormSet, UploadForm
from intake.models import Candidate, ProgrammeDocument


def may_curate(user):
    return permissions.can_import(user) or permissions.is_staff_member(user)


def _own_document(request, pk):
    """The user's own document, or 404: another's work in progress is nobody else's business."""
    permissions.require(may_curate(request.user))
    return get_object_or_404(ProgrammeDocument.objects.select_related("programme"), pk=pk, owner=request.user)


def upload(request):
    permissions.require(may_curate(request.user))
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        data = upload_file.read()
        try:
            kind = reading.kind_of(data)
            if kind == "pdf":
                reading.check_pdf(io.BytesIO(data))
        except reading.Refused as refusal:
            form.add_error("file", refusal.message)
        else:
            document = ProgrammeDocument.objects.create(
                owner=request.user,
                programme=form.cleaned_data["programme"],
                filename=upload_file.name[:255],
                kind=kind,
                data=data,
            )
            tasks.start_reading(document)
            return redirect("intake-document", pk=document.pk)
    documents = ProgrammeDocument.objects.owned_by(request.user).in_progress().select_related("programme")
    return render(
        request, "intake/upload.html", {"form": form, "documents": documents}, status=400 if form.errors else 200
    )


def status(request, pk):
    document = _own_document(request, pk)
    return JsonResponse(
        {
            "state": document.state,
            "pages_read": document.pages_read,
            "pages_total": document.pages_total,
            "percent": document.percent_read,
        }
    )


def document(request, pk):
    document = _own_document(request, pk)
    if document.state in (ProgrammeDocument.State.QUEUED, ProgrammeDocument.State.READING):
        response = render(request, "intake/progress.html", {"document": document})
        response["Refresh"] = "5"  # without the script, the browser asks again itself
        return response
    if document.state != ProgrammeDocument.State.READY:
        return render(request, "intake/done.html", {"document": document})
    queryset = document.candidates.all()
    domains = [(domain.slug, domain.name) for domain in Domain.objects.order_by("name")]
    goals = [(goal.code, goal.name) for goal in Goal.objects.filter(code__in=document.programme_goal_codes)]
    kwargs = {"queryset": queryset, "form_kwargs": {"domains": domains, "goals": goals}}
    formset = CandidateFormSet(request.POST or None, **kwargs)
    adding = request.POST.get("action") == "add"
    sections = list(dict.fromkeys(queryset.values_list("section", flat=True)))
    add_form = AddCandidateForm(request.POST if adding else None, prefix="add", sections=sections)
    if request.method == "POST":
        if not formset.is_valid() or (adding and not add_form.is_valid()):
            messages.error(request, _("Niet alles kon worden opgeslagen: zie de meldingen bij de kandidaten."))
            return _candidates_page(request, document, formset, add_form, status=400)
        if adding:
            with transaction.atomic():  # the edits posted with it and the addition, or neither
                formset.save()
                added = curation.add(document, **add_form.cleaned_data)
            messages.success(request, _("De kandidaat is toegevoegd en bewaard."))
            return redirect(reverse("intake-document", args=[document.pk]) + f"#kandidaat-{added.pk}")
        formset.save()
        response = _act(request, document)
        if response is not None:
            return response
        return redirect(reverse("intake-document", args=[document.pk]) + "#kandidaten")
    return _candidates_page(request, document, formset, add_form)


def _act(request, document):
    """The button pressed besides saving: a section at once, merge, split, or the dry run."""
    action = request.POST.get("action", "save")
    if action.startswith(("keep-section:", "discard-section:")):
        verb, section = action.split(":", 1)
        decision = Candidate.Decision.KEEP if verb == "keep-section" else Candidate.Decision.DISCARD
        count = curation.decide_section(document, section, decision)
        messages.success(request, _("%(count)d kandidaten van deze sectie bijgewerkt.") % {"count": count})
    elif action == "merge":
        chosen = [int(value) for value in request.POST.getlist("select") if value.isdigit()]
        if len(chosen) != 2 or document.candidates.filter(pk__in=chosen).count() != 2:
            messages.error(request, _("Kies precies twee kandidaten om samen te voegen."))
        else:
            curation.merge(document, *chosen)
            messages.success(request, _("De twee kandidaten zijn samengevoegd."))
    elif action.startswith("split:"):
        value = action.split(":", 1)[1]
        if not value.isdigit() or not document.candidates.filter(pk=value).exists():
            raise Http404
        try:
            curation.split(document, int(value))
            messages.success(request, _("De kandidaat is in zinnen gesplitst."))
        except curation.CurationRefused as refusal:
            messages.error(request, refusal.message)
    elif action == "dry-run":
        try:
            plan = curation.plan(document)
        except curation.CurationRefused as refusal:
            messages.error(request, refusal.message)
            return None
        return _report(request, document, plan)
    else:
        messages.success(request, _("Opgeslagen."))
    return None


def _candidates_page(request, document, formset, add_form, status=200):
    sections = []
    for form in formset:
        section = form.instance.section
        if not sections or sections[-1]["name"] != section:
            sections.append({"name": section, "forms": []})
        sections[-1]["forms"].append(form)
    counts = {
        "total": document.candidates.count(),
        "kept": document.candidates.filter(decision=Candidate.Decision.KEEP).count(),
        "discarded": document.candidates.filter(decision=Candidate.Decision.DISCARD).count(),
    }
    return render(
        request,
        "intake/candidates.html",
        {"document": document, "formset": formset, "add_form": add_form, "sections": sections, "counts": counts},
        status=status,
    )


def _report(request, document, plan):
    rows = {outcome: [row for row in plan.rows if row.outcome == outcome] for outcome in plan.counts()}
    may = curation.may_import(request.user, document)
    return render(
        request,
        "intake/report.html",
        {"document": document, "plan": plan, "rows": rows, "counts": plan.counts(), "may_import": may},
        status=200 if plan.is_valid else 400,
    )


@require_POST
def import_kept(request, pk):
    document = _own_document(request, pk)
    permissions.require(curation.may_import(request.user, document))
    try:
        plan, counts = curation.apply(document, by=request.user)
    except (curation.CurationRefused, imports.ImportRefused) as refusal:
        messages.error(request, refusal.message)
        return redirect("intake-document", pk=document.pk)
    messages.success(
        request,
        _("%(created)d voornemens uit %(file)s zijn in het register opgenomen.")
        % {"created": counts.get("created", 0), "file": document.filename},
    )
    return redirect(reverse("register") + f"?programme={document.programme.year}")


@require_POST
def restart(request, pk):
    document = _own_document(request, pk)
    if document.is_open and document.state != ProgrammeDocument.State.READY:
        tasks.start_reading(document)
    return redirect("intake-document", pk=document.pk)


@require_POST
def discard(request, pk):
    document = _own_document(request, pk)
    if document.is_open:
        ProgrammeDocument.objects.filter(pk=document.pk).update(state=ProgrammeDocument.State.DISCARDED)
        document.candidates.all().delete()
        messages.success(request, _("%(file)s is weggegooid; er is niets geïmporteerd.") % {"file": document.filename})
    return redirect("intake-upload")
