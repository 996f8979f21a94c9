"""The dated state of affairs (stand van zaken, issue 17 point 5): staff write it through the workflow, the latest is
the current one and the earlier ones stay; the detail page, the overview and its readable exports show it, the
overview's CSV does not; it changes when the fields may (never under review, decided or in a closed year)."""

import csv
import io

import docx
import openpyxl
import pytest
from auditlog.models import LogEntry
from django.utils import timezone

from commitments import exports, fileformat, workflow
from commitments.models import ProgressUpdate, Status
from tests.builders import bring_to

pytestmark = pytest.mark.django_db

# The overview CSV's columns after the commitment file's, as they were before the state of affairs.
OVERVIEW_ACCOUNT_COLUMNS = (
    "verdict",
    "decided_on",
    "decided_by",
    "rationale",
    "annual_report_reference",
    "evidence_urls",
)


def write(commitment, user, text):
    return workflow.update_state_of_affairs(commitment, by=user, text=text)


def test_the_latest_update_is_the_current_state_and_the_earlier_ones_stay(commitment, alice):
    first = write(commitment, alice, "Veldwerk gestart.")
    second = write(commitment, alice, "  Conceptrapport bij de politie voor wederhoor.  ")

    commitment.refresh_from_db()
    assert commitment.state_of_affairs == second
    assert second.text == "Conceptrapport bij de politie voor wederhoor."
    assert list(commitment.progress_updates.all()) == [second, first]
    assert second.written_by == alice


def test_an_update_is_on_record_with_who_wrote_it(commitment, alice):
    update = write(commitment, alice, "Veldwerk gestart.")

    entry = LogEntry.objects.get_for_object(update).get()
    assert entry.action == LogEntry.Action.CREATE and entry.actor == alice


def test_an_empty_state_of_affairs_is_refused(commitment, alice):
    with pytest.raises(workflow.WorkflowError) as refused:
        write(commitment, alice, "   ")

    assert refused.value.field == "text"
    assert not ProgressUpdate.objects.exists()


def test_staff_of_another_domain_and_reviewers_cannot_write_it(commitment, dave, bob):
    for user in (dave, bob):
        with pytest.raises(workflow.WorkflowError):
            write(commitment, user, "Niet van mij.")

    assert not ProgressUpdate.objects.exists()


def test_under_review_it_is_frozen_as_everything_else(commitment, alice):
    bring_to(commitment, Status.UNDER_REVIEW, staff=alice)

    with pytest.raises(workflow.WorkflowError, match="ter beoordeling"):
        write(commitment, alice, "Nog iets.")


def test_a_decided_commitment_takes_no_new_state(commitment, alice, bob):
    bring_to(commitment, Status.MET, staff=alice, decider=bob)

    with pytest.raises(workflow.WorkflowError, match="beoordeeld"):
        write(commitment, alice, "Nog iets.")


def test_a_closed_year_takes_no_new_state(commitment, alice, carol, programme):
    programme.closed_at, programme.closed_by = timezone.now(), carol
    programme.save()

    with pytest.raises(workflow.WorkflowError, match="vastgesteld"):
        write(commitment, alice, "Nog iets.")
    assert not ProgressUpdate.objects.exists()


# --- the detail page ------------------------------------------------------------------------------------------


def test_the_detail_page_shows_the_current_state_its_date_author_and_the_earlier_ones(client_for, commitment, alice):
    write(commitment, alice, "Veldwerk gestart.")
    write(commitment, alice, "Conceptrapport in wederhoor.")

    content = client_for(alice).get(commitment.get_absolute_url()).content.decode()

    current = content.index("Conceptrapport in wederhoor.")
    assert "Bijgewerkt op" in content[current:] and "alice" in content[current:]
    assert "1 eerdere stand van zaken" in content and "Veldwerk gestart." in content
    assert f'action="/commitments/{commitment.reference}/state-of-affairs/"' in content


def test_the_form_on_the_detail_page_writes_a_new_state_and_returns_to_the_page(client_for, commitment, alice):
    response = client_for(alice).post(
        f"/commitments/{commitment.reference}/state-of-affairs/", {"text": "Rapport naar de minister."}
    )

    assert response.status_code == 302
    assert response.url.startswith(commitment.get_absolute_url())
    assert commitment.progress_updates.get().text == "Rapport naar de minister."


def test_someone_who_may_not_write_it_gets_403_and_no_form(client_for, commitment, carol):
    client = client_for(carol)

    assert client.post(f"/commitments/{commitment.reference}/state-of-affairs/", {"text": "x"}).status_code == 403
    assert "state-of-affairs/" not in client.get(commitment.get_absolute_url()).content.decode()


# --- the overview and its files ----------------------------------------------------------------------------


@pytest.fixture
def written(commitment, alice):
    write(commitment, alice, "Eerste stand.")
    return write(commitment, alice, "Tweede stand: rapport in wederhoor.")


def test_the_overview_page_shows_the_current_state_of_affairs(client_for, carol, written):
    content = client_for(carol).get("/overview/2024/").content.decode()

    assert "Tweede stand: rapport in wederhoor." in content
    assert "Eerste stand." not in content


def test_the_xlsx_has_the_current_state_its_date_and_author(client_for, carol, written, alice):
    response = client_for(carol).get("/overview/2024/export.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))["Voornemens"]
    rows = list(sheet.iter_rows(values_only=True))
    row = dict(zip(rows[0], rows[1], strict=True))

    assert row["Stand van zaken"] == "Tweede stand: rapport in wederhoor."
    assert row["Stand van zaken op"].date() == timezone.localdate()
    assert row["Stand van zaken door"] == "Alice de Vries (alice)"


def test_the_csv_for_excel_has_the_current_state_too(client_for, carol, written):
    response = client_for(carol).get("/overview/2024/export-excel.csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")), delimiter=";"))

    assert rows[0]["Stand van zaken"] == "Tweede stand: rapport in wederhoor."
    assert rows[0]["Stand van zaken op"] == timezone.localdate().strftime("%d-%m-%Y")
    assert rows[0]["Stand van zaken door"] == "Alice de Vries (alice)"


def test_the_overview_csv_stays_as_it_was(client_for, carol, written):
    response = client_for(carol).get("/overview/2024/export.csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")

    header = next(csv.reader(io.StringIO(text)))
    assert tuple(header) == exports.OVERVIEW_COLUMNS == (*fileformat.COLUMNS, *OVERVIEW_ACCOUNT_COLUMNS)
    assert "Tweede stand" not in text


def test_the_register_file_stays_the_round_trip_format(client_for, carol, written):
    response = client_for(carol).get("/commitments/?_export=csv")

    assert "Tweede stand" not in b"".join(response.streaming_content).decode("utf-8-sig")


def test_the_jaarbericht_chapter_has_the_current_state(client_for, carol, written):
    response = client_for(carol).get("/overview/2024/export.docx")
    text = "\n".join(paragraph.text for paragraph in docx.Document(io.BytesIO(response.content)).paragraphs)

    assert "Stand van zaken: Tweede stand: rapport in wederhoor." in text
    assert "Eerste stand." not in text


def test_the_pdf_template_has_the_current_state(carol, written, programme):
    from django.template.loader import render_to_string

    from commitments.overview import YearOverview

    html = render_to_string(
        "commitments/overview_pdf.html", {"overview": YearOverview(programme), "generated_on": timezone.localdate()}
    )

    assert "Tweede stand: rapport in wederhoor." in html and "Eerste stand." not in html
