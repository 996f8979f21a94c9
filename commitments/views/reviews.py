"""The review queue, and the queue as the review form follows it: after a decision, the next one of the same queue."""

from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode

from commitments import permissions
from commitments.forms import ReviewQueueForm
from commitments.models import Commitment, EvidenceLink

# Rows a page: the page's cost is per row, and a reviewer works from the top.
QUEUE_PAGE_SIZE = 50


class ReviewQueue:
    """What waits for a verdict (Commitment.objects.awaiting_review()), of the domain and in the order the address
    names (`?domain=<slug>&sort=waiting|due_date`, ReviewQueueForm), for one reviewer."""

    def __init__(self, user, query):
        self.user = user
        self.form = ReviewQueueForm(query)
        self.form.is_valid()  # what is not a choice is left out of cleaned_data
        chosen = self.form.cleaned_data
        self.domain = chosen.get("domain")
        self.sort = chosen.get("sort") or "waiting"
        state = {"domain": self.domain.slug if self.domain else "", "sort": chosen.get("sort", "")}
        self.state = urlencode({name: value for name, value in state.items() if value})

    @property
    def commitments(self):
        """The queue, each with `may_review`: whether this reviewer may decide it (four eyes), asked in the query."""
        queue = Commitment.objects.awaiting_review().annotate(
            may_review=ExpressionWrapper(permissions.may_review_condition(self.user), output_field=BooleanField())
        )
        if self.domain is not None:
            queue = queue.filter(domain=self.domain)
        return queue.order_by(*ReviewQueueForm.SORT_KEYS[self.sort])

    def mine(self):
        """The commitments of the queue this reviewer may decide, in its order."""
        return self.commitments.filter(may_review=True)

    def counts(self):
        """{"total": waiting in this queue, "mine": of which this reviewer may decide}, in one query."""
        return self.commitments.aggregate(total=Count("pk"), mine=Count("pk", filter=Q(may_review=True)))

    def with_state(self, url):
        return f"{url}?{self.state}" if self.state else url

    @property
    def url(self):
        return self.with_state(reverse("review-queue"))

    def review_url(self, commitment):
        return self.with_state(reverse("commitment-review", args=[commitment.reference]))

    def next_url(self, decided):
        """Where a reviewer goes after deciding `decided`: the first of the same queue they may decide, else the
        queue itself (which then says that nothing of it waits for them)."""
        following = self.mine().exclude(pk=decided.pk).only("reference").first()
        return self.review_url(following) if following else self.url


def review_queue(request):
    """Commitments waiting for a verdict, the one submitted longest ago first (or the earliest deadline), of one
    domain or all, a page at a time, in a fixed number of queries."""
    permissions.require(permissions.can_use_review_queue(request.user))
    queue = ReviewQueue(request.user, request.GET)
    rows = queue.commitments.select_related("programme", "domain", "owner").annotate(
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
    page = Paginator(rows, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    submitters = _people(commitment.submitted_by_id for commitment in page)
    rows = [
        {
            "commitment": commitment,
            "submitted_by": submitters.get(commitment.submitted_by_id),
            "may_review": commitment.may_review,
            "review_url": queue.review_url(commitment),
        }
        for commitment in page
    ]
    return render(request, "commitments/review_queue.html", {"rows": rows, "page_obj": page, "queue": queue})


def _people(ids):
    """{id: user} of the people who submitted the listed commitments, in one query."""
    return get_user_model().objects.in_bulk({pk for pk in ids if pk is not None})
