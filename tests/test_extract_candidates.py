"""Candidate commitments from a work programme (intake/extraction.py, manage.py extract_candidates).

The extraction is measured against the hand-labelled intentions of the seed pages
(fixtures/seeds/intentions-labelled.csv: page, statement). The rule for "a candidate finds a labelled
intention": on the same page, and each holds at least 60% of the other's content words -- the lower-cased
words (\\w+) of a text as a set, less a fixed list of Dutch stop words -- both ways, so that neither a short
fragment inside a long intention nor a long run of text around a short one counts. Precision is the share of
candidates that find an intention, recall the share of intentions that some candidate finds.

The extractor knows nothing of the labels; its cues and weights were set while looking at these same seed
pages, so the figures are those of the pages it was made on (held-out sets: tests/test_extraction_figures.py).
"""

import csv
import io
import re
from pathlib import Path

import pdfplumber
import pytest
import weasyprint
from django.core.management import CommandError, call_command

from commitments import fileformat, imports
from intake import extraction

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "seeds" / "werkprogramma-2024-extract-a.txt"
SEED_PAGE_8 = ROOT / "fixtures" / "seeds" / "werkprogramma-2024-extract-b.txt"
LABELLED = ROOT / "fixtures" / "seeds" / "intentions-labelled.csv"
STOP_WORDS = frozenset(
    """de het een en van in op te voor met aan door dat die dit om als of is zijn wordt worden zal zullen er
    ook niet naar bij tot uit over onder haar hun ze zij we wij ons zich""".split()
)
SHARE = 0.6
# What the extractor reaches on the seed pages (see the module's docstring): asserted, so that a change that
# makes it worse fails.
RECALL_REACHED = 37 / 46
PRECISION_REACHED = 37 / 41


def content_words(text):
    return {word for word in re.findall(r"\w+", text.lower()) if word not in STOP_WORDS}


def finds(candidate, intention):
    """Does a candidate find a labelled intention? Each holds at least 60% of the other's content words."""
    a, b = content_words(candidate), content_words(intention)
    common = len(a & b)
    return bool(a and b) and common >= SHARE * len(a) and common >= SHARE * len(b)


def labelled():
    with LABELLED.open(encoding="utf-8", newline="") as handle:
        return [(row["page"], row["statement"]) for row in csv.DictReader(handle)]


def measure(candidates, intentions):
    """(precision, recall) of candidates [(page, statement)] against intentions [(page, statement)]."""
    hits = [any(page == p and finds(c, i) for p, i in intentions) for page, c in candidates]
    found = [any(page == p and finds(c, i) for p, c in candidates) for page, i in intentions]
    return sum(hits) / len(candidates), sum(found) / len(intentions)


@pytest.fixture(scope="module")
def seed_candidates():
    return extraction.candidates(extraction.pages_from_text(SEED.read_text(encoding="utf-8")), 2024)


# --- the measure --------------------------------------------------------------------------------


def test_recall_and_precision_on_the_labelled_seed_pages(seed_candidates):
    precision, recall = measure([(c.page, c.statement) for c in seed_candidates], labelled())
    assert len(labelled()) == 46
    assert recall >= RECALL_REACHED >= 0.80
    assert precision >= PRECISION_REACHED >= 0.88


def test_the_matching_rule_finds_an_intention_in_its_own_words_and_refuses_a_part_or_a_paraphrase():
    po21 = (
        "Het onderzoek naar de randvoorwaarden voor goed onderwijs in de nieuwe basispolitieopleiding PO21 "
        "wordt in 2024 gepubliceerd."
    )
    assert finds(po21, po21)
    assert finds("onderzoek naar de randvoorwaarden voor goed onderwijs in de nieuwe basispolitieopleiding PO21", po21)
    assert not finds("Het onderzoek naar de randvoorwaarden wordt gepubliceerd.", po21)  # too small a part
    longer = " Daarnaast kijkt de Inspectie naar de meldkamers, de recherche, de mobiele eenheid en de wijkagenten."
    assert not finds(po21 + longer, po21)  # too much around it
    assert not finds("De Inspectie publiceert in 2024 een rapport over de politieopleiding.", po21)


def test_the_measure_can_fail():
    intentions = labelled()
    assert measure([("8", "De Inspectie publiceert in 2024 een rapport over de maanlanding.")], intentions) == (0, 0)
    every_sentence_of_page_2 = [("2", line) for line in SEED.read_text(encoding="utf-8").splitlines()[:40]]
    precision, recall = measure(every_sentence_of_page_2, intentions)
    assert precision < 0.2 and recall < 0.2  # raw interleaved lines find nothing


# --- two interleaved columns --------------------------------------------------------------------


def test_it_untangles_sentences_whose_lines_alternate_with_the_other_column(seed_candidates):
    statements = {c.statement for c in seed_candidates if c.page == "8"}
    # "Tevens vindt ..." and "Bij het toezicht ..." alternate line by line with the cannabis column.
    assert (
        "Tevens vindt de Inspectie het belangrijk om in haar toezicht ook met burgers te spreken. Dit betekent dat "
        "tijdens toezicht slachtoffers, nabestaanden en/of burgers betrokken kunnen worden."
    ) in statements
    assert (
        "Bij het toezicht op de migratieketen is er in het bijzonder aandacht voor kwetsbare groepen burgers, zoals "
        "psychiatrisch patiënten, licht verstandelijk beperkten en minderjarigen, maar ook voor mensenhandel en "
        "-smokkel."
    ) in statements


def test_it_splits_a_line_that_holds_both_columns(seed_candidates):
    # Page 6 prints "... adequaat te monitoren, de" and the other column's text on the same lines.
    assert any(
        c.statement.startswith("De Inspectie stimuleert dat organisaties zelf in staat zijn de risico’s die")
        and c.statement.endswith("waar nodig bij te sturen.")
        for c in seed_candidates
    )


def test_a_letter_with_hard_line_breaks_stays_one_column():
    # A Kamerstuk wraps its one column at a fixed width; its headings and letter head join badly with the lines
    # below them, which once made the text look like two interleaved columns (set G).
    letter = ROOT / "tests" / "data" / "heldout-g" / "nvwa-jaarplan2025-kamerbrief.txt"
    pages = extraction.pages_from_text(letter.read_text(encoding="utf-8"))
    assert not extraction.is_interleaved(pages[0].lines, extraction.join_model(pages))
    statements = [c.statement for c in extraction.candidates(pages, 2025)]
    assert "Samen met hen probeert de NVWA risico’s optimaal te beheersen." in statements


# --- the rules, on sentences of our own -----------------------------------------------------------


def test_the_simple_past_is_an_account_and_the_present_a_plan():
    assert not extraction.is_intention("We brachten in 2024 zeven rapporten uit over de opvang.", 2025)
    assert not extraction.is_intention("De inspectie deed in 2025 onderzoek naar de opvang van kinderen.", 2025)
    assert not extraction.is_intention("De inspectie publiceerde een rapport over de opvang van kinderen.", 2025)
    assert extraction.is_intention("De inspectie onderzoekt in 2025 de opvang van kinderen.", 2025)
    # what was done in a clause inside the sentence is what will be studied
    assert extraction.is_intention("De inspectie bekijkt of de maatregelen effect hebben gehad op de opvang.", 2025)
    # a weak plural whose stem no present has before -den/-ten, and a singular in -ende right after the name
    assert not extraction.is_intention("We waarschuwden voor de risico's van de opvang in de regio.", 2025)
    assert not extraction.is_intention("De inspectie oefende extra toezicht uit op de opvang.", 2025)
    # what was yet to be done in a clause inside it does not turn an account into a plan
    assert not extraction.is_intention("De inspectie onderzocht of de kinderen naar school gaan.", 2025)
    assert extraction.is_intention("We melden de risico's van de opvang aan de minister.", 2025)
    assert not extraction.is_intention("Daarom startten we het project voor de opvang in de regio.", 2025)
    assert not extraction.is_intention("Veel gaat goed, maar als inspectie zie ik ook punten voor verbetering.", 2025)
    assert not extraction.is_intention("Ook voor het jaar 2025 worden deze kerncijfers opgenomen.", 2025)
    assert extraction.is_intention("De inspectie rondt de onderzoeken uit 2024 af (zie hoofdstuk 1).", 2025)


def test_a_demonstrative_opening_the_sentence_opens_no_clause_inside_it():
    assert extraction.is_intention("Dat omvangrijke onderzoek wordt op 15 mei 2025 gepubliceerd.", 2025)
    assert not extraction.is_intention("Levensmiddelen die in winkels worden verkocht zijn veilig.", 2025)


def test_an_intent_whose_owner_is_named_and_an_infinitive_without_om():
    assert extraction.is_intention("De bedoeling van de inspectie is het plan in het najaar vast te stellen.", 2025)
    assert not extraction.is_intention("De bedoeling van de inspectie is een goede opvang.", 2025)


def test_its_remit_a_definition_and_going_on_as_before_are_no_plan():
    assert not extraction.is_intention("De inspectie doet dat al twintig jaar door scholen te bezoeken.", 2025)
    assert not extraction.is_intention("De inspectie werkt als onafhankelijke toezichthouder aan veilig werk.", 2025)
    assert not extraction.is_intention("De inspectie ondersteunt de gemeenten bij hun taak in de opvang.", 2025)
    assert not extraction.is_intention("Onder datagebruik verstaat de inspectie vooral het delen van gegevens.", 2025)
    assert not extraction.is_intention("Dat zullen we blijven doen.", 2025)
    # what seems to be so is an onlooker's guess
    assert not extraction.is_intention("Nu lijkt de inspectie de twee soorten onderzoek weer te willen mengen.", 2025)
    # the minister offering the plans to parliament speaks for himself
    assert not extraction.is_intention("Graag wil ik uw Kamer een briefing door de inspectie aanbieden.", 2025)
    assert not extraction.is_intention(
        "We besteden ons budget naar eigen inzicht en gaan over onze eigen communicatie.", 2025
    )
    # the perfect of a passive with a fixed expression looks back
    assert not extraction.is_intention("Bij de keuze van de onderwerpen is rekening gehouden met de risico's.", 2025)
    assert not extraction.is_intention("Hiervoor is gebruik gemaakt van de inspecties in de regio.", 2025)
    # with the programme's year it is the plan
    assert extraction.is_intention("De inspectie ondersteunt in 2025 de gemeenten bij hun taak in de opvang.", 2025)
    assert extraction.is_intention("De inspectie bezoekt de scholen in de regio.", 2025)


def test_the_inspectorates_or_their_work_as_what_a_preposition_takes_do_not_act():
    assert not extraction.is_intention("Daarbij wordt in het debat vaker gekeken naar rijksinspecties.", 2025)
    assert not extraction.is_intention("De vraag voor inspecties is welke bijdrage zij willen leveren.", 2025)
    assert not extraction.is_intention("Wij doen dat tegen de achtergrond van vragen over de overheid.", 2025)
    assert extraction.is_intention("Daarbij worden de inspecties in de regio vaker uitgevoerd.", 2025)


def test_what_the_document_holds_and_a_look_back_are_no_plan():
    assert not extraction.is_intention("In dit magazine beschrijven we onze plannen voor de komende jaren.", 2025)
    assert not extraction.is_intention("Daarnaast geven we in dit document informatie over de opvang.", 2025)
    assert not extraction.is_intention("In het vandaag verschenen Jaarplan 2025 staat de opvang voorop.", 2025)
    assert not extraction.is_intention("Het nieuwe werkprogramma van de inspectie beschrijft waar zij staat.", 2025)
    assert not extraction.is_intention("In dit verslag blikt de inspectie terug op de afgelopen vier jaar.", 2025)
    assert extraction.is_intention("De inspectie beschrijft in 2025 hoe de opvang van kinderen verloopt.", 2025)


def test_what_something_looks_like_a_contrast_and_al_dan_niet_negate_or_look_back_at_nothing():
    year = 2025
    assert extraction.is_intention("De inspectie maakt inzichtelijk hoe de keten eruit ziet.", year)
    assert extraction.is_intention("We doen onderzoek naar de keten, niet naar losse klachten van burgers.", year)
    assert extraction.is_intention("In een verkenning weegt de inspectie of een onderwerp al dan niet past.", year)
    assert not extraction.is_intention("De inspectie doet geen onderzoek naar losse klachten van burgers.", year)
    # what it will show is no look back, and "zijn" in a clause inside it is no wish to be something
    assert extraction.is_intention("De inspectie wil vaker laten zien wat de gevolgen zijn voor de opvang.", year)
    # a wish to be something, also with a clause after it
    assert not extraction.is_intention("De inspectie wil een wendbare organisatie zijn waar iedereen meedenkt.", year)


def test_an_audit_office_acts_in_its_own_programme():
    assert extraction.is_intention("De Rekenkamer Noord gaat haar onderzoek vaker vanuit burgers doen.", 2025)
    assert extraction.is_intention("Naast deze onderzoeken rondt de rekenkamer nog twee onderzoeken af.", 2025)
    assert not extraction.is_intention("De rekenkamer stelt in het najaar het onderzoeksprogramma vast.", 2025)
    assert not extraction.is_intention("De missie van de rekenkamer blijft: het bestuur beter maken.", 2025)


def test_a_list_under_a_heading_that_names_the_year_or_after_a_lead_in_about_the_work():
    text = (
        "Nieuwe onderzoeken in 2025\n\n"
        "• De opvang van kinderen in de regio. In 2023 is de opvang ingrijpend veranderd.\n"
        "• De veiligheid van de havens.\n\n"
        "Eerder\n\n"
        "De inspectie hanteert verschillende vormen van toezicht:\n\n"
        "• Thematisch onderzoek\n"
        "• Vervolgonderzoek\n\n"
        "Lijnen\n\n"
        "De toezichtlijnen zijn:\n\n"
        "• Cultuur en leiderschap;\n"
    )
    statements = [c.statement for c in extraction.candidates(extraction.pages_from_text(text), 2025)]
    # each item, without its sentence of background; not the kinds of supervision it has
    assert statements == [
        "De opvang van kinderen in de regio.",
        "De veiligheid van de havens.",
        "Cultuur en leiderschap;",
    ]


def test_a_list_that_answers_a_question_of_what_it_will_do_in_the_year():
    text = (
        "Plannen\n\nWat gaat de inspectie in 2025 doen?\n"
        "- Onderzoeken hoe de gemeenten de opvang van kinderen regelen.\n"
        "- Nagaan of de havens veilig zijn.\n\n"
        "Terugblik\n\nWat deed de inspectie in 2024?\n"
        "- Een onderzoek naar de opvang.\n"
    )
    statements = [c.statement for c in extraction.candidates(extraction.pages_from_text(text), 2025)]
    assert statements == [
        "Onderzoeken hoe de gemeenten de opvang van kinderen regelen.",
        "Nagaan of de havens veilig zijn.",
    ]


def test_an_item_of_a_list_not_introduced_as_the_plan_is_read_as_a_sentence_when_it_looks_ahead():
    text = (
        "Opvallend\n\n"
        "• De inspectie wil de scholen in de regio vaker bezoeken.\n"
        "• De inspectie houdt toezicht op de scholen in de regio.\n"
        "• Scholen in de regio.\n"
    )
    statements = [c.statement for c in extraction.candidates(extraction.pages_from_text(text), 2025)]
    assert statements == ["De inspectie wil de scholen in de regio vaker bezoeken."]


def test_a_list_item_keeps_its_sentences_of_intention_and_leaves_out_its_background():
    text = (
        "Wat de inspectie in 2025 wil:\n\n"
        "• Goed voorbereid zijn op nieuwe aanvragen. Het kabinet presenteert plannen voor twee nieuwe centrales.\n"
        "• De veiligheid van de havens. De inspectie onderzoekt in 2025 hoe de havens zich voorbereiden.\n"
    )
    statements = [c.statement for c in extraction.candidates(extraction.pages_from_text(text), 2025)]
    assert statements == [
        "Goed voorbereid zijn op nieuwe aanvragen.",
        "De veiligheid van de havens. De inspectie onderzoekt in 2025 hoe de havens zich voorbereiden.",
    ]


def test_a_list_of_questions_of_members_or_of_earlier_work_is_no_plan():
    text = (
        "Werkwijze\n\n"
        "De inspectie stelt bij elk onderzoek vragen als:\n\n"
        "• Werkt de opvang zoals bedoeld?\n"
        "• Kan het beter?\n\n"
        "Het team\n\n"
        "Het inspectieteam bestaat uit:\n\n"
        "• Een inspecteur-generaal en\n"
        "• Twee directeuren.\n\n"
        "Onderzoeken\n\n"
        "Afgeronde onderzoeken in 2024:\n\n"
        "• De opvang in de regio.\n\n"
        "Nieuwe onderzoeken in 2025:\n\n"
        "• De veiligheid van de havens.\n"
    )
    statements = [c.statement for c in extraction.candidates(extraction.pages_from_text(text), 2025)]
    assert statements == ["De veiligheid van de havens."]


def test_the_documents_own_organisation_is_learnt_from_its_text():
    text = (
        "De Keuringsdienst Zuid wil in 2025 meer bedrijven bezoeken. "
        "De Keuringsdienst Zuid werkt daarbij samen met de gemeenten. "
        "De dienst wil ook de uitkomsten sneller delen."
    )
    statements = [c.statement for c in extraction.candidates(extraction.pages_from_text(text), 2025)]
    assert statements == text.split(" De ")[:1] + ["De " + part for part in text.split(" De ")[1:]]
    # named once, it is not learnt: "De Keuringsdienst Zuid" could be anyone
    alone = "De Keuringsdienst Zuid werkt daarbij samen met de gemeenten."
    assert extraction.candidates(extraction.pages_from_text(alone), 2025) == []


def test_a_supervisory_body_the_text_names_by_a_noun_that_names_one_acts():
    text = (
        "In haar toezicht richt het Commissariaat voor de Luchtvaart zich in 2025 op kleine vliegvelden. "
        "Daarnaast besteedt het Commissariaat voor de Luchtvaart dit jaar extra aandacht aan drones. "
        "Het college van burgemeester en wethouders besluit over de vergunningen."
    )
    statements = [c.statement for c in extraction.candidates(extraction.pages_from_text(text), 2025)]
    assert statements == [
        "In haar toezicht richt het Commissariaat voor de Luchtvaart zich in 2025 op kleine vliegvelden.",
        "Daarnaast besteedt het Commissariaat voor de Luchtvaart dit jaar extra aandacht aan drones.",
    ]
    # named once, it is not learnt
    alone = "Daarnaast besteedt het Commissariaat voor de Luchtvaart dit jaar extra aandacht aan drones."
    assert extraction.candidates(extraction.pages_from_text(alone), 2025) == []


def test_a_letter_that_sets_out_the_plan_and_a_plan_made_every_few_years_are_the_document():
    for sentence in (
        "Daarnaast beschrijft de inspectie in deze brief haar rol en verantwoordelijkheid.",
        "De toezichtbrief stuurt de inspectie jaarlijks aan de minister van Financiën.",
        "Daarom legt de inspectie om de vier jaar haar prioriteiten vast in een strategisch plan.",
    ):
        assert not extraction.is_intention(sentence, 2025), sentence
    assert extraction.is_intention("De inspectie stuurt in 2025 brieven aan alle gemeenten.", 2025)


def test_what_it_watches_over_as_such_is_its_remit():
    for sentence in (
        "De inspectie ziet er als toezichthouder op toe dat gemeenten hun taken goed uitvoeren.",
        "De inspectie houdt in de gaten of de regels voor de havens worden nageleefd.",
    ):
        assert not extraction.is_intention(sentence, 2025), sentence
    # with a year ahead it is the plan
    assert extraction.is_intention("De inspectie houdt in 2025 extra in de gaten of de havens veilig zijn.", 2025)


def test_an_intent_or_a_plan_as_subject_with_an_infinitive_or_aimed_at_something_is_an_intention():
    for sentence in (
        "Het streven is te komen tot een landelijk beeld van de veiligheid in de havens.",
        "De planning is erop gericht dat in 2025 een nieuw toetsingskader klaar is.",
    ):
        assert extraction.is_intention(sentence, 2025), sentence
    assert not extraction.is_intention("De planning van de gemeenten is erg krap geweest.", 2025)


def test_the_periods_themes_named_as_such_are_intentions_without_an_actor():
    for sentence in (
        "Nieuwe thema’s zijn de veiligheid van drones en het gebruik van data in de havens.",
        "Daarom is dit een van de belangrijkste thema’s voor de komende jaren.",
        "Naast de havens is een ander belangrijk thema in 2025 de veiligheid van tunnels.",
    ):
        assert extraction.is_intention(sentence, 2025), sentence
    # a theme of no period ahead is background
    assert not extraction.is_intention("Veiligheid is een belangrijk thema in de samenleving.", 2025)


def test_a_sentence_opening_with_where_needed_is_a_condition():
    for sentence in (
        "Waar nodig pakken we de overtredingen in de havens aan.",
        "Zo nodig zet de inspectie in 2025 extra inspecteurs in.",
    ):
        assert not extraction.is_intention(sentence, 2025), sentence
    assert extraction.is_intention("We pakken in 2025 de overtredingen in de havens aan.", 2025)


def test_a_plea_to_others_and_a_we_that_is_society_are_no_intentions():
    for sentence in (
        "De inspectie pleit in 2025 voor een wettelijke plicht om havens te keuren.",
        "De inspectie roept de gemeenten op hun havens in 2025 te keuren.",
        "Zo weten we als samenleving in 2025 beter welke havens veilig zijn.",
        "De risico's verkleinen we alleen als iedereen in 2025 meedoet.",
    ):
        assert not extraction.is_intention(sentence, 2025), sentence
    assert extraction.is_intention("We keuren in 2025 alle havens.", 2025)


def test_its_staff_act_and_others_staff_do_not():
    assert extraction.is_intention("De medewerkers werken daarbij samen met de politie in de havens.", 2025)
    assert extraction.is_intention("Onze inspecteurs bezoeken daarbij de havens.", 2025)
    assert not extraction.is_intention("De medewerkers van de havens werken daarbij samen met de politie.", 2025)


def test_its_principle_of_how_it_works_is_an_intention():
    # the verb of the clause apart from its subject, which the rules of the present tense do not see
    sentence = "Het uitgangspunt hierbij is dat de inspectie zoveel mogelijk aansluit op bestaande gegevens."
    assert extraction.is_intention(sentence, 2025)
    assert not extraction.is_intention("Het uitgangspunt van de wet was een andere.", 2025)


def test_what_this_will_become_in_a_year_ahead_is_an_intention():
    assert extraction.is_intention("Dit gaat in 2025 zijn beslag krijgen.", 2025)
    assert extraction.is_intention("Dat zal in 2026 verder vorm krijgen.", 2025)
    assert not extraction.is_intention("Dit gaat in 2023 zijn beslag krijgen.", 2025)  # a year before
    assert not extraction.is_intention("Deze zullen ook in de komende jaren van invloed blijven.", 2025)


def test_what_serves_as_a_guide_is_no_mission():
    sentence = "De thema’s dienen voor ons als leidraad; wat we gaan onderzoeken, zullen we na een verkenning bepalen."
    assert extraction.is_intention(sentence, 2025)
    assert not extraction.is_intention("Daarmee dient de inspectie het publieke belang.", 2025)


def test_a_decision_taken_on_the_work_to_do_is_an_intention():
    sentence = "Bij de keuze van de onderwerpen is besloten om nadrukkelijk aandacht te geven aan de havens."
    assert extraction.is_intention(sentence, 2025)
    sentence = "In 2022 is besloten om nadrukkelijk aandacht te geven aan de havens."  # then, not now
    assert not extraction.is_intention(sentence, 2025)


def test_what_it_has_is_no_work():
    assert not extraction.is_intention("De inspectie kent drie afdelingen voor de havens.", 2025)
    assert extraction.is_intention("De inspectie kent in 2025 drie nieuwe vergunningen toe.", 2025)


def test_a_perfect_that_lists_the_periods_themes_names_them():
    sentence = "De inspectie heeft haar speerpunten voor 2025 bekendgemaakt: de havens en de tunnels."
    assert extraction.is_intention(sentence, 2025)
    # without the list, the making of the plan; before the period, what was
    assert not extraction.is_intention("De inspectie heeft haar speerpunten voor 2025 bekendgemaakt.", 2025)
    assert not extraction.is_intention("De inspectie heeft haar speerpunten voor 2023 bekendgemaakt: de havens.", 2025)


def test_a_later_word_of_an_owned_name_does_not_act():
    sentence = "In de periode tot 2026 daalt de formatie van de Inspectie ABC als gevolg van de bezuinigingen."
    assert not extraction.is_intention(sentence, 2025)
    assert extraction.is_intention("In 2025 bezoekt de Inspectie ABC alle havens.", 2025)


def test_counted_inspections_are_no_inspectorates():
    sentence = "Deze kerncijfers betreffen vooral aantallen inspecties en rapporten over de havens."
    assert not extraction.is_intention(sentence, 2025)
    assert extraction.is_intention("De inspecties werken daarbij samen met de politie.", 2025)


def test_a_choice_for_the_period_in_a_list_not_introduced_as_the_plan_is_an_intention():
    text = "Opvallende punten\n\n• De inspectie kiest voor een focus op de kleine havens.\n• De inspectie is groot.\n"
    statements = [c.statement for c in extraction.candidates(extraction.pages_from_text(text), 2025)]
    assert statements == ["De inspectie kiest voor een focus op de kleine havens."]


def test_a_body_named_by_its_task_acts():
    sentence = "Meer dan voorheen wil de onafhankelijke controleur van de havens een oordeel geven over de veiligheid."
    assert extraction.is_intention(sentence, 2025)
    assert extraction.is_intention("Het toezichtsorgaan richt zich in 2025 op de havens.", 2025)


def test_a_study_named_in_a_fragment_is_an_intention():
    assert extraction.is_intention("Eén onderzoek waarin de inspectie de veiligheid van de havens onderzoekt.", 2025)
    assert extraction.is_intention("En een verkenning naar de veiligheid van de tunnels.", 2025)
    # a sentence with a verb of its own says what the study did or is
    assert not extraction.is_intention("Een onderzoek naar de havens liet zien dat het beter kan.", 2025)
    assert not extraction.is_intention("Een onderzoek naar de havens is in 2023 afgerond.", 2025)


def test_a_speakers_words_after_a_verb_of_saying_and_a_colon_are_a_quote():
    sentence = "De inspectie meldt: ‘In 2025 willen we alle havens bezoeken."
    assert not extraction.is_intention(sentence, 2025)
    assert extraction.is_intention("De inspectie meldt dat zij in 2025 alle havens wil bezoeken.", 2025)


def test_an_abbreviation_the_text_defines_for_a_thing_does_not_act():
    text = (
        "De inspectie gebruikt de landelijke risicoanalyse (LRA) om onderwerpen te kiezen. "
        "De LRA berekent de schade per onderwerp. "
        "De Nederlandse Keuringsautoriteit (NKA) onderzoekt in 2025 de havens."
    )
    statements = [c.statement for c in extraction.candidates(extraction.pages_from_text(text), 2025)]
    assert statements == [
        "De inspectie gebruikt de landelijke risicoanalyse (LRA) om onderwerpen te kiezen.",
        "De Nederlandse Keuringsautoriteit (NKA) onderzoekt in 2025 de havens.",
    ]


def test_a_compound_inspectorate_in_lower_case_and_an_ombudsman_act():
    # Flemish writes the inspectorate's compound name in lower case: "de onderwijsinspectie"
    assert extraction.is_intention("Wegens de drukte zet de haveninspectie de bezoeken aan de kades stop.", 2025)
    assert extraction.is_intention("De ombudsman start een onderzoek naar de klachten over de havens.", 2025)
    # a compound owned or taken by a preposition does not act
    assert not extraction.is_intention("Het rapport van de haveninspectie beschrijft de kades.", 2025)


def test_the_school_year_ahead_is_the_period_ahead():
    sentence = "De controles op de veiligheid van de kades worden uitgesteld naar volgend schooljaar."
    assert extraction.is_intention(sentence, 2025)
    assert extraction.is_intention("Dit schooljaar worden de bezoeken aan de havens ingekort.", 2025)
    assert not extraction.is_intention("Vorig schooljaar werden de bezoeken aan de havens ingekort.", 2025)


def test_a_passive_of_its_visits_is_about_its_work():
    assert extraction.is_intention("Deze doorlichtingen worden in de havens ter plaatse uitgevoerd.", 2025)
    assert extraction.is_intention("De jaarlijkse controle op de kades wordt uitgevoerd in de havens.", 2025)
    # not in a clause inside the sentence
    assert not extraction.is_intention("Het gaat om kades die bij een doorlichting worden gebruikt.", 2025)


def test_the_items_under_a_question_of_how_it_works_say_how_it_will_work():
    text = (
        "Hoe gaan we om met de drukte in de havens?\n\n"
        " • Bij het oordeel houden we rekening met de drukte in de havens. De kades zijn vaak vol.\n"
        " • De havens krijgen een brief van de gemeente over de kades.\n"
    )
    statements = [c.statement for c in extraction.candidates(extraction.pages_from_text(text), 2025)]
    assert statements == ["Bij het oordeel houden we rekening met de drukte in de havens."]
    # a question of what others do introduces no plan
    other = text.replace("Hoe gaan we om met", "Hoe gaan de havens om met")
    assert extraction.candidates(extraction.pages_from_text(other), 2025) == []


def test_a_new_theme_or_approach_is_of_the_period():
    assert extraction.is_intention("De veiligheid van de kades wordt als nieuw thema toegevoegd.", 2025)
    assert extraction.is_intention("Het thema havens krijgt op een aantal punten een nieuwe insteek.", 2025)
    assert not extraction.is_intention("In 2021 kreeg het thema havens een nieuwe insteek.", 2025)


def test_a_passive_that_goes_on_with_the_work_or_names_a_date_of_the_year_looks_ahead():
    assert extraction.is_intention("De aanpak van de kades wordt verder uitgewerkt in de havens.", 2025)
    assert extraction.is_intention("Het havenloket wordt voor 1 maart uitgebreid met twee medewerkers.", 2025)
    # not with an earlier year
    assert not extraction.is_intention("Het havenloket wordt sinds 2019 verder uitgebreid met medewerkers.", 2025)


def test_a_theme_named_as_the_organisations_own_is_an_intention():
    assert extraction.is_intention("De veiligheid van de kades is een belangrijk thema voor de inspectie.", 2025)
    # a theme of someone else's is not
    assert not extraction.is_intention("De veiligheid van de kades is een belangrijk thema voor de havens.", 2025)


def test_the_steps_of_a_schedule_for_the_period_are_intentions():
    text = (
        "Tijdlijn\n\n"
        " • Voorjaar 2025: gesprekken met de havenmeesters. Keuze van de kades.\n"
        " • 3e kwartaal 2025: bezoeken aan de kades\n"
        " • Q1 2026: rapportage aan de gemeenteraad.\n"
        " • Najaar 2023: gesprekken met de havenmeesters.\n"
    )
    statements = [c.statement for c in extraction.candidates(extraction.pages_from_text(text), 2025)]
    # the whole step, what it names after its first full stop too; not a step of a year before
    assert statements == [
        "Voorjaar 2025: gesprekken met de havenmeesters. Keuze van de kades.",
        "3e kwartaal 2025: bezoeken aan de kades",
        "Q1 2026: rapportage aan de gemeenteraad.",
    ]


def test_a_condition_and_what_then_follows_is_no_commitment():
    sentence = "Als de drukte in de havens toeneemt, dan kiest de inspectie meestal voor een bezoek aan de kades."
    assert not extraction.is_intention(sentence, 2025)
    assert not extraction.is_intention(sentence.replace("Als", "Wanneer"), 2025)
    # "als" that names what it is acting as is no condition
    assert extraction.is_intention("Als toezichthouder kiest de inspectie dit jaar voor een bezoek aan de kades.", 2025)


def test_themes_that_get_more_attention_are_an_intention():
    assert extraction.is_intention("Daarbij krijgen de kades, de sluizen en de bruggen meer aandacht.", 2025)
    assert extraction.is_intention("De veiligheid van de havens krijgt dit jaar extra aandacht.", 2025)
    # not with a year before, nor attention in general
    assert not extraction.is_intention("In 2021 krijgen de kades en de sluizen meer aandacht.", 2025)
    assert not extraction.is_intention("De kades en de sluizen krijgen aandacht in de pers.", 2025)


def test_what_the_plan_says_as_others_report_it_is_about_the_work():
    sentence = "Volgens het jaarplan zet de inspectie in 2025 extra inspecteurs in op de kades."
    assert extraction.is_intention(sentence, 2025)
    assert extraction.is_intention(sentence.replace("het jaarplan", "haar werkprogramma 2025,"), 2025)
    # the document itself is still no work
    assert not extraction.is_intention("In het jaarplan zet de inspectie in 2025 haar keuzes uiteen.", 2025)


def test_a_period_of_years_that_runs_into_the_programmes_year_is_the_period_ahead():
    assert extraction.is_intention("In de periode 2024-2026 worden de kades van de havens opnieuw geïnspecteerd.", 2025)
    assert extraction.is_intention("Gedurende 2025–2027 worden de kades van de havens opnieuw geïnspecteerd.", 2025)
    # not a period that ended before it
    assert not extraction.is_intention("In de periode 2019-2022 worden de kades van de havens geïnspecteerd.", 2025)


def test_what_is_taken_under_the_magnifying_glass_is_a_passive_of_the_work():
    sentence = (
        "Daarnaast worden in 2025 de veiligheid van de kades, het onderhoud van de sluizen en de bediening van de"
        " bruggen onder de loep genomen."
    )
    assert extraction.is_intention(sentence, 2025)
    assert not extraction.is_intention(sentence.replace("worden in 2025", "werden in 2021"), 2025)


def test_a_change_from_this_year_on_looks_ahead():
    sentence = "De toezichthouder op de havens houdt met ingang van dit jaar meer rekening met de drukte op de kades."
    assert extraction.is_intention(sentence, 2025)
    assert extraction.is_intention(sentence.replace("met ingang van", "vanaf"), 2025)


def test_a_quote_on_a_line_of_its_own_over_the_text_is_a_heading():
    text = (
        "De havens in beeld\n\n"
        "De kades zijn druk. Dat zegt de havenmeester.\n"
        "“Veilige kades, daar gaat het om”\n"
        "Als toezichthouder wil de inspectie dit jaar meer oog hebben voor de drukte op de kades.\n"
    )
    statements = [c.statement for c in extraction.candidates(extraction.pages_from_text(text), 2025)]
    assert statements == ["Als toezichthouder wil de inspectie dit jaar meer oog hebben voor de drukte op de kades."]


def test_themes_that_get_priority_or_a_more_prominent_place_are_an_intention():
    assert extraction.is_intention("Kades met grote risico’s voor de veiligheid krijgen prioriteit.", 2025)
    assert extraction.is_intention("De sluizen en de bruggen krijgen een prominentere plek in de bezoeken.", 2025)
    assert not extraction.is_intention("In 2021 kregen de sluizen en de bruggen een prominentere plek.", 2025)


def test_what_depends_on_something_yet_to_happen_is_no_commitment():
    sentence = "Voor de inspectie geldt dat een bezoek aan de kades in 2025 afhankelijk is van het weer op zee."
    assert not extraction.is_intention(sentence, 2025)
    assert extraction.is_intention("De inspectie brengt in 2025 een bezoek aan de kades van de havens.", 2025)


def test_what_it_faces_is_a_circumstance_not_work():
    assert not extraction.is_intention(
        "Naast de bezoeken aan de kades hebben we in 2025 te maken met een vacature.", 2025
    )
    assert not extraction.is_intention("De inspectie krijgt in 2025 te maken met drukte op de kades.", 2025)
    assert extraction.is_intention("Naast de bezoeken aan de kades vullen we in 2025 een vacature in.", 2025)


def test_the_document_handed_over_is_about_the_document():
    assert not extraction.is_intention("Hierbij presenteren we het havenboek 2025 van de inspectie.", 2025)
    assert not extraction.is_intention("Hierbij bieden wij u het overzicht van de kades voor 2025 aan.", 2025)
    # "Hierbij" as "in doing so" goes on about the work
    assert extraction.is_intention("Hierbij besteedt de inspectie in 2025 bijzondere aandacht aan de kades.", 2025)


def test_a_clause_of_effect_standing_as_a_sentence_is_none_of_its_own():
    assert not extraction.is_intention("Zodat de havens in 2025 kunnen nagaan hoe de inspectie optreedt.", 2025)
    assert not extraction.is_intention("Waardoor de inspectie in 2025 sneller kan optreden op de kades.", 2025)


def test_calling_something_by_a_name_is_no_work():
    assert not extraction.is_intention("We spreken daarom zelfs van een crisis op de kades in 2025.", 2025)
    assert not extraction.is_intention("De inspectie spreekt inmiddels van een nieuwe fase in de havens.", 2025)
    # speaking with others is
    assert extraction.is_intention("De inspectie spreekt in 2025 met de havenmeesters van de kades.", 2025)


def test_an_audit_offices_task_by_law_in_the_plain_present_is_its_remit():
    sentence = "De rekenkamer doet onderzoek naar de doelmatigheid en de rechtmatigheid van het beleid voor de havens."
    assert not extraction.is_intention(sentence, 2025)
    # but not when it looks ahead
    assert extraction.is_intention(sentence.replace("doet onderzoek", "gaat onderzoek doen"), 2025)
    assert extraction.is_intention(sentence.replace("beleid", "beleid in 2025"), 2025)


def test_the_items_under_the_programmes_own_title_with_its_period_are_the_programme():
    text = (
        "Werkplan 2025-2026\n\n"
        " • Bezoeken: de kades en de sluizen van de havens.\n"
        " • Samenwerken: gesprekken met de havenmeesters en de loodsen.\n"
    )
    statements = [c.statement for c in extraction.candidates(extraction.pages_from_text(text), 2025)]
    assert statements == [
        "Bezoeken: de kades en de sluizen van de havens.",
        "Samenwerken: gesprekken met de havenmeesters en de loodsen.",
    ]
    # not the title of a period that ended before, nor a period that is not a programme's
    for heading in ("Werkplan 2021-2022", "Bezoeken 2025-2026"):
        other = text.replace("Werkplan 2025-2026", heading)
        assert extraction.candidates(extraction.pages_from_text(other), 2025) == []


def test_the_short_fragments_that_go_on_with_an_items_list_belong_to_it():
    text = "Werkplan 2025-2026\n\n • Bezoeken: de kades en de sluizen. De bruggen. Het loodswezen.\n"
    statements = [c.statement for c in extraction.candidates(extraction.pages_from_text(text), 2025)]
    assert statements == ["Bezoeken: de kades en de sluizen. De bruggen. Het loodswezen."]
    # a sentence of background after it is still left out
    text = text.replace("Het loodswezen.", "De havens kennen een lange geschiedenis van scheepvaart.")
    statements = [c.statement for c in extraction.candidates(extraction.pages_from_text(text), 2025)]
    assert statements == ["Bezoeken: de kades en de sluizen. De bruggen."]


def test_explaining_or_highlighting_in_the_text_is_about_the_document():
    assert not extraction.is_intention("Hieronder lichten we de keuze voor de kades in 2025 toe.", 2025)
    assert not extraction.is_intention("We lichten twee havens uit waarin de kades in 2025 worden bezocht.", 2025)
    assert extraction.is_intention("We bezoeken in 2025 twee havens waarin de kades worden vernieuwd.", 2025)


def test_a_wish_to_be_clear_about_something_is_an_aim():
    assert not extraction.is_intention(
        "Voor de inspectie betekent dit dat we open willen zijn over de keuze van de kades.", 2025
    )
    assert extraction.is_intention(
        "Voor de inspectie betekent dit dat we willen praten over de keuze van de kades.", 2025
    )


def test_elections_that_take_place_are_the_setting_of_the_year_not_its_work():
    assert not extraction.is_intention("Daarnaast vinden in maart 2025 waterschapsverkiezingen plaats.", 2025)
    assert not extraction.is_intention("De verkiezingen voor de havenraad vinden in 2025 plaats.", 2025)
    # the work that takes place is still the work
    assert extraction.is_intention("De controles op de kades vinden in maart 2025 plaats.", 2025)


def test_work_that_goes_on_all_the_time_in_a_list_not_introduced_as_the_plan_is_an_intention():
    text = (
        "Ontwikkelingen\n\n"
        "De havens groeien. Tegelijkertijd vragen nieuwe ontwikkelingen de aandacht:\n\n"
        " • De inspectie volgt voortdurend hoe de drukte op de kades zich ontwikkelt.\n"
        " • De havens zijn zich steeds meer bewust van de drukte op de kades.\n"
    )
    statements = [c.statement for c in extraction.candidates(extraction.pages_from_text(text), 2025)]
    assert statements == ["De inspectie volgt voortdurend hoe de drukte op de kades zich ontwikkelt."]


def test_what_it_has_in_mind_is_an_intention():
    assert extraction.is_intention("De inspectie heeft een nieuw overzicht van de kades voor ogen.", 2025)
    # of others it is not its own
    assert not extraction.is_intention("De havens hebben een nieuw overzicht van de kades voor ogen.", 2025)


def test_a_lead_in_whose_verb_is_in_the_past_introduces_what_was():
    text = (
        "Thema's\n\n"
        "Het havenplan onderscheidde daarvoor drie thema’s:\n\n"
        " • De veiligheid van de kades en de sluizen.\n"
        " • Het onderhoud van de bruggen in de havens.\n"
    )
    assert extraction.candidates(extraction.pages_from_text(text), 2025) == []
    # in the present it names the themes of the period, and a participle as an adjective is no past
    now = text.replace("onderscheidde", "onderscheidt")
    assert len(extraction.candidates(extraction.pages_from_text(now), 2025)) == 2
    planned = text.replace("Het havenplan onderscheidde daarvoor drie thema’s:", "De geplande onderzoeken in 2025:")
    assert len(extraction.candidates(extraction.pages_from_text(planned), 2025)) == 2
    planned = planned.replace("De geplande onderzoeken in 2025:", "De twee geplande onderzoeken naar de havens:")
    assert len(extraction.candidates(extraction.pages_from_text(planned), 2025)) == 2


def test_it_drops_running_headers_page_numbers_and_footnotes():
    pages = extraction.pages_from_text(SEED.read_text(encoding="utf-8"))
    assert [page.label for page in pages] == ["2", "4", "6", "8", "10", "12", "1"]
    lines = [line for page in pages for line in page.lines]
    assert "Werkprogramma 2024" not in lines
    assert not any("Nieuwsbericht" in line for line in lines)  # footnotes
    # page numbers and footnote markers; a year alone on its line ("2024") is a year heading and stays
    assert not any(re.fullmatch(r"\d+( \d+)*", line) and not re.fullmatch(r"(19|20)\d\d", line) for line in lines)


def test_page_8_on_its_own_gives_the_same_candidates(seed_candidates):
    alone = extraction.candidates(extraction.pages_from_text(SEED_PAGE_8.read_text(encoding="utf-8")), 2024)
    assert [c.page for c in alone] == ["8"] * len(alone)
    in_the_document = {c.statement for c in seed_candidates if c.page == "8"}
    assert len({c.statement for c in alone} & in_the_document) >= len(alone) - 1


def test_each_candidate_gets_a_guessed_domain_and_kind(seed_candidates):
    def guessed(start):
        return next((c.domain, c.kind) for c in seed_candidates if c.statement.startswith(start))

    assert guessed("Het onderzoek naar de randvoorwaarden") == ("politie", "publication")
    assert guessed("In 2024 richt de Inspectie zich onder andere op de aanpak") == ("politie", "supervision")
    assert guessed("Bij het toezicht op de migratieketen") == ("migratie", "supervision")
    assert guessed("In 2024 zullen wij een nieuw meerjarenperspectief uitbrengen") == ("organisatie", "publication")


# --- a real two-column PDF ----------------------------------------------------------------------

LEFT_COLUMN = (
    "De Inspectie zal in 2024 het toezicht op de meldkamers van de politie versterken en daarover in het najaar "
    "een rapport publiceren. De werkdruk bij de meldkamers is al jaren hoog en het verloop onder de centralisten "
    "is groot. Veel regio's werken met tijdelijke krachten. "
    "In 2024 onderzoekt de Inspectie hoe de regionale eenheden de aanbevelingen over de opvolging van meldingen "
    "hebben opgevolgd. Dat onderzoek bouwt voort op eerdere rapporten over de eenheden in het oosten van het land."
)
RIGHT_COLUMN = (
    "In 2024 richt de Inspectie zich op de opvang van minderjarige asielzoekers in de noodopvang van gemeenten. "
    "Veel gemeenten hebben moeite om voldoende plekken te vinden en de opvang is vaak kort van duur. "
    "De Inspectie wil daarnaast in 2024 de samenwerking met de Inspectie Gezondheidszorg en Jeugd versterken "
    "door gezamenlijke bezoeken aan de opvanglocaties."
)


@pytest.fixture(scope="module")
def two_column_pdf(tmp_path_factory):
    html = f"""<html><head><style>
      @page {{ size: A4; margin: 2cm }}
      body {{ font: 11pt sans-serif }}
      .columns {{ column-count: 2; column-gap: 1.5cm }}
      p {{ margin: 0 0 1em }}
    </style></head><body><div class="columns"><p>{LEFT_COLUMN}</p><p>{RIGHT_COLUMN}</p></div>
    <div style="break-before: page"><p>Dit is een uitgave van de Inspectie Justitie en Veiligheid.</p></div>
    </body></html>"""
    path = tmp_path_factory.mktemp("pdf") / "werkprogramma.pdf"
    weasyprint.HTML(string=html).write_pdf(path)
    return path


def test_the_pdf_puts_the_columns_side_by_side_so_that_plain_text_mixes_them(two_column_pdf):
    with pdfplumber.open(two_column_pdf) as pdf:
        first_line = pdf.pages[0].extract_text().splitlines()[0]
    assert first_line.startswith("De Inspectie zal in 2024") and "In 2024 richt de Inspectie" in first_line


def test_a_two_column_pdf_is_read_column_by_column(two_column_pdf):
    pages = extraction.pages_from_pdf(two_column_pdf)
    assert len(pages[0].columns) == 2
    found = extraction.candidates(pages, 2024)
    assert [(c.page, c.statement) for c in found] == [
        (
            "1",
            "De Inspectie zal in 2024 het toezicht op de meldkamers van de politie versterken en daarover in het "
            "najaar een rapport publiceren.",
        ),
        (
            "1",
            "In 2024 onderzoekt de Inspectie hoe de regionale eenheden de aanbevelingen over de opvolging van "
            "meldingen hebben opgevolgd.",
        ),
        (
            "1",
            "In 2024 richt de Inspectie zich op de opvang van minderjarige asielzoekers in de noodopvang van "
            "gemeenten.",
        ),
        (
            "1",
            "De Inspectie wil daarnaast in 2024 de samenwerking met de Inspectie Gezondheidszorg en Jeugd "
            "versterken door gezamenlijke bezoeken aan de opvanglocaties.",
        ),
    ]
    assert [(c.domain, c.kind) for c in found][:3] == [
        ("politie", "publication"),
        ("organisatie", "follow_up"),
        ("migratie", "supervision"),
    ]


PROGRAMME_PAGE = """<html lang="nl"><head><meta charset="utf-8"><style>
  @page {{ size: A4; margin: 2.5cm 2cm;
    @top-left {{ content: "Inspectie Justitie en Veiligheid"; font: 8pt sans-serif }}
    @top-right {{ content: "Werkprogramma 2024"; font: 8pt sans-serif }}
    @bottom-center {{ content: "Pagina " counter(page) " van " counter(pages); font: 8pt sans-serif }} }}
  body {{ font: 10pt/1.35 serif }} .columns {{ column-count: 2; column-gap: 1cm }} {style}
</style></head><body><div class="columns">{body}</div></body></html>"""


def programme_pdf(path, body, style=""):
    """A page set as a programme is: A4, two columns, a running header and a footer with the page number."""
    weasyprint.HTML(string=PROGRAMME_PAGE.format(body=body, style=style)).write_pdf(path)
    return path


def test_a_running_header_and_footer_are_left_out_of_a_short_pdf(tmp_path):
    # one page: too few to tell the header and footer by repetition; they stand in the margins, apart from the text
    lead = "<p>De Inspectie voert in 2024 de volgende onderzoeken uit:</p>"
    items = "".join(
        f"<li>{item}</li>"
        for item in (
            "de opvolging van de aanbevelingen over de meldkamers van de politie",
            "de opvang van minderjarige asielzoekers in de noodopvang van gemeenten",
        )
    )
    # the list begins the right column, right under the header "Werkprogramma 2024"
    path = programme_pdf(tmp_path / "kort.pdf", lead + f"<ul style='break-before: column'>{items}</ul>")
    pages = extraction.pages_from_pdf(path)
    assert len(pages[0].columns) == 2
    assert not [line for line in pages[0].lines if "Pagina" in line or "Werkprogramma" in line or "Justitie" in line]
    found = [c.statement for c in extraction.candidates(pages, 2024)]
    assert [statement for statement in found if "meldkamers" in statement or "noodopvang" in statement] == [
        "de opvolging van de aanbevelingen over de meldkamers van de politie",
        "de opvang van minderjarige asielzoekers in de noodopvang van gemeenten",
    ]


HYPHENATED = (
    "In 2024 onderzoekt de Inspectie de verantwoordelijkheidsverdeling tussen de gezondheidszorginstellingen en "
    "de veiligheidsregio's bij de voorbereiding op grootschalige ziekenhuisevacuaties.",
    "Daarnaast beoordeelt de Inspectie in 2024 de informatievoorziening van de vreemdelingenketen aan "
    "gemeentelijke opvangorganisaties en de toekomstbestendigheid van de noodopvanglocaties.",
)


def test_a_title_at_the_top_of_a_page_with_space_under_it_is_no_running_header(tmp_path):
    # set larger than the running text: a year heading in the top of the page and apart from the text like a
    # header, over the list it makes the plan of; a header is set no larger than the text
    body = (
        "<h1>2024</h1><ul><li>de kwaliteit van de noodopvang van gemeenten</li>"
        "<li>de begeleiding van jongeren in de justitiële jeugdinrichtingen</li></ul>"
        + "<p>De werkdruk in de ketenorganisaties is hoog en het verloop onder de medewerkers is groot.</p>"
        * 6
    )
    style = (
        "@page { margin-top: 1.2cm } .columns { column-count: 1 } h1 { font: bold 20pt sans-serif; margin: 0 0 2cm }"
    )
    pages = extraction.pages_from_pdf(programme_pdf(tmp_path / "titel.pdf", body, style=style))
    assert [c.statement for c in extraction.candidates(pages, 2024)] == [
        "de kwaliteit van de noodopvang van gemeenten",
        "de begeleiding van jongeren in de justitiële jeugdinrichtingen",
    ]


def test_words_that_hyphenation_broke_at_a_line_end_are_made_whole(tmp_path):
    body = "".join(f"<p>{sentence}</p>" for sentence in HYPHENATED)
    path = programme_pdf(tmp_path / "afgebroken.pdf", body, style="body { hyphens: auto; text-align: justify }")
    with pdfplumber.open(path) as pdf:
        assert "\u2010\n" in pdf.pages[0].extract_text()  # the typesetter broke words at the lines' ends
    assert [c.statement for c in extraction.candidates(extraction.pages_from_pdf(path), 2024)] == list(HYPHENATED)


def test_headings_are_told_by_their_font_also_when_a_narrow_column_wraps_them(tmp_path):
    # the section's title wraps over two lines of the column, a year heading under it, then its list: the title's
    # second line begins in lower case, so that only its larger bold font tells it from the running text
    body = (
        "<p>De Inspectie houdt toezicht op de instellingen van de jeugdstrafrechtketen.</p>"
        "<h2>Nieuwe onderzoeken naar de jeugdstrafrechtketen</h2><h2>2024</h2>"
        "<ul><li>Wachtlijsten in de justitiële jeugdinstellingen</li><li>De werkstraffen van jongeren</li></ul>"
    )
    style = "h2 { font: bold 14pt sans-serif; margin: 1em 0 0.4em }"
    pages = extraction.pages_from_pdf(programme_pdf(tmp_path / "koppen.pdf", body, style=style))
    found = extraction.candidates(pages, 2024)
    assert [c.statement for c in found] == [
        "De Inspectie houdt toezicht op de instellingen van de jeugdstrafrechtketen.",
        "Wachtlijsten in de justitiële jeugdinstellingen",
        "De werkstraffen van jongeren",
    ]


LIST_ITEMS = (
    "de samenwerking tussen de Justitiële Jeugdinrichtingen, de Raad voor de Kinderbescherming, het Openbaar "
    "Ministerie en Halt bij de Aanpak van Jeugdcriminaliteit",
    "de werkwijze van de Dienst Justitiële Inrichtingen en de Reclassering Nederland bij Verlof en "
    "Terugkeer van Gedetineerden in 2024 en 2025",
)


def test_the_lines_of_a_list_item_under_its_bullet_stay_with_it_whatever_they_begin_with(tmp_path):
    # a narrow column wraps the items before a name or a number; their lines stand indented under the bullet
    body = "<p>De Inspectie onderzoekt in 2024:</p><ul>" + "".join(f"<li>{item}</li>" for item in LIST_ITEMS) + "</ul>"
    path = programme_pdf(tmp_path / "lijst.pdf", body)
    with pdfplumber.open(path) as pdf:
        lines = pdf.pages[0].extract_text().splitlines()
    assert [line for line in lines if line[:1].isupper() and line.split()[0] in " ".join(LIST_ITEMS).split()]
    assert [c.statement for c in extraction.candidates(extraction.pages_from_pdf(path), 2024)] == list(LIST_ITEMS)


def test_a_paragraph_of_a_pdf_ends_where_more_space_stands_under_its_line(tmp_path):
    # a caption and a line of a news page without a sentence's end, each a paragraph of its own: the space under
    # them (more than between the lines of a paragraph, which the columns wrap), not a full stop, ends them
    body = (
        "<p>Een cellenblok in de penitentiaire inrichting van Dordrecht, gezien vanaf de binnenplaats</p>"
        "<p>In 2024 voert de Inspectie een onderzoek uit naar de tenuitvoerlegging van de werkstraf.</p>"
        "<p>Lees in dit bericht meer over de onderwerpen van het werkprogramma van de Inspectie</p>"
        "<p>De Inspectie publiceert in 2024 haar eerste Staat van de sanctietoepassing.</p>"
    )
    path = programme_pdf(tmp_path / "alineas.pdf", body, style="p { margin: 0 0 0.7em }")
    assert [c.statement for c in extraction.candidates(extraction.pages_from_pdf(path), 2024)] == [
        "In 2024 voert de Inspectie een onderzoek uit naar de tenuitvoerlegging van de werkstraf.",
        "De Inspectie publiceert in 2024 haar eerste Staat van de sanctietoepassing.",
    ]


def test_a_line_in_the_running_text_font_is_no_heading_where_the_pdf_sets_its_headings_apart(tmp_path):
    # a short line of the running text, after a sentence's end and over a line that begins with a year, looks like
    # a heading by its words alone; its font says it is none, where the page sets its headings in bold
    body = (
        "<h2>Migratie</h2><p>De opvang van asielzoekers staat onder druk.<br>De Inspectie onderzoekt in<br>"
        "2024 de kwaliteit van de noodopvang van gemeenten.</p>"
    )
    style = "h2 { font: bold 14pt sans-serif }"
    pages = extraction.pages_from_pdf(programme_pdf(tmp_path / "regels.pdf", body, style=style))
    assert "De Inspectie onderzoekt in" in pages[0].lines
    assert [c.statement for c in extraction.candidates(pages, 2024)] == [
        "De Inspectie onderzoekt in 2024 de kwaliteit van de noodopvang van gemeenten."
    ]


def test_footnotes_and_their_marks_are_left_out_of_a_pdf(tmp_path):
    # the marks stand raised after the word, the notes under the text across both columns, set smaller
    filler = "De werkdruk in de ketenorganisaties is hoog en het verloop onder de medewerkers is groot. " * 24
    # notes long enough to fill more than the page's foot, where a running footer stands
    knelpunten = "Het rapport noemt de knelpunten in de keten, van de aangifte tot de tenuitvoerlegging. " * 8
    body = (
        "<p>De Inspectie onderzoekt in 2024 de samenwerking in de jeugdstrafrechtketen<span class='note'>Zie ook "
        f"het rapport van de Inspectie over de jeugdstrafrechtketen uit 2023. {knelpunten}</span>. "
        f"{filler}</p><p>In 2024 publiceert de Inspectie een rapport over de opvolging van de gedane "
        "aanbevelingen<span class='note'>De aanbevelingen staan in de bijlage bij het jaarplan.</span>.</p>"
    )
    path = programme_pdf(tmp_path / "noten.pdf", body, style=".note { float: footnote; font-size: 8pt }")
    pages = extraction.pages_from_pdf(path)
    assert len(pages) == 1 and len(pages[0].columns) == 2
    assert not [line for line in pages[0].lines if "Zie ook" in line or "bijlage" in line]
    assert [c.statement for c in extraction.candidates(pages, 2024)] == [
        "De Inspectie onderzoekt in 2024 de samenwerking in de jeugdstrafrechtketen.",
        "In 2024 publiceert de Inspectie een rapport over de opvolging van de gedane aanbevelingen.",
    ]


REGIONS = "Noord Oost Zuid West Midden Limburg Brabant Zeeland Drenthe Friesland Groningen Utrecht".split()


def test_a_sentence_that_a_page_breaks_off_is_read_whole_on_the_page_where_it_begins(tmp_path):
    sentences = [
        f"In 2024 onderzoekt de Inspectie de kwaliteit van de opvang en de begeleiding van jongeren in de regio "
        f"{region}."
        for region in REGIONS
    ]
    style = "@page { size: A6; margin: 1.5cm 1cm } .columns { column-count: 1 }"
    path = programme_pdf(tmp_path / "pagina.pdf", "<p>" + " ".join(sentences) + "</p>", style)
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) == 2
        assert not pdf.pages[0].extract_text().splitlines()[-2].endswith(".")  # over "Pagina 1 van 2": broken off
    found = extraction.candidates(extraction.pages_from_pdf(path), 2024)
    assert [c.statement for c in found] == sentences
    assert {c.page for c in found} == {"1", "2"}


# --- the command --------------------------------------------------------------------------------


def extract(path, tmp_path, year=2024):
    output = tmp_path / "kandidaten.csv"
    out = io.StringIO()
    call_command("extract_candidates", str(path), "--programme", str(year), "--output", str(output), stdout=out)
    return output, out.getvalue()


def test_the_command_writes_candidates_in_the_commitment_file_format(tmp_path):
    output, message = extract(SEED, tmp_path)
    with output.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
    assert tuple(reader.fieldnames) == fileformat.COLUMNS
    assert f"{len(rows)} kandidaten uit 7 pagina's" in message
    assert {(row["reference"], row["programme"], row["status"], row["due_date"]) for row in rows} == {
        ("", "2024", "planned", "2024-12-31")
    }
    assert all(re.fullmatch(r"p\. \d+", row["source_location"]) for row in rows)
    assert all(0 < len(row["title"]) <= 80 for row in rows)


def test_the_candidates_import_and_a_second_import_changes_nothing(tmp_path, erin):
    output, _ = extract(SEED, tmp_path)
    plan = imports.plan_import(output.read_bytes(), filename=output.name)
    assert plan.is_valid, [(row.line, row.errors) for row in plan.rows if row.errors]
    imports.apply_plan(plan, by=erin)
    again = imports.plan_import(output.read_bytes(), filename=output.name)
    assert {row.outcome for row in again.rows} == {imports.UNCHANGED}


def test_the_command_reads_a_pdf(tmp_path, two_column_pdf):
    output, message = extract(two_column_pdf, tmp_path, year=2025)
    assert "4 kandidaten uit 2 pagina's van werkprogramma.pdf" in message
    with output.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(row["source_location"], row["due_date"]) for row in rows] == [("p. 1", "2025-12-31")] * 4


def test_the_command_refuses_a_file_that_is_neither_pdf_nor_utf8_text(tmp_path):
    path = tmp_path / "werkprogramma.txt"
    path.write_bytes("Oekraïense ontheemden".encode("cp1252"))
    with pytest.raises(CommandError, match="geen PDF en geen tekst in UTF-8"):
        extract(path, tmp_path)


def test_a_feeling_of_its_own_is_no_work():
    assert not extraction.is_intention("Wij zijn blij dat de havens in 2025 meer aandacht krijgen.", 2025)
    assert not extraction.is_intention("De inspectie is dan ook trots op de inzet van de loodsen.", 2025)
    # what it will do, beside what it hopes for the others
    assert extraction.is_intention("De inspectie bezoekt in 2025 de kades en de sluizen van de havens.", 2025)


def test_the_one_person_of_a_one_person_office_acts_in_the_first_person_singular():
    assert extraction.is_intention("Ook in 2025 zal ik mij inzetten voor de schippers in de havens.", 2025)
    assert extraction.is_intention("De komende jaren bezoek ik met mijn team de kades van de havens.", 2025)
    # and what it did, in the perfect of "ik", is an account
    assert not extraction.is_intention("In 2024 heb ik gesproken met de schippers in de havens.", 2025)


def test_the_items_of_an_enumeration_of_what_it_will_deliver_are_intentions():
    assert extraction.is_intention("Ten eerste een advies over de veiligheid van de kades.", 2025)
    assert extraction.is_intention("En tot slot een rapport over het onderhoud van de sluizen.", 2025)
    # not an item that has a verb of its own, nor one of a year before
    assert not extraction.is_intention("Ten tweede een advies over de kades dat in 2023 is uitgebracht.", 2025)


def test_the_periods_themes_chosen_and_listed_after_a_colon_are_the_plan():
    sentence = "Om richting te geven aan het programma heeft de inspectie drie thema’s gekozen: de kades; de sluizen."
    assert extraction.is_intention(sentence, 2025)
    # not a choice of a year before, nor themes it studied
    assert not extraction.is_intention("In 2022 heeft de inspectie drie thema’s gekozen: de kades; de sluizen.", 2025)
    assert not extraction.is_intention("De inspectie heeft drie thema’s onderzocht: de kades; de sluizen.", 2025)


def test_where_the_focus_or_the_emphasis_lies_is_the_periods_focal_point():
    assert extraction.is_intention("De focus ligt op het onderhoud van de kades en de sluizen.", 2025)
    assert extraction.is_intention("In 2025 ligt de nadruk op de bezoeken aan de kades.", 2025)
    # not where it lay in a year before
    assert not extraction.is_intention("De nadruk lag in 2022 op de bezoeken aan de kades.", 2025)


def test_the_elliptic_hedge_indien_mogelijk_inside_a_sentence_is_no_condition():
    assert extraction.is_intention("De inspectie bezoekt indien mogelijk in 2025 ook de sluizen van de havens.", 2025)
    # a condition with a verb of its own still is one, and so is a sentence opening with "Indien nodig"
    assert not extraction.is_intention("De inspectie bezoekt de kades indien de havenmeester daarom vraagt.", 2025)
    assert not extraction.is_intention("Indien nodig bezoekt de inspectie de kades van de havens.", 2025)


def test_a_lead_in_with_a_colon_introduces_the_items_under_the_short_headings_of_its_groups():
    text = (
        "De inspecties in 2025 gaan over de volgende onderwerpen:\n\n"
        "Havens\n\n"
        " • Kades en sluizen\n"
        " • Loodswezen\n\n"
        "Wegen\n\n"
        " • Bruggen en tunnels\n\n"
        "De havens kennen een lange geschiedenis van scheepvaart en handel.\n\n"
        "Overig\n\n"
        " • Een jaarverslag over de sluizen van de havens\n"
    )
    statements = [c.statement for c in extraction.candidates(extraction.pages_from_text(text), 2025)]
    assert statements == ["Kades en sluizen", "Loodswezen", "Bruggen en tunnels"]


def test_what_its_work_is_meant_to_contribute_to_is_its_mission():
    assert not extraction.is_intention("De inspectie wil met haar toezicht bijdragen aan veilige havens.", 2025)
    assert not extraction.is_intention("Met haar bezoeken wil de inspectie bijdragen aan veilige kades.", 2025)
    assert not extraction.is_intention("Met ons toezicht willen we bijdragen aan veilige sluizen.", 2025)
    assert not extraction.is_intention(
        "De raad streeft ernaar met heldere adviezen bij te dragen aan veilige sluizen.", 2025
    )
    # a study of what its supervision can contribute is work
    assert extraction.is_intention(
        "De inspectie onderzoekt of zij met haar toezicht kan bijdragen aan veilige kades.", 2025
    )


def test_a_focal_point_named_as_the_organisations_own_is_an_intention():
    assert extraction.is_intention("Een van de prioriteiten van de inspectie is het onderhoud van de kades.", 2025)
    # not someone else's
    assert not extraction.is_intention("Een van de prioriteiten van de minister is het onderhoud van de kades.", 2025)


def test_the_annual_report_presented_or_as_this_one_is_about_the_document():
    assert not extraction.is_intention("Vandaag stellen we het jaarverslag 2025 van de havendienst voor.", 2026)
    assert not extraction.is_intention("Zoals elk jaar geeft dit jaarverslag een aantal aandachtspunten mee.", 2026)
    # what it will report on in it is work
    assert extraction.is_intention(
        "In het jaarverslag legt de inspectie in 2026 verantwoording af over de kades.", 2026
    )


def test_a_sentence_cut_off_by_an_ellipsis_still_ends():
    assert extraction.is_intention("Het onderzoek van de inspectie richt zich op de kades en de…", 2025)
    # and without an end it is still a fragment
    assert not extraction.is_intention("Het onderzoek van de inspectie richt zich op de kades en de", 2025)


def test_the_verb_of_the_work_in_the_passive_is_the_work():
    # what is examined, assessed or tested, by whom left out: in a programme, by the organisation
    assert extraction.is_intention("Alle gesloten jeugdinstellingen worden onderzocht op hun veiligheidsbeleid.", 2025)
    assert extraction.is_intention("Ook worden de klachten van gedetineerden samen met de ombudsman beoordeeld.", 2025)
    # not in a clause inside the sentence: the taxes that are assessed are no work of its own
    assert not extraction.is_intention("De belastingen die door gemeenten worden beoordeeld stijgen.", 2025)


def test_an_impersonal_passive_with_er_at_the_opening_is_the_work():
    assert extraction.is_intention("Er wordt ingezet op het vaker bezoeken van de kleinere opvanglocaties.", 2025)
    assert extraction.is_intention("Daarbij wordt er samengewerkt met de andere rijksinspecties.", 2025)
    # not what others ask of it
    assert not extraction.is_intention("Er wordt de laatste jaren veel gevraagd van de inspecteurs.", 2025)


def test_a_study_that_starts_in_the_period_ahead_is_the_work():
    assert extraction.is_intention("In 2025 start een tweede onderzoek naar de wachtlijsten in de jeugdzorg.", 2025)
    assert extraction.is_intention("Er zullen de komende jaren twaalf onderzoeken starten naar de opvang.", 2025)
    # not one that started before
    assert not extraction.is_intention("In 2019 startte een onderzoek naar de wachtlijsten in de jeugdzorg.", 2025)


def test_hij_after_the_name_of_an_office_of_one_person_is_that_office():
    text = (
        "De ombudsman start in 2025 een onderzoek naar de schuldhulpverlening in de stad.\n\n"
        "Daarnaast wil hij vaker spreekuren houden in de wijken van de gemeente.\n"
    )
    statements = [c.statement for c in extraction.candidates(extraction.pages_from_text(text), 2025)]
    assert "Daarnaast wil hij vaker spreekuren houden in de wijken van de gemeente." in statements
    # not a "hij" with no office before it
    assert not extraction.read_sentence("Daarnaast wil hij vaker spreekuren houden in de wijken.", 2025).intention


def test_what_a_report_found_or_states_in_the_plural_present_is_an_account():
    assert not extraction.is_intention("Dit constateren de twee inspecties na een bezoek aan de locaties.", 2025)
    assert not extraction.is_intention(
        "Dat schrijven de inspecties in hun rapport over de opvang van asielzoekers.", 2025
    )
    # what it will state in a report of a year ahead is its work
    assert extraction.is_intention("In 2026 schrijven de inspecties in hun rapport ook over de wachttijden.", 2025)


def test_a_worry_of_its_own_is_no_work():
    assert not extraction.is_intention("De inspectie maakt zich al jaren zorgen over de wachtlijsten.", 2025)
    assert not extraction.is_intention("Wij maken ons daarom grote zorgen over de veiligheid in de opvang.", 2025)


def test_themes_counted_and_listed_after_a_colon_are_the_plan():
    assert extraction.is_intention(
        "Het toezicht is toegespitst op drie hoofdlijnen: de jeugdzorg, de opvang en de reclassering.", 2025
    )
    assert extraction.is_intention("Dat leidt tot twee thema’s die voorrang krijgen: armoede en wonen.", 2025)
    # not counted without their list
    assert not extraction.is_intention("De wet kent drie pijlers en twee doelen.", 2025)


def test_the_focus_of_its_own_work_that_comes_to_lie_somewhere_is_an_intention():
    assert extraction.is_intention("De focus van het toezicht komt dit jaar vooral te liggen op de opvang.", 2025)
    assert extraction.is_intention("Het accent van ons toezicht komt daarbij meer te liggen op de nazorg.", 2025)
    # still not the focus of something named, what it is for
    assert not extraction.is_intention("De focus van deze regeling ligt op de jongeren in de wijk.", 2025)


def test_a_plan_named_in_a_compound_is_the_document():
    assert not extraction.is_intention("In het nieuwe beleidsplan gaan we in op de taken van de regio.", 2025)
    assert not extraction.is_intention("In dit koersplan beschrijven we de keuzes voor de komende jaren.", 2025)


def test_a_wish_to_become_more_so_is_a_change_it_will_make():
    assert extraction.is_intention("De inspectie wil dit jaar bereikbaarder zijn voor ouders van jonge kinderen.", 2025)
    assert extraction.is_intention("De rekenkamer wil zo open mogelijk zijn over haar onderzoeken.", 2025)
    # still an aim: to be something
    assert not extraction.is_intention("De inspectie wil een betrouwbare toezichthouder zijn voor ouders.", 2025)


def test_what_comes_first_voorop_is_a_focal_point_as_centraal_is():
    assert extraction.is_intention("Daarbij staat voorop dat de inspectie snel rapporteert over incidenten.", 2025)
    assert extraction.is_intention("In het toezicht staat de veiligheid van de bewoners voorop.", 2025)


def test_the_periods_important_subjects_are_its_themes():
    assert extraction.is_intention("Belangrijke onderwerpen daarbij zijn de woningnood en de zorg voor ouderen.", 2025)
    assert extraction.is_intention("Andere onderwerpen zijn de armoede en de schulden van jongeren.", 2025)


def test_its_thanks_and_what_it_looks_forward_to_are_no_work():
    assert not extraction.is_intention("De inspectie stelt de inzet van de gemeenten zeer op prijs.", 2025)
    assert not extraction.is_intention("Wij kijken uit naar een goede samenwerking met de regio in 2025.", 2025)
    assert not extraction.is_intention("De inspectie kijkt ernaar uit om in 2025 met de scholen te praten.", 2025)
    # still its work: what it looks at, and what it sees to
    assert extraction.is_intention("De inspectie kijkt in 2025 naar de uitvoering van de nieuwe wet.", 2025)


def test_what_there_will_be_er_komt_is_a_plan():
    assert extraction.is_intention("In de visserij komen er dit jaar ook controles op zee.", 2025)
    assert extraction.is_intention("Voor de kinderopvang komt er een nieuwe meting van de veiligheid.", 2025)
    assert extraction.is_intention("In het onderwijs komt onderzoek naar de kwaliteit van de examens.", 2025)
    # not what comes in, or comes out of something, nor what came before
    assert not extraction.is_intention("Er komen steeds meer meldingen binnen over de opvang.", 2025)
    assert not extraction.is_intention("Uit de meting komt er een helder beeld naar voren.", 2025)
    assert not extraction.is_intention("In 2020 kwam er een nieuwe wet voor de opvang.", 2025)


def test_what_the_text_does_itself_is_about_the_document():
    assert not extraction.is_intention("Met deze notitie laten we zien hoe de inspectie in 2025 gaat werken.", 2025)
    assert not extraction.is_intention("Met dit stuk informeren wij de gemeenteraad over ons werk in 2025.", 2025)
    assert not extraction.is_intention("Het jaarprogramma bevat de onderzoeken die de inspectie in 2025 doet.", 2025)
    assert not extraction.is_intention("Voor de planning van 2025 verwijzen wij u naar de bijlage.", 2025)
    # still its work, with something else it does it with
    assert extraction.is_intention("Met dit project wil de inspectie de scholen in 2025 helpen.", 2025)


def test_themes_in_a_compound_and_areas_of_focus_are_themes():
    assert extraction.is_intention("Belangrijke toezichtsthema’s in 2025 zijn de opvang en de jeugdzorg.", 2025)
    assert extraction.is_intention("Daarnaast zijn er nieuwe aandachtsgebieden, zoals de digitale veiligheid.", 2025)
    # not themes of a year before
    assert not extraction.is_intention("De nieuwe onderzoeksthema’s van 2020 waren de opvang en de jeugdzorg.", 2025)


def test_what_has_its_own_attention_is_its_work():
    assert extraction.is_intention(
        "Ook de veiligheid van de dijken en de kwaliteit van het water hebben onze aandacht.", 2025
    )
    assert extraction.is_intention("De opvang van jonge kinderen heeft daarbij haar bijzondere aandacht.", 2025)
    # not what needs it
    assert not extraction.is_intention("De opvang van jonge kinderen heeft onze aandacht nodig.", 2025)


def test_a_body_named_by_its_task_in_a_compound_acts():
    assert extraction.is_intention("Verder wil de handhavingsdienst de illegale verkoop van vuurwerk aanpakken.", 2025)
    assert extraction.is_intention("Daarnaast gaat de controle-instantie de kwekerijen vaker bezoeken.", 2025)


def test_a_time_before_named_in_words_is_an_account():
    assert not extraction.is_intention("Vorig jaar is de inspectie begonnen met het werven van inspecteurs.", 2025)
    assert not extraction.is_intention(
        "Afgelopen jaar is de inspectie begonnen met een onderzoek naar de opvang.", 2025
    )
    # still the plan, with the time ahead
    assert extraction.is_intention("Net als vorig jaar bezoekt de inspectie in 2025 alle scholen.", 2025)


def test_what_its_own_plan_goes_into_is_about_the_document():
    assert not extraction.is_intention("In haar jaarplan gaat de inspectie verder in op de risico’s van 2025.", 2025)
    # still its work when it goes into something itself
    assert extraction.is_intention("In 2025 gaat de inspectie dieper in op de risico’s van de opvang.", 2025)


def test_its_good_wishes_and_thanks_are_no_work():
    assert not extraction.is_intention("Namens de inspectie wens ik u allen een goed en veilig 2025 toe.", 2025)
    assert not extraction.is_intention("De inspectie bedankt de scholen voor hun medewerking in 2025.", 2025)


def test_a_participle_of_a_short_stem_after_its_prefix_is_a_participle():
    assert extraction.is_intention("Een groot deel van de capaciteit wordt daarop ingezet.", 2025)
    assert extraction.is_intention("Het toezicht op de havens wordt dit jaar anders opgezet.", 2025)


def test_what_is_planned_for_a_time_of_the_year_ahead_is_the_plan():
    assert extraction.is_intention("De oplevering van het rapport is voorzien in het eerste kwartaal van 2025.", 2025)
    assert extraction.is_intention("De aanbieding aan de raad is voorzien voor het najaar.", 2025)
    assert extraction.is_intention(
        "Het verslag aan de gemeenteraad, gepland voor maart, is gericht op de behandeling van de begroting.", 2025
    )
    # not what was planned for a year before, nor what is provided with something
    assert not extraction.is_intention("De publicatie van de resultaten was voorzien in het najaar van 2020.", 2025)
    assert not extraction.is_intention("De nieuwe regeling is voorzien van een uitgebreide toelichting.", 2025)


def test_what_the_work_makes_named_in_a_compound_is_its_work_as_the_subject_of_a_passive():
    assert extraction.is_intention("De onderzoeksresultaten worden gepubliceerd op de website van de inspectie.", 2025)
    assert extraction.is_intention("Het inspectierapport over de havens wordt in januari bestuurlijk behandeld.", 2025)
    # not others' results
    assert not extraction.is_intention("De resultaten van de scholen worden gepubliceerd op hun website.", 2025)


def test_a_plan_of_action_that_others_make_is_no_document():
    assert extraction.is_intention(
        "In 2025 controleert de inspectie bij elk bedrijf de risico-inventarisatie en het plan van aanpak.", 2025
    )
    # still the document: this plan of action, or the plan named otherwise
    assert not extraction.is_intention("In dit plan van aanpak beschrijft de inspectie haar werk in 2025.", 2025)
    assert not extraction.is_intention("De inspectie presenteert in 2025 het jaarplan aan de minister.", 2025)


def test_the_items_of_what_its_means_are_deployed_for_are_the_plan():
    text = (
        "De inspectie krijgt in 2025 extra geld. Dit wordt ingezet voor:\n\n"
        " • Meer inspecties bij de havens;\n"
        " • Versterken van de informatiepositie van de inspectie.\n"
    )
    statements = [c.statement for c in extraction.candidates(extraction.pages_from_text(text), 2025)]
    assert "Meer inspecties bij de havens;" in statements
    assert "Versterken van de informatiepositie van de inspectie." in statements


def test_its_budget_or_staff_as_a_sum_that_rises_or_amounts_to_something_is_a_fact():
    assert not extraction.is_intention("Voor de Inspectie loopt dit op naar 50,5 miljoen euro extra in 2025.", 2025)
    assert not extraction.is_intention("De formatie van de inspectie stijgt in 2025 tot 1570 fte.", 2025)
    # still its work, what it does with the money
    assert extraction.is_intention("De inspectie zet in 2025 vijf miljoen euro extra in op het toezicht.", 2025)


def test_a_sentence_that_counts_what_the_one_before_listed_takes_it_in():
    text = (
        "Samenwerking over de grens, meer samenwerking in de regio en het zichtbaar maken van het effect van het werk. "
        "Dat zijn drie belangrijke ontwikkelingen in 2025 voor de inspectie.\n"
    )
    statements = [c.statement for c in extraction.candidates(extraction.pages_from_text(text), 2025)]
    assert statements == [text.strip()]


def test_the_plan_to_be_made_or_being_made_is_the_yearly_making_of_the_plan():
    assert not extraction.is_intention("Uiterlijk in maart 2025 zal een aanvullend jaarplan worden opgesteld.", 2025)
    assert not extraction.is_intention(
        "De inspectie wil de nieuwe voorzitter betrekken bij het op te stellen werkprogramma 2025.", 2025
    )
    assert not extraction.is_intention("Daarom is besloten om het nieuwe programma pas in maart vast te stellen.", 2025)
    # still its work: what it will set up or determine
    assert extraction.is_intention("De inspectie gaat in 2025 een nieuwe werkwijze voor de havens opstellen.", 2025)


def test_its_place_name_and_founding_are_what_it_is_no_work():
    assert not extraction.is_intention("De inspectie is op 1 maart 2025 opgericht.", 2025)
    assert not extraction.is_intention("De inspectie maakt deel uit van het ministerie, maar is onafhankelijk.", 2025)
    assert not extraction.is_intention("Vanaf 1 januari 2025 heet de Inspectie SZW Nederlandse Arbeidsinspectie.", 2025)
    # still its work, what it will set up
    assert extraction.is_intention("De inspectie richt in 2025 een meldpunt voor de havens op.", 2025)


def test_what_something_concerns_listed_after_de_volgende_is_no_plan_unless_the_lead_in_speaks_of_the_work():
    text = (
        "De gemeente moet elk jaar vijf kentallen opnemen. Het gaat om de volgende indicatoren:\n\n"
        " • Netto schuldquote\n"
        " • Solvabiliteitsratio\n\n"
        "De inspectie kijkt naar de volgende onderwerpen:\n\n"
        " • Veiligheid van de havens\n"
    )
    statements = [c.statement for c in extraction.candidates(extraction.pages_from_text(text), 2025)]
    assert statements == ["Veiligheid van de havens"]
    # "het gaat om", what something concerns, does not look ahead as "gaat" does
    assert not extraction.AHEAD.search("Het gaat om de volgende indicatoren:")
    assert extraction.AHEAD.search("De inspectie gaat om die reden de havens bezoeken.")


def test_a_list_of_the_plan_goes_on_after_the_paragraph_under_each_item():
    text = (
        "In 2025 doet de rekenkamer onderzoek naar de volgende onderwerpen:\n\n"
        " • Subsidiebeleid\n\n"
        "Het onderwerp is breed. We bekijken hoe de doelen worden vastgelegd.\n\n"
        " • Cyberveiligheid\n\n"
        "Het betreft een actueel onderwerp.\n\n"
        "Achtergrond\n\n"
        "De provincie kent vele regelingen.\n\n"
        " • Een regeling voor de landbouw\n"
    )
    statements = [c.statement for c in extraction.candidates(extraction.pages_from_text(text), 2025)]
    assert "Subsidiebeleid" in statements and "Cyberveiligheid" in statements
    # not past a heading
    assert "Een regeling voor de landbouw" not in statements


def test_what_a_document_named_otherwise_describes_is_about_the_document():
    assert not extraction.is_intention(
        "In de strategie beschrijft de inspectie haar kerntaken: toezicht en opsporing.", 2025
    )
    assert not extraction.is_intention("In de nieuwe toezichtagenda beschrijft de inspectie haar werk in 2025.", 2025)
    # still its work, what it describes in the period
    assert extraction.is_intention("In 2025 beschrijft de inspectie de risico’s van de havens in een rapport.", 2025)


def test_what_it_finds_necessary_said_with_achten_is_no_work_as_with_vinden():
    assert not extraction.is_intention(
        "De inspectie acht het daarom noodzakelijk om meer focus op de havens te leggen.", 2025
    )
    assert not extraction.is_intention("De inspectie vindt het noodzakelijk dat de havens veiliger worden.", 2025)


def test_the_reader_told_to_read_or_fetch_a_text_is_about_the_document():
    assert not extraction.is_intention("Lees het volledige Jaarplan Inspectie Leefomgeving en Transport 2025.", 2025)
    assert not extraction.is_intention("Bekijk hier welke onderzoeken de inspectie in 2025 gaat doen.", 2025)


def test_the_abbreviation_of_a_law_or_regulation_the_text_defines_does_not_act():
    text = (
        "De provincie volgt het Besluit Begroting en Verantwoording (BBV) bij haar begroting. Het BBV bevat de "
        "regelgeving voor 2025.\n\nDe Inspectie onderzoekt in 2025 de begroting.\n"
    )
    statements = [c.statement for c in extraction.candidates(extraction.pages_from_text(text), 2025)]
    assert statements == ["De Inspectie onderzoekt in 2025 de begroting."]


def test_a_perfect_joined_to_a_clause_that_looks_ahead_is_the_plan():
    assert extraction.is_intention(
        "De inspectie heeft haar strategie gepresenteerd en kondigt aan meer nadruk te leggen op de havens.", 2025
    )
    assert extraction.is_intention(
        "De inspectie heeft de risico’s in kaart gebracht en gaat de havens vaker bezoeken.", 2025
    )
    # what it announced, and a perfect alone, look back
    assert not extraction.is_intention("De inspectie kondigde in 2020 een onderzoek naar de havens aan.", 2025)
    assert not extraction.is_intention("De inspectie heeft de havens bezocht en de scholen gesproken.", 2025)


def test_its_areas_of_focus_are_focal_points():
    assert extraction.is_intention(
        "Tot en met 2026 geven de focusgebieden richting aan de uitvoering van het werk.", 2025
    )
    assert extraction.is_intention("De digitale veiligheid is in 2025 een belangrijk aandachtsgebied.", 2025)
    # not of a year before
    assert not extraction.is_intention("In 2020 waren de focusgebieden de havens en de wegen.", 2025)


def test_an_impersonal_passive_without_er_after_an_opening_phrase_is_the_work():
    assert extraction.is_intention("In vijf programma’s wordt gewerkt aan de veiligheid van de havens.", 2025)
    assert extraction.is_intention("Hierbij wordt aangesloten bij de aanpak van de gemeenten.", 2025)
    # not with a subject between, nor of asking or saying
    assert not extraction.is_intention("In de regio wordt de gemeente gewezen op haar plicht.", 2025)
    assert not extraction.is_intention("Bij de gemeenten wordt gevraagd naar de cijfers.", 2025)
    # nor in a clause inside the sentence, of others
    assert not extraction.is_intention("Zo merkt de minister op dat in de regio wordt gewerkt aan de havens.", 2025)


def test_what_it_is_busy_with_now_is_its_work_before_a_clause_of_what_was_done():
    assert extraction.is_intention(
        "Ondertussen is de inspectie volop bezig met het onderzoek naar de havens en ook het onderzoek naar de "
        "wegen werd inmiddels gestart.",
        2025,
    )
    # still an account when the past comes first
    assert not extraction.is_intention("De inspectie werd in 2020 opgericht en is nu bezig met de havens.", 2025)


def test_its_budget_estimated_or_given_is_a_fact():
    assert not extraction.is_intention("Het budget voor de inspectie wordt voor 2025 begroot op € 97 miljoen.", 2025)
    assert not extraction.is_intention("De inspectie krijgt in 2025 een budget van 3 miljoen euro per jaar.", 2025)


def test_its_plan_named_as_the_source_of_what_was_said_before_is_about_the_document():
    assert not extraction.is_intention("Dit meldt de inspectie in haar jaarplan 2025.", 2025)
    assert not extraction.is_intention(
        "Dit zijn enkele onderzoeken die de inspectie noemt in haar werkprogramma voor 2025.", 2025
    )


def test_what_it_is_aware_of_is_no_work():
    assert not extraction.is_intention("We beseffen dat de scholen in 2025 voor grote uitdagingen staan.", 2025)
    assert not extraction.is_intention("De inspectie realiseert zich dat de havens in 2025 druk zijn.", 2025)
    # still its work, what it brings about
    assert extraction.is_intention("De inspectie realiseert in 2025 een nieuw meldpunt voor de havens.", 2025)


def test_what_appears_in_a_year_ahead_is_its_publication():
    assert extraction.is_intention("Het eerste meerjarenbeeld van de havens verschijnt in 2025.", 2025)
    assert extraction.is_intention("De bekendste is de Staat van de havens; die komt in 2025 uit op 22 april.", 2025)
    # not of a year before, nor what comes out of something
    assert not extraction.is_intention("Het eerste meerjarenbeeld van de havens verscheen in 2020.", 2025)
    assert not extraction.is_intention("De meeste meldingen komen in 2025 uit de regio Rotterdam.", 2025)


def test_its_principle_is_an_intent_also_with_om_and_as_its_own():
    assert extraction.is_intention("Uitgangspunt is om de gegevens van de inspectie openbaar te maken.", 2025)
    assert extraction.is_intention("Een belangrijk uitgangspunt van de inspectie is selectief toezicht.", 2025)
    # not another's principle
    assert not extraction.is_intention("Een belangrijk uitgangspunt van de gemeente is een sluitende begroting.", 2025)


def test_what_awaits_it_and_the_challenges_it_faces_are_circumstances():
    assert not extraction.is_intention("Voor 2025 staan de inspecties weer nieuwe uitdagingen te wachten.", 2025)
    assert not extraction.is_intention("De inspectie staat in 2025 voor de uitdaging van een krappe markt.", 2025)
    # still its work, what it waits for no longer
    assert extraction.is_intention("De inspectie wacht in 2025 niet langer op de meldingen van de havens.", 2025)


def test_a_lead_in_naming_what_follows_that_goes_on_from_a_sentence_of_the_plan_introduces_the_plan():
    text = "In 2025 onderzoekt de inspectie de havens. Dit betekent onder meer:\n\n • Kades en sluizen\n • Loodswezen\n"
    statements = [c.statement for c in extraction.candidates(extraction.pages_from_text(text), 2025)]
    assert "Kades en sluizen" in statements and "Loodswezen" in statements
    # not when the sentence before is no plan
    text = "De gemeente moet vijf kentallen opnemen. Het gaat om de volgende indicatoren:\n\n • Schuldquote\n"
    assert [c.statement for c in extraction.candidates(extraction.pages_from_text(text), 2025)] == []


def test_the_organisation_is_learnt_also_from_the_sentences_of_list_items():
    # a heading and a bulleted item joined into the page's text: "Doel 1 • Het Havencollege onderzoekt ..."
    text = (
        "Onze doelen\n\n • Doel een\n  • Het Havencollege onderzoekt in 2025 de kades.\n"
        " • Doel twee\n  • Het Havencollege bezoekt in 2025 de sluizen.\n"
    )
    assert "havencollege" in extraction.own_organisation(extraction.pages_from_text(text))
    # not a name that opens one item only
    text = "Onze doelen\n\n • Doel een\n  • Het Havencollege onderzoekt in 2025 de kades.\n"
    assert "havencollege" not in extraction.own_organisation(extraction.pages_from_text(text))


def test_the_items_under_a_heading_naming_the_periods_aims_are_the_plan_and_their_numbered_labels_are_not():
    text = (
        "Strategische doelstellingen 2025-2029\n\n"
        " • Strategische doelstelling 1\n  • De inspectie adviseert de gemeenten helder over de havens.\n"
        " • Strategische doelstelling 2\n  • De inspectie werkt actief samen met de andere inspecties.\n"
    )
    statements = [c.statement for c in extraction.candidates(extraction.pages_from_text(text), 2025)]
    assert statements == [
        "De inspectie adviseert de gemeenten helder over de havens.",
        "De inspectie werkt actief samen met de andere inspecties.",
    ]
    # not under the aims of a period before
    text = text.replace("2025-2029", "2015-2019")
    assert [c.statement for c in extraction.candidates(extraction.pages_from_text(text), 2025)] == []


def test_a_passive_of_the_main_clause_after_a_clause_inside_it_is_still_the_main_clauses():
    # its auxiliary before the clause inside, its "worden" closing the sentence
    assert extraction.is_intention(
        "In 2025 zullen de knelpunten bij de havens die deel uitmaken van de keten kenbaar gemaakt worden.", 2025
    )
    # not a passive of the clause inside alone, with no auxiliary of the main clause waiting for it
    assert not extraction.is_intention("In 2025 noemt de gemeente de havens die door haar gecontroleerd worden.", 2025)


def test_what_its_work_is_meant_to_contribute_to_by_these_means_is_an_aim_not_a_piece_of_work():
    assert not extraction.is_intention(
        "Met deze onderzoeken wil de inspectie bijdragen aan het verbeteren van de veiligheid in de havens.", 2025
    )
    assert not extraction.is_intention(
        "Door onderzoek wil de inspectie de rol van de havens versterken en een bijdrage leveren aan veiligheid.", 2025
    )
    # still its work, what it will do with them
    assert extraction.is_intention("Met deze onderzoeken wil de inspectie in 2025 de havens in beeld brengen.", 2025)


def test_its_good_wishes_and_its_hopes_without_toe_are_no_work():
    assert not extraction.is_intention("Bij de inspectie wensen we iedereen een gezond en veilig 2025.", 2025)
    assert not extraction.is_intention("En zo hopen we dat 2025 voor de havens een veilig jaar wordt.", 2025)
    # still its work, what it wishes to do
    assert extraction.is_intention("De inspectie wenst in 2025 de havens vaker te bezoeken.", 2025)


def test_a_name_without_an_article_that_opens_sentences_as_their_subject_is_learnt_as_the_organisation():
    text = (
        "De visie van Portus voor de havens.\n\n"
        "Portus onderzoekt de kades. Portus bezoekt de sluizen. Portus controleert de loodsen.\n"
    )
    assert "portus" in extraction.own_organisation(extraction.pages_from_text(text))
    # not twice only, nor a word the text also writes in lower case
    assert "portus" not in extraction.own_organisation(
        extraction.pages_from_text(text.replace("Portus controleert", "Zij controleert"))
    )
    text = "Toezicht begint bij de kades. Toezicht vraagt tijd. Toezicht kost geld. Het toezicht van Portus."
    assert "toezicht" not in extraction.own_organisation(extraction.pages_from_text(text))


def test_an_aim_with_its_means_asked_and_answered_hoe_door_is_an_intention_with_them():
    text = (
        "Het plan omvat de volgende assen:\n\n"
        " 1. De inspectie komt op voor veilige havens. Hoe? Door de kades en de sluizen vaker te bezoeken.\n"
        " 2. De inspectie komt op voor schone havens.\n"
    )
    statements = [c.statement for c in extraction.candidates(extraction.pages_from_text(text), 2025)]
    # the aim in the present with its means; not the aim in the present alone
    assert statements == [
        "De inspectie komt op voor veilige havens. Hoe? Door de kades en de sluizen vaker te bezoeken."
    ]


def test_the_year_named_as_what_it_is_is_its_setting_not_its_work():
    assert not extraction.is_intention("2025 is ook een verkiezingsjaar, met de verkiezingen in maart 2025.", 2025)
    assert not extraction.is_intention("2025 wordt de honderdste verjaardag van de inspectie, met een feest.", 2025)
    # still the year in which it does something, and the year as a whole given to something
    assert extraction.is_intention("2025 wordt ook het jaar waarin de inspectie een nieuwe fase ingaat.", 2025)
    assert extraction.is_intention("2025 zal in het teken staan van de veiligheid van de havens.", 2025)


def test_an_example_or_result_of_what_was_done_in_a_perfect_opening_the_sentence_looks_back():
    assert not extraction.is_intention(
        "Zo is de achterstand in de controle van de havens ingehaald, wordt steeds meer onderzoek gerealiseerd.", 2025
    )
    assert not extraction.is_intention("Inmiddels zijn de meeste kades in de havens van Rotterdam bezocht.", 2025)
    # not a perfect in a clause of what it will do
    assert extraction.is_intention("Zo onderzoekt de inspectie in 2025 of de achterstand is ingehaald.", 2025)


def test_a_perfect_in_the_clause_of_a_sentence_whose_main_clause_has_no_verb_looks_back():
    assert not extraction.is_intention("Tien jaar waarin we gewerkt hebben aan veilige havens in Rotterdam.", 2025)
    # not a perfect in a clause beside a main clause with its own verb: what it will study
    assert extraction.is_intention("De inspectie onderzoekt in 2025 of de havens gewerkt hebben aan veiligheid.", 2025)
