"""Mail about the workflow: who gets what, only after the step's transaction commits, in Dutch, with a link,
and with the user's text escaped where it is HTML."""

import datetime

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.utils import translation

from commitments import permissions, workflow
from commitments.models import Commitment, Status, Verdict
from tests.builders import add_evidence, approve, bring_to, make_reviewer_in, new_commitment, submit
from tests.conftest import make_user


class FailingBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


@pytest.fixture
def in_progress(commitment, alice):
    return bring_to(commitment, Status.IN_PROGRESS, staff=alice)


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def html_of(message):
    (html, mimetype) = message.alternatives[0]
    assert mimetype == "text/html"
    return html


def test_on_submit_the_reviewers_are_mailed(django_capture_on_commit_callbacks, in_progress, alice, bob, bob2):
    with django_capture_on_commit_callbacks(execute=True):
        submit(in_progress, alice)

    assert recipients() == ["bob2@example.org", "bob@example.org"]
    message = mail.outbox[0]
    assert message.subject == f"Ter beoordeling: {in_progress.reference} {in_progress.title}"
    assert "Alice de Vries (alice) heeft voornemen WP2024-001 ter beoordeling aangeboden" in message.body
    assert "Voorgesteld oordeel: Gerealiseerd" in message.body
    assert f"http://127.0.0.1:8000/commitments/{in_progress.reference}/review/" in message.body
    assert f'href="http://127.0.0.1:8000/commitments/{in_progress.reference}/review/"' in html_of(message)


def test_the_submitter_the_owner_and_reviewers_without_address_or_account_are_not_mailed(
    django_capture_on_commit_callbacks, programme, politie, alice, bob
):
    olga = make_reviewer_in(politie, "olga")
    sam = make_reviewer_in(politie, "sam")
    no_address = make_user("zonder-adres", [permissions.REVIEWER])
    no_address.email = ""
    no_address.save()
    make_user("vertrokken", [permissions.REVIEWER], is_active=False)
    commitment = bring_to(new_commitment(programme, politie, alice, owner=olga), Status.IN_PROGRESS, staff=alice)

    with django_capture_on_commit_callbacks(execute=True):
        submit(commitment, sam)

    assert recipients() == ["bob@example.org"]


def test_whoever_may_review_is_mailed_by_the_same_answer_as_the_review_page(
    django_capture_on_commit_callbacks, programme, politie, alice, bob
):
    """A beheerder may review, so is told; an owner of earlier in the cycle may not, so is not (permissions)."""
    erik = make_user("erik", [permissions.BEHEERDER])
    olga = make_reviewer_in(politie, "olga")
    commitment = new_commitment(programme, politie, alice, owner=olga)
    workflow.update_commitment(commitment, by=alice, version=commitment.version, changes={"owner": alice})
    bring_to(commitment, Status.IN_PROGRESS, staff=alice)

    with django_capture_on_commit_callbacks(execute=True):
        submit(commitment, alice)

    assert recipients() == ["bob@example.org", "erik@example.org"]
    under_review = Commitment.objects.get(pk=commitment.pk)
    assert permissions.can_review(erik, under_review) and not permissions.can_review(olga, under_review)


def test_on_approval_the_owner_is_mailed_the_verdict(django_capture_on_commit_callbacks, in_progress, alice, bob):
    submit(in_progress, alice, Verdict.MET)

    with django_capture_on_commit_callbacks(execute=True):
        approve(in_progress, bob, Verdict.PARTLY_MET, rationale="Alleen het deelrapport.")

    (message,) = mail.outbox
    assert message.to == ["alice@example.org"]
    assert message.subject == f"Beoordeeld als ‘Deels gerealiseerd’: {in_progress.reference} {in_progress.title}"
    assert "Bob Jansen (bob) heeft uw voornemen WP2024-001 beoordeeld als ‘Deels gerealiseerd’." in message.body
    assert "Voorgesteld oordeel: Gerealiseerd" in message.body
    assert "Vindplaats in het jaarbericht: Jaarbericht 2024, p. 14" in message.body
    assert "Alleen het deelrapport." in message.body
    assert f"http://127.0.0.1:8000/commitments/{in_progress.reference}/" in message.body


def test_on_send_back_the_owner_is_mailed_the_reason(django_capture_on_commit_callbacks, in_progress, alice, bob):
    submit(in_progress, alice)

    with django_capture_on_commit_callbacks(execute=True):
        workflow.review(in_progress, by=bob, decision="send_back", rationale="Voeg de Kamerbrief toe.")

    (message,) = mail.outbox
    assert message.to == ["alice@example.org"]
    assert message.subject.startswith("Teruggestuurd: WP2024-001")
    assert "Voeg de Kamerbrief toe." in message.body


def test_on_reopen_the_owner_is_mailed(django_capture_on_commit_callbacks, in_progress, alice, bob):
    submit(in_progress, alice)
    approve(in_progress, bob)

    with django_capture_on_commit_callbacks(execute=True):
        workflow.reopen(in_progress, by=bob, reason="Het rapport is teruggetrokken.")

    (message,) = mail.outbox
    assert message.subject.startswith("Heropend: WP2024-001")


def test_a_commitment_without_owner_mails_no_one_on_a_decision(
    django_capture_on_commit_callbacks, programme, politie, alice, bob
):
    commitment = bring_to(new_commitment(programme, politie, alice), Status.UNDER_REVIEW, staff=alice)

    with django_capture_on_commit_callbacks(execute=True):
        approve(commitment, bob)

    assert mail.outbox == []


def test_nothing_is_sent_before_the_transaction_commits(django_capture_on_commit_callbacks, in_progress, alice):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        submit(in_progress, alice)

    assert len(callbacks) == 1
    assert mail.outbox == []


def test_nothing_is_sent_when_the_transaction_rolls_back(django_capture_on_commit_callbacks, in_progress, alice, bob):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        with transaction.atomic():
            submit(in_progress, alice)
            raise RuntimeError("something after the step failed")

    assert mail.outbox == []
    in_progress.refresh_from_db()
    assert in_progress.status == Status.IN_PROGRESS


def test_nothing_is_sent_for_a_refused_step(django_capture_on_commit_callbacks, in_progress, alice, bob):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(workflow.WorkflowError):
        submit(in_progress, alice, Verdict.DELAYED, expected_date=None)

    assert mail.outbox == []


def test_a_mail_server_that_is_down_does_not_undo_the_step_and_is_logged(
    django_capture_on_commit_callbacks, settings, caplog, in_progress, alice, bob
):
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"

    with django_capture_on_commit_callbacks(execute=True):
        submit(in_progress, alice)

    in_progress.refresh_from_db()
    assert in_progress.status == Status.UNDER_REVIEW
    assert "Error calling notify_reviewers" in caplog.text


def test_links_use_the_site_url(django_capture_on_commit_callbacks, settings, in_progress, alice, bob):
    settings.SITE_URL = "https://wpsite.inspectie.example"

    with django_capture_on_commit_callbacks(execute=True):
        submit(in_progress, alice)

    assert f"https://wpsite.inspectie.example/commitments/{in_progress.reference}/review/" in mail.outbox[0].body


def test_user_text_is_escaped_in_html_and_a_subject_stays_one_line(
    django_capture_on_commit_callbacks, programme, politie, alice, bob
):
    commitment = new_commitment(programme, politie, alice, owner=alice, title="PO21 <script>alert(1)</script>\nBcc: x")
    add_evidence(commitment, alice)
    workflow.start(commitment, by=alice)

    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit(commitment, by=alice, proposed_verdict=Verdict.MET, explanation="Zie <b>rapport</b> & brief")

    (message,) = mail.outbox
    assert "\n" not in message.subject
    assert message.subject.endswith("PO21 <script>alert(1)</script> Bcc: x")
    assert "Zie <b>rapport</b> & brief" in message.body
    html = html_of(message)
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Zie &lt;b&gt;rapport&lt;/b&gt; &amp; brief" in html


def test_mail_is_in_dutch_whatever_the_language_of_the_request(
    django_capture_on_commit_callbacks, in_progress, alice, bob
):
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        submit(in_progress, alice, Verdict.DELAYED, expected_date=datetime.date(2025, 6, 30))

    assert "Verwachte datum: 30 juni 2025" in mail.outbox[0].body
