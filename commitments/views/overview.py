from django.shortcuts import get_object_or_404, redirect

from commitments import permissions
from commitments.models import WorkProgramme


def overview_current(request):
    """The year-end overview of the latest programme."""
    permissions.require(permissions.can_read(request.user))
    programme = WorkProgramme.objects.order_by("-year").first()
    return redirect("overview", year=programme.year) if programme else redirect("register")


def overview(request, year):
    permissions.require(permissions.can_read(request.user))
    get_object_or_404(WorkProgramme, year=year)
    return redirect("register")  # replaced by the year-end overview (issue 4)
