"""The import page /import/: beheerder only; upload, dry-run report, apply."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from commitments import permissions, workflow
from commitments.forms import ImportForm
from commitments.models import Commitment, PendingImport, WorkProgramme
from tests.conftest import make_commitments, make_user
from tests.test_import import NEW_ROW, csv_file, record, written


def upload(client, data, name="voornemens.csv", **fields):
    return client.post("/import/", {"file": SimpleUploadedFile(name, data), **fields})


@pytest.fixture
def stored(programme, politie, alice):
    return make_commitments(2, programme=programme, domain=politie, by=alice)


@pytest.mark.parametrize("persona", ["alice", "bob", "carol", "dave", "nobody"])
def test_only_a_beheerder_may_import(client_for, request, persona, reference_data):
    client = client_for(request.getfixturevalue(persona))
    assert client.get("/import/").status_code == 403
    assert upload(client, csv_file(NEW_ROW)).status_code == 403
    assert client.post("/import/", {"token": "x"}).status_code == 403
    assert Commitment.objects.count() == 0


def test_an_anonymous_visitor_is_sent_to_the_login_page(client, reference_data):
    response = client.get("/import/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_the_page_offers_an_upload_and_explains_the_format(client_for, erin):
    response = client_for(erin).get("/import/")
    assert response.status_code == 200
    assert b'type="file"' in response.content and b"Proefimport" in response.content
    assert b"reference, programme, title, statement" in response.content


def test_the_dry_run_reports_each_row_and_writes_nothing(client_for, erin, alice, stored):
    before = written()
    response = upload(client_for(erin), csv_file(record(stored[0], title="Nieuwe titel"), record(stored[1]), NEW_ROW))

    assert response.status_code == 200
    page = response.content.decode()
    assert "1 nieuw, 1 gewijzigd, 1 ongewijzigd, 0 met fouten." in page
    assert "WP2024-003" in page and "(verwacht)" in page
    assert "Voornemen 0" in page and "Nieuwe titel" in page
    assert 'name="token"' in page
    assert written() == before


def test_applying_writes_the_changes_with_the_beheerder_in_the_history(client_for, erin, alice, stored):
    client = client_for(erin)
    token = upload(client, csv_file(record(stored[0], title="Nieuwe titel"), NEW_ROW)).context["token"]

    response = client.post("/import/", {"token": token})

    assert response.status_code == 302 and response["Location"] == "/commitments/?programme=2024"
    stored[0].refresh_from_db()
    assert stored[0].title == "Nieuwe titel"
    assert LogEntry.objects.get_for_object(stored[0]).latest("timestamp").actor == erin
    assert Commitment.objects.get(reference="WP2024-003").title == NEW_ROW["title"]
    assert not PendingImport.objects.exists()
    message = client.get(response["Location"]).content.decode()
    assert "voornemens.csv is geïmporteerd: 1 nieuw, 1 gewijzigd, 0 ongewijzigd." in message


def test_applying_twice_does_not_import_twice(client_for, erin, alice, stored):
    client = client_for(erin)
    token = upload(client, csv_file(NEW_ROW)).context["token"]
    client.post("/import/", {"token": token})
    response = client.post("/import/", {"token": token}, follow=True)
    assert "verlopen of al uitgevoerd" in response.content.decode()
    assert Commitment.objects.count() == 3


def test_applying_with_a_forged_token_writes_nothing(client_for, erin, alice, stored):
    client = client_for(erin)
    upload(client, csv_file(NEW_ROW))
    before = written()
    client.post("/import/", {"token": "geraden"})
    assert written() == before


def test_applying_validates_again_against_the_register_as_it_is_then(client_for, erin, alice, bob, stored):
    client = client_for(erin)
    token = upload(client, csv_file(record(stored[0], title="Nieuwe titel"), NEW_ROW)).context["token"]
    # Between the dry run and "apply", the commitment is decided: it is read-only now.
    workflow.start(stored[0], by=alice)
    workflow.submit(stored[0], by=alice, proposed_verdict="dropped", explanation="Niet meer nodig.")
    workflow.review(
        stored[0],
        by=bob,
        decision="approve",
        verdict="dropped",
        annual_report_reference="Jaarbericht 2024, p. 14",
        drop_kind="during_year",
    )
    before = written()

    response = client.post("/import/", {"token": token})

    assert response.status_code == 400
    assert "alleen-lezen" in response.content.decode()
    assert written() == before


def test_a_file_with_errors_shows_each_line_with_what_to_fix_and_no_apply_button(client_for, erin, alice, stored):
    response = upload(client_for(erin), csv_file(NEW_ROW, {**NEW_ROW, "statement": "Twee.", "domain": "ruimtevaart"}))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Er is niets opgeslagen" in page
    assert "<td>3</td>" in page and "Onbekend toezichtgebied ‘ruimtevaart’" in page
    assert 'name="token"' not in page
    assert not PendingImport.objects.exists()


def test_a_file_that_cannot_be_read_is_refused_with_its_reason(client_for, erin, reference_data):
    response = upload(client_for(erin), "tekst".encode("utf-16"), name="export.txt")
    assert response.status_code == 400
    assert "export.txt" in response.content.decode() and "UTF-8" in response.content.decode()


def test_an_empty_file_is_refused_by_name(client_for, erin, reference_data):
    response = upload(client_for(erin), b"", name="leeg.csv")
    assert "Het bestand leeg.csv is leeg." in response.content.decode()


def test_the_programme_chosen_on_the_page_refuses_rows_of_another(client_for, erin, alice, stored):
    WorkProgramme.objects.create(year=2025, title="Werkprogramma 2025")
    response = upload(client_for(erin), csv_file(NEW_ROW), programme="2025")
    assert (
        "Deze regel hoort bij werkprogramma 2024, maar u importeert in werkprogramma 2025." in response.content.decode()
    )


def test_a_file_without_changes_offers_nothing_to_apply(client_for, erin, stored):
    response = upload(client_for(erin), csv_file(*(record(c) for c in stored)))
    page = response.content.decode()
    assert "Er is niets te importeren" in page and 'name="token"' not in page


def test_a_file_over_the_limit_is_refused_before_it_is_read(client_for, erin, reference_data, monkeypatch):
    monkeypatch.setattr(ImportForm, "MAX_BYTES", 10)
    response = upload(client_for(erin), csv_file(NEW_ROW))
    assert response.status_code == 400 and "groter dan 5 MB" in response.content.decode()


def test_the_dry_run_page_costs_the_same_number_of_queries_for_10_and_100_rows(client_for, erin, alice, stored):
    client = client_for(erin)

    def queries_for(n):
        rows = [{**NEW_ROW, "statement": f"Voornemen {i}."} for i in range(n)] + [record(c) for c in stored]
        with CaptureQueriesContext(connection) as context:
            response = upload(client, csv_file(*rows))
        assert response.status_code == 200
        return len(context.captured_queries)

    assert queries_for(10) == queries_for(100)


def test_the_uploaded_file_waits_in_the_database_for_its_owner_alone_not_in_the_session(
    client_for, client, erin, alice, stored
):
    token = upload(client_for(erin), csv_file(NEW_ROW)).context["token"]
    # The session holds the login and its times, nothing of the file (raw or base64).
    assert all(len(str(value)) < 200 for value in client.session.values())
    assert PendingImport.objects.get(token=token).owner == erin

    other = make_user("frits", [permissions.BEHEERDER])
    client_for(other).post("/import/", {"token": token})
    assert Commitment.objects.count() == 2
    assert PendingImport.objects.filter(token=token).exists()


def test_a_dry_run_older_than_an_hour_has_expired(client_for, erin, alice, stored):
    client = client_for(erin)
    token = upload(client, csv_file(NEW_ROW)).context["token"]
    PendingImport.objects.update(created_at=timezone.now() - datetime.timedelta(hours=2))
    response = client.post("/import/", {"token": token}, follow=True)
    assert "verlopen of al uitgevoerd" in response.content.decode()
    assert Commitment.objects.count() == 2
