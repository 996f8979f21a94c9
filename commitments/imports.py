"""Reading commitment files (DESIGN.md §5): parse and validate them, plan the changes, and apply the plan.

`plan_import` is the dry run: for every row of the file it says what would happen (created, updated with
the fields that change, unchanged, or an error that says what to fix) and writes nothing. `apply_plan` runs
a plan without errors through the workflow, in one transaction: every row or none.

Rows are matched by `reference`. A row without one is a new commitment, unless a commitment of its
programme already has the very same statement: then it is that commitment, so that a file imported twice
changes nothing the second time. A reference the register does not know is refused: references are handed
out by the register alone and never reused, so such a reference was typed by hand or belonged to a
commitment that was deleted.

Each row's cells are decoded and checked by forms.CommitmentRowForm (the rules of the page's form, in the file's
words); what the import may do with the commitment it names (the status, the deadline, a commitment under review or
decided) is checked here. What is looked up (programmes, domains, goals, owners, the stored commitments) is read in
bulk, a fixed number of queries for any number of rows.

A file cannot exhaust the server (issue 18): its size, the number of files in an XLSX and their size once
uncompressed are checked before anything is parsed; rows, columns and the length of each cell are counted while
the file is read, and reading stops at the first limit passed. XML is parsed by openpyxl through defusedxml (no
entities, no external references). A message names the line and column, and quotes a value only shortened, with
control characters shown as codes. Nothing grows faster than the number of rows.
"""

import contextlib
import csv
import datetime
import io
import logging
import re
import struct
import zipfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import charset_normalizer
import openpyxl
from charset_normalizer.utils import is_multi_byte_encoding
from defusedxml import DefusedXmlException
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from commitments import fileformat, workflow
from commitments.fileformat import listed, shortened
from commitments.forms import CommitmentRowForm
from commitments.models import Commitment, Domain, Goal, Status, WorkProgramme
from commitments.validators import first_control_character

logger = logging.getLogger(__name__)

CREATED, UPDATED, UNCHANGED, ERROR = "created", "updated", "unchanged", "error"
REFERENCE = re.compile(r"WP(\d{4})-(\d{3,})")
XLSX_SIGNATURE = b"PK\x03\x04"
OLD_EXCEL_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# What a file may hold (issue 18 point 3). A year's programme has some hundred commitments; the benchmark imports
# 5,000 rows. Each limit is checked before or while the file is read, never after.
MAX_FILE_BYTES = 5 * 1024 * 1024  # the upload and the command alike
MAX_ROWS = 10_000  # rows under the header
MAX_COLUMNS = 50  # cells in a row, empty trailing ones included (the format has 12 columns)
MAX_CELL_CHARACTERS = 10_000  # the longest field (statement) holds 5,000
MAX_XLSX_MEMBERS = 100  # files inside the XLSX (zip); Excel writes about a dozen
MAX_XLSX_UNCOMPRESSED = 30 * 1024 * 1024  # all of its XML once uncompressed


class ImportRefused(Exception):
    """The file as a whole cannot be read or applied; `message` says why, in words for the user."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


# --- reading the file ---------------------------------------------------------------------------


@dataclass
class Table:
    header: list
    records: list  # (line number, [cell text, ...])


def read_table(data, filename=""):
    """The header and rows of a CSV or XLSX file, cells as text; ImportRefused if it is neither."""
    if len(data) > MAX_FILE_BYTES:
        raise ImportRefused(too_large_message(filename))
    if not data.removeprefix(b"\xef\xbb\xbf").strip():
        raise ImportRefused(_("Het bestand %(file)s is leeg.") % {"file": filename})
    if data.startswith(XLSX_SIGNATURE):
        return _read_xlsx(data, filename)
    if data.startswith(OLD_EXCEL_SIGNATURE):
        raise ImportRefused(
            _("%(file)s is een oud Excel-bestand (.xls). Sla het op als Excel-werkmap (.xlsx) of als CSV UTF-8.")
            % {"file": filename}
        )
    return _read_csv(_decoded(data, filename))


def too_large_message(filename):
    return _("%(file)s is groter dan %(size)d MB. Splits het op in kleinere bestanden.") % {
        "file": filename or _("Het bestand"),
        "size": MAX_FILE_BYTES // (1024 * 1024),
    }


def _column_name(header, position):
    """A column as a message names it: its name in the header, else its letter as a spreadsheet shows it."""
    if position < len(header) and header[position].strip():
        return shortened(header[position].strip())
    letters, number = "", position + 1
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _check_cells(line, cells, header):
    """Refuse the file at the first row that has too many cells or a cell too long: reading stops there."""
    if len(cells) > MAX_COLUMNS and any(cell is not None and str(cell).strip() for cell in cells[MAX_COLUMNS:]):
        raise ImportRefused(
            _("Regel %(line)d heeft meer dan %(max)d kolommen; het bestandsformaat kent er %(count)d.")
            % {"line": line, "max": MAX_COLUMNS, "count": len(fileformat.COLUMNS)}
        )
    for position, cell in enumerate(cells):
        if isinstance(cell, str) and len(cell) > MAX_CELL_CHARACTERS:
            raise ImportRefused(
                _("Regel %(line)d, kolom %(column)s: de cel is %(length)d tekens lang; ten hoogste %(max)d mag.")
                % {
                    "line": line,
                    "column": _column_name(header, position),
                    "length": len(cell),
                    "max": MAX_CELL_CHARACTERS,
                }
            )


def _too_many_rows():
    return _("Het bestand heeft meer dan %(max)d regels. Splits het op in kleinere bestanden.") % {"max": MAX_ROWS}


def _decoded(data, filename):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        encoding = _detected_encoding(data)
        if encoding is None:
            raise ImportRefused(_not_a_table(filename)) from None
        raise ImportRefused(
            _(
                "%(file)s is niet in UTF-8 gecodeerd maar waarschijnlijk in %(encoding)s. "
                "Sla het op als ‘CSV UTF-8’ (in Excel: Opslaan als, CSV UTF-8) en importeer het opnieuw."
            )
            % {"file": filename, "encoding": encoding}
        ) from None
    if _looks_binary(text):
        raise ImportRefused(_not_a_table(filename))
    return text


def _not_a_table(filename):
    return _("%(file)s is geen CSV- of XLSX-bestand. Exporteer de voornemens als CSV (UTF-8) of als Excel-werkmap.") % {
        "file": filename
    }


def _looks_binary(text):
    sample = text[:4096]
    controls = sum(1 for char in sample if ord(char) < 32 and char not in "\t\n\r\f")
    return controls > len(sample) // 100


def _detected_encoding(data):
    """The name of the encoding the bytes are most likely in, or None if they are no text at all.

    Single-byte encodings cannot be told apart by their bytes alone, and a Dutch spreadsheet on Windows
    saves Windows-1252: that is the name to give when the detector finds a single-byte encoding that fits.
    """
    data = data[:65536]  # enough to tell; the detector's time grows with what it is given
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        return None
    if not is_multi_byte_encoding(best.encoding):
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            return best.encoding.replace("_", "-").upper()
        return None if _looks_binary(text) else "Windows-1252"
    return best.encoding.replace("_", "-").upper()


def _read_csv(text):
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header, records, line = None, [], 1
    try:
        for row in reader:
            if header is None:
                _check_cells(line, row, row)
                header = row
            elif any(cell.strip() for cell in row):
                _check_cells(line, row, header)
                if len(records) == MAX_ROWS:
                    raise ImportRefused(_too_many_rows())
                records.append((line, row))
            line = reader.line_num + 1  # where the next record starts: a quoted cell may span lines
    except csv.Error as error:
        raise ImportRefused(
            _("Regel %(line)d is geen geldige CSV: %(error)s") % {"line": reader.line_num, "error": error}
        ) from None
    return Table(header or [], records)


def _read_xlsx(data, filename):
    _check_archive(data, filename)
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
    except ImportRefused:
        raise
    except Exception as error:  # noqa: BLE001 (a hostile file can make the parser fail in any way)
        raise _unreadable(error, filename) from None
    try:
        return _xlsx_table(workbook)
    except ImportRefused:
        raise
    except Exception as error:  # noqa: BLE001 (the sheet itself is parsed while it is read)
        raise _unreadable(error, filename) from None
    finally:
        workbook.close()


def _unreadable(error, filename):
    """The refusal of a workbook that openpyxl could not read: XML entities or a DTD (refused by defusedxml, which
    openpyxl wraps in a ValueError of its own), or anything else that is no workbook."""
    logger.info("unreadable XLSX %r: %s", filename, type(error).__name__)
    cause = error
    while cause is not None:
        if isinstance(cause, DefusedXmlException):
            return ImportRefused(_xml_entities(filename))
        cause = cause.__cause__ or cause.__context__
    return ImportRefused(_not_a_table(filename))


def _xml_entities(filename):
    return _(
        "%(file)s bevat XML-entiteiten of een DTD (een manier om een bestand te laten uitdijen of andere bestanden "
        "te laten lezen); die worden niet gelezen. Sla het opnieuw op als Excel-werkmap of als CSV UTF-8."
    ) % {"file": filename or _("Het bestand")}


def _xlsx_table(workbook):
    """The sheet's header and rows. The bounds are given to openpyxl, so that a sheet declaring a huge dimension
    (`<dimension ref="A1:XFD1048576">`) is read no further than MAX_ROWS + 1 rows of MAX_COLUMNS + 1 cells."""
    if not workbook.worksheets:
        raise ImportRefused(_("De werkmap heeft geen werkblad."))
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(min_row=1, max_row=MAX_ROWS + 2, max_col=MAX_COLUMNS + 1, values_only=True)
    first = next(rows, ())
    _check_cells(1, first, [])
    header = [_cell_text(value) for value in first]
    records = []
    for line, row in enumerate(rows, start=2):
        if not any(value not in (None, "") for value in row):
            continue
        _check_cells(line, row, header)
        if len(records) == MAX_ROWS:
            raise ImportRefused(_too_many_rows())
        records.append((line, [_cell_text(value) for value in row]))
    return Table(header, records)


def _check_archive(data, filename):
    """Refuse a zip bomb before anything is uncompressed: too many files, or too much once uncompressed.

    The number of files is read from the zip's end record, before Python builds an object for each. The sizes are
    those the zip declares; Python's zipfile never gives more than the declared size of a file (it stops there, and
    a file that claims less than it holds fails its checksum), so the declared total bounds what is read."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65536 - 22))
    if end < 0 or len(data) < end + 22:
        raise ImportRefused(_not_a_table(filename))
    entries = struct.unpack("<H", data[end + 10 : end + 12])[0]
    if entries > MAX_XLSX_MEMBERS:  # 0xFFFF (zip64) included: an Excel file of this size never needs it
        raise ImportRefused(_too_many_members(filename))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, struct.error):
        raise ImportRefused(_not_a_table(filename)) from None
    if len(members) > MAX_XLSX_MEMBERS:
        raise ImportRefused(_too_many_members(filename))
    if sum(member.file_size for member in members) > MAX_XLSX_UNCOMPRESSED:
        raise ImportRefused(
            _(
                "%(file)s is uitgepakt groter dan %(size)d MB: zoveel heeft een bestand met voornemens nooit nodig. "
                "Sla het opnieuw op als Excel-werkmap of als CSV UTF-8, zonder afbeeldingen of andere werkbladen."
            )
            % {"file": filename or _("Het bestand"), "size": MAX_XLSX_UNCOMPRESSED // (1024 * 1024)}
        )


def _too_many_members(filename):
    return _(
        "%(file)s bevat meer dan %(max)d onderdelen: dat is geen gewone Excel-werkmap. Sla het opnieuw op als "
        "Excel-werkmap of als CSV UTF-8."
    ) % {"file": filename or _("Het bestand"), "max": MAX_XLSX_MEMBERS}


def _cell_text(value):
    """A spreadsheet cell as the text the CSV of the same file would hold."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _columns(header):
    """The position of each column; ImportRefused if the header is missing, short or has unknown columns."""
    names = [name.strip().lower() for name in header]
    while names and not names[-1]:
        names.pop()
    expected = ", ".join(fileformat.COLUMNS)
    if not set(names) & set(fileformat.COLUMNS):
        raise ImportRefused(
            _("De eerste regel is geen kopregel. Zet bovenaan de kolomnamen: %(columns)s.") % {"columns": expected}
        )
    counts = Counter(names)
    duplicates = sorted(name for name, count in counts.items() if count > 1)
    if duplicates:
        raise ImportRefused(
            _("Deze kolommen staan meer dan eens in de kopregel: %(columns)s.") % {"columns": listed(duplicates)}
        )
    unknown = [name or _("(zonder naam)") for name in names if name not in fileformat.COLUMNS]
    if unknown:
        raise ImportRefused(
            _("Onbekende kolommen: %(unknown)s. Het bestandsformaat kent: %(columns)s.")
            % {"unknown": listed(unknown), "columns": expected}
        )
    missing = [name for name in fileformat.COLUMNS if name not in counts]
    if missing:
        raise ImportRefused(_("Deze kolommen ontbreken: %(columns)s.") % {"columns": ", ".join(missing)})
    return {name: position for position, name in enumerate(names)}


# --- the plan -----------------------------------------------------------------------------------


@dataclass
class Change:
    field: str
    old: str
    new: str


@dataclass
class PlannedRow:
    line: int
    reference: str = ""
    statement: str = ""  # as the file has it: what tells two new rows apart
    outcome: str = ""
    changes: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    values: dict = field(default_factory=dict)  # the row's values as model objects, for applying
    commitment: Commitment | None = None  # the stored commitment the row is about
    matched_by_statement: bool = False

    def refuse(self, message):
        self.errors.append(message)


@dataclass
class ImportPlan:
    filename: str
    rows: list = field(default_factory=list)
    errors: list = field(default_factory=list)  # about the file as a whole

    @property
    def is_valid(self):
        return not self.errors and not any(row.errors for row in self.rows)

    @property
    def has_changes(self):
        return any(row.outcome in (CREATED, UPDATED) for row in self.rows)

    def counts(self):
        counts = dict.fromkeys((CREATED, UPDATED, UNCHANGED, ERROR), 0)
        for row in self.rows:
            counts[row.outcome] += 1
        return counts


def plan_import(data, *, filename="", programme=None, progress=None):
    """The dry run: what importing `data` (the bytes of a CSV or XLSX file) would do. Writes nothing.

    `programme` (a year) is the programme of rows that do not name one; a row that names another is refused.
    `progress`, if given, wraps the iteration over the rows (e.g. a tqdm bar).
    """
    try:
        rows = read_rows(data, filename)
    except ImportRefused as refusal:
        return ImportPlan(filename=filename, errors=[refusal.message])
    return plan_rows(rows, filename=filename, programme=programme, progress=progress)


@dataclass
class FileRow:
    """One row of a commitment file: its line number and its cells by column name, as text."""

    line: int
    cells: dict
    too_many_cells: bool = False
    refused_columns: dict = field(default_factory=dict)  # column name: the control character found in it


def read_rows(data, filename=""):
    """The rows of a commitment file; ImportRefused if the file cannot be read as one."""
    table = read_table(data, filename)
    columns = _columns(table.header)
    if not table.records:
        raise ImportRefused(
            _("%(file)s heeft alleen een kopregel en geen voornemens.") % {"file": filename or _("Het bestand")}
        )
    return [_file_row(line, cells, columns) for line, cells in table.records]


def _file_row(line, cells, columns):
    values, refused = {}, {}
    for name, position in columns.items():
        text = fileformat.unspreadsheet(cells[position].strip()) if position < len(cells) else ""
        character = first_control_character(text)
        if character is not None:
            # Never looked up nor stored (PostgreSQL refuses NUL in a query): the row is refused, naming the column.
            refused[name], text = character, ""
        values[name] = text
    return FileRow(line, values, any(cell.strip() for cell in cells[len(columns) :]), refused)


def plan_rows(rows, *, filename="", programme=None, progress=None):
    """The plan for rows read by `read_rows` (or made to look like them). Writes nothing."""
    plan = ImportPlan(filename=filename)
    if programme is not None and not WorkProgramme.objects.filter(year=programme).exists():
        plan.errors.append(_unknown_programme(programme))
        return plan
    lookups = _Lookups(rows, programme)
    for row in progress(rows) if progress else rows:
        plan.rows.append(_plan_row(row, lookups, default_programme=programme))
    _refuse_duplicates(plan.rows)
    _number_new_rows(plan.rows, lookups)
    for row in plan.rows:
        if row.errors:
            row.outcome = ERROR
    return plan


def _unknown_programme(year):
    return _("Werkprogramma %(year)s bestaat niet. Een beheerder maakt het aan in Beheer.") % {"year": year}


class _Lookups:
    """Everything the rows name, read in a fixed number of queries."""

    def __init__(self, rows, default_programme):
        years = {default_programme} if default_programme else set()
        usernames = set()
        for row in rows:
            years.add(_as_year(row.cells["programme"]))
            match = REFERENCE.fullmatch(row.cells["reference"])
            if match:  # its commitment is read with those of its programme
                years.add(int(match.group(1)))
            usernames.add(row.cells["owner"])
        years.discard(None)
        self.programmes = {p.year: p for p in WorkProgramme.objects.filter(year__in=years)}
        self.domains = {domain.slug: domain for domain in Domain.objects.all()}
        self.goals = {goal.code: goal for goal in Goal.objects.all()}
        User = get_user_model()
        self.users = {user.username: user for user in User.objects.filter(username__in=usernames - {""})}
        self.memberships = set(
            Domain.members.through.objects.filter(user__username__in=usernames - {""}).values_list(
                "user_id", "domain_id"
            )
        )
        self.row_fields = CommitmentRowForm.fields_for(domains=self.domains, goals=self.goals, users=self.users)
        stored = list(
            Commitment.objects.filter(programme__year__in=years).select_related("programme", "domain", "owner")
        )
        goal_codes = {}
        for commitment_id, code in Commitment.goals.through.objects.filter(
            commitment__programme__year__in=years
        ).values_list("commitment_id", "goal__code"):
            goal_codes.setdefault(commitment_id, []).append(code)
        self.by_reference = {}
        self.by_statement = {}
        for commitment in stored:
            commitment.goal_codes = sorted(goal_codes.get(commitment.pk, []))
            self.by_reference[commitment.reference] = commitment
            key = (commitment.programme_id, _normalised(commitment.statement))
            self.by_statement.setdefault(key, []).append(commitment)


def _normalised(text):
    return " ".join(text.split())


def _as_year(text):
    """The year a cell names, or None: four digits at most, as a programme's year is stored."""
    text = text.strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 4 else None


def _plan_row(file_row, lookups, default_programme):
    """What to do with one row, and each problem with it."""
    cells = file_row.cells
    row = PlannedRow(line=file_row.line, reference=cells["reference"], statement=cells["statement"])
    if file_row.too_many_cells:
        row.refuse(_("Deze regel heeft meer kolommen dan de kopregel; staat er een komma of puntkomma te veel in?"))
    for name, character in file_row.refused_columns.items():
        row.refuse(
            _("Kolom %(column)s bevat een onzichtbaar stuurteken (%(code)s); haal het weg en importeer opnieuw.")
            % {"column": name, "code": f"U+{ord(character):04X}"}
        )
    programme = _programme_of(row, cells, lookups, default_programme)
    stored, not_found = _stored_commitment(row, cells, programme, lookups) if programme else (None, None)
    form = CommitmentRowForm(cells, fields=lookups.row_fields, memberships=lookups.memberships, stored=stored)
    for column, messages in form.errors.items():
        if column not in file_row.refused_columns:  # emptied when read: its refusal above says what to fix
            row.errors.extend(messages)
    if programme is None:
        return row
    if not_found:
        row.refuse(not_found)
    row.values = {**form.commitment_fields(), "programme": programme}
    row.commitment = stored
    if row.commitment is not None:
        _plan_update(row, cells)
    elif not cells["reference"]:
        _plan_creation(row, cells)
    return row


def _programme_of(row, cells, lookups, default_programme):
    year = default_programme
    if cells["programme"]:
        year = _as_year(cells["programme"])
        if year is None:
            row.refuse(
                _("Programma ‘%(value)s’ is geen jaartal; schrijf bijvoorbeeld 2024.")
                % {"value": shortened(cells["programme"])}
            )
            return None
        if default_programme and year != default_programme:
            row.refuse(
                _("Deze regel hoort bij werkprogramma %(row)s, maar u importeert in werkprogramma %(chosen)s.")
                % {"row": year, "chosen": default_programme}
            )
            return None
    match = REFERENCE.fullmatch(cells["reference"])
    if year is None and match:
        year = int(match.group(1))
    if year is None:
        row.refuse(
            _("Vul de kolom programme in (het jaar van het werkprogramma) of kies het werkprogramma bij de import.")
        )
        return None
    if year not in lookups.programmes:
        row.refuse(_unknown_programme(year))
        return None
    if lookups.programmes[year].is_closed:
        row.refuse(
            _(
                "Het werkprogramma %(year)s is vastgesteld: een import wijzigt het niet. "
                "Een beheerder kan het heropenen."
            )
            % {"year": year}
        )
        return None
    return lookups.programmes[year]


def _stored_commitment(row, cells, programme, lookups):
    """The commitment the row is about, by reference or by its statement, None for a new one; and why the row names
    none, if it does not."""
    reference = cells["reference"]
    if reference:
        match = REFERENCE.fullmatch(reference)
        if not match:
            row.reference = shortened(reference)  # as the report and the command show it
            return None, _(
                "Referentie ‘%(value)s’ heeft niet de vorm WP%(year)s-001. Laat de kolom leeg voor een nieuw voornemen."
            ) % {"value": shortened(reference), "year": programme.year}
        stored = lookups.by_reference.get(reference)
        if stored is None:
            return None, _(
                "Referentie %(reference)s bestaat niet. Referenties deelt het register zelf uit en worden nooit "
                "hergebruikt: laat de kolom reference leeg voor een nieuw voornemen."
            ) % {"reference": shortened(reference)}
        if stored.programme_id != programme.pk:
            return None, _("%(reference)s hoort bij werkprogramma %(stored)s, niet bij %(row)s.") % {
                "reference": reference,
                "stored": stored.programme.year,
                "row": programme.year,
            }
        return stored, None
    same_text = lookups.by_statement.get((programme.pk, _normalised(cells["statement"])), [])
    if len(same_text) > 1:
        return None, _(
            "Deze tekst staat al bij %(references)s. Vul de referentie in van het voornemen dat u bedoelt."
        ) % {"references": ", ".join(c.reference for c in same_text)}
    if same_text:
        row.matched_by_statement = True
        row.reference = same_text[0].reference
        return same_text[0], None
    return None, None


def _plan_creation(row, cells):
    values = row.values
    if cells["status"] not in ("", Status.PLANNED):
        row.refuse(
            _("Een nieuw voornemen krijgt status planned; ‘%(status)s’ bereikt het alleen via de workflow.")
            % {"status": shortened(cells["status"])}
        )
    if not cells["due_date"]:
        values["due_date"] = values["programme"].default_due_date
    row.outcome = CREATED


def _plan_update(row, cells):
    stored, values = row.commitment, row.values
    if cells["status"] and cells["status"] != stored.status:
        row.refuse(
            _(
                "De status in het bestand (%(file)s) verschilt van die in het register (%(stored)s). "
                "Een import wijzigt geen status: dat gaat via de workflow. Zet de status uit het register terug."
            )
            % {"file": shortened(cells["status"]), "stored": stored.status}
        )
    if not cells["due_date"]:
        row.refuse(_("Vul de kolom due_date in; een bestaand voornemen houdt zijn deadline."))
    if row.errors:
        return
    row.changes = [
        Change(name, old, new)
        for name in fileformat.EDITABLE_FIELDS
        if (old := _shown(stored, name)) != (new := _shown_value(values, name))
    ]
    if not row.changes:
        row.outcome = UNCHANGED
        return
    if stored.is_frozen:
        row.refuse(
            _(
                "%(reference)s staat ter beoordeling: tot het besluit verandert er niets aan. Laat de regel zoals in "
                "het register, of vraag de reviewer het voornemen terug te sturen."
            )
            % {"reference": stored.reference}
        )
        return
    if stored.is_decided:
        row.refuse(
            _(
                "%(reference)s is beoordeeld (%(status)s) en daarmee alleen-lezen: een reviewer moet het eerst "
                "heropenen. Laat de regel zoals in het register of haal hem uit het bestand."
            )
            % {"reference": stored.reference, "status": stored.get_status_display()}
        )
        return
    row.outcome = UPDATED


def _shown(commitment, name):
    """A stored field as the file format writes it."""
    if name == "goals":
        return ";".join(commitment.goal_codes)
    if name == "domain":
        return commitment.domain.slug
    if name == "owner":
        return commitment.owner.username if commitment.owner else ""
    return _text(getattr(commitment, name))


def _shown_value(values, name):
    """A value of the file, as the file format writes it."""
    value = values[name]
    if name == "goals":
        return ";".join(sorted(goal.code for goal in value))
    if name == "domain":
        return value.slug
    if name == "owner":
        return value.username if value else ""
    return _text(value)


def _text(value):
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _refuse_duplicates(rows):
    """Two rows about one commitment: both refused, each naming the other."""
    lines = {}
    for row in rows:
        key = row.commitment.pk if row.commitment else None
        if key is None and row.values.get("programme") and not row.reference:
            key = ("new", row.values["programme"].pk, _normalised(row.statement))
        elif key is None and row.reference:
            key = ("reference", row.reference)
        if key is not None:
            lines.setdefault(key, []).append(row)
    for same in lines.values():
        if len(same) < 2:
            continue
        # Each row names at most five of the others: with thousands of copies a full list on every row would make
        # the report grow with the square of the rows (issue 18: 20,000 rows, 1.56 GB).
        first = same[:6]
        for row in same:
            others = [other.line for other in first if other is not row][:5]
            lines_text = ", ".join(map(str, others))
            if len(same) - 1 > len(others):
                lines_text += " " + _("en %(count)d andere") % {"count": len(same) - 1 - len(others)}
            if row.reference:
                row.refuse(
                    _("Referentie %(reference)s staat ook op regel %(lines)s: elk voornemen één keer.")
                    % {"reference": shortened(row.reference), "lines": lines_text}
                )
            else:
                row.refuse(
                    _("Dezelfde tekst staat ook op regel %(lines)s: elk voornemen één keer.") % {"lines": lines_text}
                )


def _number_new_rows(rows, lookups):
    """The references new rows will most likely get (the register hands them out when the plan is applied)."""
    last = {year: programme.last_reference_number for year, programme in lookups.programmes.items()}
    for row in rows:
        if row.outcome == CREATED and not row.errors:
            year = row.values["programme"].year
            last[year] += 1
            row.reference = f"WP{year}-{last[year]:03d}"


# --- applying -----------------------------------------------------------------------------------


@transaction.atomic
def apply_plan(plan, *, by, progress=None):
    """Carry out a plan without errors through the workflow: every row or, on any refusal, none.

    Returns the counts per outcome. The references of created rows are those the register handed out.
    """
    if not plan.is_valid:
        raise ImportRefused(_("Het bestand heeft fouten; er is niets geïmporteerd."))
    reason = _("import van %(file)s") % {"file": plan.filename or _("een bestand")}
    rows = progress(plan.rows) if progress else plan.rows
    created = defaultdict(list)  # per programme, in file order: they are numbered in that order
    for row in rows:
        if row.outcome == CREATED:
            created[row.values["programme"]].append(row)
        elif row.outcome == UPDATED:
            with _refusal_for([row]):
                _update(row, by, reason)
    for programme, new_rows in created.items():
        with _refusal_for(new_rows):
            commitments = workflow.create_commitments(
                by=by, programme=programme, rows=[_without_programme(row.values) for row in new_rows]
            )
        for row, commitment in zip(new_rows, commitments, strict=True):
            row.reference = commitment.reference
    return plan.counts()


@contextlib.contextmanager
def _refusal_for(rows):
    """A refusal of the workflow, as the import reports it: the line, the reason, and that nothing changed."""
    try:
        yield
    except workflow.WorkflowError as error:
        row = rows[error.row_index or 0]
        raise ImportRefused(
            _("Regel %(line)d: %(message)s Er is niets geïmporteerd.") % {"line": row.line, "message": error.message}
        ) from error


def _without_programme(values):
    return {name: value for name, value in values.items() if name != "programme"}


def _update(row, by, reason):
    changed = {change.field for change in row.changes}
    changes = {name: row.values[name] for name in changed - {"goals"}}
    workflow.update_commitment(
        row.commitment,
        by=by,
        version=row.commitment.version,
        changes=changes,
        goals=row.values["goals"] if "goals" in changed else None,
        due_date_reason=reason,
    )
