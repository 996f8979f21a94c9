"""manage.py send_reminders: owners of open commitments due within 14 days or overdue hear of them, at most once a
week per commitment; --dry-run only tells what it would send."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from commitments.models import Reminder, Status
from tests.builders import bring_to, new_commitment
from tests.conftest import make_user


def days_from_today(days):
    return timezone.localdate() + datetime.timedelta(days=days)


def send_reminders(*args):
    out = io.StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def due_soon(programme, politie, alice):
    return new_commitment(programme, politie, alice, owner=alice, title="Binnenkort", due_date=days_from_today(14))


@pytest.fixture
def overdue(programme, politie, alice):
    return new_commitment(programme, politie, alice, owner=alice, title="Te laat", due_date=days_from_today(-3))


def test_it_mails_the_owner_of_commitments_due_within_14_days_or_overdue(due_soon, overdue, alice):
    output = send_reminders()

    (message,) = mail.outbox
    assert message.to == ["alice@example.org"]
    assert message.subject == "Herinnering deadline: 2 voornemens"
    assert f"{due_soon.reference} Binnenkort" in message.body and "nog 14 dagen" in message.body
    assert f"{overdue.reference} Te laat" in message.body and "3 dagen over de deadline" in message.body
    assert f"http://127.0.0.1:8000/commitments/{overdue.reference}/" in message.body
    assert "1 e-mails verstuurd over 2 voornemens" in output
    assert Reminder.objects.filter(recipient=alice).count() == 2


def test_it_leaves_out_what_is_not_due_decided_under_review_or_without_owner(programme, politie, alice, bob):
    later = new_commitment(programme, politie, alice, owner=alice, title="Later", due_date=days_from_today(15))
    decided = new_commitment(programme, politie, alice, owner=alice, title="Beoordeeld", due_date=days_from_today(1))
    bring_to(decided, Status.MET, staff=alice, decider=bob)
    waiting = new_commitment(programme, politie, alice, owner=alice, title="Wacht", due_date=days_from_today(1))
    bring_to(waiting, Status.UNDER_REVIEW, staff=alice)
    new_commitment(programme, politie, alice, title="Zonder eigenaar", due_date=days_from_today(1))

    send_reminders()

    assert mail.outbox == []
    assert later.reminders.count() == 0


def test_a_commitment_in_progress_is_reminded(programme, politie, alice):
    started = new_commitment(programme, politie, alice, owner=alice, due_date=days_from_today(2))
    bring_to(started, Status.IN_PROGRESS, staff=alice)

    send_reminders()

    assert len(mail.outbox) == 1


def test_owners_without_address_are_skipped(programme, politie):
    silent = make_user("stil", ["medewerker"], [politie])
    silent.email = ""
    silent.save()
    new_commitment(programme, politie, silent, owner=silent, due_date=days_from_today(1))

    send_reminders()

    assert mail.outbox == []


def test_each_owner_gets_one_mail_about_their_own_commitments(programme, politie, due_soon, alice):
    other = make_user("olga", ["medewerker"], [politie])
    theirs = new_commitment(programme, politie, other, owner=other, title="Van Olga", due_date=days_from_today(5))

    send_reminders()

    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {"alice@example.org", "olga@example.org"}
    assert theirs.reference in by_address["olga@example.org"].body
    assert due_soon.reference not in by_address["olga@example.org"].body


def test_dry_run_lists_what_it_would_send_and_records_nothing(due_soon, overdue):
    output = send_reminders("--dry-run")

    assert f"Zou herinneren: alice <alice@example.org>: {overdue.reference}, {due_soon.reference}" in output
    assert "niets verstuurd of vastgelegd" in output
    assert mail.outbox == []
    assert not Reminder.objects.exists()


def test_a_commitment_is_reminded_at_most_once_a_week(due_soon):
    send_reminders()
    send_reminders()

    assert len(mail.outbox) == 1

    Reminder.objects.update(sent_at=timezone.now() - datetime.timedelta(days=6, hours=23))
    send_reminders()
    assert len(mail.outbox) == 1

    Reminder.objects.update(sent_at=timezone.now() - datetime.timedelta(days=7, minutes=1))
    send_reminders()
    assert len(mail.outbox) == 2
    assert due_soon.reminders.count() == 2


def test_a_new_due_commitment_is_reminded_though_its_neighbour_was_reminded_this_week(
    programme, politie, due_soon, alice
):
    send_reminders()
    newly_due = new_commitment(programme, politie, alice, owner=alice, title="Nieuw", due_date=days_from_today(3))

    send_reminders()

    assert len(mail.outbox) == 2
    assert newly_due.reference in mail.outbox[1].body and due_soon.reference not in mail.outbox[1].body
    assert mail.outbox[1].subject == f"Herinnering deadline: {newly_due.reference} Nieuw"


def test_a_failing_mail_records_nothing(settings, due_soon):
    settings.EMAIL_BACKEND = "tests.test_notifications.FailingBackend"

    with pytest.raises(ConnectionRefusedError):
        send_reminders()

    assert not Reminder.objects.exists()
