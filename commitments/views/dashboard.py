"""The start page: what needs this user's attention, one section per role they hold (DESIGN.md §5)."""

from django.shortcuts import render
from django.utils import timezone

from commitments import overview, permissions
from commitments.models import WorkProgramme

QUEUE_SHOWN = 10
OVERDUE_SHOWN = 25


def dashboard(request):
    user = request.user
    permissions.require(permissions.can_read(user))
    today = timezone.localdate()
    context = {"today": today}
    if permissions.is_staff_member(user):
        context["staff"] = {
            "needing_action": overview.needing_action(user, today),
            "under_review": overview.submissions_under_review(user),
        }
    if permissions.is_reviewer(user):
        queue, waiting = overview.review_queue(QUEUE_SHOWN)
        context["reviewer"] = {
            "queue": [(commitment, permissions.can_review(user, commitment)) for commitment in queue],
            "waiting": waiting,
        }
    if permissions.is_manager(user):
        context["manager"] = _progress(_chosen_programme(request), today)
    return render(request, "commitments/dashboard.html", context)


def _chosen_programme(request):
    """The year of the picker (`?year=`), else the year people are working on: the oldest one not closed yet."""
    year = request.GET.get("year", "")
    chosen = WorkProgramme.objects.filter(year=int(year)).first() if year.isdigit() and len(year) == 4 else None
    return chosen or WorkProgramme.objects.current()


def _progress(programme, today):
    """The chosen year per domain, its overdue commitments, and its realisation beside the year before."""
    if programme is None:
        return {"programme": None}
    previous = WorkProgramme.objects.filter(year=programme.year - 1).first()
    totals = overview.totals_by_year([p for p in (programme, previous) if p is not None])
    late, late_count = overview.overdue(programme, OVERDUE_SHOWN, today)
    return {
        "programme": programme,
        "previous": previous,
        "totals": totals[programme.year],
        "previous_totals": totals.get(previous.year) if previous else None,
        "by_domain": overview.YearOverview(programme).by_domain,
        "overdue": late,
        "overdue_count": late_count,
        "years": WorkProgramme.objects.order_by("-year").values_list("year", flat=True),
    }
