"""A learned decision on top of the extraction's rules (issue 15), measured by leaving one labelled set out.

The rules (`intake.extraction`) propose every sentence and list item of a programme, with the sentences that go on
about it, and name what they see in it (`sentence_features`): their own verdict, which cues fire, tense, actor, time,
length, form, the section it stands in. A logistic regression over those names, fitted on the labelled sets (the
seed pages and held-out sets A-H), may decide which proposals are intentions. A proposal's label, to fit on, is the
README's matching rule: it finds a labelled intention of its page. The weights are fitted, never set by hand:

    .venv/bin/python -m intake.scoring loso                 # the rules' verdict among the features
    .venv/bin/python -m intake.scoring loso --without-rule  # the cues only, not the rules' verdict

fits, for each labelled set, on the others and measures on it, beside the rules' own figures. It did not beat the
rules (README, "Extraction figures"), so nothing of it ships: the extraction decides by the rules (`RULES`).
"""

import csv
import math
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "seeds" / "werkprogramma-2024-extract-a.txt"
SEED_LABELS = ROOT / "fixtures" / "seeds" / "intentions-labelled.csv"
HELD_OUT = ROOT / "tests" / "data"
# The sets a model may be fitted on; held-out set I is kept out, to be measured once, unseen.
TRAINING_SETS = ("seed", "heldout", *(f"heldout-{letter}" for letter in "bcdefgh"))

# --- the matching rule (as tests/test_extract_candidates.py states and measures it) ---------------

STOP_WORDS = frozenset(
    """de het een en van in op te voor met aan door dat die dit om als of is zijn wordt worden zal zullen er
    ook niet naar bij tot uit over onder haar hun ze zij we wij ons zich""".split()
)
SHARE = 0.6


def content_words(text):
    return {word for word in re.findall(r"\w+", text.lower()) if word not in STOP_WORDS}


def finds(candidate, intention):
    """Does a candidate find a labelled intention? Each holds at least 60% of the other's content words."""
    a, b = content_words(candidate), content_words(intention)
    common = len(a & b)
    return bool(a and b) and common >= SHARE * len(a) and common >= SHARE * len(b)


# --- the decision -------------------------------------------------------------------------------


class Scorer:
    """Keeps a proposal when the logistic regression's probability reaches the threshold."""

    def __init__(self, weights, bias, threshold):
        self.weights, self.bias, self.threshold = weights, bias, threshold

    def probability(self, features):
        score = self.bias + sum(self.weights.get(name, 0.0) for name in features)
        return 1 / (1 + math.exp(-max(min(score, 30), -30)))

    def keep(self, features, statement):
        return self.probability(features) >= self.threshold


class Oracle:
    """Keeps what the labels say (so that the proposals after it are those a good decision meets) and records each
    proposal's features with its label: the training examples."""

    def __init__(self, intentions_by_page):
        self.intentions_by_page = intentions_by_page
        self.page = None
        self.examples = []

    def on_page(self, label):
        self.page = label

    def keep(self, features, statement):
        label = any(finds(statement, intention) for intention in self.intentions_by_page(self.page))
        self.examples.append((frozenset(features), label))
        return label


def fit(examples, *, epochs=300, rate=0.5, l2=0.01):
    """A logistic regression by full-batch gradient descent, L2-regularised, on (features, label) examples."""
    names = sorted({name for features, _ in examples for name in features})
    weights, bias = dict.fromkeys(names, 0.0), 0.0
    count = len(examples)
    for _ in range(epochs):
        gradient, bias_gradient = dict.fromkeys(names, 0.0), 0.0
        for features, label in examples:
            score = bias + sum(weights[name] for name in features)
            error = 1 / (1 + math.exp(-max(min(score, 30), -30))) - label
            bias_gradient += error
            for name in features:
                gradient[name] += error
        bias -= rate * bias_gradient / count
        for name in names:
            weights[name] -= rate * (gradient[name] / count + l2 * weights[name])
    return Scorer(weights, bias, 0.5)


def fit_by_sets(examples_by_set):
    """A scorer fitted on all the sets' examples, its threshold chosen out of fold: the one with the best F1 over the
    examples of each set as scored by a model fitted on the other sets (so that no example chooses its own)."""
    everything = [example for examples in examples_by_set.values() for example in examples]
    scorer = fit(everything)
    scored = []
    for name, examples in examples_by_set.items():
        inner = fit([example for other, more in examples_by_set.items() if other != name for example in more])
        scored += [(inner.probability(features), label) for features, label in examples]
    scorer.threshold = best_threshold(scored)
    return scorer


def best_threshold(scored):
    """The threshold (0.10 to 0.90, in steps of 0.05) with the best F1 over (probability, label) pairs."""
    positives = sum(label for _, label in scored)
    best, best_f1 = 0.5, -1.0
    for step in range(10, 91, 5):
        threshold = step / 100
        kept = [label for probability, label in scored if probability >= threshold]
        f1 = 2 * sum(kept) / (len(kept) + positives) if kept else 0.0
        if f1 > best_f1:
            best, best_f1 = threshold, f1
    return best


# --- the labelled sets --------------------------------------------------------------------------


@dataclass
class Document:
    name: str  # the set's file, or the seed pages
    text: str
    year: int
    intentions: list  # (page, statement); a held-out file's page is the file itself
    by_page: bool  # whether a candidate's page must be the intention's (the seed pages); else the file


def labelled_documents(set_name):
    if set_name == "seed":
        with SEED_LABELS.open(encoding="utf-8", newline="") as handle:
            labels = [(row["page"], row["statement"]) for row in csv.DictReader(handle)]
        return [Document("seed", SEED.read_text(encoding="utf-8"), 2024, labels, True)]
    folder = HELD_OUT / set_name
    rows = list(csv.DictReader((folder / "intentions.csv").open(encoding="utf-8")))
    years = {row["file"]: int(row["programme"]) for row in rows}
    if (folder / "files.csv").exists():  # also the files without an intention
        years |= {row["file"]: int(row["programme"]) for row in csv.DictReader((folder / "files.csv").open())}
    return [
        Document(
            filename,
            (folder / filename).read_text(encoding="utf-8"),
            year,
            [(filename, row["statement"]) for row in rows if row["file"] == filename],
            False,
        )
        for filename, year in sorted(years.items())
    ]


def examples_of(documents):
    from intake import extraction

    examples = []
    for document in documents:
        oracle = Oracle(_intentions_by_page(document))
        extraction.candidates(extraction.pages_from_text(document.text), document.year, decision=oracle)
        examples += oracle.examples
    return examples


def _intentions_by_page(document):
    statements = [statement for _, statement in document.intentions]
    if not document.by_page:
        return lambda page: statements
    return lambda page: [statement for label, statement in document.intentions if label == page]


def counts(documents, decision):
    """(hits, candidates, found, intentions) of the extraction with `decision` on the documents, by the measure."""
    from intake import extraction

    hits = total = found = intentions = 0
    for document in documents:
        pages = extraction.pages_from_text(document.text)
        keyed = [
            (c.page if document.by_page else document.name, c.statement)
            for c in extraction.candidates(pages, document.year, decision=decision)
        ]
        hits += sum(any(p == page and finds(c, i) for p, i in document.intentions) for page, c in keyed)
        found += sum(any(p == page and finds(c, i) for p, c in keyed) for page, i in document.intentions)
        total, intentions = total + len(keyed), intentions + len(document.intentions)
    return hits, total, found, intentions


class WithoutRule:
    """A decision that does not see the rules' verdict: the scorer weighs the cues alone."""

    def __init__(self, scorer):
        self.scorer = scorer

    def keep(self, features, statement):
        return self.scorer.keep(_without_rule(features), statement)


def _without_rule(features):
    from intake.extraction import RULE

    return frozenset(name for name in features if name != RULE and not name.endswith(":" + RULE))


def leave_one_set_out(set_names=TRAINING_SETS, *, with_rule=True):
    """For each set: fit on the others (threshold out of fold among them), measure on it; beside the rules' figures."""
    from intake import extraction

    documents = {name: labelled_documents(name) for name in set_names}
    examples = {name: examples_of(documents[name]) for name in set_names}
    if not with_rule:
        examples = {name: [(_without_rule(f), label) for f, label in found] for name, found in examples.items()}
    rows = []
    for name in set_names:
        scorer = fit_by_sets({other: found for other, found in examples.items() if other != name})
        decision = scorer if with_rule else WithoutRule(scorer)
        rows.append((name, counts(documents[name], extraction.RULES), counts(documents[name], decision)))
    return rows


def _report(rows):
    def figures(hits, total, found, intentions):
        return f"recall {found:3d}/{intentions:3d} {100 * found / intentions:5.1f}%  " + (
            f"precision {hits:3d}/{total:3d} {100 * hits / max(total, 1):5.1f}%"
        )

    pooled = {"rules": [0, 0, 0, 0], "scorer": [0, 0, 0, 0]}
    for name, rules, scorer in rows:
        print(f"{name:10s} rules  {figures(*rules)}\n{'':10s} scorer {figures(*scorer)}")
        for key, values in (("rules", rules), ("scorer", scorer)):
            pooled[key] = [a + b for a, b in zip(pooled[key], values, strict=True)]
    print(f"{'pooled':10s} rules  {figures(*pooled['rules'])}\n{'':10s} scorer {figures(*pooled['scorer'])}")


if __name__ == "__main__":
    if sys.argv[1:2] != ["loso"]:
        sys.exit(__doc__)
    _report(leave_one_set_out(with_rule="--without-rule" not in sys.argv))
