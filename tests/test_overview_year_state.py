"""Draft and final (issue 12, point 5), the dropped ones apart (point 10) and the tagged PDF (point 9): until the
year is closed the overview page, every page of the PDF and the XLSX summary say CONCEPT with the number still
undecided; after closing they say "Vastgesteld op <date>". Read back from each file."""

import io

import openpyxl
import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from django.utils.formats import date_format
from pypdf import PdfReader

from tests.conftest import persona

PDF, XLSX = "/overview/2024/export.pdf", "/overview/2024/export.xlsx"


def closed_on():
    return date_format(timezone.localdate(), "j F Y")


def flat(text):
    return " ".join(text.split())


def pdf_pages(client, path=PDF):
    reader = PdfReader(io.BytesIO(client.get(path).content))
    return [flat(page.extract_text()) for page in reader.pages], reader


def summary_rows(client):
    """The summary sheet's rows by their section and the start of their name (the state's text is long)."""
    book = openpyxl.load_workbook(io.BytesIO(b"".join(client.get(XLSX).streaming_content)))
    rows = book["Samenvatting"].iter_rows(values_only=True)
    header = next(rows)
    return [dict(zip(header, row, strict=False)) for row in rows]


def summary_row(rows, section, name=""):
    return next((row for row in rows if row["Sectie"] == section and row["Naam"].startswith(name)), None)


@pytest.mark.django_db  # each test in a transaction of its own, inside the class's (class_data)
class TestAnOpenYear:
    """The tests that read a year still open, made once for the class (tests/overview_data.MIX)."""

    @pytest.fixture(scope="class")
    def open_year_pdf(self, open_year):
        """(text of each page, reader) of the open year's PDF as a manager downloads it, made once for the class."""
        client = Client()
        client.force_login(persona("carol"))
        return pdf_pages(client)

    def test_the_page_of_an_open_year_says_it_is_a_draft_with_the_number_undecided(self, client_for, alice, open_year):
        html = flat(client_for(alice).get("/overview/2024/").content.decode())
        assert (
            '<div class="message message-warning" role="status"> <p><strong>CONCEPT</strong> — Het jaar is nog niet '
            "vastgesteld: 4 van de 12 voornemens hebben nog geen oordeel.</p>" in html
        )
        assert "Vastgesteld op" not in html

    def test_the_page_offers_the_jaarbericht_chapter_beside_the_other_exports(self, client_for, carol, open_year):
        html = client_for(carol).get("/overview/2024/").content.decode()
        assert 'href="/overview/2024/export.docx" download>Jaarbericht (Word)</a>' in html

    def test_every_page_of_the_pdf_of_an_open_year_says_concept(self, open_year_pdf):
        pages, _ = open_year_pdf
        assert len(pages) > 3
        assert all("CONCEPT" in page for page in pages), [i for i, page in enumerate(pages) if "CONCEPT" not in page]
        text = " ".join(pages)
        assert "Vastgesteld op" not in text

    def test_the_summary_of_an_open_year_says_how_many_are_undecided_and_claims_no_more(self, open_year_pdf):
        text = " ".join(open_year_pdf[0])
        assert "Een reviewer heeft 8 van deze voornemens, volgens het vier-ogenprincipe, beoordeeld" in text
        assert "4 voornemens hebben nog geen oordeel." in text
        assert "4 van de 12 voornemens hebben nog geen oordeel" in text
        assert "Per voornemen heeft een reviewer" not in text
        assert "Elk voornemen is door een medewerker" not in text

    def test_the_pdf_is_tagged_with_its_language_and_title(self, open_year_pdf):
        _, reader = open_year_pdf
        catalog = reader.trailer["/Root"]
        assert bool(catalog["/MarkInfo"]["/Marked"])
        assert "/StructTreeRoot" in catalog
        assert catalog["/StructTreeRoot"].get_object()["/K"]  # a structure tree with content
        assert catalog["/Lang"] == "nl"
        assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"])
        assert reader.metadata.title == "Verantwoording Werkprogramma 2024"
        assert b"pdfuaid:part" in catalog["/Metadata"].get_object().get_data()

    def test_the_english_pdf_says_so_in_its_catalog(self, client_for, carol, open_year):
        client = client_for(carol)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        pages, reader = pdf_pages(client)
        assert reader.trailer["/Root"]["/Lang"] == "en"
        assert reader.metadata.title == "Accounting for Work programme 2024"
        assert all("DRAFT" in page for page in pages)

    def test_the_xlsx_summary_of_an_open_year_says_concept_and_the_number_undecided(self, client_for, carol, open_year):
        rows = summary_rows(client_for(carol))
        assert rows[0]["Sectie"] == "Stand"
        assert rows[0]["Naam"] == (
            "CONCEPT. Het jaar is nog niet vastgesteld: 4 van de 12 voornemens hebben nog geen oordeel."
        )
        undecided = summary_row(rows, "Stand", "Nog zonder oordeel")
        assert (
            undecided["Gepland"],
            undecided["In uitvoering"],
            undecided["Ter beoordeling"],
            undecided["Totaal"],
        ) == (
            2,
            1,
            1,
            4,
        )
        assert summary_row(rows, "Stand", "Vastgesteld") is None

    def test_the_csv_stays_the_machine_format_without_marks(self, client_for, carol, open_year):
        text = b"".join(client_for(carol).get("/overview/2024/export.csv").streaming_content).decode("utf-8-sig")
        assert "CONCEPT" not in text
        assert "drop_kind" not in text.splitlines()[0]


@pytest.mark.django_db  # each test in a transaction of its own, inside the class's (class_data)
class TestAClosedYear:
    """The tests that read a closed year of five decisions, made once for the class."""

    def test_the_page_of_a_closed_year_says_when_it_was_closed(self, client_for, alice, closed_year):
        html = flat(client_for(alice).get("/overview/2024/").content.decode())
        assert (
            f'<div class="message message-success" role="status"> <p><strong>Vastgesteld op {closed_on()}</strong>'
            in html
        )
        assert "CONCEPT" not in html

    def test_the_page_shows_the_two_kinds_of_dropped_apart(self, client_for, alice, closed_year):
        html = flat(client_for(alice).get("/overview/2024/").content.decode())
        assert "Beëindigd in het werkprogramma: 1; Vervallen in de loop van het jaar: 1." in html
        assert "<dt>Soort vervallen</dt> <dd>Beëindigd in het werkprogramma</dd>" in html
        assert "<dt>Soort vervallen</dt> <dd>Vervallen in de loop van het jaar</dd>" in html
        assert "66,7%" in html  # 2 realised of 5 − 2 dropped: neither kind counts

    def test_every_page_of_the_pdf_of_a_closed_year_says_when_it_was_closed(self, client_for, carol, closed_year):
        pages, _ = pdf_pages(client_for(carol))
        assert all(f"Vastgesteld op {closed_on()}" in page for page in pages)
        text = " ".join(pages)
        assert "CONCEPT" not in text
        assert "Het Werkprogramma 2024 telt 5 voornemens. Per voornemen heeft een reviewer" in text
        assert "Beëindigd in het werkprogramma: 1; Vervallen in de loop van het jaar: 1." in text

    def test_the_xlsx_summary_of_a_closed_year_says_when_it_was_closed(self, client_for, carol, closed_year):
        rows = summary_rows(client_for(carol))
        assert rows[0]["Sectie"] == "Stand" and rows[0]["Naam"].startswith(f"Vastgesteld op {closed_on()}.")
        assert summary_row(rows, "Stand", "CONCEPT") is None
        assert summary_row(rows, "Stand", "Nog zonder oordeel") is None
        assert summary_row(rows, "Vervallen", "Beëindigd in het werkprogramma")["Totaal"] == 1
        assert summary_row(rows, "Vervallen", "Vervallen in de loop van het jaar")["Totaal"] == 1
        assert round(summary_row(rows, "Totaal")["Realisatie"], 3) == 0.667

    def test_the_xlsx_commitments_say_how_a_dropped_one_was_dropped(self, client_for, carol, closed_year):
        book = openpyxl.load_workbook(io.BytesIO(b"".join(client_for(carol).get(XLSX).streaming_content)))
        rows = list(book["Voornemens"].iter_rows(values_only=True))
        column = rows[0].index("Soort vervallen")
        kinds = {row[0]: row[column] for row in rows[1:]}
        assert kinds[closed_year[3].reference] == "Beëindigd in het werkprogramma"
        assert kinds[closed_year[4].reference] == "Vervallen in de loop van het jaar"
        assert kinds[closed_year[0].reference] is None
