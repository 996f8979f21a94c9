"""The extraction's figures (issue 15), by the README's matching rule (tests/test_extract_candidates.py):
on the development set (the seed pages it was developed on) and on two held-out sets of other programmes'
public text, labelled by hand (tests/data/heldout*/SOURCES.md). The first held-out set was measured, then
three bugs it showed were fixed, so its figures are no longer those of unseen text; the second was measured
once, after that, and is the unseen figure. Asserted as reached, so that a change that makes any worse fails."""

import csv
from pathlib import Path

import pytest

from intake import extraction
from tests.test_extract_candidates import SEED, labelled, measure

DATA = Path(__file__).resolve().parent / "data"


def heldout(name):
    rows = list(csv.DictReader((DATA / name / "intentions.csv").open(encoding="utf-8")))
    candidates, intentions = [], []
    for filename in sorted({row["file"] for row in rows}):
        year = int(next(row["programme"] for row in rows if row["file"] == filename))
        pages = extraction.pages_from_text((DATA / name / filename).read_text(encoding="utf-8"))
        candidates += [(filename, c.statement) for c in extraction.candidates(pages, year)]
        intentions += [(filename, row["statement"]) for row in rows if row["file"] == filename]
    return candidates, intentions


def counts(candidates, intentions):
    precision, recall = measure(candidates, intentions)
    return round(precision * len(candidates)), len(candidates), round(recall * len(intentions)), len(intentions)


def test_the_development_figures():
    found = extraction.candidates(extraction.pages_from_text(SEED.read_text(encoding="utf-8")), 2024)
    hits, total, found_intentions, intentions = counts([(c.page, c.statement) for c in found], labelled())
    assert intentions == 46
    assert found_intentions >= 36 and hits / total >= 36 / 43  # recall 78.3%, precision 83.7%


def test_the_first_held_out_set_after_its_bugs_were_fixed():
    hits, total, found, intentions = counts(*heldout("heldout"))
    assert intentions == 65
    assert found >= 53 and hits / total >= 53 / 71  # recall 81.5%, precision 74.6%


def test_the_second_held_out_set_measured_once_unseen():
    hits, total, found, intentions = counts(*heldout("heldout-b"))
    assert intentions == 39
    assert found >= 25 and hits / total >= 25 / 39  # recall 64.1%, precision 64.1%: below the targets


@pytest.mark.parametrize("name", ["heldout", "heldout-b"])
def test_every_label_stands_in_its_text(name):
    _, intentions = heldout(name)
    for filename, statement in intentions:
        text = " ".join((DATA / name / filename).read_text(encoding="utf-8").split())
        assert statement in text
