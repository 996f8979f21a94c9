"""What every page must be, checked in the browser (WCAG 2.1 AA): axe-core finds no violation, one h1, a skip link
that moves the focus to <main>, a visible focus on every stop of the keyboard in document order, form errors tied to
their fields, tables with headers, charts with a text alternative, and no horizontal scrolling of the page at 375 px
wide or at 200% zoom.

Each check returns a list of problems (strings), so that a walk over many pages reports them all at once.
"""

from axe_playwright_python.sync_playwright import Axe

from tests.e2e.conftest import DESKTOP, NARROW, SCREENSHOTS

AXE = Axe()
# WCAG 2.0 and 2.1, levels A and AA, and axe's best practices (landmarks, one main, headings in order, ...).
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
    "resultTypes": ["violations"],
}
# 200% zoom of a 1280 px window lays the page out as a 640 px window does.
ZOOMED = {"width": DESKTOP["width"] // 2, "height": DESKTOP["height"] // 2}
# Half a pixel of rounding either way.
SCROLL_TOLERANCE = 1
MAX_TAB_STOPS = 150

STRUCTURE = """() => {
  const problems = [];
  const text = (el) => (el ? el.textContent.trim() : "");
  const h1s = document.querySelectorAll("h1");
  if (h1s.length !== 1) problems.push(`${h1s.length} h1 elements, not 1`);
  const main = document.querySelector("main#main");
  const skipLink = document.querySelector("a.skip-link[href='#main']");
  if (!main) problems.push("no <main id=main>");
  if (document.querySelector("header nav") && !skipLink) problems.push("a menu before <main>, and no skip link");
  if (main && skipLink && main.getAttribute("tabindex") !== "-1") {
    problems.push("<main> cannot take the skip link's focus");
  }
  for (const el of document.querySelectorAll("[tabindex]")) {
    if (parseInt(el.getAttribute("tabindex"), 10) > 0) problems.push(`tabindex > 0: ${el.outerHTML.slice(0, 80)}`);
  }
  for (const table of document.querySelectorAll("table")) {
    if (!table.querySelector("th")) problems.push(`a table without headers: ${text(table).slice(0, 60)}`);
    if (!table.caption && !table.getAttribute("aria-label") && !table.getAttribute("aria-labelledby")) {
      problems.push(`a table without a caption: ${text(table).slice(0, 60)}`);
    }
  }
  for (const field of document.querySelectorAll(".field.has-error")) {
    const error = field.querySelector(".errors[id]");
    if (!error) { problems.push("a field error without an id to point to"); continue; }
    const group = field.querySelector("fieldset");
    const controls = group ? [group] : field.querySelectorAll("input, select, textarea");
    for (const control of controls) {
      const described = (control.getAttribute("aria-describedby") || "").split(/\\s+/);
      if (!described.includes(error.id)) problems.push(`${control.name || "a group"}: error not in aria-describedby`);
      if (!group && control.getAttribute("aria-invalid") !== "true") problems.push(`${control.name}: no aria-invalid`);
    }
  }
  for (const control of document.querySelectorAll("[aria-describedby]")) {
    for (const id of control.getAttribute("aria-describedby").split(/\\s+/)) {
      if (!document.getElementById(id)) problems.push(`aria-describedby names a missing #${id}`);
    }
  }
  for (const svg of document.querySelectorAll("main svg")) {
    const hidden = svg.closest("[aria-hidden=true]");
    const named = svg.getAttribute("role") === "img" && (svg.getAttribute("aria-label") || svg.querySelector("title"));
    // A hidden chart must sit in a table row whose cells give its numbers as text.
    const row = svg.closest("tr");
    const numbers = row && [...row.querySelectorAll("td")].some((cell) => /\\d/.test(cell.textContent));
    if (!named && !(hidden && numbers)) problems.push("a chart without a text alternative");
  }
  return problems;
}"""

# Every focus is logged (window.__stops) as it happens; the focus goes back to the top of the page, as after loading
# it, so that the next Tab goes to the first stop.
TO_TOP = """() => {
  if (!window.__logging) {
    window.__logging = true;
    document.addEventListener("focusin", (event) => {
      const el = event.target;
      if (el === document.body) return;
      const style = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      const previous = window.__focused;
      window.__stops.push({
        what: `${el.tagName.toLowerCase()} "${(el.textContent || el.name || el.id || "").trim().slice(0, 40)}"`,
        skipLink: el.classList.contains("skip-link"),
        visible: box.width > 0 && box.height > 0,
        indicated: (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none",
        inOrder: !previous || !!(previous.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING),
      });
      window.__focused = el;
    });
  }
  window.__stops = [];
  window.__focused = null;
  const body = document.body;
  body.setAttribute("tabindex", "-1");
  body.focus();
  body.removeAttribute("tabindex");
}"""

# How many Tab stops the page has at most (each radio button counted; the walk stops where the focus wraps).
TAB_STOPS = """() => [...document.querySelectorAll("a[href], button, input, select, textarea, summary, [tabindex]")]
  .filter((el) => el.tabIndex >= 0 && !el.disabled && el.type !== "hidden" && el.getClientRects().length).length"""

STOPS_IN_MAIN = """() => !!document.querySelector(
  "main a[href], main button, main input:not([type=hidden]), main select, main textarea, main summary"
)"""


def axe_violations(page):
    results = AXE.run(page, options=AXE_OPTIONS)
    return [
        f"axe {violation['id']} ({violation['impact']}): {violation['help']} — "
        + "; ".join(node["html"][:120] for node in violation["nodes"][:3])
        for violation in results.response["violations"]
    ]


def structure(page):
    return page.evaluate(STRUCTURE)


def keyboard(page):
    """The first Tab stop is the skip link; every Tab stop is visible, shows that it has the focus, and follows the
    document's order; Enter on the skip link moves the focus to <main>, and the next Tab goes into it."""
    problems = []
    page.evaluate(TO_TOP)
    for _ in range(min(page.evaluate(TAB_STOPS) + 1, MAX_TAB_STOPS)):
        page.keyboard.press("Tab")
    stops = page.evaluate("() => window.__stops")
    if not stops or not stops[0]["skipLink"]:
        return [f"the first Tab stop is {stops[0]['what'] if stops else 'nothing'}, not the skip link"]
    for stop in stops:
        if not stop["inOrder"]:
            break  # the focus wrapped around to the top
        if not stop["visible"]:
            problems.append(f"Tab stops at an invisible {stop['what']}")
        if not stop["indicated"]:
            problems.append(f"no visible focus on {stop['what']}")
    page.evaluate(TO_TOP)
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    if not page.evaluate("() => document.activeElement === document.querySelector('main')"):
        problems.append("the skip link does not move the focus to <main>")
    page.keyboard.press("Tab")
    if page.evaluate(STOPS_IN_MAIN) and not page.evaluate("() => !!document.activeElement.closest('main')"):
        problems.append("after the skip link, Tab does not go into <main>")
    return problems


def no_horizontal_scrolling(page):
    problems = []
    for name, viewport in (("375 px wide", NARROW), ("200% zoom", ZOOMED)):
        page.set_viewport_size(viewport)
        width = page.evaluate("() => document.documentElement.scrollWidth")
        if width > viewport["width"] + SCROLL_TOLERANCE:
            problems.append(f"scrolls sideways at {name}: {width} px wide")
    page.set_viewport_size(DESKTOP)
    return problems


def screenshot(page, name):
    """Full-page screenshots at desktop and narrow width, for people to look at (artifacts/screenshots/)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for suffix, viewport in (("desktop", DESKTOP), ("narrow", NARROW)):
        page.set_viewport_size(viewport)
        page.screenshot(path=SCREENSHOTS / f"{name}-{suffix}.png", full_page=True)
    page.set_viewport_size(DESKTOP)


# The patterns of the NL Design System that issue 17 asks for, page by page: an error summary at the top of a form
# with errors, linking to each field in error; at most one entry of the menu marked as the current page (or its
# section); every control at least 24 by 24 px (WCAG 2.2, 2.5.8; links in running text are exempt, as there).
PATTERNS = """() => {
  const problems = [];
  const invalid = [...document.querySelectorAll("main .has-error")];
  const summary = document.querySelector("main .error-summary");
  if (invalid.length && !summary) problems.push("fields in error, and no error summary");
  if (summary) {
    const form = summary.closest("form");
    const first = form && form.querySelector(
      ".utrecht-form-field, .field, fieldset, input:not([type=hidden]), select, textarea"
    );
    if (first && (summary.compareDocumentPosition(first) & Node.DOCUMENT_POSITION_PRECEDING)) {
      problems.push("the error summary is not at the top of its form");
    }
    for (const link of summary.querySelectorAll("a[href^='#']")) {
      const target = link.getAttribute("href");
      if (!document.getElementById(target.slice(1))) problems.push(`the error summary links to a missing ${target}`);
    }
    for (const field of invalid) {
      const control = field.querySelector("input:not([type=hidden]), select, textarea");
      if (control && control.id && !summary.querySelector(`a[href='#${control.id}']`)) {
        problems.push(`the error summary does not link to ${control.name}`);
      }
    }
  }
  const current = document.querySelectorAll("header nav [aria-current]");
  if (current.length > 1) problems.push(`${current.length} menu entries marked current`);
  return problems;
}"""

SMALL_TARGETS = """() => {
  const inText = (el) => el.tagName === "A" && !el.closest("nav, .actions, .page-actions, header, footer")
    && !el.classList.contains("utrecht-button-link") && !el.closest("th");
  return [...document.querySelectorAll("a[href], button, input:not([type=hidden]), select, textarea, summary")]
    .filter((el) => el.getClientRects().length && !el.closest(".skip-link") && !el.classList.contains("skip-link"))
    .filter((el) => !inText(el))
    .map((el) => [el, el.getBoundingClientRect()])
    .filter(([el, box]) => box.width < 23.5 || box.height < 23.5)
    .map(([el, box]) => {
      const what = `${el.tagName.toLowerCase()} "${(el.textContent || el.name || "").trim().slice(0, 30)}"`;
      return `${what} ${Math.round(box.width)}x${Math.round(box.height)}`;
    });
}"""

HEADER_HEIGHT = "() => { const h = document.querySelector('header'); return h ? h.getBoundingClientRect().height : 0; }"
# The header of a phone: at most this high, so that the page itself starts in the first screen.
MAX_NARROW_HEADER = 100


def patterns(page):
    return page.evaluate(PATTERNS)


def targets(page):
    """Controls of at least 24 by 24 px at desktop and phone width, and a compact header on the phone."""
    problems = []
    for name, viewport in (("1280 px", DESKTOP), ("375 px", NARROW)):
        page.set_viewport_size(viewport)
        problems += [f"a target under 24 px at {name}: {target}" for target in page.evaluate(SMALL_TARGETS)]
        if viewport is NARROW and page.evaluate(HEADER_HEIGHT) > MAX_NARROW_HEADER:
            problems.append(f"the header is {round(page.evaluate(HEADER_HEIGHT))} px high at 375 px")
    page.set_viewport_size(DESKTOP)
    return problems
