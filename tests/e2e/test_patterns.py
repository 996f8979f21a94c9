"""The NL Design System's patterns of issue 17, in the browser at 1280 and 375 px: the current page marked in the
menu, an error summary at the top of a form with errors whose links move to the field, 24 px radio buttons, tables
that become cards on a phone, a compact header. (The accessibility walk checks the same on every page; these show
each pattern working.)"""

import pytest

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
