"""The Jaarbericht chapter (issue 12, point 8): /overview/<year>/export.docx and export_overview --format docx, an
editable Word document in the reader's language, read back with python-docx."""

import io

import docx
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import timezone
from django.utils.formats import date_format

from commitments.models import WorkProgramme
from tests.overview_data import make_many
from tests.year_cycle_data import BY_PROGRAMME_REASON, DELAY_REASON, MET_RATIONALE

URL = "/overview/2024/export.docx"
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def read(data):
    """(header text, body text: paragraphs and table cells, one line each, headings as '#'s) of a DOCX."""
    document = docx.Document(io.BytesIO(data))
    lines = []
    for paragraph in document.paragraphs:
        style = paragraph.style.name
        prefix = "#" * int(style.split()[-1]) + " " if style.startswith("Heading") else ""
        lines.append(prefix + paragraph.text)
    for table in document.tables:
        lines.extend(" | ".join(cell.text for cell in row.cells) for row in table.rows)
    header = " ".join(paragraph.text for paragraph in document.sections[0].header.paragraphs)
    return header, "\n".join(lines), document


def download(client, **query):
    response = client.get(URL, query)
    assert response.status_code == 200, response.status_code
    return read(response.content)


# --- who, what, when ------------------------------------------------------------------------------------------


def test_the_chapter_of_a_year_without_programme_is_404(client_for, carol, programme):
    assert client_for(carol).get("/overview/1999/export.docx").status_code == 404


def test_a_year_without_commitments_gets_a_message_not_an_empty_document(client_for, carol, programme):
    response = client_for(carol).get(URL)
    assert response.status_code == 404
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert "Content-Disposition" not in response
    html = " ".join(response.content.decode().split())
    assert "Het Werkprogramma 2024 heeft in deze selectie geen voornemens: er is geen hoofdstuk te maken." in html
    assert '<a href="/overview/2024/">Terug naar het jaaroverzicht</a>' in html


# --- the command ----------------------------------------------------------------------------------------------


def test_the_command_refuses_a_year_without_commitments_and_writes_nothing(tmp_path, programme):
    output = tmp_path / "hoofdstuk.docx"
    with pytest.raises(CommandError, match="Het werkprogramma 2024 heeft geen voornemens"):
        call_command("export_overview", "2024", "--format", "docx", "--output", str(output))
    assert not output.exists()


# --- queries --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [10, 40])
def test_the_chapter_costs_a_fixed_number_of_queries(
    client_for, carol, programme, politie, alice, bob, django_assert_num_queries, size
):
    make_many(size, programme, domain=politie, staff=alice, reviewer=bob)
    client = client_for(carol)
    # session, user, roles, programme; the totals (with the dropped ones by kind); the commitments with their
    # decisions, goals, evidence and current state of affairs
    with django_assert_num_queries(9):
        response = client.get(URL)
    assert response.status_code == 200
    assert WorkProgramme.objects.get(year=2024).commitments.count() == size


@pytest.mark.django_db  # each test in a transaction of its own, inside the class's (class_data)
class TestAnOpenYear:
    """The tests that read a year still open, made once for the class (tests/overview_data.MIX)."""

    @pytest.mark.parametrize("persona", ["alice", "bob", "nobody"])
    def test_staff_and_reviewers_cannot_download_the_chapter(self, client_for, open_year, persona, request):
        assert client_for(request.getfixturevalue(persona)).get(URL).status_code == 403

    @pytest.mark.parametrize("persona", ["carol", "erin"])
    def test_managers_and_beheerders_download_the_chapter_as_a_word_document(
        self, client_for, open_year, persona, request
    ):
        response = client_for(request.getfixturevalue(persona)).get(URL)
        assert response.status_code == 200
        assert response["Content-Type"] == CONTENT_TYPE
        assert 'filename="jaaroverzicht-2024.docx"' in response["Content-Disposition"]
        assert read(response.content)[2].core_properties.title == "Verantwoording Werkprogramma 2024"

    def test_the_chapter_follows_the_filters_of_the_page(self, client_for, carol, open_year):
        _, text, _ = download(client_for(carol), domain="migratie")
        migratie = [c for c in open_year if c.domain.slug == "migratie"]
        assert all(f"{c.reference} {c.title}" in text for c in migratie)
        assert not any(c.reference in text for c in open_year if c not in migratie)
        assert "Selectie: Migratie" in text
        assert client_for(carol).get(URL, {"goal": "onbekend"}).status_code == 404  # nothing selected, nothing made

    def test_the_chapter_of_an_open_year_says_concept_on_every_page_and_the_number_undecided(
        self, client_for, carol, open_year
    ):
        header, text, document = download(client_for(carol))
        assert header.startswith("CONCEPT")
        assert all(not section.different_first_page_header_footer for section in document.sections)
        assert "CONCEPT. Het jaar is nog niet vastgesteld: 4 van de 12 voornemens hebben nog geen oordeel." in text
        assert "Vastgesteld op" not in text + header

    def test_an_undecided_commitment_says_it_has_no_verdict_yet(self, client_for, carol, open_year):
        planned = open_year[7]
        _, text, _ = download(client_for(carol))
        assert (
            f"#### {planned.reference} {planned.title}\nStatus: Gepland — nog geen oordeel; deadline 31 december 2024"
            in text
        )

    def test_the_command_says_so_when_it_cannot_write_the_chapter(self, tmp_path, open_year):
        with pytest.raises(CommandError, match="Kan .* niet schrijven"):
            call_command("export_overview", "2024", "--format", "docx", "--output", str(tmp_path / "no" / "x.docx"))


@pytest.mark.django_db  # each test in a transaction of its own, inside the class's (class_data)
class TestAClosedYear:
    """The tests that read a closed year of five decisions, made once for the class."""

    def test_the_chapter_of_a_closed_year_says_when_it_was_closed(self, client_for, carol, closed_year):
        header, text, _ = download(client_for(carol))
        closed_on = date_format(timezone.localdate(), "j F Y")
        assert header == f"Vastgesteld op {closed_on}"
        assert f"Vastgesteld op {closed_on}. Het werkprogramma 2024 is vastgesteld op {closed_on}" in text
        assert "CONCEPT" not in text + header

    def test_the_chapter_gives_each_commitment_per_goal_and_domain_with_verdict_reference_and_evidence(
        self, client_for, carol, closed_year
    ):
        met, partly, delayed, ended, lapsed, successor = closed_year
        _, text, _ = download(client_for(carol))
        # Goals in the order of the MJP, without goal last; under each, the domain, then the commitment.
        headings = [line for line in text.splitlines() if line.startswith("## ")]
        assert headings.index("## Stimuleren van veerkracht en weerbaarheid") < headings.index(
            "## Bevorderen van effectieve ketens en netwerken"
        )
        assert headings[-3:] == ["## Zonder doel", "## Vertraagd", "## Vervallen"]
        section = text.split("## Bevorderen van effectieve ketens en netwerken")[1].split("\n## ")[0]
        assert section.startswith("\n### Politie\n#### " + f"{met.reference} Rapport ketens")
        assert f"#### {delayed.reference} Onderzoek vertraagd" in section
        assert "Oordeel: Gerealiseerd — Bob Jansen (bob), " in section
        assert f"Jaarbericht: Jaarbericht 2024, p. {met.sequence}" in section
        assert f"Motivering: {MET_RATIONALE}" in section
        assert (
            f"Rapport 1 bij {met.reference} (Rapport, 1 juni 2024) — https://www.example.org/{met.reference}/0" in text
        )
        assert "Oordeel: Deels gerealiseerd — Bob Jansen" in text

    def test_the_chapter_gives_delays_with_reason_new_date_and_carry_over(self, client_for, carol, closed_year):
        delayed, successor = closed_year[2], closed_year[5]
        _, text, _ = download(client_for(carol))
        delays = text.split("## Vertraagd")[1].split("\n## ")[0]
        assert (
            f"{delayed.reference} Onderzoek vertraagd. Nieuwe verwachte datum: 30 juni 2025. Voortgezet als "
            f"{successor.reference} in Werkprogramma 2025. Reden: {DELAY_REASON}" in delays
        )
        assert "Verwachte datum: 30 juni 2025" in text
        assert f"Voortzetting: Voortgezet als {successor.reference} in Werkprogramma 2025" in text

    def test_the_chapter_gives_the_two_kinds_of_dropped_apart_with_their_reason(self, client_for, carol, closed_year):
        ended, lapsed = closed_year[3], closed_year[4]
        _, text, _ = download(client_for(carol))
        dropped = text.split("\n## Vervallen")[1]
        by_programme = dropped.split("### Beëindigd in het werkprogramma (1)")[1].split("###")[0]
        during_year = dropped.split("### Vervallen in de loop van het jaar (1)")[1]
        assert f"{ended.reference} Oekraïense ontheemden. Reden: {BY_PROGRAMME_REASON}" in by_programme
        assert lapsed.reference not in by_programme
        assert f"{lapsed.reference} Vervallen in het jaar. Reden: Uitleg van de medewerker" in during_year
        assert ended.reference not in during_year
        assert "Oordeel: Vervallen (Beëindigd in het werkprogramma) — Bob Jansen" in text
        assert "Jaarbericht: Jaarbericht 2024, §4" in text

    def test_the_chapter_gives_the_counts_and_the_realisation_rate(self, client_for, carol, closed_year):
        _, text, _ = download(client_for(carol))
        assert (
            "Realisatiegraad 66,7%: 2 van de 3 voornemens gerealiseerd of deels gerealiseerd (1 gerealiseerd, 1 deels)."
            in text
        )
        for row in (
            "Gerealiseerd | 1",
            "Deels gerealiseerd | 1",
            "Vertraagd | 1",
            "Vervallen | 2",
            "    Beëindigd in het werkprogramma | 1",
            "    Vervallen in de loop van het jaar | 1",
            "Totaal | 5",
        ):
            assert row in text.splitlines(), row

    def test_the_chapter_is_in_the_readers_language(self, client_for, carol, closed_year):
        client = client_for(carol)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        header, text, document = download(client)
        assert document.core_properties.language == "en"
        assert document.core_properties.title == "Accounting for Work programme 2024"
        assert header.startswith("Closed on ")
        assert "Ended in the work programme (1)" in text
        assert "Verdict: Met" in text
        for dutch in ("Vervallen in de loop", "Oordeel:", "Realisatiegraad", "Nieuwe verwachte datum", "juni"):
            assert dutch not in text, dutch

    def test_the_command_writes_the_chapter(self, tmp_path, client_for, carol, closed_year):
        output = tmp_path / "hoofdstuk.docx"
        stdout = io.StringIO()
        call_command("export_overview", "2024", "--format", "docx", "--output", str(output), stdout=stdout)
        assert "Jaaroverzicht 2024 geschreven naar" in stdout.getvalue()
        written = read(output.read_bytes())
        downloaded = download(client_for(carol))
        assert written[:2] == downloaded[:2]
