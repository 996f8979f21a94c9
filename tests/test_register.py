"""The register: every filter, sorting, pagination, exports that parse back, and a fixed query count."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.utils import timezone

from commitments import fileformat, workflow
from commitments.models import Commitment, Goal, WorkProgramme
from tests.conftest import bulk_commitments, count_queries, make_commitments

# session, user, roles, the user's domains (may they create), filter choices (programme, domain, goal, owner), count,
# rows: a filter in use is checked against its choices, not read once more; and the people the bulk actions can make
# owner. A page with commitments under review reads who took part in their cycles too, one query more (the four-eyes
# question of a row's status steps: tests/test_query_budgets.py, whose data has every status).
REGISTER_QUERIES = 11
# session, user, roles, the rows and their goals
EXPORT_QUERIES = 5


@pytest.fixture
def mixed(programme, politie, migratie, alice, dave):
    """Commitments across domains, goals, owners and dates, to filter; only `hack` is past its due date."""
    next_month = timezone.localdate() + datetime.timedelta(days=30)
    po21 = workflow.create_commitment(
        by=alice,
        programme=programme,
        title="Publicatie onderzoek PO21",
        statement="Het onderzoek naar de basispolitieopleiding PO21 wordt in 2024 gepubliceerd.",
        kind="publication",
        domain=politie,
        owner=alice,
        goals=[Goal.objects.get(code="ketens")],
        due_date=next_month,
    )
    hack = workflow.create_commitment(
        by=alice,
        programme=programme,
        title="Toezicht hackbevoegdheid",
        statement="Het toezicht op de hackbevoegdheid van de politie.",
        kind="supervision",
        domain=politie,
        goals=[Goal.objects.get(code="lerend-vermogen")],
        due_date=datetime.date(2020, 1, 1),
    )
    opvang = workflow.create_commitment(
        by=dave,
        programme=programme,
        title="Opvang statushouders",
        statement="Onderzoek naar de situatie van statushouders in de opvang.",
        kind="supervision",
        domain=migratie,
        owner=dave,
        due_date=next_month + datetime.timedelta(days=1),
    )
    return {"po21": po21, "hack": hack, "opvang": opvang}


def references(response):
    return [row.record.reference for row in response.context["table"].page.object_list]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["po21", "hack", "opvang"]),
        ("programme=2024", ["po21", "hack", "opvang"]),
        ("domain=politie", ["po21", "hack"]),
        ("domain=migratie", ["opvang"]),
        ("goal=ketens", ["po21"]),
        ("goal=lerend-vermogen", ["hack"]),
        ("status=planned", ["po21", "hack", "opvang"]),
        ("status=met", []),
        ("owner=alice", ["po21"]),
        ("owner=dave", ["opvang"]),
        ("overdue=1", ["hack"]),
        ("overdue=0", ["po21", "opvang"]),
        ("q=statushouders", ["opvang"]),
        ("q=po21", ["po21"]),
        ("q=WP2024-002", ["hack"]),
        ("domain=politie&goal=ketens", ["po21"]),
    ],
)
def test_each_filter_selects_what_it_says(client_for, alice, mixed, query, expected):
    response = client_for(alice).get(f"/commitments/?{query}")
    assert response.status_code == 200
    assert references(response) == [mixed[name].reference for name in expected]


def test_the_owner_filter_names_each_owner_as_the_commitment_form_does(client_for, alice, mixed):
    page = client_for(alice).get("/commitments/?owner=alice").content.decode()

    assert '<option value="alice" selected>Alice de Vries (alice)</option>' in page


@pytest.mark.parametrize(
    "query", ["programme=1999", "domain=nowhere", "goal=nothing", "status=done", "owner=ghost", "overdue=maybe"]
)
def test_an_unknown_filter_value_gives_an_empty_list_with_a_form_error_never_a_500(client_for, alice, mixed, query):
    response = client_for(alice).get(f"/commitments/?{query}")
    assert response.status_code == 200
    assert references(response) == []
    assert response.context["filter"].form.errors


def test_the_overdue_filter_does_not_count_decided_commitments(client_for, alice, mixed, erin, bob):
    hack = mixed["hack"]
    workflow.start(hack, by=alice)
    workflow.submit(hack, by=alice, proposed_verdict="dropped", explanation="Niet meer nodig.")
    workflow.review(
        hack,
        by=bob,
        decision="approve",
        verdict="dropped",
        annual_report_reference="Jaarbericht 2024, p. 14",
        drop_kind="during_year",
    )
    assert references(client_for(alice).get("/commitments/?overdue=1")) == []


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("title", ["opvang", "po21", "hack"]),
        ("-title", ["hack", "po21", "opvang"]),
        ("due_date", ["hack", "po21", "opvang"]),
        ("domain", ["opvang", "po21", "hack"]),
        ("reference", ["po21", "hack", "opvang"]),
        ("-reference", ["opvang", "hack", "po21"]),
    ],
)
def test_the_register_sorts_by_its_columns(client_for, alice, mixed, sort, expected):
    response = client_for(alice).get(f"/commitments/?sort={sort}")
    assert references(response) == [mixed[name].reference for name in expected]


def test_the_sort_choice_offers_every_sortable_column_both_ways_and_shows_the_current_one(client_for, alice, mixed):
    response = client_for(alice).get("/commitments/?sort=-due_date")

    choices = response.context["sort_choices"]
    assert [value for value, _ in choices] == [
        f"{prefix}{name}"
        for name in ("reference", "title", "domain", "owner", "due_date", "status")
        for prefix in ("", "-")
    ]
    assert ("-due_date", "Deadline, aflopend") in choices
    assert '<option value="-due_date" selected>Deadline, aflopend</option>' in response.content.decode()
    for value, _ in choices:  # each choice is a sort the table takes
        table = client_for(alice).get(f"/commitments/?sort={value}").context["table"]
        assert [str(alias) for alias in table.order_by] == [value]


def test_on_a_narrow_screen_each_cell_names_its_column(client_for, alice, mixed):
    page = client_for(alice).get("/commitments/").content.decode()

    for label in ("Toezichtgebied", "Eigenaar", "Deadline", "Status"):
        assert page.count(f'data-label="{label}"') == len(mixed)


def test_the_filters_say_how_many_are_in_use_and_may_fold_away_on_a_narrow_screen_only_when_none_is(
    client_for, alice, mixed
):
    client = client_for(alice)
    plain = client.get("/commitments/?sort=-title&per_page=50").content.decode()
    filtered = client.get("/commitments/?domain=politie&status=planned&status=in_progress&q=&sort=-title").content
    filtered = filtered.decode()

    assert '<details class="filter-panel" open data-fold-when-narrow>' in plain  # sort and page are no filters
    assert "in gebruik" not in plain
    assert '<details class="filter-panel" open data-fold-when-narrow data-in-use>' in filtered
    assert "(2 in gebruik)" in filtered
    assert '<script src="/static/js/register.js"></script>' in plain


def test_pages_neither_repeat_nor_skip_rows_when_sorting_on_a_shared_value(client_for, alice, programme, politie):
    bulk_commitments(25, programme=programme, domain=politie)  # one due date for all
    client = client_for(alice)
    seen = []
    for page in (1, 2, 3):
        seen += references(client.get(f"/commitments/?sort=due_date&per_page=10&page={page}"))
    assert sorted(seen) == sorted(Commitment.objects.values_list("reference", flat=True))


def test_the_pager_is_the_sites_and_keeps_the_filters_sorting_and_page_size(client_for, alice, programme, politie):
    bulk_commitments(25, programme=programme, domain=politie)
    html = client_for(alice).get("/commitments/?domain=politie&sort=due_date&per_page=10&page=2").content.decode()
    assert '<span aria-current="page">Pagina 2 van 3</span>' in html
    assert 'href="?domain=politie&amp;sort=due_date&amp;per_page=10&amp;page=1" rel="prev"' in html
    assert 'href="?domain=politie&amp;sort=due_date&amp;per_page=10&amp;page=3" rel="next"' in html


@pytest.mark.parametrize(("asked", "shown"), [("5", 10), ("10", 10), ("50", 50), ("100", 100), ("500", 100), ("x", 25)])
def test_rows_per_page_stay_between_10_and_100(client_for, alice, programme, politie, asked, shown):
    bulk_commitments(120, programme=programme, domain=politie)
    response = client_for(alice).get(f"/commitments/?per_page={asked}")
    assert len(references(response)) == shown


@pytest.mark.parametrize(("page", "first_shown"), [("99", "WP2024-021"), ("x", "WP2024-001"), ("-1", "WP2024-021")])
def test_a_page_beyond_the_last_or_not_a_number_shows_a_real_page(
    client_for, alice, programme, politie, page, first_shown
):
    bulk_commitments(25, programme=programme, domain=politie)
    response = client_for(alice).get(f"/commitments/?per_page=10&page={page}")
    assert response.status_code == 200
    assert references(response)[0] == first_shown


def test_the_register_costs_the_same_number_of_queries_for_10_and_100_rows_filtered_or_not(
    client_for, alice, programme, politie
):
    bulk_commitments(100, programme=programme, domain=politie, owner=alice)
    client = client_for(alice)
    filters = f"programme={programme.year}&domain=politie&owner=alice&status=planned&sort=owner"
    counts = [
        count_queries(lambda query=query: client.get(f"/commitments/?{query}"))
        for query in ("per_page=10", "per_page=100", f"{filters}&per_page=10", f"{filters}&per_page=100")
    ]
    assert counts == [REGISTER_QUERIES] * 4


def parse_csv(response):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_the_csv_export_writes_the_file_format_of_what_is_filtered(client_for, alice, mixed):
    response = client_for(alice).get("/commitments/?domain=politie&_export=csv")
    assert response["Content-Type"].startswith("text/csv")
    header, *rows = parse_csv(response)
    assert tuple(header) == fileformat.COLUMNS
    assert [row[0] for row in rows] == [mixed["po21"].reference, mixed["hack"].reference]
    po21 = dict(zip(header, rows[0], strict=True))
    assert po21 == {
        "reference": mixed["po21"].reference,
        "programme": "2024",
        "title": "Publicatie onderzoek PO21",
        "statement": "Het onderzoek naar de basispolitieopleiding PO21 wordt in 2024 gepubliceerd.",
        "source_location": "",
        "kind": "publication",
        "domain": "politie",
        "goals": "ketens",
        "owner": "alice",
        "due_date": mixed["po21"].due_date.isoformat(),
        "expected_date": "",
        "status": "planned",
    }


def test_each_exported_row_has_its_own_goals_in_file_order_across_programmes(client_for, alice, programme, politie):
    later = WorkProgramme.objects.create(year=programme.year + 1, title="Volgend jaar")  # made first, listed last
    codes = ["burgerperspectief", "ketens", "lerend-vermogen", "veerkracht"]
    made = [
        *bulk_commitments(5, programme=later, domain=politie),
        *bulk_commitments(7, programme=programme, domain=politie),
    ]
    for number, commitment in enumerate(made):
        commitment.goals.set(Goal.objects.filter(code__in=codes[: number % 5]))  # none to all four, in turns
    expected = sorted(made, key=lambda commitment: (commitment.programme.year, commitment.sequence))

    header, *rows = parse_csv(client_for(alice).get("/commitments/?_export=csv"))
    filtered_header, *filtered = parse_csv(client_for(alice).get(f"/commitments/?programme={later.year}&_export=csv"))

    goals = header.index("goals")
    assert [(row[0], row[goals]) for row in rows] == [
        (commitment.reference, ";".join(sorted(commitment.goals.values_list("code", flat=True))))
        for commitment in expected
    ]
    assert [(row[0], row[goals]) for row in filtered] == [(row[0], row[goals]) for row in rows[7:]]


def test_the_xlsx_export_has_the_same_columns_and_rows_as_the_csv(client_for, alice, mixed):
    client = client_for(alice)
    csv_rows = parse_csv(client.get("/commitments/?_export=csv"))
    response = client.get("/commitments/?_export=xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    xlsx_rows = [
        ["" if v is None else v.date().isoformat() if isinstance(v, datetime.datetime) else str(v) for v in row]
        for row in workbook.active.iter_rows(values_only=True)
    ]
    assert xlsx_rows == csv_rows


def test_exports_write_formulas_as_text(client_for, alice, programme, politie):
    workflow.create_commitment(
        by=alice, programme=programme, title='=HYPERLINK("http://x")', statement="+1", kind="other", domain=politie
    )
    client = client_for(alice)
    header, row = parse_csv(client.get("/commitments/?_export=csv"))
    assert row[2] == '\'=HYPERLINK("http://x")'
    assert row[3] == "'+1"
    response = client.get("/commitments/?_export=xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    cell = workbook.active["C2"]
    assert cell.data_type == "s" and cell.value == '\'=HYPERLINK("http://x")'


def test_the_export_follows_the_filter_and_an_invalid_filter_exports_nothing(client_for, alice, mixed):
    header, *rows = parse_csv(client_for(alice).get("/commitments/?domain=nowhere&_export=csv"))
    assert rows == []


def test_the_export_costs_the_same_number_of_queries_for_5_and_500_rows(client_for, alice, programme, politie):
    client = client_for(alice)
    counts = []
    for n in (5, 495):
        bulk_commitments(n, programme=programme, domain=politie, owner=alice)
        counts.append(count_queries(lambda: parse_csv(client.get("/commitments/?_export=csv"))))
    assert counts == [EXPORT_QUERIES] * 2


def test_the_register_shows_overdue_relative_to_today(client_for, alice, programme, politie):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    (late,) = make_commitments(1, programme=programme, domain=politie, by=alice, due_date=yesterday)
    assert references(client_for(alice).get("/commitments/?overdue=1")) == [late.reference]
