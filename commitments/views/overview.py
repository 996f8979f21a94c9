"""The year-end overview of a programme (DESIGN.md §5) and its exports: what the annual report accounts for."""

import io

from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from commitments import exports, jaarbericht, permissions
from commitments.filters import chips
from commitments.forms import year_overview_for
from commitments.models import WorkProgramme
from commitments.views.limits import too_large
from wpsite import downloads


def overview_current(request):
    """The year-end overview of the year people are working on: the oldest one not closed yet."""
    permissions.require(permissions.can_read(request.user))
    programme = WorkProgramme.objects.current()
    return redirect("overview", year=programme.year) if programme else redirect("register")


def _overview_for(request, year):
    return year_overview_for(get_object_or_404(WorkProgramme, year=year), request.GET)


def _made_in_the_background(request, year, file_format):
    """A file that would outlast the request is made in the background, by the programme-documents app's queue:
    reached by its address (an interface), not by its code."""
    query = _filters_query(request)
    return redirect(reverse(f"year-file-request-{file_format}", args=[year]) + (f"?{query}" if query else ""))


def _filters_query(request):
    """The query string of the filters, without the page: kept by the pager, the exports and the way back."""
    filters = request.GET.copy()
    filters.pop("page", None)
    return filters.urlencode()


def overview(request, year):
    """The summary and matrices of the selection, and its commitments: all, those of one domain a page at a time, or
    when the selection spans the domains and is too large to list at once, the domains to choose from."""
    permissions.require(permissions.can_read(request.user))
    year_overview, form = _overview_for(request, year)
    listing = year_overview.listing(request.GET.get("page"))
    return render(
        request,
        "commitments/overview.html",
        {
            "overview": year_overview,
            "listing": listing,
            "page_obj": listing.page,
            "form": form,
            "chips": chips(form, request.GET),
            "years": WorkProgramme.objects.order_by("-year").values_list("year", flat=True),
            "query": _filters_query(request),  # for the pager and the exports
            "pdf_limit": exports.PDF_AT_MOST,  # a larger PDF or DOCX is made in the background: no download link
        },
    )


def export(request, year, file_format):
    """The overview as CSV, CSV for Excel, XLSX or PDF, with the page's filters: for managers and beheerders. A PDF
    of more than exports.PDF_AT_MOST commitments would outlast the request: it is made in the background."""
    permissions.require(permissions.can_export_overview(request.user))
    year_overview, _ = _overview_for(request, year)
    if file_format == "pdf" and year_overview.totals.total > exports.PDF_AT_MOST:
        return _made_in_the_background(request, year, "pdf")
    if year_overview.totals.total > exports.OVERVIEW_EXPORT_AT_MOST.get(file_format, year_overview.totals.total):
        return too_large(
            request,
            year_overview.totals.total,
            exports.OVERVIEW_EXPORT_AT_MOST[file_format],
            year=year,
            file_format=file_format,
        )
    return _overview_file(year_overview, file_format)


def _overview_file(year_overview, file_format):
    if file_format == "csv":
        return downloads.csv_download(exports.overview_csv(year_overview), year_overview.filename("csv"))
    if file_format == "excel-csv":
        filename = year_overview.filename("csv").removesuffix(".csv") + "-excel.csv"
        return downloads.csv_download(exports.overview_excel_csv(year_overview), filename)
    if file_format == "xlsx":
        return downloads.xlsx_download(
            lambda output: exports.write_overview_xlsx(year_overview, output), year_overview.filename("xlsx")
        )
    return downloads.file_download(
        exports.render_overview_pdf(year_overview), year_overview.filename("pdf"), "application/pdf"
    )


def export_docx(request, year):
    """The Jaarbericht chapter as an editable Word document, with the page's filters: for managers and beheerders. A
    selection without commitments has no chapter: a page says so (404) instead of an empty document. A large one is
    made in the background, as its PDF is."""
    permissions.require(permissions.can_export_overview(request.user))
    year_overview, _ = _overview_for(request, year)
    if year_overview.totals.total > exports.PDF_AT_MOST:
        return _made_in_the_background(request, year, "docx")
    chapter = io.BytesIO()
    try:
        jaarbericht.write_chapter(year_overview, chapter)
    except jaarbericht.NothingToReport as empty:
        context = {"overview": year_overview, "message": str(empty), "query": _filters_query(request)}
        return render(request, "commitments/overview/docx_empty.html", context, status=404)
    return downloads.file_download(chapter.getvalue(), year_overview.filename("docx"), jaarbericht.CONTENT_TYPE)
