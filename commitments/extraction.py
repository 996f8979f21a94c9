"""Candidate commitments from a work programme (text or PDF), for staff to curate and import.

A work programme is set in two columns. A PDF is read column by column: each page is cropped into a left and
a right half at the widest vertical gap between the columns. A text extraction that was made line by line
across the page interleaves the columns: their lines alternate, or stand side by side on one line. Such a
page is untangled into its two columns by choosing, line after line, the column each line (or each half of a
line) continues best (`untangle`): the best choice overall, by dynamic programming, where "continues well"
is judged from the punctuation, the case and hyphenation at the join, and from which words follow which
within the lines of the document itself.

The columns are cut into sentences; a sentence that states what the Inspectie will do (its subject is the
Inspectie or "we", it looks ahead or states how the supervision is set up) is a candidate, and the sentences
that go on about it ("Dit ...", "Daarom ...") join it. Each candidate gets a guessed domain and kind.
"""

import math
import re
from collections import Counter
from dataclasses import dataclass

# --- pages --------------------------------------------------------------------------------------

LONE_NUMBERS = re.compile(r"\s*\d+(?:\s+\d+)*\s*")
PAGE_END = re.compile(r"\n[ \t]*(\d{1,3})[ \t]*(?:\n[ \t]*\n|\n?\s*\Z)")


@dataclass
class Page:
    label: str  # the page number: as printed in a text extraction, as counted in a PDF
    columns: list | None  # the lines of each column in reading order (a PDF); None while interleaved (a text)
    lines: list  # all the page's lines, without running headers, page numbers and footnotes


def pages_from_text(text):
    """The pages of a text extraction: split at form feeds, or after each printed page number."""
    chunks = text.split("\f") if "\f" in text else _chunks_by_page_number(text)
    pages = []
    for number, chunk in enumerate(chunks, start=1):
        lines = [line.rstrip() for line in chunk.splitlines()]
        while lines and not lines[-1].strip():
            lines.pop()
        if not lines:
            continue
        label = lines[-1].strip() if lines[-1].strip().isdigit() else str(number)
        if lines[-1].strip().isdigit():
            lines.pop()
        pages.append(Page(label=label, columns=None, lines=lines))
    _drop_running_headers(pages)
    for page in pages:
        page.lines = _body_lines(page.lines)
    return pages


def pages_from_pdf(file):
    """The pages of a PDF, each read column by column: cropped at the widest vertical gap in the text
    near the middle of the page, so that the lines of the two columns are never mixed."""
    import pdfplumber  # only needed for PDFs

    pages = []
    with pdfplumber.open(file) as pdf:
        for pdf_page in pdf.pages:
            gap = _column_gap(pdf_page)
            if gap is None:
                halves = [pdf_page]
            else:
                halves = [
                    pdf_page.crop((0, 0, gap, pdf_page.height)),
                    pdf_page.crop((gap, 0, pdf_page.width, pdf_page.height)),
                ]
            columns = [_body_lines((half.extract_text(layout=False) or "").splitlines()) for half in halves]
            columns = [column for column in columns if column]
            pages.append(
                Page(label=str(pdf_page.page_number), columns=columns, lines=[line for c in columns for line in c])
            )
    _drop_running_headers(pages)
    return pages


def _column_gap(pdf_page, min_width=8):
    """The x of the middle of the widest strip between 30% and 70% of the page that no word crosses."""
    words = pdf_page.extract_words()
    if len(words) < 20:
        return None
    left_bound, right_bound = 0.3 * pdf_page.width, 0.7 * pdf_page.width
    covered = sorted((word["x0"], word["x1"]) for word in words if word["x1"] > left_bound and word["x0"] < right_bound)
    best, position = None, left_bound
    for x0, x1 in covered + [(right_bound, right_bound)]:
        if x0 > position and (best is None or x0 - position > best[1] - best[0]):
            best = (position, min(x0, right_bound))
        position = max(position, x1)
    if best is None or best[1] - best[0] < min_width:
        return None
    return (best[0] + best[1]) / 2


def _chunks_by_page_number(text):
    chunks, start = [], 0
    for match in PAGE_END.finditer(text):
        chunks.append(text[start : match.end(1)])
        start = match.end()
    chunks.append(text[start:])
    return chunks


def _drop_running_headers(pages):
    """A line that stands on most pages is a running header or footer, not text."""
    if len(pages) < 3:
        return
    counts = Counter(line for page in pages for line in {line.strip() for line in page.lines if line.strip()})
    repeated = {line for line, count in counts.items() if count > len(pages) / 2}
    for page in pages:
        page.lines = [line for line in page.lines if line.strip() not in repeated]


def _body_lines(lines):
    """The lines of a page without its footnotes, footnote markers and blank lines."""
    for index in range(len(lines) - 2):
        # Footnotes begin after a blank line, with a line of their numbers, then lines that begin with a space.
        blank, numbers, note = lines[index : index + 3]
        if not blank.strip() and LONE_NUMBERS.fullmatch(numbers) and note[:1].isspace():
            lines = lines[:index]
            break
    return [line.strip() for line in lines if line.strip() and not LONE_NUMBERS.fullmatch(line)]


# --- untangling two interleaved columns ---------------------------------------------------------

WORD = re.compile(r"[^\W_]+(?:[-’'][^\W_]+)*", re.UNICODE)
TERMINAL = re.compile(r"[.!?:][’'\")]*$")
# Dutch function words by their part of speech: the classes of a coarse model of which word follows which.
WORD_CLASSES = {
    "article": "de het een",
    "preposition": "aan bij binnen door in met na naar om onder op over tegen ten ter tot uit van voor zoals",
    "conjunction": "als dat die dan en maar of omdat waar waarbij waarin wanneer want wat welke hoe",
    "pronoun": "haar hem hun ik ons onze we wij zij ze zich zelf deze dit",
    "verb": "is zijn wordt worden zal zullen heeft hebben kan kunnen moet moeten wil willen gaat gaan",
    "adverb": "ook niet nog al zo er hier daar daarom daarnaast daarbij daarmee tevens verder meer echter",
    "te": "te",
}
CLASS_OF = {word: name for name, words in WORD_CLASSES.items() for word in words.split()}
# A capitalised function word begins a sentence; in the middle of one it would be lower case.
FUNCTION_WORDS = frozenset(CLASS_OF)


TOKEN = re.compile(WORD.pattern + r"|[,;:()–]")
PUNCTUATION_CLASSES = {",": "comma", ";": "colon", ":": "colon", "(": "open", ")": "close", "–": "dash"}


def _words(text):
    return WORD.findall(text)


def _word_class(word):
    if word in PUNCTUATION_CLASSES:
        return PUNCTUATION_CLASSES[word]
    lower = word.lower()
    if lower in CLASS_OF:
        return CLASS_OF[lower]
    if word[:1].isdigit():
        return "number"
    return "name" if word[:1].isupper() else "word"


class JoinModel:
    """How well one line continues another: from punctuation, case and hyphenation at the join, and from
    which words follow which inside the lines of the same document (the only text known to be in order)."""

    def __init__(self, lines):
        self.pairs = Counter()
        self.class_pairs = Counter()
        self.class_firsts = Counter()
        for line in lines:
            words = _words(line)
            for first, second in zip(words, words[1:], strict=False):
                self.pairs[first.lower(), second.lower()] += 1
            tokens = TOKEN.findall(line)
            for first, second in zip(tokens, tokens[1:], strict=False):
                self.class_pairs[_word_class(first), _word_class(second)] += 1
                self.class_firsts[_word_class(first)] += 1
        self.class_seconds = Counter()
        for (_, second), count in self.class_pairs.items():
            self.class_seconds[second] += count
        self.total = max(sum(self.class_pairs.values()), 1)

    def score(self, previous, following):
        """The log-odds-like score of `following` being the next line of `previous` in one column."""
        head, tail = _words(following)[:1], _words(previous)[-1:]
        if not head or not tail:
            return 0.0
        first, last = head[0], tail[0]
        # The case of the first word decides, not a dash before it ("– de slachtofferrechten", "-smokkel").
        end, start = previous.rstrip()[-1:], first[:1]
        if end == "-" and previous.rstrip()[-2:-1].isalnum():
            return 3.0 if start.islower() or start.isdigit() else -1.0
        if TERMINAL.search(previous.rstrip()):
            return 0.5 if not start.islower() else -3.0
        score = 0.0
        if start.islower():
            score += 0.5 + (0.5 if end == "," else 0.0)
        elif first.lower() in FUNCTION_WORDS and start.isupper():
            score -= 2.5
        if previous.rstrip()[-1:].isalnum() and following.lstrip()[:1].isalnum():  # the two words are adjacent
            score += min(2.0, math.log1p(self.pairs[last.lower(), first.lower()]))
        score += self._class_pmi(_word_class(TOKEN.findall(previous)[-1]), _word_class(TOKEN.findall(following)[0]))
        return score

    def _class_pmi(self, left, right):
        """How much likelier the class `right` is after the class `left` than anywhere, smoothed towards
        "no more likely" where the document shows few pairs (a pair never seen after a frequent class is
        unlikely)."""
        alone = (self.class_seconds[right] + 1) / (self.total + len(self.class_seconds) + 1)
        joint = (self.class_pairs[left, right] + PRIOR_WEIGHT * alone) / (self.class_firsts[left] + PRIOR_WEIGHT)
        return max(-3.0, min(2.0, math.log(joint / alone)))


PRIOR_WEIGHT = 20
SPLIT_PENALTY = 1.0
# A line this many times as long as the page's usual line holds two columns' lines.
MERGED_WIDTH = 1.6
# Lines sorted by height alternate between the columns wherever both have text. So a column that takes two
# lines in a row while the other one took the line before costs something, and so does a column that comes
# back after two or more lines of the other: either happens (a paragraph ends, a heading, a column ends) but
# should be paid for by better joins.
DOUBLE_COST = 1.0
RETURN_COST = 1.0
BEAM = 300


def untangle(lines, model):
    """The two columns of interleaved lines, in reading order: each a list of line fragments."""
    width = _column_width(lines)
    # Each line is one fragment of one column, or (if long) the ends of a line of each, side by side.
    options = [_split_options(line, width) for line in lines]
    # A column's end: (line index, fragment); a state: (end of column L, end of column R).
    states = {(None, None): (0.0, None, None)}
    history = []
    for index, (line, splits) in enumerate(zip(lines, options, strict=True)):
        following = {}
        for state, (score, _, _) in states.items():
            left, right = state
            this = (index, line)
            two_columns = len(line) >= MERGED_WIDTH * width and splits
            if not two_columns:
                _offer(following, (this, right), score + _placed(model, left, right, this), state, ("L", line))
                _offer(following, (left, this), score + _placed(model, right, left, this), state, ("R", line))
            for left_part, right_part, bonus in splits:
                gain = (
                    _join(model, left, left_part)
                    + _join(model, right, right_part)
                    - (0 if two_columns else SPLIT_PENALTY)
                    + bonus
                )
                _offer(
                    following,
                    ((index, left_part), (index, right_part)),
                    score + gain,
                    state,
                    ("LR", left_part, right_part),
                )
        # The columns' last fragments are all that matter for what follows: keep the best states.
        states = dict(sorted(following.items(), key=lambda item: -item[1][0])[:BEAM])
        history.append(states)
    state = max(states, key=lambda key: states[key][0])
    placements = []
    for step in reversed(history):
        _, previous, placed = step[state]
        placements.append(placed)
        state = previous
    placements.reverse()
    left, right = [], []
    for placed in placements:
        if placed[0] in ("L", "LR"):
            left.append(placed[1])
        if placed[0] == "R":
            right.append(placed[1])
        if placed[0] == "LR":
            right.append(placed[2])
    return _reading_order(model, left, right, merged=any(placed[0] == "LR" for placed in placements))


def _offer(following, state, score, previous, placed):
    """Keep the best way to reach `state`."""
    if state not in following or score > following[state][0]:
        following[state] = (score, previous, placed)


def _placed(model, own, other, this):
    """The score of line `this` going on in the column that ends with `own`, the other ending with `other`."""
    index, line = this
    score = _join(model, own, line)
    own_gap = index - own[0] if own else None
    other_gap = index - other[0] if other else None
    if own_gap == 1 and other_gap == 2:
        score -= DOUBLE_COST
    elif own_gap is not None and own_gap > 2 and other_gap == 1:
        score -= RETURN_COST
    return score


def _join(model, previous, following):
    return 0.0 if previous is None else model.score(previous[1], following)


def _column_width(lines):
    lengths = sorted(len(line) for line in lines)
    return lengths[len(lengths) // 2] if lengths else 0


def _split_options(line, width):
    """Where a long line may hold the ends of two columns' lines: (left, right, bonus) at word boundaries."""
    if len(line) < 1.2 * width:
        return []
    options = []
    for match in re.finditer(r" +", line):
        left, right = line[: match.start()], line[match.end() :]
        if 0.5 * width <= len(left) <= 1.3 * width and len(right) >= 3:
            # A column's lines are about as long as the page's usual line; two spaces often mark the gap.
            bonus = (1.0 if len(match.group()) > 1 else 0.0) - 4 * abs(len(left) / width - 1)
            options.append((left, right, bonus))
    return options


def _reading_order(model, left, right, merged):
    """Left column first when lines stood side by side; otherwise the order whose join reads best."""
    if not left or not right:
        return [column for column in (left, right) if column]
    if merged:
        return [left, right]
    return [left, right] if model.score(left[-1], right[0]) >= model.score(right[-1], left[0]) else [right, left]


# --- sentences ----------------------------------------------------------------------------------

ABBREVIATION = re.compile(r"(?:^|[\s(])(?:o\.a|bijv|e\.d|m\.b\.t|i\.v\.m|o\.m|p|nr|z\.g|d\.w\.z|t\.a\.v)\.$")
SENTENCE_END = re.compile(r"(?<=[.!?])[’'\")]*\s+(?=[–-]?\s*[A-Z0-9ÀÉÈËÏÖÜ“‘(\"])")


HEADING_LENGTH = 50


def column_text(fragments):
    """The lines of one column as running text: hyphenated words joined, footnote marks left out, and
    headings on lines of their own."""
    fragments = [fragment.strip() for fragment in fragments if fragment.strip()]
    text = ""
    for index, fragment in enumerate(fragments):
        following = fragments[index + 1] if index + 1 < len(fragments) else ""
        if _is_heading(fragment, text, following):
            text += "\n" + fragment + "\n"
        elif text.endswith("-") and text[-2:-1].isalnum() and fragment[:1].islower() and not _is_elision(fragment):
            text += fragment  # "informatie-" + "uitwisseling"
        else:
            text += ("" if not text or text.endswith("\n") else " ") + fragment
    # A footnote mark in superscript leaves a space before the punctuation: "jeugdketen . De".
    return re.sub(r"[ \t]+([.,;:])", r"\1", text)


def _is_heading(fragment, before, following):
    """A short line between sentences, not ending one, before a line that begins with a capital."""
    after_sentence = not before.strip() or before.endswith("\n") or TERMINAL.search(before)
    return (
        len(fragment) < HEADING_LENGTH
        and after_sentence
        and fragment[:1].isupper()
        and not TERMINAL.search(fragment)
        and not following[:1].islower()
    )


def _is_elision(fragment):
    """ "forensische-" + "en penitentiaire": the hyphen stands for a word left out, the space stays."""
    return fragment.split(" ", 1)[0] in ("en", "of", "tot")


def sentences(text):
    """The sentences of running text; a line of its own (a heading) is one too."""
    parts = []
    for block in text.split("\n"):
        start = 0
        for match in SENTENCE_END.finditer(block):
            if ABBREVIATION.search(block[start : match.start()]):
                continue
            parts.append(block[start : match.start()].strip())
            start = match.end()
        parts.append(block[start:].strip())
    return [part for part in parts if part]


# --- intentions ---------------------------------------------------------------------------------

# Who acts: the Inspectie, "we", or its supervision.
ACTORS = frozenset("inspectie inspecties tsd-inspecties rijksinspecties wij we zij toezicht".split())
AHEAD = re.compile(
    r"\b(?:zal|zullen|wil|willen|gaat|gaan|volgend jaar|komend jaar|in voorbereiding|in ontwikkeling)\b"
    r"|\baandacht (?:\w+ ){0,3}voor\b|\bricht(?:en)? (?:\w+ ){0,4}zich\b"
)
# What the Inspectie saw, found or did before: an account, not an intention.
LOOKING_BACK = re.compile(
    r"\b(?:constateert|constateerde|signaleert|signaleerden|zien|ziet|zagen|heeft\s+(?:\w+\s+){0,4}aangegeven"
    r"|verscheen|werd|was|waren|baren|kan naar aanleiding|vindt het noodzakelijk)\b"
)
# Words ending like a verb that are none.
NOT_VERBS = frozenset("met niet ook dat tot ten wat binnen toezicht aandacht echter zelf alleen".split())
# Sentences that go on about the one before: they belong to it.
GOES_ON = re.compile(r"^(?:Dit|Daarbij|Hierbij|Daarom|Bijvoorbeeld|In dat kader|Het is daarmee|Daarmee|Naast)\b")
MIN_WORDS = 6


def is_intention(sentence, year):
    """Does the sentence state what the Inspectie will do (or how it sets up its supervision) in `year`?

    It looks ahead to the year ("in 2024", "zal", "wil"), or the Inspectie (we, its supervision) acts in it:
    a verb stands next to it ("De Inspectie richt", "betrekken wij"). An account of what was seen or done
    before is none, unless it names the year.
    """
    words = _words(sentence)
    if len(words) < MIN_WORDS or sentence.rstrip().endswith("?"):
        return False
    names_year = re.search(rf"\b(?:[Ii]n|[Vv]oor|jaar) {year}\b", sentence)
    if LOOKING_BACK.search(sentence) and not names_year:
        return False
    if names_year:
        return True
    lowered = [word.lower() for word in words]
    acting = [index for index, word in enumerate(lowered) if word in ACTORS]
    if not acting:
        return False
    if AHEAD.search(sentence):
        return True
    return any(
        _is_verb(words, index + 1) or _is_verb(words, index - 1) or _is_verb(words, index - 2) for index in acting
    )


def _is_verb(words, index):
    """A finite verb, by its form: a lower-case word ending in -t or -en that is no function word."""
    if not 0 <= index < len(words):
        return False
    word = words[index]
    return (
        word.islower()
        and len(word) > 3
        and word.endswith(("t", "en"))
        and word not in FUNCTION_WORDS
        and word not in NOT_VERBS
    )


def intentions(sentence_list, year):
    """The intentions among consecutive sentences, each with the sentences that go on about it."""
    found, current = [], None
    for sentence in sentence_list:
        if current is not None and GOES_ON.match(sentence):
            current.append(sentence)
            continue
        current = None
        if is_intention(sentence, year):
            current = [sentence]
            found.append(current)
    return [" ".join(group) for group in found]


# --- candidates ---------------------------------------------------------------------------------

DOMAIN_WORDS = {
    "politie": "politie politieonderwijs agenten basispolitieopleiding hackbevoegdheid meldkamer openbare orde",
    "migratie": "migratie migratieketen asiel asielopvang vreemdelingen vreemdelingenketen ontheemden opvang "
    "statushouders terugkeer mensenhandel",
    "jeugd": "jeugd jeugdketen jeugdbescherming kinderbescherming kinderen wachtlijsten jeugdzorg",
    "sanctietoepassing": "penitentiaire gevangenis gedetineerden detentie forensische justitiële inrichtingen "
    "jeugdinrichtingen tbs sanctietoepassing reclassering",
    "crisisbeheersing": "crisis crisisbeheersing veiligheidsregio veiligheidsregio’s rampen brandweer",
    "cannabis": "coffeeshop coffeeshops coffeeshopketen cannabis telers experiment",
    "incasso": "incasso cjib boetes deurwaarders schulden",
    "strafrechtketen": "strafrechtketen strafrecht openbaar ministerie rechtspraak slachtoffers slachtofferrechten "
    "aangifte nabestaanden",
}
KIND_WORDS = {
    "publication": "publiceren publiceert gepubliceerd publicatie rapport uitbrengen verschijnt",
    "follow_up": "aanbevelingen opgevolgd opvolging",
    "organisational": "meerjarenperspectief samenwerking samenwerkingsverbanden wet wettelijke informatiepositie "
    "netwerk jaarbericht werkprogramma",
}
ORGANISATION = "organisatie"  # the Inspectie itself: where an intention names no supervised field
SUPERVISION = "supervision"


@dataclass
class Candidate:
    page: str
    statement: str
    domain: str
    kind: str


def page_text(page, model):
    """The running text of a page, its columns in reading order."""
    columns = page.columns if page.columns is not None else untangle(page.lines, model)
    return column_text([fragment for column in columns for fragment in column])


def candidates(pages, year):
    """The candidate commitments of a work programme's pages for `year`."""
    model = JoinModel([line for page in pages for line in page.lines])
    found, seen = [], set()
    for page in pages:
        for statement in intentions(sentences(page_text(page, model)), year):
            if statement in seen:  # a text said twice is one commitment
                continue
            seen.add(statement)
            domain, kind = guess(statement, DOMAIN_WORDS, ORGANISATION), guess(statement, KIND_WORDS, SUPERVISION)
            found.append(Candidate(page.label, statement, domain, kind))
    return found


def guess(statement, words_by_code, default):
    """The code whose words the statement uses most, or the default."""
    words = {word.lower() for word in _words(statement)}
    counts = {code: len(words & set(vocabulary.split())) for code, vocabulary in words_by_code.items()}
    best = max(counts, key=counts.get)
    return best if counts[best] else default
