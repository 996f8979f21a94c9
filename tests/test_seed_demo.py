"""The Werkprogramma 2024 data and the demo accounts that `make run` serves, the health check and the admin."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import DatabaseError, models
from django.test import override_settings

from commitments import permissions
from commitments.models import Commitment, Domain, Goal, Review, Status, WorkProgramme

DOMAINS = {
    "politie",
    "migratie",
    "jeugd",
    "sanctietoepassing",
    "crisisbeheersing",
    "cannabis",
    "incasso",
    "strafrechtketen",
    "organisatie",
}
GOALS = {"veerkracht", "lerend-vermogen", "ketens", "burgerperspectief"}


@pytest.fixture(scope="class")
def seeded(class_data):
    with override_settings(DEBUG=True):  # seed_demo refuses to run without it
        call_command("seed_demo", verbosity=0)


def test_the_reference_fixture_has_the_goals_domains_and_programme(reference_data):
    assert set(Goal.objects.values_list("code", flat=True)) == GOALS
    assert set(Domain.objects.values_list("slug", flat=True)) == DOMAINS
    programme = WorkProgramme.objects.get(year=2024)
    assert set(programme.goals.values_list("code", flat=True)) == GOALS


def test_seed_demo_refuses_to_run_without_debug(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo", verbosity=0)
    assert not get_user_model().objects.exists()


def test_healthz_answers_without_login(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok"}


def test_healthz_answers_503_when_the_database_does_not(client, db, monkeypatch):
    class UnreachableDatabase:
        def cursor(self):
            raise DatabaseError("connection refused")

    monkeypatch.setattr("commitments.views.health.connection", UnreachableDatabase())
    response = client.get("/healthz")
    assert response.status_code == 503


def test_a_beheerder_manages_reference_data_through_the_role_without_being_superuser(client, reference_data):
    from tests.conftest import make_user

    beheerder = make_user("frank", [permissions.BEHEERDER], is_staff=True)
    assert not beheerder.is_superuser
    client.force_login(beheerder)
    assert client.get("/admin/commitments/domain/add/").status_code == 200
    assert client.get("/admin/auth/user/").status_code == 200
    assert client.get("/admin/commitments/commitment/").status_code == 200
    assert client.get("/admin/commitments/commitment/add/").status_code == 403


def test_staff_without_the_beheerder_role_get_no_admin_models(client, alice):
    alice.is_staff = True
    alice.save()
    client.force_login(alice)
    assert client.get("/admin/commitments/domain/").status_code == 403


def test_seed_demo_prints_one_line_and_no_mail(db, settings, capsys):
    settings.DEBUG = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert len(out.getvalue().strip().splitlines()) == 1
    assert "Subject:" not in capsys.readouterr().out


@pytest.mark.django_db  # each test in a transaction of its own, inside the class's (class_data)
class TestTheDemoData:
    """The tests that read the demo data, seeded once for the class."""

    def test_seed_demo_loads_at_least_35_commitments_of_2024_due_at_year_end(self, seeded):
        commitments = Commitment.objects.filter(programme__year=2024)
        assert commitments.count() >= 35
        assert set(commitments.values_list("due_date", flat=True)) == {
            WorkProgramme.objects.get(year=2024).default_due_date
        }
        assert Commitment.objects.first().reference == "WP2024-001"

    def test_the_intention_the_programme_ends_is_dropped_through_the_workflow_with_its_reason(self, seeded):
        dropped = Commitment.objects.get(status=Status.DROPPED)
        assert "Oekraïense ontheemden" in dropped.statement
        assert dropped.decision.actor.username == "reviewer"
        submission = dropped.reviews.get(action="submit")
        assert submission.text == "Voor 2024 is besloten dit toezicht niet voort te zetten."
        assert submission.actor != dropped.decision.actor
        assert Review.objects.filter(commitment=dropped).count() == 3

    def test_seed_demo_twice_keeps_the_data(self, seeded, settings):
        settings.DEBUG = True
        before = list(Commitment.objects.values_list("reference", "title", "status"))
        call_command("seed_demo", verbosity=0)
        assert list(Commitment.objects.values_list("reference", "title", "status")) == before

    @pytest.mark.parametrize(
        ("username", "roles", "domains"),
        [
            ("medewerker", {permissions.STAFF}, {"politie", "jeugd", "organisatie"}),
            ("medewerker2", {permissions.STAFF}, {"migratie", "sanctietoepassing"}),
            ("reviewer", {permissions.REVIEWER}, set()),
            ("reviewer2", {permissions.REVIEWER, permissions.STAFF}, {"politie"}),
            ("manager", {permissions.MANAGER}, set()),
            ("beheerder", {permissions.BEHEERDER}, set()),
        ],
    )
    def test_the_demo_accounts_have_their_roles_domains_and_password(self, seeded, username, roles, domains):
        user = get_user_model().objects.get(username=username)
        assert user.check_password("wpsite-demo")
        assert set(user.groups.values_list("name", flat=True)) == roles
        assert set(user.domains.values_list("slug", flat=True)) == domains

    def test_every_owner_in_the_demo_data_works_in_the_domain(self, seeded):
        for commitment in Commitment.objects.exclude(owner=None).select_related("owner", "domain"):
            assert commitment.owner.domains.filter(pk=commitment.domain_id).exists()

    def test_the_demo_register_serves_the_2024_commitments(self, seeded, client):
        client.force_login(get_user_model().objects.get(username="medewerker"))
        response = client.get("/commitments/?programme=2024&per_page=100")
        assert response.status_code == 200
        assert response.context["table"].paginator.count >= 35

    def test_the_admin_manages_reference_data_and_shows_commitments_read_only(self, seeded, client):
        client.force_login(get_user_model().objects.get(username="beheerder"))
        for model in ("workprogramme", "domain", "goal"):
            assert client.get(f"/admin/commitments/{model}/").status_code == 200
            assert client.get(f"/admin/commitments/{model}/add/").status_code == 200
        assert client.get("/admin/commitments/commitment/").status_code == 200
        assert client.get("/admin/commitments/commitment/add/").status_code == 403
        assert client.get("/admin/auth/user/").status_code == 200

    def test_the_demo_year_shows_the_cycle(self, seeded):
        """2024 as it might stand in spring 2025, each step through the workflow, the invented ones saying so."""
        statuses = dict(
            Commitment.objects.filter(programme__year=2024)
            .values_list("status")
            .annotate(count=models.Count("pk"))
            .values_list("status", "count")
        )
        assert statuses[Status.IN_PROGRESS] >= 2 and statuses[Status.UNDER_REVIEW] >= 2
        assert statuses[Status.MET] >= 2 and statuses[Status.PARTLY_MET] >= 1 and statuses[Status.DELAYED] == 1
        for commitment in Commitment.objects.filter(status__in=[Status.MET, Status.PARTLY_MET]):
            assert commitment.evidence.exists() and commitment.decision.annual_report_reference.startswith(
                "Jaarbericht"
            )
            assert all(item.title.startswith("Demogegevens") for item in commitment.evidence.all())
        delayed = Commitment.objects.get(status=Status.DELAYED)
        successor = delayed.carried_over_to
        assert (successor.programme.year, successor.due_date) == (2025, delayed.expected_date)
        assert not WorkProgramme.objects.get(year=2025).is_closed
        assert not WorkProgramme.objects.get(year=2024).is_closed
