"""The main journeys, the way people make them: in Chromium, with the mouse and the keyboard, against a live server.
Each test checks the page as the person sees it, and then the register in the database."""

import io
import re

import openpyxl
import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from commitments import permissions, workflow
from commitments.models import Action, Commitment, Status, Verdict, WorkProgramme
from tests.builders import approve, bring_to
from tests.conftest import PASSWORD, make_user
from tests.e2e import checks
from tests.e2e.conftest import NARROW
from tests.e2e.world import build_world

pytestmark = pytest.mark.browser


@pytest.fixture
def world(programme, politie, migratie, alice, bob, carol, dave, erin):
    return build_world(
        programme=programme, politie=politie, migratie=migratie, alice=alice, bob=bob, carol=carol, dave=dave, erin=erin
    )


def log_in(username):
    def steps(page):
        page.goto("/accounts/login/")
        page.get_by_label("Gebruikersnaam").fill(username)
        page.get_by_label("Wachtwoord").fill(PASSWORD)
        page.locator("main").get_by_role("button", name="Inloggen").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Overzicht")

    return steps


def click_and_download(page, name):
    with page.expect_download() as download:
        page.locator("main").get_by_role("link", name=name).click()
    return download.value.suggested_filename, download.value.path().read_bytes()


def test_a_staff_member_finds_a_commitment_adds_evidence_and_submits_it(open_tab, world):
    commitment = world["in_progress"]

    def steps(page):
        page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Voornemens").click()
        filters = page.get_by_role("form", name="Filters")
        filters.get_by_label("Zoeken").fill("PO21")
        filters.get_by_role("group", name="Status").get_by_label("In uitvoering", exact=True).check()
        filters.get_by_role("button", name="Filteren").click()
        expect(page.get_by_role("status")).to_have_text("1 voornemen")
        page.get_by_role("link", name=commitment.reference, exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(commitment.title)

        page.locator("main summary", has_text="Bewijs toevoegen").click()  # the form is on the detail page
        page.get_by_label("Link").fill("https://www.inspectie-jenv.nl/publicaties/rapporten/2024/10/po21")
        page.get_by_label("Titel").fill("Final report PO21")
        page.get_by_label("Soort").select_option(label="Rapport")
        page.get_by_label("Datum van het bewijs").fill("2024-10-01")
        page.get_by_role("button", name="Toevoegen").click()
        expect(page.get_by_text("Het bewijs is toegevoegd.")).to_be_visible()
        expect(page.get_by_role("link", name="Final report PO21")).to_be_visible()

        page.get_by_role("link", name="Ter beoordeling aanbieden").click()
        page.get_by_label("Voorgesteld oordeel").select_option(label="Gerealiseerd")
        page.get_by_label("Toelichting").fill("The final report was published in October.")
        page.locator("main form").get_by_role("button", name="Ter beoordeling aanbieden").click()
        expect(page.get_by_text("Het voornemen is ter beoordeling aangeboden.")).to_be_visible()
        expect(page.locator("main .status").first).to_have_text("Ter beoordeling")

    tab = open_tab()
    tab.do(log_in(world.staff.username))
    tab.do(steps)

    commitment.refresh_from_db()
    assert commitment.status == Status.UNDER_REVIEW
    assert commitment.evidence.filter(title="Final report PO21", kind="report").exists()
    submission = commitment.reviews.get(action=Action.SUBMIT)
    assert (submission.actor, submission.proposed_verdict) == (world.staff, "met")


def test_a_reviewer_sends_back_and_approves_after_resubmission(open_tab, world):
    commitment = world["under_review"]

    def review(decision, **fields):
        def steps(page):
            page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Beoordelen").click()
            expect(page.get_by_role("heading", level=1)).to_have_text("Ter beoordeling")
            page.get_by_role("link", name=commitment.reference).click()
            expect(page.get_by_text("The letter shows the follow-up")).to_be_visible()
            page.get_by_role("group", name="Besluit").get_by_label(decision).check()
            for label, value in fields.items():
                page.get_by_label(label).fill(value)
            page.locator("main form").get_by_role("button", name="Beoordelen").click()
            expect(page.get_by_text("Uw beoordeling is vastgelegd.")).to_be_visible()

        return steps

    def resubmit(page):
        sent_back = page.get_by_role("row").filter(has_text=commitment.reference)
        expect(sent_back).to_contain_text("Teruggestuurd")
        expect(sent_back).to_contain_text("Name the annual report's page.")
        sent_back.get_by_role("link", name=commitment.reference).click()
        page.get_by_role("link", name="Ter beoordeling aanbieden").click()
        page.get_by_label("Voorgesteld oordeel").select_option(label="Gerealiseerd")
        page.get_by_label("Toelichting").fill("The letter shows the follow-up; see the annual report, p. 12.")
        page.locator("main form").get_by_role("button", name="Ter beoordeling aanbieden").click()
        expect(page.get_by_text("Het voornemen is ter beoordeling aangeboden.")).to_be_visible()

    reviewer = open_tab(name="reviewer")
    reviewer.do(log_in(world.reviewer.username))
    reviewer.do(review("Terugsturen", Motivering="Name the annual report's page."))
    commitment.refresh_from_db()
    assert commitment.status == Status.IN_PROGRESS

    staff = open_tab(name="staff")
    staff.do(log_in(world.staff.username))
    staff.do(resubmit)
    commitment.refresh_from_db()
    assert commitment.status == Status.UNDER_REVIEW

    reviewer.do(review("Goedkeuren met oordeel", **{"Vindplaats in het jaarbericht": "Jaarbericht 2024, p. 12"}))
    commitment.refresh_from_db()
    assert commitment.status == Status.MET
    assert (commitment.decision.actor, commitment.decision.annual_report_reference) == (
        world.reviewer,
        "Jaarbericht 2024, p. 12",
    )
    assert list(commitment.reviews.values_list("action", flat=True)) == [
        Action.START,
        Action.SUBMIT,
        Action.SEND_BACK,
        Action.SUBMIT,
        Action.APPROVE,
    ]


def test_a_manager_opens_the_dashboard_and_downloads_the_year_end_files(open_tab, world):
    def steps(page):
        expect(page.get_by_text("Realisatiegraad 2024")).to_be_visible()
        # 2024 is the year still being accounted for, though the Werkprogramma 2025 exists.
        page.get_by_role("link", name="Naar het jaaroverzicht").click()
        expect(page.get_by_role("navigation", name="Andere jaren").get_by_role("link", name="2025")).to_be_visible()
        expect(page.get_by_role("heading", level=1)).to_have_text("Verantwoording Werkprogramma 2024")
        return click_and_download(page, "XLSX"), click_and_download(page, "Rapport (PDF)")

    tab = open_tab()
    tab.do(log_in(world.manager.username))
    (xlsx_name, xlsx), (pdf_name, pdf) = tab.do(steps)

    assert xlsx_name.endswith(".xlsx") and pdf_name.endswith(".pdf")
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx), read_only=True)
    cells = {str(cell) for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True) for cell in row}
    assert {commitment.reference for commitment in world.commitments.values() if commitment.programme.year == 2024} <= (
        cells
    )
    assert pdf.startswith(b"%PDF")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Verantwoording Werkprogramma 2024" in text
    assert world["met"].title in text


def test_a_stale_edit_shows_the_conflict_and_overwrites_nothing(open_tab, world, politie):
    colleague = make_user("fiona", [permissions.STAFF], [politie], first_name="Fiona", last_name="Smit")
    commitment = world["in_progress"]
    edit = f"/commitments/{commitment.reference}/edit/"

    def open_form(page):
        page.goto(edit)
        expect(page.get_by_label("Titel")).to_have_value(commitment.title)

    def change_title(title):
        def steps(page):
            page.get_by_label("Titel").fill(title)
            page.locator("main form").get_by_role("button", name="Opslaan").click()

        return steps

    def sees_the_conflict(page):
        conflict = page.get_by_role("alert")
        expect(conflict.get_by_role("heading")).to_have_text("Het voornemen is intussen gewijzigd")
        expect(conflict.get_by_role("row", name="Titel")).to_contain_text("Colleague's title")
        expect(page.get_by_label("Titel")).to_have_value("My title")
        checks.screenshot(page, "journey-edit-conflict")

    mine, theirs = open_tab(world.staff, name="mine"), open_tab(colleague, name="theirs")
    mine.do(open_form)
    theirs.do(open_form)
    theirs.do(change_title("Colleague's title"))
    mine.do(change_title("My title"))
    mine.do(sees_the_conflict)

    commitment.refresh_from_db()
    assert commitment.title == "Colleague's title"

    mine.do(change_title("My title"))  # saving again, having seen theirs, keeps mine
    commitment.refresh_from_db()
    assert commitment.title == "My title"


def test_the_language_is_chosen_by_the_browser_or_the_switch(open_tab, world):
    def english_by_the_browser(page):
        page.goto("/accounts/login/")
        expect(page.locator("html")).to_have_attribute("lang", "en")
        expect(page.get_by_role("heading", level=1)).to_have_text("Log in")

    def switch(page):
        page.goto("/commitments/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Voornemens")
        page.get_by_role("button", name="English").click()
        expect(page).to_have_url(re.compile(r"/commitments/$"))
        expect(page.locator("html")).to_have_attribute("lang", "en")
        expect(page.get_by_role("heading", level=1)).to_have_text("Commitments")
        checks.screenshot(page, "english-register")
        page.get_by_role("link", name="Dashboard").click()
        expect(page.get_by_text("My actions")).to_be_visible()
        page.get_by_role("button", name="Nederlands").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Overzicht")

    open_tab(locale="en-GB", name="english").do(english_by_the_browser)
    open_tab(world.staff, name="switch").do(switch)


def test_on_a_phone_the_register_shows_the_list_first_and_the_filters_on_request(open_tab, world):
    def steps(page):
        page.goto("/commitments/")
        panel = page.locator("details.filter-panel")
        expect(panel).not_to_have_attribute("open", "")
        expect(page.get_by_role("form", name="Filters")).to_be_hidden()
        expect(page.locator("table.register tbody a").first).to_be_in_viewport()

        page.get_by_text("Filters", exact=True).click()
        filters = page.get_by_role("form", name="Filters")
        expect(filters).to_be_visible()
        filters.get_by_label("Toezichtgebied").select_option(label="Politie")
        filters.get_by_role("button", name="Filteren").click()
        expect(page.get_by_role("form", name="Filters")).to_be_visible()  # in use: it stays open
        expect(page.locator("details.filter-panel summary")).to_contain_text("1 in gebruik")

    tab = open_tab(world.staff, viewport=NARROW)
    tab.do(steps)


def test_on_a_wide_screen_the_register_filters_are_open(open_tab, world):
    def steps(page):
        page.goto("/commitments/")
        expect(page.get_by_role("form", name="Filters")).to_be_visible()

    open_tab(world.staff).do(steps)


def test_a_manager_closes_a_year_once_everything_is_decided_and_carries_the_delays_over(open_tab, world, politie):
    """2023 with one commitment still under review: the close is refused with a link to it; after the decision the
    manager closes the year and carries its delayed commitment over into 2024, and the year reads as final."""
    earlier = WorkProgramme.objects.create(year=2023, title="Werkprogramma 2023")
    waiting, late = (
        workflow.create_commitment(
            by=world.staff,
            programme=earlier,
            title=title,
            statement=f"{title} wordt in 2023 gepubliceerd.",
            kind="publication",
            domain=politie,
            owner=world.staff,
        )
        for title in ("Study of police custody", "Study of police dogs")
    )
    bring_to(late, Status.DELAYED, staff=world.staff, decider=world.reviewer)
    bring_to(waiting, Status.UNDER_REVIEW, staff=world.staff)

    def refused(page):
        page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Werkprogramma's").click()
        page.get_by_role("link", name="2023", exact=True).click()
        page.get_by_role("link", name="Jaar vaststellen").click()
        expect(page.get_by_role("alert")).to_contain_text("1 voornemen wacht nog op een besluit")
        expect(page.get_by_role("link", name=waiting.reference)).to_be_visible()

    def close(page):
        page.reload()
        expect(page.get_by_text("Alle voornemens zijn beoordeeld")).to_be_visible()
        expect(
            page.get_by_label("De vertraagde voornemens overhevelen naar het volgende werkprogramma")
        ).to_be_checked()
        page.locator("main form").get_by_role("button", name="Vaststellen").click()
        expect(page.get_by_text("Het werkprogramma 2023 is vastgesteld.")).to_be_visible()
        expect(page.locator("main .lead")).to_contain_text("Vastgesteld op")
        expect(page.get_by_role("link", name="Jaar vaststellen")).to_have_count(0)

    manager = open_tab()
    manager.do(log_in(world.manager.username))
    manager.do(refused)
    approve(waiting, world.reviewer, Verdict.MET)
    manager.do(close)

    earlier.refresh_from_db()
    assert earlier.is_closed and earlier.closed_by == world.manager
    successor = Commitment.objects.get(predecessor=late)
    assert successor.programme == world.programme
