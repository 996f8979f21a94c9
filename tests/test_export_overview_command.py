"""manage.py export_overview YEAR --format csv|xlsx|pdf --output FILE writes what the download gives."""

import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from commitments import exports
from tests.overview_data import year_of_every_outcome


@pytest.fixture(scope="class")
def year(class_data):
    return year_of_every_outcome()


def export(tmp_path, file_format, year="2024"):
    output = tmp_path / f"overzicht.{file_format}"
    stdout = io.StringIO()
    call_command("export_overview", year, "--format", file_format, "--output", str(output), stdout=stdout)
    return output, stdout.getvalue()


def download(client, file_format):
    response = client.get(f"/overview/2024/export.{file_format}")
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_it_refuses_a_year_without_programme(tmp_path, programme):
    with pytest.raises(CommandError, match="Er is geen werkprogramma 1999"):
        export(tmp_path, "csv", year="1999")
    assert not (tmp_path / "overzicht.csv").exists()


def test_it_refuses_an_unknown_format(tmp_path, programme):
    with pytest.raises(CommandError, match="invalid choice"):
        export(tmp_path, "odt")


@pytest.mark.parametrize("file_format", ["csv", "xlsx", "pdf"])
def test_it_says_so_when_it_cannot_write_the_file(tmp_path, programme, file_format):
    output = tmp_path / "no" / "such" / f"folder.{file_format}"
    with pytest.raises(CommandError, match="Kan .* niet schrijven"):
        call_command("export_overview", "2024", "--format", file_format, "--output", str(output))


@pytest.mark.django_db  # each test in a transaction of its own, inside the class's (class_data)
class TestTheCommandOnAYear:
    """The tests that read the year of every outcome, made once for the class."""

    def test_the_csv_file_is_the_download(self, tmp_path, client_for, carol, year):
        output, said = export(tmp_path, "csv")
        assert output.read_bytes() == download(client_for(carol), "csv")
        assert "Jaaroverzicht 2024 geschreven naar" in said

    def test_the_xlsx_file_holds_what_the_download_holds(self, tmp_path, client_for, carol, year):
        output, _ = export(tmp_path, "xlsx")
        written = openpyxl.load_workbook(output)
        downloaded = openpyxl.load_workbook(io.BytesIO(download(client_for(carol), "xlsx")))
        assert written.sheetnames == downloaded.sheetnames == ["Samenvatting", "Voornemens", "Bewijs"]
        for name in written.sheetnames:
            assert list(written[name].values) == list(downloaded[name].values)

    def test_the_pdf_file_is_the_report(self, tmp_path, year):
        output, _ = export(tmp_path, "pdf")
        text = " ".join(page.extract_text() for page in PdfReader(output).pages)
        assert "Verantwoording Werkprogramma 2024" in text
        assert year[0].reference in text

    def test_the_pdf_file_has_no_limit_where_the_download_goes_to_the_background(
        self, tmp_path, client_for, carol, year, monkeypatch
    ):
        monkeypatch.setattr(exports, "PDF_AT_MOST", 1)
        response = client_for(carol).get("/overview/2024/export.pdf")
        assert response.status_code == 302 and response.url == "/overview/files/2024/pdf/new/"
        output, _ = export(tmp_path, "pdf")
        text = " ".join(" ".join(page.extract_text() for page in PdfReader(output).pages).split())
        assert all(f"{commitment.reference} {commitment.title}" in text for commitment in year)
