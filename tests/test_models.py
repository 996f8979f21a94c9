"""The data model: references, and the rules the database itself enforces."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils import translation

from commitments import workflow
from commitments.models import Commitment, EvidenceLink, Review, Status, WorkProgramme
from tests.conftest import make_commitments


def test_references_are_numbered_per_programme(programme, politie, alice):
    first, second = make_commitments(2, programme=programme, domain=politie, by=alice)
    other_year = WorkProgramme.objects.create(year=2025, title="Werkprogramma 2025")
    third = make_commitments(1, programme=other_year, domain=politie, by=alice)[0]
    assert (first.reference, second.reference, third.reference) == ("WP2024-001", "WP2024-002", "WP2025-001")


def test_a_reference_is_never_reused_after_a_deletion(programme, politie, alice):
    first, second = make_commitments(2, programme=programme, domain=politie, by=alice)
    second.delete()
    (third,) = make_commitments(1, programme=programme, domain=politie, by=alice)
    assert third.reference == "WP2024-003"


def test_the_due_date_defaults_to_the_end_of_the_programme_year(commitment):
    assert commitment.due_date == datetime.date(2024, 12, 31)


def test_numbers_above_999_sort_after_999(programme, politie, alice):
    programme.last_reference_number = 998
    programme.save()
    make_commitments(3, programme=programme, domain=politie, by=alice)
    assert list(Commitment.objects.values_list("reference", flat=True)) == ["WP2024-999", "WP2024-1000", "WP2024-1001"]


def _violates(constraint_name, change):
    with pytest.raises(IntegrityError) as error, transaction.atomic():
        change()
    # SQLite and PostgreSQL both name the constraint (or, for a unique column, the column) that failed.
    assert constraint_name in str(error.value)


def test_the_database_refuses_an_unknown_status(commitment):
    _violates("commitment_status_valid", lambda: Commitment.objects.filter(pk=commitment.pk).update(status="done"))


def test_the_database_refuses_an_unknown_kind(commitment):
    _violates("commitment_kind_valid", lambda: Commitment.objects.filter(pk=commitment.pk).update(kind="wish"))


def test_the_database_refuses_a_decided_commitment_without_a_decision(commitment):
    _violates(
        "commitment_decided_has_decision", lambda: Commitment.objects.filter(pk=commitment.pk).update(status=Status.MET)
    )


def test_the_database_refuses_a_delayed_commitment_without_an_expected_date(commitment, alice, bob):
    workflow.start(commitment, by=alice)
    workflow.submit(
        commitment, by=alice, proposed_verdict="delayed", explanation="Later.", expected_date=datetime.date(2025, 6, 1)
    )
    workflow.review(
        commitment, by=bob, decision="approve", verdict="delayed", annual_report_reference="Jaarbericht 2024, p. 14"
    )
    _violates(
        "commitment_delayed_has_expected_date",
        lambda: Commitment.objects.filter(pk=commitment.pk).update(expected_date=None),
    )


def test_the_database_refuses_a_duplicate_reference(commitment, programme, politie):
    duplicate = Commitment(
        reference=commitment.reference,
        sequence=99,
        programme=programme,
        title="Dubbel",
        statement="x",
        domain=politie,
        due_date=datetime.date(2024, 12, 31),
    )
    _violates("reference", duplicate.save)


def test_the_database_refuses_evidence_that_is_not_a_web_link(commitment, alice):
    for url in ("javascript:alert(1)", "ftp://example.org/x", "data:text/html,hi", "file:///etc/passwd"):
        _violates(
            "evidence_url_is_http",
            lambda url=url: EvidenceLink.objects.create(commitment=commitment, url=url, title="x", added_by=alice),
        )


def test_the_database_refuses_an_approval_without_a_verdict(commitment, bob):
    _violates(
        "review_approval_has_verdict",
        lambda: Review.objects.create(
            commitment=commitment, action="approve", from_status="under_review", to_status="met", actor=bob
        ),
    )


def test_the_database_refuses_a_programme_year_out_of_range(db):
    _violates("programme_year_in_range", lambda: WorkProgramme.objects.create(year=1850, title="Oud"))


def test_field_changes_are_recorded_with_who_and_old_and_new_values(commitment, alice):
    workflow.update_commitment(commitment, by=alice, version=commitment.version, changes={"title": "Nieuwe titel"})
    entry = LogEntry.objects.get_for_object(commitment).filter(action=LogEntry.Action.UPDATE).latest("timestamp")
    assert entry.actor == alice
    assert entry.changes_dict["title"] == ["Publicatie onderzoek PO21", "Nieuwe titel"]


def test_every_path_refuses_an_owner_outside_the_domain(programme, politie, alice, dave):
    with pytest.raises(workflow.WorkflowError, match="lid zijn van het toezichtgebied"):
        workflow.create_commitment(
            by=alice, programme=programme, title="T", statement="S", kind="other", domain=politie, owner=dave
        )
    assert not Commitment.objects.exists()


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("model", [Commitment, EvidenceLink, Review])
def test_choice_labels_are_djangos_in_the_language_of_the_moment(model, language):
    fields = [field for field in model._meta.concrete_fields if field.choices]
    assert fields
    with translation.override(language):
        for field in fields:
            for value, label in [*field.flatchoices, ("unknown", "unknown"), ("", "")]:
                record = model(**{field.attname: value})
                shown = getattr(record, f"get_{field.name}_display")()
                assert shown == str(label) == Model._get_FIELD_display(record, field)  # Django's own
