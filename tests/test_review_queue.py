"""The review queue /reviews/: what waits for a verdict, the longest waiting first, in a fixed number of queries."""

import datetime

import pytest
from django.utils import timezone

from commitments import workflow
from commitments.models import Action, Review, Status, Verdict
from commitments.views import reviews
from tests.builders import add_evidence, bring_to, make_reviewer_in, new_commitment, submit

# The session, the user, the user's roles, the domains of the filter, the count, the page of the queue.
QUERIES = 7  # + who submitted each, for "door ..." (the four-eyes mark is asked in the page's own query)


def submitted(programme, politie, alice, title, *, days_ago, proposed=Verdict.MET, evidence_count=1, **evidence):
    """A commitment under review, submitted `days_ago` days ago."""
    commitment = new_commitment(programme, politie, alice, owner=alice, title=title)
    for _ in range(evidence_count):
        add_evidence(commitment, alice, **evidence)
    workflow.start(commitment, by=alice)
    submit(commitment, alice, proposed)
    Review.objects.filter(commitment=commitment, action=Action.SUBMIT).update(
        created_at=timezone.now() - datetime.timedelta(days=days_ago)
    )
    return commitment


def queue_rows(client):
    response = client.get("/reviews/")
    assert response.status_code == 200
    return response.context["rows"]


def test_it_lists_what_waits_for_a_verdict_the_longest_waiting_first(
    client_for, programme, politie, alice, bob, commitment
):
    newer = submitted(programme, politie, alice, "Nieuw", days_ago=1)
    oldest = submitted(programme, politie, alice, "Oudst", days_ago=30)
    middle = submitted(programme, politie, alice, "Midden", days_ago=7)

    rows = queue_rows(client_for(bob))

    assert [row["commitment"] for row in rows] == [oldest, middle, newer]
    assert commitment not in [row["commitment"] for row in rows]  # planned: not waiting


def test_it_orders_by_the_latest_submission(client_for, programme, politie, alice, bob, bob2):
    sent_back = submitted(programme, politie, alice, "Teruggestuurd", days_ago=30)
    waiting = submitted(programme, politie, alice, "Wacht", days_ago=7)
    workflow.review(sent_back, by=bob2, decision="send_back", rationale="Kamerbrief ontbreekt.")
    submit(sent_back, alice)

    assert [row["commitment"] for row in queue_rows(client_for(bob))] == [waiting, sent_back]


def test_each_row_shows_proposed_verdict_evidence_count_late_flag_and_age(client_for, programme, politie, alice, bob):
    submitted(
        programme,
        politie,
        alice,
        "Laat",
        days_ago=3,
        proposed=Verdict.PARTLY_MET,
        published_on=datetime.date(2025, 2, 1),
        evidence_count=2,
    )

    response = client_for(bob).get("/reviews/")

    (row,) = response.context["rows"]
    assert row["commitment"].proposed_verdict == Verdict.PARTLY_MET
    assert row["commitment"].evidence_count == 2
    assert row["commitment"].has_late_evidence is True
    content = response.content.decode()
    assert "Deels gerealiseerd" in content
    assert "Bewijs na de deadline" in content
    assert "3\xa0dagen" in content


def test_evidence_in_time_is_not_flagged(client_for, programme, politie, alice, bob):
    submitted(programme, politie, alice, "Op tijd", days_ago=2, published_on=datetime.date(2024, 11, 1))

    (row,) = queue_rows(client_for(bob))

    assert row["commitment"].has_late_evidence is False


def test_it_marks_what_the_reviewer_may_not_decide_under_four_eyes(client_for, programme, politie, alice, bob):
    sam = make_reviewer_in(politie, "sam")
    theirs = submitted(programme, politie, alice, "Van een ander", days_ago=2)
    own = new_commitment(programme, politie, alice, title="Zelf aangeboden")
    bring_to(own, Status.IN_PROGRESS, staff=alice)
    submit(own, sam)

    rows = {row["commitment"]: row["may_review"] for row in queue_rows(client_for(sam))}

    assert rows == {theirs: True, own: False}


@pytest.mark.parametrize("size", [2, 12])
def test_the_queue_costs_the_same_number_of_queries_at_any_length(
    client_for, django_assert_num_queries, programme, politie, alice, bob, size
):
    for i in range(size):
        submitted(programme, politie, alice, f"Voornemen {i}", days_ago=i)
    client = client_for(bob)

    with django_assert_num_queries(QUERIES):
        rows = queue_rows(client)
    assert len(rows) == size


def test_a_long_queue_comes_a_page_at_a_time_the_longest_waiting_first(
    client_for, monkeypatch, programme, politie, alice, bob
):
    monkeypatch.setattr(reviews, "QUEUE_PAGE_SIZE", 2)
    newest, middle, oldest = (
        submitted(programme, politie, alice, title, days_ago=days)
        for title, days in (("Nieuw", 1), ("Midden", 7), ("Oudst", 30))
    )
    client = client_for(bob)

    first = client.get("/reviews/")
    second = client.get("/reviews/?page=2")

    assert [row["commitment"] for row in first.context["rows"]] == [oldest, middle]
    assert [row["commitment"] for row in second.context["rows"]] == [newest]
    assert "3 voornemens wachten op een oordeel" in first.content.decode()
    assert 'href="?page=2" rel="next"' in first.content.decode()
    assert 'href="?page=1" rel="prev"' in second.content.decode()
    assert client.get("/reviews/?page=99").context["rows"][0]["commitment"] == newest  # past the end: the last page
    assert client.get("/reviews/?page=x").context["rows"][0]["commitment"] == oldest  # nonsense: the first page


@pytest.mark.parametrize("who", ["alice", "carol", "nobody"])
def test_only_reviewers_see_the_queue(client_for, alice, carol, nobody, who):
    user = {"alice": alice, "carol": carol, "nobody": nobody}[who]

    assert client_for(user).get("/reviews/").status_code == 403
