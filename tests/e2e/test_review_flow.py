"""The dashboard by urgency and reviewing in a row (issue 17, points 3 and 4), in the browser at 1280 and 375 px,
with axe at 0 violations: the counts first, the review form that shows only the fields of the chosen decision
(static/js/review.js), and a decision that opens the next commitment of the same queue."""

import pytest

from commitments.models import Status
from tests.e2e import checks
from tests.e2e.conftest import DESKTOP, NARROW
from tests.e2e.test_accessibility import world  # noqa: F401 (the fixture)
from tests.overview_data import advance, create

pytestmark = pytest.mark.browser

VIEWPORTS = pytest.mark.parametrize("viewport", [DESKTOP, NARROW], ids=["1280", "375"])
SHOWN = """(names) => Object.fromEntries(names.map((name) => {
  const field = document.querySelector(`main form [name="${name}"]`);
  return [name, !!field && field.getClientRects().length > 0];
}))"""
FIELDS = ["verdict", "annual_report_reference", "expected_date", "drop_kind", "rationale"]


@VIEWPORTS
def test_the_dashboard_leads_with_the_counts_in_order_of_urgency(open_tab, world, viewport):  # noqa: F811
    def steps(page):
        page.goto("/")
        return {
            "axe": checks.axe_violations(page),
            "tally": page.locator("main .tally-item").all_inner_texts(),
            "fits": page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"),
            "tally_above_lists": page.evaluate(
                "() => document.querySelector('.tally').getBoundingClientRect().bottom"
                " <= document.querySelector('#submitted').getBoundingClientRect().top"
            ),
        }

    found = open_tab(world.staff, viewport=viewport).do(steps)

    assert found["axe"] == []
    assert found["fits"] and found["tally_above_lists"]
    labels = [" ".join(text.split()) for text in found["tally"]]
    assert [label.split(" ", 1)[1] for label in labels] == [
        "over de deadline, niet aangeboden",
        "binnen 30 dagen",
        "teruggestuurd",
        labels[3].split(" ", 1)[1],
    ]
    assert labels[3].split(" ", 1)[1] in ("wacht op een oordeel", "wachten op een oordeel")
    assert all(label.split(" ", 1)[0].isdigit() for label in labels)


@VIEWPORTS
def test_the_review_form_shows_only_the_fields_of_the_chosen_decision(open_tab, world, viewport):  # noqa: F811
    path = f"/commitments/{world['under_review'].reference}/review/"

    def steps(page):
        page.goto(path)
        found = {"none": page.evaluate(SHOWN, FIELDS)}
        page.check("main input[name=decision][value=send_back]")
        found["send_back"] = page.evaluate(SHOWN, FIELDS)
        found["axe_send_back"] = checks.axe_violations(page)
        page.check("main input[name=decision][value=approve]")
        page.select_option("main select[name=verdict]", "met")
        found["approve_met"] = page.evaluate(SHOWN, FIELDS)
        page.select_option("main select[name=verdict]", "delayed")
        found["approve_delayed"] = page.evaluate(SHOWN, FIELDS)
        page.select_option("main select[name=verdict]", "dropped")
        found["approve_dropped"] = page.evaluate(SHOWN, FIELDS)
        found["axe_approve"] = checks.axe_violations(page)
        found["fits"] = page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
        return found

    found = open_tab(world.reviewer, viewport=viewport).do(steps)

    only = lambda *names: {name: name in names for name in FIELDS}  # noqa: E731
    assert found["none"] == only("rationale")
    assert found["send_back"] == only("rationale")
    assert found["approve_met"] == only("verdict", "annual_report_reference", "rationale")
    assert found["approve_delayed"] == only("verdict", "annual_report_reference", "expected_date", "rationale")
    assert found["approve_dropped"] == only("verdict", "annual_report_reference", "drop_kind", "rationale")
    assert found["axe_send_back"] == [] and found["axe_approve"] == []
    assert found["fits"]


def test_without_the_script_every_field_shows(open_tab, world):  # noqa: F811
    path = f"/commitments/{world['under_review'].reference}/review/"

    def steps(page):
        page.route("**/review.js", lambda route: route.abort())
        page.goto(path)
        return page.evaluate(SHOWN, FIELDS)

    assert all(open_tab(world.reviewer).do(steps).values())


@VIEWPORTS
def test_a_decision_opens_the_next_of_the_filtered_queue(open_tab, world, programme, politie, alice, bob, viewport):  # noqa: F811
    second = advance(
        create(programme, politie, alice, "Second waiting one"), Status.UNDER_REVIEW, staff=alice, reviewer=bob
    )
    first = world["under_review"]

    def steps(page):
        page.goto("/reviews/")
        page.select_option("main select[name=domain]", "politie")
        page.locator("main form[method=get] [type=submit]").click()
        page.wait_for_load_state()
        found = {"queue_url": page.url, "axe_queue": checks.axe_violations(page)}
        page.locator(f"main a[href^='/commitments/{first.reference}/review/']").click()
        page.wait_for_load_state()
        page.check("main input[name=decision][value=send_back]")
        page.fill("main textarea[name=rationale]", "Please add the letter to parliament.")
        with page.expect_navigation():
            page.locator("main form[method=post] [type=submit]").click()
        found["after_first"] = page.url
        found["message"] = page.locator(".messages").inner_text()
        found["axe_next"] = checks.axe_violations(page)
        return found

    found = open_tab(world.reviewer, viewport=viewport).do(steps)

    assert "/reviews/?domain=politie" in found["queue_url"]
    assert f"/commitments/{second.reference}/review/?domain=politie" in found["after_first"]
    assert "Uw beoordeling is vastgelegd." in found["message"]
    assert found["axe_queue"] == [] and found["axe_next"] == []
