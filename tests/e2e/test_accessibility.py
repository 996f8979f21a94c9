"""Every page of the application, for each role that sees it, meets WCAG 2.1 AA as far as a machine can tell
(tests/e2e/checks.py), in Chromium. One walk per role; a failure lists every problem of every page at once.
The main pages are also saved as screenshots (artifacts/screenshots/) for people to look at."""

import pytest
from django.template.loader import render_to_string

from tests.e2e import checks
from tests.e2e.world import Page, build_world, pages_for

pytestmark = pytest.mark.browser

# The pages that people look at most, saved as screenshots at desktop and narrow width.
SCREENSHOT_PAGES = {
    ("anonymous", "login"),
    ("staff", "dashboard"),
    ("staff", "register"),
    ("staff", "detail"),
    ("staff", "edit-conflict"),
    ("staff", "submit-errors"),
    ("reviewer", "review-queue"),
    ("reviewer", "review"),
    ("manager", "dashboard"),
    ("manager", "overview"),
    ("beheerder", "import-dry-run"),
    # walked by test_intake_journey.py and test_public_accessibility.py
    ("beheerder", "candidates"),
    ("beheerder", "dry-run"),
    ("staff", "api-tokens-one"),
    ("anonymous", "public-index"),
    ("anonymous", "public-year"),
}

FILL_FORM = """(values) => {
  const form = document.querySelector("main form[method=post]");
  for (const [name, value] of Object.entries(values)) {
    const fields = form.querySelectorAll(`[name="${name}"]`);
    if (!fields.length) throw new Error(`no field ${name}`);
    for (const field of fields) {
      if (field.type === "radio" || field.type === "checkbox") field.checked = field.value === value;
      else field.value = value;
    }
  }
}"""


def show(page, target):
    """Open the page; with `target.form`, fill in the form of <main> and send it. Returns the HTTP status."""
    response = page.goto(target.path)
    if target.form is None:
        return response.status
    files = {name: value for name, value in target.form.items() if isinstance(value, tuple)}
    values = {name: value for name, value in target.form.items() if name not in files}
    page.evaluate(FILL_FORM, values)
    for name, (filename, content) in files.items():
        page.set_input_files(
            f'main form [name="{name}"]', {"name": filename, "mimeType": "text/csv", "buffer": content}
        )
    with page.expect_navigation() as navigation:
        page.locator("main form[method=post] [type=submit]").first.click()
    return navigation.value.status


def walk(role, targets):
    """In the browser: every check on every page; the problems, page by page."""

    def steps(page):
        problems = {}
        for target in targets:
            status = show(page, target)
            if (role, target.name) in SCREENSHOT_PAGES:
                checks.screenshot(page, f"{role}-{target.name}")
            found = [f"HTTP {status}, expected {target.status}"] if status != target.status else []
            found += checks.axe_violations(page)
            found += checks.structure(page)
            found += checks.keyboard(page)
            found += checks.no_horizontal_scrolling(page)
            found += checks.patterns(page)
            found += checks.targets(page)
            if found:
                problems[f"{role} {target.name} ({target.path})"] = found
        return problems

    return steps


def report(problems):
    return "\n".join(f"{page}:\n  " + "\n  ".join(found) for page, found in problems.items())


@pytest.fixture
def world(programme, politie, migratie, alice, bob, carol, dave, erin):
    return build_world(
        programme=programme, politie=politie, migratie=migratie, alice=alice, bob=bob, carol=carol, dave=dave, erin=erin
    )


@pytest.mark.parametrize("role", ["anonymous", "staff", "reviewer", "manager", "beheerder"])
def test_every_page_meets_wcag_for_each_role(open_tab, world, role):
    user = {
        "anonymous": None,
        "staff": world.staff,
        "reviewer": world.reviewer,
        "manager": world.manager,
        "beheerder": world.beheerder,
    }[role]

    problems = open_tab(user).do(walk(role, pages_for(world)[role]))

    assert not problems, "\n" + report(problems)


def test_the_page_of_an_export_too_large_meets_wcag(open_tab, world, monkeypatch):
    """The answer (413) to an XLSX of the register and of the overview over its limit, the limits made 1 here."""
    from commitments import exports

    monkeypatch.setattr(exports, "REGISTER_XLSX_AT_MOST", 1)
    monkeypatch.setitem(exports.OVERVIEW_EXPORT_AT_MOST, "xlsx", 1)
    year = world.programme.year
    targets = [
        Page("register-xlsx-too-large", "/commitments/?domain=politie&_export=xlsx", status=413),
        Page("overview-xlsx-too-large", f"/overview/{year}/export.xlsx?domain=politie", status=413),
    ]

    problems = open_tab(world.manager).do(walk("manager", targets))

    assert not problems, "\n" + report(problems)


def test_the_pages_without_the_application_meet_wcag_too(open_tab, rf, reference_data):
    """400, 413 and 500 are rendered without the application's context (a bad request, a body too large, a broken
    view); the lockout page by django-axes, after five failed logins."""

    def steps(page, documents):
        problems = {}
        for name, html in documents.items():
            page.goto("/healthz")  # an address of the site, so that the page's stylesheet loads
            page.set_content(html)
            found = checks.axe_violations(page) + checks.structure(page) + checks.no_horizontal_scrolling(page)
            if found:
                problems[name] = found
        return problems

    locked_out = {"failure_limit": 5, "cooloff_minutes": 15}
    documents = {
        name: render_to_string(name, context, request=rf.get("/accounts/login/"))
        for name, context in (
            ("400.html", {}),
            ("413.html", {"limit": "256 KB"}),
            ("500.html", {}),
            ("registration/locked_out.html", locked_out),
        )
    }

    problems = open_tab().do(steps, documents)

    assert not problems, "\n" + report(problems)


BROKEN_PAGE = """<!DOCTYPE html><html lang="nl"><head><title>Kapot</title>
<style>button:focus { outline: none; } .wide { width: 800px; }</style></head><body>
<header>{skip_link}<nav aria-label="Menu"><a href="/">Start</a></nav></header>
<main id="main" tabindex="-1"><h1>Een</h1><h1>Twee</h1>
<input name="naam"><button>Zoeken</button>
<div class="field has-error"><input name="jaar"><div class="errors" id="id_jaar_error">Fout</div></div>
<table><tr><td>1</td></tr></table><div class="wide">breed</div></main></body></html>"""


def test_the_checks_find_what_they_look_for(open_tab, reference_data):
    def steps(page, document):
        page.goto("about:blank")  # not the site: its security policy would refuse the page's own <style>
        page.set_content(document)
        return {
            "axe": checks.axe_violations(page),
            "structure": checks.structure(page),
            "keyboard": checks.keyboard(page),
            "scrolling": checks.no_horizontal_scrolling(page),
        }

    tab = open_tab()
    found = tab.do(steps, BROKEN_PAGE.replace("{skip_link}", ""))
    with_skip_link = tab.do(
        steps, BROKEN_PAGE.replace("{skip_link}", '<a class="skip-link" href="#main">Naar de inhoud</a>')
    )

    assert any(problem.startswith("axe label ") for problem in found["axe"])
    assert {"2 h1 elements, not 1", "a menu before <main>, and no skip link", "jaar: no aria-invalid"} <= set(
        found["structure"]
    )
    assert any("table without headers" in problem for problem in found["structure"])
    assert found["keyboard"] == ['the first Tab stop is a "Start", not the skip link']
    assert with_skip_link["keyboard"] == ['no visible focus on button "Zoeken"']
    assert found["scrolling"] == [
        "scrolls sideways at 375 px wide: 808 px wide",
        "scrolls sideways at 200% zoom: 808 px wide",
    ]
