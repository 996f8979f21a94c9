"""Remind owners of commitments due within 14 days or overdue; at most once a week per commitment.

Meant to run daily (cron). Only commitments the owner still works on are included: one under review waits for a
reviewer, not for its owner. Each reminder is recorded (Reminder), which is what makes "once a week" hold, also
when two servers run the command at the same moment.
"""

import datetime
from itertools import groupby

from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from commitments import notifications
from commitments.models import Commitment, Reminder, Status

DAYS_AHEAD = 14
REMIND_AGAIN_AFTER = datetime.timedelta(days=7)


def commitments_to_remind(now):
    """The commitments whose owner should hear of them now, by owner."""
    reminded_recently = Reminder.objects.filter(commitment=OuterRef("pk"), sent_at__gt=now - REMIND_AGAIN_AFTER)
    return (
        Commitment.objects.filter(
            status__in=(Status.PLANNED, Status.IN_PROGRESS),
            due_date__lte=timezone.localdate(now) + datetime.timedelta(days=DAYS_AHEAD),
            owner__is_active=True,
        )
        .exclude(owner__email="")
        .exclude(Exists(reminded_recently))
        .select_related("owner", "programme")
        .order_by("owner_id", "due_date", "id")
    )


class Command(BaseCommand):
    help = (
        "Mailt eigenaren over voornemens waarvan de deadline binnen 14 dagen valt of verstreken is, "
        "hoogstens eens per week per voornemen."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Toon wat zou worden verstuurd; verstuur en registreer niets."
        )

    def handle(self, *args, dry_run=False, **options):
        now = timezone.now()
        mails = commitments_sent = 0
        for owner, commitments in groupby(commitments_to_remind(now), key=lambda commitment: commitment.owner):
            commitments = list(commitments)
            if not dry_run:
                commitments = self.remind(owner, commitments, now)
            if commitments:
                mails += 1
                commitments_sent += len(commitments)
                references = ", ".join(commitment.reference for commitment in commitments)
                verb = "Zou herinneren" if dry_run else "Herinnerd"
                self.stdout.write(f"{verb}: {owner.username} <{owner.email}>: {references}")
        if dry_run:
            self.stdout.write(
                f"Proefdraai: {mails} e-mails over {commitments_sent} voornemens; niets verstuurd of vastgelegd."
            )
        else:
            self.stdout.write(self.style.SUCCESS(f"{mails} e-mails verstuurd over {commitments_sent} voornemens."))

    @staticmethod
    def remind(owner, commitments, now):
        """Record and mail one owner's reminders together: a mail that fails records nothing. Rows another run
        holds right now are left to that run; those it has just reminded are no longer due."""
        with transaction.atomic():
            due = list(
                commitments_to_remind(now)
                .filter(pk__in=[commitment.pk for commitment in commitments])
                .select_for_update(of=("self",), skip_locked=True)
            )
            if due:
                Reminder.objects.bulk_create(
                    Reminder(commitment=commitment, recipient=owner, sent_at=now) for commitment in due
                )
                notifications.send_reminder(owner, due)
        return due
