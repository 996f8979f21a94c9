from django.shortcuts import render

from commitments import permissions
from commitments.models import Commitment


def dashboard(request):
    """The start page: what needs this user's attention."""
    permissions.require(permissions.can_read(request.user))
    mine = Commitment.objects.with_related().open().filter(owner=request.user).order_by("due_date", "id")[:50]
    return render(request, "commitments/dashboard.html", {"mine": mine})
