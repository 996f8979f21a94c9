"""The Werkprogramma 2024 fixture is real: every commitment stands in the seed text.

The seed text (fixtures/seeds/werkprogramma-2024-extract-a.txt) is a text extraction of the
Werkprogramma 2024 whose two columns are interleaved line by line: a sentence of one column is cut
into line fragments with the other column's text between them. A statement of the fixture repairs
that (it joins the fragments into whole sentences), so it is not a substring of the seed text. This
module checks instead that the statement's words can be covered, in order, by a few contiguous runs
of the seed's words (at most a third as many runs as the statement has words, plus two), the runs
standing in increasing position on the statement's page, save that once a sentence may go on from
the foot of one column to the head of the next, which the extract prints at the top of the page.

Plain pytest: no Django, no database.
"""

import csv
import re
from datetime import date
from pathlib import Path

import pytest

from commitments import fileformat

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "fixtures" / "werkprogramma-2024.csv"
LABELLED = ROOT / "fixtures" / "seeds" / "intentions-labelled.csv"
SEED = ROOT / "fixtures" / "seeds" / "werkprogramma-2024-extract-a.txt"

KINDS = {"publication", "supervision", "follow_up", "organisational", "other"}
DOMAINS = {
    "politie",
    "migratie",
    "jeugd",
    "sanctietoepassing",
    "crisisbeheersing",
    "cannabis",
    "incasso",
    "strafrechtketen",
    "organisatie",
}
GOALS = {"veerkracht", "lerend-vermogen", "ketens", "burgerperspectief"}
STATUSES = {"planned", "in_progress", "under_review", "met", "partly_met", "delayed", "dropped"}
REFERENCE = re.compile(r"WP2024-\d{3}")
SOURCE_LOCATION = re.compile(r"p\. (\d+)")
UKRAINE_REASON = "Voor 2024 is besloten dit toezicht niet voort te zetten."

# ---------------------------------------------------------------------------------------------
# The checker
# ---------------------------------------------------------------------------------------------

# A token is a word (letters and digits) or one punctuation mark. The ASCII hyphen is a
# separator, not a token: so "informatie-" at the end of one line and "uitwisseling" on a later
# line give the same tokens as the repaired "informatie-uitwisseling", and "-smokkel" the same
# as "smokkel". (A word split by hyphenation and joined without its hyphen in the statement is
# not supported; the fixture keeps the hyphen of such compounds.)
TOKEN = re.compile(r"\w+|[^\w\s-]")
# Footnote markers and page numbers stand on lines of their own ("3", "14", "3 4", "19 20").
LONE_NUMBERS = re.compile(r"\s*\d+(?:\s+\d+)*\s*")
# Each page of the extract ends with its page number, a line holding one space, and a blank line.
PAGE_BREAK = re.compile(r"\n \n\n")
# A column that begins lower on the page than its neighbour comes first in the extract (lines are
# ordered by height), so a sentence may run from the foot of that column to the head of the next
# one, which the extract prints at the top of the page: within this many lines of the page's top.
HEAD_LINES = 4


def tokenise(text):
    return [token.lower() for token in TOKEN.findall(text)]


class Page:
    def __init__(self, label, lines):
        self.label = label
        self.tokens = []
        self.line_starts = set()  # indices of tokens that begin a line
        self.line_ends = set()  # indices of tokens that end a line
        self.head_end = None  # tokens before this index are in the page's first HEAD_LINES lines
        for number, line in enumerate(lines, start=1):
            tokens = tokenise(line)
            if tokens:
                self.line_starts.add(len(self.tokens))
                self.line_ends.add(len(self.tokens) + len(tokens) - 1)
            self.tokens.extend(tokens)
            if number == HEAD_LINES:
                self.head_end = len(self.tokens)
        if self.head_end is None:
            self.head_end = len(self.tokens)


def read_pages(text):
    """The seed's pages by their printed number: {"2": Page, "4": Page, ...}."""
    pages = {}
    for block in PAGE_BREAK.split(text):
        lines = [line for line in block.splitlines() if line.strip()]
        if not lines:
            continue
        label = lines[-1].strip()
        assert label.isdigit(), f"a page of the seed text ends without its page number: {label!r}"
        content = [line for line in lines[:-1] if not LONE_NUMBERS.fullmatch(line)]
        pages[label] = Page(label, content)
    return pages


def cover(words, page, max_runs, wraps=True):
    """Cover words by at most max_runs runs of page.tokens; the runs, or None.

    The runs stand in increasing position on the page, and every run but the last holds at least
    two words (the first may be one word: a sentence may begin with the last word of a column's
    line). Where one run ends and the next begins, a line of the extract ends or begins:
    a column's line breaks off where the other column's text comes between, so a skip from the
    middle of a line to the middle of another one is a word left out, not a column crossed.
    Once (wraps) a run may instead start at the head of the page, where the next column begins.
    Returns the fewest runs that do it, as [(seed_start, length), ...].

    (An exact search, not a greedy longest match: greedily, "De Inspectie wil het toezicht
    zodanig ..." would take "De Inspectie wil" from a later line of the page and could not come back.)
    """
    seed = page.tokens
    if not words:
        return None
    where = {}
    for j, token in enumerate(seed):
        where.setdefault(token, []).append(j)

    def offer(following, state, runs, previous):
        # ties go to the later previous state, so that each run lies as close as it can to the
        # run after it
        if runs > max_runs:
            return
        known = following.get(state)
        if known is None or runs < known[0] or (runs == known[0] and previous[2] > known[1][2]):
            following[state] = (runs, previous)

    # A state: (wrapped, short, j) -> (runs, previous state): word i of the statement is matched
    # to seed[j]; short says that the run ending there holds one word only.
    layer = {(False, True, j): (1, None) for j in where.get(words[0], [])}
    history = [layer]
    for i in range(1, len(words)):
        targets = where.get(words[i], [])
        following = {}
        for state, (runs, _) in layer.items():
            wrapped, _, j = state
            if j + 1 < len(seed) and seed[j + 1] == words[i]:
                offer(following, (wrapped, False, j + 1), runs, state)  # the run goes on
        # the states from which a new run may start: their run ends, with its length allowed
        ends = sorted((state[2], runs, state) for state, (runs, _) in layer.items() if not state[1] or runs == 1)
        for wrapped in (False, True):
            # the best end so far, of any kind and at the end of a line
            best_any = best_at_line_end = None
            k = 0
            mine = [end for end in ends if end[2][0] == wrapped]
            for target in targets:  # a new run further on the page
                while k < len(mine) and mine[k][0] < target:
                    if best_any is None or mine[k][1] <= best_any[0]:
                        best_any = (mine[k][1], mine[k][2])
                    if mine[k][0] in page.line_ends and (best_at_line_end is None or mine[k][1] <= best_at_line_end[0]):
                        best_at_line_end = (mine[k][1], mine[k][2])
                    k += 1
                best = best_any if target in page.line_starts else best_at_line_end
                if best is not None:
                    offer(following, (wrapped, True, target), best[0] + 1, best[1])
        if wraps:  # a new run at the head of the next column, at the top of the page
            unwrapped = [(runs, j, state) for j, runs, state in ends if not state[0]]
            at_line_end = [end for end in unwrapped if end[1] in page.line_ends]
            for target in targets:
                if target >= page.head_end:
                    continue
                candidates = unwrapped if target in page.line_starts else at_line_end
                if candidates:
                    runs, _, state = min(candidates, key=lambda end: (end[0], -end[1]))
                    offer(following, (True, True, target), runs + 1, state)
        if not following:
            return None
        history.append(following)
        layer = following

    state = min(layer, key=lambda state: layer[state][0])
    matched = []
    for step in reversed(history):
        matched.append(state)
        state = step[state][1]
    matched.reverse()
    runs = []
    for _wrapped, short, j in matched:
        if short:
            runs.append([j, 1])
        else:
            runs[-1][1] += 1
    return [tuple(run) for run in runs]


def max_runs_for(words):
    return len(words) // 3 + 2


def occurs_on_page(statement, page):
    words = tokenise(statement)
    return cover(words, page, max_runs_for(words)) is not None


def occurs_in_seed(statement, pages):
    return any(occurs_on_page(statement, page) for page in pages.values())


# ---------------------------------------------------------------------------------------------
# Fixtures
# ---------------------------------------------------------------------------------------------


def _read_csv(path):
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
    return reader.fieldnames, rows


FIXTURE_HEADER, ROWS = _read_csv(FIXTURE)
LABELLED_HEADER, LABELLED_ROWS = _read_csv(LABELLED)


@pytest.fixture(scope="module")
def pages():
    return read_pages(SEED.read_text(encoding="utf-8"))


def _page_of(row):
    match = SOURCE_LOCATION.fullmatch(row["source_location"])
    assert match, f"{row['reference']}: source_location {row['source_location']!r} is not 'p. N'"
    return match.group(1)


by_reference = pytest.mark.parametrize("row", ROWS, ids=[row["reference"] for row in ROWS])

# ---------------------------------------------------------------------------------------------
# The file format
# ---------------------------------------------------------------------------------------------


def test_fixture_has_the_commitment_file_header():
    assert tuple(FIXTURE_HEADER) == fileformat.COLUMNS


def test_every_row_has_every_column():
    with FIXTURE.open(encoding="utf-8", newline="") as handle:
        lengths = {len(row) for row in csv.reader(handle)}
    assert lengths == {len(fileformat.COLUMNS)}


def test_fixture_holds_at_least_35_commitments():
    assert len(ROWS) >= 35


def test_references_are_unique_and_numbered_in_order():
    references = [row["reference"] for row in ROWS]
    assert all(REFERENCE.fullmatch(reference) for reference in references)
    assert len(set(references)) == len(references)
    assert references == [f"WP2024-{n:03d}" for n in range(1, len(ROWS) + 1)]


@by_reference
def test_codes_are_valid(row):
    assert row["programme"] == "2024"
    assert row["kind"] in KINDS
    assert row["domain"] in DOMAINS
    goals = row["goals"].split(";") if row["goals"] else []
    assert set(goals) <= GOALS and len(set(goals)) == len(goals)
    assert row["status"] in STATUSES


@by_reference
def test_dates_owner_and_title(row):
    assert row["due_date"] == "2024-12-31"
    assert date.fromisoformat(row["due_date"]) == date(2024, 12, 31)
    assert row["expected_date"] == ""
    assert row["owner"] == ""
    assert row["title"].strip() == row["title"] and 0 < len(row["title"]) <= 200


def test_commitments_cover_at_least_six_domains():
    assert len({row["domain"] for row in ROWS}) >= 6


def test_exactly_one_commitment_is_dropped_the_ukrainian_reception():
    dropped = [row for row in ROWS if row["status"] == "dropped"]
    assert len(dropped) == 1
    assert dropped[0]["domain"] == "migratie"
    assert "Oekraïense ontheemden" in dropped[0]["statement"]
    assert dropped[0]["statement"].endswith(UKRAINE_REASON)
    assert {row["status"] for row in ROWS if row is not dropped[0]} == {"planned"}


# ---------------------------------------------------------------------------------------------
# The statements stand in the seed text
# ---------------------------------------------------------------------------------------------


@by_reference
def test_statement_is_clean_text(row):
    statement = row["statement"]
    assert statement == statement.strip()
    assert "  " not in statement and "\n" not in statement
    # no footnote marker left behind ("jeugdketen 3 .", "rijksinspecties ."), no glued hyphenation
    assert not re.search(r"\s[.,;:)]", statement)
    assert not re.search(r"\w- (?!en )\w", statement)
    assert statement[-1] in ".?!"


@by_reference
def test_every_statement_occurs_in_the_seed_text(row, pages):
    assert occurs_in_seed(row["statement"], pages), row["statement"]


@by_reference
def test_every_statement_occurs_on_its_source_page(row, pages):
    page = _page_of(row)
    assert page in pages, f"{row['reference']}: the seed text has no page {page}"
    assert occurs_on_page(row["statement"], pages[page]), (row["source_location"], row["statement"])


def test_statements_are_distinct():
    statements = [row["statement"] for row in ROWS]
    assert len(set(statements)) == len(statements)


def test_commitments_follow_the_pages_in_order():
    pages_in_order = [int(_page_of(row)) for row in ROWS]
    assert pages_in_order == sorted(pages_in_order)


# ---------------------------------------------------------------------------------------------
# The checker can fail
# ---------------------------------------------------------------------------------------------

PO21 = (
    "Het onderzoek naar de randvoorwaarden voor goed onderwijs in de nieuwe "
    "basispolitieopleiding PO21 wordt in 2024 gepubliceerd."
)
NIEUWERSLUIS = (
    "Zo zal de Inspectie in 2024 bezien hoe de aanbevelingen uit het onderzoek naar "
    "de Penitentiaire Inrichting Nieuwersluis zijn opgevolgd."
)


def test_checker_accepts_a_sentence_split_over_interleaved_lines(pages):
    assert occurs_on_page(PO21, pages["8"])
    # "Zo zal ... aanbevelingen" ends a column low on page 6; "uit het onderzoek ... opgevolgd"
    # heads the next column, at the top of the page.
    assert occurs_on_page(NIEUWERSLUIS, pages["6"])


def test_checker_repairs_hyphenation_and_drops_footnote_markers(pages):
    # "informatie-" / "uitwisseling" on lines with the other column between; footnote 14 stands
    # on a line of its own before "rijksinspecties ."
    assert occurs_on_page(
        "In het Relatiestatuut JenV zijn afspraken opgenomen over de wijze van samenwerking en "
        "informatie-uitwisseling tussen de (plaatsvervangend) secretaris-generaal van het "
        "ministerie van Justitie en Veiligheid, de beleidsdirecties, de uitvoeringsorganisaties "
        "en de Inspectie.",
        pages["10"],
    )
    assert occurs_on_page("Dit is in ontwikkeling, met de inzet op de Wet op de rijksinspecties.", pages["10"])


def test_checker_rejects_an_invented_sentence(pages):
    assert not occurs_in_seed("De Inspectie publiceert in 2024 een rapport over de maanlanding.", pages)


def test_checker_rejects_a_paraphrase(pages):
    assert not occurs_in_seed(
        "De Inspectie publiceert in 2024 het onderzoek naar de randvoorwaarden voor goed "
        "onderwijs in de nieuwe basispolitieopleiding PO21.",
        pages,
    )
    assert not occurs_in_seed(
        "In 2024 zal de Inspectie bezien of de aanbevelingen uit het onderzoek naar de "
        "Penitentiaire Inrichting Nieuwersluis zijn opgevolgd.",
        pages,
    )


def test_checker_rejects_two_swapped_words(pages):
    assert not occurs_in_seed(PO21.replace("goed onderwijs", "onderwijs goed"), pages)
    assert not occurs_in_seed(NIEUWERSLUIS.replace("bezien hoe", "hoe bezien"), pages)


def test_checker_rejects_a_word_left_out(pages):
    assert not occurs_in_seed(PO21.replace("voor goed onderwijs", "voor onderwijs"), pages)
    assert not occurs_in_seed(NIEUWERSLUIS.replace(" Nieuwersluis", ""), pages)


def _swap_middle(statement):
    words = statement.split(" ")
    middle = len(words) // 2
    while words[middle].lower() == words[middle + 1].lower():
        middle += 1
    words[middle], words[middle + 1] = words[middle + 1], words[middle]
    return " ".join(words)


@by_reference
def test_checker_rejects_each_statement_with_two_middle_words_swapped(row, pages):
    assert not occurs_on_page(_swap_middle(row["statement"]), pages[_page_of(row)])


def test_checker_rejects_a_statement_from_another_page(pages):
    assert not occurs_on_page(PO21, pages["6"])


def test_checker_rejects_sentences_put_in_reverse_order(pages):
    # two sentences of one column in reverse order: the second run would stand before the first,
    # and it is not at the head of a column
    assert not occurs_on_page(
        "Het jaar 2024 zal daarom in het teken staan van de doorontwikkeling van dit toezicht. "
        "Het is daarmee het eerste jaar dat de Inspectie volledig toezicht zal houden.",
        pages["8"],
    )


# ---------------------------------------------------------------------------------------------
# The hand-labelled set
# ---------------------------------------------------------------------------------------------


def test_labelled_set_has_page_and_statement_columns():
    assert LABELLED_HEADER == ["page", "statement"]
    assert LABELLED_ROWS


def test_every_labelled_statement_occurs_on_its_page(pages):
    for row in LABELLED_ROWS:
        assert row["page"] in pages, row
        assert occurs_on_page(row["statement"], pages[row["page"]]), row


def test_labelled_set_holds_every_fixture_statement_once():
    labelled = [row["statement"] for row in LABELLED_ROWS]
    assert len(set(labelled)) == len(labelled)
    assert {row["statement"] for row in ROWS} <= set(labelled)
    pages_of = {row["statement"]: row["page"] for row in LABELLED_ROWS}
    for row in ROWS:
        assert pages_of[row["statement"]] == _page_of(row), row["reference"]
