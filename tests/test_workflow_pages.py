"""The workflow steps as pages (DESIGN.md §5): GET shows the form, POST with the design's field names takes the
step, outsiders get 403, and a step that is no longer possible says why. The detail page offers only what the
user may do."""

import datetime

import pytest
from django.contrib.messages import get_messages

from commitments import workflow
from commitments.models import Action, Commitment, Status, Verdict
from tests.builders import add_evidence, bring_to, make_reviewer_in, new_commitment, submit


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def url(commitment, step):
    return f"/commitments/{commitment.reference}/{step}/"


@pytest.fixture
def under_review(commitment, alice):
    return bring_to(commitment, Status.UNDER_REVIEW, staff=alice)


# --- GET shows the form with the design's field names -----------------------------------------------------


@pytest.mark.parametrize(
    ("status", "step", "who", "fields"),
    [
        (Status.PLANNED, "start", "alice", []),
        (Status.IN_PROGRESS, "submit", "alice", ["proposed_verdict", "explanation", "expected_date"]),
        (
            Status.UNDER_REVIEW,
            "review",
            "bob",
            ["decision", "verdict", "rationale", "annual_report_reference", "expected_date"],
        ),
        (Status.MET, "reopen", "bob", ["reason"]),
        (Status.DELAYED, "carry-over", "alice", ["reason"]),
    ],
)
def test_each_step_page_shows_its_form(
    client_for, commitment, alice, bob, bob2, programme_2025, status, step, who, fields
):
    bring_to(commitment, status, staff=alice, decider=bob2)
    user = {"alice": alice, "bob": bob}[who]

    response = client_for(user).get(url(commitment, step))

    assert response.status_code == 200
    for name in fields:
        assert f'name="{name}"'.encode() in response.content
    assert b'method="post"' in response.content


def test_the_review_page_shows_the_submission_and_proposes_its_verdict(client_for, under_review, bob):
    response = client_for(bob).get(url(under_review, "review"))

    content = response.content.decode()
    assert "Zie het bewijs en de toelichting." in content
    assert "Rapport PO21" in content
    assert '<option value="met" selected>' in content
    assert f'name="version" value="{under_review.version}"' in content


def test_the_review_page_warns_of_evidence_published_after_the_due_date(client_for, commitment, alice, bob):
    add_evidence(commitment, alice, published_on=datetime.date(2025, 1, 15))
    bring_to(commitment, Status.UNDER_REVIEW, staff=alice)

    content = client_for(bob).get(url(commitment, "review")).content.decode()

    assert "bewijs gepubliceerd na de deadline" in content
    assert "Eerder vertraagd dan gerealiseerd?" in content


def test_the_review_page_does_not_warn_when_the_evidence_was_in_time(client_for, under_review, bob):
    content = client_for(bob).get(url(under_review, "review")).content.decode()

    assert "Eerder vertraagd dan gerealiseerd?" not in content


# --- POST takes the step ----------------------------------------------------------------------------------


def test_posting_start_starts(client_for, commitment, alice):
    response = client_for(alice).post(url(commitment, "start"))

    assert response.status_code == 302
    assert response.url == commitment.get_absolute_url()
    commitment.refresh_from_db()
    assert commitment.status == Status.IN_PROGRESS


def test_posting_submit_with_the_design_fields_submits(client_for, commitment, alice):
    bring_to(commitment, Status.IN_PROGRESS, staff=alice)

    response = client_for(alice).post(
        url(commitment, "submit"),
        {"proposed_verdict": "delayed", "explanation": "Het veldwerk liep uit.", "expected_date": "2025-04-01"},
    )

    assert response.status_code == 302
    step = commitment.reviews.get(action=Action.SUBMIT)
    assert (step.proposed_verdict, step.text, step.expected_date) == (
        Verdict.DELAYED,
        "Het veldwerk liep uit.",
        datetime.date(2025, 4, 1),
    )


def test_posting_a_review_with_the_design_fields_decides(client_for, under_review, bob):
    response = client_for(bob).post(
        url(under_review, "review"),
        {
            "decision": "approve",
            "verdict": "partly_met",
            "rationale": "Alleen het deelrapport is verschenen.",
            "annual_report_reference": "Jaarbericht 2024, p. 14",
            "expected_date": "",
        },
    )

    assert response.status_code == 302
    under_review.refresh_from_db()
    assert under_review.status == Status.PARTLY_MET
    assert under_review.decision.annual_report_reference == "Jaarbericht 2024, p. 14"


def test_posting_send_back_sends_back(client_for, under_review, bob):
    client_for(bob).post(url(under_review, "review"), {"decision": "send_back", "rationale": "Voeg de Kamerbrief toe."})

    under_review.refresh_from_db()
    assert under_review.status == Status.IN_PROGRESS
    assert under_review.reviews.get(action=Action.SEND_BACK).text == "Voeg de Kamerbrief toe."


def test_posting_reopen_reopens(client_for, commitment, alice, bob):
    bring_to(commitment, Status.MET, staff=alice, decider=bob)

    client_for(bob).post(url(commitment, "reopen"), {"reason": "Het rapport is teruggetrokken."})

    commitment.refresh_from_db()
    assert commitment.status == Status.IN_PROGRESS


def test_posting_carry_over_links_both_pages(client_for, commitment, alice, bob, programme_2025):
    bring_to(commitment, Status.DELAYED, staff=alice, decider=bob)

    client_for(alice).post(url(commitment, "carry-over"), {"reason": "Loopt door in 2025."})

    successor = Commitment.objects.get(predecessor=commitment)
    predecessor_page = client_for(alice).get(commitment.get_absolute_url()).content.decode()
    successor_page = client_for(alice).get(successor.get_absolute_url()).content.decode()
    assert f'href="{successor.get_absolute_url()}"' in predecessor_page
    assert f'href="{commitment.get_absolute_url()}"' in successor_page


def test_a_refused_field_shows_on_the_form(client_for, commitment, alice):
    bring_to(commitment, Status.IN_PROGRESS, staff=alice)
    commitment.evidence.all().delete()

    response = client_for(alice).post(url(commitment, "submit"), {"proposed_verdict": "met", "explanation": "Klaar."})

    assert response.status_code == 400
    assert "bewijs nodig" in response.content.decode()
    commitment.refresh_from_db()
    assert commitment.status == Status.IN_PROGRESS


# --- who may ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("step", ["start", "submit"])
def test_staff_of_another_domain_get_403_on_staff_steps(client_for, commitment, dave, step):
    assert client_for(dave).get(url(commitment, step)).status_code == 403
    assert client_for(dave).post(url(commitment, step)).status_code == 403


@pytest.mark.parametrize("step", ["review", "reopen"])
def test_staff_and_managers_get_403_on_reviewer_steps(client_for, under_review, alice, carol, step):
    assert client_for(alice).get(url(under_review, step)).status_code == 403
    assert client_for(carol).post(url(under_review, step), {"decision": "approve"}).status_code == 403


@pytest.mark.parametrize("step", ["start", "submit", "review", "reopen", "carry-over"])
def test_a_user_without_role_gets_403(client_for, commitment, nobody, step):
    assert client_for(nobody).get(url(commitment, step)).status_code == 403


def test_an_anonymous_user_is_sent_to_the_login_page(client, commitment):
    response = client.post(url(commitment, "start"))

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
    commitment.refresh_from_db()
    assert commitment.status == Status.PLANNED


# --- a step that is no longer possible ----------------------------------------------------------------------


def test_a_step_that_is_not_possible_now_sends_back_with_the_reason(client_for, commitment, bob):
    response = client_for(bob).get(url(commitment, "review"))

    assert response.status_code == 302
    assert response.url == commitment.get_absolute_url()
    assert messages_of(response) == ["Dit voornemen staat niet ter beoordeling (status: ‘Gepland’)."]


def test_the_owner_who_is_a_reviewer_hears_of_four_eyes(client_for, programme, politie, alice):
    olga = make_reviewer_in(politie, "olga")
    owned = bring_to(new_commitment(programme, politie, alice, owner=olga), Status.UNDER_REVIEW, staff=alice)

    response = client_for(olga).get(url(owned, "review"))

    assert response.status_code == 302
    assert "Vier ogen" in messages_of(response)[0]


def test_a_reviewer_who_posts_second_hears_who_decided_first(client_for, under_review, bob, bob2):
    workflow.review(under_review, by=bob2, decision="send_back", rationale="Eerst de Kamerbrief.")

    response = client_for(bob).post(
        url(under_review, "review"), {"decision": "approve", "verdict": "met", "version": under_review.version}
    )

    assert response.status_code == 302
    assert "bob2 heeft dit voornemen intussen al teruggestuurd" in messages_of(response)[0]
    under_review.refresh_from_db()
    assert under_review.status == Status.IN_PROGRESS


def test_carry_over_without_next_programme_says_so_before_the_form(client_for, commitment, alice, bob):
    bring_to(commitment, Status.DELAYED, staff=alice, decider=bob)

    response = client_for(alice).get(url(commitment, "carry-over"))

    assert response.status_code == 302
    assert "nog geen werkprogramma 2025" in messages_of(response)[0]


# --- the detail page offers only what the user may do --------------------------------------------------------

BUTTONS = {
    "start": "/start/",
    "submit": "/submit/",
    "review": "/review/",
    "reopen": "/reopen/",
    "carry_over": "/carry-over/",
    "edit": "/edit/",
    "add_evidence": "/evidence/new/",
}


def buttons_on_detail(client, commitment):
    """The steps the page offers: a link to a step's form, or a form that takes it at once (Starten)."""
    content = client.get(commitment.get_absolute_url()).content.decode()
    return {
        name
        for name, path in BUTTONS.items()
        for url in [f"/commitments/{commitment.reference}{path}"]
        if f'href="{url}"' in content or f'action="{url}"' in content
    }


@pytest.mark.parametrize(
    ("status", "who", "expected"),
    [
        (Status.PLANNED, "alice", {"start", "edit", "add_evidence"}),
        (Status.PLANNED, "dave", set()),
        (Status.PLANNED, "bob", set()),
        (Status.IN_PROGRESS, "alice", {"submit", "edit", "add_evidence"}),
        (Status.UNDER_REVIEW, "alice", set()),  # frozen until the decision
        (Status.UNDER_REVIEW, "bob", {"review"}),
        (Status.UNDER_REVIEW, "carol", set()),
        (Status.MET, "alice", set()),
        (Status.MET, "bob", {"reopen"}),
        (Status.DELAYED, "alice", {"carry_over"}),
        (Status.DELAYED, "bob", {"reopen", "carry_over"}),
        (Status.DELAYED, "dave", set()),
    ],
)
def test_the_detail_page_offers_only_the_steps_the_user_may_take(
    client_for, commitment, alice, bob, bob2, carol, dave, status, who, expected
):
    bring_to(commitment, status, staff=alice, decider=bob2)
    user = {"alice": alice, "bob": bob, "carol": carol, "dave": dave}[who]

    assert buttons_on_detail(client_for(user), commitment) == expected


def test_the_detail_page_offers_no_review_to_the_submitter(client_for, commitment, alice, politie):
    sam = make_reviewer_in(politie, "sam")
    bring_to(commitment, Status.IN_PROGRESS, staff=alice)
    submit(commitment, sam)

    assert "review" not in buttons_on_detail(client_for(sam), commitment)


def test_a_post_for_a_step_no_longer_possible_says_so_rather_than_checking_the_form(client_for, commitment, alice, bob):
    bring_to(commitment, Status.MET, staff=alice, decider=bob)

    response = client_for(bob).post(url(commitment, "review"), {})

    assert response.status_code == 302
    assert "Bob Jansen (bob) heeft dit voornemen intussen al beoordeeld" in messages_of(response)[0]


def test_the_detail_page_of_a_decided_commitment_says_it_is_read_only(client_for, commitment, alice, bob):
    bring_to(commitment, Status.DROPPED, staff=alice, decider=bob)

    content = client_for(alice).get(commitment.get_absolute_url()).content.decode()

    assert "Beoordeeld, dus alleen-lezen; een reviewer kan het heropenen." in content
