"""The answer to an export over its limit (commitments.exports: REGISTER_XLSX_AT_MOST, OVERVIEW_EXPORT_AT_MOST)."""

from django.shortcuts import render


def too_large(request, total, limit, *, file_format, year=None):
    """The page (413) for an export over its limit: how large the selection is, and what to do instead."""
    query = request.GET.copy()
    query.pop("_export", None)
    context = {
        "total": total,
        "limit": limit,
        "file_format": file_format.upper(),
        "year": year,
        "query": query.urlencode(),
        "command": f"python manage.py export_overview {year} --format {file_format} --output jaaroverzicht-{year}"
        + (".csv" if file_format == "excel-csv" else f".{file_format}")
        if year
        else "",
    }
    return render(request, "commitments/export_too_large.html", context, status=413)
