"""Bulk actions on a selection in the register (issue 17 point 8): assign an owner, start or carry over several
commitments at once, each by its own workflow step, all or nothing, with a summary of what changed or what was refused
and why. And the register's status steps (point 5): a row offers what its user may do, Starten at once."""

import pytest
from django.contrib.messages import get_messages

from commitments import workflow
from commitments.forms import BulkStepForm
from commitments.models import Action, Commitment, Review, Status, WorkProgramme
from tests.builders import bring_to, new_commitment
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

BULK = "/commitments/bulk/"


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def post_bulk(client, step, commitments, follow=False, **fields):
    data = {"bulk-step": step, "bulk-commitments": [c.reference for c in commitments], "query": "owner=alice"}
    data.update({f"bulk-{name}": value for name, value in fields.items()})
    return client.post(BULK, data, follow=follow)


@pytest.fixture
def three(programme, politie, alice):
    return [new_commitment(programme, politie, alice, title=f"Voornemen {n}") for n in range(3)]


def statuses(commitments):
    return [Commitment.objects.get(pk=c.pk).status for c in commitments]


def test_starting_a_selection_starts_each_through_its_own_step(client_for, alice, three):
    response = post_bulk(client_for(alice), "start", three)

    assert statuses(three) == [Status.IN_PROGRESS] * 3
    assert Review.objects.filter(action=Action.START, actor=alice).count() == 3
    assert response.status_code == 302 and response.url == "/commitments/?owner=alice"
    references = ", ".join(c.reference for c in three)
    assert messages_of(response) == [f"3 voornemens gestart: {references}."]


def test_one_refusal_changes_nothing_and_says_which_and_why(client_for, alice, three):
    workflow.start(three[1], by=alice)

    response = post_bulk(client_for(alice), "start", three)

    assert statuses(three) == [Status.PLANNED, Status.IN_PROGRESS, Status.PLANNED]
    assert Review.objects.filter(action=Action.START).count() == 1  # only the one started before
    assert messages_of(response) == [
        "Er is niets gewijzigd: 1 van de 3 gekozen voornemens kan dit niet.",
        f"{three[1].reference}: Alleen een gepland voornemen kan worden gestart.",
    ]


def test_assigning_an_owner_gives_each_the_owner_on_record(client_for, alice, three, politie):
    tom = make_user("tom", ["medewerker"], [politie], first_name="Tom", last_name="Bakker")

    response = post_bulk(client_for(alice), "assign_owner", three, owner=tom.pk)

    assert [Commitment.objects.get(pk=c.pk).owner for c in three] == [tom] * 3
    assert messages_of(response)[0].startswith("Tom Bakker (tom) is eigenaar van 3 voornemens:")


def test_an_owner_outside_a_domain_is_refused_for_that_one_and_nothing_changes(
    client_for, three, programme, migratie, politie
):
    other = new_commitment(programme, migratie, make_user("mia", ["medewerker"], [migratie]))
    tom = make_user("tom", ["medewerker"], [politie])  # of politie, not of migratie

    response = post_bulk(client_for(make_user("sam", ["beheerder"])), "assign_owner", [*three, other], owner=tom.pk)

    assert [Commitment.objects.get(pk=c.pk).owner for c in [*three, other]] == [None] * 4
    assert f"{other.reference}: De eigenaar moet lid zijn van het toezichtgebied." in messages_of(response)


def test_staff_of_another_domain_are_refused_per_commitment(client_for, dave, three):
    response = post_bulk(client_for(dave), "start", three)

    assert statuses(three) == [Status.PLANNED] * 3
    assert messages_of(response)[0] == "Er is niets gewijzigd: 3 van de 3 gekozen voornemens kunnen dit niet."


def test_carrying_over_needs_a_reason_and_carries_each_over(client_for, alice, bob, programme, politie):
    WorkProgramme.objects.create(year=2025, title="Werkprogramma 2025")
    delayed = [
        bring_to(new_commitment(programme, politie, alice, title=f"Laat {n}"), Status.DELAYED, staff=alice, decider=bob)
        for n in range(2)
    ]
    client = client_for(alice)

    refused = post_bulk(client, "carry_over", delayed)
    assert messages_of(refused) == ["Geef een reden om over te hevelen."]
    assert not Commitment.objects.filter(programme__year=2025).exists()

    post_bulk(client, "carry_over", delayed, reason="Loopt door in 2025.")
    assert sorted(c.predecessor_id for c in Commitment.objects.filter(programme__year=2025)) == [c.pk for c in delayed]


def test_no_commitment_chosen_says_so(client_for, alice):
    assert messages_of(post_bulk(client_for(alice), "start", [])) == ["Kies eerst een of meer voornemens."]


def test_no_action_chosen_says_so(client_for, alice, three):
    assert messages_of(post_bulk(client_for(alice), "", three)) == ["Kies een actie."]
    assert statuses(three) == [Status.PLANNED] * 3


def test_a_manager_has_no_bulk_actions(client_for, carol, three):
    client = client_for(carol)

    assert post_bulk(client, "start", three).status_code == 403
    assert 'name="bulk-commitments"' not in client.get("/commitments/").content.decode()


def test_the_way_back_keeps_only_the_filters(client_for, alice, three):
    data = {"bulk-step": "start", "bulk-commitments": [three[0].reference], "query": "q=x\r\nSet-Cookie: a=b"}

    response = client_for(alice).post(BULK, data)

    assert response.url.startswith("/commitments/?q=x") and "\n" not in response.url


# --- the register's status steps ------------------------------------------------------------------------------


def test_a_row_offers_starten_as_a_button_that_starts_at_once_and_comes_back(client_for, alice, three):
    client = client_for(alice)
    content = client.get("/commitments/?owner=").content.decode()
    assert f'formaction="/commitments/{three[0].reference}/start/"' in content

    response = client.post(f"/commitments/{three[0].reference}/start/", {"next": "/commitments/?owner="})

    assert response.url == "/commitments/?owner="
    assert statuses(three[:1]) == [Status.IN_PROGRESS]


def test_a_step_never_goes_back_to_another_site(client_for, alice, three):
    response = client_for(alice).post(f"/commitments/{three[0].reference}/start/", {"next": "https://evil.example/"})

    assert response.url == three[0].get_absolute_url()


def test_a_row_in_progress_offers_its_submit_form_with_the_way_back(client_for, alice, three):
    workflow.start(three[0], by=alice)
    client = client_for(alice)

    content = client.get("/commitments/").content.decode()
    assert f'href="/commitments/{three[0].reference}/submit/?next=/commitments/"' in content
    form = client.get(f"/commitments/{three[0].reference}/submit/?next=/commitments/").content.decode()
    assert '<input type="hidden" name="next" value="/commitments/">' in form


def test_the_detail_page_starts_by_a_button_without_a_confirmation_page(client_for, alice, three):
    client = client_for(alice)
    content = client.get(three[0].get_absolute_url()).content.decode()

    assert f'<form method="post" action="/commitments/{three[0].reference}/start/"' in content
    response = client.post(f"/commitments/{three[0].reference}/start/", follow=True)
    assert response.redirect_chain == [(three[0].get_absolute_url(), 302)]
    assert f"{three[0].reference}: Het voornemen is gestart." in messages_of(response)


def test_more_than_a_page_of_the_register_at_once_is_refused(client_for, alice, three, monkeypatch):
    monkeypatch.setattr(BulkStepForm, "AT_MOST", 2)

    response = post_bulk(client_for(alice), "start", three)

    assert messages_of(response) == ["Kies ten hoogste 2 voornemens tegelijk."]
    assert statuses(three) == [Status.PLANNED] * 3


def test_a_refused_carry_over_leaves_no_successor_of_the_others(client_for, alice, bob, programme, politie):
    WorkProgramme.objects.create(year=2025, title="Werkprogramma 2025")
    delayed = [
        bring_to(new_commitment(programme, politie, alice, title=f"Laat {n}"), Status.DELAYED, staff=alice, decider=bob)
        for n in range(2)
    ]
    first_successor = workflow.carry_over(delayed[1], by=alice, reason="Al eerder.")

    response = post_bulk(client_for(alice), "carry_over", delayed, reason="Loopt door in 2025.")

    assert list(Commitment.objects.filter(programme__year=2025)) == [first_successor]
    assert f"{delayed[1].reference}: Dit voornemen is al overgeheveld, als {first_successor.reference}." in (
        messages_of(response)
    )
