"""The year's accountability, end to end (issue 12) and four eyes bound to the cycle (issue 18, point 1): a review no
one can undercut, the Jaarbericht reference, programmes run from the app, a year that is closed, read-only and
reopened on record, carry-over that works, and the year people are working on."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

from commitments import imports, permissions, workflow
from commitments.models import (
    Action,
    Commitment,
    DropKind,
    EvidenceLink,
    Goal,
    Note,
    ProgrammeAction,
    Review,
    Status,
    Verdict,
    WorkProgramme,
)
from tests.builders import EXPECTED_DATE, add_evidence, approve, bring_to, make_reviewer_in, submit
from tests.conftest import edit_form_data
from tests.test_import import csv_file, record

JAARBERICHT = "Jaarbericht 2024, p. 14"


@pytest.fixture
def under_review(commitment, alice):
    return bring_to(commitment, Status.UNDER_REVIEW, staff=alice)


def review_form(commitment, **fields):
    commitment.refresh_from_db()
    return {
        "decision": "approve",
        "verdict": Verdict.MET,
        "annual_report_reference": JAARBERICHT,
        "version": commitment.version,
        "evidence_version": commitment.evidence_version,
        **fields,
    }


def decide_all(programme, *, staff, reviewer, verdict=Status.MET):
    for commitment in programme.commitments.filter(status__in=(Status.PLANNED, Status.IN_PROGRESS)):
        bring_to(commitment, verdict, staff=staff, decider=reviewer)


# --- 1. a review that cannot be undercut ------------------------------------------------------------------


def test_under_review_the_edit_page_refuses_with_how_to_go_on(client_for, under_review, alice):
    client = client_for(alice)
    page = client.get(under_review.get_absolute_url()).content.decode()
    assert "Vraag de reviewer het terug te sturen" in page
    assert client.get(f"{under_review.get_absolute_url()}edit/").status_code == 403
    response = client.post(f"{under_review.get_absolute_url()}edit/", edit_form_data(under_review, title="Anders"))
    assert response.status_code == 403
    assert Commitment.objects.get(pk=under_review.pk).title == under_review.title


def test_under_review_no_path_changes_the_commitment_or_its_evidence(under_review, alice, erin, bob):
    evidence = under_review.evidence.get()
    frozen = "terug te sturen"
    for attempt in (
        lambda: workflow.update_commitment(
            under_review, by=alice, version=under_review.version, changes={"title": "Hernoemd"}
        ),
        lambda: workflow.update_commitment(
            under_review, by=erin, version=under_review.version, changes={"owner": erin}
        ),
        lambda: workflow.update_commitment(
            under_review,
            by=alice,
            version=under_review.version,
            changes={"due_date": datetime.date(2025, 3, 1)},
            due_date_reason="Later",
        ),
        lambda: add_evidence(under_review, alice),
        lambda: workflow.remove_evidence(evidence, by=alice),
        lambda: workflow.remove_evidence(evidence, by=erin),
    ):
        with pytest.raises(workflow.WorkflowError, match=frozen):
            attempt()
    stored = Commitment.objects.get(pk=under_review.pk)
    assert (stored.title, stored.owner_id, stored.due_date, stored.version) == (
        under_review.title,
        under_review.owner_id,
        under_review.due_date,
        under_review.version,
    )
    assert list(stored.evidence.all()) == [evidence]
    # Notes are not what the reviewer decides on: they may still be written.
    workflow.add_note(under_review, by=alice, text="De Kamerbrief volgt.")
    workflow.add_note(under_review, by=bob, text="Ik kijk ernaar.")


def test_under_review_the_import_refuses_a_change_in_the_dry_run_and_the_command(under_review, erin, tmp_path):
    data = csv_file(record(under_review, title="Hernoemd via import"))
    plan = imports.plan_import(data, filename="wijziging.csv")
    (row,) = plan.rows
    assert row.outcome == imports.ERROR and "staat ter beoordeling" in row.errors[0]

    path = tmp_path / "wijziging.csv"
    path.write_bytes(data)
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_commitments", str(path), stdout=out, stderr=err)
    assert "staat ter beoordeling" in out.getvalue() + err.getvalue()
    assert Commitment.objects.get(pk=under_review.pk).title == under_review.title


def test_the_admin_changes_no_commitment(client_for, erin, under_review):
    client = client_for(erin)
    change = f"/admin/commitments/commitment/{under_review.pk}/change/"
    response = client.post(change, {"title": "Via de admin"})
    assert response.status_code == 403
    assert Commitment.objects.get(pk=under_review.pk).title == under_review.title


def test_the_submission_keeps_the_evidence_as_offered_and_the_review_page_shows_exactly_that(
    client_for, commitment, alice, bob
):
    bring_to(commitment, Status.IN_PROGRESS, staff=alice)
    second = workflow.add_evidence(
        commitment, by=alice, url="https://www.rijksoverheid.nl/kamerbrief", title="Kamerbrief", kind="letter"
    )
    submission = submit(commitment, alice, Verdict.MET)

    offered = {item["id"]: (item["title"], item["url"]) for item in submission.submitted_evidence}
    assert set(offered) == set(commitment.evidence.values_list("pk", flat=True))
    assert offered[second.pk] == ("Kamerbrief", "https://www.rijksoverheid.nl/kamerbrief")
    page = client_for(bob).get(f"{commitment.get_absolute_url()}review/").content.decode()
    assert "Kamerbrief" in page and "Rapport PO21" in page
    assert 'name="evidence_version"' in page


def test_the_review_page_shows_the_evidence_of_the_submission_not_of_the_moment(client_for, under_review, bob):
    # Nothing can change the evidence under review; were a row changed behind the application's back, the reviewer
    # still sees what was offered.
    EvidenceLink.objects.filter(commitment=under_review).update(title="Achteraf veranderd")
    page = client_for(bob).get(f"{under_review.get_absolute_url()}review/").content.decode()
    assert "Rapport PO21" in page and "Achteraf veranderd" not in page


def test_removing_evidence_outside_review_asks_for_confirmation_and_stays_in_the_timeline(
    client_for, commitment, alice
):
    evidence = add_evidence(commitment, alice)
    client = client_for(alice)
    address = f"{commitment.get_absolute_url()}evidence/{evidence.pk}/delete/"
    assert "Wilt u het bewijs" in client.get(address).content.decode()
    assert commitment.evidence.exists()
    client.post(address)
    assert not commitment.evidence.exists()
    page = " ".join(client.get(commitment.get_absolute_url()).content.decode().split())
    assert "Bewijs verwijderd" in page and "Rapport PO21" in page


# --- four eyes over the whole cycle (issue 18, point 1) ---------------------------------------------------


def test_handing_the_ownership_around_does_not_make_an_owner_their_own_reviewer(client_for, commitment, politie, alice):
    """The attack of issue 18: medewerker makes reviewer2 (staff of politie) the owner, submits, and reviewer2 sets
    the owner back and approves. Now the owner cannot change under review, and reviewer2 has owned it this cycle."""
    reviewer2 = make_reviewer_in(politie, "reviewer2")
    client = client_for(alice)
    response = client.post(f"{commitment.get_absolute_url()}edit/", edit_form_data(commitment, owner=reviewer2.pk))
    assert response.status_code == 302
    commitment.refresh_from_db()
    assert commitment.owner == reviewer2
    workflow.start(commitment, by=alice)
    add_evidence(commitment, alice)
    submit(commitment, alice, Verdict.MET)

    reviewer = client_for(reviewer2)
    commitment.refresh_from_db()
    # reviewer2 edits the commitment under review to hand the ownership back: refused, for them as for anyone.
    assert (
        reviewer.post(f"{commitment.get_absolute_url()}edit/", edit_form_data(commitment, owner=alice.pk)).status_code
        == 403
    )
    with pytest.raises(workflow.WorkflowError):
        workflow.update_commitment(commitment, by=reviewer2, version=commitment.version, changes={"owner": alice})
    assert Commitment.objects.get(pk=commitment.pk).owner == reviewer2
    # Even had the owner changed, reviewer2 owned it this cycle: their decision is refused.
    Commitment.objects.filter(pk=commitment.pk).update(owner=alice)
    response = reviewer.post(f"{commitment.get_absolute_url()}review/", review_form(commitment))
    assert Commitment.objects.get(pk=commitment.pk).status == Status.UNDER_REVIEW
    with pytest.raises(workflow.WorkflowError, match="Vier ogen"):
        approve(Commitment.objects.get(pk=commitment.pk), reviewer2, Verdict.MET)


def test_an_owner_of_earlier_in_the_cycle_cannot_decide_after_handing_over_before_submission(
    commitment, politie, alice
):
    reviewer2 = make_reviewer_in(politie, "reviewer2")
    workflow.update_commitment(commitment, by=alice, version=commitment.version, changes={"owner": reviewer2})
    commitment.refresh_from_db()
    workflow.update_commitment(commitment, by=reviewer2, version=commitment.version, changes={"owner": alice})
    bring_to(commitment, Status.UNDER_REVIEW, staff=alice)

    assert not permissions.can_review(reviewer2, Commitment.objects.get(pk=commitment.pk))
    with pytest.raises(workflow.WorkflowError, match="Vier ogen"):
        approve(commitment, reviewer2, Verdict.MET)


def test_after_a_decision_a_new_cycle_begins_with_only_the_owner_of_the_moment(commitment, politie, alice, bob):
    reviewer2 = make_reviewer_in(politie, "reviewer2")
    workflow.update_commitment(commitment, by=alice, version=commitment.version, changes={"owner": reviewer2})
    commitment.refresh_from_db()
    workflow.update_commitment(commitment, by=alice, version=commitment.version, changes={"owner": alice})
    bring_to(commitment, Status.MET, staff=alice, decider=bob)
    workflow.reopen(commitment, by=bob, reason="Het rapport is teruggetrokken.")
    submit(commitment, alice, Verdict.MET)

    assert permissions.can_review(reviewer2, Commitment.objects.get(pk=commitment.pk))


def test_a_decision_on_evidence_changed_since_the_page_was_opened_is_refused(client_for, commitment, alice, bob, bob2):
    """The second attack of issue 18: the evidence changes after the reviewer opened the page. Under review it
    cannot; after a send-back and a new submission the page's evidence version is stale and the decision refused."""
    under_review = bring_to(commitment, Status.UNDER_REVIEW, staff=alice)
    seen = review_form(under_review)
    workflow.review(under_review, by=bob2, decision="send_back", rationale="Bewijs klopt niet.")
    under_review.refresh_from_db()
    workflow.remove_evidence(under_review.evidence.get(), by=alice)
    workflow.add_evidence(
        under_review,
        by=alice,
        url="https://evil.example/x",
        title="Na de deadline",
        kind="other",
        published_on=datetime.date(2025, 3, 1),
    )
    submit(under_review, alice, Verdict.MET)

    response = client_for(bob).post(f"{commitment.get_absolute_url()}review/", seen)
    assert Commitment.objects.get(pk=commitment.pk).status == Status.UNDER_REVIEW
    assert response.status_code == 302
    with pytest.raises(workflow.WorkflowError, match="gewijzigd sinds"):
        workflow.review(
            commitment,
            by=bob,
            decision="approve",
            verdict=Verdict.MET,
            annual_report_reference=JAARBERICHT,
            version=Commitment.objects.get(pk=commitment.pk).version,
            evidence_version=seen["evidence_version"],
        )
    page = client_for(bob).get(f"{commitment.get_absolute_url()}review/").content.decode()
    assert "Na de deadline" in page and "bewijs gepubliceerd na de deadline" in page


def test_the_decision_records_the_versions_the_reviewer_saw(client_for, under_review, bob):
    form = review_form(under_review)
    client_for(bob).post(f"{under_review.get_absolute_url()}review/", form)
    decision = Commitment.objects.get(pk=under_review.pk).decision
    assert (decision.seen_version, decision.seen_evidence_version) == (form["version"], form["evidence_version"])


# --- 2. the Jaarbericht reference ------------------------------------------------------------------------


def test_approving_without_a_jaarbericht_reference_is_refused_with_a_field_error(client_for, under_review, bob):
    response = client_for(bob).post(
        f"{under_review.get_absolute_url()}review/", review_form(under_review, annual_report_reference="  ")
    )
    assert response.status_code == 400
    assert "vindplaats in het jaarbericht" in response.context["form"].errors["annual_report_reference"][0]
    assert Commitment.objects.get(pk=under_review.pk).status == Status.UNDER_REVIEW


def test_sending_back_needs_no_jaarbericht_reference(client_for, under_review, bob):
    client_for(bob).post(
        f"{under_review.get_absolute_url()}review/",
        review_form(under_review, decision="send_back", annual_report_reference="", rationale="Eerst de brief."),
    )
    assert Commitment.objects.get(pk=under_review.pk).status == Status.IN_PROGRESS


def test_the_detail_page_shows_the_jaarbericht_reference_beside_the_verdict(client_for, commitment, alice, bob, carol):
    bring_to(commitment, Status.MET, staff=alice, decider=bob)
    page = " ".join(client_for(carol).get(commitment.get_absolute_url()).content.decode().split())
    assert "Vindplaats in het jaarbericht</dt><dd>Jaarbericht 2024, p. 14</dd>" in page


# --- 10. dropped is not one thing ------------------------------------------------------------------------


def test_a_dropped_verdict_says_whether_the_programme_ended_it(client_for, commitment, alice, bob):
    bring_to(commitment, Status.IN_PROGRESS, staff=alice)
    submit(commitment, alice, Verdict.DROPPED)
    client = client_for(bob)
    response = client.post(f"{commitment.get_absolute_url()}review/", review_form(commitment, verdict="dropped"))
    assert response.status_code == 400 and "drop_kind" in response.context["form"].errors

    client.post(
        f"{commitment.get_absolute_url()}review/",
        review_form(commitment, verdict="dropped", drop_kind=DropKind.BY_PROGRAMME),
    )
    decision = Commitment.objects.get(pk=commitment.pk).decision
    assert (decision.verdict, decision.drop_kind) == (Verdict.DROPPED, DropKind.BY_PROGRAMME)
    page = client.get(commitment.get_absolute_url()).content.decode()
    assert "beëindigd in het werkprogramma" in page


# --- 3. programmes managed in the app --------------------------------------------------------------------


def test_a_beheerder_creates_the_next_programme_with_new_goals(client_for, erin, programme):
    client = client_for(erin)
    form = client.get("/programmes/new/").context["form"]
    assert form.initial["year"] == 2025
    response = client.post(
        "/programmes/new/",
        {
            "year": "2025",
            "title": "Werkprogramma 2025",
            "published_on": "2024-09-17",
            "source_url": "https://www.inspectie-jenv.nl/werkprogramma-2025",
            "goals": [Goal.objects.get(code="ketens").pk],
            "new_goals": "Versterken van de toezichtketen\n",
        },
    )
    assert response.status_code == 302 and response.url == "/programmes/2025/"
    created = WorkProgramme.objects.get(year=2025)
    assert set(created.goals.values_list("name", flat=True)) == {
        "Bevorderen van effectieve ketens en netwerken",
        "Versterken van de toezichtketen",
    }
    assert not created.is_closed
    assert "Werkprogramma 2025" in client.get("/programmes/").content.decode()


def test_a_programme_year_is_unique_and_in_range(client_for, erin, programme):
    client = client_for(erin)
    for year in ("2024", "1999"):
        response = client.post("/programmes/new/", {"year": year, "title": "Dubbel"})
        assert response.status_code == 200 and response.context["form"].errors
    assert WorkProgramme.objects.count() == 1


def test_the_jaarbericht_is_edited_in_the_app(client_for, erin, programme):
    client = client_for(erin)
    response = client.post(
        "/programmes/2024/edit/",
        {
            "title": programme.title,
            "goals": list(programme.goals.values_list("pk", flat=True)),
            "annual_report_title": "Jaarbericht 2024",
            "annual_report_url": "https://www.inspectie-jenv.nl/jaarbericht-2024",
            "annual_report_published_on": "2025-05-20",
        },
    )
    assert response.status_code == 302
    programme.refresh_from_db()
    assert (programme.annual_report_title, programme.annual_report_published_on) == (
        "Jaarbericht 2024",
        datetime.date(2025, 5, 20),
    )
    assert "Jaarbericht 2024" in client.get("/programmes/2024/").content.decode()


@pytest.mark.parametrize("who", ["alice", "bob", "carol"])
def test_only_a_beheerder_manages_programmes(client_for, request, who, programme):
    client = client_for(request.getfixturevalue(who))
    assert client.get("/programmes/").status_code == 200
    assert client.get("/programmes/new/").status_code == 403
    assert client.post("/programmes/new/", {"year": "2030", "title": "X"}).status_code == 403
    assert client.get("/programmes/2024/edit/").status_code == 403
    assert not WorkProgramme.objects.filter(year=2030).exists()


# --- 4. closing a year ------------------------------------------------------------------------------------


def test_closing_is_refused_while_anything_is_open_and_lists_it_with_links(client_for, commitment, carol):
    client = client_for(carol)
    page = client.get("/programmes/2024/close/")
    assert f'href="{commitment.get_absolute_url()}"' in page.content.decode()
    assert "1 voornemen wacht nog op een besluit" in page.content.decode()

    response = client.post("/programmes/2024/close/")
    assert response.status_code == 409
    assert not WorkProgramme.objects.get(year=2024).is_closed
    with pytest.raises(workflow.WorkflowError, match="1 voornemen op een besluit"):
        workflow.close_programme(WorkProgramme.objects.get(year=2024), by=carol)


def test_closing_when_all_is_decided_records_who_and_when(client_for, commitment, alice, bob, carol):
    bring_to(commitment, Status.MET, staff=alice, decider=bob)
    client = client_for(carol)
    assert "Alle voornemens zijn beoordeeld" in client.get("/programmes/2024/close/").content.decode()

    response = client.post("/programmes/2024/close/")
    assert response.status_code == 302
    programme = WorkProgramme.objects.get(year=2024)
    assert programme.is_closed and programme.closed_by == carol
    step = programme.steps.get()
    assert (step.action, step.actor) == (ProgrammeAction.CLOSE, carol)
    assert "Vastgesteld op" in client.get("/programmes/").content.decode()


def test_closing_twice_says_it_is_closed_already(commitment, alice, bob, carol, erin):
    bring_to(commitment, Status.MET, staff=alice, decider=bob)
    programme = WorkProgramme.objects.get(year=2024)
    workflow.close_programme(programme, by=carol)
    with pytest.raises(workflow.WorkflowError, match="al vastgesteld"):
        workflow.close_programme(programme, by=erin)
    assert programme.steps.count() == 1


@pytest.mark.parametrize("who", ["alice", "bob"])
def test_staff_and_reviewers_cannot_close_a_year(client_for, request, who, programme):
    client = client_for(request.getfixturevalue(who))
    assert client.get("/programmes/2024/close/").status_code == 403
    assert client.post("/programmes/2024/close/").status_code == 403
    with pytest.raises(workflow.WorkflowError):
        workflow.close_programme(programme, by=request.getfixturevalue(who))


@pytest.fixture
def closed_year(commitment, alice, bob, carol, politie):
    """2024 decided in full (one met, one delayed) and closed."""
    bring_to(commitment, Status.MET, staff=alice, decider=bob)
    later = workflow.create_commitment(
        by=alice,
        programme=commitment.programme,
        title="Later",
        statement="Het onderzoek naar de meldkamer wordt in 2024 gepubliceerd.",
        kind="publication",
        domain=politie,
        owner=alice,
    )
    bring_to(later, Status.DELAYED, staff=alice, decider=bob)
    programme = WorkProgramme.objects.get(year=2024)
    workflow.close_programme(programme, by=carol)
    return programme


def test_a_closed_year_refuses_every_step_of_every_role(closed_year, alice, bob, erin):
    met, delayed = closed_year.commitments.order_by("sequence")
    closed = "vastgesteld"
    for attempt in (
        lambda: workflow.update_commitment(met, by=erin, version=met.version, changes={"title": "Anders"}),
        lambda: add_evidence(delayed, erin),
        lambda: workflow.remove_evidence(met.evidence.first(), by=erin),
        lambda: workflow.add_note(met, by=bob, text="Nog iets"),
        lambda: workflow.add_note(met, by=erin, text="Nog iets"),
        lambda: workflow.reopen(met, by=bob, reason="Toch niet"),
        lambda: workflow.carry_over(delayed, by=alice, reason="Volgend jaar"),
        lambda: workflow.create_commitment(
            by=erin, programme=closed_year, title="Nieuw", statement="Nieuw.", domain=met.domain
        ),
        lambda: workflow.update_programme(closed_year, by=erin, title="Anders"),
    ):
        with pytest.raises(workflow.WorkflowError, match=closed):
            attempt()
    assert Note.objects.count() == 0
    assert closed_year.commitments.count() == 2


@pytest.mark.parametrize("who", ["alice", "bob", "carol", "erin"])
def test_a_closed_year_offers_no_change_on_any_page(client_for, request, who, closed_year):
    met = closed_year.commitments.order_by("sequence").first()
    client = client_for(request.getfixturevalue(who))
    page = client.get(met.get_absolute_url()).content.decode()
    assert "is vastgesteld: alleen-lezen" in page
    for path in ("edit/", "evidence/new/", "reopen/"):
        assert client.get(met.get_absolute_url() + path).status_code in (302, 403)
    client.post(met.get_absolute_url() + "notes/new/", {"text": "Poging"})
    assert Note.objects.count() == 0
    assert client.get("/programmes/2024/edit/").status_code in (302, 403)


def test_a_closed_year_refuses_an_import(closed_year, erin):
    met = closed_year.commitments.order_by("sequence").first()
    plan = imports.plan_import(csv_file(record(met, title="Via import")), filename="x.csv")
    assert all(row.outcome == imports.ERROR for row in plan.rows)
    assert "vastgesteld" in plan.rows[0].errors[0]


def test_reopening_needs_a_reason_and_is_on_record(client_for, closed_year, erin, alice):
    client = client_for(erin)
    response = client.post("/programmes/2024/reopen/", {"reason": " "})
    assert response.status_code == 400
    assert WorkProgramme.objects.get(year=2024).is_closed
    with pytest.raises(workflow.WorkflowError, match="reden"):
        workflow.reopen_programme(closed_year, by=erin, reason="")

    client.post("/programmes/2024/reopen/", {"reason": "Het jaarbericht is herzien."})
    programme = WorkProgramme.objects.get(year=2024)
    assert not programme.is_closed
    reopened = programme.steps.get(action=ProgrammeAction.REOPEN)
    assert (reopened.actor, reopened.reason) == (erin, "Het jaarbericht is herzien.")
    assert "Het jaarbericht is herzien." in client.get("/programmes/2024/").content.decode()
    met = programme.commitments.order_by("sequence").first()
    workflow.add_note(met, by=erin, text="Weer open.")


def test_only_a_beheerder_reopens_a_year(client_for, closed_year, carol):
    assert client_for(carol).post("/programmes/2024/reopen/", {"reason": "Graag"}).status_code == 403
    with pytest.raises(workflow.WorkflowError):
        workflow.reopen_programme(closed_year, by=carol, reason="Graag")
    assert WorkProgramme.objects.get(year=2024).is_closed


# --- 6. carry-over -----------------------------------------------------------------------------------------


def test_carry_over_is_offered_only_when_a_next_programme_exists(client_for, commitment, alice, bob, erin):
    delayed = bring_to(commitment, Status.DELAYED, staff=alice, decider=bob)
    page = client_for(alice).get(f"{delayed.get_absolute_url()}carry-over/", follow=True).content.decode()
    assert "Er is nog geen werkprogramma 2025" in page
    close_page = client_for(erin).get("/programmes/2024/close/").content.decode()
    assert 'href="/programmes/new/"' in close_page


def test_the_successor_keeps_what_still_holds_and_is_due_when_expected(commitment, alice, bob, programme_2025, politie):
    programme_2025.goals.set(Goal.objects.filter(code="lerend-vermogen"))
    commitment.goals.add(Goal.objects.get(code="ketens"))
    delayed = bring_to(commitment, Status.DELAYED, staff=alice, decider=bob)

    successor = workflow.carry_over(delayed, by=alice, reason="Schuift op.")

    assert successor.predecessor == delayed
    assert (successor.statement, successor.domain, successor.owner) == (delayed.statement, politie, alice)
    assert list(successor.goals.values_list("code", flat=True)) == ["lerend-vermogen"]
    assert successor.due_date == EXPECTED_DATE


def test_a_carry_over_of_what_is_no_longer_delayed_is_refused(commitment, alice, bob, programme_2025):
    delayed = bring_to(commitment, Status.DELAYED, staff=alice, decider=bob)
    stale = Commitment.objects.get(pk=delayed.pk)
    workflow.reopen(delayed, by=bob, reason="Toch gehaald.")
    with pytest.raises(workflow.WorkflowError, match="Alleen een vertraagd voornemen"):
        workflow.carry_over(stale, by=alice, reason="Volgend jaar")
    assert programme_2025.commitments.count() == 0


def test_closing_carries_over_every_delayed_commitment_at_once(client_for, commitment, alice, bob, carol, politie):
    others = [
        workflow.create_commitment(
            by=alice,
            programme=commitment.programme,
            title=f"Vertraagd {n}",
            statement=f"Het onderzoek {n} wordt in 2024 gepubliceerd.",
            domain=politie,
            owner=alice,
        )
        for n in range(2)
    ]
    for item in others:
        bring_to(item, Status.DELAYED, staff=alice, decider=bob)
    bring_to(commitment, Status.MET, staff=alice, decider=bob)
    next_programme = WorkProgramme.objects.create(year=2025, title="Werkprogramma 2025")
    client = client_for(carol)
    page = client.get("/programmes/2024/close/").content.decode()
    assert 'name="carry_over_delayed"' in page and "checked" in page

    client.post("/programmes/2024/close/", {"carry_over_delayed": "on"})

    assert WorkProgramme.objects.get(year=2024).is_closed
    successors = list(next_programme.commitments.order_by("sequence"))
    assert [s.predecessor_id for s in successors] == [item.pk for item in others]
    for item in others:
        step = item.reviews.get(action=Action.CARRY_OVER)
        assert step.actor == carol


def test_a_close_that_cannot_carry_over_changes_nothing(commitment, alice, bob, carol):
    bring_to(commitment, Status.DELAYED, staff=alice, decider=bob)
    programme = WorkProgramme.objects.get(year=2024)
    with pytest.raises(workflow.WorkflowError, match="nog geen werkprogramma 2025"):
        workflow.close_programme(programme, by=carol, carry_over_delayed=True)
    assert not WorkProgramme.objects.get(year=2024).is_closed
    assert not Review.objects.filter(action=Action.CARRY_OVER).exists()


# --- 7. the year people are working on ---------------------------------------------------------------------


def test_a_new_programme_does_not_move_the_managers_to_it_before_the_year_is_closed(
    client_for, closed_year, carol, erin
):
    workflow.reopen_programme(closed_year, by=erin, reason="Nog een correctie")
    WorkProgramme.objects.create(year=2025, title="Werkprogramma 2025")
    client = client_for(carol)
    assert client.get("/").context["manager"]["programme"].year == 2024
    assert client.get("/overview/").url == "/overview/2024/"
    workflow.close_programme(WorkProgramme.objects.get(year=2024), by=carol)
    assert client.get("/").context["manager"]["programme"].year == 2025


# --- the data ----------------------------------------------------------------------------------------------


def test_the_database_refuses_a_closed_programme_without_who_closed_it(programme):
    with pytest.raises(IntegrityError), transaction.atomic():
        WorkProgramme.objects.filter(pk=programme.pk).update(closed_at=timezone.now())


def test_the_database_refuses_a_dropped_decision_without_its_kind(commitment, alice, bob):
    bring_to(commitment, Status.IN_PROGRESS, staff=alice)
    with pytest.raises(IntegrityError), transaction.atomic():
        Review.objects.create(
            commitment=commitment,
            action=Action.APPROVE,
            from_status=Status.UNDER_REVIEW,
            to_status=Status.DROPPED,
            verdict=Verdict.DROPPED,
            actor=bob,
        )


def test_the_ownership_attack_fails_through_the_api_too(client, commitment, politie, alice):
    """The first attack of issue 18, its decision asked through the API: reviewer2 owned the commitment this cycle,
    so the API refuses their verdict as the page does, and records nothing."""
    from tests.test_api import auth, token_for

    reviewer2 = make_reviewer_in(politie, "reviewer2")
    workflow.update_commitment(commitment, by=alice, version=commitment.version, changes={"owner": reviewer2})
    commitment.refresh_from_db()
    workflow.update_commitment(commitment, by=alice, version=commitment.version, changes={"owner": alice})
    bring_to(commitment, Status.UNDER_REVIEW, staff=alice)
    before = Review.objects.count()

    response = client.post(
        f"/api/v1/commitments/{commitment.reference}/_review",
        {"decision": "approve", "verdict": "met", "annualReportReference": JAARBERICHT},
        content_type="application/json",
        **auth(token_for(reviewer2)),
    )

    assert response.status_code == 409 and "Vier ogen" in response.json()["detail"]
    assert Review.objects.count() == before
