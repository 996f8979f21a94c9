"""Query budgets (issue 7): every page and file that lists commitments costs a fixed number of queries, the same for
a few commitments as for many. Measured at two sizes of realistic data (generate_bench_data: every status, evidence,
workflow steps and history), and held under a budget so that a new query per page is a decision, not an accident."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from bench.management.commands.generate_bench_data import BEHEERDER_USERNAME, MANAGER_USERNAME, REVIEWERS
from commitments import overview
from commitments.models import Action, Commitment, Status
from tests.conftest import bulk_commitments, count_queries

pytestmark = pytest.mark.django_db

SMALL, LARGE = 20, 90
REVIEWER_USERNAME = REVIEWERS[0][0]
LAST_YEAR = timezone.localdate().year - 1
# Each counts the request's own three (session, user, roles), as every logged-in page does.
BUDGETS = {
    "register": 11,  # + the filter choices (programme, domain, goal, owner), count, rows, cycles, bulk owners
    "register_csv": 5,  # + the rows and their goals, read side by side, at any size
    "register_excel_csv": 5,  # the CSV for Excel: the same two, with names and labels
    "register_xlsx": 6,  # + the count against exports.REGISTER_XLSX_AT_MOST (issue 18)
    "detail": 16,  # + the commitment and its parts (its states of affairs too), and the timeline's eight (timeline.py)
    "dashboard_staff": 15,  # a beheerder: every role's section
    "dashboard_reviewer": 6,  # + who took part in each queued cycle (four eyes)
    "dashboard_manager": 10,  # + the years of the picker
    "review_queue": 7,
    "overview": 13,  # + programme, years, the form's domains and goals, totals, two matrices, commitments, evidence
    "overview_domains": 10,  # over overview.LIST_AT_MOST: the domains to choose from instead of the commitments
    "overview_domain_page": 14,  # one domain a page at a time: + the domain; the pager counts nothing itself
    "overview_csv": 8,  # + the totals, against exports.OVERVIEW_EXPORT_AT_MOST (issue 18)
    "overview_excel_csv": 9,  # + the current states of affairs, which people read and the machine CSV has not
    "overview_xlsx": 12,
    "overview_docx": 9,  # + programme, totals (with the dropped ones by kind), commitments with goals and evidence
}


def grow(commitments):
    """More commitments in the last two programmes, as the workflow would have left them."""
    call_command("generate_bench_data", commitments=commitments, years=2, force=True, verbosity=0)


def read(response):
    assert response.status_code == 200, response.status_code
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def queries(client, username, path):
    """The queries of one request to `path`, logged in afresh (no session renewal in the count) after a warm-up."""
    client.force_login(get_user_model().objects.get(username=username))
    read(client.get(path))
    return count_queries(lambda: read(client.get(path)))


def at_two_sizes(client, username, path):
    grow(SMALL)
    small = queries(client, username, path)
    grow(LARGE - SMALL)
    return small, queries(client, username, path)


@pytest.mark.parametrize(
    ("budget", "username", "path"),
    [
        ("register", BEHEERDER_USERNAME, f"/commitments/?programme={LAST_YEAR}&sort=due_date&per_page=100"),
        ("register_csv", MANAGER_USERNAME, "/commitments/?_export=csv"),
        ("register_excel_csv", MANAGER_USERNAME, "/commitments/?_export=excel-csv"),
        ("register_xlsx", MANAGER_USERNAME, "/commitments/?_export=xlsx"),
        ("dashboard_reviewer", REVIEWER_USERNAME, "/"),
        ("dashboard_manager", MANAGER_USERNAME, "/"),
        ("review_queue", REVIEWER_USERNAME, "/reviews/"),
        ("overview", MANAGER_USERNAME, f"/overview/{LAST_YEAR}/"),
        ("overview_csv", MANAGER_USERNAME, f"/overview/{LAST_YEAR}/export.csv"),
        ("overview_excel_csv", MANAGER_USERNAME, f"/overview/{LAST_YEAR}/export-excel.csv"),
        ("overview_xlsx", MANAGER_USERNAME, f"/overview/{LAST_YEAR}/export.xlsx"),
        ("overview_docx", MANAGER_USERNAME, f"/overview/{LAST_YEAR}/export.docx"),
    ],
)
def test_a_page_costs_the_same_queries_for_few_and_many_commitments(client, budget, username, path):
    small, large = at_two_sizes(client, username, path)
    assert small == large <= BUDGETS[budget], (small, large)


def test_the_dashboard_of_a_staff_member_costs_the_same_for_few_and_many_of_their_commitments(client):
    grow(SMALL)
    owner = get_user_model().objects.get(username=BEHEERDER_USERNAME)
    small = queries(client, BEHEERDER_USERNAME, "/")
    programme = Commitment.objects.order_by("-programme__year").first().programme
    domain = owner.domains.first() or Commitment.objects.first().domain
    bulk_commitments(LARGE, programme=programme, domain=domain, owner=owner, due_date=timezone.localdate())
    large = queries(client, BEHEERDER_USERNAME, "/")
    assert small == large <= BUDGETS["dashboard_staff"], (small, large)


def test_the_detail_page_costs_the_same_for_a_short_and_a_long_history(client):
    grow(LARGE)
    short = Commitment.objects.filter(status=Status.IN_PROGRESS, reviews__action=Action.START).first()
    long = (
        Commitment.objects.filter(status=Status.MET, reviews__action=Action.SEND_BACK, successor__isnull=True)
        .exclude(pk=short.pk)
        .first()
    )
    assert long.reviews.count() > short.reviews.count()
    counts = [queries(client, BEHEERDER_USERNAME, c.get_absolute_url()) for c in (short, long)]
    assert counts[0] == counts[1] <= BUDGETS["detail"], counts


def test_an_overview_over_the_listing_limit_costs_the_same_for_few_and_many_commitments(client, monkeypatch):
    monkeypatch.setattr(overview, "LIST_AT_MOST", 3)
    monkeypatch.setattr(overview, "PER_PAGE", 2)
    grow(SMALL)
    domain = Commitment.objects.filter(programme__year=LAST_YEAR).values_list("domain__slug", flat=True).first()
    paths = [f"/overview/{LAST_YEAR}/", f"/overview/{LAST_YEAR}/?domain={domain}&page=2"]
    small = [queries(client, MANAGER_USERNAME, path) for path in paths]
    grow(LARGE - SMALL)
    large = [queries(client, MANAGER_USERNAME, path) for path in paths]
    assert Commitment.objects.filter(programme__year=LAST_YEAR, domain__slug=domain).count() > 4
    assert small == large, (small, large)
    assert large[0] <= BUDGETS["overview_domains"], large
    assert large[1] <= BUDGETS["overview_domain_page"], large
