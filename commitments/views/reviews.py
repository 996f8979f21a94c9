from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import render

from commitments import permissions
from commitments.models import Action, Commitment, EvidenceLink, Review, Status

# Rows a page: the page's cost is per row, and a reviewer works from the top.
QUEUE_PAGE_SIZE = 50


def review_queue(request):
    """Commitments waiting for a verdict, the one submitted longest ago first, a page at a time, in a fixed number
    of queries."""
    permissions.require(permissions.can_use_review_queue(request.user))
    submissions = Review.objects.filter(action=Action.SUBMIT).order_by("-created_at", "-id")
    queue = (
        Commitment.objects.filter(status=Status.UNDER_REVIEW)
        .select_related("programme", "domain", "owner")
        .annotate(
            submitted_at=Subquery(submissions.filter(commitment=OuterRef("pk")).values("created_at")[:1]),
            # A subquery, not Count("evidence"): an aggregate would make the pager's COUNT compute every row's
            # annotations.
            evidence_count=Coalesce(
                Subquery(
                    EvidenceLink.objects.filter(commitment=OuterRef("pk"))
                    .values("commitment")
                    .annotate(count=Count("pk"))
                    .values("count")
                ),
                0,
            ),
            has_late_evidence=Exists(
                EvidenceLink.objects.filter(commitment=OuterRef("pk"), published_on__gt=OuterRef("due_date"))
            ),
        )
        .prefetch_related(Prefetch("reviews", queryset=submissions.select_related("actor"), to_attr="submissions"))
        .with_cycle_participants()
        .order_by("submitted_at", "id")
    )
    page = Paginator(queue, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = []
    for commitment in page:
        submission = commitment.submissions[0] if commitment.submissions else None
        rows.append(
            {
                "commitment": commitment,
                "submission": submission,
                "may_review": permissions.can_review(request.user, commitment),
            }
        )
    return render(request, "commitments/review_queue.html", {"rows": rows, "page_obj": page})
