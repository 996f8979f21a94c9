"""The public pages (issue 13) meet WCAG 2.1 AA as far as a machine can tell, as every other page does
(tests/e2e/checks.py): axe finds no violation, and the structure, keyboard and narrow-screen checks pass."""

import pytest

from tests.e2e.test_accessibility import report, walk
from tests.e2e.world import Page
from tests.public_data import make_years

pytestmark = pytest.mark.browser


def test_the_public_pages_meet_wcag(open_tab, programme, politie, migratie, alice, dave, bob, carol):
    years = make_years(programme, politie, migratie, alice, dave, bob, carol)
    pages = [
        Page("public-index", "/public/"),
        Page("public-year", "/public/2024/"),
        Page("public-year-filtered", "/public/2024/?domain=politie&verdict=met"),
        Page("public-year-empty", "/public/2024/?q=nothing+matches"),
        Page("public-commitment", f"/public/2024/{years.met.reference}/"),
    ]

    problems = open_tab().do(walk("anonymous", pages))

    assert not problems, "\n" + report(problems)


def test_the_token_page_meets_wcag(open_tab, alice, erin):
    """Empty, refused for a missing name, with the new token's secret shown once, with a token in the table; and a
    beheerder's, with everyone's tokens. (The form sent is the first of <main>: the revoke buttons come after.)"""
    own = [
        Page("api-tokens", "/api-tokens/"),
        Page("api-tokens-errors", "/api-tokens/", {"name": ""}, status=400),
        Page("api-tokens-created", "/api-tokens/", {"name": "rapportage-script"}),
        Page("api-tokens-one", "/api-tokens/"),
    ]

    problems = open_tab(alice).do(walk("staff", own))
    problems |= open_tab(erin).do(walk("beheerder", [Page("api-tokens-everyone", "/api-tokens/")]))

    assert not problems, "\n" + report(problems)
