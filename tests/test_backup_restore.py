"""Backup and restore (issue 6 point 7), exactly as the README prescribes: on PostgreSQL pg_dump to a file and
pg_restore into a new, empty database; on SQLite dumpdata and loaddata. Afterwards the year-end overview and the
register export are identical to what they were, byte for byte, and the application goes on where it was."""

import os
import shutil
import subprocess
import uuid

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.db import connection
from django.test import Client

from commitments import workflow
from commitments.models import Commitment, EvidenceLink, Note, Review
from tests.conftest import make_user
from tests.overview_data import make_year

pytestmark = pytest.mark.django_db(transaction=True)  # pg_dump reads only what is committed

# The dumpdata of the README: everything but what `migrate` makes itself on the new database, which may number it
# differently (hence --natural-foreign: a reference to a content type or permission by name, not by number).
DUMPDATA_EXCLUDES = ["contenttypes", "auth.permission"]


@pytest.fixture
def year(programme, politie, migratie, alice, dave, bob):
    """A year with every outcome, a note and a due date moved, made through the workflow."""
    made = make_year(
        programme, staff_by_domain={"politie": (alice, politie), "migratie": (dave, migratie)}, reviewer=bob
    )
    workflow.add_note(made[6], by=alice, text="Kamerbrief volgt in maart.")  # in progress
    planned = made[-1]
    workflow.update_commitment(
        planned,
        by=dave,
        version=planned.version,
        changes={"due_date": planned.due_date.replace(month=10)},
        due_date_reason="Afhankelijk van de minister.",
    )
    return made


def manager_client():
    """A manager's browser; logged in before the backup, so the session is in it too."""
    carol = make_user("manager-carol", ["manager"])
    client = Client()
    client.force_login(carol)
    return client


def what_the_year_end_shows(client, year):
    """The overview export, the register export, and the counts of what is recorded behind them."""
    return {
        "overview.csv": b"".join(client.get(f"/overview/{year}/export.csv").streaming_content),
        "register.csv": b"".join(client.get(f"/commitments/?_export=csv&programme={year}").streaming_content),
        "counts": [model.objects.count() for model in (Commitment, Review, EvidenceLink, Note, LogEntry)],
    }


def postgres_environment():
    db = connection.settings_dict
    environment = dict(os.environ)
    environment.update(PGHOST=db["HOST"] or "127.0.0.1", PGPORT=str(db["PORT"] or 5432), PGUSER=db["USER"])
    if db["PASSWORD"]:
        environment["PGPASSWORD"] = db["PASSWORD"]
    return environment


def run(*command):
    completed = subprocess.run(command, env=postgres_environment(), capture_output=True, text=True, timeout=300)
    assert completed.returncode == 0, completed.stderr


@pytest.fixture
def restored_database_name():
    """A new database to restore into, dropped afterwards."""
    original = connection.settings_dict["NAME"]
    name = f"{original}_restored_{uuid.uuid4().hex[:8]}"
    yield name
    connection.close()
    other = connection.copy()
    other.settings_dict["NAME"] = original
    try:
        with other.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
    finally:
        other.close()


def test_pg_dump_and_pg_restore_give_the_same_year_end(year, tmp_path, monkeypatch, request):
    if connection.vendor != "postgresql":
        pytest.skip(f"pg_dump and pg_restore are PostgreSQL's tools (this run uses {connection.vendor})")
    if not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        pytest.skip("pg_dump and pg_restore are not installed (Debian: postgresql-client)")
    restored = request.getfixturevalue("restored_database_name")
    client = manager_client()
    before = what_the_year_end_shows(client, 2024)
    backup = tmp_path / "wpsite.dump"

    # The procedure of the README.
    run("pg_dump", "--format=custom", f"--file={backup}", f"--dbname={connection.settings_dict['NAME']}")
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{restored}"')
    run("pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", f"--dbname={restored}", str(backup))

    # The application on the restored database: the same year end, and it goes on from there.
    connection.close()
    monkeypatch.setitem(connection.settings_dict, "NAME", restored)
    assert what_the_year_end_shows(client, 2024) == before
    assert_it_goes_on(year)
    monkeypatch.undo()
    connection.close()


def test_dumpdata_and_loaddata_give_the_same_year_end(year, tmp_path):
    client = manager_client()
    before = what_the_year_end_shows(client, 2024)
    backup = tmp_path / "wpsite.json"

    # The procedure of the README: dump, then load into an empty database that `migrate` made.
    call_command(
        "dumpdata",
        "--natural-foreign",
        *[f"--exclude={label}" for label in DUMPDATA_EXCLUDES],
        f"--output={backup}",
        verbosity=0,
    )
    call_command("flush", "--no-input", verbosity=0)
    assert Commitment.objects.count() == 0
    call_command("loadbackup", str(backup), verbosity=0)

    assert what_the_year_end_shows(client, 2024) == before
    assert_it_goes_on(year)


def assert_it_goes_on(year):
    """After a restore, new work gets new numbers: no reference or id is handed out twice."""
    first = Commitment.objects.select_related("programme", "domain", "owner").get(pk=year[6].pk)  # in progress
    references = set(Commitment.objects.values_list("reference", flat=True))
    new = workflow.create_commitment(
        by=first.owner, programme=first.programme, title="Na het herstel", statement="Nieuw.", domain=first.domain
    )
    assert new.reference not in references
    assert new.pk > max(commitment.pk for commitment in year)
    workflow.add_note(first, by=first.owner, text="Nog steeds te bewerken.")
