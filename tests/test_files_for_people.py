"""Files for people beside the files for machines (issue 17, point 9): the "CSV voor Excel" of the register and
of the overview (`;` between cells, a BOM, labels and names in the reader's language, dates as 31-12-2024) and the
overview's XLSX in the reader's language, read back as Excel and openpyxl would. The register's CSV and XLSX and
the overview's CSV stay the machine format (tests/test_register.py, test_round_trip.py, test_overview_exports.py)."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.conf import settings

from commitments import fileformat, workflow
from commitments.models import Commitment, Status
from tests.overview_data import create, year_of_every_outcome

REGISTER_EXCEL = "/commitments/?_export=excel-csv"
OVERVIEW_EXCEL = "/overview/2024/export-excel.csv"
OVERVIEW_XLSX = "/overview/2024/export.xlsx"
FORMULA = '=HYPERLINK("http://x")'


@pytest.fixture(scope="class")
def year(class_data):
    return year_of_every_outcome()


def body(response):
    assert response.status_code == 200, response.status_code
    return b"".join(response.streaming_content) if response.streaming else response.content


def excel_rows(response):
    """The rows as Dutch Excel splits them: on `;`, after the BOM."""
    data = body(response)
    assert data.startswith("\ufeff".encode())
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def in_english(client, how):
    if how == "cookie":
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return {}
    return {"HTTP_ACCEPT_LANGUAGE": "en"}


# --- no formula in a file for people -----------------------------------------------------------------------------


@pytest.fixture
def formula_commitment(programme, politie, alice):
    commitment = create(programme, politie, alice, FORMULA)
    workflow.start(commitment, by=alice)
    workflow.add_evidence(commitment, by=alice, url="https://example.org/x", title="@SUM(1)", kind="report")
    return commitment


@pytest.mark.parametrize("path", [REGISTER_EXCEL, OVERVIEW_EXCEL])
def test_a_formula_stays_text_in_the_csv_for_excel(client_for, carol, formula_commitment, path):
    data = body(client_for(carol).get(path)).decode("utf-8-sig")
    (row,) = csv.DictReader(io.StringIO(data), delimiter=";")
    assert row["Titel"] == fileformat.spreadsheet_safe(FORMULA) == "'" + FORMULA
    for line in data.splitlines():
        for cell in line.split(";"):
            assert not cell.lstrip('"').startswith(("=", "+", "-", "@")), cell


def test_a_formula_stays_text_in_the_overview_xlsx(client_for, carol, formula_commitment):
    book = openpyxl.load_workbook(io.BytesIO(body(client_for(carol).get(OVERVIEW_XLSX))))
    assert book["Voornemens"].cell(row=2, column=3).value == "'" + FORMULA
    assert book["Bewijs"].cell(row=2, column=2).value == "'@SUM(1)"
    assert all(cell.data_type != "f" for sheet in book.worksheets for row in sheet.iter_rows() for cell in row)


@pytest.mark.django_db  # each test in a transaction of its own, inside the class's (class_data)
class TestTheFilesOfAYear:
    """The tests that read the year of every outcome, made once for the class."""

    def test_the_register_csv_for_excel_opens_in_columns_with_labels_names_and_dutch_dates(
        self, client_for, carol, year
    ):
        response = client_for(carol).get(REGISTER_EXCEL)
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert 'filename="voornemens-excel.csv"' in response["Content-Disposition"]
        rows = excel_rows(response)
        assert list(rows[0]) == [
            "Referentie",
            "Werkprogramma",
            "Titel",
            "Tekst in het werkprogramma",
            "Vindplaats",
            "Soort",
            "Toezichtgebied",
            "Doelen",
            "Eigenaar",
            "Deadline",
            "Verwachte datum",
            "Status",
        ]
        assert [row["Referentie"] for row in rows] == [commitment.reference for commitment in year]
        first, delayed = rows[0], rows[3]
        assert first["Soort"] == "Publicatie"
        assert first["Toezichtgebied"] == "Politie"
        assert first["Eigenaar"] == "Alice de Vries (alice)"
        assert first["Deadline"] == "31-12-2024"
        assert first["Status"] == "Gerealiseerd"
        assert delayed["Verwachte datum"] == "30-06-2025"
        goals = {goal.code: goal.name for goal in year[1].goals.all()}
        assert rows[1]["Doelen"] == "; ".join(goals[code] for code in sorted(goals))
        assert rows[8]["Eigenaar"] == "dave"  # someone without a name: the username

    def test_the_register_csv_for_excel_holds_what_is_filtered(self, client_for, carol, year):
        rows = excel_rows(client_for(carol).get(REGISTER_EXCEL + "&domain=migratie&status=planned"))
        expected = Commitment.objects.filter(domain__slug="migratie", status=Status.PLANNED).order_by("sequence")
        assert [row["Referentie"] for row in rows] == [commitment.reference for commitment in expected]
        assert len(rows) == 1  # MIX: one planned commitment of migratie

    def test_the_register_links_the_csv_for_excel_with_its_filters(self, client_for, carol, year):
        html = client_for(carol).get("/commitments/?domain=politie").content.decode()
        assert 'href="?domain=politie&amp;_export=excel-csv" download>CSV voor Excel</a>' in html

    @pytest.mark.parametrize("how", ["cookie", "accept-language"])
    def test_the_register_csv_for_excel_speaks_english_to_an_english_reader(self, client_for, carol, year, how):
        client = client_for(carol)
        rows = excel_rows(client.get(REGISTER_EXCEL, **in_english(client, how)))
        assert list(rows[0])[:3] == ["Reference", "Work programme", "Title"]
        assert rows[0]["Kind"] == "Publication"
        assert rows[0]["Status"] == "Met"
        assert rows[0]["Due date"] == "31/12/2024"

    def test_the_overview_csv_for_excel_gives_each_account_in_words(self, client_for, carol, year):
        response = client_for(carol).get(OVERVIEW_EXCEL)
        assert 'filename="jaaroverzicht-2024-excel.csv"' in response["Content-Disposition"]
        rows = {row["Referentie"]: row for row in excel_rows(response)}
        assert set(rows) == {commitment.reference for commitment in year}
        met, dropped, planned = rows[year[0].reference], rows[year[4].reference], rows[year[7].reference]
        assert met["Oordeel"] == "Gerealiseerd"
        assert met["Door"] == "Bob Jansen (bob)"
        assert datetime.datetime.strptime(met["Beoordeeld"], "%d-%m-%Y")  # a Dutch date, not ISO
        assert met["Vindplaats in het jaarbericht"] == f"Jaarbericht 2024, p. {year[0].sequence}"
        assert dropped["Soort vervallen"] == "Vervallen in de loop van het jaar"
        assert planned["Oordeel"] == planned["Beoordeeld"] == planned["Soort vervallen"] == ""

    def test_the_overview_csv_for_excel_follows_the_page_filters_and_is_for_managers(
        self, client_for, carol, alice, year
    ):
        rows = excel_rows(client_for(carol).get(OVERVIEW_EXCEL, {"domain": "migratie"}))
        assert {row["Toezichtgebied"] for row in rows} == {"Migratie"}
        assert client_for(alice).get(OVERVIEW_EXCEL).status_code == 403

    def test_the_overview_page_links_the_csv_for_excel(self, client_for, carol, year):
        html = client_for(carol).get("/overview/2024/?domain=politie").content.decode()
        assert 'href="/overview/2024/export-excel.csv?domain=politie" download>CSV voor Excel</a>' in html

    def test_the_export_command_writes_the_csv_for_excel_as_downloaded(self, client_for, carol, year, tmp_path):
        from django.core.management import call_command

        output = tmp_path / "overzicht.csv"
        call_command("export_overview", "2024", "--format", "excel-csv", "--output", str(output), stdout=io.StringIO())
        assert output.read_bytes() == body(client_for(carol).get(OVERVIEW_EXCEL))

    @pytest.mark.parametrize("how", ["cookie", "accept-language"])
    def test_the_overview_xlsx_speaks_english_to_an_english_reader(self, client_for, carol, year, how):
        client = client_for(carol)
        book = openpyxl.load_workbook(io.BytesIO(body(client.get(OVERVIEW_XLSX, **in_english(client, how)))))
        assert book.sheetnames == ["Summary", "Commitments", "Evidence"]
        sheet = book["Commitments"]
        header = [cell.value for cell in sheet[1]]
        assert header[:3] == ["Reference", "Work programme", "Title"]
        assert {"Verdict", "Rationale", "Kind of drop"} <= set(header)
        rows = {row[0].value: dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2)}
        first = rows[year[0].reference]
        assert first["Status"].value == "Met"
        assert first["Owner"].value == "Alice de Vries (alice)"
        assert first["Due date"].is_date and first["Due date"].number_format == "dd/mm/yyyy"
        summary = book["Summary"]
        assert [cell.value for cell in summary[1]][:2] == ["Section", "Name"]
        assert summary.cell(row=2, column=2).value.startswith("DRAFT")

    def test_the_files_of_mijn_voornemens_hold_the_readers_own(self, client_for, alice, year):
        client = client_for(alice)
        rows = excel_rows(client.get("/commitments/?owner=me&_export=excel-csv"))
        assert {row["Eigenaar"] for row in rows} == {"Alice de Vries (alice)"}
        assert len(rows) == Commitment.objects.filter(owner=alice).count() == 8
        machine = body(client.get("/commitments/?owner=me&_export=csv")).decode("utf-8-sig")
        assert len(list(csv.DictReader(io.StringIO(machine)))) == 8
