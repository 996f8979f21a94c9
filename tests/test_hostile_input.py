"""Bad input (issue 6 point 4): random and hostile values in every form, filter and address give a form error or a
page, never a server error; stored text is always shown as text, never run as HTML or as a spreadsheet formula."""

import csv
import datetime
import io
from urllib.parse import quote

import openpyxl
import pytest
from django.core import mail
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from commitments import workflow
from commitments.forms import CommitmentForm
from commitments.models import Commitment, EvidenceKind, Goal, Kind, Verdict, WorkProgramme
from tests.conftest import make_commitments

# Values that have broken web applications before: NUL and other control characters, markup, SQL, formulas,
# template syntax, bidi overrides, malformed and extreme dates and numbers, and a very long string.
HOSTILE = [
    "\x00",
    "WP2024-001\x00",
    "\x01\x02\x1b[31m\x7f",
    "line\r\nX-Injected: yes",
    '<script>alert("x")</script>',
    '"><img src=x onerror=alert(1)>',
    "'; DROP TABLE commitments_commitment; --",
    "' OR '1'='1",
    '=HYPERLINK("http://evil.example","klik")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A9)",
    "{{ request.user }}{% debug %}",
    "\u202eevil\u202c",
    "😀" * 40,
    "2024-02-30",
    "0000-00-00",
    "99999-12-31",
    "2024-13-45",
    "31-12-2024",
    "-1",
    "0",
    "1e309",
    "NaN",
    str(2**63),
    str(-(2**63) - 1),
    str(10**100),
    "",
    " ",
    "../../etc/passwd",
    "javascript:alert(1)",
    "http://",
    "https://" + "a" * 2000 + ".example",
    "x" * 100_000,
]
hostile = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=300),  # any code point but surrogates, control characters and NUL included
    st.integers().map(str),
    st.dates(min_value=datetime.date(1, 1, 1)).map(datetime.date.isoformat),
)
# Modest numbers of examples keep the suite fast; the fixed list above is drawn from first.
fuzz = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def form_data(names):
    """Some of the fields, each with a hostile value (a list for a field given twice)."""
    value = st.one_of(hostile, st.lists(hostile, min_size=2, max_size=3))
    return st.dictionaries(st.sampled_from(names), value, max_size=len(names))


def read(response):
    """The whole body, streamed or not: an error while streaming is an error too."""
    return b"".join(response.streaming_content) if response.streaming else response.content


def assert_no_server_error(response):
    read(response)
    assert response.status_code < 500, response.status_code


def in_progress(commitment, by):
    workflow.start(commitment, by=by)
    return commitment


def with_evidence(commitment, by):
    workflow.add_evidence(commitment, by=by, url="https://www.inspectie-jenv.nl/rapport", title="Rapport")
    return commitment


def under_review(commitment, by, verdict=Verdict.MET, expected_date=None):
    in_progress(commitment, by)
    with_evidence(commitment, by)
    workflow.submit(commitment, by=by, proposed_verdict=verdict, explanation="Gedaan.", expected_date=expected_date)
    return commitment


def decided(commitment, by, reviewer, verdict=Verdict.MET):
    expected_date = datetime.date(2025, 6, 30) if verdict == Verdict.DELAYED else None
    under_review(commitment, by, verdict, expected_date)
    workflow.review(
        commitment,
        by=reviewer,
        decision="approve",
        verdict=verdict,
        rationale="Akkoord.",
        annual_report_reference="Jaarbericht 2024, p. 14",
    )
    return commitment


def fresh(programme, politie, alice):
    return make_commitments(1, programme=programme, domain=politie, by=alice)[0]


# --- filters and addresses ----------------------------------------------------------------------------------------

REGISTER_PARAMETERS = ["q", "programme", "domain", "goal", "status", "owner", "overdue", "sort", "page", "per_page"]


@fuzz
@given(params=form_data(REGISTER_PARAMETERS), export=st.sampled_from(["", "csv", "xlsx"]))
def test_the_register_filters_never_fail(client_for, alice, commitment, params, export):
    if export:
        params = {**params, "_export": export}
    assert_no_server_error(client_for(alice).get("/commitments/", params))


@fuzz
@given(params=form_data(["domain", "goal"]), page=st.sampled_from(["", "export.csv", "export.xlsx"]))
def test_the_overview_filters_never_fail(client_for, carol, commitment, params, page):
    assert_no_server_error(client_for(carol).get(f"/overview/2024/{page}", params))


@fuzz
@given(segment=hostile, suffix=st.sampled_from(["", "edit/", "evidence/new/", "submit/", "review/", "carry-over/"]))
def test_a_hostile_reference_in_the_address_gets_404(client_for, erin, commitment, segment, suffix):
    response = client_for(erin).get(f"/commitments/{quote(segment, safe='')}/{suffix}")
    assert_no_server_error(response)
    if segment not in ("", commitment.reference, "new"):
        assert response.status_code == 404


@fuzz
@given(year=st.integers(min_value=-(10**30), max_value=10**30))
def test_any_year_in_the_overview_address_gets_a_page_or_404(client_for, carol, programme, year):
    response = client_for(carol).get(f"/overview/{year}/")
    assert_no_server_error(response)
    assert response.status_code == (200 if year == 2024 else 404)


def test_a_nul_byte_in_the_address_gets_404(client_for, alice, commitment):
    # PostgreSQL refuses NUL in text; the lookup must not reach it.
    assert client_for(alice).get(f"/commitments/{commitment.reference}%00/").status_code == 404


# --- forms --------------------------------------------------------------------------------------------------------

# Every field the create form has (the edit form adds the version and a reason for a new due date).
COMMITMENT_FIELDS = [name for name in CommitmentForm.base_fields if name != "due_date_reason"]


@fuzz
@given(data=form_data(COMMITMENT_FIELDS))
def test_the_create_form_never_fails(client_for, alice, programme, data):
    assert_no_server_error(client_for(alice).post("/commitments/new/", data))


@fuzz
@given(data=form_data([*COMMITMENT_FIELDS, "version", "due_date_reason", "status", "reference"]))
def test_the_edit_form_never_fails(client_for, alice, commitment, data):
    response = client_for(alice).post(f"/commitments/{commitment.reference}/edit/", data)
    assert_no_server_error(response)
    assert response.status_code in (200, 302, 400, 409)


@fuzz
@given(data=form_data(["url", "title", "kind", "published_on", "note"]))
def test_the_evidence_form_never_fails(client_for, alice, commitment, data):
    assert_no_server_error(client_for(alice).post(f"/commitments/{commitment.reference}/evidence/new/", data))


@fuzz
@given(data=form_data(["text"]))
def test_the_note_form_never_fails(client_for, alice, commitment, data):
    assert_no_server_error(client_for(alice).post(f"/commitments/{commitment.reference}/notes/new/", data))


@fuzz
@given(data=form_data(["proposed_verdict", "explanation", "expected_date", "version"]))
def test_the_submit_form_never_fails(client_for, alice, programme, politie, data):
    commitment = in_progress(fresh(programme, politie, alice), alice)
    assert_no_server_error(client_for(alice).post(f"/commitments/{commitment.reference}/submit/", data))


@fuzz
@given(
    data=form_data(
        ["decision", "verdict", "rationale", "annual_report_reference", "expected_date", "version", "status"]
    )
)
def test_the_review_form_never_fails(client_for, alice, bob, programme, politie, data):
    commitment = under_review(fresh(programme, politie, alice), alice)
    assert_no_server_error(client_for(bob).post(f"/commitments/{commitment.reference}/review/", data))


@fuzz
@given(data=form_data(["reason", "version"]), step=st.sampled_from(["reopen", "carry-over"]))
def test_the_reopen_and_carry_over_forms_never_fail(client_for, alice, bob, programme, politie, data, step):
    WorkProgramme.objects.get_or_create(year=2025, defaults={"title": "Werkprogramma 2025"})
    commitment = decided(fresh(programme, politie, alice), alice, bob, verdict=Verdict.DELAYED)
    assert_no_server_error(client_for(bob).post(f"/commitments/{commitment.reference}/{step}/", data))


@fuzz
@given(username=hostile, password=hostile)
def test_the_login_form_never_fails(db, username, password):
    response = Client().post("/accounts/login/", {"username": username, "password": password})
    assert_no_server_error(response)
    assert response.status_code in (200, 413, 429)  # 413: over the login's 16 KB (wpsite.middleware, issue 18)


IMPORT_HEADER = (
    "reference,programme,title,statement,source_location,kind,domain,goals,owner,due_date,expected_date,status"
)


def csv_file(rows):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(IMPORT_HEADER.split(","))
    writer.writerows(rows)
    return out.getvalue().encode("utf-8", "surrogatepass")


@fuzz
@given(
    content=st.one_of(
        st.binary(max_size=2000),
        st.lists(st.lists(hostile, min_size=12, max_size=12), min_size=1, max_size=3).map(csv_file),
    ),
    filename=st.sampled_from(["voornemens.csv", "voornemens.xlsx", "x.txt", "<script>.csv", "a\x00.csv"]),
    programme=hostile,
)
def test_the_import_upload_never_fails(client_for, erin, commitment, content, filename, programme):
    upload = io.BytesIO(content)
    upload.name = filename
    client = client_for(erin)
    response = client.post("/import/", {"file": upload, "programme": programme})
    assert_no_server_error(response)
    assert response.status_code in (200, 400)


@fuzz
@given(token=hostile)
def test_applying_an_import_with_a_hostile_token_never_fails(client_for, erin, token):
    assert_no_server_error(client_for(erin).post("/import/", {"token": token}))


# --- stored text is shown as text ---------------------------------------------------------------------------------

MARKUP = '<script>alert("wpsite")</script><b>vet</b>'


@pytest.fixture
def marked_up(programme, politie, alice, bob):
    """A commitment whose every text is markup, decided, with evidence and a note."""
    alice.first_name = MARKUP
    alice.save()
    commitment = workflow.create_commitment(
        by=alice,
        programme=programme,
        title=MARKUP,
        statement=MARKUP,
        source_location=MARKUP[:100],
        kind=Kind.PUBLICATION,
        domain=politie,
        owner=alice,
        goals=[Goal.objects.get(code="ketens")],
    )
    workflow.start(commitment, by=alice)
    workflow.add_evidence(
        commitment, by=alice, url="https://example.org/?q=<script>", title=MARKUP, kind=EvidenceKind.REPORT
    )
    workflow.add_note(commitment, by=alice, text=MARKUP)
    workflow.submit(commitment, by=alice, proposed_verdict=Verdict.MET, explanation=MARKUP)
    workflow.review(
        commitment, by=bob, decision="approve", verdict=Verdict.MET, rationale=MARKUP, annual_report_reference=MARKUP
    )
    return Commitment.objects.get(pk=commitment.pk)


@pytest.mark.parametrize(
    "page, shows_it",
    [
        ("/commitments/", True),
        ("/commitments/{reference}/", True),
        ("/overview/2024/", True),
        ("/", False),  # it is decided: these pages need not show it, and must not run it
        ("/reviews/", False),
    ],
)
def test_stored_markup_is_escaped_on_every_page(client_for, bob, marked_up, page, shows_it):
    body = client_for(bob).get(page.format(reference=marked_up.reference)).content.decode()
    assert "<script>alert" not in body and "<b>vet</b>" not in body
    if shows_it:
        assert "&lt;script&gt;alert(" in body


def test_stored_markup_is_text_in_the_pdf(client_for, carol, marked_up):
    response = client_for(carol).get("/overview/2024/export.pdf")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(read(response))).pages)
    assert "<script>alert" in " ".join(text.split())  # shown as the characters typed, not taken as HTML


def test_stored_markup_is_escaped_in_mail(alice, bob, programme, politie, django_capture_on_commit_callbacks):
    commitment = workflow.create_commitment(
        by=alice, programme=programme, title=MARKUP, statement=MARKUP, kind=Kind.OTHER, domain=politie
    )
    with_evidence(in_progress(commitment, alice), alice)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit(commitment, by=alice, proposed_verdict=Verdict.MET, explanation=MARKUP)
    assert [message.to for message in mail.outbox] == [[bob.email]]
    message = mail.outbox[0]
    html = message.alternatives[0][0]
    assert "<script>alert" not in html and "&lt;script&gt;alert(" in html
    assert "\n" not in message.subject


FORMULAS = ["=1+2", "+1+2", "-1+2", "@SUM(A1)"]


@pytest.fixture
def formulas(programme, politie, alice):
    return [
        workflow.create_commitment(
            by=alice, programme=programme, title=formula, statement=formula, kind=Kind.OTHER, domain=politie
        )
        for formula in FORMULAS
    ]


def csv_cells(response):
    return [cell for row in csv.reader(io.StringIO(read(response).decode("utf-8-sig"))) for cell in row]


def xlsx_cells(response):
    workbook = openpyxl.load_workbook(io.BytesIO(read(response)))
    return [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]


@pytest.mark.parametrize("address", ["/commitments/?_export=csv", "/overview/2024/export.csv"])
def test_no_csv_export_turns_text_into_a_formula(client_for, carol, formulas, address):
    cells = csv_cells(client_for(carol).get(address))
    for formula in FORMULAS:
        assert formula not in cells
        assert "'" + formula in cells


@pytest.mark.parametrize("address", ["/commitments/?_export=xlsx", "/overview/2024/export.xlsx"])
def test_no_xlsx_export_turns_text_into_a_formula(client_for, carol, formulas, address):
    cells = xlsx_cells(client_for(carol).get(address))
    assert all(cell.data_type != "f" for cell in cells)
    values = [cell.value for cell in cells]
    for formula in FORMULAS:
        assert "'" + formula in values


def test_markup_in_a_search_is_echoed_escaped(client_for, alice, commitment):
    body = client_for(alice).get("/commitments/", {"q": MARKUP}).content.decode()
    assert "<script>alert" not in body
