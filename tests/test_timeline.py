"""The timeline of a commitment: its whole story, workflow steps, field changes, evidence, notes and reminders,
in the order it happened."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from commitments import workflow
from commitments.models import Commitment, EvidenceLink, Goal, Verdict
from commitments.timeline import timeline_for
from tests.builders import add_evidence, new_commitment, submit


def story(commitment):
    """(what, who) of each entry, oldest first."""
    return [(str(entry.title), entry.actor) for entry in timeline_for(commitment)]


def test_a_commitment_that_was_submitted_sent_back_resubmitted_approved_and_reopened_shows_all_in_order(
    commitment, alice, bob, bob2
):
    workflow.start(commitment, by=alice)
    submit(commitment, alice, Verdict.DROPPED)
    workflow.review(commitment, by=bob, decision="send_back", rationale="Het rapport is wel verschenen.")
    add_evidence(commitment, alice)
    workflow.add_note(commitment, by=alice, text="Rapport gevonden op de website.")
    submit(commitment, alice, Verdict.MET)
    workflow.review(
        commitment, by=bob2, decision="approve", verdict=Verdict.MET, annual_report_reference="Jaarbericht 2024, p. 14"
    )
    workflow.reopen(commitment, by=bob, reason="Het rapport is teruggetrokken.")

    alice_, bob_ = "Alice de Vries (alice)", "Bob Jansen (bob)"
    assert story(commitment) == [
        ("Aangemaakt", alice_),
        ("Gestart", alice_),
        ("Ter beoordeling aangeboden", alice_),
        ("Teruggestuurd", bob_),
        ("Bewijs toegevoegd", alice_),
        ("Notitie", alice_),
        ("Ter beoordeling aangeboden", alice_),
        ("Beoordeeld", "bob2"),
        ("Heropend", bob_),
    ]
    steps = [entry for entry in timeline_for(commitment) if entry.review]
    assert [step.review.proposed_verdict for step in steps if step.review.action == "submit"] == ["dropped", "met"]
    assert steps[2].text == "Het rapport is wel verschenen."
    assert steps[4].review.annual_report_reference == "Jaarbericht 2024, p. 14"
    assert steps[5].text == "Het rapport is teruggetrokken."


def test_field_changes_show_old_and_new_values(commitment, alice, dave, migratie):
    workflow.update_commitment(
        commitment,
        by=alice,
        version=commitment.version,
        changes={"title": "PO21: het rapport", "due_date": datetime.date(2025, 2, 28)},
        due_date_reason="Wachten op wederhoor.",
    )

    entries = timeline_for(commitment)

    (change,) = [entry for entry in entries if str(entry.title) == "Gewijzigd" and entry.changes[0][0] != "doelen"]
    assert ("titel", "Publicatie onderzoek PO21", "PO21: het rapport") in change.changes
    due_date_step = next(entry for entry in entries if entry.review and entry.review.action == "change_due_date")
    assert "Wachten op wederhoor." in due_date_step.text


def test_the_goals_set_with_the_creation_are_part_of_it_and_a_later_goal_change_is_a_change(commitment):
    (created,) = [entry for entry in timeline_for(commitment) if str(entry.title) == "Aangemaakt"]
    assert created.changes == [("doelen", "", "Bevorderen van het lerend vermogen")]

    commitment.goals.add(Goal.objects.get(code="ketens"))  # by the admin, say: no actor, later

    (change,) = [entry for entry in timeline_for(commitment) if str(entry.title) == "Gewijzigd"]
    assert change.changes == [("doelen", "", "Bevorderen van effectieve ketens en netwerken")]


def test_the_history_of_other_records_with_the_same_number_is_not_shown(commitment, programme, politie, alice):
    other = new_commitment(programme, politie, alice, owner=alice, title="Ander voornemen")
    # Evidence of the other commitment that has this commitment's number: its history has the same object id.
    EvidenceLink.objects.create(
        pk=commitment.pk, commitment=other, url="https://example.org/r", title="Ander rapport", added_by=alice
    )

    assert [str(entry.title) for entry in timeline_for(commitment)] == ["Aangemaakt"]


def test_reminders_are_part_of_the_story(commitment, alice):
    Commitment.objects.filter(pk=commitment.pk).update(due_date=timezone.localdate())

    call_command("send_reminders", stdout=io.StringIO())

    assert story(commitment)[-1] == ("Herinnering aan de deadline gemaild", "systeem")


def test_the_detail_page_shows_the_timeline(client_for, commitment, alice, bob):
    workflow.start(commitment, by=alice)
    workflow.add_note(commitment, by=alice, text="Eerste <b>notitie</b>.")

    content = client_for(bob).get(commitment.get_absolute_url()).content.decode()

    assert content.index("Gestart") < content.index("Eerste &lt;b&gt;notitie&lt;/b&gt;.")


@pytest.mark.parametrize("steps", [1, 6])
def test_the_timeline_costs_the_same_number_of_queries_however_long_it_is(
    commitment, alice, bob, django_assert_num_queries, steps
):
    for i in range(steps):
        workflow.add_note(commitment, by=alice, text=f"Notitie {i}")
        add_evidence(commitment, alice)
        workflow.update_commitment(
            commitment, by=alice, version=commitment.version + i, changes={"title": f"Titel {i}"}
        )

    commitment = Commitment.objects.get(pk=commitment.pk)
    timeline_for(commitment)  # the content types are cached from then on

    # steps, notes, reminders, the evidence present and removed, the field history, its actors, and the owner and
    # domain it names
    with django_assert_num_queries(8):
        timeline_for(commitment)
