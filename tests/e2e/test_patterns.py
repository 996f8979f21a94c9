"""The NL Design System's patterns of issue 17, in the browser at 1280 and 375 px: the current page marked in the
menu, an error summary at the top of a form with errors whose links move to the field, 24 px radio buttons, tables
that become cards on a phone, a compact header. (The accessibility walk checks the same on every page; these show
each pattern working.)"""

import pytest

from tests.e2e import checks
from tests.e2e.conftest import DESKTOP, NARROW
from tests.e2e.test_accessibility import world  # noqa: F401 (the fixture)

pytestmark = pytest.mark.browser

CURRENT = """() => [...document.querySelectorAll("header nav [aria-current]")]
  .map((a) => [a.textContent.trim(), a.getAttribute("aria-current")])"""


@pytest.mark.parametrize("viewport", [DESKTOP, NARROW], ids=["1280", "375"])
def test_the_menu_marks_the_current_page_and_its_section(open_tab, world, viewport):  # noqa: F811
    detail = world["in_progress"].get_absolute_url()

    def steps(page):
        marks = {}
        for path in ("/", "/commitments/", detail, "/accounts/password_change/"):
            page.goto(path)
            marks[path] = page.evaluate(CURRENT)
        return marks

    marks = open_tab(world.staff, viewport=viewport).do(steps)

    assert marks["/"] == [["Overzicht", "page"]]
    assert marks["/commitments/"] == [["Voornemens", "page"]]
    assert marks[detail] == [["Voornemens", "true"]]
    assert marks["/accounts/password_change/"] == []


@pytest.mark.parametrize("viewport", [DESKTOP, NARROW], ids=["1280", "375"])
def test_a_form_with_errors_begins_with_a_summary_that_leads_to_each_field(open_tab, world, viewport):  # noqa: F811
    def steps(page):
        page.goto("/commitments/new/")
        page.fill("#id_title", "")
        page.locator("main form[method=post] [type=submit]").first.click()
        page.wait_for_load_state()
        summary = page.locator("main .error-summary")
        links = summary.locator("a")
        found = {
            "role": summary.get_attribute("role"),
            "first": page.evaluate(
                "() => { const s = document.querySelector('.error-summary');"
                " return s === s.closest('form').querySelector('.error-summary, .utrecht-form-field'); }"
            ),
            "links": [links.nth(i).get_attribute("href") for i in range(links.count())],
        }
        summary.locator("a[href='#id_title']").click()
        found["focused"] = page.evaluate("() => document.activeElement.id")
        return found

    found = open_tab(world.staff, viewport=viewport).do(steps)

    assert found["role"] == "alert" and found["first"]
    assert "#id_title" in found["links"]
    assert found["focused"] == "id_title"


@pytest.mark.parametrize("viewport", [DESKTOP, NARROW], ids=["1280", "375"])
def test_radio_buttons_and_checkboxes_are_24_px_at_least(open_tab, world, viewport):  # noqa: F811
    def steps(page):
        page.goto(f"{world['under_review'].get_absolute_url()}review/")
        # Every radio button in view: the review form shows the kinds of drop only for "Vervallen" (review.js).
        page.check("main input[name=decision][value=approve]")
        page.select_option("main select[name=verdict]", "dropped")
        return page.evaluate(
            """() => [...document.querySelectorAll("main input[type=radio], main input[type=checkbox]")]
              .map((el) => { const box = el.getBoundingClientRect(); return [box.width, box.height]; })"""
        )

    sizes = open_tab(world.reviewer, viewport=viewport).do(steps)

    assert sizes and all(width >= 24 and height >= 24 for width, height in sizes), sizes


def test_on_a_phone_the_tables_become_cards_and_the_header_is_compact(open_tab, world):  # noqa: F811
    def steps(page):
        found = {}
        for path in ("/", "/reviews/"):
            page.goto(path)
            found[path] = page.evaluate(
                """() => {
                  const table = document.querySelector("main table.table-cards");
                  const row = table.querySelector("tbody tr");
                  const cells = [...row.querySelectorAll("td[data-label]")];
                  return {
                    header: document.querySelector("header").getBoundingClientRect().height,
                    headRowHidden: table.querySelector("thead").getBoundingClientRect().height <= 1,
                    rowFits: row.getBoundingClientRect().right <= window.innerWidth,
                    labels: cells.map((cell) => getComputedStyle(cell, "::before").content),
                  };
                }"""
            )
        return found

    found = open_tab(world.reviewer, viewport=NARROW).do(steps)

    for page in found.values():
        assert page["header"] < 100
        assert page["headRowHidden"] and page["rowFits"]
        assert page["labels"] and all(label not in ("none", "normal", "") for label in page["labels"])
    assert '"Toezichtgebied: "' in found["/reviews/"]["labels"]


CHIPS = """() => [...document.querySelectorAll("main .filter-chips a.filter-chip")].map((a) => ({
  text: a.firstChild.textContent.trim(), href: a.getAttribute("href"), height: a.getBoundingClientRect().height }))"""


def open_filters(page):
    """On a phone the filters fold away while none is in use: open them as a person would."""
    panel = page.locator("main details.filter-panel")
    if panel.get_attribute("open") is None:
        panel.locator("summary").click()


@pytest.mark.parametrize("viewport", [DESKTOP, NARROW], ids=["1280", "375"])
def test_status_is_checkboxes_and_each_filter_in_use_is_a_chip_that_removes_it(open_tab, world, viewport):  # noqa: F811
    def steps(page):
        page.goto("/commitments/")
        open_filters(page)
        found = {"list_boxes": page.locator("main select[multiple]").count()}
        for label in ("Gepland", "In uitvoering"):
            page.get_by_role("group", name="Status").get_by_label(label, exact=True).check()
        with page.expect_navigation():
            page.get_by_role("button", name="Filteren").click()
        found["after_filtering"] = page.url
        found["chips"] = page.evaluate(CHIPS)
        found["axe"] = checks.axe_violations(page)
        found["boxes"] = page.evaluate(
            """() => [...document.querySelectorAll("main input[name=status]")]
              .map((el) => { const box = el.getBoundingClientRect(); return [box.width, box.height]; })"""
        )
        with page.expect_navigation():
            page.get_by_role("link", name="Status: Gepland — Verwijderen").click()
        found["after_removing"] = page.url
        found["chips_left"] = [chip["text"] for chip in page.evaluate(CHIPS)]
        return found

    found = open_tab(world.staff, viewport=viewport).do(steps)

    assert found["list_boxes"] == 0
    assert "status=planned" in found["after_filtering"] and "status=in_progress" in found["after_filtering"]
    assert [chip["text"] for chip in found["chips"]] == ["Status: Gepland", "Status: In uitvoering"]
    assert all(chip["height"] >= 24 for chip in found["chips"]), found["chips"]
    assert found["axe"] == []
    assert found["boxes"] and all(width >= 24 and height >= 24 for width, height in found["boxes"])
    assert "status=in_progress" in found["after_removing"] and "status=planned" not in found["after_removing"]
    assert found["chips_left"] == ["Status: In uitvoering"]


@pytest.mark.parametrize("viewport", [DESKTOP, NARROW], ids=["1280", "375"])
def test_mijn_voornemens_is_one_link_and_its_address_can_be_shared(open_tab, world, viewport):  # noqa: F811
    def steps(page):
        page.goto("/commitments/?domain=politie")
        with page.expect_navigation():
            page.get_by_role("link", name="Mijn voornemens", exact=True).click()
        return {
            "url": page.url,
            "chips": [chip["text"] for chip in page.evaluate(CHIPS)],
            "owners": page.evaluate(
                """() => [...document.querySelectorAll("main tbody td[data-label]")]
                  .filter((td) => td.dataset.label.startsWith("Eigenaar")).map((td) => td.textContent.trim())"""
            ),
            "axe": checks.axe_violations(page),
        }

    found = open_tab(world.staff, viewport=viewport).do(steps)

    assert found["url"].endswith("/commitments/?domain=politie&owner=me")
    assert found["chips"] == ["Toezichtgebied: Politie", "Eigenaar: Mijn voornemens"]
    assert found["owners"] and {owner.split(" (")[0] for owner in found["owners"]} == {world.staff.get_full_name()}
    assert found["axe"] == []


@pytest.mark.parametrize("viewport", [DESKTOP, NARROW], ids=["1280", "375"])
def test_the_overview_shows_its_filters_as_chips(open_tab, world, viewport):  # noqa: F811
    year = world.programme.year

    def steps(page):
        page.goto(f"/overview/{year}/?domain=politie&goal=lerend-vermogen")
        found = {"chips": [chip["text"] for chip in page.evaluate(CHIPS)], "axe": checks.axe_violations(page)}
        with page.expect_navigation():
            page.get_by_role("link", name="Toezichtgebied: Politie — Verwijderen").click()
        found["url"] = page.url
        return found

    found = open_tab(world.manager, viewport=viewport).do(steps)

    assert found["chips"][0] == "Toezichtgebied: Politie" and found["chips"][1].startswith("Doel: ")
    assert found["axe"] == []
    assert found["url"].endswith(f"/overview/{year}/?goal=lerend-vermogen")
