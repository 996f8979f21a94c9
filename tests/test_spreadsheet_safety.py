"""Exports that are safe in every spreadsheet (issue 18 point 5, breaks 8 and 9): every text quoted, so a `,` `;` or
line break never splits a cell; the formula guard wherever a spreadsheet could see a cell start (the start of a
text, and after each separator, since Dutch Excel splits a comma file on `;`); and a round trip that gives back
every value exactly, including values that begin with `'`.

LibreOffice (Debian's `libreoffice-calc`, headless; .ci/run installs it) opens the register's CSV as `;`-separated
and as `,`-separated, and its XLSX, with formulas evaluated, and finds no formula in any; the same files as the
old exporter wrote them do give formulas, so the test would see one. Skipped with the reason where it is absent."""

import csv
import io
import re
import shutil
import subprocess
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from commitments import fileformat, imports, workflow
from commitments.models import Commitment
from tests.test_import import written

HOSTILE_TITLES = [
    "Zie;=cmd|' /C calc'!A0;",  # the attack: a cell of its own in Dutch Excel, starting with =
    "Zie,=cmd|' /C calc'!A0,",
    'regel\n=HYPERLINK("http://evil.example")',
    "'=1+1 RT",  # the attack: came back as =1+1 RT
    "''=2+2 dubbel",
    "'s-Gravenhage en 't Zand",
    "=1+1",
    "+31 6",
    "-2 graden",
    "@SUM(A1:A9)",
    "a;'b;''c",
    "tab\t=3+3",
]
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture
def hostile(programme, politie, alice, erin):
    commitments = [
        workflow.create_commitment(
            by=alice,
            programme=programme,
            title=title,
            statement=f"Tekst {number};=1+1\n-{title}",
            source_location=f"p. {number};@x",
            domain=politie,
        )
        for number, title in enumerate(HOSTILE_TITLES, start=1)
    ]
    return commitments


def export(client, user, export_format):
    client.force_login(user)
    response = client.get(f"/commitments/?_export={export_format}")
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def cell_starts(text, separators=",;\t\n\r"):
    """Every piece of `text` that a spreadsheet splitting on any of `separators` could see as a cell's start."""
    return re.split("[" + re.escape(separators) + "]", text)


def test_no_cell_start_of_the_csv_is_a_formula_whatever_the_separator(client, erin, hostile):
    text = export(client, erin, "csv").decode("utf-8-sig")
    for piece in cell_starts(text):
        assert not piece.lstrip('"').startswith(("=", "+", "-", "@")), piece


def test_every_text_of_the_csv_is_quoted(client, erin, hostile):
    text = export(client, erin, "csv").decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) == len(HOSTILE_TITLES) + 1
    assert f'"{fileformat.spreadsheet_safe(HOSTILE_TITLES[0])}"' in text  # the ; inside the quotes
    assert text.splitlines()[0] == ",".join(fileformat.COLUMNS)  # the header as it always was
    assert text.splitlines()[1].startswith('"WP2024-001",2024,"')


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_the_round_trip_gives_back_every_hostile_value_exactly(client, erin, hostile, export_format):
    data = export(client, erin, export_format)
    plan = imports.plan_import(data, filename=f"voornemens.{export_format}")
    assert plan.is_valid, [row.errors for row in plan.rows if row.errors]
    assert [row.outcome for row in plan.rows] == [imports.UNCHANGED] * len(HOSTILE_TITLES)
    titles = [row.values["title"] for row in plan.rows]
    assert titles == HOSTILE_TITLES
    before = written()
    imports.apply_plan(plan, by=erin)
    assert written() == before
    assert list(Commitment.objects.values_list("title", flat=True)) == HOSTILE_TITLES


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("'=+-@;,\t\nab "), max_size=12))
def test_the_guard_is_undone_exactly_for_any_text(text):
    assert fileformat.unspreadsheet(fileformat.spreadsheet_safe(text)) == text


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(alphabet=st.sampled_from("'=+-@;,\t\nab "), max_size=8),
            st.integers(min_value=-5, max_value=5),
            st.none(),
            st.dates(),
        ),
        max_size=5,
    )
)
def test_a_row_is_guarded_as_each_of_its_values_would_be(row):
    """The quick check of a whole row may take a number or date for a reason to look, never miss a text."""
    assert list(fileformat.spreadsheet_safe_row(row)) == [fileformat.spreadsheet_safe(value) for value in row]


def test_a_hand_written_apostrophe_is_kept():
    assert fileformat.unspreadsheet("'s-Gravenhage") == "'s-Gravenhage"
    assert fileformat.unspreadsheet("'=1+1") == "=1+1"
    assert fileformat.unspreadsheet("''=1+1 RT") == "'=1+1 RT"


# --- LibreOffice ------------------------------------------------------------------------------------------------

# LibreOffice's CSV filter options: separator, quote, UTF-8, from line 1, standard cells, language, quoted fields as
# text off, special numbers on, ..., evaluate formulas on (the 13th): so that a cell starting with = becomes one.
CSV_FILTER = "CSV:{separator},34,76,1,,0,false,true,false,false,false,-1,true"


def formulas_in(xlsx_bytes):
    """The formulas of every sheet of a workbook LibreOffice wrote."""
    with zipfile.ZipFile(io.BytesIO(xlsx_bytes)) as archive:
        sheets = [name for name in archive.namelist() if name.startswith("xl/worksheets/sheet")]
        return [formula for name in sheets for formula in re.findall(rb"<f[ >][^<]*", archive.read(name))]


def libreoffice_opens(files, tmp_path, infilter=None):
    """Each file as LibreOffice opens it (headless), saved again as XLSX: {name: bytes}."""
    folder = tmp_path / "out"
    command = [SOFFICE, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--norestore"]
    if infilter:
        command.append(f"--infilter={infilter}")
    command += ["--convert-to", "xlsx", "--outdir", str(folder), *map(str, files)]
    completed = subprocess.run(command, capture_output=True, text=True, timeout=120, env={"HOME": str(tmp_path)})
    assert completed.returncode == 0, completed.stderr
    return {path.stem: path.read_bytes() for path in folder.glob("*.xlsx")}


def old_export(titles):
    """The register's CSV as it was before: unquoted where csv.writer saw no comma, only the first character guarded."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(fileformat.COLUMNS)
    for number, title in enumerate(titles, start=1):
        guarded = "'" + title if title.startswith(("=", "+", "-", "@")) else title
        writer.writerow([f"WP2024-{number:03d}", 2024, guarded, "Tekst.", "", "supervision", "politie", "", "", "", ""])
    return buffer.getvalue().encode()


@pytest.mark.skipif(SOFFICE is None, reason="needs LibreOffice (Debian's libreoffice-calc; .ci/run installs it)")
@pytest.mark.parametrize("separator", [";", ","])
def test_libreoffice_finds_no_formula_in_the_csv_read_with_either_separator(client, erin, hostile, tmp_path, separator):
    (tmp_path / "export.csv").write_bytes(export(client, erin, "csv"))
    (tmp_path / "old.csv").write_bytes(old_export(HOSTILE_TITLES))
    (tmp_path / "unguarded.csv").write_text(f"reference{separator}title\nWP2024-001{separator}=1+1\n")
    files = [tmp_path / name for name in ("export.csv", "old.csv", "unguarded.csv")]
    opened = libreoffice_opens(files, tmp_path, CSV_FILTER.format(separator=ord(separator)))
    assert formulas_in(opened["export"]) == []
    assert formulas_in(opened["unguarded"]) != []  # LibreOffice runs formulas as the test opens files
    if separator == ";":  # break 8: the old export of `Zie;=cmd|' /C calc'!A0;` was a formula in Dutch Excel
        assert formulas_in(opened["old"]) != []


@pytest.mark.skipif(SOFFICE is None, reason="needs LibreOffice (Debian's libreoffice-calc; .ci/run installs it)")
def test_libreoffice_finds_no_formula_in_the_xlsx(client, erin, hostile, tmp_path):
    (tmp_path / "export.xlsx").write_bytes(export(client, erin, "xlsx"))
    opened = libreoffice_opens([tmp_path / "export.xlsx"], tmp_path)
    assert formulas_in(opened["export"]) == []
