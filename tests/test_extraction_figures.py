"""The extraction's figures (issue 15), by the README's matching rule (tests/test_extract_candidates.py).
Development sets, tuned on: the seed pages, held-out A (since its first measurement), held-out B, C and D (each
measured once unseen, then their failures studied and the rules changed on them). Unseen: held-out E (labelled
and committed, data only, before the rules changed on D; measured once, after the last change of the rules).
Labels by hand: tests/data/heldout*/SOURCES.md. Asserted as reached, so that a change that makes any worse fails;
the figures of B, C and D when they were unseen are in the README."""

import csv
from pathlib import Path

import pytest

from intake import extraction
from tests.test_extract_candidates import SEED, labelled, measure

DATA = Path(__file__).resolve().parent / "data"


def heldout(name):
    rows = list(csv.DictReader((DATA / name / "intentions.csv").open(encoding="utf-8")))
    years = {row["file"]: int(row["programme"]) for row in rows}
    if (DATA / name / "files.csv").exists():  # also the files without an intention (sets C-E)
        years |= {row["file"]: int(row["programme"]) for row in csv.DictReader((DATA / name / "files.csv").open())}
    candidates, intentions = [], []
    for filename, year in sorted(years.items()):
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


def test_the_first_held_out_set_now_developed_on():
    hits, total, found, intentions = counts(*heldout("heldout"))
    assert intentions == 65
    assert found >= 61 and hits / total >= 61 / 74  # recall 93.8%, precision 82.4%


def test_the_second_held_out_set_now_developed_on():
    hits, total, found, intentions = counts(*heldout("heldout-b"))
    assert intentions == 39
    assert found >= 35 and hits / total >= 35 / 41  # recall 89.7%, precision 85.4% (unseen: 64.1%, 65.8%)


def test_the_third_held_out_set_other_inspectorates_now_developed_on():
    hits, total, found, intentions = counts(*heldout("heldout-c"))
    assert intentions == 25
    assert found >= 20 and hits / total >= 20 / 24  # recall 80.0%, precision 83.3% (unseen: 28.0%, 43.8%)


def test_the_fourth_held_out_set_now_developed_on():
    hits, total, found, intentions = counts(*heldout("heldout-d"))
    assert intentions == 25
    assert found >= 20 and hits / total >= 20 / 28  # recall 80.0%, precision 71.4% (unseen: 68.0%, 37.0%)


def test_the_fifth_held_out_set_measured_once_unseen():
    hits, total, found, intentions = counts(*heldout("heldout-e"))
    assert intentions == 25
    assert found >= 15 and hits / total >= 15 / 20  # recall 60.0%: below the target; precision 75.0%


def test_the_sixth_held_out_set_measured_once_unseen():
    hits, total, found, intentions = counts(*heldout("heldout-f"))
    assert intentions == 58
    assert found >= 42 and hits / total >= 42 / 61  # recall 72.4%, precision 68.9%: both below the targets


@pytest.mark.parametrize("name", ["heldout", *(f"heldout-{letter}" for letter in "bcdefg")])
def test_every_label_stands_in_its_text(name):
    _, intentions = heldout(name)
    for filename, statement in intentions:
        text = " ".join((DATA / name / filename).read_text(encoding="utf-8").split())
        assert statement in text
