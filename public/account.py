"""What the public sees of a year (DESIGN.md §9): only a closed year, and of it only what is public.

Never public: notes, names of staff, evidence of kind `internal`, the history. The public pages, their open data
and the API's anonymous answers all read through here, so that they show the same and nothing more.
"""

from django import forms
from django.db.models import F, Prefetch, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commitments.forms import OverviewFilterForm
from commitments.models import (
    Commitment,
    EvidenceKind,
    EvidenceLink,
    Verdict,
    WorkProgramme,
)
from commitments.overview import YearOverview

PUBLIC_EVIDENCE = ~Q(kind=EvidenceKind.INTERNAL)


def closed_programmes():
    return WorkProgramme.objects.closed().order_by("-year")


def closed_programme(year):
    """The closed programme of `year`; an open or unknown year is not there (404)."""
    programme = closed_programmes().filter(year=year).first()
    if programme is None:
        raise Http404
    return programme


def public_evidence():
    return EvidenceLink.objects.filter(PUBLIC_EVIDENCE).order_by(F("published_on").asc(nulls_last=True), "id")


def with_public_account(queryset):
    """Commitments with what their public account shows, in a fixed number of queries: domain, programme, goals,
    the deciding step (without its reviewer), the last submission's explanation and the public evidence."""
    return (
        queryset.select_related("programme", "domain", "decision")
        .prefetch_related("goals", Prefetch("evidence", queryset=public_evidence(), to_attr="public_evidence"))
        .with_latest_submission("submission_text")
    )


def explanation(commitment):
    """The public explanation of a verdict: the reviewer's rationale, else the submission's explanation that the
    reviewer approved (overview._with_account)."""
    decision = commitment.decision
    if decision is None:
        return ""
    return decision.text or getattr(commitment, "submission_text", None) or ""


def decided_on(commitment):
    return timezone.localtime(commitment.decision.created_at).date() if commitment.decision else None


class PublicFilterForm(OverviewFilterForm):
    """The filters of a public year: those of the overview, `domain` (slug) and `goal` (code), and a `verdict` and
    a text `q`."""

    verdict = forms.ChoiceField(
        choices=[("", _("Alle oordelen")), *Verdict.choices], required=False, label=_("oordeel")
    )
    q = forms.CharField(max_length=200, required=False, label=_("zoeken"))


def search(queryset, text):
    text = text.strip()
    if not text:
        return queryset
    return queryset.filter(Q(reference__icontains=text) | Q(title__icontains=text) | Q(statement__icontains=text))


class PublicYear:
    """A closed year as the public reads it: the overview's figures of the selection that the filters make (one
    place counts them: commitments.overview), and its commitments with their public account. It holds a
    YearOverview for the figures only: the overview's own listing shows reviewers and internal evidence."""

    def __init__(self, programme, *, domain=None, goal=None, verdict="", q="", empty=False):
        self.programme = programme
        self.domain, self.goal, self.verdict, self.q = domain, goal, verdict, q
        self._figures = YearOverview(programme, domain=domain, goal=goal, empty=empty)
        if verdict:
            self._figures.selection = self._figures.selection.filter(status=verdict)
        self._figures.selection = search(self._figures.selection, q)
        self.selection = self._figures.selection

    @property
    def is_filtered(self):
        return any((self.domain, self.goal, self.verdict, self.q.strip()))

    @property
    def totals(self):
        return self._figures.totals

    @property
    def by_domain(self):
        return self._figures.by_domain

    @property
    def by_goal(self):
        return self._figures.by_goal

    @property
    def annual_report_url(self):
        return self._figures.annual_report_url

    def filename(self, extension):
        return self._figures.filename(extension).replace("jaaroverzicht", "verantwoording", 1)

    def public_commitments(self):
        return with_public_account(Commitment.objects.filter(pk__in=self.selection.values("pk"))).order_by(
            "domain__name", "sequence"
        )


def year_for_request(programme, params):
    """(PublicYear, form) for the query; unknown filter values give the form's errors and an empty selection."""
    form = PublicFilterForm(params or None)
    if not form.is_bound:
        return PublicYear(programme), form
    if not form.is_valid():
        return PublicYear(programme, empty=True), form
    data = form.cleaned_data
    return PublicYear(programme, domain=data["domain"], goal=data["goal"], verdict=data["verdict"], q=data["q"]), form


def public_commitment(programme, reference):
    """One commitment of a closed year with its public account, or 404."""
    if "\x00" in reference:
        raise Http404
    commitment = with_public_account(Commitment.objects.filter(programme=programme, reference=reference)).first()
    if commitment is None:
        raise Http404
    return commitment


def record(commitment):
    """A commitment's public account as open data: codes, labels, ISO dates; camelCase names as in the API."""
    decision = commitment.decision
    return {
        "reference": commitment.reference,
        "programme": commitment.programme.year,
        "title": commitment.title,
        "statement": commitment.statement,
        "sourceLocation": commitment.source_location,
        "kind": commitment.kind,
        "domain": commitment.domain.slug,
        "domainName": commitment.domain.name,
        "goals": [goal.code for goal in commitment.goals.all()],
        "dueDate": commitment.due_date.isoformat(),
        "expectedDate": commitment.expected_date.isoformat() if commitment.expected_date else None,
        "verdict": decision.verdict if decision else None,
        "verdictLabel": str(decision.get_verdict_display()) if decision else None,
        "dropKind": (decision.drop_kind or None) if decision else None,
        "explanation": explanation(commitment),
        "annualReportReference": decision.annual_report_reference if decision else "",
        "decidedOn": decided_on(commitment).isoformat() if decision else None,
        "evidence": [
            {
                "title": item.title,
                "url": item.safe_url,
                "kind": item.kind,
                "publishedOn": item.published_on.isoformat() if item.published_on else None,
            }
            for item in commitment.public_evidence
        ],
    }


def with_dates(commitments):
    """The listed commitments, each with `explanation` and `decided_on` for the page."""
    rows = list(commitments)
    for item in rows:
        item.explanation = explanation(item)
        item.decided_on = decided_on(item)
    return rows
