"""The start page: what needs this user's attention, one section per role they hold (DESIGN.md §5)."""

from django.shortcuts import render
from django.utils import timezone

from commitments import overview, permissions
from commitments.models import WorkProgramme
from commitments.views.reviews import ReviewQueue

QUEUE_SHOWN = 10
OVERDUE_SHOWN = 25


def dashboard(request):
    user = request.user
    permissions.require(permissions.can_read(user))
    today = timezone.localdate()
    context = {"today": today}
    if permissions.is_staff_member(user):
        needing_action = overview.needing_action(user, today)
        context["staff"] = {
            "needing_action": needing_action,
            "groups": _by_urgency(needing_action),
            "under_review": overview.submissions_under_review(user),
        }
    if permissions.is_reviewer(user):
        context["reviewer"] = _review_queue(user)
    if permissions.is_manager(user):
        context["manager"] = _progress(_chosen_programme(request), today)
    return render(request, "commitments/dashboard.html", context)


def _by_urgency(needing_action):
    """The user's commitments needing action, each in the most urgent group it belongs to: over the deadline (and
    not submitted), due within 30 days, sent back. Each group says its `key` (an anchor and a style)."""
    groups = {"overdue": [], "due_soon": [], "sent_back": []}
    for commitment in needing_action:
        if commitment.is_overdue_now:
            groups["overdue"].append(commitment)
        elif commitment.is_due_soon:
            groups["due_soon"].append(commitment)
        else:
            groups["sent_back"].append(commitment)
    return groups


def _review_queue(user):
    """The queue as the review page lists it (ReviewQueue, unfiltered): its first QUEUE_SHOWN rows, how many wait
    in all and how many of them this reviewer may decide (four eyes)."""
    queue = ReviewQueue(user, {})
    rows = list(queue.commitments.select_related("programme", "domain", "owner")[:QUEUE_SHOWN])
    counts = queue.counts()
    first = next((commitment for commitment in rows if commitment.may_review), None)
    if first is None and counts["mine"]:
        first = queue.mine().only("reference").first()
    return {
        "queue": [(commitment, commitment.may_review) for commitment in rows],
        "waiting": counts["total"],
        "waiting_on_me": counts["mine"],
        "first": first,
    }


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
