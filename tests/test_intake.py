"""Curating a programme document in the app (issue 15): upload, background reading, candidates kept or
discarded, merged and split, and the kept ones imported through the register's own import path."""

import io
from pathlib import Path

import pytest
import weasyprint
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from commitments.models import Commitment
from intake import curation, tasks
from intake.models import Candidate, ProgrammeDocument

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "seeds" / "werkprogramma-2024-extract-a.txt"
TEXT = (
    "Politie\n\nIn 2024 richt de Inspectie zich op de volgende onderwerpen:\n\n"
    "  • Het toezicht op de meldkamers van de politie.\n  • Het politieonderwijs.\n\n"
    "Migratie\n\nDe Inspectie publiceert medio 2024 een rapport over de opvang van asielzoekers. "
    "De opvang staat al jaren onder druk.\n"
)


def pdf_bytes(html):
    return weasyprint.HTML(string=html).write_pdf()


def upload(client, user, name, data, programme=2024):
    client.force_login(user)
    return client.post(reverse("intake-upload"), {"programme": programme, "file": SimpleUploadedFile(name, data)})


def read(document):
    document.refresh_from_db()
    assert tasks.read_document(document.pk, document.attempt) == "ready"
    document.refresh_from_db()
    return document


@pytest.fixture
def document(client, erin):
    response = upload(client, erin, "wp.txt", TEXT.encode())
    assert response.status_code == 302
    return read(ProgrammeDocument.objects.get())


def test_an_upload_is_read_in_the_background_not_in_the_request(client, erin):
    from django_tasks_db.models import DBTaskResult

    response = upload(client, erin, "wp.txt", TEXT.encode())
    document = ProgrammeDocument.objects.get()
    assert response.url == reverse("intake-document", args=[document.pk])
    assert document.state == ProgrammeDocument.State.QUEUED and not document.candidates.exists()
    assert DBTaskResult.objects.filter(task_path="intake.tasks.read_programme").count() == 1
    page = client.get(response.url)
    assert page.status_code == 200 and page["Refresh"] == "5"
    assert b"<progress" in page.content and b"intake/progress" in page.content


def test_the_candidates_come_with_their_sentence_page_section_and_guesses(document):
    found = {c.statement: c for c in document.candidates.all()}
    item = found["Het toezicht op de meldkamers van de politie."]
    assert (item.section, item.domain, item.page) == ("Politie", "politie", "1")
    report = found["De Inspectie publiceert medio 2024 een rapport over de opvang van asielzoekers."]
    assert (report.domain, report.kind, report.due_date.isoformat()) == ("migratie", "publication", "2024-07-31")
    assert report.source == report.statement


def test_the_status_answers_pages_read(client, document):
    data = client.get(reverse("intake-status", args=[document.pk])).json()
    assert data == {"state": "ready", "pages_read": 1, "pages_total": 1, "percent": 100}


def test_the_work_is_the_owners_own(client, document, alice, erin):
    client.force_login(alice)
    assert client.get(reverse("intake-document", args=[document.pk])).status_code == 404
    assert client.get(reverse("intake-status", args=[document.pk])).status_code == 404


def test_it_requires_a_staff_member_or_beheerder(client, bob):
    client.force_login(bob)
    assert client.get(reverse("intake-upload")).status_code == 403


def formset_data(document, per_candidate=None):
    per_candidate = per_candidate or {}
    data = {
        "form-TOTAL_FORMS": document.candidates.count(),
        "form-INITIAL_FORMS": document.candidates.count(),
    }
    for index, candidate in enumerate(document.candidates.order_by("position")):
        values = {
            "id": candidate.pk,
            "title": candidate.title,
            "statement": candidate.statement,
            "domain": candidate.domain,
            "kind": candidate.kind,
            "due_date": candidate.due_date.isoformat(),
            "decision": candidate.decision,
        }
        values.update(per_candidate.get(candidate.pk, {}))
        data.update({f"form-{index}-{name}": value for name, value in values.items()})
    return data


def test_edit_keep_discard_dry_run_and_import_all_or_nothing(client, document, erin):
    client.force_login(erin)
    url = reverse("intake-document", args=[document.pk])
    first, second, third = document.candidates.order_by("position")
    data = formset_data(
        document,
        {
            first.pk: {"decision": "keep", "title": "Meldkamers politie"},
            second.pk: {"decision": "discard"},
            third.pk: {"decision": "keep"},
        },
    )
    assert client.post(url, data).status_code == 302
    assert not Commitment.objects.filter(title="Meldkamers politie").exists()  # nothing reaches the register yet
    report = client.post(url, {**data, "action": "dry-run"})
    assert report.status_code == 200 and b"2 nieuw" in report.content
    assert Commitment.objects.count() == 0 or not Commitment.objects.filter(title="Meldkamers politie").exists()
    response = client.post(reverse("intake-import", args=[document.pk]))
    assert response.status_code == 302 and response.url.startswith(reverse("register"))
    created = Commitment.objects.get(title="Meldkamers politie")
    assert (created.source_location, created.domain.slug, created.status) == ("p. 1", "politie", "planned")
    assert Commitment.objects.filter(statement=third.statement).exists()
    assert not Commitment.objects.filter(statement=second.statement).exists()
    document.refresh_from_db()
    assert document.state == ProgrammeDocument.State.IMPORTED
    again = client.post(reverse("intake-import", args=[document.pk]))
    assert again.status_code == 302 and Commitment.objects.filter(title="Meldkamers politie").count() == 1


def test_an_import_that_fails_writes_nothing(document, erin, monkeypatch):
    document.candidates.update(decision="keep")
    before = Commitment.objects.count()

    def broken(*args, **kwargs):
        raise RuntimeError("connection lost")

    monkeypatch.setattr("commitments.workflow.create_commitments", broken)
    with pytest.raises(RuntimeError):
        curation.apply(document, by=erin)
    document.refresh_from_db()
    assert Commitment.objects.count() == before and document.state == ProgrammeDocument.State.READY


def test_a_whole_section_is_kept_at_once(client, document, erin):
    client.force_login(erin)
    data = {**formset_data(document), "action": "keep-section:Politie"}
    client.post(reverse("intake-document", args=[document.pk]), data)
    decisions = {c.section: c.decision for c in document.candidates.all()}
    assert decisions == {"Politie": "keep", "Migratie": ""}


def test_two_candidates_merge_and_one_splits(client, document, erin):
    client.force_login(erin)
    url = reverse("intake-document", args=[document.pk])
    first, second, third = document.candidates.order_by("position")
    client.post(url, {**formset_data(document), "action": "merge", "select": [first.pk, second.pk]})
    merged = document.candidates.get(pk=first.pk)
    assert merged.statement == f"{first.statement} {second.statement}"
    assert not Candidate.objects.filter(pk=second.pk).exists()
    client.post(url, {**formset_data(document), "action": f"split:{first.pk}"})
    assert list(document.candidates.order_by("position").values_list("statement", flat=True)) == [
        first.statement,
        second.statement,
        third.statement,
    ]


def test_a_staff_member_imports_only_their_own_domains(client, document, alice):
    document.owner = alice
    document.save()
    document.candidates.update(decision="keep")
    assert not curation.may_import(alice, document)  # one is migratie
    document.candidates.exclude(domain="politie").update(decision="discard")
    assert curation.may_import(alice, document)


def test_a_worker_killed_halfway_leaves_nothing_and_the_reading_starts_again(erin, programme):
    html = "".join(
        f"<p style='break-after: page'>De Inspectie onderzoekt in 2024 de meldkamers van regio {n}.</p>"
        for n in range(1, 6)
    )
    document = ProgrammeDocument.objects.create(
        owner=erin, programme=programme, filename="wp.pdf", kind="pdf", data=pdf_bytes(html)
    )
    tasks.start_reading(document)
    document.refresh_from_db()

    def killed(number, total):
        if number == 3:
            raise SystemExit("worker killed")

    with pytest.raises(SystemExit):
        tasks.read_document(document.pk, document.attempt, on_page=killed)
    document.refresh_from_db()
    assert (document.state, document.pages_read, document.candidates.count()) == ("reading", 3, 0)
    tasks.start_reading(document)  # "Opnieuw lezen"
    document.refresh_from_db()
    stale = document.attempt - 1
    assert tasks.read_document(document.pk, stale) == "superseded"
    assert tasks.read_document(document.pk, document.attempt) == "ready"
    document.refresh_from_db()
    assert document.pages_read == document.pages_total == 5 and document.candidates.count() == 5


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("wp.docx", b"PK\x03\x04" + bytes(range(256)) * 4, "geen PDF en geen tekstbestand"),
        ("wp.txt", "Oekraïense ontheemden".encode("cp1252"), "geen PDF en geen tekstbestand"),
        ("wp.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage", "beschadigd"),
        ("wp.txt", b"", "leeg"),
    ],
)
def test_bad_files_get_a_clear_message(client, erin, name, data, message):
    response = upload(client, erin, name, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ProgrammeDocument.objects.exists()


def test_an_encrypted_pdf_is_refused(client, erin, tmp_path):
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(pdf_bytes("<p>De Inspectie onderzoekt in 2024 veel.</p>")))
    writer.encrypt("geheim")
    encrypted = io.BytesIO()
    writer.write(encrypted)
    response = upload(client, erin, "wp.pdf", encrypted.getvalue())
    assert response.status_code == 400 and "beveiligd" in response.content.decode()


def test_a_scan_without_text_fails_with_its_message(client, erin):
    scan = pdf_bytes("<div style='width: 10cm; height: 10cm; background: #888'></div>")
    response = upload(client, erin, "scan.pdf", scan)
    document = ProgrammeDocument.objects.get()
    document.refresh_from_db()
    assert tasks.read_document(document.pk, document.attempt) == "failed"
    page = client.get(response.url)
    assert "het lijkt een scan" in page.content.decode() and not document.candidates.exists()


def test_the_seed_pages_read_through_the_app(erin, programme):
    document = ProgrammeDocument.objects.create(
        owner=erin, programme=programme, filename="wp2024.txt", kind="text", data=SEED.read_bytes()
    )
    assert tasks.read_document(document.pk, document.attempt) == "ready"
    assert document.candidates.count() >= 30


def test_an_intention_the_reading_missed_is_added_kept_under_its_section_with_its_guesses(client, document, erin):
    client.force_login(erin)
    url = reverse("intake-document", args=[document.pk])
    politie = list(document.candidates.filter(section="Politie").order_by("position").values_list("pk", flat=True))
    migratie = document.candidates.get(section="Migratie")
    statement = "Eind 2024 rondt de Inspectie haar onderzoek naar de terugkeer van vreemdelingen af."
    data = formset_data(document, {migratie.pk: {"title": "Opvang asielzoekers"}})
    data.update({"action": "add", "add-statement": f"  {statement} ", "add-page": "3", "add-section": "Politie"})
    response = client.post(url, data)
    added = document.candidates.get(statement=statement)
    assert response.status_code == 302 and response.url.endswith(f"#kandidaat-{added.pk}")
    assert (added.decision, added.section, added.page, added.source) == ("keep", "Politie", "3", statement)
    assert (added.domain, added.due_date.isoformat()) == ("migratie", "2024-12-31")  # guessed as the rules guess
    # after the last of its section, before the next section, and the edit posted with it saved
    order = list(document.candidates.order_by("position").values_list("pk", flat=True))
    assert order == [*politie, added.pk, migratie.pk]
    assert document.candidates.get(pk=migratie.pk).title == "Opvang asielzoekers"
    assert curation.plan(document).counts()["created"] == 1  # it takes the import path as any kept candidate


def test_an_empty_addition_is_refused_with_its_message_and_changes_nothing(client, document, erin):
    client.force_login(erin)
    before = list(document.candidates.values_list("pk", "title", "position"))
    first = document.candidates.order_by("position").first()
    data = {**formset_data(document, {first.pk: {"title": "Niet opgeslagen"}}), "action": "add", "add-statement": " "}
    response = client.post(reverse("intake-document", args=[document.pk]), data)
    assert response.status_code == 400
    assert "Toevoegen — Tekst uit het document: Dit veld is verplicht." in response.content.decode()
    assert list(document.candidates.values_list("pk", "title", "position")) == before


def test_an_addition_that_fails_saves_neither_it_nor_the_edits_posted_with_it(client, document, erin, monkeypatch):
    client.force_login(erin)
    first = document.candidates.order_by("position").first()

    def broken(*args, **kwargs):
        raise RuntimeError("connection lost")

    monkeypatch.setattr(curation, "add", broken)
    data = {**formset_data(document, {first.pk: {"title": "Niet opgeslagen"}}), "action": "add", "add-statement": "x"}
    with pytest.raises(RuntimeError):
        client.post(reverse("intake-document", args=[document.pk]), data)
    assert document.candidates.get(pk=first.pk).title == first.title
