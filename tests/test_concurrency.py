"""Two people taking a step on one commitment at the same moment: exactly one wins, the other hears why.

This needs two real database connections and row locks, so it runs on PostgreSQL only: SQLite ignores
SELECT ... FOR UPDATE (STYLE.md, known traps)."""

import threading
import time

import pytest
from django.core import mail
from django.db import connection, transaction

from commitments import workflow
from commitments.models import Action, Commitment, Review, Status, Verdict, WorkProgramme
from tests.builders import add_evidence, bring_to, make_reviewer_in, submit

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip(
            f"needs PostgreSQL: two connections and row locks (this run uses {connection.vendor}, "
            "where SELECT ... FOR UPDATE does nothing); run with DATABASE_URL=postgres://..."
        )


def at_once(*steps):
    """Run each step in its own thread, with its own database connection, released together by a barrier.
    Returns what each step returned or raised, in order."""
    barrier = threading.Barrier(len(steps))
    results = [None] * len(steps)

    def run(index, step):
        try:
            barrier.wait()
            results[index] = step()
        except Exception as error:  # the outcome is what the test looks at
            results[index] = error
        finally:
            connection.close()  # this thread's own connection

    threads = [threading.Thread(target=run, args=(index, step)) for index, step in enumerate(steps)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads), "a step hung: a lock that is never released?"
    return results


@pytest.fixture
def hold_the_lock(monkeypatch):
    """Whoever locks the commitment first keeps it a moment, so that the other really waits for the lock
    rather than coming after: without the lock both would find it under review and both would decide."""
    locked = workflow._locked

    def slow_locked(commitment):
        current = locked(commitment)
        time.sleep(0.3)
        return current

    monkeypatch.setattr(workflow, "_locked", slow_locked)


@pytest.fixture
def under_review(commitment, alice):
    return bring_to(commitment, Status.UNDER_REVIEW, staff=alice)


def test_two_reviewers_deciding_at_once_record_exactly_one_decision(under_review, bob, bob2, hold_the_lock):
    def decide(reviewer, verdict):
        return lambda: workflow.review(
            Commitment.objects.get(pk=under_review.pk),
            by=reviewer,
            decision="approve",
            verdict=verdict,
            rationale="Mijn oordeel.",
            annual_report_reference="Jaarbericht 2024, p. 14",
        )

    results = at_once(decide(bob, Verdict.MET), decide(bob2, Verdict.PARTLY_MET))

    decisions = [result for result in results if isinstance(result, Review)]
    refusals = [result for result in results if isinstance(result, workflow.WorkflowError)]
    assert (len(decisions), len(refusals)) == (1, 1), results
    (decision,), (refusal,) = decisions, refusals
    winner = "Bob Jansen (bob)" if decision.actor == bob else "bob2"
    assert refusal.message.startswith(f"{winner} heeft dit voornemen intussen al beoordeeld")
    assert "Uw oordeel is niet vastgelegd." in refusal.message

    under_review.refresh_from_db()
    assert under_review.decision == decision
    assert under_review.status == decision.verdict
    assert under_review.reviews.filter(action=Action.APPROVE).count() == 1
    assert [message.to for message in mail.outbox if message.subject.startswith("Beoordeeld")] == [
        ["alice@example.org"]
    ]


def test_a_decision_and_a_send_back_at_once_record_exactly_one(under_review, bob, bob2, hold_the_lock):
    def approve():
        return workflow.review(
            Commitment.objects.get(pk=under_review.pk),
            by=bob,
            decision="approve",
            verdict=Verdict.MET,
            annual_report_reference="Jaarbericht 2024, p. 14",
        )

    def send_back():
        return workflow.review(
            Commitment.objects.get(pk=under_review.pk), by=bob2, decision="send_back", rationale="Kamerbrief mist."
        )

    version = under_review.version

    results = at_once(approve, send_back)

    assert sorted(type(result).__name__ for result in results) == ["Review", "WorkflowError"], results
    under_review.refresh_from_db()
    assert under_review.reviews.filter(action__in=[Action.APPROVE, Action.SEND_BACK]).count() == 1
    assert under_review.version == version + 1


def test_two_staff_members_submitting_at_once_submit_once(commitment, alice, politie, hold_the_lock):
    colleague = make_reviewer_in(politie, "sam")
    add_evidence(commitment, alice)
    workflow.start(commitment, by=alice)

    results = at_once(
        lambda: submit(Commitment.objects.get(pk=commitment.pk), alice),
        lambda: submit(Commitment.objects.get(pk=commitment.pk), colleague),
    )

    assert sorted(type(result).__name__ for result in results) == ["Review", "WorkflowError"], results
    assert commitment.reviews.filter(action=Action.SUBMIT).count() == 1


def decide(commitment, reviewer):
    return workflow.review(
        Commitment.objects.get(pk=commitment.pk),
        by=reviewer,
        decision="approve",
        verdict=Verdict.MET,
        annual_report_reference="Jaarbericht 2024, p. 14",
    )


def test_a_close_that_races_the_last_decision_waits_for_it(under_review, bob, carol, hold_the_lock):
    """The decision holds the commitment's row; the close locks every row of its year, so it counts after the
    decision and closes a year that is decided in full."""
    programme = under_review.programme
    results = at_once(lambda: decide(under_review, bob), lambda: (time.sleep(0.1), close(programme, carol))[1])

    assert [type(result).__name__ for result in results] == ["Review", "list"], results
    programme.refresh_from_db()
    assert programme.is_closed
    assert not programme.commitments.exclude(status__in=[Status.MET]).exists()


def test_a_decision_that_comes_after_a_close_is_refused_and_changes_nothing(commitment, alice, bob, carol, erin):
    """The close waits for nothing open and holds the year's rows; a step that got the row after it sees the year
    closed (the step reads the year again once the row is its own)."""
    bring_to(commitment, Status.MET, staff=alice, decider=bob)
    programme = commitment.programme
    locked_first = threading.Event()

    def close_slowly():
        with transaction.atomic():
            result = workflow.close_programme(programme, by=carol)
            locked_first.set()
            time.sleep(0.3)
        return result

    def reopen_decision():
        locked_first.wait(5)
        return workflow.reopen(Commitment.objects.get(pk=commitment.pk), by=bob, reason="Toch niet.")

    results = at_once(close_slowly, reopen_decision)

    assert isinstance(results[1], workflow.WorkflowError) and "vastgesteld" in results[1].message, results
    assert Commitment.objects.get(pk=commitment.pk).status == Status.MET


def test_two_closes_at_once_close_once(commitment, alice, bob, carol, erin):
    bring_to(commitment, Status.MET, staff=alice, decider=bob)
    programme = commitment.programme

    results = at_once(lambda: close(programme, carol), lambda: close(programme, erin))

    assert sorted(type(result).__name__ for result in results) == ["WorkflowError", "list"], results
    refused = next(result for result in results if isinstance(result, workflow.WorkflowError))
    assert "al vastgesteld" in refused.message
    assert programme.steps.count() == 1


def close(programme, by):
    return workflow.close_programme(WorkProgramme.objects.get(pk=programme.pk), by=by)
