"""Reviewing in a row (issue 17, point 4): the queue filtered by domain and ordered by who waits longest or by the
deadline, the state in the address; a decision leads to the next commitment of the same queue the reviewer may
decide; the review form groups the fields of each decision. And the one home of "the latest submission" (issue 16)."""

import datetime

import pytest
from django.utils import timezone

from commitments import permissions, workflow
from commitments.models import Action, Commitment, Review, Status, WorkProgramme
from tests.overview_data import advance, create
from tests.test_workflow import make_reviewer_in

APPROVE = {"decision": "approve", "verdict": "met", "annual_report_reference": "Jaarbericht 2024, p. 14"}


def waiting(programme, domain, staff, reviewer, title, *, days_ago, due_date=datetime.date(2024, 12, 31)):
    commitment = advance(
        create(programme, domain, staff, title, due_date=due_date), Status.UNDER_REVIEW, staff=staff, reviewer=reviewer
    )
    Review.objects.filter(commitment=commitment, action=Action.SUBMIT).update(
        created_at=timezone.now() - datetime.timedelta(days=days_ago)
    )
    return commitment


@pytest.fixture
def queue(programme, politie, migratie, alice, dave, bob):
    """Three waiting in politie and one in migratie, by how long they wait."""
    return {
        "politie_old": waiting(
            programme, politie, alice, bob, "Politie oud", days_ago=30, due_date=datetime.date(2024, 12, 31)
        ),
        "migratie": waiting(programme, migratie, dave, bob, "Migratie", days_ago=20),
        "politie_mid": waiting(
            programme, politie, alice, bob, "Politie midden", days_ago=10, due_date=datetime.date(2024, 3, 1)
        ),
        "politie_new": waiting(
            programme, politie, alice, bob, "Politie nieuw", days_ago=1, due_date=datetime.date(2024, 6, 1)
        ),
    }


def listed(response):
    return [row["commitment"].title for row in response.context["rows"]]


def test_the_queue_is_filtered_by_domain_and_ordered_by_who_waits_longest_or_the_deadline(client_for, bob, queue):
    client = client_for(bob)

    assert listed(client.get("/reviews/")) == ["Politie oud", "Migratie", "Politie midden", "Politie nieuw"]
    assert listed(client.get("/reviews/?domain=politie")) == ["Politie oud", "Politie midden", "Politie nieuw"]
    assert listed(client.get("/reviews/?domain=politie&sort=due_date")) == [
        "Politie midden",
        "Politie nieuw",
        "Politie oud",
    ]
    assert listed(client.get("/reviews/?domain=nowhere&sort=nonsense")) == listed(client.get("/reviews/"))


def test_the_queue_keeps_its_state_in_each_review_link(client_for, bob, queue):
    html = client_for(bob).get("/reviews/?domain=politie&sort=due_date").content.decode()

    assert f'href="/commitments/{queue["politie_mid"].reference}/review/?domain=politie&amp;sort=due_date"' in html
    assert 'name="domain"' in html and 'name="sort"' in html


def test_a_decision_leads_to_the_next_of_the_same_queue_and_the_last_to_the_queue(client_for, bob, queue):
    client = client_for(bob)
    state = "?domain=politie&sort=due_date"

    first = client.post(f"/commitments/{queue['politie_mid'].reference}/review/{state}", APPROVE)
    second = client.post(
        f"/commitments/{queue['politie_new'].reference}/review/{state}",
        {"decision": "send_back", "rationale": "De Kamerbrief ontbreekt."},
    )
    last = client.post(f"/commitments/{queue['politie_old'].reference}/review/{state}", APPROVE)

    assert first.url == f"/commitments/{queue['politie_new'].reference}/review/{state}"
    assert second.url == f"/commitments/{queue['politie_old'].reference}/review/{state}"
    assert last.url == f"/reviews/{state}"  # migratie is not of this queue
    statuses = {c.title: c.status for c in Commitment.objects.filter(pk__in=[c.pk for c in queue.values()])}
    assert statuses == {
        "Politie midden": Status.MET,
        "Politie nieuw": Status.IN_PROGRESS,
        "Politie oud": Status.MET,
        "Migratie": Status.UNDER_REVIEW,
    }


def test_the_next_one_is_one_the_reviewer_may_decide(client_for, programme, politie, alice, bob):
    sam = make_reviewer_in(politie, "sam")
    decidable = waiting(programme, politie, alice, bob, "Van Alice", days_ago=5)
    own = create(programme, politie, sam, "Van Sam zelf")
    advance(own, Status.UNDER_REVIEW, staff=sam, reviewer=bob)  # four eyes: not Sam's to decide
    other = waiting(programme, politie, alice, bob, "Ook van Alice", days_ago=1)

    response = client_for(sam).post(f"/commitments/{decidable.reference}/review/", APPROVE)

    assert response.url == f"/commitments/{other.reference}/review/"


def test_a_refused_decision_stays_on_its_form_with_the_queue_state(client_for, bob, queue):
    response = client_for(bob).post(
        f"/commitments/{queue['politie_old'].reference}/review/?domain=politie", {"decision": "send_back"}
    )

    assert response.status_code == 400
    assert "Leg uit waarom u het voornemen terugstuurt." in response.content.decode()
    assert Commitment.objects.get(pk=queue["politie_old"].pk).status == Status.UNDER_REVIEW


def test_the_review_form_groups_the_fields_of_each_decision_and_says_what_is_left(client_for, bob, queue):
    html = client_for(bob).get(f"/commitments/{queue['politie_old'].reference}/review/?domain=politie").content.decode()

    approve_part = html[html.index('<div data-decision="approve">') : html.index('name="rationale"')]
    for name in ("verdict", "annual_report_reference", "expected_date", "drop_kind"):
        assert f'name="{name}"' in approve_part
    assert '<div data-verdict="delayed">' in approve_part and '<div data-verdict="dropped">' in approve_part
    assert "Hierna wachten nog 2 voornemens op uw oordeel" in " ".join(html.split())
    assert 'href="/reviews/?domain=politie"' in html
    assert '<script src="/static/js/review.js">' in html


# --- one home for the latest submission and four eyes as a query (issue 16) -------------------


def test_with_latest_submission_reads_the_latest_of_several_submissions(programme, politie, alice, bob):
    commitment = advance(create(programme, politie, alice, "Twee keer"), Status.UNDER_REVIEW, staff=alice, reviewer=bob)
    workflow.review(commitment, by=bob, decision="send_back", rationale="Nog niet.")
    workflow.submit(commitment, by=alice, proposed_verdict=Status.DROPPED, explanation="Het verviel.")

    annotated = Commitment.objects.with_latest_submission().get(pk=commitment.pk)

    assert annotated.proposed_verdict == Status.DROPPED and annotated.proposed_verdict_label == "Vervallen"
    assert annotated.submission_text == "Het verviel."
    assert annotated.submitted_by_id == alice.pk
    assert annotated.submitted_at == commitment.latest_submission().created_at
    assert list(Commitment.objects.awaiting_review()) == [commitment]


def test_the_four_eyes_query_answers_as_can_review_does(programme, politie, alice, bob, carol):
    sam = make_reviewer_in(politie, "sam")
    owned_by_sam = advance(create(programme, politie, sam, "Van Sam"), Status.UNDER_REVIEW, staff=sam, reviewer=bob)
    submitted_by_sam = create(programme, politie, alice, "Door Sam aangeboden")
    workflow.start(submitted_by_sam, by=alice)
    workflow.add_evidence(submitted_by_sam, by=alice, url="https://example.org/r", title="Rapport", kind="report")
    workflow.submit(submitted_by_sam, by=sam, proposed_verdict=Status.MET, explanation="Klaar.")
    others = advance(create(programme, politie, alice, "Van Alice"), Status.UNDER_REVIEW, staff=alice, reviewer=bob)
    planned = create(programme, politie, alice, "Gepland")

    everything = Commitment.objects.filter(pk__in=[c.pk for c in (owned_by_sam, submitted_by_sam, others, planned)])
    for user in (sam, bob, alice, carol):
        in_query = set(Commitment.objects.filter(permissions.may_review_condition(user)))
        one_by_one = {c for c in everything if permissions.can_review(user, c)}
        assert in_query == one_by_one, user
    assert set(Commitment.objects.filter(permissions.may_review_condition(sam))) == {others}
    WorkProgramme.objects.filter(pk=programme.pk).update(closed_at=timezone.now(), closed_by=carol)
    assert not Commitment.objects.filter(permissions.may_review_condition(bob)).exists()  # a closed year: no one
