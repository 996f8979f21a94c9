"""The overview's exports: CSV, XLSX and PDF parse back to the same rows, never run a formula, and cost a fixed
number of queries."""

import csv
import datetime
import io

import openpyxl
import pytest
import weasyprint
from django.http import StreamingHttpResponse
from django.utils import timezone
from pypdf import PdfReader

from commitments import exports, overview, workflow
from commitments.models import Action, Goal, Review, Status
from tests.overview_data import MIX, create, expected_counts, make_many, year_of_every_outcome

FORMULA = '=HYPERLINK("http://x")'
URLS = {
    "csv": "/overview/2024/export.csv",
    "xlsx": "/overview/2024/export.xlsx",
    "pdf": "/overview/2024/export.pdf",
}


@pytest.fixture(scope="class")
def year(class_data):
    return year_of_every_outcome()


def content(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def csv_rows(response):
    return list(csv.DictReader(io.StringIO(content(response).decode("utf-8-sig"))))


def workbook(response):
    return openpyxl.load_workbook(io.BytesIO(content(response)))


def sheet_rows(sheet):
    """A sheet as dictionaries by header, the way csv.DictReader reads the CSV: dates ISO, empty cells ''."""
    rows = sheet.iter_rows(values_only=True)
    header = next(rows)
    return [dict(zip(header, (_as_text(value) for value in row), strict=True)) for row in rows]


def _as_text(value):
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    return str(value)


def pdf_text(response):
    reader = PdfReader(io.BytesIO(content(response)))
    return "\n".join(page.extract_text() for page in reader.pages), reader


def expected_record(commitment):
    """The CSV row of a commitment, made here from the Review table itself rather than from the overview."""
    commitment.refresh_from_db()
    approval = Review.objects.filter(commitment=commitment, action=Action.APPROVE).order_by("-created_at").first()
    submission = Review.objects.filter(commitment=commitment, action=Action.SUBMIT).order_by("-created_at").first()
    decided = commitment.status in (Status.MET, Status.PARTLY_MET, Status.DELAYED, Status.DROPPED)
    return {
        "reference": commitment.reference,
        "programme": "2024",
        "title": commitment.title,
        "statement": commitment.statement,
        "source_location": "",
        "kind": "publication",
        "domain": commitment.domain.slug,
        "goals": ";".join(sorted(commitment.goals.values_list("code", flat=True))),
        "owner": commitment.owner.username,
        "due_date": "2024-12-31",
        "expected_date": commitment.expected_date.isoformat() if commitment.expected_date else "",
        "status": commitment.status,
        "verdict": approval.verdict if decided else "",
        "decided_on": timezone.localtime(approval.created_at).date().isoformat() if decided else "",
        "decided_by": "bob" if decided else "",
        # The reviewers in MIX agreed without a rationale: the explanation they approved stands in.
        "rationale": (approval.text or submission.text) if decided else "",
        "annual_report_reference": f"Jaarbericht 2024, p. {commitment.sequence}" if decided else "",
        "evidence_urls": "\n".join(commitment.evidence.order_by("published_on", "id").values_list("url", flat=True)),
    }


# --- who may export ---------------------------------------------------------------------------


@pytest.mark.parametrize("file_format", URLS)
@pytest.mark.parametrize("persona", ["alice", "bob", "nobody"])
def test_staff_and_reviewers_cannot_export(client_for, programme, persona, file_format, request):
    assert client_for(request.getfixturevalue(persona)).get(URLS[file_format]).status_code == 403


@pytest.mark.parametrize("file_format", URLS)
@pytest.mark.parametrize("persona", ["carol", "erin"])
def test_managers_and_beheerders_export(client_for, programme, persona, file_format, request):
    response = client_for(request.getfixturevalue(persona)).get(URLS[file_format])
    assert response.status_code == 200
    assert f'filename="jaaroverzicht-2024.{file_format}"' in response["Content-Disposition"]


@pytest.mark.parametrize("file_format", URLS)
def test_the_export_of_a_year_without_programme_is_404(client_for, carol, programme, file_format):
    assert client_for(carol).get(f"/overview/1999/export.{file_format}").status_code == 404


# --- XLSX -------------------------------------------------------------------------------------


def named(user):
    """A person as the files for people name them: "Alice de Vries (alice)", or the username of someone nameless."""
    full_name = f"{user.first_name} {user.last_name}".strip()
    return f"{full_name} ({user.username})" if full_name else user.username


def readable_record(commitment):
    """The XLSX row of a commitment for people, made here from the Review table and the labels themselves: labels
    instead of codes, names instead of usernames, dates as dates."""
    record = expected_record(commitment)
    approval = Review.objects.filter(commitment=commitment, action=Action.APPROVE).order_by("-created_at").first()
    decided = bool(record["verdict"])
    goal_names = [goal.name for goal in commitment.goals.order_by("code")]
    return {
        "Referentie": record["reference"],
        "Werkprogramma": "2024",
        "Titel": record["title"],
        "Tekst in het werkprogramma": record["statement"],
        "Vindplaats": "",
        "Soort": "Publicatie",
        "Toezichtgebied": commitment.domain.name,
        "Doelen": "; ".join(goal_names),
        "Eigenaar": named(commitment.owner),
        "Deadline": "2024-12-31",
        "Verwachte datum": record["expected_date"],
        "Status": Status(commitment.status).label,
        "Oordeel": Status(approval.verdict).label if decided else "",
        "Beoordeeld": record["decided_on"],
        "Door": "Bob Jansen (bob)" if decided else "",
        "Motivering": record["rationale"],
        "Vindplaats in het jaarbericht": record["annual_report_reference"],
        "Bewijs": record["evidence_urls"],
        "Soort vervallen": "Vervallen in de loop van het jaar" if commitment.status == Status.DROPPED else "",
        "Stand van zaken": "",
        "Stand van zaken op": "",
        "Stand van zaken door": "",
    }


# --- formulas stay text -----------------------------------------------------------------------


@pytest.fixture
def formula_commitment(programme, politie, alice, bob):
    commitment = create(programme, politie, alice, FORMULA)
    workflow.start(commitment, by=alice)
    workflow.add_evidence(commitment, by=alice, url="https://example.org/x", title=FORMULA, kind="report")
    workflow.submit(commitment, by=alice, proposed_verdict=Status.MET, explanation="-1 dag te laat")
    workflow.review(commitment, by=bob, decision="approve", verdict=Status.MET, annual_report_reference="@p. 3")
    return commitment


def test_a_formula_in_a_title_stays_text_in_the_csv(client_for, carol, formula_commitment):
    (row,) = csv_rows(client_for(carol).get(URLS["csv"]))
    assert row["title"] == "'" + FORMULA
    assert row["rationale"] == "'-1 dag te laat"
    assert row["annual_report_reference"] == "'@p. 3"


def test_a_formula_in_a_title_stays_text_in_the_xlsx(client_for, carol, formula_commitment):
    book = workbook(client_for(carol).get(URLS["xlsx"]))
    title = book["Voornemens"].cell(row=2, column=3)
    assert title.data_type == "s"  # a string, not "f" (formula)
    assert title.value == "'" + FORMULA
    assert book["Voornemens"].cell(row=2, column=17).value == "'@p. 3"  # the place in the annual report
    evidence_title = book["Bewijs"].cell(row=2, column=2)
    assert evidence_title.data_type == "s"
    assert evidence_title.value == "'" + FORMULA
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            assert all(cell.data_type != "f" for cell in row)


# --- PDF --------------------------------------------------------------------------------------


def test_the_pdf_links_evidence_but_fetches_nothing():
    fetcher = exports.pdf_url_fetcher()
    for url in ("https://www.example.org/style.css", "http://169.254.169.254/", "file:///etc/passwd", "data:,x"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)


# --- query budgets ----------------------------------------------------------------------------


@pytest.mark.parametrize("size", [10, 40])
def test_the_exports_cost_a_fixed_number_of_queries(
    client_for, carol, programme, politie, alice, bob, django_assert_num_queries, pdf_not_laid_out, size
):
    make_many(size, programme, domain=politie, staff=alice, reviewer=bob)
    client = client_for(carol)
    # session, user, roles, programme, the totals (against the export's limit, issue 18); then the commitments with
    # their decisions, goals and evidence
    with django_assert_num_queries(8):
        assert len(csv_rows(client.get(URLS["csv"]))) == size
    # ... and the totals, the two matrices, the evidence sheet and the current states of affairs
    with django_assert_num_queries(12):
        assert workbook(client.get(URLS["xlsx"]))["Voornemens"].max_row == size + 1
    # ... and the totals, the two matrices, the states of affairs; the goals not
    with django_assert_num_queries(10):
        assert client.get(URLS["pdf"]).status_code == 200
    assert "WP2024-" in pdf_not_laid_out[-1]


@pytest.mark.django_db  # each test in a transaction of its own, inside the class's (class_data)
class TestTheExportsOfAYear:
    """The tests that read the year of every outcome, made once for the class."""

    def test_the_csv_has_one_row_per_commitment_with_how_it_was_accounted_for(self, client_for, carol, year):
        response = client_for(carol).get(URLS["csv"])
        assert isinstance(response, StreamingHttpResponse)
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        rows = csv_rows(response)
        assert list(rows[0]) == list(exports.OVERVIEW_COLUMNS)
        assert sorted(rows, key=lambda row: row["reference"]) == [expected_record(c) for c in year]

    def test_the_csv_starts_with_the_columns_of_the_commitment_file_format(self, client_for, carol, year):
        header = content(client_for(carol).get(URLS["csv"])).decode("utf-8-sig").splitlines()[0]
        assert header == (
            "reference,programme,title,statement,source_location,kind,domain,goals,owner,due_date,expected_date,status,"
            "verdict,decided_on,decided_by,rationale,annual_report_reference,evidence_urls"
        )

    def test_the_csv_follows_the_filters_of_the_page(self, client_for, carol, year):
        rows = csv_rows(client_for(carol).get(URLS["csv"], {"domain": "migratie"}))
        assert {row["domain"] for row in rows} == {"migratie"}
        assert len(rows) == expected_counts(MIX, domain="migratie")["total"]

    def test_an_unknown_filter_exports_nothing_rather_than_everything(self, client_for, carol, year):
        assert csv_rows(client_for(carol).get(URLS["csv"], {"goal": "onbekend"})) == []

    @pytest.mark.parametrize("query", [{}, {"domain": "politie"}, {"domain": "politie", "page": "2"}])
    def test_the_csv_and_xlsx_hold_every_commitment_of_a_selection_too_large_for_the_page(
        self, client_for, carol, year, monkeypatch, query
    ):
        monkeypatch.setattr(overview, "LIST_AT_MOST", 3)
        monkeypatch.setattr(overview, "PER_PAGE", 2)
        client = client_for(carol)
        expected = sorted(c.reference for c in year if "domain" not in query or c.domain.slug == query["domain"])
        assert sorted(row["reference"] for row in csv_rows(client.get(URLS["csv"], query))) == expected
        sheet = workbook(client.get(URLS["xlsx"], query))["Voornemens"]
        assert sorted(row["Referentie"] for row in sheet_rows(sheet)) == expected

    def test_the_xlsx_has_a_summary_the_commitments_and_the_evidence_in_words(self, client_for, carol, year):
        book = workbook(client_for(carol).get(URLS["xlsx"]))
        assert book.sheetnames == ["Samenvatting", "Voornemens", "Bewijs"]

        commitments = sheet_rows(book["Voornemens"])
        assert sorted(commitments, key=lambda row: row["Referentie"]) == [readable_record(c) for c in year]

        summary = {(row["Sectie"], row["Naam"]): row for row in sheet_rows(book["Samenvatting"])}
        for (section, name), counts in {
            ("Totaal", "Alle voornemens"): expected_counts(MIX),
            ("Toezichtgebied", "Politie"): expected_counts(MIX, domain="politie"),
            ("Toezichtgebied", "Migratie"): expected_counts(MIX, domain="migratie"),
            ("Doel", Goal.objects.get(code="ketens").name): expected_counts(MIX, goal="ketens"),
            ("Doel", "Zonder doel"): expected_counts([row for row in MIX if not row[2]]),
        }.items():
            row = summary[(section, name)]
            assert [int(row[label]) for label in Status.labels] == [counts[status] for status in Status.values]
            assert int(row["Totaal"]) == counts["total"]
        assert float(summary[("Totaal", "Alle voornemens")]["Realisatie"]) == 0.4

        evidence = sheet_rows(book["Bewijs"])
        expected_evidence = [
            (link.commitment.reference, link.title, link.url, "Rapport", link.published_on.isoformat())
            for commitment in year
            for link in commitment.evidence.order_by("id")
        ]
        assert [(r["Referentie"], r["Titel"], r["Link"], r["Soort"], r["Datum van het bewijs"]) for r in evidence] == (
            expected_evidence
        )

    def test_the_xlsx_freezes_and_filters_the_header_and_writes_dates_and_rates_as_numbers(
        self, client_for, carol, year
    ):
        book = workbook(client_for(carol).get(URLS["xlsx"]))
        for sheet in book.worksheets:
            assert sheet.freeze_panes == "A2", sheet.title
            assert sheet.auto_filter.ref.startswith("A1:"), sheet.title
        commitments = book["Voornemens"]
        header = [cell.value for cell in commitments[1]]
        due = commitments.cell(row=2, column=header.index("Deadline") + 1)
        assert due.is_date and due.value == datetime.datetime(2024, 12, 31)
        assert due.number_format == "dd-mm-yyyy"  # as a Dutch reader writes a date: 31-12-2024
        assert commitments.column_dimensions["D"].width > commitments.column_dimensions["B"].width  # statement > year
        published = book["Bewijs"].cell(row=2, column=5)
        assert published.is_date and published.number_format == "dd-mm-yyyy"
        summary = book["Samenvatting"]
        rate_column = [cell.value for cell in summary[1]].index("Realisatie") + 1
        total_row = next(row for row in summary.iter_rows(min_row=2) if row[0].value == "Totaal")
        rate = total_row[rate_column - 1]
        assert rate.data_type == "n" and rate.value == 0.4 and rate.number_format == "0.0%"

    def test_the_pdf_reports_the_figures_and_every_commitment_with_its_account(self, client_for, carol, year):
        response = client_for(carol).get(URLS["pdf"])
        assert response["Content-Type"] == "application/pdf"
        text, reader = pdf_text(response)
        flat = " ".join(text.split())
        assert "Verantwoording Werkprogramma 2024" in flat
        assert "40,0%" in flat
        assert "4 van de 10 voornemens gerealiseerd of deels gerealiseerd" in flat
        for label in ("Inhoud", "Samenvatting", "Per toezichtgebied", "Migratie", "Politie"):
            assert label in flat
        for commitment in year:
            commitment.refresh_from_db()
            account = flat.split(f"{commitment.reference} {commitment.title}", 1)[1][:400].lstrip()
            if commitment.is_decided:  # the verdict with its Jaarbericht reference beside it
                decision = Review.objects.get(commitment=commitment, action=Action.APPROVE)
                assert account.startswith(f"Oordeel {decision.get_verdict_display()}")
                assert f"Jaarbericht: {decision.annual_report_reference}" in account
            else:
                assert account.startswith(f"Status {commitment.get_status_display()} · Deadline: ")
            for link in commitment.evidence.all():
                assert link.title in flat
        dropped = year[4]
        assert f"Uitleg van de medewerker bij {dropped.reference}." in flat
        pages = len(reader.pages)
        assert f"Pagina 2 van {pages}" in flat  # the title page has no number; the others do
        assert reader.metadata.title == "Verantwoording Werkprogramma 2024"

    def test_the_pdf_of_a_selection_at_the_limit_is_made(self, client_for, carol, year, monkeypatch):
        monkeypatch.setattr(exports, "PDF_AT_MOST", len(year))
        response = client_for(carol).get(URLS["pdf"])
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert year[-1].reference in " ".join(pdf_text(response)[0].split())

    def test_the_pdf_of_a_selection_over_the_limit_is_made_in_the_background(
        self, client_for, carol, year, monkeypatch
    ):
        """No longer refused (413): the request queues the file and leads to its page (tests/test_year_files.py)."""
        monkeypatch.setattr(exports, "PDF_AT_MOST", len(year) - 1)
        monkeypatch.setattr(weasyprint, "HTML", None)  # nothing is laid out in the request
        response = client_for(carol).get(URLS["pdf"])
        assert response.status_code == 302 and response.url.startswith("/overview/files/")
        assert "Content-Disposition" not in response

    def test_the_overview_page_links_a_pdf_over_the_limit_as_a_page_not_a_download(
        self, client_for, carol, year, monkeypatch
    ):
        pdf_link = 'href="/overview/2024/export.pdf"'
        monkeypatch.setattr(exports, "PDF_AT_MOST", len(year))
        assert f"{pdf_link} download>" in client_for(carol).get("/overview/2024/").content.decode()
        monkeypatch.setattr(exports, "PDF_AT_MOST", len(year) - 1)
        html = client_for(carol).get("/overview/2024/").content.decode()
        assert f"{pdf_link}>" in html
        assert 'export.csv" download>' in html
