"""Writers for the commitment file format (DESIGN.md §5, its columns and guard in fileformat.py) and the other
exports.

CSV is streamed a few hundred rows at a time; XLSX is written in constant-memory mode to a temporary file. Both
write a ' before every place where a spreadsheet could see a cell start with = + - or @: the start of a text, and
after each list separator (, or ;), tab and line break in it, since a spreadsheet that splits on another separator
than the file's starts a cell there (issue 18: `Zie;=cmd|' /C calc'!A0;` in Dutch Excel). A ' already standing
there is doubled, so that the import, which takes exactly one ' off again, gives back every value exactly. CSV
quotes every text, so a `;` or line break in a value never splits it, whichever separator the reader assumes.
"""

import csv
import datetime
import io
import itertools
import tempfile

import xlsxwriter
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from commitments import fileformat
from commitments.models import OPEN_STATUSES, Commitment, Status
from commitments.people import person_label

CHUNK_SIZE = 2000
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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


# What commitment_records() reads of a commitment: its id, then fileformat.COLUMNS without the goals.
RECORD_VALUES = (
    "pk",
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


def commitment_records(queryset):
    """commitment_record() of every commitment of `queryset`, in the order of a file, for files of any size.

    Two queries, whatever the size: the rows as plain values, and their goals in the same order, read side by side
    from two streaming cursors. Model instances with prefetched goals made the register's CSV of 20,000 rows twelve
    to seventeen times slower than csv.writer over values_list(), its memory growing with the rows; the goals read
    per chunk by a list of its ids made it twice the floor on PostgreSQL (bench/results.md).
    """
    rows = queryset.order_by(*FILE_ORDER).values_list(*RECORD_VALUES).iterator(chunk_size=CHUNK_SIZE)
    links = (
        Commitment.goals.through.objects.filter(commitment__in=queryset.values("pk"))
        .order_by(*(f"commitment__{name}" for name in FILE_ORDER), "goal__code")
        .values_list("commitment_id", "goal__code")
        .iterator(chunk_size=CHUNK_SIZE)
    )
    link = next(links, None)
    for pk, reference, year, title, statement, location, kind, domain, owner, due, expected, status in rows:
        codes = []
        while link is not None and link[0] == pk:
            codes.append(link[1])
            link = next(links, None)
        yield (
            reference,
            year,
            title,
            statement,
            location,
            kind,
            domain,
            ";".join(codes),
            owner or "",
            due,
            expected,
            status,
        )


def _csv_row(row):
    """A row as csv.writer should write it: text guarded (fileformat.spreadsheet_safe), a datetime in ISO 8601 (its
    str() has a space for the T). None (empty) and dates (ISO 8601) csv.writer writes right itself."""
    return [
        fileformat.spreadsheet_safe(value)
        if isinstance(value, str)
        else value.isoformat()
        if isinstance(value, datetime.datetime)
        else value
        for value in row
    ]


CSV_ROWS_PER_PIECE = 500  # a piece of the stream: one write to the client instead of one per row


def csv_response(header, rows, filename):
    """A streamed UTF-8 CSV download (with BOM, so that Excel reads the accents right)."""

    def pieces():
        buffer = io.StringIO()
        csv.writer(buffer).writerow(header)  # the column names, plain as ever
        # Every text in quotes (numbers not): a ; or line break inside a value never ends its cell.
        writer = csv.writer(buffer, quoting=csv.QUOTE_NONNUMERIC)
        yield "\ufeff" + buffer.getvalue()
        rows_iterator = iter(rows)
        while batch := list(itertools.islice(rows_iterator, CSV_ROWS_PER_PIECE)):
            buffer.seek(0)
            buffer.truncate()
            writer.writerows(map(_csv_row, batch))
            yield buffer.getvalue()

    response = StreamingHttpResponse(pieces(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def write_xlsx_sheet(workbook, name, header, rows, widths=None):
    """One sheet: header row frozen with filters, dates as dates, text never as formulas."""
    sheet = workbook.add_worksheet(name)
    bold = workbook.add_format({"bold": True, "bg_color": "#E8EEF4", "bottom": 1})
    date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
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
                sheet.write_datetime(count, column, value.replace(tzinfo=None), date_format)
            elif isinstance(value, datetime.date):
                sheet.write_datetime(count, column, datetime.datetime.combine(value, datetime.time()), date_format)
            elif isinstance(value, str):
                # write_string: never a formula, whatever the text begins with; the ' keeps the round trip equal to CSV.
                sheet.write_string(count, column, fileformat.spreadsheet_safe(value), wrap)
            else:
                sheet.write_number(count, column, value)
    sheet.autofilter(0, 0, max(count, 1), len(header) - 1)
    return sheet


def xlsx_workbook(path):
    return xlsxwriter.Workbook(path, {"constant_memory": True, "remove_timezone": True})


def xlsx_response(build, filename):
    """Write an XLSX with `build(workbook)` to a temporary file and send it, so memory stays flat."""
    handle = tempfile.NamedTemporaryFile(suffix=".xlsx")  # removed when the response closes it
    workbook = xlsx_workbook(handle.name)
    build(workbook)
    workbook.close()
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE)


COMMITMENT_COLUMN_WIDTHS = (14, 10, 40, 60, 10, 14, 18, 30, 14, 12, 12, 12)


def register_csv(queryset, filename="voornemens.csv"):
    return csv_response(fileformat.COLUMNS, commitment_records(queryset), filename)


def register_xlsx(queryset, filename="voornemens.xlsx"):
    def build(workbook):
        write_xlsx_sheet(
            workbook,
            "voornemens",
            fileformat.COLUMNS,
            commitment_records(queryset),
            COMMITMENT_COLUMN_WIDTHS,
        )

    return xlsx_response(build, filename)


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
OVERVIEW_COLUMN_WIDTHS = (*COMMITMENT_COLUMN_WIDTHS, 14, 12, 14, 60, 30, 60)
# The XLSX says of a dropped commitment how it was dropped (DropKind); the CSV, the machine format, stays as it is.
# And the current state of affairs (issue 17), with its date and author: for people, so not in the CSV either.
OVERVIEW_XLSX_COLUMNS = (
    *OVERVIEW_COLUMNS,
    "drop_kind",
    "state_of_affairs",
    "state_of_affairs_on",
    "state_of_affairs_by",
)
OVERVIEW_XLSX_COLUMN_WIDTHS = (*OVERVIEW_COLUMN_WIDTHS, 16, 60, 12, 24)
SUMMARY_COLUMNS = ("section", "key", "name", *Status.values, "total", "realisation_rate_percent")
SUMMARY_COLUMN_WIDTHS = (10, 18, 44, *(12 for _ in Status.values), 10, 24)
EVIDENCE_COLUMNS = ("reference", "title", "url", "kind", "published_on", "note")
EVIDENCE_COLUMN_WIDTHS = (14, 50, 60, 14, 14, 50)


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


def overview_summary_records(overview):
    """The state of the account first (section "state": "draft" with the number still undecided, or "final" with
    the date it was closed), then the realisation of the whole selection, the dropped ones by kind, and the
    matrices by domain and by goal, as SUMMARY_COLUMNS."""
    yield from _state_records(overview)
    sections = [("total", [overview.totals]), ("domain", overview.by_domain), ("goal", overview.by_goal)]
    for section, rows in sections:
        for row in rows:
            counts = [count for _, _, count in row.cells]
            yield (section, row.key, str(row.label), *counts, row.total, row.percentage)
        if section == "total":
            for kind, label, count in overview.dropped_by_kind:
                counts = (count if status == Status.DROPPED else 0 for status in Status.values)
                yield ("dropped", kind, str(label), *counts, count)


def _state_records(overview):
    """The draft or final mark of the summary sheet: its text in the reader's language, and the undecided ones."""
    totals = overview.totals
    if overview.is_final:
        yield ("state", "final", f"{overview.state}. {overview.state_explanation}", *(None for _ in Status.values))
        return
    yield ("state", "draft", f"{overview.state}. {overview.state_explanation}", *(None for _ in Status.values))
    open_counts = (totals.counts[status] if status in OPEN_STATUSES else 0 for status in Status.values)
    yield ("state", "undecided", str(_("Nog zonder oordeel")), *open_counts, totals.undecided)


def overview_xlsx_record(commitment):
    """overview_record, how a dropped commitment was dropped (by_programme or during_year) and the current state of
    affairs, as the XLSX has it."""
    decision = commitment.decision
    update = commitment.state_of_affairs
    return (
        *overview_record(commitment),
        decision.drop_kind if decision else "",
        update.text if update else "",
        timezone.localtime(update.written_at).date() if update else None,
        person_label(update.written_by) if update else "",
    )


def overview_csv(overview):
    # The machine format of the overview: its columns and values stay exactly as they are (no draft mark, no drop
    # kind); the XLSX, the PDF and the DOCX are the documents people read.
    rows = map(overview_record, overview.commitments(chunk_size=CHUNK_SIZE, state_of_affairs=False))
    return csv_response(OVERVIEW_COLUMNS, rows, overview.filename("csv"))


def write_overview_sheets(workbook, overview):
    """The sheets summary, commitments and evidence of the overview, into an open workbook."""
    write_xlsx_sheet(workbook, "summary", SUMMARY_COLUMNS, overview_summary_records(overview), SUMMARY_COLUMN_WIDTHS)
    write_xlsx_sheet(
        workbook,
        "commitments",
        OVERVIEW_XLSX_COLUMNS,
        map(overview_xlsx_record, overview.commitments(chunk_size=CHUNK_SIZE)),
        OVERVIEW_XLSX_COLUMN_WIDTHS,
    )
    evidence = (
        (item.commitment.reference, item.title, item.url, item.kind, item.published_on, item.note)
        for item in overview.evidence().iterator(chunk_size=CHUNK_SIZE)
    )
    write_xlsx_sheet(workbook, "evidence", EVIDENCE_COLUMNS, evidence, EVIDENCE_COLUMN_WIDTHS)


def overview_xlsx(overview):
    return xlsx_response(lambda workbook: write_overview_sheets(workbook, overview), overview.filename("xlsx"))


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
OVERVIEW_EXPORT_AT_MOST = {"csv": 3_000, "xlsx": 3_000}


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


def overview_pdf(overview):
    response = HttpResponse(render_overview_pdf(overview), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{overview.filename("pdf")}"'
    return response


def save_overview(overview, file_format, path):
    """The export as a file (manage.py export_overview), made by the same writers as the download."""
    if file_format == "xlsx":
        workbook = xlsx_workbook(path)
        write_overview_sheets(workbook, overview)
        workbook.close()
        return
    with open(path, "wb") as handle:
        if file_format == "pdf":
            handle.write(render_overview_pdf(overview))
        else:
            handle.writelines(overview_csv(overview).streaming_content)


OVERVIEW_WRITERS = {"csv": overview_csv, "xlsx": overview_xlsx, "pdf": overview_pdf}
