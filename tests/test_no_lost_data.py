"""No lost data (issue 6 point 5): two people editing one commitment at once, an import that fails halfway, and a
database that goes away in the middle of a request. Each leaves the database whole: one edit or the other, the
whole import or none of it, the whole step or none of it.

These tests commit for real (transactional_db): a rollback is only proven where a commit could have happened."""

import contextlib
import datetime
import socket
import threading
import time

import pytest
from auditlog.models import LogEntry
from django.db import OperationalError, close_old_connections, connection
from django.test import Client, override_settings

from commitments import fileformat, imports, workflow
from commitments.exports import commitment_record
from commitments.models import Commitment, EvidenceLink, Note, Review, Status, WorkProgramme
from tests.conftest import edit_form_data, make_commitments, make_user

pytestmark = pytest.mark.django_db(transaction=True)

CONFLICT = "Iemand anders heeft dit voornemen intussen gewijzigd"


def needs_postgres():
    if connection.vendor != "postgresql":
        pytest.skip(
            f"needs PostgreSQL: two connections and row locks (this run uses {connection.vendor}, where "
            "SELECT ... FOR UPDATE does nothing); run with DATABASE_URL=postgres://..."
        )


def snapshot():
    """Everything an interrupted write could leave behind."""
    return {
        "commitments": sorted(Commitment.objects.values_list("reference", "title", "status", "version", "due_date")),
        "goals": sorted(Commitment.goals.through.objects.values_list("commitment_id", "goal_id")),
        "reviews": Review.objects.count(),
        "evidence": EvidenceLink.objects.count(),
        "notes": Note.objects.count(),
        "history": LogEntry.objects.count(),
        "numbers": sorted(WorkProgramme.objects.values_list("year", "last_reference_number")),
    }


def cut_the_connection():
    """The database drops this connection, as when it restarts or the network between fails. On PostgreSQL for
    real, from a second connection; SQLite has no server to go away, so there its error is raised instead."""
    if connection.vendor != "postgresql":
        raise OperationalError("disk I/O error")
    backend = connection.connection.info.backend_pid
    other = connection.copy()
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s, 5000)", [backend])
    finally:
        other.close()


def production_client():
    """A browser's view of a server error: the generic page, not the exception."""
    return Client(raise_request_exception=False)


def logged_in(user):
    client = production_client()
    client.force_login(user)
    return client


# --- two editors at once ------------------------------------------------------------------------------------------


@pytest.fixture
def hold_the_lock(monkeypatch):
    """Whoever locks the commitment first keeps it a moment, so that the two edits really overlap."""
    locked = workflow._locked

    def slow_locked(commitment):
        current = locked(commitment)
        time.sleep(0.5)
        return current

    monkeypatch.setattr(workflow, "_locked", slow_locked)


def at_once(*calls):
    """Each call in its own thread with its own database connection, released together."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=10)
            results[index] = call()
        except Exception as error:  # the outcome is what the test looks at
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index, call)) for index, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads), "an edit hung on a lock that was never released"
    return results


def test_two_people_saving_the_same_version_at_once_lose_nothing(commitment, alice, politie, hold_the_lock):
    needs_postgres()
    colleague = make_user("sanne", ["medewerker"], [politie])
    url = f"/commitments/{commitment.reference}/edit/"
    first, second = logged_in(alice), logged_in(colleague)
    version = commitment.version

    results = at_once(
        lambda: first.post(url, edit_form_data(commitment, title="Titel van Alice")),
        lambda: second.post(url, edit_form_data(commitment, title="Titel van Sanne")),
    )

    assert sorted(response.status_code for response in results) == [302, 409]
    loser = next(response for response in results if response.status_code == 409)
    assert CONFLICT in loser.content.decode()
    commitment.refresh_from_db()
    winner = "Titel van Alice" if results[0].status_code == 302 else "Titel van Sanne"
    assert (commitment.title, commitment.version) == (winner, version + 1)
    # The loser's text is on their screen to try again, not silently dropped and not written.
    assert ("Titel van Sanne" if winner == "Titel van Alice" else "Titel van Alice") in loser.content.decode()
    title_changes = [
        entry
        for entry in LogEntry.objects.get_for_object(commitment).filter(action=LogEntry.Action.UPDATE)
        if "title" in entry.changes_dict
    ]
    assert len(title_changes) == 1


def test_an_edit_from_an_old_version_is_refused_and_changes_nothing(commitment, alice):
    # The same rule without a race, so that it is proven on SQLite too.
    url = f"/commitments/{commitment.reference}/edit/"
    stale = edit_form_data(commitment, title="Van een oud scherm")
    workflow.update_commitment(commitment, by=alice, version=commitment.version, changes={"title": "Nieuwer"})
    before = snapshot()
    response = logged_in(alice).post(url, stale)
    assert response.status_code == 409
    assert CONFLICT in response.content.decode()
    assert snapshot() == before


# --- an import that fails halfway ---------------------------------------------------------------------------------


def csv_of(rows):
    lines = [",".join(fileformat.COLUMNS)]
    for row in rows:
        lines.append(",".join("" if value is None else str(value) for value in row))
    return ("\n".join(lines) + "\n").encode()


def test_an_import_that_fails_halfway_leaves_the_database_as_it_was(programme, politie, alice, erin, monkeypatch):
    stored = make_commitments(2, programme=programme, domain=politie, by=alice)
    rows = []
    for commitment in stored:
        record = list(commitment_record(commitment))
        record[fileformat.COLUMNS.index("title")] = f"Gewijzigd: {commitment.title}"
        record[fileformat.COLUMNS.index("due_date")] = datetime.date(2024, 11, 30)
        rows.append(record)
    rows.append(["", 2024, "Nieuw voornemen", "Een nieuwe tekst.", "", "other", "politie", "", "", "", "", ""])
    rows.append(["", 2024, "Nog een", "Nog een nieuwe tekst.", "", "other", "politie", "", "", "", "", ""])
    plan = imports.plan_import(csv_of(rows), filename="halverwege.csv")
    assert plan.is_valid, [row.errors for row in plan.rows]
    before = snapshot()

    update = workflow.update_commitment
    calls = []

    def update_then_fail(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:  # the first row is written; then the database goes
            cut_the_connection()
        return update(*args, **kwargs)

    monkeypatch.setattr(workflow, "update_commitment", update_then_fail)
    with pytest.raises(OperationalError):
        imports.apply_plan(plan, by=erin)
    close_old_connections()
    connection.close()

    assert len(calls) == 2
    assert snapshot() == before


# --- the database goes away ---------------------------------------------------------------------------------------


@override_settings(DEBUG=False)
def test_a_database_gone_in_the_middle_of_a_step_gives_an_error_page_and_writes_nothing(commitment, alice, monkeypatch):
    client = logged_in(alice)
    before = snapshot()
    move = workflow._move

    def move_after_the_database_went(commitment, **kwargs):
        cut_the_connection()
        return move(commitment, **kwargs)

    monkeypatch.setattr(workflow, "_move", move_after_the_database_went)
    response = client.post(f"/commitments/{commitment.reference}/start/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Er ging iets mis" in body and "OperationalError" not in body
    monkeypatch.undo()

    # The database is back: nothing of the step was written, and the step can simply be taken again.
    connection.close()
    assert snapshot() == before
    assert Commitment.objects.get(pk=commitment.pk).status == Status.PLANNED
    assert logged_in(alice).post(f"/commitments/{commitment.reference}/start/").status_code == 302
    assert Commitment.objects.get(pk=commitment.pk).status == Status.IN_PROGRESS


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # free once closed: nothing listens there


@contextlib.contextmanager
def database_down():
    """While inside, the database cannot be reached: on PostgreSQL the connection goes to a port where nothing
    listens; SQLite (here an in-memory database, which cannot be closed and opened again) refuses to connect."""
    connection.close()
    with pytest.MonkeyPatch.context() as down:
        if connection.vendor == "postgresql":
            down.setitem(connection.settings_dict, "HOST", "127.0.0.1")
            down.setitem(connection.settings_dict, "PORT", closed_port())
        else:

            def refuse():
                raise OperationalError("unable to open database file")

            down.setattr(connection, "ensure_connection", refuse)
        yield
    connection.close()


@override_settings(DEBUG=False)
def test_healthz_says_503_while_the_database_is_down_and_200_when_it_is_back(commitment, alice):
    client = logged_in(alice)
    page = f"/commitments/{commitment.reference}/"
    assert production_client().get("/healthz").status_code == 200

    with database_down():
        health = production_client().get("/healthz")
        assert (health.status_code, health.json()) == (503, {"database": "unavailable"})
        response = client.get(page)
        assert response.status_code == 500
        assert "Er ging iets mis" in response.content.decode()

    assert production_client().get("/healthz").json() == {"database": "ok"}
    assert client.get(page).status_code == 200
