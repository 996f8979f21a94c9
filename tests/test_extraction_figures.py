"""The extraction's figures (issue 15), by the matching rule of tests/test_extract_candidates.py (docs/extraction.md).
Development sets, tuned on: the seed pages, held-out A (since its first measurement), and held-out B to S (each
labelled and committed, data only, before it was run; measured once unseen; then its failures studied and the rules
changed on them: B-G in earlier rounds, H, I and J together, then K with H, I and J, then L with H-K, then M with
H-L, then N with all the others, then O and P with all the others, then Q with all the others, then R with all the
others, then S in the last, changing a rule only for a kind of failure that other sets showed unseen too); T,
measured once unseen after the last change of the rules, is not developed on. Labels by hand:
tests/data/heldout*/SOURCES.md. Asserted as reached, so that a change that makes any worse fails; the figures of B-S
when they were unseen are in the comments and in docs/extraction.md."""

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
    # recall 80.4%, precision 90.2% (88.1%, 37 of 42, before the round on N)
    assert found_intentions >= 37 and hits / total >= 37 / 41


def test_the_first_held_out_set_now_developed_on():
    hits, total, found, intentions = counts(*heldout("heldout"))
    assert intentions == 65
    # recall 98.5%, precision 86.5% (84.2%, 64 of 76, before H-J; 85.3%, 64 of 75, before the round on R)
    assert found >= 64 and hits / total >= 64 / 74


def test_the_second_held_out_set_now_developed_on():
    hits, total, found, intentions = counts(*heldout("heldout-b"))
    assert intentions == 39
    # recall 97.4%, precision 84.4% (unseen: 64.1%, 65.8%); its precision was 85.4% (35 of 41) before the rules
    # changed on E and F: "staat ... centraal" also finds a sentence its labels leave out (see docs/extraction.md)
    assert found >= 38 and hits / total >= 38 / 45


def test_the_twelfth_held_out_set_now_developed_on():
    # built apart from the round on K, by someone who saw neither the rules nor their figures; measured once, unseen,
    # after the round on K (recall 58.5%, precision 77.6%, 38 of 65, 38 of 49); then its failures studied and the
    # rules changed on them (after the round on L: recall 75.4%, precision 76.6%, 49 of 65, 49 of 64; before the round
    # on O and P: 76.9%, 76.9%, 50 of 65, 50 of 65; before the round on R: 78.5%, 77.3%, 51 of 65, 51 of 66)
    hits, total, found, intentions = counts(*heldout("heldout-l"))
    assert intentions == 65
    assert found >= 52 and hits / total >= 52 / 63  # recall 80.0%, precision 82.5%


def test_the_thirteenth_held_out_set_now_developed_on():
    # built apart from the round on L, by someone who saw neither the rules nor their figures; measured once, unseen,
    # after the round on L (recall 66.0%, precision 66.0%, 31 of 47, 31 of 47); then its failures studied and the
    # rules changed on them (precision 95.9%, 47 of 49, before the round on S)
    hits, total, found, intentions = counts(*heldout("heldout-m"))
    assert intentions == 47
    assert found >= 47 and hits / total >= 47 / 48  # recall 100%, precision 97.9%


def test_the_fourteenth_held_out_set_now_developed_on():
    # built apart from the round on M, by someone who saw neither the rules nor their figures; measured once, unseen,
    # after the round on M (recall 33.3%, precision 59.4%, 19 of 57, 19 of 32; 26 of its 57 intentions are one list
    # of the CBS's fields of statistics, of which 3 were found); then its failures studied and the rules changed on
    # them
    hits, total, found, intentions = counts(*heldout("heldout-n"))
    assert intentions == 57
    # recall 89.5%, precision 86.4% (85.0%, 51 of 60, before the round on Q)
    assert found >= 51 and hits / total >= 51 / 59


def test_the_fifteenth_held_out_set_now_developed_on():
    # built apart from the round on N, by someone who saw neither the rules nor their figures; measured once, unseen,
    # after the round on N (recall 60.9%, precision 59.6%, 28 of 46, 28 of 47); then its failures studied and the
    # rules changed on them
    hits, total, found, intentions = counts(*heldout("heldout-o"))
    assert intentions == 46
    # recall 82.6%, precision 69.1% (67.3%, 37 of 55, before the round on Q; 80.4%, 68.5%, 37 of 46, 37 of 54,
    # before the round on R)
    assert found >= 38 and hits / total >= 38 / 55


def test_the_sixteenth_held_out_set_programmes_of_the_inspectie_jenv_now_developed_on():
    # the Inspectie JenV's own programmes (2009-2026) and one of the IVD's, built apart from the round on N in the
    # same way; measured once, unseen, after the round on N (recall 74.4%, precision 69.4%, 32 of 43, 34 of 49); then
    # its failures studied and the rules changed on them (88.4%, 76.9%, 38 of 43, 40 of 52, before the round on R)
    hits, total, found, intentions = counts(*heldout("heldout-p"))
    assert intentions == 43
    assert found >= 39 and hits / total >= 41 / 52  # recall 90.7%, precision 78.8%


def test_the_seventeenth_held_out_set_rijksinspecties_now_developed_on():
    # rijksinspecties' and toezichthouders' programmes, built apart from the round on O and P, by someone who saw
    # neither the rules nor their figures; measured once, unseen, after the round on O and P (recall 69.1%, precision
    # 69.1%, 47 of 68, 47 of 68); then its failures studied and the rules changed on them
    hits, total, found, intentions = counts(*heldout("heldout-q"))
    assert intentions == 68
    assert found >= 55 and hits / total >= 55 / 68  # recall 80.9%, precision 80.9%


def test_the_eighteenth_held_out_set_now_developed_on():
    # audit office, rijksinspecties and toezichthouders, built apart from the round on Q, by someone who saw neither the
    # rules nor their figures; measured once, unseen, after the round on Q (recall 61.2%, precision 61.2%, 30 of 49,
    # 30 of 49); then its failures studied and the rules changed on them
    hits, total, found, intentions = counts(*heldout("heldout-r"))
    assert intentions == 49
    assert found >= 49 and hits / total >= 49 / 51  # recall 100%, precision 96.1%


def test_the_nineteenth_held_out_set_now_developed_on():
    # the Raad voor de rechtshandhaving, two Caribbean audit offices and two Flemish and Belgian bodies, built apart
    # from the round on R, by someone who saw neither the rules nor their figures; measured once, unseen, after the
    # round on R (recall 51.2%, precision 60.0%, 21 of 41, 21 of 35; the rules of before the round on R gave the
    # same); then its failures studied and the rules changed on them, only for kinds of failure that other sets
    # showed unseen too (the round on S)
    hits, total, found, intentions = counts(*heldout("heldout-s"))
    assert intentions == 41
    assert found >= 35 and hits / total >= 35 / 42  # recall 85.4%, precision 83.3%


def labellings(name):
    """The labels of a set by its labeller and by a second one, apart and blind to the first, by the same rule."""

    def read(filename):
        rows = csv.DictReader((DATA / name / filename).open(encoding="utf-8"))
        return [(row["file"], row["statement"]) for row in rows]

    return read("intentions.csv"), read("intentions-second-labeller.csv")


def test_two_labellers_agree_far_beyond_the_targets_on_q_and_r():
    """The second labeller's labels measured against the first's by the extraction's own matching rule: how far the
    labels themselves can be trusted, and so the most any extractor could be shown to reach (docs/extraction.md)."""
    pooled = [0, 0, 0, 0]
    for name in ("heldout-q", "heldout-r"):
        first, second = labellings(name)
        pooled = [a + b for a, b in zip(pooled, counts(second, first), strict=True)]
    hits, total, found, intentions = pooled
    assert (intentions, total) == (68 + 49, 65 + 49)
    assert found >= 111 and hits >= 111  # 94.9% of the first's found, 97.4% of the second's among them


def test_the_twentieth_held_out_set_measured_once_unseen():
    # handhavingsprogramma's of gemeenten, an omgevingsdienst and two waterschappen, built apart from the round on S, by
    # someone who saw neither the rules nor their figures; measured once, unseen, after the last change of the rules;
    # not developed on (the rules of before the round on S gave the same: 22 of 40, 22 of 42)
    hits, total, found, intentions = counts(*heldout("heldout-t"))
    assert intentions == 40
    assert found >= 22 and hits / total >= 22 / 42  # recall 55.0%, precision 52.4%


def test_the_third_held_out_set_other_inspectorates_now_developed_on():
    hits, total, found, intentions = counts(*heldout("heldout-c"))
    assert intentions == 25
    assert found >= 21 and hits / total >= 21 / 23  # recall 84.0%, precision 91.3% (unseen: 28.0%, 43.8%)


def test_the_fourth_held_out_set_now_developed_on():
    hits, total, found, intentions = counts(*heldout("heldout-d"))
    assert intentions == 25
    # recall 88.0%, precision 75.9% (unseen: 68.0%, 37.0%; precision 72.4%, 21 of 29, before the round on N; 77.8%,
    # 21 of 27, before the round on O and P, whose themes counted before a colon add the ministry's "zeven
    # kernthema’s", left out by D's labels; 84.0%, 75.0%, 21 of 25, 21 of 28, before the round on R)
    assert found >= 22 and hits / total >= 22 / 29


def test_the_fifth_held_out_set_now_developed_on():
    hits, total, found, intentions = counts(*heldout("heldout-e"))
    assert intentions == 25
    assert found >= 24 and hits / total >= 24 / 24  # recall 96.0%, precision 100% (unseen: 60.0%, 75.0%)


def test_the_sixth_held_out_set_now_developed_on():
    hits, total, found, intentions = counts(*heldout("heldout-f"))
    assert intentions == 58
    # recall 100%, precision 90.6% (unseen: 72.4%, 68.9%; 98.3%, 90.5%, 57 of 58, 57 of 63, before the round on R)
    assert found >= 58 and hits / total >= 58 / 64


def test_the_seventh_held_out_set_now_developed_on():
    hits, total, found, intentions = counts(*heldout("heldout-g"))
    assert intentions == 52
    # recall 98.1%, precision 100% (unseen: 59.6%, 68.9%; precision 94.2%, 49 of 52, before the round on K; 96.1%,
    # 49 of 51, before the round on N; recall 94.2%, 49 of 52, before the round on O and P; 96.2%, 98.0%, 50 of 52, 50
    # of 51, before the round on R)
    assert found >= 51 and hits / total >= 51 / 51


def test_the_eighth_held_out_set_now_developed_on():
    hits, total, found, intentions = counts(*heldout("heldout-h"))
    assert intentions == 40
    # recall 87.5%, precision 74.5% (unseen: 62.5%, 51.0%; after the round on H-J: 80.0%, 68.1%; after the round
    # on K: 85.0%, 70.8%; after the round on L: 87.5%, 71.4%; after the round on M: 87.5%, 72.9%)
    assert found >= 35 and hits / total >= 35 / 47


def test_the_ninth_held_out_set_now_developed_on():
    hits, total, found, intentions = counts(*heldout("heldout-i"))
    assert intentions == 40
    # recall 82.5%, precision 70.2% (unseen: 67.5%, 45.8%; after the round on H-J: 77.5%, 63.3%; precision 68.8%, 33
    # of 48, before the round on R)
    assert found >= 33 and hits / total >= 33 / 47


def test_the_tenth_held_out_set_now_developed_on():
    hits, total, found, intentions = counts(*heldout("heldout-j"))
    assert intentions == 59
    # recall 89.8%, precision 87.1% (unseen: 67.8%, 58.0%; after the round on H-J: 76.3%, 83.6%; after the round
    # on K: 86.4%, 85.2%; after the round on L: 88.1%, 85.5%; precision 85.7%, 54 of 63, before the round on S)
    assert found >= 53 and hits / total >= 54 / 62


def test_the_eleventh_held_out_set_now_developed_on():
    hits, total, found, intentions = counts(*heldout("heldout-k"))
    assert intentions == 42
    # recall 90.5%, precision 84.4% (unseen, with the rules after the round on H-J: 66.7%, 70.0%, 28 of 42, 28 of 40)
    assert found >= 38 and hits / total >= 38 / 45


@pytest.mark.parametrize("name", ["heldout", *(f"heldout-{letter}" for letter in "bcdefghijklmnopqrst")])
def test_every_label_stands_in_its_text(name):
    # the labels only: the extractor is not run here
    rows = list(csv.DictReader((DATA / name / "intentions.csv").open(encoding="utf-8")))
    assert rows
    for row in rows:
        text = " ".join((DATA / name / row["file"]).read_text(encoding="utf-8").split())
        assert row["statement"] in text
