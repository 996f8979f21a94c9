"""Create, edit (optimistic locking), evidence, notes and the detail page with its history."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.db.models.signals import post_init

from commitments import workflow
from commitments.models import Commitment, EvidenceLink, Note
from tests.conftest import count_queries, edit_form_data


def test_creating_a_commitment_gives_it_the_next_reference(client_for, alice, programme, politie):
    response = client_for(alice).post(
        "/commitments/new/",
        {
            "programme": programme.pk,
            "title": "Toezicht openbare orde",
            "statement": "In 2024 richt de Inspectie zich op de handhaving van de openbare orde.",
            "kind": "supervision",
            "domain": politie.pk,
            "owner": alice.pk,
        },
    )
    commitment = Commitment.objects.get()
    assert response.status_code == 302 and response["Location"] == "/commitments/WP2024-001/"
    assert (commitment.reference, commitment.status, commitment.due_date) == (
        "WP2024-001",
        "planned",
        datetime.date(2024, 12, 31),
    )


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "", "Dit veld is verplicht."),
        ("title", "x" * 201, "niet meer dan 200 tekens"),
        ("statement", "", "Dit veld is verplicht."),
        ("due_date", "31-12-2024x", "Voer een geldige datum in."),
        ("kind", "wish", "Selecteer een geldige keuze"),
    ],
)
def test_bad_input_on_create_gets_a_form_error_and_writes_nothing(
    client_for, alice, programme, politie, field, value, message
):
    data = {"programme": programme.pk, "title": "T", "statement": "S", "kind": "other", "domain": politie.pk}
    data[field] = value
    response = client_for(alice).post("/commitments/new/", data)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not Commitment.objects.exists()


def test_staff_cannot_create_in_a_domain_they_do_not_work_in(client_for, dave, programme, politie):
    data = {"programme": programme.pk, "title": "T", "statement": "S", "kind": "other", "domain": politie.pk}
    response = client_for(dave).post("/commitments/new/", data)
    assert "domain" in response.context["form"].errors
    assert not Commitment.objects.exists()


def test_an_owner_must_be_a_member_of_the_domain(client_for, alice, dave, commitment):
    response = client_for(alice).post(
        commitment.get_absolute_url() + "edit/", edit_form_data(commitment, owner=dave.pk)
    )
    assert "owner" in response.context["form"].errors
    commitment.refresh_from_db()
    assert commitment.owner == alice


def test_the_owner_choice_shows_the_username(client_for, alice, commitment):
    response = client_for(alice).get(commitment.get_absolute_url() + "edit/")
    assert "Alice de Vries (alice)" in response.content.decode()


def test_an_edit_saves_and_raises_the_version(client_for, alice, commitment):
    response = client_for(alice).post(
        commitment.get_absolute_url() + "edit/", edit_form_data(commitment, title="Nieuw")
    )
    assert response.status_code == 302
    commitment.refresh_from_db()
    assert (commitment.title, commitment.version) == ("Nieuw", 2)


def test_a_stale_edit_is_refused_shows_what_changed_and_overwrites_nothing(client_for, alice, commitment):
    stale_form = edit_form_data(commitment, title="Mijn titel")
    workflow.update_commitment(commitment, by=alice, version=1, changes={"title": "Titel van een collega"})

    response = client_for(alice).post(commitment.get_absolute_url() + "edit/", stale_form)

    assert response.status_code == 409
    page = response.content.decode()
    assert "Iemand anders heeft dit voornemen intussen gewijzigd" in page
    assert "Titel van een collega" in page and "Mijn titel" in page
    assert '<p class="lead">Titel van een collega</p>' in page  # what is saved, above the form that holds the rest
    commitment.refresh_from_db()
    assert (commitment.title, commitment.version) == ("Titel van een collega", 2)


def test_a_refused_edit_names_the_commitment_by_its_saved_title(client_for, alice, commitment):
    response = client_for(alice).post(
        commitment.get_absolute_url() + "edit/", edit_form_data(commitment, title="Nieuwe titel", due_date="nooit")
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert '<p class="lead">Publicatie onderzoek PO21</p>' in page
    assert 'value="Nieuwe titel"' in page  # what was typed stays in the form


def test_after_a_conflict_saving_again_keeps_the_users_input(client_for, alice, commitment):
    client = client_for(alice)
    stale_form = edit_form_data(commitment, title="Mijn titel")
    workflow.update_commitment(commitment, by=alice, version=1, changes={"title": "Titel van een collega"})
    conflict = client.post(commitment.get_absolute_url() + "edit/", stale_form)
    retry = client.post(commitment.get_absolute_url() + "edit/", {**stale_form, "version": conflict.context["version"]})
    assert retry.status_code == 302
    commitment.refresh_from_db()
    assert commitment.title == "Mijn titel"


def test_an_edit_without_a_version_is_treated_as_stale(client_for, alice, commitment):
    data = edit_form_data(commitment, title="Zonder versie")
    del data["version"]
    assert client_for(alice).post(commitment.get_absolute_url() + "edit/", data).status_code == 409
    commitment.refresh_from_db()
    assert commitment.title != "Zonder versie"


def test_a_new_due_date_needs_a_reason_and_shows_in_the_history(client_for, alice, commitment):
    client = client_for(alice)
    without = client.post(commitment.get_absolute_url() + "edit/", edit_form_data(commitment, due_date="2025-03-01"))
    assert "due_date_reason" in without.context["form"].errors
    commitment.refresh_from_db()
    assert commitment.due_date == datetime.date(2024, 12, 31)

    client.post(
        commitment.get_absolute_url() + "edit/",
        edit_form_data(commitment, due_date="2025-03-01", due_date_reason="Het rapport verschijnt later."),
    )
    commitment.refresh_from_db()
    assert commitment.due_date == datetime.date(2025, 3, 1)
    page = client.get(commitment.get_absolute_url()).content.decode()
    assert "Het rapport verschijnt later." in page
    assert "2025-03-01" in page


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "ftp://example.org/x",
        "file:///etc/passwd",
        "//example.org/x",
        "localhost:evil",
        "http://",
    ],
)
def test_evidence_other_than_a_web_link_is_refused(client_for, alice, commitment, url):
    response = client_for(alice).post(
        commitment.get_absolute_url() + "evidence/new/", {"url": url, "title": "Rapport", "kind": "report"}
    )
    assert response.status_code == 200
    assert "url" in response.context["form"].errors
    assert not EvidenceLink.objects.exists()


@pytest.mark.parametrize(
    "typed, stored",
    [("www.x.nl/y", "https://www.x.nl/y"), ("example.org/rapport?jaar=2024", "https://example.org/rapport?jaar=2024")],
)
def test_evidence_typed_without_a_scheme_gets_https(client_for, alice, commitment, typed, stored):
    response = client_for(alice).post(
        commitment.get_absolute_url() + "evidence/new/", {"url": typed, "title": "Rapport", "kind": "report"}
    )
    assert response.status_code == 302
    assert EvidenceLink.objects.get().url == stored


def test_evidence_is_added_and_shown_as_a_link(client_for, alice, commitment):
    client = client_for(alice)
    response = client.post(
        commitment.get_absolute_url() + "evidence/new/",
        {
            "url": "https://www.inspectie-jenv.nl/rapport",
            "title": "Het rapport",
            "kind": "report",
            "published_on": "2024-06-01",
        },
    )
    assert response.status_code == 302
    page = client.get(commitment.get_absolute_url()).content.decode()
    assert '<a href="https://www.inspectie-jenv.nl/rapport" rel="noopener noreferrer">Het rapport</a>' in page


def test_a_link_with_another_scheme_is_never_offered_as_a_link():
    # The database refuses such a URL (test_models); the template only ever renders safe_url, as a second guard.
    assert EvidenceLink(url="javascript:alert(1)//http://x").safe_url == ""
    assert EvidenceLink(url="HTTPS://example.org/x").safe_url == "HTTPS://example.org/x"


def test_evidence_can_be_removed_and_its_story_stays_in_the_timeline(client_for, alice, commitment):
    evidence = workflow.add_evidence(
        commitment, by=alice, url="https://example.org/r", title="Weg ermee", kind="report"
    )
    client = client_for(alice)
    response = client.post(f"{commitment.get_absolute_url()}evidence/{evidence.pk}/delete/")
    assert response.status_code == 302
    assert not EvidenceLink.objects.exists()
    page = client.get(commitment.get_absolute_url()).content.decode()
    assert "Bewijs verwijderd" in page and "Weg ermee" in page


def test_removing_evidence_asks_to_confirm_and_the_removal_stays_in_the_timeline(client_for, alice, commitment):
    evidence = workflow.add_evidence(commitment, by=alice, url="https://example.org/r", title="Weg", kind="report")
    client = client_for(alice)
    address = f"{commitment.get_absolute_url()}evidence/{evidence.pk}/delete/"

    confirmation = client.get(address)
    assert confirmation.status_code == 200 and "Wilt u het bewijs ‘Weg’ verwijderen?" in confirmation.content.decode()
    assert commitment.evidence.count() == 1

    assert client.post(address).status_code == 302
    assert commitment.evidence.count() == 0
    page = " ".join(client.get(commitment.get_absolute_url()).content.decode().split())
    assert "Bewijs verwijderd" in page and "Weg" in page and "Alice de Vries" in page


def test_the_detail_page_reads_no_more_of_the_audit_log_however_many_deletions_it_holds(
    client_for, alice, commitment, programme, politie
):
    """The evidence since removed is found by an index, not by reading every deletion in the log (issue 16)."""
    removed = workflow.add_evidence(commitment, by=alice, url="https://example.org/r", title="Weg", kind="report")
    workflow.remove_evidence(removed, by=alice)
    client = client_for(alice)

    def audit_rows_and_queries():
        rows = []

        def read(sender, instance, **kwargs):
            rows.append(instance)

        post_init.connect(read, sender=LogEntry)
        try:
            queries = count_queries(lambda: client.get(commitment.get_absolute_url()))
        finally:
            post_init.disconnect(read, sender=LogEntry)
        return len(rows), queries

    before = audit_rows_and_queries()
    other = workflow.create_commitment(
        by=alice, programme=programme, title="Ander", statement="Iets anders.", kind="publication", domain=politie
    )
    for number in range(25):
        evidence = workflow.add_evidence(other, by=alice, url=f"https://example.org/{number}", title="x", kind="report")
        workflow.remove_evidence(evidence, by=alice)

    assert audit_rows_and_queries() == before
    page = " ".join(client.get(commitment.get_absolute_url()).content.decode().split())
    assert "Bewijs toegevoegd" in page and "Bewijs verwijderd" in page


def test_a_note_is_added_and_shown_escaped(client_for, alice, commitment):
    client = client_for(alice)
    client.post(commitment.get_absolute_url() + "notes/new/", {"text": "<script>alert('x')</script> Let op"})
    assert Note.objects.get().text.endswith("Let op")
    page = client.get(commitment.get_absolute_url()).content.decode()
    assert "<script>alert" not in page and "&lt;script&gt;" in page


def test_an_empty_note_is_refused(client_for, alice, commitment):
    client_for(alice).post(commitment.get_absolute_url() + "notes/new/", {"text": "   "})
    assert not Note.objects.exists()


def test_the_detail_page_shows_who_changed_what_when_with_old_and_new_values(client_for, alice, commitment):
    workflow.update_commitment(commitment, by=alice, version=1, changes={"title": "Een betere titel"})
    page = client_for(alice).get(commitment.get_absolute_url()).content.decode()
    assert "Gewijzigd" in page and "Alice de Vries (alice)" in page
    assert "Publicatie onderzoek PO21" in page and "Een betere titel" in page


def test_an_unknown_reference_is_a_404(client_for, alice, reference_data):
    client = client_for(alice)
    for path in ("", "edit/", "evidence/new/"):
        assert client.get(f"/commitments/WP1999-999/{path}").status_code == 404


def test_the_detail_page_costs_the_same_number_of_queries_with_more_history(client_for, alice, commitment):
    from tests.conftest import count_queries

    client = client_for(alice)
    workflow.add_evidence(commitment, by=alice, url="https://example.org/1", title="Eén", kind="report")
    workflow.add_note(commitment, by=alice, text="Eerste notitie")
    before = count_queries(lambda: client.get(commitment.get_absolute_url()))
    for i in range(5):
        workflow.add_evidence(commitment, by=alice, url=f"https://example.org/{i}", title=f"Nr {i}", kind="report")
        workflow.add_note(commitment, by=alice, text=f"Notitie {i}")
        workflow.update_commitment(commitment, by=alice, version=commitment.version + i, changes={"title": f"T{i}"})
    after = count_queries(lambda: client.get(commitment.get_absolute_url()))
    assert before == after
