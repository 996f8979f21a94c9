"""Round trip: the register exported (CSV and XLSX) and imported again is unchanged, row for row;
and seed_demo loads the Werkprogramma 2024 through the importer."""

import datetime
import io

import openpyxl
import pytest
from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import override_settings

from commitments import imports, workflow
from commitments.models import Commitment, Domain, Status, WorkProgramme
from tests.test_import import written

FORMULA_TITLES = {
    "WP2024-002": "=Aandacht voor de taak (formule?)",
    "WP2024-003": "+31 en -2: getallen vooraan",
    "WP2024-004": "@Inspectie: nieuw meerjarenperspectief",
}


@pytest.fixture(scope="class")
def seeded(class_data):
    with override_settings(DEBUG=True):  # seed_demo is for local use only
        call_command("seed_demo", stdout=io.StringIO())
    return get_user_model().objects.get(username="beheerder")


@pytest.fixture(scope="class")
def edited(seeded):
    """The seed data after some work: titles a spreadsheet would run as formulas, a due date and an expected
    date changed, a commitment in progress."""
    for reference, title in FORMULA_TITLES.items():
        commitment = Commitment.objects.get(reference=reference)
        workflow.update_commitment(commitment, by=seeded, version=commitment.version, changes={"title": title})
    first = Commitment.objects.get(reference="WP2024-001")
    workflow.update_commitment(
        first,
        by=seeded,
        version=first.version,
        changes={"due_date": datetime.date(2024, 6, 30), "expected_date": datetime.date(2024, 9, 1)},
        due_date_reason="Eerder klaar dan gepland.",
    )
    workflow.start(Commitment.objects.get(reference="WP2024-010"), by=seeded)
    return seeded


def export(client, user, export_format):
    client.force_login(user)
    response = client.get(f"/commitments/?programme=2024&_export={export_format}")
    assert response.status_code == 200
    return b"".join(response.streaming_content)


@pytest.mark.django_db  # each test in a transaction of its own, inside the class's (class_data)
class TestTheSeededRegister:
    """The tests that read the demo data as seed_demo leaves it, seeded once for the class."""

    def test_seed_demo_loads_the_fixture_through_the_importer(self, seeded):
        of_2024 = Commitment.objects.filter(programme__year=2024)
        assert list(of_2024.values_list("reference", flat=True)) == [f"WP2024-{n:03d}" for n in range(1, 41)]
        assert Commitment.objects.get(reference="WP2024-022").owner.username == "medewerker"  # politie
        assert Commitment.objects.get(reference="WP2024-019").owner is None  # cannabis: no demo owner
        dropped = Commitment.objects.get(status=Status.DROPPED)
        assert dropped.reference == "WP2024-029" and dropped.decision.actor.username == "reviewer"
        assert (
            LogEntry.objects.get_for_object(Commitment.objects.get(reference="WP2024-001"))
            .get(action=LogEntry.Action.CREATE)
            .actor
            == seeded
        )

    def test_seed_demo_run_again_changes_nothing_and_hands_out_the_next_reference(self, seeded, settings):
        settings.DEBUG = True
        before = written()
        call_command("seed_demo", stdout=io.StringIO())
        assert written() == before
        new = workflow.create_commitment(
            by=seeded,
            programme=WorkProgramme.objects.get(year=2024),
            title="Nieuw",
            statement="Nieuw.",
            domain=Domain.objects.get(slug="politie"),
        )
        assert new.reference == "WP2024-041"


@pytest.mark.django_db  # each test in a transaction of its own, inside the class's (class_data)
class TestTheEditedRegister:
    """The tests that export and import the demo data after some work (edited), made once for the class: each import
    is undone with its test's transaction."""

    @pytest.mark.parametrize("export_format", ["csv", "xlsx"])
    def test_an_exported_register_imports_back_with_every_row_unchanged(self, client, edited, export_format):
        data = export(client, edited, export_format)

        plan = imports.plan_import(data, filename=f"voornemens.{export_format}")

        assert plan.is_valid, plan.errors or [(row.line, row.errors) for row in plan.rows if row.errors]
        assert [row.outcome for row in plan.rows] == [imports.UNCHANGED] * 40
        assert [row.reference for row in plan.rows] == [f"WP2024-{n:03d}" for n in range(1, 41)]
        before = written()
        imports.apply_plan(plan, by=edited)
        assert written() == before

    def test_the_export_guards_the_formulas_that_the_import_takes_off_again(self, client, edited):
        csv_text = export(client, edited, "csv").decode("utf-8-sig")
        assert "'=Aandacht voor de taak" in csv_text and "'+31 en -2" in csv_text and "'@Inspectie" in csv_text
        sheet = openpyxl.load_workbook(io.BytesIO(export(client, edited, "xlsx")), read_only=True).worksheets[0]
        titles = [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)]
        assert "'=Aandacht voor de taak (formule?)" in titles
        plan = imports.plan_import(csv_text.encode(), filename="voornemens.csv")
        titles = {row.reference: row.values["title"] for row in plan.rows}
        assert {reference: titles[reference] for reference in FORMULA_TITLES} == FORMULA_TITLES

    @pytest.mark.parametrize("export_format", ["csv", "xlsx"])
    def test_a_spreadsheet_edit_of_the_export_imports_as_just_that_change(self, client, edited, export_format):
        data = export(client, edited, export_format)
        if export_format == "csv":
            data = data.replace(b"2024-06-30", b"2024-07-15")
        else:
            workbook = openpyxl.load_workbook(io.BytesIO(data))
            workbook.worksheets[0]["J2"] = datetime.datetime(2024, 7, 15)
            buffer = io.BytesIO()
            workbook.save(buffer)
            data = buffer.getvalue()

        plan = imports.plan_import(data, filename=f"planning.{export_format}")

        changed = [row for row in plan.rows if row.outcome != imports.UNCHANGED]
        assert [(row.reference, [(c.field, c.old, c.new) for c in row.changes]) for row in changed] == [
            ("WP2024-001", [("due_date", "2024-06-30", "2024-07-15")])
        ]
        imports.apply_plan(plan, by=edited)
        step = Commitment.objects.get(reference="WP2024-001").reviews.latest("created_at")
        assert f"planning.{export_format}" in step.text
