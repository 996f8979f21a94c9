"""The register: list, detail, create and edit of commitments, their evidence and notes."""

from urllib.parse import quote

from django.contrib import messages
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from commitments import exports, permissions, workflow
from commitments.filters import MINE, CommitmentFilter, chips
from commitments.forms import BulkStepForm, CommitmentForm, EvidenceForm, NoteForm, StateOfAffairsForm
from commitments.models import Commitment, EvidenceLink, WorkProgramme, prefetch_cycle_participants
from commitments.people import person_label
from commitments.tables import CommitmentTable
from commitments.timeline import timeline_for
from commitments.views.access import get_commitment_for
from commitments.views.limits import too_large
from wpsite import downloads

PER_PAGE_DEFAULT, PER_PAGE_MIN, PER_PAGE_MAX = 25, 10, 100
REGISTER_FIELDS = (
    "reference",
    "title",
    "due_date",
    "status",
    "domain__name",
    "owner__username",
    "owner__first_name",
    "owner__last_name",
    # What permissions.status_steps asks of each row: the year's state, and whether it was carried over.
    "programme__year",
    "programme__closed_at",
    "successor__id",
)


# ?_export=: the commitment file format (csv, xlsx: the import's), and the CSV for Excel, for people.
EXPORT_FORMATS = ("csv", "xlsx", "excel-csv")


def _register_file(request, queryset, export_format):
    """What is filtered as a file: the CSVs streamed, the XLSX up to exports.REGISTER_XLSX_AT_MOST rows."""
    if export_format == "csv":
        return downloads.csv_download(exports.register_csv(queryset), "voornemens.csv")
    if export_format == "excel-csv":
        return downloads.csv_download(exports.register_excel_csv(queryset), "voornemens-excel.csv")
    if (total := queryset.count()) > exports.REGISTER_XLSX_AT_MOST:
        return too_large(request, total, exports.REGISTER_XLSX_AT_MOST, file_format="xlsx")
    return downloads.xlsx_download(lambda output: exports.write_register_xlsx(queryset, output), "voornemens.xlsx")


def _with_owner_mine(query):
    """The address of "Mijn voornemens": the same filters with the owner whoever reads; None when it is so already."""
    if query.get("owner") == MINE:
        return None
    mine = query.copy()
    mine["owner"] = MINE
    mine.pop("page", None)
    return mine.urlencode()


class RegisterView(SingleTableMixin, FilterView):
    """Filter, sort and page through the commitments; `?_export=csv|xlsx|excel-csv` exports what is filtered."""

    model = Commitment
    table_class = CommitmentTable
    filterset_class = CommitmentFilter
    template_name = "commitments/register.html"

    def dispatch(self, request, *args, **kwargs):
        permissions.require(permissions.can_read(request.user))
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        # The table does not select_related for us (django-tables2 #652); and it needs only what its cells show
        # (commitments/_register_table.html), not the statement's text nor the owner's password hash.
        return (
            Commitment.objects.select_related("domain", "owner", "programme", "successor")
            .only(*REGISTER_FIELDS)
            .order_by("programme__year", "sequence")
        )

    def get_table_pagination(self, table):
        try:
            per_page = int(self.request.GET.get("per_page", PER_PAGE_DEFAULT))
        except ValueError:
            per_page = PER_PAGE_DEFAULT
        return {"per_page": min(max(per_page, PER_PAGE_MIN), PER_PAGE_MAX)}

    def get(self, request, *args, **kwargs):
        export_format = request.GET.get("_export")
        if export_format in EXPORT_FORMATS:
            filterset = self.get_filterset(self.get_filterset_class())
            queryset = filterset.qs if filterset.is_valid() else filterset.queryset.none()
            return _register_file(request, queryset, export_format)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        query.pop("_export", None)
        context["export_query"] = query.urlencode()
        context["per_page_choices"] = (10, 25, 50, 100)
        # The column headers sort too, but a narrow screen hides them (a row is a card there).
        context["sort_choices"] = [
            (prefix + column.name, label % {"column": column.header})
            for column in context["table"].columns
            if column.orderable
            for prefix, label in (("", _("%(column)s, oplopend")), ("-", _("%(column)s, aflopend")))
        ]
        context["sort"] = self.request.GET.get("sort", "")
        context["filters_in_use"] = sum(1 for name in context["filter"].form.fields if any(query.getlist(name)))
        user, table = self.request.user, context["table"]
        page = [row.record for row in table.paginated_rows]
        prefetch_cycle_participants(page)  # the four-eyes question of status_steps, for the page at once
        for commitment in page:
            commitment.steps = permissions.status_steps(user, commitment)
        # The table's template sees the table and the request only (django-tables2's render_table).
        table.takes_bulk_steps = permissions.can_take_bulk_steps(user)
        table.here = self.request.get_full_path()
        table.back = f"?next={quote(table.here, safe='/')}"  # a row's step returns here
        table.pager_query = context["export_query"]  # the filters, the sorting and the page size, without the page
        if table.takes_bulk_steps:
            context["bulk_form"] = BulkStepForm()
        context["query"] = self.request.GET.urlencode()
        context["chips"] = chips(context["filter"].form, self.request.GET)
        context["mine_query"] = _with_owner_mine(self.request.GET)
        return context


@require_POST
def bulk_steps(request):
    """One step on every commitment selected in the register, all or none, and a summary of what changed or why
    nothing did; then back to the register as it was filtered."""
    permissions.require(permissions.can_take_bulk_steps(request.user))
    query = QueryDict(request.POST.get("query", "")).urlencode()  # the filters as they were, and nothing else
    back = reverse("register") + (f"?{query}" if query else "")
    form = BulkStepForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(back)
    step = form.cleaned_data["step"]
    commitments = list(form.cleaned_data["commitments"].select_related("programme", "domain"))
    taken, refused = workflow.take_step_on_each(step, commitments, by=request.user, **form.step_fields())
    if refused:
        messages.error(
            request,
            ngettext(
                "Er is niets gewijzigd: %(count)s van de %(total)s gekozen voornemens kan dit niet.",
                "Er is niets gewijzigd: %(count)s van de %(total)s gekozen voornemens kunnen dit niet.",
                len(refused),
            )
            % {"count": len(refused), "total": len(commitments)},
        )
        for commitment, message in refused:
            messages.error(request, f"{commitment.reference}: {message}")
    else:
        messages.success(request, _bulk_done(step, taken, form.cleaned_data.get("owner")))
    return redirect(back)


def _bulk_done(step, taken, owner):
    values = {"count": len(taken), "references": ", ".join(c.reference for c in taken)}
    if step == "assign_owner":
        values["owner"] = person_label(owner)
        return (
            ngettext(
                "%(owner)s is eigenaar van %(count)s voornemen: %(references)s.",
                "%(owner)s is eigenaar van %(count)s voornemens: %(references)s.",
                len(taken),
            )
            % values
        )
    if step == "start":
        return (
            ngettext(
                "%(count)s voornemen gestart: %(references)s.",
                "%(count)s voornemens gestart: %(references)s.",
                len(taken),
            )
            % values
        )
    return (
        ngettext(
            "%(count)s voornemen overgeheveld: %(references)s.",
            "%(count)s voornemens overgeheveld: %(references)s.",
            len(taken),
        )
        % values
    )


def commitment_detail(request, reference):
    commitment = get_commitment_for(request.user, reference)
    evidence = list(commitment.evidence.select_related("added_by"))
    progress_updates = list(commitment.progress_updates.select_related("written_by"))  # the current one first
    return render(
        request,
        "commitments/detail.html",
        {
            "commitment": commitment,
            "goals": list(commitment.goals.all()),
            "evidence": evidence,
            "timeline": timeline_for(commitment),
            "actions": permissions.commitment_actions(request.user, commitment),
            "successor": commitment.carried_over_to,
            "note_form": NoteForm(),
            "evidence_form": EvidenceForm(auto_id="evidence_%s"),
            "state_of_affairs": progress_updates[0] if progress_updates else None,
            "earlier_states_of_affairs": progress_updates[1:],
            "state_of_affairs_form": StateOfAffairsForm(),
        },
    )


def commitment_create(request):
    permissions.require(permissions.can_create(request.user))
    initial = {"programme": WorkProgramme.objects.order_by("-year").first()}
    form = CommitmentForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        fields = form.cleaned_data.copy()
        try:
            commitment = workflow.create_commitment(
                by=request.user,
                programme=fields.pop("programme"),
                goals=fields.pop("goals"),
                **fields,
            )
        except workflow.WorkflowError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("Voornemen %(reference)s is aangemaakt.") % {"reference": commitment.reference})
            return redirect(commitment)
    return render(request, "commitments/form.html", {"form": form, "title": _("Nieuw voornemen")})


def commitment_edit(request, reference):
    commitment = get_commitment_for(request.user, reference, permissions.can_edit)
    saved_title = commitment.title  # validating the form puts what was typed on the instance
    form = CommitmentForm(request.POST or None, instance=commitment, user=request.user)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            version = int(request.POST.get("version", ""))
        except ValueError:
            version = None
        try:
            workflow.update_commitment(
                commitment,
                by=request.user,
                version=version,
                changes=form.changes(),
                goals=form.cleaned_data["goals"],
                due_date_reason=form.cleaned_data.get("due_date_reason", ""),
            )
        except workflow.StaleVersion as error:
            conflict = error
        except workflow.WorkflowError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("De wijzigingen zijn opgeslagen."))
            return redirect(commitment)
    version = conflict.current.version if conflict else commitment.version
    if request.method == "POST" and not conflict:
        version = request.POST.get("version", commitment.version)
    return render(
        request,
        "commitments/form.html",
        {
            "form": form,
            "commitment": commitment,
            "saved_title": conflict.current.title if conflict else saved_title,
            "version": version,
            "conflict": conflict,
            "title": _("%(reference)s wijzigen") % {"reference": commitment.reference},
        },
        status=409 if conflict else 200,
    )


def evidence_create(request, reference):
    commitment = get_commitment_for(request.user, reference, permissions.can_edit)
    form = EvidenceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            workflow.add_evidence(commitment, by=request.user, **form.cleaned_data)
        except workflow.WorkflowError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("Het bewijs is toegevoegd."))
            return redirect(commitment)
    return render(request, "commitments/evidence_form.html", {"form": form, "commitment": commitment})


@require_http_methods(["GET", "POST"])
def evidence_delete(request, reference, pk):
    """GET asks to confirm; POST removes the link (its removal stays in the timeline, with who and when)."""
    commitment = get_commitment_for(request.user, reference, permissions.can_edit)
    evidence = get_object_or_404(EvidenceLink, pk=pk, commitment=commitment)
    if request.method == "GET":
        return render(request, "commitments/evidence_delete.html", {"commitment": commitment, "evidence": evidence})
    try:
        workflow.remove_evidence(evidence, by=request.user)
    except workflow.WorkflowError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Het bewijs is verwijderd."))
    return redirect(commitment)


@require_POST
def state_of_affairs_update(request, reference):
    """A new state of affairs, from the form on the detail page; back to that page, which shows it."""
    commitment = get_commitment_for(request.user, reference, permissions.can_update_state_of_affairs)
    form = StateOfAffairsForm(request.POST)
    if form.is_valid():
        try:
            workflow.update_state_of_affairs(commitment, by=request.user, text=form.cleaned_data["text"])
        except workflow.WorkflowError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("De stand van zaken is bijgewerkt."))
    else:
        messages.error(request, _("Een stand van zaken kan niet leeg zijn en is ten hoogste 5000 tekens."))
    return redirect(f"{commitment.get_absolute_url()}#state-of-affairs-heading")


@require_POST
def note_create(request, reference):
    commitment = get_commitment_for(request.user, reference, permissions.can_add_note)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            workflow.add_note(commitment, by=request.user, text=form.cleaned_data["text"])
        except workflow.WorkflowError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("De notitie is geplaatst."))
    else:
        messages.error(request, _("Een notitie kan niet leeg zijn en is ten hoogste 5000 tekens."))
    return redirect(commitment)
