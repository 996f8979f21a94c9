"""Personas shared by every test: alice the staff member, bob the reviewer, carol the manager,
dave staff of another domain, erin the beheerder, and the reference data of the Werkprogramma 2024."""

import datetime

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from commitments import permissions, workflow
from commitments.models import Commitment, Domain, Goal, WorkProgramme

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture(autouse=True)
def _dutch_by_default():
    """Each test starts in the default language: a request in English (the language middleware activates it for
    the thread) must not carry over into the next test's messages."""
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


REFERENCE_FIXTURE = "fixtures/werkprogramma-2024-reference.json"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The reference data, loaded once into each test database: every test's transaction rolls back to it."""
    with django_db_blocker.unblock():
        call_command("loaddata", REFERENCE_FIXTURE, verbosity=0)


@pytest.fixture(scope="class")
def class_data(django_db_setup, django_db_blocker):
    """A transaction around a class of tests that only read the data it holds: made once, in a class-scoped fixture
    that asks for this one, while each test's own transaction (the class is marked django_db) is a savepoint inside
    it; rolled back after the class's last test. Not for transactional tests (the browser's, a second connection's),
    which empty the tables."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_reference_data()
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="class")
def open_year(class_data):
    """The year of every outcome (tests/overview_data.MIX) for a class: 12 commitments, 4 of them still undecided (2
    planned, 1 in progress, 1 under review)."""
    from tests.overview_data import year_of_every_outcome  # here: the builders import this module's personas

    return year_of_every_outcome()


@pytest.fixture(scope="class")
def closed_year(class_data):
    """A closed year of five decisions (tests/year_cycle_data.py) for a class."""
    from tests.year_cycle_data import closed_year_of_decisions  # here: the builders import this module's personas

    return closed_year_of_decisions()


def load_reference_data():
    # Loaded again only where a transactional test (the browser's, a second connection's) emptied the tables.
    if not WorkProgramme.objects.filter(year=2024).exists():
        call_command("loaddata", REFERENCE_FIXTURE, verbosity=0)


@pytest.fixture
def reference_data(db):
    load_reference_data()


@pytest.fixture
def programme(reference_data):
    return WorkProgramme.objects.get(year=2024)


@pytest.fixture
def programme_2025(programme):
    """The next year's programme, for carry-over."""
    return WorkProgramme.objects.create(year=2025, title="Werkprogramma 2025")


@pytest.fixture
def politie(reference_data):
    return Domain.objects.get(slug="politie")


@pytest.fixture
def migratie(reference_data):
    return Domain.objects.get(slug="migratie")


def make_user(username, roles=(), domains=(), **extra):
    user = get_user_model().objects.create_user(
        username=username, password=PASSWORD, email=f"{username}@example.org", **extra
    )
    for role in roles:
        user.groups.add(Group.objects.get_or_create(name=role)[0])
    for domain in domains:
        domain.members.add(user)
    return user


# username: (roles, domain slugs, other fields)
PERSONAS = {
    "alice": ([permissions.STAFF], ["politie"], {"first_name": "Alice", "last_name": "de Vries"}),
    "bob": ([permissions.REVIEWER], [], {"first_name": "Bob", "last_name": "Jansen"}),
    "bob2": ([permissions.REVIEWER], [], {}),
    "carol": ([permissions.MANAGER], [], {}),
    "dave": ([permissions.STAFF], ["migratie"], {}),
    "erin": ([permissions.BEHEERDER], [], {"is_staff": True}),
    "nobody": ([], [], {}),  # logged in, but without any role
}


def persona(username):
    """The persona `username`, made when a test first asks for it: a test's own fixture and the data a class of tests
    shares (`class_data`) get the same user."""
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        roles, slugs, extra = PERSONAS[username]
        user = make_user(username, roles, Domain.objects.filter(slug__in=slugs), **extra)
    return user


def persona_fixture(username):
    @pytest.fixture(name=username)
    def the_persona(reference_data):
        return persona(username)

    return the_persona


alice = persona_fixture("alice")
bob = persona_fixture("bob")
bob2 = persona_fixture("bob2")
carol = persona_fixture("carol")
dave = persona_fixture("dave")
erin = persona_fixture("erin")
nobody = persona_fixture("nobody")


@pytest.fixture
def commitment(programme, politie, alice):
    return workflow.create_commitment(
        by=alice,
        programme=programme,
        title="Publicatie onderzoek PO21",
        statement="Het onderzoek naar de basispolitieopleiding PO21 wordt in 2024 gepubliceerd.",
        source_location="p. 8",
        kind="publication",
        domain=politie,
        owner=alice,
        goals=[Goal.objects.get(code="lerend-vermogen")],
    )


def make_commitments(n, *, programme, domain, by, **fields):
    return [
        workflow.create_commitment(
            by=by,
            programme=programme,
            title=f"Voornemen {i}",
            statement=f"Tekst van voornemen {i}.",
            kind="supervision",
            domain=domain,
            due_date=fields.get("due_date", datetime.date(2024, 12, 31)),
        )
        for i in range(n)
    ]


def bulk_commitments(n, *, programme, domain, owner=None, due_date=None, **fields):
    """Many commitments at once, for tests of volume (lists, pages, query counts): numbered as the model numbers
    them, without going through the workflow one by one."""
    start = programme.last_reference_number
    commitments = Commitment.objects.bulk_create(
        Commitment(
            programme=programme,
            sequence=start + i,
            reference=f"WP{programme.year}-{start + i:03d}",
            title=f"Voornemen {start + i}",
            statement=f"Tekst van voornemen {start + i}.",
            kind=fields.get("kind", "supervision"),
            domain=domain,
            owner=owner,
            due_date=due_date or programme.default_due_date,
        )
        for i in range(1, n + 1)
    )
    WorkProgramme.objects.filter(pk=programme.pk).update(last_reference_number=start + n)
    programme.last_reference_number = start + n
    return commitments


def edit_form_data(commitment, /, **changes):
    """What the edit page posts for a commitment as it is, with `changes` on top."""
    data = {
        "title": commitment.title,
        "statement": commitment.statement,
        "source_location": commitment.source_location,
        "kind": commitment.kind,
        "domain": commitment.domain_id,
        "goals": [goal.pk for goal in commitment.goals.all()],
        "owner": commitment.owner_id or "",
        "due_date": commitment.due_date.isoformat(),
        "expected_date": "",
        "version": commitment.version,
    }
    data.update(changes)
    return data


def count_queries(request_page):
    """How many database queries one call makes."""
    with CaptureQueriesContext(connection) as queries:
        request_page()
    return len(queries)


@pytest.fixture
def pdf_not_laid_out(monkeypatch):
    """WeasyPrint's layout left out where a test asks only who may have a PDF or what it costs in queries: the
    template is still rendered in full, and the list holds each HTML given to WeasyPrint."""
    import weasyprint  # loads Pango: only tests of PDFs need it

    given = []

    class WithoutLayout:
        def __init__(self, string, **options):
            given.append(string)

        def write_pdf(self, **options):
            assert options == {"pdf_variant": "pdf/ua-1"}
            return b"%PDF-1.7"

    monkeypatch.setattr(weasyprint, "HTML", WithoutLayout)
    return given


@pytest.fixture
def client_for(client):
    """A client logged in as the given user."""

    def login(user):
        client.force_login(user)
        return client

    return login
