"""Mail about the workflow: the reviewers hear of a submission; the owner hears of a verdict, a send-back or a
reopening, and is reminded of a due date (manage.py send_reminders).

The workflow calls these only after its transaction has committed. The texts are templates in templates/emails/:
a plain-text part with the user's text as typed and an HTML part with it escaped. They are written in the site's
language, since the person whose request sends a mail is not the one who reads it.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from commitments import permissions
from commitments.models import Review


def absolute_url(path):
    """A link for a mail, which is read outside any request: the site's address comes from SITE_URL."""
    return f"{settings.SITE_URL}{path}"


def notify_reviewers(review_id):
    """A commitment waits for a verdict: mail everyone who may give it, by the answer of permissions (four eyes over
    the cycle: no owner or submitter of it since its last decision)."""
    submission = _step(review_id)
    commitment = submission.commitment
    reviewers = permissions.users_who_may_review(commitment).exclude(email="").order_by("username")
    context = {
        "step": submission,
        "commitment": commitment,
        "url": absolute_url(reverse("commitment-review", args=[commitment.reference])),
    }
    return send_to(reviewers, "emails/submitted", context)


def notify_owner(review_id):
    """Tell the owner that their commitment was decided, sent back or reopened, unless they took that step."""
    step = _step(review_id)
    commitment = step.commitment
    owner = commitment.owner
    if owner is None or not owner.is_active or not owner.email or owner.pk == step.actor_id:
        return 0
    context = {"step": step, "commitment": commitment, "url": absolute_url(commitment.get_absolute_url())}
    return send_to([owner], "emails/step_for_owner", context)


def send_reminder(owner, commitments):
    """One mail to an owner about their commitments that are due soon or overdue."""
    today = timezone.localdate()
    items = []
    for commitment in commitments:
        days = (commitment.due_date - today).days
        items.append(
            {
                "commitment": commitment,
                "url": absolute_url(commitment.get_absolute_url()),
                "days_left": max(days, 0),
                "days_overdue": max(-days, 0),
            }
        )
    return send_to([owner], "emails/reminder", {"items": items})


def send_to(recipients, template, context):
    """One message per recipient from `template`_subject.txt, .txt and .html; returns how many were sent."""
    with translation.override(settings.LANGUAGE_CODE):
        messages = [_message(recipient, template, context) for recipient in recipients]
    return get_connection().send_messages(messages) if messages else 0


def _message(recipient, template, context):
    context = {**context, "recipient": recipient, "site_url": settings.SITE_URL}
    # A subject is one line: a title with a line break in it must not end the header.
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    message = EmailMultiAlternatives(subject, render_to_string(f"{template}.txt", context), to=[recipient.email])
    message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    return message


def _step(review_id):
    return Review.objects.select_related("commitment__owner", "commitment__programme", "actor").get(pk=review_id)
