"""Writers for the commitment file format (DESIGN.md §5, its columns and guard in fileformat.py) and the other
exports: files for machines (the register's CSV and XLSX, the round-trip import format, and the overview's CSV) and
files for people (the overview's XLSX and the "CSV voor Excel" of the register and the overview, in the reader's
language: labels, names, dates as dates).

The writers give data, never an HTTP response: a CSV as pieces of text (for a stream or a file), an XLSX written to
a given path or binary stream, a PDF as bytes. The views make the downloads (wpsite/downloads.py), the command
writes to its file.

CSV comes a few hundred rows at a time; XLSX is written in constant-memory mode. Every file writes a ' before
every place where a spreadsheet could see a cell start with = + - or @: the start of a text, and after each list
separator (, or ;), tab and line break in it, since a spreadsheet that splits on another separator than the file's
starts a cell there (issue 18: `Zie;=cmd|' /C calc'!A0;` in Dutch Excel). A ' already standing there is doubled, so
that the import, which takes exactly one ' off again, gives back every value exactly. CSV quotes every text, so a
`;` or line break in a value never splits it, whichever separator the reader assumes.
"""

import csv
import datetime
import io
import itertools

import xlsxwriter
from django.template.loader import render_to_string
from django.utils import dateformat, formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from commitments import fileformat
from commitments.models import (
    OPEN_STATUSES,
    Commitment,
    DropKind,
    EvidenceKind,
    EvidenceLink,
    Kind,
    Review,
    Status,
    Verdict,
)
from commitments.people import name_label, person_label

CHUNK_SIZE = 2000


def commitment_record(commitment):
    """One commitment in the file format: codes, never labels; dates as dates."""
    return (
        commitment.reference,
        commitment.programme.year,
        commitment.title,
        commitment.statement,
        commitment.source_location,
        commitment.kind,
        commitment.domain.slug,
        ";".join(sorted(goal.code for goal in commitment.goals.all())),
        commitment.owner.username if commitment.owner else "",
        commitment.due_date,
        commitment.expected_date,
        commitment.status,
    )


# What commitment_records() reads of a commitment: fileformat.COLUMNS without the goals.
RECORD_VALUES = (
    "reference",
    "programme__year",
    "title",
    "statement",
    "source_location",
    "kind",
    "domain__slug",
    "owner__username",
    "due_date",
    "expected_date",
    "status",
)
# The order of a commitment file: by programme, then number. Unique, so the goals can follow in the same order.
FILE_ORDER = ("programme__year", "sequence")


def _rows_with_goals(queryset, values, goal_value):
    """(row of `values`, [`goal_value` of each goal, by code]) of every commitment of `queryset`, in the order of a
    file, for files of any size.

    Two queries, whatever the size: the rows as plain values, and their goals in the same order, read side by side
    from two streaming cursors. Model instances with prefetched goals made the register's CSV of 20,000 rows twelve
    to seventeen times slower than csv.writer over values_list(), its memory growing with the rows; the goals read
    per chunk by a list of its ids made it twice the floor on PostgreSQL (bench/results.md).
    """
    rows = queryset.order_by(*FILE_ORDER).values_list("pk", *values).iterator(chunk_size=CHUNK_SIZE)
    links = (
        Commitment.goals.through.objects.filter(commitment__in=queryset.values("pk"))
        .order_by(*(f"commitment__{name}" for name in FILE_ORDER), "goal__code")
        .values_list("commitment_id", f"goal__{goal_value}")
        .iterator(chunk_size=CHUNK_SIZE)
    )
    link = next(links, None)
    for pk, *row in rows:
        goals = []
        while link is not None and link[0] == pk:
            goals.append(link[1])
            link = next(links, None)
        yield row, goals


def commitment_records(queryset):
    """commitment_record() of every commitment of `queryset`, in the order of a file, for files of any size."""
    for row, codes in _rows_with_goals(queryset, RECORD_VALUES, "code"):
        reference, year, title, statement, location, kind, domain, owner, due, expected, status = row
        yield (
            reference,
            year,
            title,
            statement,
            location,
            kind,
            domain,
            fileformat.GOAL_SEPARATOR.join(codes),
            owner or "",
            due,
            expected,
            status,
        )


# --- CSV and XLSX -----------------------------------------------------------------------------


def _csv_row(row):
    """A row as csv.writer should write it: text guarded (fileformat.spreadsheet_safe_row), a datetime in ISO 8601
    (its str() has a space for the T). None (empty) and dates (ISO 8601) csv.writer writes right itself."""
    row = fileformat.spreadsheet_safe_row(row)
    if datetime.datetime in set(map(type, row)):
        row = [value.isoformat() if isinstance(value, datetime.datetime) else value for value in row]
    return row


CSV_ROWS_PER_PIECE = 500  # a piece of the stream: one write to the client instead of one per row


def csv_pieces(header, rows, *, delimiter=","):
    """The text of a UTF-8 CSV (with BOM, so that Excel reads the accents right), a few hundred rows a piece: for a
    streamed download or a file. `rows` are read only as the pieces are."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerow(header)  # the column names, plain as ever
    # Every text in quotes (numbers not): a ; or line break inside a value never ends its cell.
    writer = csv.writer(buffer, delimiter=delimiter, quoting=csv.QUOTE_NONNUMERIC)
    yield "\ufeff" + buffer.getvalue()
    rows_iterator = iter(rows)
    while batch := list(itertools.islice(rows_iterator, CSV_ROWS_PER_PIECE)):
        buffer.seek(0)
        buffer.truncate()
        writer.writerows(map(_csv_row, batch))
        yield buffer.getvalue()


ISO_DATE = "yyyy-mm-dd"  # the files for machines write dates so
PERCENTAGE = "0.0%"


def write_xlsx_sheet(workbook, name, header, rows, widths=None, *, date_format=ISO_DATE, percent_columns=()):
    """One sheet: header row frozen with filters, dates as dates, text never as formulas; the numbers of
    `percent_columns` (fractions) shown as percentages."""
    sheet = workbook.add_worksheet(name)
    bold = workbook.add_format({"bold": True, "bg_color": "#E8EEF4", "bottom": 1})
    as_date = workbook.add_format({"num_format": date_format})
    as_percentage = workbook.add_format({"num_format": PERCENTAGE})
    wrap = workbook.add_format({"text_wrap": False})
    for column, width in enumerate(widths or [18] * len(header)):
        sheet.set_column(column, column, width)
    sheet.write_row(0, 0, header, bold)
    sheet.freeze_panes(1, 0)
    count = 0
    for count, row in enumerate(rows, start=1):
        for column, value in enumerate(row):
            if value is None or value == "":
                continue
            if isinstance(value, datetime.datetime):
                sheet.write_datetime(count, column, value.replace(tzinfo=None), as_date)
            elif isinstance(value, datetime.date):
                sheet.write_datetime(count, column, datetime.datetime.combine(value, datetime.time()), as_date)
            elif isinstance(value, str):
                # write_string: never a formula, whatever the text begins with; the ' keeps the round trip equal to CSV.
                sheet.write_string(count, column, fileformat.spreadsheet_safe(value), wrap)
            elif column in percent_columns:
                sheet.write_number(count, column, value, as_percentage)
            else:
                sheet.write_number(count, column, value)
    sheet.autofilter(0, 0, max(count, 1), len(header) - 1)
    return sheet


def xlsx_workbook(output):
    """A workbook written to `output`, a path or a binary stream, in constant memory."""
    return xlsxwriter.Workbook(output, {"constant_memory": True, "remove_timezone": True})


# --- the register: the commitment file format, and the CSV for Excel ----------------------------

COMMITMENT_COLUMN_WIDTHS = (14, 10, 40, 60, 10, 14, 18, 30, 14, 12, 12, 12)


def register_csv(queryset):
    """The commitments of `queryset` as a commitment file (CSV), in pieces of text."""
    return csv_pieces(fileformat.COLUMNS, commitment_records(queryset))


def write_register_xlsx(queryset, output):
    """The commitments of `queryset` as a commitment file (XLSX), written to `output` (a path or binary stream)."""
    workbook = xlsx_workbook(output)
    write_xlsx_sheet(workbook, "voornemens", fileformat.COLUMNS, commitment_records(queryset), COMMITMENT_COLUMN_WIDTHS)
    workbook.close()


# --- files for people: the reader's language ------------------------------------------------------

EXCEL_CSV_SEPARATOR = ";"  # the list separator of Dutch Excel: a file with commas opens as one column
_EXCEL_DATE_PARTS = {"d": "dd", "j": "d", "m": "mm", "n": "m", "Y": "yyyy", "y": "yy"}


class Readable:
    """What a file for people says instead of codes, in the language active when it is made: labels of the
    choices, headers, and the language's numeric date (SHORT_DATE_FORMAT, wpsite/formats: 31-12-2024, 31/12/2024).
    Read at once, so that a CSV streamed after the view has returned still speaks the reader's language."""

    def __init__(self):
        self.kind = {value: str(label) for value, label in Kind.choices}
        self.status = {value: str(label) for value, label in Status.choices}
        self.verdict = {value: str(label) for value, label in Verdict.choices}
        self.drop_kind = {value: str(label) for value, label in DropKind.choices}
        self.evidence_kind = {value: str(label) for value, label in EvidenceKind.choices}
        self.date_pattern = formats.get_format("SHORT_DATE_FORMAT")
        self._dates = {}
        self.commitment_header = [_field_label(Commitment, name) for name in fileformat.COLUMNS]

    @property
    def xlsx_date_format(self):
        """The language's numeric date as a spreadsheet's number format: d-m-Y is dd-mm-yyyy."""
        return "".join(_EXCEL_DATE_PARTS.get(part, part) for part in self.date_pattern)

    def date(self, value):
        """A date as text in the language's numeric style (the CSV for Excel); None as ''. Each date is written out
        once: thousands of rows share a few dozen dates, and formatting each took a third of the file's time."""
        if value not in self._dates:
            self._dates[value] = dateformat.format(value, self.date_pattern) if value else ""
        return self._dates[value]


def _field_label(model, name):
    return capfirst(str(model._meta.get_field(name).verbose_name))


READABLE_RECORD_VALUES = (
    "reference",
    "programme__year",
    "title",
    "statement",
    "source_location",
    "kind",
    "domain__name",
    "owner__username",
    "owner__first_name",
    "owner__last_name",
    "due_date",
    "expected_date",
    "status",
)
READABLE_GOAL_SEPARATOR = "; "


def register_excel_csv(queryset):
    """The commitments of `queryset` for people, as Dutch Excel opens a CSV: `;` between the cells, labels and names
    in the reader's language, dates as 31-12-2024. The same columns as the commitment file, in words."""
    readable = Readable()

    def rows():
        for row, goals in _rows_with_goals(queryset, READABLE_RECORD_VALUES, "name"):
            reference, year, title, statement, location, kind, domain, username, first, last, due, expected, status = (
                row
            )
            yield (
                reference,
                year,
                title,
                statement,
                location,
                readable.kind.get(kind, kind),
                domain,
                READABLE_GOAL_SEPARATOR.join(goals),
                name_label(username, f"{first} {last}".strip()) if username else "",
                readable.date(due),
                readable.date(expected),
                readable.status.get(status, status),
            )

    return csv_pieces(readable.commitment_header, rows(), delimiter=EXCEL_CSV_SEPARATOR)


# --- the year-end overview (issue 4) ----------------------------------------------------------

# The commitment file format, then how each was accounted for; evidence URLs one per line within the cell.
OVERVIEW_COLUMNS = (
    *fileformat.COLUMNS,
    "verdict",
    "decided_on",
    "decided_by",
    "rationale",
    "annual_report_reference",
    "evidence_urls",
)


def overview_record(commitment):
    """One commitment of YearOverview.commitments() as a row of OVERVIEW_COLUMNS."""
    decision = commitment.decision
    return (
        *commitment_record(commitment),
        decision.verdict if decision else "",
        commitment.decided_on,
        decision.actor.username if decision else "",
        commitment.rationale,
        decision.annual_report_reference if decision else "",
        "\n".join(item.url for item in commitment.evidence.all()),
    )


def overview_csv(overview):
    """The machine format of the overview, in pieces of text: its columns and values stay exactly as they are (no
    draft mark, no drop kind); the XLSX, the CSV for Excel, the PDF and the DOCX are the documents people read."""
    commitments = overview.commitments(chunk_size=CHUNK_SIZE, state_of_affairs=False)
    return csv_pieces(OVERVIEW_COLUMNS, map(overview_record, commitments))


def _overview_header(readable):
    """The columns of the overview for people: the commitment's, then how it was accounted for."""
    return [
        *readable.commitment_header,
        _("Oordeel"),
        _("Beoordeeld"),  # the date
        _field_label(Review, "actor"),  # by
        _("Motivering"),
        capfirst(_("vindplaats in het jaarbericht")),
        _("Bewijs"),
        _("Soort vervallen"),
        _("Stand van zaken"),
        _("Stand van zaken op"),
        _("Stand van zaken door"),
    ]


OVERVIEW_READABLE_WIDTHS = (*COMMITMENT_COLUMN_WIDTHS, 18, 14, 24, 60, 30, 60, 30, 60, 14, 24)


def _readable_overview_record(commitment, readable, date):
    """One commitment of YearOverview.commitments() for people; `date` writes its dates (as they are, or as text)."""
    decision = commitment.decision
    update = commitment.state_of_affairs
    return (
        commitment.reference,
        commitment.programme.year,
        commitment.title,
        commitment.statement,
        commitment.source_location,
        readable.kind.get(commitment.kind, commitment.kind),
        commitment.domain.name,
        READABLE_GOAL_SEPARATOR.join(goal.name for goal in sorted(commitment.goals.all(), key=lambda g: g.code)),
        person_label(commitment.owner),
        date(commitment.due_date),
        date(commitment.expected_date),
        readable.status.get(commitment.status, commitment.status),
        readable.verdict.get(decision.verdict, decision.verdict) if decision else "",
        date(commitment.decided_on),
        person_label(decision.actor) if decision else "",
        commitment.rationale,
        decision.annual_report_reference if decision else "",
        "\n".join(item.url for item in commitment.evidence.all()),
        readable.drop_kind.get(decision.drop_kind, "") if decision else "",
        update.text if update else "",
        date(timezone.localtime(update.written_at).date()) if update else None,
        person_label(update.written_by) if update else "",
    )


def overview_excel_csv(overview):
    """The overview's commitments for people, as Dutch Excel opens a CSV (register_excel_csv), with their account."""
    readable = Readable()
    rows = (
        _readable_overview_record(commitment, readable, readable.date)
        for commitment in overview.commitments(chunk_size=CHUNK_SIZE)
    )
    return csv_pieces(_overview_header(readable), rows, delimiter=EXCEL_CSV_SEPARATOR)


def _summary_records(overview):
    """The summary sheet: the state of the account first (CONCEPT with the number still undecided, or the date it
    was closed), then the realisation of the whole selection, the dropped ones by kind, and the rows by domain and
    by goal; counts per status, the total and the realisation rate (a fraction, shown as a percentage)."""
    totals = overview.totals
    empty = (None for _ in Status.values)
    state = _("Stand")
    yield (state, f"{overview.state}. {overview.state_explanation}", *empty)
    if not overview.is_final:
        open_counts = (totals.counts[status] if status in OPEN_STATUSES else 0 for status in Status.values)
        yield (state, _("Nog zonder oordeel"), *open_counts, totals.undecided)
    yield (_("Totaal"), _("Alle voornemens"), *totals.counts.values(), totals.total, totals.rate)
    for _kind, label, count in overview.dropped_by_kind:
        counts = (count if status == Status.DROPPED else 0 for status in Status.values)
        yield (_("Vervallen"), str(label), *counts, count)
    for section, rows in ((_("Toezichtgebied"), overview.by_domain), (_("Doel"), overview.by_goal)):
        for row in rows:
            yield (section, str(row.label), *(count for _, _, count in row.cells), row.total, row.rate)


def write_overview_xlsx(overview, output):
    """The overview for people, written to `output` (a path or binary stream), in the reader's language: a summary,
    the commitments with their account, and the evidence; labels instead of codes, names instead of usernames,
    dates as dates in the language's style, the realisation rate as a percentage."""
    readable = Readable()
    date_format = readable.xlsx_date_format
    workbook = xlsx_workbook(output)
    summary_header = [capfirst(_("sectie")), _("Naam"), *readable.status.values(), _("Totaal"), _("Realisatie")]
    write_xlsx_sheet(
        workbook,
        _("Samenvatting"),
        summary_header,
        _summary_records(overview),
        (18, 60, *(14 for _ in Status.values), 10, 14),
        percent_columns={len(summary_header) - 1},
    )
    write_xlsx_sheet(
        workbook,
        _("Voornemens"),
        _overview_header(readable),
        (
            _readable_overview_record(commitment, readable, lambda value: value)
            for commitment in overview.commitments(chunk_size=CHUNK_SIZE)
        ),
        OVERVIEW_READABLE_WIDTHS,
        date_format=date_format,
    )
    evidence = (
        (
            item.commitment.reference,
            item.title,
            item.url,
            readable.evidence_kind.get(item.kind, item.kind),
            item.published_on,
            item.note,
        )
        for item in overview.evidence().iterator(chunk_size=CHUNK_SIZE)
    )
    evidence_header = [
        _field_label(Commitment, "reference"),
        *(_field_label(EvidenceLink, name) for name in ("title", "url", "kind", "published_on", "note")),
    ]
    write_xlsx_sheet(
        workbook, _("Bewijs"), evidence_header, evidence, (14, 50, 60, 16, 14, 50), date_format=date_format
    )
    workbook.close()


# The most commitments a PDF (or DOCX) made in a web request may have: WeasyPrint needs some 30 ms of CPU for each
# (bench/results.md), so that 300 take about ten seconds, and a whole year of thousands would outlast gunicorn's
# 30-second worker timeout. A larger selection is made in the background (intake/year_files.py).
PDF_AT_MOST = 300


# The most rows a CSV or XLSX made in a web request may have (issue 18: four parallel XLSX exports of a year of 40,000
# commitments were all 500 at 30 s). Measured on this 2-core machine: the register's XLSX writes 40,000 rows in about
# 8 s, the overview's CSV and XLSX (instances with their decision and evidence) in 25 to 28 s. At these limits one
# takes at most some 2 s, so four at once stay well within gunicorn's 30 s. The page over a limit says what to do
# instead: filter, take the register's CSV (streamed, some 35,000 rows a second), or `manage.py export_overview`.
REGISTER_XLSX_AT_MOST = 10_000
OVERVIEW_EXPORT_AT_MOST = {"csv": 3_000, "excel-csv": 3_000, "xlsx": 3_000}


def pdf_url_fetcher():
    """What WeasyPrint may fetch while rendering a report: nothing, no network and no local files. The template
    carries its own styles, fonts come from the machine (DejaVu), and links to evidence are never followed."""
    import weasyprint  # loads Pango and friends: only the PDF needs them

    return weasyprint.URLFetcher(allowed_protocols=frozenset())


def render_overview_pdf(overview):
    """The overview as a report for the board: WeasyPrint renders an HTML template with print CSS to PDF bytes."""
    import weasyprint

    html = render_to_string(
        "commitments/overview_pdf.html", {"overview": overview, "generated_on": timezone.localdate()}
    )
    # PDF/UA-1: tagged (a structure tree), with the document's language and title (the template's lang and <title>),
    # as Dutch government publications must be accessible.
    return weasyprint.HTML(string=html, url_fetcher=pdf_url_fetcher()).write_pdf(pdf_variant="pdf/ua-1")


# The files of the overview, by the extension of their address (and the command's --format).
OVERVIEW_FORMATS = ("csv", "excel-csv", "xlsx", "pdf")
