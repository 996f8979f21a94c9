"""Single sign-on in Chromium (Playwright, marker `browser`): a staff member logs in at the provider, works, and logs
out of both; a tampered login ends on the refusal page. Against the same real provider as the HTTP-client tests."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from tests.e2e.conftest import browser  # noqa: F401 (one Chromium, as the other browser tests use it)
from tests.sso.provider import PASSWORD

pytestmark = pytest.mark.browser


def log_in_at_provider(username):
    def steps(page):
        page.goto("/accounts/login/")
        page.locator("main").get_by_role("link", name="Inloggen met Testprovider").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen bij de testprovider")
        page.get_by_label("Gebruikersnaam").fill(username)
        page.get_by_label("Wachtwoord").fill(PASSWORD)
        page.get_by_role("button", name="Aanmelden").click()

    return steps


def test_a_staff_member_logs_in_at_the_provider_works_and_logs_out_of_both(browser, live_server, provider):  # noqa: F811
    with browser.open(live_server.url, name="sso-journey") as tab:

        def work_and_log_out(page):
            log_in_at_provider("anna")(page)
            expect(page.get_by_role("heading", level=1)).to_have_text("Overzicht")
            expect(page.locator(".who")).to_have_text("Anna de Boer (anna)")
            page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Voornemens").click()
            expect(page).to_have_url(re.compile(r"/commitments/$"))

            page.get_by_role("button", name="Uitloggen").click()  # a form: the policy must let it lead to the provider
            expect(page.get_by_role("heading", level=1)).to_have_text("Uitloggen bij de testprovider")
            page.get_by_role("button", name="Ja, uitloggen").click()
            expect(page).to_have_url(re.compile(r"/accounts/login/$"))
            expect(page.get_by_role("link", name="Inloggen met Testprovider")).to_be_visible()

            page.goto("/commitments/")
            expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
            page.locator("main").get_by_role("link", name="Inloggen met Testprovider").click()
            # Logged out at the provider too: it asks again.
            expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen bij de testprovider")

        tab.do(work_and_log_out)

    anna = get_user_model().objects.get(username="anna")
    assert sorted(anna.groups.values_list("name", flat=True)) == ["medewerker"]
    assert sorted(anna.domains.values_list("slug", flat=True)) == ["politie"]


def test_a_tampered_login_ends_on_the_refusal_page_in_chromium(browser, live_server, provider):  # noqa: F811
    provider.tamper("other_key")
    with browser.open(live_server.url, name="sso-refused") as tab:

        def refused(page):
            log_in_at_provider("ruben")(page)
            expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen geweigerd")
            expect(page.get_by_role("alert")).to_have_text(
                "Het aanmeldbewijs is niet ondertekend met de sleutel van de identiteitsprovider."
            )
            page.goto("/")
            expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/$"))

        tab.do(refused)
