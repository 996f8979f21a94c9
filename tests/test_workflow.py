"""The workflow of DESIGN.md §3: every step from every status by every role, then each rule on its own."""

import datetime

import pytest
from django.db import transaction

from commitments import permissions, workflow
from commitments.models import Action, Commitment, Review, Status, Verdict
from commitments.timeline import timeline_for
from tests.builders import (
    EXPECTED_DATE,
    add_evidence,
    approve,
    bring_to,
    make_reviewer_in,
    new_commitment,
    submit,
)

# --- every step, from every status, by every role ---------------------------------------------------------

ROLES = (
    "staff of the domain",
    "staff of another domain",
    "reviewer",
    "reviewer who is the owner",
    "reviewer who submitted",
    "manager",
    "beheerder",
    "user without role",
)
STAFF_OF_THE_DOMAIN = {"staff of the domain", "reviewer who is the owner", "reviewer who submitted", "beheerder"}
REVIEWERS = {"reviewer", "reviewer who is the owner", "reviewer who submitted", "beheerder"}
DECIDERS = {"reviewer", "beheerder"}  # reviewers who neither own nor submitted the commitment

# step: (the call, the status it moves to, which roles may take it from which status)
STEPS = {
    "start": (
        lambda commitment, by: workflow.start(commitment, by=by),
        Status.IN_PROGRESS,
        {Status.PLANNED: STAFF_OF_THE_DOMAIN},
    ),
    "submit": (
        lambda commitment, by: submit(commitment, by),
        Status.UNDER_REVIEW,
        {Status.IN_PROGRESS: STAFF_OF_THE_DOMAIN},
    ),
    "review: approve": (
        lambda commitment, by: approve(commitment, by),
        Status.MET,
        {Status.UNDER_REVIEW: DECIDERS},
    ),
    "review: send back": (
        lambda commitment, by: workflow.review(commitment, by=by, decision="send_back", rationale="Bewijs ontbreekt."),
        Status.IN_PROGRESS,
        {Status.UNDER_REVIEW: DECIDERS},
    ),
    "reopen": (
        lambda commitment, by: workflow.reopen(commitment, by=by, reason="Het rapport verschijnt pas in 2025."),
        Status.IN_PROGRESS,
        {status: REVIEWERS for status in Verdict.values},
    ),
    "carry over": (
        lambda commitment, by: workflow.carry_over(commitment, by=by, reason="Loopt door in 2025."),
        Status.DELAYED,  # the commitment stays delayed; its successor is planned
        {Status.DELAYED: STAFF_OF_THE_DOMAIN | REVIEWERS},
    ),
}
# The question the detail page asks before it shows the step's button.
BUTTONS = {
    "start": permissions.can_start,
    "submit": permissions.can_submit,
    "review: approve": permissions.can_review,
    "review: send back": permissions.can_review,
    "reopen": permissions.can_reopen,
    "carry over": permissions.can_carry_over,
}


@pytest.fixture
def people(politie, alice, dave, bob, bob2, carol, erin, nobody):
    return {
        "staff of the domain": alice,
        "staff of another domain": dave,
        "reviewer": bob,
        "reviewer who is the owner": make_reviewer_in(politie, "olga"),
        "reviewer who submitted": make_reviewer_in(politie, "sam"),
        "manager": carol,
        "beheerder": erin,
        "user without role": nobody,
        "decider": bob2,
    }


@pytest.mark.parametrize("status", Status.values)
@pytest.mark.parametrize("step_name", STEPS)
def test_every_step_from_every_status_by_every_role(step_name, status, people, programme, politie, programme_2025):
    commitment = new_commitment(
        programme, politie, people["staff of the domain"], owner=people["reviewer who is the owner"]
    )
    bring_to(
        commitment,
        status,
        staff=people["staff of the domain"],
        submitter=people["reviewer who submitted"],
        decider=people["decider"],
    )
    take_step, to_status, allowed = STEPS[step_name]
    expected = {role: "allowed" if role in allowed.get(status, set()) else "refused" for role in ROLES}

    outcomes = {role: outcome_of(take_step, commitment, people[role], to_status) for role in ROLES}
    buttons = {role: BUTTONS[step_name](people[role], commitment) for role in ROLES}

    assert outcomes == expected
    assert buttons == {role: outcome == "allowed" for role, outcome in expected.items()}, "buttons match the workflow"


def outcome_of(take_step, commitment, user, to_status):
    """Take the step in a transaction that is then rolled back, so that every role finds the commitment as it was.
    An allowed step moves the status, the version and writes one Review; a refused one changes nothing."""

    def state():
        current = Commitment.objects.get(pk=commitment.pk)
        return (
            current.status,
            current.version,
            Review.objects.filter(commitment=current).count(),
            Commitment.objects.count(),
        )

    status, version, reviews, commitments = state()
    with transaction.atomic():
        try:
            take_step(Commitment.objects.get(pk=commitment.pk), user)
        except workflow.WorkflowError as refused:
            assert refused.message
            assert state() == (status, version, reviews, commitments), "a refused step changes nothing"
            outcome = "refused"
        else:
            assert state()[:3] == (to_status, version + 1, reviews + 1)
            outcome = "allowed"
        transaction.set_rollback(True)
    return outcome


# --- four eyes --------------------------------------------------------------------------------------------


@pytest.fixture
def olga(politie):
    """Reviewer and staff of politie, and the owner of the commitment below."""
    return make_reviewer_in(politie, "olga")


@pytest.fixture
def sam(politie):
    """Reviewer and staff of politie."""
    return make_reviewer_in(politie, "sam")


@pytest.fixture
def owned_by_olga(programme, politie, alice, olga):
    return new_commitment(programme, politie, alice, owner=olga)


def test_a_reviewer_who_owns_the_commitment_cannot_decide_it(owned_by_olga, alice, olga):
    bring_to(owned_by_olga, Status.UNDER_REVIEW, staff=alice)

    with pytest.raises(workflow.WorkflowError, match="Vier ogen"):
        approve(owned_by_olga, olga)
    with pytest.raises(workflow.WorkflowError, match="Vier ogen"):
        workflow.review(owned_by_olga, by=olga, decision="send_back", rationale="Zelf terugsturen.")

    owned_by_olga.refresh_from_db()
    assert owned_by_olga.status == Status.UNDER_REVIEW


def test_a_reviewer_who_submitted_cannot_decide_it(owned_by_olga, alice, sam):
    bring_to(owned_by_olga, Status.UNDER_REVIEW, staff=alice, submitter=sam)

    with pytest.raises(workflow.WorkflowError, match="Vier ogen"):
        approve(owned_by_olga, sam)


def test_a_beheerder_who_submitted_cannot_decide_it(owned_by_olga, alice, erin):
    bring_to(owned_by_olga, Status.UNDER_REVIEW, staff=alice, submitter=erin)

    with pytest.raises(workflow.WorkflowError, match="Vier ogen"):
        approve(owned_by_olga, erin)


def test_a_reviewer_with_a_staff_role_may_decide_what_others_submitted(owned_by_olga, alice, sam):
    bring_to(owned_by_olga, Status.UNDER_REVIEW, staff=alice)

    decision = approve(owned_by_olga, sam)

    owned_by_olga.refresh_from_db()
    assert owned_by_olga.status == Status.MET
    assert owned_by_olga.decision == decision
    assert decision.actor == sam


def test_four_eyes_looks_at_the_latest_submission(owned_by_olga, alice, sam, bob):
    bring_to(owned_by_olga, Status.UNDER_REVIEW, staff=alice, submitter=alice)
    workflow.review(owned_by_olga, by=bob, decision="send_back", rationale="Voeg de Kamerbrief toe.")
    submit(owned_by_olga, sam)

    with pytest.raises(workflow.WorkflowError, match="Vier ogen"):
        approve(owned_by_olga, sam)
    approve(owned_by_olga, bob)


# --- what a verdict needs ---------------------------------------------------------------------------------


@pytest.fixture
def in_progress(commitment, alice):
    workflow.start(commitment, by=alice)
    return commitment


@pytest.mark.parametrize("verdict", [Verdict.MET, Verdict.PARTLY_MET])
def test_it_refuses_to_submit_met_or_partly_met_without_evidence(in_progress, alice, verdict):
    with pytest.raises(workflow.WorkflowError, match="bewijs nodig") as refused:
        submit(in_progress, alice, verdict)

    assert refused.value.field == "proposed_verdict"
    in_progress.refresh_from_db()
    assert in_progress.status == Status.IN_PROGRESS


@pytest.mark.parametrize("verdict", [Verdict.DELAYED, Verdict.DROPPED])
def test_delayed_and_dropped_need_no_evidence(in_progress, alice, verdict):
    submit(in_progress, alice, verdict)

    in_progress.refresh_from_db()
    assert in_progress.status == Status.UNDER_REVIEW


def test_evidence_cannot_be_removed_or_added_under_review_so_the_reviewer_decides_on_what_was_offered(
    in_progress, alice, bob
):
    evidence = add_evidence(in_progress, alice)
    submit(in_progress, alice, Verdict.MET)

    with pytest.raises(workflow.WorkflowError, match="terug te sturen"):
        workflow.remove_evidence(evidence, by=alice)
    with pytest.raises(workflow.WorkflowError, match="terug te sturen"):
        add_evidence(in_progress, alice)

    approve(in_progress, bob, Verdict.MET)
    assert list(in_progress.evidence.all()) == [evidence]


def test_a_reviewer_cannot_turn_a_delay_into_met_without_evidence(in_progress, alice, bob):
    submit(in_progress, alice, Verdict.DELAYED)

    with pytest.raises(workflow.WorkflowError, match="bewijs nodig"):
        approve(in_progress, bob, Verdict.MET, rationale="Toch gehaald.")


def test_submitting_delayed_needs_an_expected_date(in_progress, alice):
    with pytest.raises(workflow.WorkflowError, match="verwachte datum") as refused:
        workflow.submit(in_progress, by=alice, proposed_verdict=Verdict.DELAYED, explanation="Capaciteit.")

    assert refused.value.field == "expected_date"


def test_approving_delayed_records_the_expected_date_of_the_submission(in_progress, alice, bob):
    submit(in_progress, alice, Verdict.DELAYED, expected_date=datetime.date(2025, 3, 1))

    decision = approve(in_progress, bob, Verdict.DELAYED)

    in_progress.refresh_from_db()
    assert in_progress.status == Status.DELAYED
    assert in_progress.expected_date == datetime.date(2025, 3, 1)
    assert decision.expected_date == datetime.date(2025, 3, 1)


def test_a_reviewer_who_decides_delayed_instead_of_met_gives_a_rationale_and_an_expected_date(in_progress, alice, bob):
    add_evidence(in_progress, alice, published_on=datetime.date(2025, 2, 1))
    submit(in_progress, alice, Verdict.MET)

    with pytest.raises(workflow.WorkflowError, match="motivering") as refused:
        approve(in_progress, bob, Verdict.DELAYED, expected_date=datetime.date(2025, 2, 1))
    assert refused.value.field == "rationale"
    with pytest.raises(workflow.WorkflowError, match="verwachte datum"):
        approve(in_progress, bob, Verdict.DELAYED, rationale="Gepubliceerd na de deadline.")

    decision = approve(
        in_progress,
        bob,
        Verdict.DELAYED,
        rationale="Gepubliceerd na de deadline.",
        expected_date=datetime.date(2025, 2, 1),
    )
    assert (decision.verdict, decision.proposed_verdict, decision.text) == (
        Verdict.DELAYED,
        Verdict.MET,
        "Gepubliceerd na de deadline.",
    )


def test_a_submission_needs_an_explanation_which_is_the_reason_of_a_drop(in_progress, alice):
    with pytest.raises(workflow.WorkflowError, match="reden") as refused:
        workflow.submit(in_progress, by=alice, proposed_verdict=Verdict.DROPPED, explanation="  ")

    assert refused.value.field == "explanation"


def test_a_reviewer_who_drops_what_was_proposed_as_delayed_gives_a_reason(in_progress, alice, bob):
    submit(in_progress, alice, Verdict.DELAYED)

    with pytest.raises(workflow.WorkflowError, match="motivering"):
        approve(in_progress, bob, Verdict.DROPPED)
    decision = approve(in_progress, bob, Verdict.DROPPED, rationale="Het ministerie heeft het onderzoek geschrapt.")

    assert decision.text == "Het ministerie heeft het onderzoek geschrapt."


def test_the_decision_records_the_annual_report_reference(in_progress, alice, bob):
    add_evidence(in_progress, alice)
    submit(in_progress, alice, Verdict.MET)

    decision = approve(in_progress, bob, Verdict.MET, annual_report_reference="  Jaarbericht 2024, p. 14 ")

    in_progress.refresh_from_db()
    assert in_progress.decision == decision
    assert decision.annual_report_reference == "Jaarbericht 2024, p. 14"
    assert (decision.action, decision.from_status, decision.to_status, decision.actor) == (
        Action.APPROVE,
        Status.UNDER_REVIEW,
        Status.MET,
        bob,
    )


def test_sending_back_needs_a_rationale(in_progress, alice, bob):
    submit(in_progress, alice, Verdict.DROPPED)

    with pytest.raises(workflow.WorkflowError, match="terugstuurt") as refused:
        workflow.review(in_progress, by=bob, decision="send_back", rationale="")
    assert refused.value.field == "rationale"


def test_a_review_refuses_a_commitment_changed_since_the_reviewer_opened_it(in_progress, alice, bob, bob2):
    add_evidence(in_progress, alice)
    submit(in_progress, alice, Verdict.MET)
    in_progress.refresh_from_db()
    seen = in_progress.version
    workflow.review(in_progress, by=bob2, decision="send_back", rationale="Titel klopt niet.")
    in_progress.refresh_from_db()
    workflow.update_commitment(
        in_progress, by=alice, version=in_progress.version, changes={"title": "Publicatie PO21 (herzien)"}
    )
    submit(in_progress, alice, Verdict.MET)

    with pytest.raises(workflow.WorkflowError, match="gewijzigd sinds"):
        approve(in_progress, bob, Verdict.MET, version=seen)
    in_progress.refresh_from_db()
    decision = approve(in_progress, bob, Verdict.MET, version=in_progress.version)
    assert decision.seen_version == in_progress.version


def test_a_reviewer_who_comes_second_hears_who_decided(in_progress, alice, bob, bob2):
    add_evidence(in_progress, alice)
    submit(in_progress, alice, Verdict.MET)
    page_of_bob2 = Commitment.objects.get(pk=in_progress.pk)
    approve(in_progress, bob, Verdict.MET)

    with pytest.raises(workflow.WorkflowError, match="Bob Jansen \\(bob\\) heeft dit voornemen intussen al beoordeeld"):
        approve(page_of_bob2, bob2, Verdict.MET)
    assert Review.objects.filter(commitment=in_progress, action=Action.APPROVE).count() == 1


# --- decided is read-only for staff; reopening --------------------------------------------------------------


@pytest.fixture
def decided(commitment, alice, bob):
    return bring_to(commitment, Status.MET, staff=alice, decider=bob)


def test_staff_cannot_edit_a_decided_commitment(decided, alice):
    with pytest.raises(workflow.WorkflowError, match="beoordeeld en kan niet meer worden gewijzigd"):
        workflow.update_commitment(decided, by=alice, version=decided.version, changes={"title": "Anders"})


def test_staff_cannot_add_or_remove_evidence_of_a_decided_commitment(decided, alice):
    with pytest.raises(workflow.WorkflowError, match="beoordeeld"):
        add_evidence(decided, alice)
    with pytest.raises(workflow.WorkflowError, match="beoordeeld"):
        workflow.remove_evidence(decided.evidence.get(), by=alice)
    assert decided.evidence.count() == 1


def test_staff_cannot_add_notes_to_a_decided_commitment_but_a_reviewer_can(decided, alice, bob):
    with pytest.raises(workflow.WorkflowError, match="beoordeeld"):
        workflow.add_note(decided, by=alice, text="Nog een opmerking.")

    note = workflow.add_note(decided, by=bob, text="Bevestigd in het jaarbericht.")
    assert note.author == bob


def test_a_beheerder_cannot_edit_a_decided_commitment_either(decided, erin):
    with pytest.raises(workflow.WorkflowError, match="beoordeeld"):
        workflow.update_commitment(decided, by=erin, version=decided.version, changes={"title": "Anders"})


def test_reopening_needs_a_reason_and_makes_the_commitment_editable_again(decided, alice, bob):
    with pytest.raises(workflow.WorkflowError, match="reden") as refused:
        workflow.reopen(decided, by=bob, reason=" ")
    assert refused.value.field == "reason"

    step = workflow.reopen(decided, by=bob, reason="Het rapport is teruggetrokken.")

    decided.refresh_from_db()
    assert (decided.status, decided.decision, step.text) == (
        Status.IN_PROGRESS,
        None,
        "Het rapport is teruggetrokken.",
    )
    workflow.update_commitment(decided, by=alice, version=decided.version, changes={"title": "Herzien rapport PO21"})


# --- the due date -----------------------------------------------------------------------------------------


def test_changing_the_due_date_needs_a_reason(commitment, alice):
    with pytest.raises(workflow.WorkflowError, match="reden") as refused:
        workflow.update_commitment(
            commitment, by=alice, version=commitment.version, changes={"due_date": datetime.date(2025, 3, 31)}
        )

    assert refused.value.field == "due_date_reason"
    commitment.refresh_from_db()
    assert commitment.due_date == datetime.date(2024, 12, 31)


def test_a_due_date_change_is_recorded_with_its_reason_and_shows_in_the_history(commitment, alice):
    workflow.update_commitment(
        commitment,
        by=alice,
        version=commitment.version,
        changes={"due_date": datetime.date(2025, 3, 31)},
        due_date_reason="Het veldwerk liep uit.",
    )

    step = commitment.reviews.get(action=Action.CHANGE_DUE_DATE)
    assert step.actor == alice
    assert "2024-12-31" in step.text and "2025-03-31" in step.text and "Het veldwerk liep uit." in step.text
    entries = timeline_for(commitment)
    assert any(entry.review == step for entry in entries)
    assert any(
        label == "deadline" and "2025-03-31" in str(new) for entry in entries for label, _old, new in entry.changes
    )


def test_other_changes_need_no_reason(commitment, alice):
    workflow.update_commitment(
        commitment, by=alice, version=commitment.version, changes={"due_date": commitment.due_date, "title": "Nieuw"}
    )

    assert not commitment.reviews.exists()


# --- carry over -------------------------------------------------------------------------------------------


@pytest.fixture
def delayed(commitment, alice, bob):
    return bring_to(commitment, Status.DELAYED, staff=alice, decider=bob)


def test_carry_over_continues_a_delayed_commitment_as_a_planned_one_in_the_next_programme(
    delayed, alice, programme_2025
):
    successor = workflow.carry_over(delayed, by=alice, reason="Publicatie schuift naar 2025.")

    delayed.refresh_from_db()
    assert successor.predecessor == delayed
    assert delayed.carried_over_to == successor
    assert (successor.programme, successor.status, successor.reference) == (
        programme_2025,
        Status.PLANNED,
        "WP2025-001",
    )
    assert (successor.title, successor.statement, successor.domain, successor.owner) == (
        delayed.title,
        delayed.statement,
        delayed.domain,
        delayed.owner,
    )
    assert set(successor.goals.all()) == set(delayed.goals.all())
    assert successor.due_date == delayed.expected_date == EXPECTED_DATE
    assert delayed.status == Status.DELAYED
    step = delayed.reviews.get(action=Action.CARRY_OVER)
    assert "WP2025-001" in step.text and "Publicatie schuift naar 2025." in step.text


def test_carry_over_without_a_next_programme_says_so_and_changes_nothing(delayed, bob):
    with pytest.raises(workflow.WorkflowError, match="nog geen werkprogramma 2025"):
        workflow.carry_over(delayed, by=bob, reason="Loopt door.")

    assert Commitment.objects.count() == 1
    assert not delayed.reviews.filter(action=Action.CARRY_OVER).exists()


def test_a_commitment_is_carried_over_once(delayed, alice, programme_2025):
    successor = workflow.carry_over(delayed, by=alice, reason="Loopt door.")

    with pytest.raises(workflow.WorkflowError, match=f"al overgeheveld, als {successor.reference}"):
        workflow.carry_over(delayed, by=alice, reason="Nog eens.")
    assert Commitment.objects.count() == 2


def test_carry_over_needs_a_reason(delayed, alice, programme_2025):
    with pytest.raises(workflow.WorkflowError) as refused:
        workflow.carry_over(delayed, by=alice, reason="")

    assert refused.value.field == "reason"
    assert Commitment.objects.count() == 1


def test_carry_over_leaves_the_owner_out_when_they_have_left_the_domain(delayed, alice, bob, politie, programme_2025):
    politie.members.remove(alice)

    successor = workflow.carry_over(delayed, by=bob, reason="Loopt door.")

    assert successor.owner is None
