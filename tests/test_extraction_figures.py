"""The extraction's figures (issue 15), by the README's matching rule (tests/test_extract_candidates.py):
on the development sets (the seed pages, and held-out A since its first measurement, both tuned on), on held-out
B (measured once unseen; not tuned on since, but seen) and on held-out C (other inspectorates, labelled and
committed before its single measurement, never tuned on). Labels by hand: tests/data/heldout*/SOURCES.md.
Asserted as reached, so that a change that makes any worse fails."""

import csv
from pathlib import Path

import pytest

from intake import extraction
from tests.test_extract_candidates import SEED, labelled, measure

DATA = Path(__file__).resolve().parent / "data"


def heldout(name):
    rows = list(csv.DictReader((DATA / name / "intentions.csv").open(encoding="utf-8")))
    years = {row["file"]: int(row["programme"]) for row in rows}
    if (DATA / name / "files.csv").exists():  # also the files without an intention (set C)
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
    assert found >= 59 and hits / total >= 59 / 73  # recall 90.8%, precision 80.8%


def test_the_second_held_out_set_measured_once_unseen():
    hits, total, found, intentions = counts(*heldout("heldout-b"))
    assert intentions == 39
    assert found >= 25 and hits / total >= 25 / 38  # recall 64.1%, precision 65.8%: below the targets


def test_the_third_held_out_set_other_inspectorates_measured_once_unseen():
    hits, total, found, intentions = counts(*heldout("heldout-c"))
    assert intentions == 25
    assert found >= 7 and hits / total >= 7 / 16  # recall 28.0%, precision 43.8%: far below the targets


@pytest.mark.parametrize("name", ["heldout", "heldout-b", "heldout-c"])
def test_every_label_stands_in_its_text(name):
    _, intentions = heldout(name)
    for filename, statement in intentions:
        text = " ".join((DATA / name / filename).read_text(encoding="utf-8").split())
        assert statement in text
