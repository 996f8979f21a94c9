"""The dashboard: what needs each user's attention, one section per role they hold."""

import datetime

import pytest
from django.utils import timezone

from commitments import permissions, workflow
from commitments.models import Commitment, Status, WorkProgramme
from commitments.overview import StatusCounts
from commitments.views import dashboard
from tests.builders import advance
from tests.conftest import make_user
from tests.overview_data import MIX, create, expected_counts, make_many, rate_text, tables, year_of_every_outcome

STAFF_HEADING = "Mijn acties"
REVIEWER_HEADING = "Te beoordelen"
PROGRESS_CAPTION = "Voornemens per toezichtgebied en status; de balk toont dezelfde aantallen"


def days_from_today(days):
    return timezone.localdate() + datetime.timedelta(days=days)


def staff_actions(response):
    return {commitment.reference: commitment for commitment in response.context["staff"]["needing_action"]}


def test_a_user_without_a_role_gets_403(client_for, nobody):
    assert client_for(nobody).get("/").status_code == 403


def test_an_anonymous_visitor_is_sent_to_the_login_page(client, db):
    assert client.get("/")["Location"].startswith("/accounts/login/")


# --- staff ------------------------------------------------------------------------------------


def test_staff_see_their_overdue_due_soon_and_sent_back_commitments(client_for, programme, politie, alice, bob):
    overdue = create(programme, politie, alice, "Over de deadline", due_date=datetime.date(2024, 12, 31))
    due_soon = create(programme, politie, alice, "Binnenkort", due_date=days_from_today(10))
    later = create(programme, politie, alice, "Later", due_date=days_from_today(60))
    started = advance(
        create(programme, politie, alice, "Gestart", due_date=days_from_today(90)),
        Status.IN_PROGRESS,
        staff=alice,
        reviewer=bob,
    )
    sent_back = advance(
        create(programme, politie, alice, "Terug", due_date=days_from_today(90)),
        Status.UNDER_REVIEW,
        staff=alice,
        reviewer=bob,
    )
    workflow.review(sent_back, by=bob, decision="send_back", rationale="Het bewijs is een concept.")
    decided = advance(
        create(programme, politie, alice, "Klaar", due_date=datetime.date(2024, 1, 1)),
        Status.MET,
        staff=alice,
        reviewer=bob,
    )

    response = client_for(alice).get("/")
    actions = staff_actions(response)
    assert set(actions) == {overdue.reference, due_soon.reference, sent_back.reference}
    assert actions[overdue.reference].is_overdue_now and not actions[overdue.reference].is_sent_back
    assert actions[due_soon.reference].is_due_soon and not actions[due_soon.reference].is_overdue_now
    assert actions[sent_back.reference].is_sent_back and not actions[sent_back.reference].is_due_soon
    html = response.content.decode()
    assert "Het bewijs is een concept." in html
    for absent in (later, started, decided):
        assert absent.reference not in html


def sent_back(programme, politie, alice, bob):
    """A commitment of alice's, due in 90 days, that bob sent back."""
    commitment = advance(
        create(programme, politie, alice, "Terug", due_date=days_from_today(90)),
        Status.UNDER_REVIEW,
        staff=alice,
        reviewer=bob,
    )
    workflow.review(commitment, by=bob, decision="send_back", rationale="Nog niet af.")
    return commitment


def test_a_commitment_stays_sent_back_when_its_due_date_changes_afterwards(client_for, programme, politie, alice, bob):
    commitment = sent_back(programme, politie, alice, bob)
    commitment.refresh_from_db()
    workflow.update_commitment(
        commitment,
        by=alice,
        version=commitment.version,
        changes={"due_date": days_from_today(120)},
        due_date_reason="Later.",
    )
    assert staff_actions(client_for(alice).get("/"))[commitment.reference].is_sent_back


def test_a_sent_back_commitment_that_was_resubmitted_needs_no_action(client_for, programme, politie, alice, bob):
    commitment = sent_back(programme, politie, alice, bob)
    workflow.submit(commitment, by=alice, proposed_verdict=Status.MET, explanation="Nu wel.")
    response = client_for(alice).get("/")
    assert staff_actions(response) == {}
    assert [c.reference for c in response.context["staff"]["under_review"]] == [commitment.reference]


def test_staff_see_only_their_own_commitments(client_for, programme, politie, migratie, alice, dave):
    create(programme, migratie, dave, "Van Dave", due_date=datetime.date(2024, 12, 31))
    assert staff_actions(client_for(alice).get("/")) == {}


def test_staff_see_their_submissions_under_review_with_the_proposal(client_for, programme, politie, alice, bob):
    commitment = advance(
        create(programme, politie, alice, "Aangeboden"), Status.UNDER_REVIEW, staff=alice, reviewer=bob
    )
    response = client_for(alice).get("/")
    (row,) = response.context["staff"]["under_review"]
    assert row.reference == commitment.reference
    assert "voorgesteld: Gerealiseerd" in " ".join(response.content.decode().split())


# --- reviewers --------------------------------------------------------------------------------


def test_reviewers_see_the_queue_oldest_first_with_its_age(client_for, programme, politie, alice, bob):
    first = advance(create(programme, politie, alice, "Eerste"), Status.UNDER_REVIEW, staff=alice, reviewer=bob)
    second = advance(create(programme, politie, alice, "Tweede"), Status.UNDER_REVIEW, staff=alice, reviewer=bob)
    response = client_for(bob).get("/")
    queue = response.context["reviewer"]["queue"]
    assert [(commitment.reference, may_review) for commitment, may_review in queue] == [
        (first.reference, True),
        (second.reference, True),
    ]
    assert response.context["reviewer"]["waiting"] == 2
    html = " ".join(response.content.decode().split())
    assert "2 voornemens wachten op een oordeel." in html
    assert f'href="/commitments/{first.reference}/review/"' in html
    assert "(zojuist)" in html  # the age, from the submission: never "0 minuten"


def test_the_queue_shows_which_a_reviewer_may_not_decide_by_four_eyes(client_for, programme, politie, bob):
    eva = make_user("eva", [permissions.STAFF, permissions.REVIEWER], [politie])
    own = advance(create(programme, politie, eva, "Van Eva zelf"), Status.UNDER_REVIEW, staff=eva, reviewer=bob)
    response = client_for(eva).get("/")
    assert [(c.reference, may_review) for c, may_review in response.context["reviewer"]["queue"]] == [
        (own.reference, False)
    ]
    assert "vier ogen: niet door u te beoordelen" in response.content.decode()


def test_staff_do_not_see_the_queue_and_reviewers_do_not_see_staff_actions(client_for, programme, alice, bob):
    staff_page = client_for(alice).get("/").content.decode()
    assert STAFF_HEADING in staff_page and REVIEWER_HEADING not in staff_page
    reviewer_page = client_for(bob).get("/").content.decode()
    assert REVIEWER_HEADING in reviewer_page and STAFF_HEADING not in reviewer_page
    assert "Voortgang" not in reviewer_page


def test_a_user_with_several_roles_sees_each_section(client_for, programme, politie):
    frank = make_user("frank", [permissions.STAFF, permissions.REVIEWER, permissions.MANAGER], [politie])
    html = client_for(frank).get("/").content.decode()
    for heading in (STAFF_HEADING, REVIEWER_HEADING, "Voortgang Werkprogramma 2024"):
        assert heading in html


# --- managers ---------------------------------------------------------------------------------


@pytest.fixture(scope="class")
def year(class_data):
    return year_of_every_outcome()


def test_the_year_people_work_on_is_the_oldest_not_closed_else_the_latest(programme, carol):
    next_year = WorkProgramme.objects.create(year=2025, title="Werkprogramma 2025")
    assert WorkProgramme.objects.current() == programme  # 2024 is still being accounted for
    WorkProgramme.objects.filter(pk=programme.pk).update(closed_at=timezone.now(), closed_by=carol)
    assert WorkProgramme.objects.current() == next_year
    WorkProgramme.objects.filter(pk=next_year.pk).update(closed_at=timezone.now(), closed_by=carol)
    assert WorkProgramme.objects.current() == next_year  # all closed: the latest


def test_a_managers_dashboard_stays_on_the_year_being_accounted_for_and_offers_the_others(client_for, programme, carol):
    WorkProgramme.objects.create(year=2025, title="Werkprogramma 2025")
    client = client_for(carol)

    assert client.get("/").context["manager"]["programme"] == programme
    assert client.get("/?year=2025").context["manager"]["programme"].year == 2025
    assert client.get("/?year=abcd").context["manager"]["programme"] == programme
    assert 'name="year"' in client.get("/").content.decode()
    assert client.get("/overview/").url == "/overview/2024/"


def test_the_segments_of_a_bar_fill_it_in_workflow_order():
    counts = StatusCounts.from_row({Status.MET: 1, Status.PLANNED: 2, Status.DROPPED: 3, "total": 6})
    assert [(status, count) for status, _, count, _, _ in counts.segments] == [
        (Status.PLANNED, 2),
        (Status.MET, 1),
        (Status.DROPPED, 3),
    ]
    ends = [start + width for _, _, _, start, width in counts.segments]
    assert ends[-1] == pytest.approx(100)
    assert [start for _, _, _, start, _ in counts.segments] == pytest.approx([0, 100 * 2 / 6, 100 * 3 / 6], abs=1e-3)


# --- query budget -----------------------------------------------------------------------------


@pytest.mark.parametrize("size", [10, 40])
def test_the_dashboard_costs_a_fixed_number_of_queries(
    client_for, programme, politie, bob, django_assert_num_queries, monkeypatch, size
):
    # The queue shows a few: the smaller size waits fewer than it shows, the larger more.
    monkeypatch.setattr(dashboard, "QUEUE_SHOWN", 3)
    frank = make_user("frank", [permissions.STAFF, permissions.REVIEWER, permissions.MANAGER], [politie])
    make_many(size, programme, domain=politie, staff=frank, reviewer=bob)
    client = client_for(frank)
    # session, user, roles; staff: actions, submissions; reviewer: queue (four eyes asked in it), its size and what
    # the reviewer may decide; manager: current and previous programme, totals of both years, overdue and their
    # number, domains; the menu: the user's domains; the manager's year picker
    with django_assert_num_queries(15):
        response = client.get("/")
    open_and_overdue = Commitment.objects.filter(owner=frank, status__in=(Status.PLANNED, Status.IN_PROGRESS))
    assert len(response.context["staff"]["needing_action"]) == open_and_overdue.count() > size // 4


# --- by urgency, with counts (issue 17, point 3) ------------------------------------------------


def test_staff_see_their_actions_by_urgency_with_counts_and_their_submissions_apart(
    client_for, programme, politie, alice, bob
):
    late = [create(programme, politie, alice, f"Te laat {n}", due_date=datetime.date(2024, 12, 31)) for n in range(2)]
    soon = create(programme, politie, alice, "Binnenkort", due_date=days_from_today(10))
    back = sent_back(programme, politie, alice, bob)
    submitted = advance(
        create(programme, politie, alice, "Aangeboden", due_date=datetime.date(2024, 12, 31)),
        Status.UNDER_REVIEW,
        staff=alice,
        reviewer=bob,
    )

    response = client_for(alice).get("/")

    groups = response.context["staff"]["groups"]
    assert [c.reference for c in groups["overdue"]] == [c.reference for c in late]
    assert [c.reference for c in groups["due_soon"]] == [soon.reference]
    assert [c.reference for c in groups["sent_back"]] == [back.reference]
    html = " ".join(response.content.decode().split())
    assert '<span class="tally-count">2</span> over de deadline, niet aangeboden' in html
    assert '<span class="tally-count">1</span> binnen 30 dagen' in html
    assert '<span class="tally-count">1</span> teruggestuurd' in html
    assert '<span class="tally-count">1</span> wacht op een oordeel' in html
    assert "Over de deadline en niet aangeboden (2)" in html
    # The submitted one is over its deadline too, but waits for a reviewer: listed apart, not among the red ones.
    overdue_part = html[html.index('id="overdue"') : html.index('id="submitted"')]
    assert submitted.reference not in overdue_part
    assert submitted.reference in html[html.index('id="submitted"') :]
    assert html.index('id="overdue"') < html.index('id="due_soon"') < html.index('id="sent_back"')


def test_the_counts_say_one_and_many_in_their_grammar(client_for, programme, politie, alice, bob):
    advance(create(programme, politie, alice, "Een"), Status.UNDER_REVIEW, staff=alice, reviewer=bob)
    client = client_for(alice)
    assert "1</span> wacht op een oordeel" in client.get("/").content.decode()
    advance(create(programme, politie, alice, "Twee"), Status.UNDER_REVIEW, staff=alice, reviewer=bob)
    assert "2</span> wachten op een oordeel" in client.get("/").content.decode()


def test_a_reviewer_sees_how_many_wait_on_them_and_starts_with_the_oldest_they_may_decide(
    client_for, programme, politie, alice, bob
):
    eva = make_user("eva", [permissions.STAFF, permissions.REVIEWER], [politie])
    own = advance(create(programme, politie, eva, "Van Eva zelf"), Status.UNDER_REVIEW, staff=eva, reviewer=bob)
    theirs = advance(create(programme, politie, alice, "Van Alice"), Status.UNDER_REVIEW, staff=alice, reviewer=bob)

    response = client_for(eva).get("/")

    reviewer = response.context["reviewer"]
    assert (reviewer["waiting"], reviewer["waiting_on_me"]) == (2, 1)
    assert reviewer["first"].reference == theirs.reference != own.reference
    html = " ".join(response.content.decode().split())
    assert "1 daarvan mag u beoordelen (vier ogen)." in html
    assert f'href="/commitments/{theirs.reference}/review/">Beoordelen, de oudste eerst' in html
    assert '<span class="tally-count">1</span> wacht op mijn oordeel' in html


@pytest.mark.django_db  # each test in a transaction of its own, inside the class's (class_data)
class TestTheDashboardOfAYear:
    """The tests that read the year of every outcome, made once for the class."""

    def test_managers_see_progress_per_domain_as_bars_with_the_counts_beside_them(self, client_for, carol, year):
        response = client_for(carol).get("/")
        rows = tables(response.content)[PROGRESS_CAPTION]
        assert rows[0] == ["Toezichtgebied", "Verdeling", *Status.labels, "Totaal"]
        for row in rows[1:]:
            counts = expected_counts(MIX, domain=row[0].lower())
            assert row[2:] == [str(counts[status]) for status in Status.values] + [str(counts["total"])]
        html = response.content.decode()
        assert html.count('<svg class="bar"') == 2
        assert 'aria-hidden="true"' in html
        # Migratie: 1 met, 1 delayed, 1 dropped, 1 planned: four quarters, in workflow order, with decimal points.
        assert '<rect class="bar-planned" x="0.0" y="0" width="25.0" height="10">' in html
        assert '<rect class="bar-met" x="25.0" y="0" width="25.0" height="10">' in html

    def test_managers_see_the_realisation_rate_beside_the_previous_years(
        self, client_for, carol, year, politie, alice, bob
    ):
        earlier = WorkProgramme.objects.create(year=2023, title="Werkprogramma 2023")
        for status in (Status.MET, Status.DELAYED, Status.DELAYED, Status.DROPPED):
            advance(create(earlier, politie, alice, f"Uit 2023: {status}"), status, staff=alice, reviewer=bob)
        workflow.close_programme(earlier, by=carol)
        html = " ".join(client_for(carol).get("/").content.decode().split())
        assert f'Realisatiegraad 2024</p> <p class="figure-value">{rate_text(expected_counts(MIX))}</p>' in html
        assert 'Realisatiegraad 2023</p> <p class="figure-value">33,3%</p>' in html
        assert "1 van 3 gerealiseerd of deels; 4 voornemens, waarvan 1 vervallen" in html

    def test_without_a_previous_programme_the_manager_is_told_so(self, client_for, carol, year):
        assert "Geen werkprogramma 2023 in het register." in client_for(carol).get("/").content.decode()

    def test_managers_see_the_overdue_commitments_of_the_current_year(self, client_for, carol, year):
        response = client_for(carol).get("/")
        open_statuses = (Status.PLANNED, Status.IN_PROGRESS, Status.UNDER_REVIEW)
        expected = sorted(c.reference for c, (_, status, _) in zip(year, MIX, strict=True) if status in open_statuses)
        assert sorted(c.reference for c in response.context["manager"]["overdue"]) == expected
        assert response.context["manager"]["overdue_count"] == len(expected)
