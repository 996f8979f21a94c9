"""The year-end overview page: every figure equals a count made here, every commitment is accounted for."""

import pytest

from commitments import overview, workflow
from commitments.models import Commitment, Domain, Status, WorkProgramme
from tests.builders import advance
from tests.overview_data import MIX, create, expected_counts, make_many, rate_text, tables, year_of_every_outcome

DOMAIN_MATRIX = "Voornemens per toezichtgebied en status"
GOAL_MATRIX = "Voornemens per doel en status"


@pytest.fixture(scope="class")
def year(class_data):
    return year_of_every_outcome()


def matrix_row(response, caption, label):
    rows = tables(response.content)[caption]
    return next(row for row in rows if row[0] == label)


def counts_as_cells(counts):
    return [str(counts[status]) for status in Status.values] + [str(counts["total"]), rate_text(counts)]


def test_a_year_without_programme_is_404(client_for, alice, programme):
    assert client_for(alice).get("/overview/1999/").status_code == 404


@pytest.mark.parametrize("persona", ["alice", "bob", "carol", "erin"])
def test_every_role_reads_the_overview(client_for, programme, persona, request):
    assert client_for(request.getfixturevalue(persona)).get("/overview/2024/").status_code == 200


def test_a_user_without_a_role_gets_403(client_for, nobody, programme):
    assert client_for(nobody).get("/overview/2024/").status_code == 403


def test_an_anonymous_visitor_is_sent_to_the_login_page(client, programme):
    response = client.get("/overview/2024/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_dropped_commitment_shows_the_reviewers_reason(client_for, carol, programme, politie, alice, bob):
    dropped = create(programme, politie, alice, "Vervalt")
    advance(dropped, Status.DROPPED, staff=alice, reviewer=bob, rationale="Het kabinet heeft het programma gestopt.")
    html = client_for(carol).get("/overview/2024/").content.decode()
    section = html[html.index(f">{dropped.reference}</a>") :][:3000]
    assert "Reden" in section
    assert "Het kabinet heeft het programma gestopt." in section
    assert "door de reviewer overgenomen" not in section


def test_the_current_overview_is_of_the_oldest_year_not_closed(client_for, alice, carol, programme):
    WorkProgramme.objects.create(year=2025, title="Werkprogramma 2025")
    assert client_for(alice).get("/overview/")["Location"] == "/overview/2024/"
    workflow.close_programme(programme, by=carol)  # no commitments: nothing waits
    assert client_for(alice).get("/overview/")["Location"] == "/overview/2025/"


def test_an_empty_programme_shows_no_rate_rather_than_dividing_by_zero(client_for, carol, programme):
    response = client_for(carol).get("/overview/2024/")
    assert response.status_code == 200
    assert response.context["overview"].totals.rate is None
    assert "Geen voornemens in deze selectie." in response.content.decode()


@pytest.mark.parametrize("size", [10, 40])
def test_the_overview_costs_a_fixed_number_of_queries(
    client_for, carol, programme, politie, alice, bob, django_assert_num_queries, monkeypatch, size
):
    monkeypatch.setattr(overview, "LIST_AT_MOST", 40)  # the most it lists, made small: 40 rows rather than 200
    make_many(size, programme, domain=politie, staff=alice, reviewer=bob)
    client = client_for(carol)
    # session, user, roles, programme, years, domains and goals of the form, totals, two matrices,
    # the commitments with their decisions, their evidence, their current state of affairs
    with django_assert_num_queries(13):
        response = client.get("/overview/2024/")
    assert sum(len(items) for _, items in response.context["overview"].groups) == size


def test_the_filtered_overview_costs_a_fixed_number_of_queries_too(
    client_for, carol, programme, politie, alice, bob, django_assert_num_queries
):
    make_many(10, programme, domain=politie, staff=alice, reviewer=bob)
    client = client_for(carol)
    # two more: the domain and the goal named in the query
    with django_assert_num_queries(15):
        client.get("/overview/2024/", {"domain": "politie", "goal": "ketens"})


# --- a selection too large to list at once (issue 7) -------------------------------------------------------


def listed(response):
    """The references the page lists, in its order."""
    return [commitment.reference for _, items in response.context["listing"].groups for commitment in items]


def articles(response):
    return response.content.decode().count('<article class="account')


@pytest.fixture
def list_at_most(monkeypatch):
    """LIST_AT_MOST made small for the 12 commitments of `year` (8 politie, 4 migratie), rather than 200 rows."""

    def set_limits(limit, per_page=overview.PER_PAGE):
        monkeypatch.setattr(overview, "LIST_AT_MOST", limit)
        monkeypatch.setattr(overview, "PER_PAGE", per_page)

    return set_limits


@pytest.mark.django_db  # each test in a transaction of its own, inside the class's (class_data)
class TestTheYearOfEveryOutcome:
    """The tests that read the year of every outcome (overview_data.MIX), made once for the class: a test that changes
    it does so in its own transaction, on commitments it reads again rather than on the shared ones."""

    def test_the_realisation_rate_is_met_and_partly_met_over_all_but_dropped(self, client_for, carol, year):
        response = client_for(carol).get("/overview/2024/")
        expected = expected_counts(MIX)
        # Counted again from the database, one status at a time, apart from the overview's own aggregation.
        assert expected == {
            **{status: Commitment.objects.filter(status=status).count() for status in Status.values},
            "total": Commitment.objects.count(),
        }
        totals = response.context["overview"].totals
        assert (totals.realised, totals.counted, totals.total) == (4, 10, 12)
        assert totals.rate == pytest.approx(0.4)
        text = " ".join(response.content.decode().split())
        assert "40,0%" in text
        assert "4 van de 10 voornemens gerealiseerd of deels gerealiseerd (3 gerealiseerd, 1 deels)" in text
        assert "In totaal 12 voornemens. 2 vervallen voornemens tellen niet mee." in text

    def test_the_domain_matrix_equals_the_counts_per_domain_and_status(self, client_for, carol, year):
        response = client_for(carol).get("/overview/2024/")
        rows = tables(response.content)[DOMAIN_MATRIX]
        assert rows[0] == [
            "Toezichtgebied",
            "Gepland",
            "In uitvoering",
            "Ter beoordeling",
            "Gerealiseerd",
            "Deels gerealiseerd",
            "Vertraagd",
            "Vervallen",
            "Totaal",
            "Realisatie",
        ]
        assert rows[1:] == [
            ["Migratie", *counts_as_cells(expected_counts(MIX, domain="migratie"))],
            ["Politie", *counts_as_cells(expected_counts(MIX, domain="politie"))],
            ["Totaal", *counts_as_cells(expected_counts(MIX))],
        ]

    def test_the_goal_matrix_counts_a_commitment_under_each_of_its_goals(self, client_for, carol, year):
        response = client_for(carol).get("/overview/2024/")
        rows = {row[0]: row[1:] for row in tables(response.content)[GOAL_MATRIX][1:]}
        goals = {
            "veerkracht": "Stimuleren van veerkracht en weerbaarheid",
            "lerend-vermogen": "Bevorderen van het lerend vermogen",
            "ketens": "Bevorderen van effectieve ketens en netwerken",
            "burgerperspectief": "Scherp op burgerperspectief",
        }
        for code, name in goals.items():
            assert rows[name] == counts_as_cells(expected_counts(MIX, goal=code)), code
        without_goal = expected_counts([row for row in MIX if not row[2]])
        assert rows["Zonder doel"] == counts_as_cells(without_goal)
        # The bottom row counts each commitment once, although one has two goals.
        assert rows["Alle voornemens"] == counts_as_cells(expected_counts(MIX))
        assert list(rows)[:4] == list(goals.values())  # in the order of the MJP

    def test_each_commitment_is_listed_under_its_domain_with_verdict_reviewer_and_evidence(
        self, client_for, carol, year
    ):
        response = client_for(carol).get("/overview/2024/")
        groups = response.context["overview"].groups
        assert [(domain.slug, len(items)) for domain, items in groups] == [("migratie", 4), ("politie", 8)]
        met = year[0]
        html = response.content.decode()
        section = html[html.index(f">{met.reference}</a>") :][:3000]
        assert "Gerealiseerd — Bob Jansen" in section
        assert f"Jaarbericht 2024, p. {met.sequence}" in section
        evidence = met.evidence.get()
        assert f'<a href="{evidence.url}" rel="noopener noreferrer">{evidence.title}</a>' in section
        assert "1 juni 2024" in section
        # The reviewer agreed without a rationale: the submission's explanation stands in, and says so.
        assert f"Uitleg van de medewerker bij {met.reference}." in section
        assert "toelichting bij de aanbieding, door de reviewer overgenomen" in section

    def test_a_delayed_commitment_shows_its_expected_date_and_where_it_was_carried_over(
        self, client_for, carol, year, alice
    ):
        delayed = Commitment.objects.get(pk=year[3].pk)
        WorkProgramme.objects.create(year=2025, title="Werkprogramma 2025")
        successor = workflow.carry_over(delayed, by=alice, reason="Loopt door in 2025.")
        html = client_for(carol).get("/overview/2024/").content.decode()
        section = html[html.index(f">{delayed.reference}</a>") :][:3000]
        assert "30 juni 2025" in section
        assert f'<a href="{successor.get_absolute_url()}">{successor.reference}</a> in Werkprogramma 2025' in section
        other_delayed = year[9]
        section = html[html.index(f">{other_delayed.reference}</a>") :][:3000]
        assert "Nog niet overgeheveld" in section

    def test_an_open_commitment_shows_its_deadline_and_no_verdict(self, client_for, carol, year):
        planned = year[7]
        html = client_for(carol).get("/overview/2024/").content.decode()
        section = html[html.index(f">{planned.reference}</a>") :]
        section = section[: section.index("</article>")]
        assert "31 december 2024" in section
        assert "Oordeel" not in section

    def test_it_filters_by_domain(self, client_for, carol, year):
        response = client_for(carol).get("/overview/2024/", {"domain": "migratie"})
        overview = response.context["overview"]
        assert [domain.slug for domain, _ in overview.groups] == ["migratie"]
        assert overview.totals.counts == {
            status: expected_counts(MIX, domain="migratie")[status] for status in Status.values
        }
        assert [row[0] for row in tables(response.content)[DOMAIN_MATRIX][1:]] == ["Migratie", "Totaal"]

    def test_it_filters_by_goal(self, client_for, carol, year):
        response = client_for(carol).get("/overview/2024/", {"goal": "ketens"})
        overview = response.context["overview"]
        listed = sorted(commitment.reference for _, items in overview.groups for commitment in items)
        assert listed == sorted(c.reference for c, (_, _, goals) in zip(year, MIX, strict=True) if "ketens" in goals)
        assert overview.totals.total == expected_counts(MIX, goal="ketens")["total"]
        assert [row.key for row in overview.by_goal] == ["ketens"]

    def test_filters_combine(self, client_for, carol, year):
        response = client_for(carol).get("/overview/2024/", {"domain": "politie", "goal": "veerkracht"})
        assert (
            response.context["overview"].totals.total
            == expected_counts(MIX, domain="politie", goal="veerkracht")["total"]
        )

    @pytest.mark.parametrize("query", [{"domain": "atlantis"}, {"goal": "world-peace"}, {"domain": "x" * 500}])
    def test_an_unknown_filter_value_gives_a_form_error_and_nothing_listed(self, client_for, carol, year, query):
        response = client_for(carol).get("/overview/2024/", query)
        assert response.status_code == 200
        assert response.context["form"].errors
        assert response.context["overview"].totals.total == 0
        assert response.context["overview"].groups == []
        assert "Dit filter bestaat niet" in response.content.decode()

    def test_only_managers_and_beheerders_see_the_export_links(self, client_for, alice, carol, year):
        assert b"/overview/2024/export.pdf" not in client_for(alice).get("/overview/2024/").content
        assert b"/overview/2024/export.pdf" in client_for(carol).get("/overview/2024/").content

    def test_the_export_links_carry_the_filters(self, client_for, carol, year):
        html = client_for(carol).get("/overview/2024/", {"domain": "politie"}).content.decode()
        assert "/overview/2024/export.csv?domain=politie" in html

    def test_a_selection_at_the_limit_is_listed_whole(self, client_for, carol, year, list_at_most):
        list_at_most(12)
        response = client_for(carol).get("/overview/2024/")
        assert sorted(listed(response)) == sorted(commitment.reference for commitment in year)
        assert articles(response) == 12
        assert "Kies een toezichtgebied" not in response.content.decode()

    def test_a_selection_over_the_limit_offers_its_domains_with_their_counts_instead_of_the_commitments(
        self, client_for, carol, year, list_at_most
    ):
        list_at_most(11)
        response = client_for(carol).get("/overview/2024/")
        html = " ".join(response.content.decode().split())
        assert response.context["listing"].choose_domain
        assert articles(response) == 0
        assert year[0].reference not in html
        assert "Deze selectie telt 12 voornemens: te veel om op één pagina te tonen (meer dan 11)." in html
        assert "Kies een toezichtgebied om de voornemens te zien." in html
        assert "De exports (CSV en XLSX) bevatten alle voornemens van de selectie." in html  # carol may export
        assert '<a href="/overview/2024/?domain=migratie">Migratie</a> <span class="muted">(4)</span>' in html
        assert '<a href="/overview/2024/?domain=politie">Politie</a> <span class="muted">(8)</span>' in html
        # The summary and the matrices are there as ever.
        assert [row[0] for row in tables(response.content)[DOMAIN_MATRIX][1:]] == ["Migratie", "Politie", "Totaal"]
        assert "4 van de 10 voornemens gerealiseerd" in html

    def test_the_message_mentions_the_exports_only_to_whoever_may_export(self, client_for, alice, year, list_at_most):
        list_at_most(11)
        html = " ".join(client_for(alice).get("/overview/2024/").content.decode().split())
        assert "Kies een toezichtgebied om de voornemens te zien." in html
        assert "De exports" not in html

    def test_the_domain_links_keep_the_goal_filter(self, client_for, carol, year, list_at_most):
        list_at_most(2)
        response = client_for(carol).get("/overview/2024/", {"goal": "ketens"})
        html = response.content.decode()
        in_goal = expected_counts(MIX, goal="ketens")["total"]
        assert in_goal > 2
        assert '<a href="/overview/2024/?domain=politie&amp;goal=ketens">Politie</a>' in html
        assert '<a href="/overview/2024/?domain=migratie&amp;goal=ketens">Migratie</a>' in html
        response = client_for(carol).get("/overview/2024/", {"domain": "politie", "goal": "ketens"})
        assert response.context["overview"].goal.code == "ketens"
        assert len(listed(response)) == expected_counts(MIX, domain="politie", goal="ketens")["total"]

    def test_a_domain_within_the_limit_is_listed_whole(self, client_for, carol, year, list_at_most):
        list_at_most(11)
        response = client_for(carol).get("/overview/2024/", {"domain": "migratie"})
        assert listed(response) == [commitment.reference for commitment in year[8:]]
        assert response.context["page_obj"] is None

    def test_a_domain_over_the_limit_is_listed_a_page_at_a_time_with_a_pager_that_keeps_the_filters(
        self, client_for, carol, year, list_at_most
    ):
        list_at_most(7, per_page=3)
        client = client_for(carol)
        politie = [commitment.reference for commitment in year[:8]]  # in the order of their numbers
        first = client.get("/overview/2024/", {"domain": "politie"})
        assert listed(first) == politie[:3]
        assert articles(first) == 3
        html = " ".join(first.content.decode().split())
        assert "Voornemens 1 tot en met 3 van 8." in html
        assert "Pagina 1 van 3" in html
        assert 'href="?domain=politie&amp;page=2" rel="next"' in html
        assert 'Politie <span class="muted">(8)</span>' in html  # the domain's count, not the page's
        second = client.get("/overview/2024/", {"domain": "politie", "page": "2"})
        # The export links carry the filters, not the page.
        assert 'href="/overview/2024/export.csv?domain=politie"' in second.content.decode()
        last = client.get("/overview/2024/", {"domain": "politie", "page": "3"})
        assert listed(second) == politie[3:6]
        assert listed(last) == politie[6:]
        assert 'href="?domain=politie&amp;page=2" rel="prev"' in last.content.decode()
        # Every page shows the summary of the whole domain.
        assert last.context["overview"].totals.total == 8

    @pytest.mark.parametrize("page", ["0", "99", "x"])
    def test_a_page_out_of_range_shows_a_page_that_exists(self, client_for, carol, year, list_at_most, page):
        list_at_most(7, per_page=3)
        response = client_for(carol).get("/overview/2024/", {"domain": "politie", "page": page})
        assert response.status_code == 200
        assert len(listed(response)) in (3, 2)

    def test_over_the_limit_the_page_costs_no_more_queries(
        self, client_for, carol, year, list_at_most, django_assert_num_queries
    ):
        list_at_most(7, per_page=3)
        client = client_for(carol)
        client.get("/overview/2024/")
        # session, user, roles, programme, years, domains and goals of the form, totals, two matrices; no commitments
        with django_assert_num_queries(10):
            client.get("/overview/2024/")
        # a page of one domain: the domain, and the page's commitments with their evidence and state of affairs; the
        # pager counts nothing
        for page in ("1", "3"):
            with django_assert_num_queries(14):
                client.get("/overview/2024/", {"domain": "politie", "page": page})

    def test_the_domain_lookup_is_by_slug_not_by_name(self, client_for, carol, year):
        Domain.objects.filter(slug="migratie").update(name="Migratie en asiel")
        response = client_for(carol).get("/overview/2024/", {"domain": "migratie"})
        assert response.context["overview"].totals.total == 4
