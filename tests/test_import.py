"""The importer (commitments/imports.py): the dry run's plan, applying it all or nothing, and each refusal."""

import csv
import datetime
import io

import openpyxl
import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commitments import fileformat, imports, workflow
from commitments.exports import commitment_record
from commitments.forms import CommitmentForm, CommitmentRowForm
from commitments.models import Action, Commitment, Goal, Status, WorkProgramme
from tests.conftest import make_commitments, make_user

NEW_ROW = {
    "programme": "2024",
    "title": "Onderzoek naar de meldkamer",
    "statement": "De Inspectie publiceert in 2024 het onderzoek naar de meldkamer.",
    "source_location": "p. 9",
    "kind": "publication",
    "domain": "politie",
    "goals": "ketens;lerend-vermogen",
    "owner": "alice",
    "due_date": "2024-06-30",
    "status": "planned",
}


def cell(value):
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, datetime.date) else str(value)


def record(commitment, **changes):
    """A commitment as a row of the file format, as the export writes it (without the formula guard)."""
    commitment = Commitment.objects.with_related().get(pk=commitment.pk)
    return {**dict(zip(fileformat.COLUMNS, map(cell, commitment_record(commitment)), strict=True)), **changes}


def csv_file(*rows, header=fileformat.COLUMNS, delimiter=","):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(name, "") for name in header])
    return buffer.getvalue().encode("utf-8")


def xlsx_file(*rows):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(list(fileformat.COLUMNS))
    for row in rows:
        sheet.append([row.get(name, "") for name in fileformat.COLUMNS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def written():
    """What an import could have written: commitments, their field history and workflow steps."""
    return (
        Commitment.objects.count(),
        LogEntry.objects.count(),
        sum(c.reviews.count() for c in Commitment.objects.all()),
    )


def only_row(plan):
    assert len(plan.rows) == 1, plan.rows
    return plan.rows[0]


@pytest.fixture
def stored(programme, politie, alice):
    return make_commitments(3, programme=programme, domain=politie, by=alice)


# --- created, updated, unchanged ----------------------------------------------------------------


def test_a_new_row_is_created_planned_with_the_next_reference_by_the_importer(erin, alice, stored):
    plan = imports.plan_import(csv_file(NEW_ROW), filename="nieuw.csv")
    row = only_row(plan)
    assert (row.outcome, row.line, row.reference) == (imports.CREATED, 2, "WP2024-004")

    imports.apply_plan(plan, by=erin)

    commitment = Commitment.objects.get(reference="WP2024-004")
    assert commitment.status == Status.PLANNED
    assert (commitment.title, commitment.owner, commitment.due_date) == (
        NEW_ROW["title"],
        alice,
        datetime.date(2024, 6, 30),
    )
    assert {goal.code for goal in commitment.goals.all()} == {"ketens", "lerend-vermogen"}
    assert LogEntry.objects.get_for_object(commitment).filter(action=LogEntry.Action.CREATE).get().actor == erin


def test_a_new_row_without_due_date_gets_the_last_day_of_its_programme(erin, alice):
    plan = imports.plan_import(csv_file({**NEW_ROW, "due_date": "", "owner": ""}))
    imports.apply_plan(plan, by=erin)
    assert Commitment.objects.get().due_date == datetime.date(2024, 12, 31)


def test_an_updated_row_names_each_field_that_changes_with_old_and_new(erin, stored):
    first = stored[0]
    plan = imports.plan_import(csv_file(record(first, title="Nieuwe titel", goals="ketens", owner="alice")))
    row = only_row(plan)
    assert row.outcome == imports.UPDATED
    assert [(c.field, c.old, c.new) for c in row.changes] == [
        ("title", "Voornemen 0", "Nieuwe titel"),
        ("goals", "", "ketens"),
        ("owner", "", "alice"),
    ]


def test_every_change_is_in_the_history_with_the_importing_user(erin, stored):
    first = stored[0]
    plan = imports.plan_import(csv_file(record(first, title="Nieuwe titel", due_date="2024-09-30")), filename="q3.csv")
    imports.apply_plan(plan, by=erin)

    first.refresh_from_db()
    assert (first.title, first.due_date, first.version) == ("Nieuwe titel", datetime.date(2024, 9, 30), 2)
    change = LogEntry.objects.get_for_object(first).filter(action=LogEntry.Action.UPDATE).get()
    assert change.actor == erin
    assert change.changes_dict["title"] == ["Voornemen 0", "Nieuwe titel"]
    step = first.reviews.get()
    assert (step.action, step.actor) == (Action.CHANGE_DUE_DATE, erin)
    assert "q3.csv" in step.text


def test_an_unchanged_row_writes_nothing(erin, stored):
    before = written()
    plan = imports.plan_import(csv_file(*(record(c) for c in stored)))
    assert [row.outcome for row in plan.rows] == [imports.UNCHANGED] * 3
    assert not plan.has_changes
    imports.apply_plan(plan, by=erin)
    assert written() == before


def test_importing_the_same_file_twice_changes_nothing_the_second_time(erin, stored):
    data = csv_file(record(stored[0], title="Anders"), NEW_ROW, {**NEW_ROW, "statement": "Een tweede nieuw voornemen."})
    imports.apply_plan(imports.plan_import(data), by=erin)
    before = written()

    again = imports.plan_import(data)

    assert again.is_valid
    assert [row.outcome for row in again.rows] == [imports.UNCHANGED] * 3
    assert [row.reference for row in again.rows] == ["WP2024-001", "WP2024-004", "WP2024-005"]
    imports.apply_plan(again, by=erin)
    assert written() == before


def test_a_row_without_reference_whose_statement_is_stored_is_that_commitment(erin, stored):
    row = only_row(imports.plan_import(csv_file({**record(stored[1], reference="", title="Betere titel")})))
    assert (row.outcome, row.reference, row.matched_by_statement) == (imports.UPDATED, "WP2024-002", True)


def test_a_decided_commitment_imported_as_it_is_is_unchanged(erin, bob, alice, stored):
    decided = stored[0]
    workflow.start(decided, by=alice)
    workflow.submit(decided, by=alice, proposed_verdict=Status.DROPPED, explanation="Niet meer nodig.")
    workflow.review(
        decided,
        by=bob,
        decision="approve",
        verdict=Status.DROPPED,
        annual_report_reference="Jaarbericht 2024, p. 14",
        drop_kind="during_year",
    )
    assert only_row(imports.plan_import(csv_file(record(decided)))).outcome == imports.UNCHANGED


def test_the_leading_quote_of_the_export_is_removed_again(erin, alice):
    plan = imports.plan_import(csv_file({**NEW_ROW, "title": "'=SOM(A1:A3) van de meldkamer"}))
    imports.apply_plan(plan, by=erin)
    assert Commitment.objects.get().title == "=SOM(A1:A3) van de meldkamer"


@pytest.mark.parametrize(
    "text", ["=SOM(A1)", "+31 70", "-smokkel", "@inspectie", "'s-Hertogenbosch", "'", "gewoon", "''=x", ""]
)
def test_removing_the_quote_undoes_exactly_what_the_export_adds(text):
    assert fileformat.unspreadsheet(fileformat.spreadsheet_safe(text)) == text


def test_a_spreadsheet_imports_like_the_csv(erin, stored):
    plan = imports.plan_import(xlsx_file(record(stored[0], title="Uit Excel"), NEW_ROW), filename="plan.xlsx")
    assert [row.outcome for row in plan.rows] == [imports.UPDATED, imports.CREATED]
    assert [row.line for row in plan.rows] == [2, 3]


def test_a_spreadsheet_date_cell_is_read_as_a_date(erin, alice):
    workbook = openpyxl.Workbook()
    workbook.active.append(list(fileformat.COLUMNS))
    workbook.active.append([NEW_ROW.get(name, "") for name in fileformat.COLUMNS])
    workbook.active.cell(row=2, column=fileformat.COLUMNS.index("due_date") + 1, value=datetime.datetime(2024, 5, 1))
    workbook.active.cell(row=2, column=fileformat.COLUMNS.index("programme") + 1, value=2024)
    buffer = io.BytesIO()
    workbook.save(buffer)
    row = only_row(imports.plan_import(buffer.getvalue()))
    assert row.outcome == imports.CREATED and row.values["due_date"] == datetime.date(2024, 5, 1)


def test_a_csv_with_semicolons_as_excel_writes_it_in_dutch_is_read(erin, alice):
    row = only_row(imports.plan_import(csv_file(NEW_ROW, delimiter=";")))
    assert row.outcome == imports.CREATED and [goal.code for goal in row.values["goals"]] == [
        "ketens",
        "lerend-vermogen",
    ]


def test_a_quoted_cell_over_several_lines_keeps_the_line_numbers_right(reference_data):
    plan = imports.plan_import(csv_file({**NEW_ROW, "statement": "Regel een\nregel twee."}, {**NEW_ROW, "domain": "?"}))
    assert [row.line for row in plan.rows] == [2, 4]


def test_the_programme_may_come_from_the_command_instead_of_the_file(erin, alice):
    row = only_row(imports.plan_import(csv_file({**NEW_ROW, "programme": ""}), programme=2024))
    assert row.outcome == imports.CREATED


def test_the_plan_reads_what_it_looks_up_in_the_same_number_of_queries_for_10_and_100_rows(
    erin, programme, politie, alice
):
    def queries_for(n):
        rows = [{**NEW_ROW, "statement": f"Voornemen {i}."} for i in range(n)]
        with CaptureQueriesContext(connection) as context:
            plan = imports.plan_import(csv_file(*rows))
        assert plan.is_valid
        return len(context.captured_queries)

    make_commitments(5, programme=programme, domain=politie, by=alice)
    assert queries_for(10) == queries_for(100)


# --- refused rows: the plan says what to fix, and nothing is written ------------------------------


def refused(plan, erin):
    before = written()
    assert not plan.is_valid
    with pytest.raises(imports.ImportRefused):
        imports.apply_plan(plan, by=erin)
    assert written() == before


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"domain": "ruimtevaart"}, "Onbekend toezichtgebied ‘ruimtevaart’"),
        ({"domain": ""}, "Vul de kolom domain in"),
        ({"goals": "ketens;vrede"}, "Onbekend doel: vrede"),
        ({"owner": "zorro"}, "Onbekende eigenaar ‘zorro’"),
        ({"owner": "dave"}, "Eigenaar dave is geen lid van toezichtgebied politie"),
        ({"due_date": "31-12-2024"}, "due_date ‘31-12-2024’ is geen geldige datum; schrijf JJJJ-MM-DD"),
        ({"due_date": "2024-02-30"}, "due_date ‘2024-02-30’ is geen geldige datum"),
        ({"expected_date": "morgen"}, "expected_date ‘morgen’ is geen geldige datum"),
        ({"status": "met"}, "Een nieuw voornemen krijgt status planned"),
        ({"status": "klaar"}, "Onbekende status ‘klaar’"),
        ({"kind": "Publicatie"}, "Schrijf in de kolom kind de code ‘publication’, niet ‘Publicatie’"),
        ({"kind": "boek"}, "Onbekende soort (kind) ‘boek’"),
        ({"title": ""}, "Vul de kolom title in"),
        ({"title": "x" * 201}, "title is 201 tekens lang; ten hoogste 200 mag"),
        ({"source_location": "p" * 101}, "source_location is 101 tekens lang; ten hoogste 100 mag"),
        ({"statement": "x" * 5001}, "statement is 5001 tekens lang; ten hoogste 5000 mag"),
        ({"programme": "2031"}, "Werkprogramma 2031 bestaat niet"),
        ({"programme": "twintig"}, "Programma ‘twintig’ is geen jaartal"),
        ({"programme": "99999999999999999999"}, "Programma ‘99999999999999999999’ is geen jaartal"),
        ({"reference": "WP2024-099"}, "Referentie WP2024-099 bestaat niet"),
        ({"reference": "2024-1"}, "Referentie ‘2024-1’ heeft niet de vorm WP2024-001"),
    ],
)
def test_it_refuses_a_row_and_says_what_to_fix(erin, dave, stored, changes, message):
    plan = imports.plan_import(csv_file(record(stored[0]), {**NEW_ROW, **changes}))
    assert [row.outcome for row in plan.rows] == [imports.UNCHANGED, imports.ERROR]
    assert plan.rows[1].line == 3
    assert any(message in error for error in plan.rows[1].errors), plan.rows[1].errors
    refused(plan, erin)


def test_it_refuses_an_owner_moved_outside_the_domain_of_a_stored_commitment(erin, dave, stored):
    row = only_row(imports.plan_import(csv_file(record(stored[0], owner="dave"))))
    assert row.errors == ["Eigenaar dave is geen lid van toezichtgebied politie."]


def test_it_refuses_a_status_that_differs_from_the_stored_one(erin, stored):
    plan = imports.plan_import(csv_file(record(stored[0], status="in_progress")))
    assert (
        "De status in het bestand (in_progress) verschilt van die in het register (planned)" in only_row(plan).errors[0]
    )
    refused(plan, erin)


def test_it_refuses_a_change_to_a_decided_commitment(erin, bob, alice, stored):
    decided = stored[0]
    workflow.start(decided, by=alice)
    workflow.submit(decided, by=alice, proposed_verdict=Status.DROPPED, explanation="Niet meer nodig.")
    workflow.review(
        decided,
        by=bob,
        decision="approve",
        verdict=Status.DROPPED,
        annual_report_reference="Jaarbericht 2024, p. 14",
        drop_kind="during_year",
    )
    plan = imports.plan_import(csv_file(record(decided, title="Toch anders")))
    assert "WP2024-001 is beoordeeld (Vervallen) en daarmee alleen-lezen" in only_row(plan).errors[0]
    refused(plan, erin)


def test_it_refuses_the_same_reference_twice_in_one_file_on_both_rows(erin, stored):
    plan = imports.plan_import(csv_file(record(stored[0]), record(stored[1]), record(stored[0], title="Anders")))
    assert [row.outcome for row in plan.rows] == [imports.ERROR, imports.UNCHANGED, imports.ERROR]
    assert plan.rows[0].errors == ["Referentie WP2024-001 staat ook op regel 4: elk voornemen één keer."]
    assert plan.rows[2].errors == ["Referentie WP2024-001 staat ook op regel 2: elk voornemen één keer."]
    refused(plan, erin)


def test_it_refuses_the_same_new_statement_twice_in_one_file(erin, alice):
    plan = imports.plan_import(csv_file(NEW_ROW, NEW_ROW))
    assert plan.rows[0].errors == ["Dezelfde tekst staat ook op regel 3: elk voornemen één keer."]
    refused(plan, erin)


def test_it_refuses_a_row_of_another_programme_than_the_one_chosen(erin, stored):
    WorkProgramme.objects.create(year=2025, title="Werkprogramma 2025")
    plan = imports.plan_import(csv_file({**NEW_ROW, "programme": "2025"}), programme=2024)
    assert only_row(plan).errors == [
        "Deze regel hoort bij werkprogramma 2025, maar u importeert in werkprogramma 2024."
    ]
    refused(plan, erin)


def test_it_refuses_a_reference_of_another_programme_than_its_row(erin, stored):
    WorkProgramme.objects.create(year=2025, title="Werkprogramma 2025")
    plan = imports.plan_import(csv_file(record(stored[0], programme="2025")))
    assert only_row(plan).errors == ["WP2024-001 hoort bij werkprogramma 2024, niet bij 2025."]


def test_it_refuses_an_unknown_programme_chosen_for_the_whole_file(erin, reference_data):
    plan = imports.plan_import(csv_file(NEW_ROW), programme=2031)
    assert plan.errors == ["Werkprogramma 2031 bestaat niet. Een beheerder maakt het aan in Beheer."]
    refused(plan, erin)


def test_it_refuses_a_row_with_more_cells_than_the_header(erin, reference_data):
    data = csv_file(NEW_ROW) + b"extra,2024,t,s,,publication,politie,,,,,,teveel\n"
    assert "meer kolommen dan de kopregel" in imports.plan_import(data).rows[1].errors[0]


def test_one_bad_row_refuses_the_whole_file_and_writes_none_of_the_good_rows(erin, alice, stored):
    bad = {**NEW_ROW, "statement": "Een ander voornemen.", "goals": "?"}
    plan = imports.plan_import(csv_file(NEW_ROW, record(stored[0], title="Goed"), bad))
    assert [row.outcome for row in plan.rows] == [imports.CREATED, imports.UPDATED, imports.ERROR]
    refused(plan, erin)


def test_applying_is_all_or_nothing_when_the_workflow_refuses_a_row_late(erin, alice, stored):
    plan = imports.plan_import(csv_file(NEW_ROW, record(stored[0], title="Een"), record(stored[1], title="Twee")))
    # Someone edits the second commitment between the dry run and applying.
    workflow.update_commitment(stored[1], by=alice, version=1, changes={"title": "Intussen gewijzigd"})
    before = written()

    with pytest.raises(imports.ImportRefused, match="Regel 4: Iemand anders heeft dit voornemen intussen gewijzigd"):
        imports.apply_plan(plan, by=erin)

    assert written() == before
    assert Commitment.objects.get(pk=stored[0].pk).title == "Voornemen 0"


# --- refused files ------------------------------------------------------------------------------


def file_refused(data, message, filename="voornemens.csv"):
    plan = imports.plan_import(data, filename=filename)
    assert not plan.rows
    assert len(plan.errors) == 1 and message in plan.errors[0], plan.errors
    return plan


@pytest.mark.parametrize("data", [b"", b"   \n\n", b"\xef\xbb\xbf"])
def test_it_refuses_an_empty_file(reference_data, data):
    file_refused(data, "Het bestand voornemens.csv is leeg.")


def test_it_refuses_a_file_with_only_a_header(reference_data):
    file_refused(csv_file(), "voornemens.csv heeft alleen een kopregel en geen voornemens.")


def test_it_refuses_a_file_without_a_header(reference_data):
    data = csv_file(NEW_ROW).split(b"\n", 1)[1]
    file_refused(data, "De eerste regel is geen kopregel. Zet bovenaan de kolomnamen: reference, programme, title")


def test_it_refuses_an_unknown_column(reference_data):
    file_refused(
        csv_file(NEW_ROW, header=(*fileformat.COLUMNS, "prioriteit")),
        "Onbekende kolommen: prioriteit. Het bestandsformaat kent: reference, programme",
    )


def test_it_refuses_a_missing_column(reference_data):
    header = [name for name in fileformat.COLUMNS if name not in ("owner", "status")]
    file_refused(csv_file(NEW_ROW, header=header), "Deze kolommen ontbreken: owner, status.")


def test_it_refuses_a_column_named_twice(reference_data):
    file_refused(csv_file(NEW_ROW, header=(*fileformat.COLUMNS, "title")), "meer dan eens in de kopregel: title")


def test_the_columns_may_stand_in_any_order_and_any_case(erin, alice):
    header = [name.upper() for name in reversed(fileformat.COLUMNS)]
    rows = csv_file(NEW_ROW, header=list(reversed(fileformat.COLUMNS))).split(b"\n", 1)[1]
    data = ",".join(header).encode() + b"\n" + rows
    assert only_row(imports.plan_import(data)).outcome == imports.CREATED


def test_it_names_the_encoding_of_a_file_that_is_not_utf8(reference_data):
    text = csv_file(*({**NEW_ROW, "statement": f"Opvang van Oekraïense ontheemden, één café ({i})."} for i in range(5)))
    file_refused(
        text.decode("utf-8").encode("cp1252"),
        "voornemens.csv is niet in UTF-8 gecodeerd maar waarschijnlijk in Windows-1252. Sla het op als ‘CSV UTF-8’",
    )


def test_it_names_utf16_as_excel_writes_unicode_text(reference_data):
    text = csv_file({**NEW_ROW, "statement": "Oekraïense ontheemden."}).decode("utf-8")
    file_refused(text.encode("utf-16"), "niet in UTF-8 gecodeerd maar waarschijnlijk in UTF-16")


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"%PDF-1.7\n\x00\x01\x02\x03\x04\x05\x06\x07\xff\xfe binary", "werkprogramma.pdf", "is geen CSV- of XLSX"),
        (bytes(range(256)) * 8, "foto.png", "is geen CSV- of XLSX"),
        (b"PK\x03\x04" + b"\x00" * 100, "kapot.xlsx", "is geen CSV- of XLSX"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "oud.xls", "is een oud Excel-bestand (.xls)"),
    ],
)
def test_it_refuses_a_file_that_is_neither_csv_nor_xlsx(reference_data, data, filename, message):
    file_refused(data, f"{filename} {message}", filename=filename)


def test_it_refuses_a_zip_that_is_not_a_workbook(reference_data):
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    file_refused(buffer.getvalue(), "brief.docx is geen CSV- of XLSX", filename="brief.docx")


def test_refusing_a_file_writes_nothing(erin, stored):
    before = written()
    refused(imports.plan_import(b""), erin)
    assert written() == before


def test_goals_of_a_row_may_repeat_or_have_spaces(erin, reference_data):
    row = only_row(imports.plan_import(csv_file({**NEW_ROW, "goals": " ketens ; ketens;"})))
    assert row.values["goals"] == [Goal.objects.get(code="ketens")]


def test_a_user_of_another_domain_may_still_be_named_when_the_owner_does_not_change(erin, politie, stored):
    owner = make_user("oud-lid", domains=[politie])
    workflow.update_commitment(stored[0], by=erin, version=1, changes={"owner": owner})
    politie.members.remove(owner)
    assert only_row(imports.plan_import(csv_file(record(stored[0])))).outcome == imports.UNCHANGED


# --- one validation for the page, the import and the workflow (issue 16) ---------------------------


def test_the_page_and_the_import_take_each_text_s_length_and_need_from_the_same_model_field(erin, reference_data):
    page = CommitmentForm(user=erin).fields
    row = CommitmentRowForm.fields_for(domains={}, goals={}, users={})
    for name in ("title", "statement", "source_location"):
        model_field = Commitment._meta.get_field(name)
        expected = (model_field.max_length, not model_field.blank)
        assert (page[name].max_length, page[name].required) == expected == (row[name].max_length, row[name].required)


def test_the_import_refuses_a_title_by_the_model_field_s_length_as_it_is_now(monkeypatch, alice):
    monkeypatch.setattr(Commitment._meta.get_field("title"), "max_length", 20)
    row = only_row(imports.plan_import(csv_file({**NEW_ROW, "title": "x" * 21})))
    assert row.errors == ["title is 21 tekens lang; ten hoogste 20 mag."]


def test_the_page_the_import_and_the_workflow_ask_one_rule_whether_an_owner_may_own(
    monkeypatch, client_for, erin, alice, programme, politie
):
    # Alice is a member of politie; the rule, and only the rule, says she is not.
    monkeypatch.setattr(
        Commitment, "owner_outside_domain", staticmethod(lambda owner_id, domain_id, memberships=None: True)
    )
    page = client_for(erin).post(
        "/commitments/new/",
        {"programme": programme.pk, "title": "T", "statement": "S", "kind": "other", "domain": politie.pk,
         "owner": alice.pk},
    )  # fmt: skip
    assert page.context["form"].errors["owner"] == ["De eigenaar moet lid zijn van het toezichtgebied."]
    row = only_row(imports.plan_import(csv_file(NEW_ROW)))
    assert row.errors == ["Eigenaar alice is geen lid van toezichtgebied politie."]
    with pytest.raises(workflow.WorkflowError, match="De eigenaar moet lid zijn van het toezichtgebied."):
        workflow.create_commitment(by=erin, programme=programme, title="T", statement="S", domain=politie, owner=alice)
    assert not Commitment.objects.exists()
