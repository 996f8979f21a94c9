"""The public account of every closed year (DESIGN.md §9): no login, nothing internal, and its open data."""

import json

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from commitments import exports
from commitments.overview import totals_by_year
from public import account
from wpsite import downloads

PER_PAGE = 100
CSV_COLUMNS = (
    "reference",
    "programme",
    "title",
    "statement",
    "sourceLocation",
    "kind",
    "domain",
    "domainName",
    "goals",
    "dueDate",
    "expectedDate",
    "verdict",
    "verdictLabel",
    "dropKind",
    "explanation",
    "annualReportReference",
    "decidedOn",
    "evidence",
)


def _query(request):
    filters = request.GET.copy()
    filters.pop("page", None)
    return filters.urlencode()


@login_not_required
@require_GET
def index(request):
    programmes = list(account.closed_programmes())
    figures = totals_by_year(programmes)
    return render(request, "public/index.html", {"rows": [(p, figures[p.year]) for p in programmes]})


@login_not_required
@require_GET
def year(request, year):
    programme = account.closed_programme(year)
    public_year, form = account.year_for_request(programme, request.GET)
    paginator = Paginator(public_year.public_commitments(), PER_PAGE)
    paginator.count = public_year.totals.total  # counted with the figures: no query of its own
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "public/year.html",
        {
            "year": public_year,
            "programme": programme,
            "form": form,
            "commitments": account.with_dates(page.object_list),
            "page_obj": page,
            "query": _query(request),
            "years": account.closed_programmes().values_list("year", flat=True),
        },
        status=400 if form.errors else 200,
    )


@login_not_required
@require_GET
def commitment(request, year, reference):
    programme = account.closed_programme(year)
    (item,) = account.with_dates([account.public_commitment(programme, reference)])
    return render(request, "public/commitment.html", {"programme": programme, "commitment": item})


@login_not_required
@require_GET
def export(request, year, file_format):
    """What the page shows, with its filters, as open data: CSV (one row per commitment, its evidence in one
    cell) or JSON (the same records, with the figures)."""
    programme = account.closed_programme(year)
    public_year, form = account.year_for_request(programme, request.GET)
    if form.errors:
        return HttpResponse(
            json.dumps({"errors": form.errors.get_json_data()}), status=400, content_type="application/json"
        )
    records = map(account.record, public_year.public_commitments().iterator(chunk_size=exports.CHUNK_SIZE))
    if file_format == "csv":
        rows = (_csv_row(item) for item in records)
        return downloads.csv_download(exports.csv_pieces(CSV_COLUMNS, rows), public_year.filename("csv"))
    totals = public_year.totals
    document = {
        "programme": {
            "year": programme.year,
            "title": programme.title,
            "closedOn": programme.closed_at.date().isoformat(),
            "annualReportTitle": programme.annual_report_title,
            "annualReportUrl": public_year.annual_report_url,
        },
        "filters": {key: value for key, value in request.GET.items() if key in account.PublicFilterForm.base_fields},
        "summary": {
            "total": totals.total,
            "counts": totals.counts,
            "realisationRate": totals.rate,
        },
        "commitments": list(records),
    }
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=1), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{public_year.filename("json")}"'
    return response


def _csv_row(item):
    evidence = " | ".join(f"{link['title']} <{link['url']}>" for link in item["evidence"])
    values = {**item, "goals": ";".join(item["goals"]), "evidence": evidence}
    return tuple(values[column] for column in CSV_COLUMNS)
