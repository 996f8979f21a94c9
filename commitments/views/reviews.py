from django.db.models import Count, Exists, Max, OuterRef, Q
from django.shortcuts import render

from commitments import permissions
from commitments.models import Action, Commitment, EvidenceLink, Review, Status


def review_queue(request):
    """Commitments waiting for a verdict, oldest submission first."""
    permissions.require(permissions.can_use_review_queue(request.user))
    submitted_at = Max("reviews__created_at", filter=Q(reviews__action=Action.SUBMIT))
    queue = (
        Commitment.objects.filter(status=Status.UNDER_REVIEW)
        .select_related("programme", "domain", "owner")
        .annotate(
            submitted_at=submitted_at,
            evidence_count=Count("evidence", distinct=True),
            has_late_evidence=Exists(
                EvidenceLink.objects.filter(commitment=OuterRef("pk"), published_on__gt=OuterRef("due_date"))
            ),
        )
        .order_by("submitted_at", "id")
    )
    submissions = {
        review.commitment_id: review
        for review in Review.objects.filter(commitment__in=queue, action=Action.SUBMIT)
        .select_related("actor")
        .order_by("commitment_id", "created_at", "id")
    }
    rows = [(commitment, submissions.get(commitment.pk)) for commitment in queue]
    return render(request, "commitments/review_queue.html", {"rows": rows})
