"""The curation journey of issue 15 in Chromium: a beheerder uploads a programme text, watches it being read,
edits a candidate, keeps some and discards others, adds one it missed, imports the kept ones, and finds them in the
register.

The background worker is deterministic here: the test runs django-tasks-db's own worker loop (`--batch`: every
queued task, then stop) in the test process, on the live server's database, at the moment the journey needs it,
while the browser waits on the progress page."""

import pytest
from playwright.sync_api import expect

from commitments.models import Commitment
from intake.models import Candidate, ProgrammeDocument
from tests.e2e.test_accessibility import report, walk
from tests.e2e.world import Page

pytestmark = pytest.mark.browser

TEXT = (
    "Politie\n\n"
    "In 2024 richt de Inspectie zich op de volgende onderwerpen:\n\n"
    "  • Het toezicht op de meldkamers van de politie.\n"
    "  • Het politieonderwijs.\n\n"
    "Migratie\n\n"
    "De Inspectie publiceert medio 2024 een rapport over de opvang van asielzoekers. "
    "De opvang staat al jaren onder druk.\n"
)
MISSED = "De Inspectie bezoekt daarnaast in het najaar van 2024 drie opvanglocaties."


def run_queued_tasks():
    """What `manage.py db_worker --batch` does, in this process: run every queued task, then return."""
    from django_tasks_db.management.commands.db_worker import Worker

    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="e2e",
        excluded_queue_names=[],
    ).run()


def upload(page):
    page.goto("/import/programme/")
    page.locator("main select[name=programme]").select_option("2024")
    page.get_by_label("Het werkprogramma (PDF of tekst)").set_input_files(
        {"name": "werkprogramma-2024.txt", "mimeType": "text/plain", "buffer": TEXT.encode()}
    )
    page.locator("main").get_by_role("button", name="Inlezen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Werkprogramma wordt gelezen")
    expect(page.get_by_label("Pagina’s gelezen")).to_be_visible()


def wait_for_candidates(page):
    # progress.js asks status.json every second and opens the candidates when the reading is done
    expect(page.get_by_role("heading", level=1)).to_have_text("Kandidaten: werkprogramma-2024.txt", timeout=15_000)


def curate(page):
    meldkamers = page.locator("fieldset.candidate", has_text="Het toezicht op de meldkamers van de politie.")
    onderwijs = page.locator("fieldset.candidate", has_text="Het politieonderwijs.")
    opvang = page.locator("fieldset.candidate", has_text="een rapport over de opvang van asielzoekers")
    title = meldkamers.get_by_label("Titel")
    title.fill("Toezicht op de meldkamers van de politie")
    meldkamers.get_by_label("Bewaren").check()
    opvang.get_by_label("Bewaren").check()
    onderwijs.get_by_label("Verwerpen").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Opgeslagen.")).to_be_visible()
    expect(page.locator("main .lead")).to_contain_text("2 bewaard, 1 verworpen")
    # an intention the reading did not offer, pasted from the document
    adding = page.locator("#toevoegen")
    adding.get_by_label("Tekst uit het document").fill(MISSED)
    adding.get_by_label("Sectie").select_option("Migratie")
    adding.get_by_role("button", name="Toevoegen als bewaarde kandidaat").click()
    expect(page.get_by_text("De kandidaat is toegevoegd en bewaard.")).to_be_visible()
    expect(page.locator("main .lead")).to_contain_text("3 bewaard, 1 verworpen")
    page.get_by_role("button", name="Proefimport van de bewaarde").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Proefimport: werkprogramma-2024.txt")
    expect(page.locator("main .lead")).to_contain_text("3 nieuw")
    page.get_by_role("button", name="Importeren").click()
    expect(page.get_by_text("3 voornemens uit werkprogramma-2024.txt zijn in het register opgenomen.")).to_be_visible()
    expect(page.get_by_role("cell", name="Toezicht op de meldkamers van de politie")).to_be_visible()


def test_a_beheerder_uploads_curates_and_imports_a_programme(open_tab, programme, politie, migratie, erin):
    before = Commitment.objects.count()
    tab = open_tab(erin)
    tab.do(upload)
    document = ProgrammeDocument.objects.get()
    assert document.state == ProgrammeDocument.State.QUEUED  # the request only queued it

    run_queued_tasks()
    tab.do(wait_for_candidates)
    assert Commitment.objects.count() == before  # candidates, not commitments
    assert Candidate.objects.filter(document=document).count() == 3

    tab.do(curate)
    document.refresh_from_db()
    assert document.state == ProgrammeDocument.State.IMPORTED
    assert Commitment.objects.count() == before + 3
    assert Commitment.objects.filter(statement=MISSED, domain=migratie).exists()
    assert Commitment.objects.filter(title="Toezicht op de meldkamers van de politie", domain=politie).exists()
    assert Commitment.objects.filter(domain=migratie, statement__contains="opvang van asielzoekers").exists()
    assert not Commitment.objects.filter(statement="Het politieonderwijs.").exists()


def test_the_intake_pages_meet_wcag(open_tab, programme, erin):
    """axe (0 violations), structure, keyboard and narrow width, as tests/e2e/test_accessibility.py checks every
    other page: the upload (and its refusal), a reading in progress, one that failed, the candidates, and the
    dry run's report, the candidates refused for a missing title, and a document imported."""
    from intake import tasks

    def document(name, state=None):
        made = ProgrammeDocument.objects.create(
            owner=erin, programme=programme, filename=name, kind="text", data=TEXT.encode()
        )
        tasks.start_reading(made)
        if state == "failed":
            ProgrammeDocument.objects.filter(pk=made.pk).update(state=state, error="Het bestand is leeg.")
        elif state == "reading":
            ProgrammeDocument.objects.filter(pk=made.pk).update(state=state, pages_read=3, pages_total=10)
        return made

    reading = document("gelezen.txt", "reading")
    failed = document("kapot.txt", "failed")
    ready = document("klaar.txt")
    tasks.read_document(ready.pk, ProgrammeDocument.objects.get(pk=ready.pk).attempt)
    ready.candidates.update(decision=Candidate.Decision.KEEP)
    imported = document("klaar-en-binnen.txt")
    ProgrammeDocument.objects.filter(pk=imported.pk).update(state="imported")
    targets = [
        Page("upload", "/import/programme/"),
        Page("upload-errors", "/import/programme/", {"file": ("leeg.txt", b"")}, status=400),
        Page("progress", f"/import/programme/{reading.pk}/"),
        Page("failed", f"/import/programme/{failed.pk}/"),
        Page("candidates", f"/import/programme/{ready.pk}/"),
        Page("dry-run", f"/import/programme/{ready.pk}/", {"action": "dry-run"}),
        Page("candidates-errors", f"/import/programme/{ready.pk}/", {"form-0-title": ""}, status=400),
        Page("candidates-add-errors", f"/import/programme/{ready.pk}/", {"action": "add"}, status=400),
        Page("imported", f"/import/programme/{imported.pk}/"),
    ]

    targets += year_file_pages(erin, programme)

    problems = open_tab(erin).do(walk("beheerder", targets))

    assert not problems, "\n" + report(problems)


def year_file_pages(owner, programme):
    """The page of a large selection's PDF being made, and of one ready (intake/year_files.py)."""
    import datetime

    from django.utils import timezone

    from intake.models import YearFile

    def made(state, file_format):
        return YearFile.objects.create(
            owner=owner,
            programme=programme,
            file_format=file_format,
            state=state,
            commitments=1200,
            filename=f"jaaroverzicht-{programme.year}.{file_format}",
            content=b"%PDF" if state == "ready" else b"",
            expires_at=timezone.now() + datetime.timedelta(days=1),
        )

    return [
        Page("year-file-making", f"/overview/files/{made('making', 'pdf').pk}/"),
        Page("year-file-ready", f"/overview/files/{made('ready', 'docx').pk}/"),
    ]
