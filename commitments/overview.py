"""Where a year stands: the counts of the year-end overview, its exports and the dashboard, made in the database.

Every figure is counted here and only here, so that the page, the CSV, the XLSX, the PDF and the dashboard
always agree. Each function runs a fixed number of queries, whatever the number of commitments.
"""

import datetime
from dataclasses import dataclass
from functools import cached_property

from django.core.paginator import Page, Paginator
from django.db.models import Count, F, OuterRef, Prefetch, Q, Subquery
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from commitments.models import (
    OPEN_STATUSES,
    Action,
    Commitment,
    DropKind,
    EvidenceLink,
    Review,
    Status,
)

REALISED = (Status.MET, Status.PARTLY_MET)
NEEDS_STAFF = (Status.PLANNED, Status.IN_PROGRESS)
DUE_SOON_DAYS = 30
# The overview page lists every commitment of a selection of at most this many (a year has 40 to 150; managers read
# and print it whole). A larger selection is listed one domain at a time, and a domain larger still a page at a time:
# the page's cost grows with what it lists (bench/results.md: 2,000 commitments took seconds).
LIST_AT_MOST = 200
PER_PAGE = 100
LONG_DATE = "j F Y"  # a date as the overview writes it: 3 maart 2025


def _status_counts():
    """One count per status and the total, as aggregates for aggregate() or values().annotate()."""
    counts = {status: Count("pk", filter=Q(status=status)) for status in Status.values}
    counts["total"] = Count("pk")
    return counts


@dataclass(frozen=True)
class StatusCounts:
    """The commitments of one row of a matrix (a domain, a goal, a year), counted per status."""

    key: str
    label: str
    counts: dict
    total: int

    @classmethod
    def from_row(cls, row, key="", label=""):
        return cls(
            key=key or "",
            label=label,
            counts={status: row.get(status) or 0 for status in Status.values},
            total=row.get("total") or 0,
        )

    @property
    def cells(self):
        """(status, label, count) in the order of the workflow."""
        return [(status, label, self.counts[status]) for status, label in Status.choices]

    @property
    def realised(self):
        return sum(self.counts[status] for status in REALISED)

    @property
    def undecided(self):
        """The commitments still without a verdict (planned, in progress, under review): while there are any, the
        account of the year is a draft."""
        return sum(self.counts[status] for status in OPEN_STATUSES)

    @property
    def decided(self):
        return self.total - self.undecided

    @property
    def counted(self):
        """The denominator of the realisation rate: all commitments except the dropped ones."""
        return self.total - self.counts[Status.DROPPED]

    @property
    def rate(self):
        """(met + partly met) / (all − dropped), DESIGN.md §3; None while nothing counts."""
        return self.realised / self.counted if self.counted else None

    @property
    def percentage(self):
        return None if self.rate is None else round(self.rate * 100, 1)

    @property
    def segments(self):
        """The stretches of a stacked bar: (status, label, count, start %, width %) for the statuses present."""
        stretches, start = [], 0.0
        for status, label, count in self.cells:
            if count:
                width = 100.0 * count / self.total
                stretches.append((status, label, count, round(start, 3), round(width, 3)))
                start += width
        return stretches


def _with_decision():
    """What a listed commitment shows of its verdict: the deciding step, its reviewer and the last submission's
    explanation (the reason of a delay or drop when the reviewer agreed without writing one); and its evidence."""
    return (
        Commitment.objects.select_related("domain", "decision__actor", "successor__programme")
        .prefetch_related(
            Prefetch(
                "evidence",
                queryset=EvidenceLink.objects.order_by(F("published_on").asc(nulls_last=True), "id"),
            ),
        )
        .with_latest_submission("submission_text")
    )


@dataclass(frozen=True)
class Listing:
    """What the overview page lists of its selection: `groups` [(domain, [commitment, ...])] of every commitment, of
    one page (`page`) of a domain over LIST_AT_MOST, or none when the selection is over LIST_AT_MOST and spans the
    domains (`choose_domain`: the page offers them instead, saying the `limit`)."""

    groups: list
    page: Page | None = None
    choose_domain: bool = False
    limit: int = 0


class YearOverview:
    """The overview of one programme, optionally of one domain and one goal. Each part is counted when first used."""

    def __init__(self, programme, *, domain=None, goal=None, empty=False):
        self.programme = programme
        self.domain = domain
        self.goal = goal
        selection = Commitment.objects.filter(programme=programme)
        if domain is not None:
            selection = selection.filter(domain=domain)
        if goal is not None:
            selection = selection.filter(goals=goal)
        self.selection = selection.none() if empty else selection

    @property
    def is_filtered(self):
        return self.domain is not None or self.goal is not None

    @property
    def annual_report_url(self):
        """The annual report's address, only if it is http(s): a stored value is never rendered as a link unchecked."""
        url = self.programme.annual_report_url
        return url if url.lower().startswith(("http://", "https://")) else ""

    def filename(self, extension):
        """jaaroverzicht-2024.csv, or jaaroverzicht-2024-politie-ketens.csv for a filtered overview."""
        parts = ["jaaroverzicht", str(self.programme.year)]
        parts += [part for part in (self.domain and self.domain.slug, self.goal and self.goal.code) if part]
        return f"{'-'.join(parts)}.{extension}"

    @property
    def is_final(self):
        """Closed (vastgesteld): the account is final. Until then every page and export of it says it is a draft."""
        return self.programme.is_closed

    @cached_property
    def closed_on(self):
        """The local date the year was closed, or None while it is open."""
        closed_at = self.programme.closed_at
        return timezone.localtime(closed_at).date() if closed_at else None

    @property
    def state(self):
        """The mark of the account, on every page and export: "CONCEPT" until the year is closed, then "Vastgesteld
        op 3 maart 2025" (in the reader's language)."""
        if self.is_final:
            return _("Vastgesteld op %(date)s") % {"date": date_format(self.closed_on, LONG_DATE)}
        return _("CONCEPT")

    @property
    def state_explanation(self):
        """What the mark means, with the number still undecided: the summary never claims more than is true."""
        if self.is_final:
            return _("Het werkprogramma %(year)s is vastgesteld op %(date)s; dit is de definitieve verantwoording.") % {
                "year": self.programme.year,
                "date": date_format(self.closed_on, LONG_DATE),
            }
        undecided, total = self.totals.undecided, self.totals.total
        if not undecided:
            return _("Alle voornemens zijn beoordeeld, maar het jaar is nog niet vastgesteld.")
        return ngettext(
            "Het jaar is nog niet vastgesteld: %(undecided)s van de %(total)s voornemens heeft nog geen oordeel.",
            "Het jaar is nog niet vastgesteld: %(undecided)s van de %(total)s voornemens hebben nog geen oordeel.",
            undecided,
        ) % {"undecided": undecided, "total": total}

    @cached_property
    def _totals_row(self):
        """The counts per status and of the dropped ones per kind, in one query (the decision is one-to-one)."""
        dropped = {
            f"dropped_{kind}": Count("pk", filter=Q(status=Status.DROPPED, decision__drop_kind=kind))
            for kind in DropKind.values
        }
        return self.selection.aggregate(**_status_counts(), **dropped)

    @cached_property
    def totals(self):
        return StatusCounts.from_row(self._totals_row, label=_("Totaal"))

    @cached_property
    def dropped_by_kind(self):
        """[(kind, label, count)] of the dropped commitments: ended by the programme itself, or dropped during the
        year. Both stay out of the realisation rate."""
        return [(kind, label, self._totals_row[f"dropped_{kind}"] or 0) for kind, label in DropKind.choices]

    @cached_property
    def by_domain(self):
        rows = (
            self.selection.values("domain__slug", "domain__name")
            .annotate(**_status_counts())
            .order_by("domain__name", "domain__slug")
        )
        return [StatusCounts.from_row(row, key=row["domain__slug"], label=row["domain__name"]) for row in rows]

    @cached_property
    def by_goal(self):
        """One row per MJP goal, in the order of the MJP; a commitment with two goals counts in both rows."""
        rows = (
            self.selection.values("goals__id", "goals__code", "goals__name")
            .annotate(**_status_counts())
            .order_by(F("goals__id").asc(nulls_last=True))
        )
        return [
            StatusCounts.from_row(row, key=row["goals__code"], label=row["goals__name"] or _("Zonder doel"))
            for row in rows
        ]

    def _listed(self, state_of_affairs=True):
        """The selection's commitments with their verdict, reviewer, evidence, successor and current state of affairs,
        by domain then number."""
        listed = _with_decision().filter(pk__in=self.selection.values("pk")).order_by("domain__name", "sequence")
        return listed.with_state_of_affairs() if state_of_affairs else listed

    def commitments(self, *, chunk_size=None, state_of_affairs=True):
        """Every commitment as the exports write it: with its programme, owner and goals as well; read in chunks
        when `chunk_size` is given, so that an export of any size streams. The machine format (CSV) has no state of
        affairs: `state_of_affairs=False` spares its query."""
        queryset = self._listed(state_of_affairs).select_related("programme", "owner").prefetch_related("goals")
        rows = queryset.iterator(chunk_size=chunk_size) if chunk_size else queryset
        return map(_with_account, rows)

    @cached_property
    def groups(self):
        """[(domain, [commitment, ...])] of every commitment, in the order of the page and the report."""
        return _grouped(self._listed())

    def listing(self, page_number=None):
        """What the page lists (a Listing): every commitment up to LIST_AT_MOST, else those of the chosen domain
        PER_PAGE at a time (page `page_number`), else none. The totals count for the pager: no query of its own."""
        if self.totals.total <= LIST_AT_MOST:
            return Listing(self.groups)
        if self.domain is None:
            return Listing([], choose_domain=True, limit=LIST_AT_MOST)
        paginator = Paginator(self._listed(), PER_PAGE)
        paginator.count = self.totals.total
        page = paginator.get_page(page_number)
        return Listing(_grouped(page.object_list), page)

    def evidence(self):
        """The evidence of the selected commitments, for the evidence sheet."""
        return (
            EvidenceLink.objects.filter(commitment__in=self.selection.values("pk"))
            .select_related("commitment")
            .order_by("commitment__sequence", F("published_on").asc(nulls_last=True), "id")
        )


def _with_account(commitment):
    """Adds what the overview reports of a verdict: `decided_on` (a local date) and `rationale`.

    The rationale is the reviewer's; when the reviewer agreed without writing one, they approved the
    submission's explanation, so that stands in for it (`rationale_is_explanation` says so).
    """
    decision = commitment.decision
    commitment.decided_on = timezone.localtime(decision.created_at).date() if decision else None
    own_text = decision.text if decision else ""
    commitment.rationale = own_text or (commitment.submission_text or "" if decision else "")
    commitment.rationale_is_explanation = bool(decision) and not own_text and bool(commitment.submission_text)
    return commitment


def _grouped(commitments):
    """[(domain, [commitment, ...])] of commitments in the order of their domains, each with its account and its
    dates written out ("3 maart 2025"). Each date is put in words once, not for every commitment again: this runs
    for every listed commitment, and the date filter was a large part of the page."""
    long_dates = {None: ""}

    def in_words(date):
        if date not in long_dates:
            long_dates[date] = date_format(date, LONG_DATE)
        return long_dates[date]

    groups = []
    for commitment in map(_with_account, commitments):
        commitment.decided_on_text = in_words(commitment.decided_on)
        commitment.due_date_text = in_words(commitment.due_date)
        commitment.expected_date_text = in_words(commitment.expected_date)
        if commitment.state_of_affairs:
            written_on = timezone.localtime(commitment.state_of_affairs.written_at).date()
            commitment.state_of_affairs.written_on_text = in_words(written_on)
        for item in commitment.evidence.all():
            item.published_on_text = in_words(item.published_on)
        if not groups or groups[-1][0] != commitment.domain:
            groups.append((commitment.domain, []))
        groups[-1][1].append(commitment)
    return groups


# --- the dashboard ----------------------------------------------------------------------------


def totals_by_year(programmes):
    """{year: StatusCounts} for the given programmes, in one query."""
    rows = (
        Commitment.objects.filter(programme__in=programmes)
        .values("programme__year")
        .annotate(**_status_counts())
        .order_by("programme__year")
    )
    counted = {row["programme__year"]: row for row in rows}
    return {
        programme.year: StatusCounts.from_row(counted.get(programme.year, {}), label=str(programme.year))
        for programme in programmes
    }


def _last_step():
    """The latest step that moved the status: a change of due date after a send-back leaves it sent back."""
    return (
        Review.objects.filter(commitment=OuterRef("pk"))
        .exclude(action=Action.CHANGE_DUE_DATE)
        .order_by("-created_at", "-id")
    )


def needing_action(user, today=None):
    """The user's open commitments that need them: overdue, due within 30 days, or sent back by a reviewer.
    Each carries `is_overdue_now`, `is_due_soon` and `is_sent_back` to say why."""
    today = today or timezone.localdate()
    soon = today + datetime.timedelta(days=DUE_SOON_DAYS)
    last_step = _last_step()
    rows = list(
        Commitment.objects.filter(owner=user, status__in=NEEDS_STAFF)
        .annotate(
            last_action=Subquery(last_step.values("action")[:1]),
            last_text=Subquery(last_step.values("text")[:1]),
        )
        .filter(Q(due_date__lte=soon) | Q(status=Status.IN_PROGRESS, last_action=Action.SEND_BACK))
        .select_related("programme", "domain")
        .order_by("due_date", "id")
    )
    for commitment in rows:
        commitment.is_overdue_now = commitment.due_date < today
        commitment.is_due_soon = today <= commitment.due_date <= soon
        commitment.is_sent_back = commitment.status == Status.IN_PROGRESS and commitment.last_action == Action.SEND_BACK
    return rows


def submissions_under_review(user):
    """Under review, owned or submitted by the user: what they wait for, the longest waiting first."""
    submitted = Review.objects.submissions().filter(actor=user).values("commitment_id")
    return (
        Commitment.objects.filter(Q(owner=user) | Q(pk__in=submitted))
        .awaiting_review()
        .select_related("programme", "domain")
    )


def overdue(programme, limit, today=None):
    """The programme's open commitments past their due date, longest overdue first, with their number."""
    late = Commitment.objects.filter(programme=programme).overdue(today or timezone.localdate())
    rows = list(late.select_related("programme", "domain", "owner").order_by("due_date", "id")[:limit])
    return rows, late.count()
