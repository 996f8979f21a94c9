"""Filters as the NL Design System shows them (issue 17, point 7): status as checkboxes, the filters in use as
chips that each remove just their own value, a "Mijn voornemens" shortcut (`owner=me`), and every filter in the
address so that it can be shared. (The browser shows them at 1280 and 375 px: tests/e2e/test_patterns.py.)"""

import html
import re
from urllib.parse import parse_qsl

import pytest

from commitments.filters import MINE
from tests.conftest import bulk_commitments, count_queries
from tests.overview_data import year_of_every_outcome
from tests.test_register import REGISTER_QUERIES, mixed, references  # noqa: F401 (the fixture)

CHIP = re.compile(r'<a class="filter-chip" href="\?([^"]*)">([^<]*)<span class="visually-hidden">')


def chips(response):
    """{text: the query of its link, as pairs} of every chip on the page."""
    page = response.content.decode()
    return {text: sorted(parse_qsl(html.unescape(query))) for query, text in CHIP.findall(page)}


def test_status_is_a_list_of_checkboxes_not_a_list_box(client_for, alice, mixed):  # noqa: F811
    page = client_for(alice).get("/commitments/?status=planned").content.decode()
    assert '<select name="status"' not in page and "multiple" not in page
    boxes = re.findall(r'<input type="checkbox" name="status" value="([a-z_]+)"[^>]*>', page)
    assert boxes == ["planned", "in_progress", "under_review", "met", "partly_met", "delayed", "dropped"]
    assert re.search(r'<input type="checkbox" name="status" value="planned"[^>]*checked', page)
    assert "<legend" in page  # the checkboxes are a group named by their legend


def test_each_filter_in_use_is_a_chip_whose_link_drops_just_that_value(client_for, alice, mixed):  # noqa: F811
    response = client_for(alice).get("/commitments/?domain=politie&status=planned&status=met&q=po21&sort=title&page=1")
    found = chips(response)
    assert found == {
        "Toezichtgebied: Politie": [("q", "po21"), ("sort", "title"), ("status", "met"), ("status", "planned")],
        "Status: Gepland": [("domain", "politie"), ("q", "po21"), ("sort", "title"), ("status", "met")],
        "Status: Gerealiseerd": [("domain", "politie"), ("q", "po21"), ("sort", "title"), ("status", "planned")],
        "Zoeken: po21": [("domain", "politie"), ("sort", "title"), ("status", "met"), ("status", "planned")],
    }
    assert 'href="/commitments/">Wissen</a>' in response.content.decode()


def test_following_a_chip_shows_what_the_other_filters_select(client_for, alice, mixed):  # noqa: F811
    client = client_for(alice)
    found = chips(client.get("/commitments/?domain=politie&owner=alice"))
    without_owner = "&".join(f"{key}={value}" for key, value in found["Eigenaar: Alice de Vries (alice)"])
    response = client.get(f"/commitments/?{without_owner}")
    assert references(response) == [mixed["po21"].reference, mixed["hack"].reference]
    assert list(chips(response)) == ["Toezichtgebied: Politie"]


def test_no_chips_without_filters(client_for, alice, mixed):  # noqa: F811
    assert chips(client_for(alice).get("/commitments/?sort=title&per_page=50")) == {}


def test_mine_shows_the_readers_own_commitments_from_one_shareable_address(client_for, alice, dave, mixed):  # noqa: F811
    address = f"/commitments/?owner={MINE}"
    alices = client_for(alice).get(address)
    assert references(alices) == [mixed["po21"].reference]
    assert references(client_for(dave).get(address)) == [mixed["opvang"].reference]
    assert list(chips(alices)) == ["Eigenaar: Mijn voornemens"]
    assert 'href="?owner=me">Mijn voornemens</a>' not in alices.content.decode()  # in use already: its chip


def test_the_mine_shortcut_keeps_the_other_filters(client_for, alice, mixed):  # noqa: F811
    page = client_for(alice).get("/commitments/?domain=politie&owner=dave&page=2").content.decode()
    assert 'href="?domain=politie&amp;owner=me">Mijn voornemens</a>' in page


def test_the_filters_cost_no_query_of_their_own(client_for, alice, programme, politie):
    bulk_commitments(30, programme=programme, domain=politie, owner=alice)
    client = client_for(alice)
    for query in ("", "owner=me", "owner=me&status=planned&status=met&domain=politie&q=Voornemen"):
        assert count_queries(lambda query=query: client.get(f"/commitments/?{query}")) == REGISTER_QUERIES, query


@pytest.fixture(scope="class")
def year(class_data):
    return year_of_every_outcome()


@pytest.mark.django_db  # each test in a transaction of its own, inside the class's (class_data)
class TestFilteringAYear:
    """The tests that read the year of every outcome, made once for the class."""

    def test_the_overview_shows_its_filters_in_use_as_chips(self, client_for, carol, year):
        response = client_for(carol).get("/overview/2024/?domain=migratie&goal=ketens")
        found = chips(response)
        goal = [text for text in found if text.startswith("Doel: ")]
        assert found["Toezichtgebied: Migratie"] == [("goal", "ketens")]
        assert len(goal) == 1 and found[goal[0]] == [("domain", "migratie")]
        assert chips(client_for(carol).get("/overview/2024/")) == {}
