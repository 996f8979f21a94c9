"""Issue 17 points 5 and 8 in the browser, at 1280 and 375 px, by keyboard, each page with axe at 0 violations: the
status panel of the detail page starts a commitment at once (no confirmation page), the state-of-affairs form writes
the current state, and the register's bulk actions start a selection, or change nothing and say why."""

import pytest
from playwright.sync_api import expect

from commitments.models import Status
from tests.e2e import checks
from tests.e2e.conftest import DESKTOP, NARROW
from tests.e2e.test_accessibility import world  # noqa: F401 (the fixture)

pytestmark = pytest.mark.browser
VIEWPORTS = pytest.mark.parametrize("viewport", [DESKTOP, NARROW], ids=["1280", "375"])


def problems_of(page):
    """Every check of the accessibility walk on the page as it is now (they leave the window at 1280 px)."""
    width = page.viewport_size
    found = checks.axe_violations(page) + checks.structure(page) + checks.patterns(page)
    found += checks.keyboard(page) + checks.no_horizontal_scrolling(page) + checks.targets(page)
    page.set_viewport_size(width)
    return found


def press(locator, key):
    locator.focus()
    locator.press(key)


@VIEWPORTS
def test_the_status_panel_starts_a_commitment_at_once(open_tab, world, viewport):  # noqa: F811
    planned = world["planned"]

    def steps(page):
        page.goto(planned.get_absolute_url())
        found = {"before": problems_of(page)}
        panel = page.get_by_role("region", name="Status")
        with page.expect_navigation():
            press(panel.get_by_role("button", name="Starten"), "Enter")
        found["url"] = page.url
        expect(page.get_by_text(f"{planned.reference}: Het voornemen is gestart.")).to_be_visible()
        expect(panel.locator(".status")).to_have_text("In uitvoering")
        expect(panel.get_by_role("link", name="Ter beoordeling aanbieden")).to_be_visible()
        found["after"] = problems_of(page)
        return found

    found = open_tab(world.staff, viewport=viewport).do(steps)

    assert found["url"].endswith(planned.get_absolute_url())
    assert found["before"] == [] and found["after"] == []
    planned.refresh_from_db()
    assert planned.status == Status.IN_PROGRESS


@VIEWPORTS
def test_the_state_of_affairs_form_writes_the_current_state(open_tab, world, viewport):  # noqa: F811
    working = world["in_progress"]

    def steps(page):
        page.goto(working.get_absolute_url())
        section = page.get_by_role("region", name="Stand van zaken")
        section.get_by_label("Nieuwe stand van zaken").fill("Fieldwork done; the draft report is with the police.")
        with page.expect_navigation():
            press(section.get_by_role("button", name="Stand van zaken bijwerken"), "Enter")
        expect(page.get_by_text("De stand van zaken is bijgewerkt.")).to_be_visible()
        expect(section.locator(".state-of-affairs-text")).to_have_text(
            "Fieldwork done; the draft report is with the police."
        )
        expect(section).to_contain_text("Bijgewerkt op")
        return problems_of(page)

    problems = open_tab(world.staff, viewport=viewport).do(steps)

    assert problems == []
    assert working.progress_updates.get().text == "Fieldwork done; the draft report is with the police."


def choose(page, references):
    for reference in references:
        press(page.get_by_label(f"Kies {reference}"), "Space")


@VIEWPORTS
def test_bulk_actions_start_a_selection_by_keyboard(open_tab, world, viewport):  # noqa: F811
    chosen = [world["planned"], world["next_year"]]

    def steps(page):
        page.goto("/commitments/?status=planned")
        found = {"register": problems_of(page)}
        choose(page, [c.reference for c in chosen])
        bulk = page.get_by_role("group", name="Met de gekozen voornemens")
        bulk.get_by_label("Actie").select_option(label="Starten")
        with page.expect_navigation():
            press(bulk.get_by_role("button", name="Uitvoeren"), "Enter")
        found["url"] = page.url
        found["messages"] = page.locator(".messages").inner_text()
        found["after"] = problems_of(page)
        return found

    found = open_tab(world.staff, viewport=viewport).do(steps)

    assert found["url"].endswith("/commitments/?status=planned")  # back to the list as it was filtered
    assert "2 voornemens gestart" in found["messages"]
    assert found["register"] == [] and found["after"] == []
    for commitment in chosen:
        commitment.refresh_from_db()
        assert commitment.status == Status.IN_PROGRESS


@VIEWPORTS
def test_a_refused_bulk_action_changes_nothing_and_says_why(open_tab, world, viewport):  # noqa: F811
    planned, working = world["planned"], world["in_progress"]

    def steps(page):
        page.goto("/commitments/")
        choose(page, [planned.reference, working.reference])
        bulk = page.get_by_role("group", name="Met de gekozen voornemens")
        bulk.get_by_label("Actie").select_option(label="Starten")
        with page.expect_navigation():
            press(bulk.get_by_role("button", name="Uitvoeren"), "Enter")
        return page.locator(".messages").inner_text(), problems_of(page)

    messages, problems = open_tab(world.staff, viewport=viewport).do(steps)

    assert "Er is niets gewijzigd: 1 van de 2 gekozen voornemens kan dit niet." in messages
    assert f"{working.reference}: Alleen een gepland voornemen kan worden gestart." in messages
    assert problems == []
    planned.refresh_from_db()
    assert planned.status == Status.PLANNED


@VIEWPORTS
def test_one_checkbox_chooses_every_row_of_the_page(open_tab, world, viewport):  # noqa: F811
    chosen = """() => [...document.querySelectorAll('input[name="bulk-commitments"]')].map((box) => box.checked)"""

    def steps(page):
        page.goto("/commitments/?status=planned")
        press(page.get_by_label("Alle voornemens op deze pagina kiezen"), "Space")
        after_all = page.evaluate(chosen)
        press(page.get_by_label(f"Kies {world['planned'].reference}"), "Space")
        return after_all, page.evaluate(chosen), page.get_by_label("Alle voornemens op deze pagina kiezen").is_checked()

    after_all, after_one, all_still_checked = open_tab(world.staff, viewport=viewport).do(steps)

    assert len(after_all) == 3 and all(after_all)
    assert after_one.count(False) == 1 and not all_still_checked
