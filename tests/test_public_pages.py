"""The public account of a closed year (issue 13, DESIGN.md §9): without login, nothing internal, open data."""

import csv
import io
import json

import pytest
from django.conf import settings

from tests.public_data import INTERNAL_EVIDENCE, SECRET_NOTE, the_public_years


@pytest.fixture(scope="class")
def years(class_data):
    return the_public_years()


@pytest.mark.django_db  # each test in a transaction of its own, inside the class's (class_data)
class TestThePublicYears:
    """The tests that read a closed year and an open one (tests/public_data.py), made once for the class."""

    def test_the_index_lists_the_closed_years_only(self, client, years):
        response = client.get("/public/")

        assert response.status_code == 200
        assert "/public/2024/" in response.text
        assert "/public/2025/" not in response.text

    def test_a_closed_year_shows_its_account_without_login(self, client, years):
        response = client.get("/public/2024/")

        assert response.status_code == 200
        text = response.text
        assert years.met.reference in text and years.dropped.reference in text and years.delayed.reference in text
        assert "Gerealiseerd" in text and "Vervallen" in text and "Vertraagd" in text
        assert "50,0%" in text  # (1 met) / (3 − 1 dropped)
        assert "Jaarbericht 2024, p. 14" in text
        assert "Het programma eindigde." in text  # the submission's explanation, approved as it was
        assert "Vertraagd door capaciteit" in text  # the reviewer's rationale
        assert "Rapport PO21" in text

    def test_nothing_internal_is_shown(self, client, years, alice, bob, dave):
        pages = [
            "/public/",
            "/public/2024/",
            f"/public/2024/{years.met.reference}/",
            "/public/2024/export.json",
            "/public/2024/export.csv",
        ]
        for page in pages:
            response = client.get(page)
            text = b"".join(response).decode() if response.streaming else response.text
            assert response.status_code == 200, page
            for secret in (
                SECRET_NOTE,
                INTERNAL_EVIDENCE,
                "intranet.example.org",
                "Alice",
                "de Vries",
                "Bob",
                "Jansen",
            ):
                assert secret not in text, (page, secret)
            assert "alice" not in text and "/commitments/" not in text, page

    def test_an_open_or_unknown_year_is_not_found(self, client, years):
        assert client.get("/public/2025/").status_code == 404
        assert client.get(f"/public/2025/{years.planned.reference}/").status_code == 404
        assert client.get("/public/2025/export.csv").status_code == 404
        assert client.get("/public/1999/").status_code == 404
        assert client.get("/public/2024/WP2024-999/").status_code == 404
        assert client.get(f"/public/2024/{years.planned.reference}/").status_code == 404  # of another year

    def test_every_intention_has_its_own_page(self, client, years):
        response = client.get(f"/public/2024/{years.dropped.reference}/")

        assert response.status_code == 200
        assert "Toezicht opvang Oekraïners" in response.text
        assert "Beëindigd in het werkprogramma" in response.text

    @pytest.mark.parametrize(
        "query, shown, hidden",
        [
            ("verdict=met", ["Publicatie onderzoek PO21"], ["Onderzoek noodhulp", "Toezicht opvang"]),
            ("domain=migratie", ["Toezicht opvang"], ["Publicatie onderzoek PO21"]),
            ("goal=lerend-vermogen", ["Publicatie onderzoek PO21"], ["Onderzoek noodhulp"]),
            ("q=noodhulp", ["Onderzoek noodhulp"], ["Publicatie onderzoek PO21"]),
        ],
    )
    def test_the_filters_select(self, client, years, query, shown, hidden):
        response = client.get(f"/public/2024/?{query}")

        assert response.status_code == 200
        for text in shown:
            assert text in response.text
        for text in hidden:
            assert f"</span> {text}" not in response.text

    def test_an_unknown_filter_value_selects_nothing_and_says_so(self, client, years):
        response = client.get("/public/2024/?domain=nowhere")

        assert response.status_code == 400
        assert "Dit filter bestaat niet" in response.text

    def test_the_open_data_is_what_the_page_shows_with_its_filters(self, client, years):
        document = json.loads(client.get("/public/2024/export.json?domain=politie").content)
        rows = list(
            csv.DictReader(
                io.StringIO(b"".join(client.get("/public/2024/export.csv?domain=politie")).decode().lstrip("\ufeff"))
            )
        )

        assert [item["reference"] for item in document["commitments"]] == [row["reference"] for row in rows]
        assert {item["verdict"] for item in document["commitments"]} == {"met", "delayed"}
        assert document["summary"]["total"] == 2
        assert document["summary"]["realisationRate"] == 0.5
        met = next(item for item in document["commitments"] if item["verdict"] == "met")
        assert [link["title"] for link in met["evidence"]] == ["Rapport PO21"]
        assert met["annualReportReference"] == "Jaarbericht 2024, p. 14"
        assert client.get("/public/2024/export.json?verdict=nope").status_code == 400

    def test_the_pages_are_in_english_too(self, client, years):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        response = client.get("/public/2024/")

        assert '<html lang="en">' in response.text
        assert "Accounting for" in response.text or "Account" in response.text
        assert "realisation rate" in response.text

    def test_the_staff_menu_is_not_shown_to_the_public(self, client, years):
        response = client.get("/public/2024/")

        assert 'aria-label="Hoofdmenu"' not in response.text
        assert "Uitloggen" not in response.text

    def test_the_year_page_costs_the_same_at_any_size(self, client, years, django_assert_max_num_queries):
        with django_assert_max_num_queries(14):
            client.get("/public/2024/")
