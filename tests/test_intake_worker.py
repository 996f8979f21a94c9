"""A real worker killed halfway (issue 15): `manage.py db_worker` in a process of its own reads a long PDF, is
killed with SIGKILL once it has read some pages, and leaves no candidate and nothing in the register; "Opnieuw
lezen" queues the reading again, and a new worker completes it.

The worker is another process, so it needs a database it can share with the test: PostgreSQL (the test
database of an in-memory SQLite exists only inside the test process)."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from commitments.models import Commitment
from intake.models import ProgrammeDocument

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parent.parent
REGIONS = ["Noord-Nederland", "Oost-Nederland", "Midden-Nederland", "Noord-Holland", "Amsterdam", "Den Haag",
           "Rotterdam", "Zeeland-West-Brabant", "Oost-Brabant", "Limburg"]  # fmt: skip
TOPICS = ["de meldkamer", "het politieonderwijs", "de aangifte", "de opsporing"]
PAGES = len(REGIONS) * len(TOPICS)


@pytest.fixture
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip(
            "A db_worker in another process cannot reach the in-memory SQLite test database; "
            "run with DATABASE_URL=postgres://..."
        )


def long_pdf():
    import weasyprint

    # every page its own sentences: a line that repeats on every page (digits aside) is a running header
    pages = "".join(
        f"<h2>Politie: {region}</h2>"
        f"<p>De Inspectie publiceert in 2024 een rapport over {topic} in de eenheid {region}.</p>"
        f"<p>In {region} staat {topic} al jaren onder druk.</p>"
        "<div style='page-break-after: always'></div>"
        for region in REGIONS
        for topic in TOPICS
    )
    return weasyprint.HTML(string=pages).write_pdf()


def worker(*options):
    """`manage.py db_worker` on the test's own database, in a process of its own."""
    db = connection.settings_dict
    url = (
        f"postgres://{quote(db['USER'] or '')}:{quote(db['PASSWORD'] or '')}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    )
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "tests.settings", "CONN_MAX_AGE": "0"}
    env.pop("TEST_DATABASE_NAME", None)
    command = [
        sys.executable,
        "manage.py",
        "db_worker",
        "--no-reload",
        "--no-startup-delay",
        "--interval",
        "0.1",
        *options,
    ]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def wait_until(condition, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_a_worker_killed_halfway_leaves_nothing_half_written_and_the_reading_starts_again(
    postgres_only, client, programme, erin
):
    from django_tasks_db.models import DBTaskResult

    before = Commitment.objects.count()
    client.force_login(erin)

    response = client.post(
        reverse("intake-upload"), {"programme": 2024, "file": SimpleUploadedFile("lang.pdf", long_pdf())}
    )
    assert response.status_code == 302
    document = ProgrammeDocument.objects.get()

    process = worker()
    try:
        read_some = wait_until(lambda: ProgrammeDocument.objects.get(pk=document.pk).pages_read > 0, 20)
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.kill()
        process.wait(5)
    assert read_some, process.stderr.read().decode()

    document.refresh_from_db()
    assert document.state == ProgrammeDocument.State.READING
    assert 0 < document.pages_read < document.pages_total == PAGES  # killed halfway
    assert not document.candidates.exists()  # nothing half-written
    assert Commitment.objects.count() == before
    assert client.get(reverse("intake-status", args=[document.pk])).json()["state"] == "reading"

    # "Opnieuw lezen" queues it again; a new worker completes it (the dead worker's claim stays behind, harmless)
    assert client.post(reverse("intake-restart", args=[document.pk])).status_code == 302
    process = worker("--batch")
    try:
        assert process.wait(20) == 0, process.stderr.read().decode()
    finally:
        process.kill()

    document.refresh_from_db()
    assert document.state == ProgrammeDocument.State.READY
    assert document.pages_read == document.pages_total == PAGES and document.attempt == 2
    assert document.candidates.count() >= PAGES  # one report announced per chapter
    assert Commitment.objects.count() == before  # candidates, not yet commitments
    assert DBTaskResult.objects.filter(status="SUCCESSFUL", task_path="intake.tasks.read_programme").count() == 1
