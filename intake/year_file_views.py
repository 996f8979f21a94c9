"""The pages of a year-end file made in the background: how it goes, and the download when it is ready."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from commitments import permissions
from commitments.forms import year_overview_for
from commitments.models import WorkProgramme
from intake import year_files
from intake.models import YearFile


def _own_file(request, pk):
    """The user's own file, or 404: another's file is nobody else's business."""
    permissions.require(permissions.can_export_overview(request.user))
    return get_object_or_404(
        YearFile.objects.select_related("programme", "domain", "goal").defer("content"),
        pk=pk,
        owner=request.user,
        expires_at__gte=timezone.now(),
    )


def request_file(request, year, file_format):
    """Where the overview sends a selection too large to make in a request: the user's file of it, queued (or the
    one already being made or ready), and its page."""
    permissions.require(permissions.can_export_overview(request.user))
    year_overview, _ = year_overview_for(get_object_or_404(WorkProgramme, year=year), request.GET)
    return redirect("year-file", pk=year_files.request_file(request.user, year_overview, file_format).pk)


def year_file(request, pk):
    year_file = _own_file(request, pk)
    response = render(request, "intake/year_file.html", {"file": year_file})
    if year_file.state in (YearFile.State.QUEUED, YearFile.State.MAKING):
        response["Refresh"] = "5"  # without any script, the browser asks again itself
    return response


def download(request, pk):
    year_file = _own_file(request, pk)
    if year_file.state != YearFile.State.READY:
        return render(request, "intake/year_file.html", {"file": year_file}, status=409)
    content = YearFile.objects.values_list("content", flat=True).get(pk=year_file.pk)
    response = HttpResponse(bytes(content), content_type=year_files.CONTENT_TYPES[year_file.file_format])
    response["Content-Disposition"] = f'attachment; filename="{year_file.filename}"'
    return response
