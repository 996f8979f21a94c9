"""A year with every kind of outcome, made through the workflow as people would, and a reader for the tables of a
page. Shared by the tests of the overview, its exports, the export command and the dashboard."""

from collections import Counter
from html.parser import HTMLParser

from commitments import workflow
from commitments.models import Commitment, Domain, Goal, Status, WorkProgramme
from tests.builders import advance
from tests.conftest import persona

# (domain, status it ends in, goal codes): a known mix, counted independently by expected_counts().
MIX = [
    ("politie", Status.MET, ["ketens"]),
    ("politie", Status.MET, ["ketens", "veerkracht"]),
    ("politie", Status.PARTLY_MET, ["lerend-vermogen"]),
    ("politie", Status.DELAYED, ["veerkracht"]),
    ("politie", Status.DROPPED, []),
    ("politie", Status.UNDER_REVIEW, ["ketens"]),
    ("politie", Status.IN_PROGRESS, []),
    ("politie", Status.PLANNED, ["burgerperspectief"]),
    ("migratie", Status.MET, ["burgerperspectief"]),
    ("migratie", Status.DELAYED, ["ketens"]),
    ("migratie", Status.DROPPED, ["veerkracht"]),
    ("migratie", Status.PLANNED, []),
]
SENT_BACK = "sent_back"
STAFF_BY_DOMAIN = {"politie": "alice", "migratie": "dave"}


def expected_counts(mix, *, domain=None, goal=None):
    """Counter of statuses (and "total") over the plan itself, not over the database."""
    statuses = [
        status for slug, status, goals in mix if (domain is None or slug == domain) and (goal is None or goal in goals)
    ]
    counts = Counter(statuses)
    counts["total"] = len(statuses)
    return counts


def rate_text(counts):
    """The realisation rate as the Dutch page shows it: 42,9%."""
    counted = counts["total"] - counts[Status.DROPPED]
    if not counted:
        return "—"
    return f"{100 * (counts[Status.MET] + counts[Status.PARTLY_MET]) / counted:.1f}%".replace(".", ",")


def create(programme, domain, owner, title, goals=(), **fields):
    return workflow.create_commitment(
        by=owner,
        programme=programme,
        title=title,
        statement=f"{title}: de tekst in het werkprogramma.",
        kind="publication",
        domain=domain,
        owner=owner,
        goals=list(Goal.objects.filter(code__in=goals)),
        **fields,
    )


def make_year(programme, *, staff_by_domain, reviewer, mix=MIX):
    """The commitments of `mix`, each owned by the staff member of its domain, in the order of the mix."""
    made = []
    for number, (slug, status, goals) in enumerate(mix, start=1):
        staff, domain = staff_by_domain[slug]
        commitment = create(programme, domain, staff, f"Voornemen {number} van {slug}", goals)
        made.append(advance(commitment, status, staff=staff, reviewer=reviewer))
    return made


def year_of_every_outcome():
    """`make_year` of the Werkprogramma 2024 with the personas: alice in politie, dave in migratie, bob reviewing."""
    programme = WorkProgramme.objects.get(year=2024)
    staff_by_domain = {slug: (persona(name), Domain.objects.get(slug=slug)) for slug, name in STAFF_BY_DOMAIN.items()}
    return make_year(programme, staff_by_domain=staff_by_domain, reviewer=persona("bob"))


def make_many(n, programme, *, domain, staff, reviewer):
    """`n` commitments of `staff` cycling through every status and a send-back, each decided one with evidence:
    data for query budgets. They are created directly, which is quicker at this size (the workflow validates every
    constraint with a query); every step after that goes through the workflow."""
    ketens = Goal.objects.get(code="ketens")
    outcomes = [*Status.values, SENT_BACK]
    made = []
    for number in range(n):
        commitment = Commitment.objects.create(
            programme=programme,
            title=f"Voornemen {number}",
            statement=f"Tekst van voornemen {number}.",
            domain=domain,
            owner=staff,
            due_date=programme.default_due_date,
        )
        if number % 2:
            commitment.goals.add(ketens)
        outcome = outcomes[number % len(outcomes)]
        if outcome == SENT_BACK:
            advance(commitment, Status.UNDER_REVIEW, staff=staff, reviewer=reviewer)
            workflow.review(commitment, by=reviewer, decision="send_back", rationale="Bewijs ontbreekt nog.")
        else:
            advance(commitment, outcome, staff=staff, reviewer=reviewer)
        made.append(commitment)
    return made


class _Tables(HTMLParser):
    """Collects every <table> as {caption: [[cell text, ...], ...]}, header and footer rows included."""

    def __init__(self):
        super().__init__()
        self.tables, self._caption, self._rows, self._cell, self._in_caption = {}, "", None, None, False

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self._caption, self._rows = "", []
        elif tag == "caption":
            self._in_caption = True
        elif tag == "tr" and self._rows is not None:
            self._rows.append([])
        elif tag in ("td", "th") and self._rows is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "table" and self._rows is not None:
            self.tables[" ".join(self._caption.split())] = self._rows
            self._rows = None
        elif tag == "caption":
            self._in_caption = False
        elif tag in ("td", "th") and self._cell is not None:
            self._rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data):
        if self._in_caption:
            self._caption += data
        elif self._cell is not None:
            self._cell.append(data)


def tables(html):
    parser = _Tables()
    parser.feed(html if isinstance(html, str) else html.decode())
    return parser.tables
