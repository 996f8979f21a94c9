"""Who may do what (DESIGN.md §4), answered by commitments.permissions and obeyed by the pages."""

import pytest

from commitments import permissions
from tests.conftest import make_user


@pytest.fixture
def reviewer_in_politie(politie):
    return make_user("rita", [permissions.REVIEWER, permissions.STAFF], [politie])


def test_every_role_reads_and_a_user_without_role_does_not(alice, bob, carol, dave, erin, nobody):
    assert all(permissions.can_read(user) for user in (alice, bob, carol, dave, erin))
    assert not permissions.can_read(nobody)


def test_staff_edit_only_the_commitments_of_their_domains(commitment, alice, dave):
    assert permissions.can_edit(alice, commitment)
    assert not permissions.can_edit(dave, commitment)


def test_reviewers_and_managers_do_not_edit(commitment, bob, carol):
    assert not permissions.can_edit(bob, commitment)
    assert not permissions.can_edit(carol, commitment)


def test_a_beheerder_has_every_right(commitment, erin):
    assert permissions.can_edit(erin, commitment)
    assert permissions.can_import(erin)
    assert permissions.can_export_overview(erin)
    assert permissions.can_use_review_queue(erin)


def test_only_managers_and_beheerders_export_the_overview(alice, bob, carol, erin):
    assert [permissions.can_export_overview(user) for user in (alice, bob, carol, erin)] == [False, False, True, True]


def test_only_beheerders_import(alice, bob, carol, erin):
    assert [permissions.can_import(user) for user in (alice, bob, carol, erin)] == [False, False, False, True]


def test_an_inactive_user_has_no_role(alice):
    alice.is_active = False
    assert not permissions.can_read(alice)


def test_staff_with_a_domain_may_create_and_without_one_may_not(alice, reference_data):
    lonely = make_user("lonely", [permissions.STAFF])
    assert permissions.can_create(alice)
    assert not permissions.can_create(lonely)


def test_the_four_eyes_rule_binds_a_reviewer_who_owns_the_commitment(commitment, reviewer_in_politie, bob):
    commitment.owner = reviewer_in_politie
    assert not permissions.is_second_pair_of_eyes(reviewer_in_politie, commitment)
    assert permissions.is_second_pair_of_eyes(bob, commitment)


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("alice", 200), ("dave", 403), ("bob", 403), ("carol", 403), ("erin", 200), ("nobody", 403)],
)
def test_the_edit_page_answers_by_role_and_domain(request, client_for, commitment, persona, expected):
    user = request.getfixturevalue(persona)
    response = client_for(user).get(f"/commitments/{commitment.reference}/edit/")
    assert response.status_code == expected


@pytest.mark.parametrize(("persona", "expected"), [("alice", 200), ("dave", 200), ("carol", 403), ("erin", 200)])
def test_the_create_page_answers_staff_with_a_domain(request, client_for, reference_data, persona, expected):
    user = request.getfixturevalue(persona)
    assert client_for(user).get("/commitments/new/").status_code == expected


def test_an_anonymous_visitor_is_sent_to_the_login_page(client, commitment):
    for url in ("/", "/commitments/", f"/commitments/{commitment.reference}/", "/commitments/new/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/?next=")


def test_a_user_without_role_gets_403(client_for, nobody, commitment):
    client = client_for(nobody)
    for url in ("/", "/commitments/", f"/commitments/{commitment.reference}/"):
        assert client.get(url).status_code == 403


def test_the_detail_page_offers_only_the_actions_the_user_may_take(client_for, commitment, alice, dave):
    edit_link = f'href="/commitments/{commitment.reference}/edit/"'.encode()
    assert edit_link in client_for(alice).get(commitment.get_absolute_url()).content
    assert edit_link not in client_for(dave).get(commitment.get_absolute_url()).content


def test_migrating_creates_the_role_groups(db):
    """The data migration itself, on a database without them: a transactional test elsewhere may have flushed the
    groups that migrating the test database made, so the migration's step is run here again."""
    import importlib

    from django.apps import apps
    from django.contrib.auth.models import Group

    Group.objects.all().delete()
    importlib.import_module("commitments.migrations.0003_role_groups").create_role_groups(apps, None)
    assert set(Group.objects.values_list("name", flat=True)) >= set(permissions.ROLES)
