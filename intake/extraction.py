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

import calendar
import datetime
import math
import re
from collections import Counter
from dataclasses import dataclass, field

# --- pages --------------------------------------------------------------------------------------

# Footnote markers and page numbers; a year standing alone ("2018") is a year heading, not a number to drop.
LONE_NUMBERS = re.compile(r"(?!\s*(?:19|20)\d{2}\s*$)\s*\d+(?:\s+\d+)*\s*")
PAGE_END = re.compile(r"\n[ \t]*(\d{1,3})[ \t]*(?:\n[ \t]*\n|\n?\s*\Z)")


@dataclass
class Page:
    label: str  # the page number: as printed in a text extraction, as counted in a PDF
    columns: list | None  # the lines of each column in reading order (a PDF); None while interleaved (a text)
    lines: list  # all the page's lines, without running headers, page numbers and footnotes
    raw: list | None = None  # a text page's lines as they were, blank lines kept (its paragraphs)
    headings: frozenset = frozenset()  # a PDF's lines set as headings (in a larger or bold font), each line whole
    paragraph_ends: frozenset = frozenset()  # a PDF's lines that end a paragraph (more space under them)
    plain: frozenset = frozenset()  # a PDF's lines in its running text's font, where it sets its headings apart


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
        pages.append(Page(label=label, columns=None, lines=lines, raw=list(lines)))
    _drop_running_headers(pages)
    for page in pages:
        page.raw = _without_footnotes(page.lines)
        page.lines = _body_lines(page.lines)
    return pages


class UnreadablePdf(Exception):
    """The PDF cannot be read: `reason` is "encrypted", "damaged" or "no_text"."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def pages_from_pdf(file, *, on_page=None, max_pages=None):
    """The pages of a PDF, each read column by column: cropped at the widest vertical gap in the text
    near the middle of the page, so that the lines of the two columns are never mixed."""
    pages = list(iter_pdf_pages(file, on_page=on_page, max_pages=max_pages))
    _drop_running_headers(pages)
    return pages


def iter_pdf_pages(file, *, on_page=None, max_pages=None):
    """The pages of a PDF one at a time, in bounded memory: each page's parsed objects are dropped once its
    text is read (pdfplumber keeps them otherwise), so a 200-page programme costs what its largest page
    costs. `on_page(number, total)` is called after each page. Raises UnreadablePdf."""
    import pdfplumber  # only needed for PDFs
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        pdf = pdfplumber.open(file)
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise UnreadablePdf("encrypted") from None
    except PdfminerException as error:
        cause = error.args[0] if error.args else None
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise UnreadablePdf("encrypted") from None
        raise UnreadablePdf("damaged") from None
    except (PDFSyntaxError, ValueError, KeyError, TypeError, AttributeError):
        raise UnreadablePdf("damaged") from None
    with pdf:
        try:
            total = len(pdf.pages)
        except Exception:  # noqa: BLE001 - pdfminer raises many kinds on a broken page tree
            raise UnreadablePdf("damaged") from None
        if max_pages is not None:
            total = min(total, max_pages)
        texts, held = 0, None  # a page is given once the next is read: a sentence it broke off may end there
        for index in range(total):
            try:
                pdf_page = pdf.pages[index]
                page = _pdf_page(pdf_page)
            except Exception:  # noqa: BLE001 - a damaged page stream
                raise UnreadablePdf("damaged") from None
            finally:
                if index < len(pdf.pages):
                    pdf.pages[index].close()
            texts += bool(page.lines)
            if on_page is not None:
                on_page(index + 1, total)
            if held is not None:
                _carry_over(held, page)
                yield held
            held = page
        if held is not None:
            yield held
        if total and not texts:
            raise UnreadablePdf("no_text")


# A sentence that a page broke off ends on the next within this many lines, or it is not looked for there.
CARRIED_LINES = 8


def _carry_over(page, following):
    """The end of the sentence that `page` broke off at its foot, moved from the top of the `following` page to the
    end of `page` (where the sentence begins, so that it is found there, and whole): the lines up to its full stop."""
    if not page.columns or not following.columns:
        return
    last = page.columns[-1][-1]
    if TERMINAL.search(last) or last.rstrip().endswith(";") or last in page.headings or BULLET.match(last):
        return
    column = following.columns[0]
    moved, rest = [], []
    for index, line in enumerate(column[:CARRIED_LINES]):
        if line in following.headings or BULLET.match(line):
            return  # a heading or a list: the sentence ended there, without a full stop
        end = next(
            (match for match in SENTENCE_END.finditer(line) if not ABBREVIATION.search(line[: match.start()])), None
        )
        if end is not None:
            moved.append(line[: end.start()])
            rest = [line[end.end() :]] + column[index + 1 :]
            if len(rest) > 1 and rest[1] not in following.headings and not BULLET.match(rest[1]):
                # the next sentence's beginning goes on in the line under it, or it would stand as a heading
                rest[:2] = [_line_joined(rest[0], rest[1])]
            break
        moved.append(line)
        if TERMINAL.search(line):
            rest = column[index + 1 :]
            break
    else:
        return
    for line in moved:
        page.columns[-1][-1] = _line_joined(page.columns[-1][-1], line)
    following.columns[0] = [line for line in rest if line.strip()]
    following.columns = [column for column in following.columns if column]
    for one in (page, following):
        one.lines = [line for column in one.columns for line in column]


def _pdf_page(pdf_page):
    body = _without_margins(pdf_page)
    size = _body_size(body)
    body = _without_note_marks(_without_pdf_footnotes(body, size), size)
    gap = _column_gap(body)
    if gap is None:
        halves = [body]
    else:
        x0, top, x1, bottom = body.bbox
        halves = [body.crop((x0, top, gap, bottom)), body.crop((gap, top, x1, bottom))]
    font = _body_font(body)
    texts, headings, ends, plain, in_item = [], set(), set(), set(), False
    for half in halves:
        lines, heads, kinds, paragraph_ends, plain_lines = _typeset_lines(half, size, in_item, font)
        ends |= paragraph_ends
        plain |= plain_lines
        if kinds and kinds[0] == CONTINUED and texts and texts[-1]:
            # an item that the column's end broke goes on at the top of the next, indented under its bullet
            texts[-1][-1] = _line_joined(texts[-1][-1], lines.pop(0))
            kinds.pop(0)
        texts.append(lines)
        headings |= heads
        in_item = bool(kinds) and kinds[-1] == ITEM
    columns = [_dehyphenated(_body_lines(lines)) for lines in texts]
    columns = [column for column in columns if column]
    lines = [line for column in columns for line in column]
    return Page(
        label=str(pdf_page.page_number),
        columns=columns,
        lines=lines,
        headings=frozenset(heading for heading in headings if heading in lines),
        paragraph_ends=frozenset(end for end in ends if end in lines),
        # only where the page sets its headings apart by their font does the running text's font tell none is one
        plain=frozenset(line for line in plain if line in lines) if headings & set(lines) else frozenset(),
    )


def _body_font(pdf_page):
    """The font of the page's running text: the one most of its letters are set in."""
    fonts = Counter(char["fontname"] for char in pdf_page.chars if char["text"].strip())
    return fonts.most_common(1)[0][0] if fonts else None


# A heading is set this much larger than the running text, or in bold.
HEADING_SIZE = 1.15


def _body_size(pdf_page):
    """The font size of the page's running text: the size most of its letters are set in."""
    sizes = Counter(round(char["size"], 1) for char in pdf_page.chars if char["text"].strip())
    return sizes.most_common(1)[0][0] if sizes else 0


def _typeset_lines(pdf_page, body_size, in_item=False, body_font=None):
    """The lines of a column, and those of them that are headings: set larger than the running text or all in bold,
    and as short as a heading, without a sentence's end. A heading that wraps over two lines ("Werkprogramma" /
    "onderzoeken Jeugd") is one line, one heading; two headings one under the other, apart by more than a line's
    spacing ("Werkprogramma onderzoeken Jeugd" over "2018"), stay two. The lines of a list item under its bullet
    (indented under the item's first line, past its bullet) are one line with it, whatever they begin with
    ("• De besluitvorming en communicatie bij" / "Defensie over ..."), also at the top of the next column when the
    column before ended `in_item` (its first kind is then CONTINUED). A line with more space under it than the
    column's lines have ends a paragraph. Returns the lines, the headings, the kind of each line and the lines that
    end a paragraph of running text, and those set in the running text's font (`body_font`)."""
    lines = []  # [text, heading size or None, top, bottom, x0, the lines set, in the running text's font]
    for line in pdf_page.extract_text_lines(layout=False, return_chars=True):
        chars = [char for char in line["chars"] if char["text"].strip()]
        if not chars:
            continue
        size = sorted(char["size"] for char in chars)[len(chars) // 2]
        bold = all(re.search(r"bold|black|heavy", char["fontname"], re.I) for char in chars)
        heading = size if body_size and (size >= HEADING_SIZE * body_size or bold) else None
        font = Counter(char["fontname"] for char in chars).most_common(1)[0][0]
        plain = abs(size - body_size) < 0.5 and font == body_font and not bold
        text = line["text"].strip()
        previous = lines[-1] if lines else None
        if (
            heading
            and previous
            and previous[1]
            and abs(previous[1] - heading) < 0.5
            and line["top"] - previous[3] < 0.5 * heading
        ):
            previous[0] = _line_joined(previous[0], text)
            previous[3] = line["bottom"]
            previous[5].append(text)
        else:
            lines.append([text, heading, line["top"], line["bottom"], line["x0"], [text], plain])
    # a larger or bold line that reads as a sentence (a lead paragraph, a bold sentence) is running text
    headings = {line[0] for line in lines if line[1] and _standalone_heading(line[0])}
    texts, kinds, spans, item_x0 = [], [], [], None  # spans: the top and bottom of each text
    left = min((line[4] for line in lines), default=0)
    if in_item and lines and not lines[0][1] and lines[0][4] > left + 1 and not BULLET.match(lines[0][0]):
        kinds, item_x0 = [CONTINUED], left
        texts.append(lines[0][5][0])
        spans.append([lines[0][2], lines[0][3]])
        lines[0][5] = lines[0][5][1:]
    plain_lines = set()
    for text, _, top, bottom, x0, set_lines, plain in lines:
        if text in headings:
            texts.append(text)
            kinds.append(HEADING)
            spans.append([top, bottom])
            continue
        for part in set_lines:
            if SURE_BULLET.match(part) or ITEM_NUMBER.match(part):
                texts.append(part)
                kinds.append(ITEM)
                spans.append([top, bottom])
                item_x0 = x0
            elif kinds and kinds[-1] in (ITEM, CONTINUED) and x0 > item_x0 + 1 and not BULLET.match(part):
                texts[-1] = _line_joined(texts[-1], part)  # under the item's bullet: the item goes on
                spans[-1][1] = bottom
            elif kinds and kinds[-1] == PARAGRAPH and SOFT_HYPHEN.search(texts[-1]) and part[:1].islower():
                texts[-1] = _line_joined(texts[-1], part)
                spans[-1][1] = bottom
            else:
                texts.append(part)
                kinds.append(PARAGRAPH)
                spans.append([top, bottom])
                if plain:
                    plain_lines.add(part)
    gaps = [following[0] - preceding[1] for preceding, following in zip(spans, spans[1:], strict=False)]
    usual = sorted(gaps)[len(gaps) // 2] if gaps else 0
    ends = {
        text
        for text, kind, gap in zip(texts, kinds, gaps, strict=False)
        if kind == PARAGRAPH and gap > usual + PARAGRAPH_SPACE * body_size
    }
    return texts, headings, kinds, ends, {text for text in plain_lines if text in texts}


# A paragraph ends where the space under a line is this many times the font size more than between its lines.
PARAGRAPH_SPACE = 0.3


CONTINUED = "continued"  # the first line of a column that goes on with the item the column before ended with
ITEM_NUMBER = re.compile(r"^\d{1,2}[.)]\s+\S")


def _line_joined(text, line):
    """Two lines set one under the other as one text: a word hyphenation broke made whole (`_dehyphenated`)."""
    if SOFT_HYPHEN.search(text) and line[:1].islower():
        return text[:-1] + line
    return _joined(text, line)


# The hyphen a typesetter puts where it breaks a word at the end of a line (hyphenation), not one of the word's own.
SOFT_HYPHEN = re.compile(r"(?<=[^\W\d_])[\u00ad\u2010]$")


def _dehyphenated(lines):
    """A column's lines with each word that hyphenation broke at a line's end made whole again ("voorzie‐" +
    "ningen"): the typesetter's hyphen (U+2010, or a soft hyphen U+00AD) is no part of the word, so it goes."""
    joined = []
    for line in lines:
        if joined and SOFT_HYPHEN.search(joined[-1]) and line[:1].islower():
            joined[-1] = joined[-1][:-1] + line
        else:
            joined.append(line)
    return joined


# A running header or footer stands in the page's top or bottom margin, this share of the page's height, apart
# from the text by a gap of at least this many of its lines' heights.
MARGIN_BAND = 0.12
MARGIN_GAP = 2.0


def _without_margins(pdf_page):
    """The page without its running header and footer: the lines at its top or bottom edge that stand apart from
    the text (a page number, "Pagina 3 van 12", the organisation's name), which a one- or two-page document does
    not repeat often enough to be told by repetition, and which a page's columns would otherwise begin or end with.
    Not a title set larger than the running text (a cover's or a chapter's, with space under it): a running header
    is set no larger than the text."""
    lines = []  # (top, bottom, largest size) of each line of words, from the top
    for word in sorted(pdf_page.extract_words(extra_attrs=["size"]), key=lambda word: word["top"]):
        if lines and word["top"] < lines[-1][1] - 0.5 * (lines[-1][1] - lines[-1][0]):
            lines[-1] = (
                min(lines[-1][0], word["top"]),
                max(lines[-1][1], word["bottom"]),
                max(lines[-1][2], word["size"]),
            )
        else:
            lines.append((word["top"], word["bottom"], word["size"]))
    if len(lines) < 2:
        return pdf_page
    x0, top, x1, bottom = pdf_page.bbox
    height = bottom - top
    largest = HEADING_SIZE * _body_size(pdf_page)

    def apart(before, after, heights):
        return after[0] - before[1] >= MARGIN_GAP * max(line[1] - line[0] for line in heights) and all(
            line[2] < largest for line in heights
        )

    for count in range(len(lines) - 1, 0, -1):  # the most lines in the top band that stand apart
        if lines[count - 1][1] <= top + MARGIN_BAND * height and apart(lines[count - 1], lines[count], lines[:count]):
            top = (lines[count - 1][1] + lines[count][0]) / 2
            lines = lines[count:]
            break
    for count in range(len(lines) - 1, 0, -1):
        if lines[-count][0] >= bottom - MARGIN_BAND * height and apart(
            lines[-count - 1], lines[-count], lines[-count:]
        ):
            bottom = (lines[-count - 1][1] + lines[-count][0]) / 2
            break
    if (top, bottom) == (pdf_page.bbox[1], pdf_page.bbox[3]):
        return pdf_page
    return pdf_page.crop((x0, top, x1, bottom))


# Footnotes and their marks are set smaller than the running text: at most this share of its size.
NOTE_SIZE = 0.9


def _without_pdf_footnotes(pdf_page, body_size):
    """The page without its footnotes: the lines at its foot, under the text, set smaller than the running text
    ("1. Zie het rapport ..."), which run across both columns and would otherwise end the last sentence."""
    lines = []  # [top, bottom, largest size] of each line of words, from the top
    for word in sorted(pdf_page.extract_words(extra_attrs=["size"]), key=lambda word: word["top"]):
        if lines and word["top"] < lines[-1][1] - 0.5 * (lines[-1][1] - lines[-1][0]):
            lines[-1] = [
                min(lines[-1][0], word["top"]),
                max(lines[-1][1], word["bottom"]),
                max(lines[-1][2], word["size"]),
            ]
        else:
            lines.append([word["top"], word["bottom"], word["size"]])
    count = 0
    while count < len(lines) and lines[-count - 1][2] < NOTE_SIZE * body_size:
        count += 1
    if not body_size or not count or count == len(lines):
        return pdf_page
    x0, _, x1, bottom = pdf_page.bbox
    return pdf_page.crop((x0, pdf_page.bbox[1], x1, (lines[-count - 1][1] + lines[-count][0]) / 2))


def _without_note_marks(pdf_page, body_size):
    """The page without its footnote marks: the digits set smaller than the letter before them and raised above
    its foot ("jeugdstrafrechtketen¹."), which would otherwise stick to the word."""
    marks, before = set(), None
    for char in pdf_page.chars:
        small = char["size"] < NOTE_SIZE * body_size
        if small and char["text"].isdigit() and before is not None and char["bottom"] < before["bottom"] - 1:
            marks.add((char["x0"], char["top"]))
            continue
        if not small:
            before = char
    if not marks:
        return pdf_page
    return pdf_page.filter(lambda obj: obj.get("object_type") != "char" or (obj["x0"], obj["top"]) not in marks)


def _column_gap(pdf_page, min_width=8):
    """The x of the middle of the widest strip between 30% and 70% of the page that no word crosses."""
    words = pdf_page.extract_words()
    if len(words) < 20:
        return None
    left_bound, right_bound = pdf_page.bbox[0] + 0.3 * pdf_page.width, pdf_page.bbox[0] + 0.7 * pdf_page.width
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
        if page.columns is not None:
            page.columns = [[line for line in column if line.strip() not in repeated] for column in page.columns]
        if page.raw is not None:
            page.raw = [line for line in page.raw if line.strip() not in repeated]


def _without_footnotes(lines):
    """The lines of a page without its footnotes and lone numbers; blank lines kept (they end paragraphs)."""
    for index in range(len(lines) - 2):
        blank, numbers, note = lines[index : index + 3]
        if not blank.strip() and LONE_NUMBERS.fullmatch(numbers) and note[:1].isspace():
            lines = lines[:index]
            break
    return [line.strip() for line in lines if not LONE_NUMBERS.fullmatch(line) or not line.strip()]


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
TERMINAL = re.compile(r"[.!?:…][’'\")]*$")
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


# --- one column or two interleaved ----------------------------------------------------------------

# Lines this long are paragraphs of a one-column text (a web page, a text saved without line breaks).
PARAGRAPH_LINE = 110
# How much better, per line, the best two-column reading must join than the lines in the order given: one-column
# letters with hard line breaks gain up to 0.25 (where a line is too long or a join weak), interleaved pages 0.5-1.3.
INTERLEAVED_GAIN = 0.35
ONE_COLUMN_SHARE = 0.5


def is_interleaved(lines, model):
    """Are these a page of two columns whose lines were interleaved? One column reads on from line to line;
    interleaved lines join far better once they are sorted into two columns than in the order given."""
    if len(lines) < 8:
        return False
    lengths = sorted(len(line) for line in lines)
    # No column of a printed page holds a line this long (two side by side hold twice a column's width).
    if lengths[len(lengths) // 2] > PARAGRAPH_LINE or lengths[-1] > 2.5 * PARAGRAPH_LINE:
        return False
    # A one-column text (a web page) has a paragraph, a heading or an item on each line: most end a sentence or
    # begin with a bullet; a column's lines in a printed page rarely do.
    if sum(bool(TERMINAL.search(line) or SURE_BULLET.match(line)) for line in lines) >= ONE_COLUMN_SHARE * len(lines):
        return False
    # A heading on a line of its own joins badly with the sentence below it in the order given, however many
    # columns the page has; it says nothing of the layout, so only the lines of running text are compared.
    running = [
        line for line, following in zip(lines, lines[1:] + [""], strict=True) if not _heading_line(line, following)
    ]
    as_given = _joins(model, running)
    columns = untangle(running, model)
    untangled = sum(_joins(model, column) for column in columns)
    return (untangled - as_given) / max(len(running), 1) > INTERLEAVED_GAIN


def _heading_line(line, following):
    """A short line, not ending a sentence, over a line that begins with a capital: a heading or a letter's head."""
    return (
        len(line) < HEADING_LENGTH
        and line[:1].isupper()
        and not TERMINAL.search(line)
        and (not following or following[:1].isupper())
    )


def _joins(model, lines):
    return sum(model.score(previous, following) for previous, following in zip(lines, lines[1:], strict=False))


# --- blocks: headings, paragraphs and list items --------------------------------------------------

BULLET = re.compile(r"^\s*(?:[•●▪■◦○·∙‣⁃*]|[-–—](?=\s)|\d{1,2}[.)](?=\s+\D)|[a-z][.)](?=\s))\s*")
SURE_BULLET = re.compile(r"^\s*[•●▪■◦○·∙‣⁃]")
CAPTION = re.compile(r"^(?:Foto|Pasfoto|Afbeelding|Illustratie|Beeld|Bron|Fotograaf|Infographic)\b[: ]", re.I)
YEAR_HEADING = re.compile(r"^(?:(?:in|voor|vanaf)\s+)?((?:19|20)\d{2})\s*:?$", re.I)
HEADING, PARAGRAPH, ITEM = "heading", "paragraph", "item"


@dataclass
class Block:
    kind: str
    text: str


def page_blocks(page, model):
    """The page as blocks in reading order: headings, paragraphs of running text, list items."""
    if page.columns is not None:
        fragments = [fragment for column in page.columns for fragment in column]
        return _blocks_from_fragments(fragments, page.headings, page.paragraph_ends, page.plain)
    if is_interleaved(page.lines, model):
        return _blocks_from_fragments([fragment for column in untangle(page.lines, model) for fragment in column])
    return _blocks_from_paragraphs(page.raw if page.raw is not None else page.lines)


def _blocks_from_fragments(fragments, headings=frozenset(), paragraph_ends=frozenset(), plain=frozenset()):
    """Blocks of a column's lines, where no blank line marks a paragraph: a bullet starts an item, a short
    line between sentences is a heading (`column_text`), and so is a line a PDF sets as one (`headings`); a line
    of a PDF with more space under it (`paragraph_ends`) ends a paragraph, as a blank line does in a text; and a
    line of a PDF set in its running text's font where it marks its headings by font (`plain`) is none, but goes
    on with the line before it when that is one too."""
    blocks, run, runs_on = [], [], False
    for fragment in fragments:
        if fragment in headings:
            blocks += _running_blocks(run)
            run = []
            blocks.append(Block(HEADING, fragment.strip()))
            runs_on = False
            continue
        # A dash or a number opens an item only where a sentence, a lead-in or an item has just ended;
        # elsewhere it is a dash in the sentence ("– waar relevant –") at the start of a line.
        ended = not run or TERMINAL.search(run[-1]) or run[-1].rstrip().endswith(";")
        if SURE_BULLET.match(fragment) or (BULLET.match(fragment) and ended):
            blocks += _running_blocks(run)
            run = []
            blocks.append(Block(ITEM, BULLET.sub("", fragment, count=1)))
        elif blocks and blocks[-1].kind == ITEM and not run and fragment[:1].islower():
            blocks[-1].text = _joined(blocks[-1].text, fragment)
        elif runs_on and fragment in plain:
            run[-1] = _joined(run[-1], fragment)
        else:
            run.append(fragment)
        runs_on = bool(run) and fragment in plain and fragment not in paragraph_ends
        if fragment in paragraph_ends:
            blocks += _running_blocks(run)
            run = []
    return blocks + _running_blocks(run)


def _running_blocks(fragments):
    text = column_text(fragments)
    return [
        Block(HEADING if _standalone_heading(part) else PARAGRAPH, part.strip())
        for part in text.split("\n")
        if part.strip()
    ]


def _blocks_from_paragraphs(lines):
    """Blocks of one-column text: blank lines end paragraphs, a bullet starts an item, and a paragraph of one
    short line without a sentence's end is a heading."""
    blocks, paragraph = [], []

    def close():
        if paragraph:
            blocks.extend(_paragraph_blocks(paragraph))
            paragraph.clear()

    for line in lines:
        line = line.strip()
        if not line:
            close()
        elif BULLET.match(line):
            close()
            blocks.append(Block(ITEM, BULLET.sub("", line, count=1)))
        elif blocks and blocks[-1].kind == ITEM and not paragraph and line[:1].islower():
            blocks[-1].text = _joined(blocks[-1].text, line)
        else:
            paragraph.append(line)
    close()
    return blocks


def _paragraph_blocks(lines):
    """A paragraph's blocks: its first lines may be headings (a title over the text, without a blank line)."""
    blocks = []
    while len(lines) > 1 and _standalone_heading(lines[0]) and not TERMINAL.search(lines[0]):
        blocks.append(Block(HEADING, lines[0]))
        lines = lines[1:]
    if len(lines) == 1 and _standalone_heading(lines[0]):
        return blocks + [Block(HEADING, lines[0])]
    text = ""
    for index, line in enumerate(lines):
        # A heading between two sentences, on a line of its own, where a web text has no blank lines.
        if text and TERMINAL.search(text) and _standalone_heading(line) and index + 1 < len(lines):
            blocks.append(Block(PARAGRAPH, re.sub(r"[ \t]+([.,;:])", r"\1", text)))
            blocks.append(Block(HEADING, line))
            text = ""
            continue
        text = _joined(text, line) if text else line
    return blocks + [Block(PARAGRAPH, re.sub(r"[ \t]+([.,;:])", r"\1", text))]


def _joined(text, line):
    if text.endswith("-") and text[-2:-1].isalnum() and line[:1].islower() and not _is_elision(line):
        return text + line
    return text + " " + line


def _standalone_heading(text):
    text = text.strip()
    return (
        0 < len(text) <= 2 * HEADING_LENGTH
        and not TERMINAL.search(text)
        # also a quote as a heading, a pull quote over the text: "“Resultaten laten zien, daar gaat het om”"
        and (text.lstrip("“„\"‘'")[:1].isupper() or text[:1].isdigit())
        and len(_words(text)) <= 12
    )


# --- sentences ----------------------------------------------------------------------------------

ABBREVIATION = re.compile(
    r"(?:^|[\s(])(?:o\.a|bijv|e\.d|m\.b\.t|i\.v\.m|o\.m|p|nr|z\.g|d\.w\.z|t\.a\.v|mr|dr|drs|ir)\.$", re.I
)
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
#
# General rules of how a Dutch inspectorate's programme states what it will do, not fitted to sentences:
# who acts (the inspectorate by name or abbreviation, the document's own organisation as learnt from its text,
# "we", "ons", "zij"/"ze" after a sentence in which it acted, its supervision or research as the subject), and that
# the sentence looks ahead (a modal or "gaan", an ambition or intent, a new task, a year of the programme or later,
# "de komende jaren", "kan" beside its name) or states in the present tense how the supervision is done, which is
# how a programme speaks of its year. A passive sentence about its work ("Het toezicht wordt geïntensiveerd"), or
# with a time ahead ("zal ... worden verzameld"), is one too. What looks back (a perfect of the main clause, the
# simple past), speaks about the document (or the yearly making of the plan), states a mission, quotes someone or
# asks a question is none.

ACTOR_NAMES = frozenset(
    "inspectie inspecties inspectieraad rijksinspecties toezichthouder toezichthouders tsd-inspecties staatstoezicht "
    "autoriteit agentschap".split()
    # an audit office, whose programme is its research: "De Algemene Rekenkamer gaat ...", "rondt de rekenkamer ... af"
    + "rekenkamer rekenkamercommissie".split()
    # and as others name such a body by its task: "wil de onafhankelijke controleur van ... een oordeel gaan geven"
    + "controleur".split()
    # an ombudsman, whose agenda is its research: "De ombudsman start een onderzoek naar ..."
    + "ombudsman ombudsmannen ombudsvrouw".split()
)
# A body named by its task, in a compound: "de controle-instantie", "het toezichtsorgaan", "de handhavingsdienst".
TASK_BODY = re.compile(r"^(?:toezicht|toezichts|controle|handhavings)-?(?:orgaan|organen|instantie|instanties|dienst)$")
# A compound name of an inspectorate: "Arbeidsinspectie", "Erfgoedinspectie", "Rijksinspectie".
ACTOR_SUFFIX = ("inspectie", "inspecties")
# An organisation's abbreviation: capitals ("ILT", "NVWA") or mixed case with at least two capitals ("SodM",
# "JenV"); not a Roman numeral, and not a document's ("MJP", "MJB").
ABBREVIATION_NAME = re.compile(r"^[A-Z](?=(?:[a-z]*[A-Z]){1,})[A-Za-z]{1,5}$")
NOT_ACTORS = frozenset("II III IV VI VII MJP MJB MJPs".split())
# "we", "wij", and "ons" as in "zetten ons in"; not "onze", which owns something ("onze naam"). And "ik", the one
# person of an office that is one person (an ombudsman: "Ook in 2025 zal ik mij inzetten voor ...").
FIRST_PERSON = frozenset("we wij ons ik".split())
# and "hij" of an office that is one person, after its name: "De ombudsman ... Daarnaast wil hij ..."
THIRD_PERSON = frozenset("zij ze hij".split())
# Its staff, who do its work: "De medewerkers werken daarbij samen ...".
STAFF = frozenset("medewerkers inspecteurs onderzoekers".split())
# The supervision itself as the subject: "Het toezicht op ... richt zich", "Het onderzoek ... wordt gepubliceerd".
WORK_NOUNS = frozenset(
    "toezicht onderzoek onderzoeken rapport rapportage publicatie inspectieonderzoek interviews locatiebezoeken "
    "focus".split()
)
AHEAD = re.compile(
    # ("het gaat om", "gaat het om", what something concerns, is no going)
    r"\b(?:zal|zullen|wil|willen"
    r"|(?:gaat|gaan)(?<!\bhet gaat)(?! verder dan| ervan uit| er van uit| (?:het|hier|daarbij|hierbij) om\b)"
    r"|gaat\s+(?:\w+\s+)?na"
    r"|blijft|blijven|start|starten|begint"
    r"|bezig\b(?! geweest)|op zoek naar|verschijnt|verschijnen"
    r"|volgend jaar|komend jaar|komende jaren|de komende periode|in voorbereiding|in ontwikkeling"
    # what it has in mind: "De IVD heeft een ‘Staat van’ voor ogen die ..."
    r"|voor ogen"
    # work that goes on all the time: "Rijksinspecties verkennen voortdurend hoe ...", "volgt doorlopend"
    r"|voortdurend|doorlopend|continu"
    # a change from this year on: "houdt met ingang van dit jaar meer rekening met ...", "vanaf dit jaar"
    r"|(?:met ingang van|vanaf) (?:dit|volgend|komend) (?:school|werk)?jaar"
    r"|ambitie|ambieert|streeft|streven|beoogt|beogen|van plan|voornemens?|bedoeling|is gepland|zijn gepland"
    r"|zet(?:ten)? (?:\w+ ){0,3}in (?:op|om)|(?:zet(?:ten)? zich|zetten ons) (?:\w+ ){0,3}in(?! voor)"
    r"|wordt (?:\w+ ){0,6}(?:gepubliceerd|opgeleverd|afgerond|uitgevoerd|gestart|verwacht)"
    r"|worden (?:\w+ ){0,6}(?:gepubliceerd|opgeleverd|afgerond|uitgevoerd|gestart|meegenomen)"
    # its means deployed, in the passive, as "zet ... in op" is in the active: "Dit wordt ingezet voor: ...", "De extra
    # middelen worden besteed aan ..."
    r"|(?:wordt|worden) (?:\w+ ){0,6}(?:ingezet|besteed) (?:voor|op|aan|om)\b)\b"
    r"|\b(?:aandacht|oog) (?:\w+ ){0,3}voor\b|\bricht(?:en)? (?:\w+ ){0,4}zich\b|\bfocus(?:t|sen)\b"
    r"|\b(?:heeft|hebben) (?:\w+ ){0,2}de wens\b"
    # what it announces, in the present: "kondigt aan meer nadruk te leggen op ...", "kondigt een onderzoek aan"
    r"|\b(?:kondigt|kondigen) (?:\w+ ){0,4}aan\b"
    # a choice made for the period: "De Inspectie kiest voor een focus op ...", "kiezen ervoor om ..."
    r"|\b(?:kiest|kiezen) (?:\w+ ){0,3}(?:voor|ervoor)\b",
    re.I,
)
# The year's focal point or priority: "Daarbij is ... een aandachtspunt", "De prioriteit ... ligt bij ...".
FOCUS = re.compile(
    # (and its areas of focus, as they are its themes: "Tot en met 2023 geven de focusgebieden richting aan ...")
    r"\b(?:prioriteit|speerpunt|aandachtspunt|focuspunt|zwaartepunt|focusgebied|aandachtsgebied)(?:en)?\b"
    r"|\b(?:staat|staan) (?:[\w’']+ ){1,6}centraal\b"
    # and what comes first, "voorop" as "centraal": "Daarbij staat voorop waar de inspectie het meeste effect bereikt"
    r"|\b(?:staat|staan) (?:[\w’']+ ){0,6}?voorop\b|\bvoorop (?:staat|staan)\b"
    # where the focus or the emphasis lies: "De focus ligt hierbij op ...", "In 2025 ligt de nadruk op ..."; not the
    # focus of something named ("De focus van deze programma's ligt op ...", what they are for)
    # (but the focus of its own work is its own: "De focus van het toezicht komt daarbij meer te liggen op ...")
    r"|\b(?:de|het) (?:focus|nadruk|klemtoon|accent) (?:(?:van (?:het|ons|haar|zijn) (?:toezicht|onderzoek|werk) )"
    r"|(?:(?!van\b)[\w’']+ ){0,3}?)(?:ligt|liggen|(?:komt|komen) (?:\w+ ){0,3}?te liggen)\b"
    r"|\b(?:ligt|liggen) (?:de|het) (?:focus|nadruk|klemtoon|accent)\b"
    # its work aimed at something: "Ons toezicht is vooral gericht op het tijdig signaleren van risico’s"
    r"|^(?:\w+ ){0,2}(?:toezicht|onderzoek|onderzoeken|inzet) (?:is|zijn|wordt|worden) (?:\w+ ){0,3}gericht op\b",
    re.I,
)
# More or less effort: "Daarnaast is er extra capaciteit voor ...", "Zo komt er meer capaciteit beschikbaar".
EFFORT = re.compile(
    r"\b(?:extra|meer|minder)\s+(?:\w+\s+)?(?:capaciteit|inzet|mensen|inspecteurs|inspecties|controles)\b", re.I
)
# Attention that "there is": "Op verzoek van ... is er specifiek aandacht voor ...".
ATTENTION = re.compile(
    r"\b(?:specifiek|specifieke|speciale|bijzondere|extra|nadrukkelijk|nadrukkelijke|in het bijzonder)\s+"
    r"aandacht (?:\w+ ){0,3}voor\b",
    re.I,
)
# Attention that themes get, by whom left out: "Daarbij krijgen ... en ... meer aandacht", "krijgt extra aandacht".
GETS_ATTENTION = re.compile(
    r"\b(?:krijgt|krijgen)\b(?:\s+[\w’'(),-]+){0,12}?\s+(?:meer|extra|bijzondere|specifieke|speciale|nadrukkelijke?r?"
    r"|verhoogde|volop)\s+aandacht\b"
    # or priority, a more prominent place: "Onderwerpen met grote risico's krijgen prioriteit", "IT en databeheer
    # krijgen een prominentere plek"
    r"|\b(?:krijgt|krijgen)\b(?:\s+[\w’'(),-]+){0,12}?\s+(?:(?:de |een )?(?:hoge |hogere |extra )?prioriteit"
    r"|een (?:prominentere|prominente|grotere|belangrijkere|centrale|centralere) (?:plek|plaats|rol))\b"
    # and what has its attention, the organisation's own: "Ook ... hebben onze aandacht", "heeft haar volle aandacht"
    # (not what needs it: "heeft onze aandacht nodig")
    r"|\b(?:heeft|hebben|krijgt|krijgen)\b(?:\s+[\w’'(),-]+){0,3}?\s+(?:onze|haar|zijn)\s+(?:\w+\s+)?aandacht\b"
    r"(?!\s+nodig\b)",
    re.I,
)
THERE_IS = re.compile(r"\ber (?:is|zijn|komt|komen)\b|\b(?:is|zijn|komt|komen) er\b", re.I)
# An intent as the subject: "Doelstelling is om alle eenheden ... te betrekken", "De bedoeling van de IR is ... vast
# te stellen".
INTENT = re.compile(
    # (also its principle: "Uitgangspunt is om inspectiegegevens zoveel mogelijk openbaar te maken")
    r"^(?:(?:Het |De )?(?:doel|doelstelling|ambitie|streven|voornemen|bedoeling|uitgangspunt) (?:is|zijn)"
    r" (?:\w+ ){0,2}om"
    # the infinitive without "om", and a plan aimed at something: "Het streven is te komen tot ...", "De planning
    # is erop gericht dat in 2023 ..."
    r"|(?:Het |De )?(?:doel|doelstelling|ambitie|streven|voornemen|bedoeling) (?:is|zijn) te \w+en"
    r"|(?:Het |De )?(?:doel|doelstelling|ambitie|streven|voornemen|bedoeling|planning|inzet) (?:is|zijn) (?:er )?"
    r"(?:\w+ )?(?:erop|op) gericht\b"
    # its principle of how it works: "Het uitgangspunt hierbij is dat de Inspectie zoveel mogelijk aansluit ..."
    r"|(?:Het |Een )?(?:uitgangspunt|streven) (?:\w+ ){0,2}is dat\b"
    # whose intent, and the infinitive without "om": "De bedoeling van de IR is het ... in het najaar vast te stellen"
    r"|(?:Het |De )?(?:doel|doelstelling|ambitie|streven|voornemen|bedoeling) van (?:de|het) \S+ (?:is|zijn)\b.*"
    r"\bte \w+en\b"
    r"|Het is (?:\w+ ){0,2}(?:de|het) (?:doel|doelstelling|ambitie|streven|voornemen|bedoeling)\b.*\bom)\b"
    # what its research will yield: "De uitkomsten hiervan ... zullen periodieke beelden opleveren"
    r"|^(?:De|Het) (?:uitkomsten|resultaten|bevindingen|opbrengst)\b.*\b(?:zal|zullen|moet|moeten)\b.*\bopleveren\b",
    re.I,
)
# A sentence that names what the one before it listed: "X, Y en Z. Dit zijn enkele focuspunten ... voor 2024."
SUMS_UP = re.compile(
    r"^(?:Dit|Dat|Deze) (?:zijn|is) (?:\w+ ){0,2}(?:speerpunten|focuspunten|prioriteiten|aandachtspunten"
    r"|thema[’']?s|onderwerpen)\b"
    # or counts them, whatever it calls them: "X, Y en Z. Dat zijn drie belangrijke ontwikkelingen in 2025 voor ..."
    r"|^(?:Dit|Dat|Deze) (?:zijn|is) (?:de )?(?:twee|drie|vier|vijf|zes|zeven|acht|negen|tien)\b"
)
# A wish to be something is an aim, not work: "De ILT wil op haar terreinen gezaghebbend zijn", also with a clause
# after it ("De Inspectie wil een moderne en wendbare organisatie zijn waar ..."), or what it is about ("willen
# duidelijk zijn over de keuze van ...").
AIM = re.compile(
    r"\b(?:wil|willen)\b(?:\s+(?!om\b|dat\b|wat\b|hoe\b|waar\b|welke\b|die\b)[\w’'()-]+){0,6}?\s+(?:zijn|worden|blijven)\b"
    r"(?=\s*(?:[.,;]|$)|\s+(?:in|op|voor|bij|als|met|naar|over|waar|waarin|die|dat)\b)"
)
# ... but a wish to become more so is a change it will make: "Zo wil de ombudsman zichtbaarder zijn voor ...", "wil zo
# transparant mogelijk zijn", "wil sneller worden".
# (an adjective's comparative, no noun in -er after an article or adjective: "een betere toezichthouder zijn")
CHANGE = re.compile(
    r"(?<!\been )(?<!\bde )(?<!\bhet )(?<!e )\b(?:\w{4,}(?:d|k|l|s|t|v|g|w)er|beter|meer|mogelijk)\s+(?:zijn|worden)\b",
    re.I,
)
# The period's themes named as such, with or without an actor: "Nieuwere thema’s zijn ...", "Daarom is dit een van
# de belangrijkste thema’s voor de komende tijd", "is een ander belangrijk thema voor komende jaren ...".
THEMES = re.compile(
    r"\b(?:nieuwe|nieuwere|belangrijkste|belangrijke|belangrijk|ander|andere|centrale)\s+"
    # (also in a compound, and the areas of focus: "Belangrijke onderzoeksthema’s ...", "nieuwe focusgebieden")
    r"(?:\w*thema[’']?s?|onderwerpen|onderwerp|focusgebied(?:en)?|aandachtsgebied(?:en)?)\b",
    re.I,
)
# (with an adverb before the verb: "Belangrijke onderwerpen daarbij zijn ...")
THEMES_OPENING = re.compile(
    rf"^(?:[\w’']+ ){{0,2}}?{THEMES.pattern[2:]}\s+(?:(?:daarbij|hierbij|daarin|hierin|verder|ook)\s+)?(?:is|zijn)\b",
    re.I,
)
NEW_IN_PERIOD = re.compile(
    r"\bnieuwe?\s+(?:\w*thema[’']?s?|insteek|accenten|aanpak|werkwijze|focusgebied(?:en)?|aandachtsgebied(?:en)?)\b",
    re.I,
)
NEW_IN_PERIOD_VERB = re.compile(r"\b(?:is|zijn|wordt|worden|krijgt|krijgen|legt|leggen|kiest|kiezen)\b", re.I)
PERIOD_AHEAD = re.compile(r"\b(?:de )?(?:komende|volgende) (?:tijd|jaren|periode)\b", re.I)
NEW_TASK = re.compile(r"^(?:Nieuw|Nieuwe (?:taak|taken|onderwerpen?)) (?:in \d{4} )?(?:is|zijn)\b")
# What the inspectorate saw, found or did before: an account, not an intention.
# The perfect: "heeft ... gekregen", with a separable prefix ("vastgesteld", "opgezet"), an unstressed one
# ("ontworpen", "verbeterd") or a strong verb's ("besloten", "begonnen"), in a main clause: words between the two
# verbs ("hoe de eenheden het hebben opgevolgd" is what is studied).
TO_DO = re.compile(r"\bte\s+\w+en\b")
PERFECT = re.compile(
    r"\b(?:heb|heeft|hebben)\s+(?:[\w’'()-]+\s+){0,10}\bge\w+(?:d|t|en)\b"
    r"|\b(?:heb|heeft|hebben)\s+(?:[\w’'()-]+\s+){1,10}\b(?<!te )[a-z]{2,5}ge\w{3,}(?:d|t|en)\b"
    r"|\b(?:heb|heeft|hebben)\s+(?:[\w’'()-]+\s+){1,6}\b(?<!te )"
    r"(?:(?:be|ont|ver|her)\w{3,}(?<!hei)[dt]|ont\w{3,}en"
    r"|besloten|begonnen|bevonden|beschreven|besproken|bekeken|verschenen|verkregen|vergeleken|verzonden)\b"
)
SEEN_OR_DONE = re.compile(
    # what it found: "constateert", "ziet" (not "ziet toe op": it supervises; not "eruit ziet": what something looks
    # like), "signaleert dat" (not "signaleert risico's", how it works)
    r"\b(?:signaleert|signaleren)\b(?=(?:\s+[\w’']+){0,4}?\s+dat\b)"
    r"|\bzie ik\b|\bik zie\b|(?<!\beruit )(?<!\blaten )\b(?:zien|ziet)\b(?!(?:\s+[\w’']+){0,6}?\s+toe\b)"
    # and what a report concluded: "Dit constateren de inspecties na toetsing ...", "Dit stellen de inspecties in hun
    # rapport ...", "concluderen dat"
    r"|\b(?:stelt|stellen|schrijft|schrijven|concludeert|concluderen)\b(?:\s+[\w’'()-]+){0,14}?\s+in"
    r" (?:haar|zijn|hun|het) (?:\w+ )?(?:rapport|rapportage|onderzoek|advies)\b"
    r"|\b(?:constateert|constateren|constateerde|constateerden|concludeert|concluderen|concludeerde|concludeerden"
    r"|signaleerde|signaleerden|zagen|zag"
    r"|heeft\s+(?:\w+\s+){0,4}aangegeven|verscheen|werd|werden|was|waren|baren|kan naar aanleiding"
    r"|is gebleken|bleek|wees|wezen)\b"
    # what it finds necessary, and why, said with "vinden" or "achten": "De ILT acht het daarom noodzakelijk om ..."
    r"|\b(?:vindt|vinden|acht|achten)\b(?:\s+[\w’']+){0,3}?\s+het (?:\w+ )?noodzakelijk\b"
    # looking back at the years before: "In de ‘Staat van ...’ blikt de Inspectie terug op ..."
    r"|\b(?:blikt|blikken|kijkt|kijken)\b(?:\s+[\w’']+){0,6}?\s+terug\b"
)
# The perfect of a passive with a fixed expression: "Bij de onderwerpkeuze is rekening gehouden met ...",
# "Hiervoor is gebruik gemaakt van ...".
PERFECT_PASSIVE = re.compile(
    r"\b(?:is|zijn)\b(?:\s+[\w’'()-]+){0,4}?\s+(?:rekening gehouden|gebruik gemaakt|gebruikgemaakt)\b", re.I
)
LOOKING_BACK = re.compile(SEEN_OR_DONE.pattern + "|" + PERFECT.pattern)
# About the document, not about the work: "In dit werkprogramma ...", "Dat leest u ...". A plan also in a compound,
# whose head it is: "In het nieuwe beleidsplan gaan we in op ...", "dit onderzoeksplan".
DOCUMENTS = (
    r"(?:werkprogramma|jaarwerkplan|werkplan|jaarplan|\w*plan|meerjarenplan|meerjarenbeleidsplan|meerjarenperspectief"
    r"|onderzoeksprogramma|onderzoeksplan|mjp|mjb|hoofdstuk|pagina"
    # a letter that sets out the plan, also in a compound: "in deze brief", "De toezichtbrief"
    r"|\w*brief)"
)
ABOUT_THE_DOCUMENT = re.compile(
    # (not "het plan van aanpak" as what others make, "de aanwezigheid van ... het plan van aanpak"; "in dit plan van
    # aanpak" is the document)
    rf"\b(?:in (?:dit|ons|het|deze) {DOCUMENTS}\b|(?:dit|ons|het|deze) {DOCUMENTS}\b(?! van aanpak\b)"
    r"|leest u|vindt u|blijkt uit|(?:zijn|worden) (?:\w+ ){0,6}opgenomen|staan de belangrijkste"
    r"|worden (?:\w+ ){0,3}beschreven"
    r"|^(?:Hierin|Daarin) (?:beschrijft|beschrijven|geeft|geven|staat|staan)\b"
    # making the plan is the yearly routine, not an intention: "De ILT stelt ieder jaar een Meerjarenplan vast"
    rf"|\b(?:stelt|stellen) (?:\w+ ){{0,4}}(?:een|het|haar|zijn) (?:\w+ )?{DOCUMENTS}\b"
    # (and in its other forms, the plan to be made or being made: "bij het nieuw op te stellen onderzoeksprogramma",
    # "zal een aanvullend onderzoeksprogramma ... worden opgesteld", "om het nieuwe jaarplan voor 1 januari vast te
    # stellen")
    rf"|\b(?:(?:op |vast )?te stellen|opgesteld|vastgesteld|opstellen|vaststellen)\s+(?:[\w’'-]+\s+){{0,2}}?"
    rf"(?:{DOCUMENTS}|\w*programma)\b"
    rf"|\b(?:{DOCUMENTS}|\w*programma)\b(?:\s+[\w’'()-]+){{0,8}}?\s+(?:(?:op |vast )?te stellen|opgesteld"
    r"|vastgesteld)\b"
    rf"|\b(?:elk|ieder) jaar\b.*\b{DOCUMENTS}\b|\bjaarlijks\b.*\b{DOCUMENTS}\b"
    # and the other way round, or every few years: "De toezichtbrief stuurt ... jaarlijks aan ...", "legt om de
    # vier jaar zijn prioriteiten vast in een strategisch plan"
    rf"|\b{DOCUMENTS}\b.*\b(?:jaarlijks|elk jaar|ieder jaar)\b|\bom de \w+ jaar\b.*\b{DOCUMENTS}\b"
    rf"|\b(?:presenteert|presenteren) (?:\w+ ){{0,6}}(?:haar|zijn|het|een) (?:\w+ )?{DOCUMENTS}\b"
    r"|meldt (?:zij|ze|hij)\b(?! in)"
    # explaining or highlighting in the text, what a document does: "In het programma lichten we onze keuze toe",
    # "We lichten twee programma's uit waarin ..."
    r"|\b(?:licht|lichten)\b(?:\s+[\w’'-]+){0,8}?\s+(?:toe|uit)\b"
    # the document handed over, whatever it is called: "Hierbij presenteren we het jaarbericht van ...", "Hierbij
    # bied ik u ... aan"
    r"|^Hierbij (?:presenteer|presenteert|presenteren|bied|biedt|bieden|ontvangt|ontvangen|stuur|stuurt|sturen)\b"
    # and the annual report: this one ("Zoals gebruikelijk geeft dit jaarverslag ..."), or presented ("Vandaag stellen
    # we het jaarverslag 2021 ... voor", "presenteert haar jaarbericht")
    r"|\b(?:dit|deze) (?:\w+ )?(?:jaarverslag|jaarbericht)\b"
    r"|\b(?:stelt|stellen|presenteert|presenteren)\b(?:\s+[\w’'-]+){0,4}?\s+(?:het|ons|haar|zijn) (?:\w+ )?"
    r"(?:jaarverslag|jaarbericht)\b"
    # "In haar Werkprogramma 2024 beschrijft de Inspectie JenV haar inzet ...": the document's content
    # (or goes into it: "In haar Meerjarenplan gaat de Inspectie uitgebreider in op ...")
    # (also a document named otherwise, a strategy, an agenda, a vision: "In de strategie beschrijft de ILT haar
    # kerntaken: ...")
    rf"|^In (?:haar|zijn|hun|de|het|dit|deze) (?:\w+ )?(?:{DOCUMENTS}|\w*strategie|\w*programma|\w*agenda|\w*visie)\b"
    r".*\b(?:beschrij(?:ft|ven)|(?:gaat|gaan)\b.*\bin op)\b"
    # with words between: "In het vandaag gepubliceerde Jaarplan 2022 ...", and other documents: "In dit magazine
    # beschrijven we ...", "Daarnaast geven we in dit document informatie over ..."
    rf"|^In (?:dit|ons|het|deze|haar) (?:[\w-]+ ){{1,2}}{DOCUMENTS}\b"
    r"|\b(?:in (?:dit|ons|het|deze)|dit|deze) (?:[\w-]+ )?(?:document|magazine|onderzoeksprogramma|onderzoeksplan)\b"
    # what the text itself does, or what a plan holds: "Met deze publicatie informeren we ...", "Met deze tekst willen
    # we duidelijk maken ...", "Het jaarplan bevat de planning van ...", and a reader sent to another text: "verwijs ik
    # u naar bijgevoegd MJB"
    rf"|^(?:\w+ )?Met (?:deze|dit) (?:\w+ )?(?:{DOCUMENTS}|\w*programma|publicatie|tekst|stuk|nota|notitie|jaarbeeld)\b"
    rf"|^(?:Het|Dit|Deze|De|Ons|Onze) (?:\w+ )?(?:{DOCUMENTS}|\w*programma) (?:\d{{4}}(?:[–-]\d{{4}})? )?bevat\b"
    r"|\b(?:verwijs|verwijst|verwijzen) (?:ik|we|wij|zij|ze)? ?u\b"
    # and the plan named as the source of what was said before: "Dit meldt de IVD in haar jaarplan 2023.", "Dit zijn
    # enkele toezichtacties die de inspectie benoemt in haar Werkprogramma 2026."
    rf"|^(?:Dit|Dat|Deze)\b.*\bin (?:haar|zijn|hun) (?:\w+ )?{DOCUMENTS}\b"
    # and the reader told to read or fetch it, as a web page does: "Lees het volledige Jaarplan 2022.", "Download het
    # jaarplan", "Bekijk ook ..."
    r"|^(?:Lees|Bekijk|Download|Raadpleeg|Zie|Klik)\b"
    # the document as the subject of what it describes: "De Meerjarenstrategie beschrijft ...", "Dit eerste
    # werkprogramma van de inspectie ... beschrijft ..."
    r"|^(?:De|Het|Dit|Deze)\b[^.:]{0,60}?(?:strategie|programma|plan|document|verslag|rapport|magazine)\b[^.:]{0,80}?"
    r"\bbeschrij(?:ft|ven)\b)",
    re.I,
)
# The plan as the source of what is reported: "Volgens het jaarwerkplan ...", "Volgens haar werkprogramma 2024, ...".
ACCORDING_TO = re.compile(
    rf"^Volgens (?:het|dit|haar|zijn|hun|de) (?:\w+ )?{DOCUMENTS}(?: (?:19|20)\d{{2}})?\b,?", re.I
)
# What it will do only if something happens, or does not do: no commitment.
CONTINGENT = re.compile(
    # "Zijn er dingen die aandacht nodig hebben dan trekt de inspectie aan de bel"
    r"^(?:Is|Zijn|Wordt|Worden|Blijkt|Blijken|Komt|Komen|Ontstaat|Ontstaan) (?:er|de|het|een|zij|ze)\b.*\bdan\b|"
    # a condition and what follows from it, a habit of how it chooses: "Als de risico’s in één sector liggen, dan
    # kiest de inspectie meestal voor ...", "Wanneer ..., dan ..."
    r"^(?:Als|Wanneer|Indien|Zodra)\b[^.;:]*,\s*dan\b|"
    # (not the elliptic hedge inside the sentence, "indien mogelijk", "indien relevant", as "waar mogelijk" is none)
    r"\b(?:in zo[’']n (?:situatie|geval)|afhankelijk van de situatie|mocht(?:en)?"
    r"|indien(?! (?:relevant|mogelijk|nodig|gewenst|noodzakelijk|wenselijk)\b))\b"
    # what it faces, a circumstance, not what it does: "In 2025 hebben we te maken met een vacature", "krijgt te
    # maken met"
    r"|\b(?:hebben|heeft|krijgen|krijgt)\b(?:\s+[\w’']+){0,4}?\s+te maken (?:\w+ )?met\b"
    r"|\bte maken (?:hebben|krijgen) met\b"
    # (and what awaits it, the challenges it faces: "Voor 2022 staan de rijksinspecties weer nieuwe uitdagingen te
    # wachten", "De inspectie staat voor de uitdaging ...")
    r"|\b(?:staat|staan)\b(?:\s+[\w’']+){0,6}?\s+te wachten\b"
    r"|\b(?:staat|staan) (?:\w+ ){0,2}voor (?:de |een |grote |nieuwe |forse )*uitdaging(?:en)?\b"
    # what depends on something yet to happen: "Of ... herbenoemd worden, is afhankelijk van de uitslag van ..."
    r"|\bafhankelijk (?:is|zijn|blijft|blijven) van\b"
    r"|\b(?:doet|doen|verricht|verrichten|voert|voeren)\b(?:\s+[\w’']+){0,6}?\s+geen\b"
    # a sentence opening with "where needed": what it may do, "Waar nodig pakken we ... aan", "Zo nodig ..."
    r"|^(?:waar|zo|indien|als|wanneer|daar waar) (?:dat )?nodig\b",
    re.I,
)
# A plea to others, what it asks of them, is not what it will do itself: "De NZa pleit ... voor het wettelijk
# vastleggen van ...", "roept de minister op ...". And a "we" that is everyone, society: "weten we als samenleving
# beter ...", "De zorgkloof verkleinen we alleen als de samenleving gezonder wordt".
PLEA = re.compile(
    r"\b(?:pleit|pleiten)\b(?:\s+[\w’']+){0,10}?\s+voor\b|\b(?:roept|roepen)\b(?:\s+[\w’']+){1,8}?\s+op\b"
    r"|\b(?:we|wij)\s+(?:[\w’']+\s+)?als\s+(?:samenleving|maatschappij|land|burgers|Nederlanders)\b"
    r"|\b(?:we|wij)\s+alleen\s+(?:als|wanneer|indien)\b",
    re.I,
)
# A feeling of its own is no work: "Wij zijn trots op de inzet van ...", "Ik ben blij dat er meer aandacht is ...",
# nor its worry.
FEELING = re.compile(
    r"\b(?:ben|is|zijn|voel|voelt|voelen)\b(?:\s+[\w’']+){0,4}?\s+"
    r"(?:blij|trots|verheugd|dankbaar|tevreden|enthousiast|bezorgd|teleurgesteld)\b"
    # and the worry it has: "De inspecties maken zich hierover al geruime tijd zorgen"
    r"|\b(?:maak|maakt|maken)\s+(?:zich|ons|me|mij)\b(?:\s+[\w’']+){0,6}?\s+zorgen\b"
    # and its thanks, and what it looks forward to: "Dat stellen wij zeer op prijs", "De rekenkamer kijkt uit naar
    # een interessant jaar", "kijken ernaar uit om ..."
    r"|\b(?:stel|stelt|stellen)\b(?:\s+[\w’']+){0,8}?\s+op prijs\b"
    r"|\b(?:kijk|kijkt|kijken)\b(?:\s+[\w’']+){0,4}?\s+(?:uit naar|ernaar uit|er naar uit)\b"
    # and its good wishes and its thanks: "Graag wens ik iedereen een gezond 2022 toe", "We bedanken ..."
    r"|\b(?:wens|wenst|wensen)\b(?:\s+[\w’']+){1,10}?\s+toe\b|\b(?:bedank|bedankt|bedanken|danken)\b"
    # (also without "toe", the wish to those it addresses, and its hope: "wensen we iedereen veilige feesten", "En zo
    # hopen we dat de verkiezingen ...")
    r"|\b(?:wens|wenst|wensen)\s+(?:\w+\s+)?(?:iedereen|u|jullie|je|allen)\b"
    r"|\b(?:hoop|hoopt|hopen)\s+(?:we|wij|ik)\b|\b(?:we|wij|ik)\s+(?:\w+\s+)?(?:hoop|hopen)\b"
    # and what it is aware of: "We beseffen dat ...", "De Inspectie realiseert zich hierbij dat ...", "zijn zich ervan
    # bewust dat ..." (not "realiseert een meldpunt", what it brings about)
    r"|\b(?:besef|beseft|beseffen)\b|\b(?:realiseer|realiseert|realiseren)\s+(?:\w+\s+)?"
    r"(?:zich|ons|me|mij)\b|\b(?:zich|ons)\s+(?:\w+\s+){0,3}?(?:er )?(?:\w+ ){0,3}?van bewust\b",
    re.I,
)
# A sentence that opens with a condition: what follows holds only then ("Als ..., kan de ILT ...").
CONDITION = re.compile(r"^(?:Als|Wanneer|Indien|Mocht|Mochten|Zo nodig|Waar nodig)\b")
# A mission, not a plan: "Wij zetten ons in voor veiligheid ...", "Daarmee dient de ILT het publieke belang".
MISSION = re.compile(
    r"^(?:De|Onze|Haar|Zijn) missie\b"  # "De missie van de ILT blijft onveranderd: ..."
    r"|\b(?:zet(?:ten)? (?:zich|ons) in voor|(?:dient|dienen)(?!(?:\s+[\w’']+){0,3}?\s+als\b)"
    r"|(?:maakt|maken) (?:zich|ons) (?:\w+ ){0,2}sterk voor|staat voor|staan voor)\b(?! te\b)"
    # what its work is meant to contribute to, by means of it: "De inspectie wil met haar toezicht bijdragen aan
    # ...", "streeft ernaar met actuele adviezen bij te dragen aan ...", "beoogt met haar onderzoeken ..."
    r"|\b(?:wil|willen|streeft|streven|beoogt|beogen)\b(?: ernaar)? met\b(?:\s+[\w’',-]+){1,8}?\s+"
    r"(?:bijdragen|bij te dragen)\s+aan\b"
    # (also by these means, or by its work without an article: "Met deze onderzoeken wil de Rekenkamer bijdragen aan
    # ...", "Door onderzoek wil de rekenkamer ... een bijdrage leveren aan ...")
    r"|^(?:Met|Door) (?:(?:haar|zijn|ons|onze|hun|het|de|deze|dit|die)\b(?:\s+[\w’',-]+){1,6}?|\w+)\s+"
    r"(?:wil|willen|streeft|streven|beoogt|beogen)\b"
    r"(?:\s+[\w’',-]+){1,12}?\s+(?:bijdragen|bij te dragen|een bijdrage (?:leveren|te leveren))\s+aan\b",
    re.I,
)
# What it has long done, or does as the one it is, is its remit, not the period's plan: "Dat doen we al vijftien jaar
# door ...", "doen wij nog steeds waar wij al ruim 200 jaar goed in zijn", "De ILT werkt als onafhankelijke
# Rijksinspectie aan ...", "doet ... onafhankelijk onderzoek naar het beleid", "ondersteunt de gemeenteraden bij hun
# controlerende taak".
REMIT = re.compile(
    r"\bal (?:ruim |bijna |meer dan |zo[’']n )?(?:\d+|[a-z]+) jaar\b|\bal (?:jaren|decennia)\b|\bnog steeds\b"
    r"|\b(?:als |vanuit (?:een|haar|zijn) )onafhankelijke?\b|\bonafhankelijke? (?:onderzoek|positie)\b"
    r"|\b(?:ondersteunt|ondersteunen)\b(?:\s+[\w’'()-]+){1,5}?\s+bij\b"
    # the background against which it works: "Wij doen dat tegen de achtergrond van de fundamentele vragen ..."
    r"|\btegen de achtergrond van\b"
    # what its independence means: "We besteden ons budget naar eigen inzicht ..."
    r"|\bnaar eigen inzicht\b"
    # what it watches over as such, in the plain present: "Het College ziet er als toezichthouder op toe dat ...",
    # "houdt in de gaten of dit verdrag ... wordt nageleefd"
    r"|\b(?:ziet|zien) er (?:[\w’']+ ){0,3}op toe\b|\b(?:houdt|houden) (?:\w+ ){0,2}in de gaten\b",
    re.I,
)
# What it is: its place ("Zij maakt deel uit van het ministerie van ...", "is een onderdeel van"), its name ("Vanaf 1
# januari heet de Inspectie SZW Nederlandse Arbeidsinspectie"), its founding ("De IVD is op 31 mei 2018 opgericht"):
# no work, whatever year it names.
WHAT_IT_IS = re.compile(
    r"\b(?:maakt|maken) (?:\w+ ){0,2}deel uit van\b|\b(?:is|zijn) (?:\w+ ){0,2}(?:een )?onderdeel van\b"
    r"|\b(?:heet|heten)\b(?!(?:\s+[\w’'-]+){0,6}?\s+welkom\b)"
    r"|\b(?:is|zijn)\b(?:\s+[\w’'()-]+){0,6}?\s+(?:opgericht|ingesteld)\b",
    re.I,
)
# An audit office's task by law, in the plain present: research into two or more of "doelmatigheid",
# "doeltreffendheid" and "rechtmatigheid" of the policy ("De rekenkamercommissie voert onderzoek uit naar de
# doelmatigheid, de doeltreffendheid en de rechtmatigheid van het gevoerde beleid"): its remit, unless it looks ahead.
STATUTORY_TASK = re.compile(
    r"\b(?:doelmatigheid|doeltreffendheid|rechtmatigheid)\b[^.;]*\b(?:doelmatigheid|doeltreffendheid|rechtmatigheid)\b",
    re.I,
)
# Going on as before, said on its own, is no new piece of work: "Dat zullen we blijven doen."
KEEPS_DOING = re.compile(r"^(?:Dat|Dit) (?:zal|zullen|blijft|blijven) (?:\w+ ){0,3}(?:blijven )?doen\b")
# The minister writing to parliament about the organisation's plans speaks for himself: "Graag wil ik uw Kamer het
# aanbod doen een technische briefing door de ILT te laten verzorgen ...".
TO_PARLIAMENT = re.compile(r"\bik\b.*\buw Kamer\b|\buw Kamer\b.*\bik\b", re.I)
# What seems to be so is an onlooker's guess, not what the organisation says it will do: "Nu lijkt de Inspectie ...
# te willen vermengen".
SEEMS = re.compile(r"\blijk(?:t|en)\b(?:\s+\S+){0,8}?\s+te\s+\w+", re.I)
# A definition says what a word means: "Onder datahandel verstaat de AP vooral ...".
DEFINITION = re.compile(r"^Onder\b.*\bversta(?:at|an)\b|\bversta(?:at|an)\b.*\bonder\b", re.I)
# The effect of what was said before, not a piece of work: "Op die manier zet zij haar capaciteit ... in", "Daarmee
# zorgt ze dat ...", "Daarmee beogen wij ... te waarborgen".
EFFECT = re.compile(
    r"^(?:Ook )?(?:op (?:die|deze) (?:manier|wijze)"
    r"|(?:daarmee|hiermee|zodoende) (?:zorgt|zorgen|draagt|dragen|beoogt|beogen))\b",
    re.I,
)
# Calling something by a name is no work: "We spreken daarom zelfs van een digitale transitie".
NAMING = re.compile(
    r"\b(?:spreken|spreekt)\s+(?:(?:daarom|dan|ook|zelfs|inmiddels|al|liever|nu|graag)\s+){0,3}van\s+(?:een|het|de)\b",
    re.I,
)
# Elections that take place are the setting of the year, not its work: "Daarnaast vinden in maart
# gemeenteraadsverkiezingen plaats", "De verkiezingen vinden in 2025 plaats".
ELECTIONS = re.compile(
    r"\bvind(?:t|en)\b(?:\s+[\w’'-]+){0,6}?\s+\w*verkiezing(?:en)?\s+plaats\b"
    r"|\b\w*verkiezing(?:en)?\s+(?:\w+\s+){0,3}?vind(?:t|en)\b(?:\s+[\w’'-]+){0,6}?\s+plaats\b",
    re.I,
)
# Its budget or staff as a sum that rises, falls or amounts to something is a fact, no work: "In 2025 loopt dit op
# naar 50 miljoen euro structureel", "De formatie stijgt tot 1570 fte", "Het budget bedraagt € 12 miljoen".
BUDGET = re.compile(
    r"\b(?:(?:loopt|lopen)\b(?:\s+[\w’'-]+){0,3}?\s+op|stijgt|stijgen|daalt|dalen|groeit|groeien|bedraagt|bedragen)\b"
    r"(?:\s+[\w’'-]+){0,4}?\s+(?:€\s*)?\d+(?:[.,]\d+)?\s*(?:miljoen|miljard|duizend)?\s*(?:euro|fte)\b"
    r"|\b(?:stijgt|stijgen|daalt|dalen|groeit|groeien|bedraagt|bedragen)\b(?:\s+[\w’'-]+){0,4}?\s+€"
    # and the budget estimated or given: "wordt voor 2015 begroot op € 97,0 miljoen", "krijgt 25 medewerkers met een
    # budget van 3 miljoen euro per jaar"
    r"|\b(?:begroot|geraamd) op (?:€\s*)?\d|\bbudget van (?:€\s*)?\d",
    re.I,
)
# A clause of effect standing as a sentence, the effect of the one before: "Zodat burgers kunnen nagaan hoe de
# toezichthouder optreedt.", "Waardoor ..."
EFFECT_CLAUSE = re.compile(r"^(?:Zodat|Waardoor)\b")
TITLE = re.compile(r"‘[^‘’]{1,80}’")
OPENING_QUOTE = re.compile(r"^[“„\"]")
SPEAKER_QUOTE = re.compile(r":\s*[“„\"]")
CLOSING_QUOTE = re.compile(r"[”\"]")
QUOTE = re.compile(
    r"^[‘'\"“„]|\b(?:aldus|zegt|zei|vertelt)\b|[’'\"”]\s*,?\s*(?:zegt|aldus)\b"
    # a speaker's words after a verb of saying and a colon: "CvdM meldt: ‘Voor een goed werkende democratie ..."
    r"|\b(?:meldt|melden|stelt|stellen|schrijft|schrijven|benadrukt|verklaart|laat weten)\s*:\s*[‘'\"“„]"
)
# Words ending like a verb that are none.
NOT_VERBS = frozenset(
    "met niet ook dat tot ten wat net wet binnen toezicht aandacht echter zelf alleen samen eerst".split()
    + "bestaat bestaan".split()  # what it is ("bestaat inmiddels vijf jaar", "bestaat uit"), not what it does
    + "kent kennen".split()  # what it has ("Naast het werken in programma’s kent de Inspectie vakgroepen")
)
# Sentences that go on about the one before: they belong to it, even when they could stand alone...
ELABORATES = re.compile(
    r"^(?:(?:Dit|Dat) (?:is|was|kan|zal|zullen|doet|doen|betekent|houdt|gebeurt|raakt|vraagt|geldt|wordt|moet|gaat|gaan"
    r"|willen|wil|betreft|betreffen)"
    r"|Bijvoorbeeld|In dat kader|Het is daarmee|Het gaat (?:daarbij|hierbij|om))\b"
)
# ... and this only when it does not state an intention of its own. "Daarbij ...", "Ook ...", "Daarnaast ..." and
# "Zo ..." stand on their own: an intention of their own, or background the programme adds (in every labelled set
# such a sentence is kept apart from the one before).
GOES_ON = re.compile(r"^Daarom\b")
# The answer to "Hoe?" after an aim, its means: "Unia zet in op ... Hoe? Door onder meer ... te identificeren."
HOW_ANSWER = re.compile(r"^Door\b")
MIN_WORDS = 5
NUMBERED = re.compile(r"^\d+(?:\.\d+)*\.?\s+[A-Z]")
YEAR = re.compile(r"(?<![-–/])\b((?:19|20)\d{2})\b(?!\s*[-–/]\s*(?:19|20)?\d{2})")


@dataclass
class Reading:
    """What the rules found in a sentence."""

    intention: bool
    acts: bool  # the inspectorate acts in it (so that a following "zij" is the inspectorate)


def read_sentence(sentence, year, *, after_actor=False, page_end=False, actors=frozenset()):
    """Does the sentence state what the inspectorate will do (or how it does its supervision) in `year`? `actors`
    are the names of the document's own organisation, learnt from its text (`own_organisation`)."""
    # A title in quotes names a thing: "het verbeterprogramma ‘VenJ verandert’" has no actor and no verb.
    words = [word for word in _words(TITLE.sub(" titel ", sentence)) if len(word) > 1 or word.isdigit()]
    lowered = [word.lower() for word in words]
    acting = [index for index in range(len(words)) if _is_actor(words, lowered, index, after_actor, actors)]
    # its staff act, but a "zij" after them is theirs, not the organisation's
    acts = any(not _is_staff(lowered[index]) for index in acting)
    if len(words) < MIN_WORDS or QUOTE.search(sentence) or sentence[:1].islower() or NUMBERED.match(sentence):
        return Reading(False, acts)
    if not (TERMINAL.search(sentence.rstrip()) or sentence.rstrip().endswith(";") or page_end):
        return Reading(False, acts)  # a fragment: a column boundary cut it (the page's last words go on overleaf)
    if sentence.rstrip().endswith("?") and ":" not in sentence:
        return Reading(False, acts)
    statement = sentence.split(":", 1)[0] if sentence.rstrip().endswith("?") else sentence
    if NEW_TASK.match(statement) or _year_as_subject(statement, year) or INTENT.match(statement):
        return Reading(True, True)
    future = _names_year_ahead(statement, year)
    # The period's themes chosen, listed after the verb of choosing and a colon, are the plan, also when the lead-in
    # names the programme they are for: "Om richting te geven aan het programma heeft de rekenkamer vijf thema's
    # uitgekozen: ...", "zijn de volgende prioriteiten vastgesteld: ..."; not of a year before.
    if CHOSEN.search(statement) and THEMES_LISTED.search(statement) and not _earlier_years(statement, year):
        return Reading(True, True)
    # So are themes counted and listed after a colon, whatever the verb: "Concreet is de koers toegespitst op vier
    # hoofdlijnen: ...", "Dat leidt tot vier thema’s die extra aandacht krijgen: ...", "De agenda is opgebouwd rond
    # vier grote opgaven: ..."
    # (not what it has done before: "De inspectie heeft drie thema’s onderzocht: ...")
    lead = statement.split(":", 1)[0]
    if THEMES_COUNTED.search(statement) and not (_looks_back(lead, year, actors) or HAS_DONE.search(lead)):
        return Reading(True, True)
    # what the plan says it will do, as others report it, is about the work: "Volgens het jaarplan legt de inspectie
    # in 2024 de focus op ..."
    if ABOUT_THE_DOCUMENT.search(ACCORDING_TO.sub("", statement)) or _account(statement, words, lowered, acting, year):
        return Reading(False, acts)
    if ((MISSION.search(statement) or EFFECT.match(statement) or REMIT.search(statement)) and not future) or (
        CONTINGENT.search(statement)
        or KEEPS_DOING.match(statement)
        or EFFECT_CLAUSE.match(statement)
        or NAMING.search(statement)
        or ELECTIONS.search(statement)
        or DEFINITION.search(statement)
        or TO_PARLIAMENT.search(statement)
        or SEEMS.search(statement)
        or PLEA.search(statement)
        or FEELING.search(_main_clause(statement))
        or BUDGET.search(statement)
        or WHAT_IT_IS.search(_main_clause(statement))
    ):
        return Reading(False, acts)
    aim = AIM.search(statement)
    if _negated(statement) or (aim and not CHANGE.search(aim.group())):
        return Reading(False, acts)
    if STATUTORY_TASK.search(statement) and not (future or AHEAD.search(statement)):
        return Reading(False, acts)
    # A decision taken, impersonally, on the work to do: "Bij de keuze ... is besloten om nadrukkelijk aandacht te
    # geven aan ..." (in the programme, by the organisation), unless of a year before.
    earlier = [int(found) for found in YEAR.findall(DOCUMENT_YEAR.sub("", statement)) if int(found) < year]
    if DECIDED_TO.search(_main_clause(statement)) and (future or not earlier):
        return Reading(True, acts)
    # A study named as a fragment, the programme's list in sentences: "Eén onderzoek waarin de rekenkamer ...
    # onderzoekt.", "En één onderzoek waarin ze ... nagaat."
    if STUDY_NAMED.match(statement) and not earlier:
        return Reading(True, acts)
    # What is new in the period's themes or approach: "Leefbaarheid wordt als nieuw thema geïntroduceerd", "... krijgen
    # op een aantal punten een nieuwe insteek", "leggen we nieuwe accenten"; not with an earlier year ("stonden al op
    # de agenda van 2019").
    if NEW_IN_PERIOD.search(statement) and NEW_IN_PERIOD_VERB.search(statement) and not earlier:
        return Reading(True, acts)
    if THEMES.search(statement) and re.search(r"\b(?:is|zijn)\b", statement):
        # also a theme of the organisation's, named as such: "... is een belangrijk thema voor de ombudsmannen"
        if THEMES_OPENING.match(statement) or future or PERIOD_AHEAD.search(statement) or acting:
            return Reading(True, acts)
    # Its focal point of the year, or more or less effort somewhere, after a sentence in which it acted or with a
    # year ahead: "Daarbij is vooral de interregionale samenwerking een aandachtspunt".
    # (also a focal point named as the organisation's own: "Een van de prioriteiten van de inspectie is ...")
    owned = OWN_FOCUS.search(statement)
    if owned and _names_the_organisation(owned.group(1), actors):
        return Reading(True, True)
    if FOCUS.search(statement) and (acting or future or after_actor or any(_is_work(word) for word in lowered)):
        return Reading(True, acts)
    if (EFFORT.search(statement) or ATTENTION.search(statement)) and (acting or THERE_IS.search(statement)):
        return Reading(True, acts)
    if GETS_ATTENTION.search(_main_clause(statement)) and not earlier:
        return Reading(True, acts)
    # What is planned for a time of the year ahead, by whom left out: "Publicatie van de resultaten is voorzien in
    # het eerste kwartaal van 2025", "De oplevering, gepland voor maart, ..."; not of a year before.
    if PLANNED.search(statement) and not earlier and (future or _names_part_of_year(statement)):
        return Reading(True, acts)
    passive = _main_clause_passive(statement)
    # A passive about its work: the supervision, research, effort or inspectors as the subject ("De andere drie
    # deelonderzoeken worden ... uitgevoerd", "Op alle andere onderwerpen wordt minder inzet gepleegd"), or the
    # inspectorate as the agent ("wordt gebruikt ... door de Inspectie").
    # (its work as the subject, not as what a preposition takes: "wordt ... gekeken naar rijksinspecties")
    work = any(
        _is_work(word) and (not i or lowered[i - 1] not in OBJECT_PREPOSITIONS) for i, word in enumerate(lowered)
    )
    # (or the verb of the work in the passive: what "wordt onderzocht", "worden getoetst" is what it examines; or an
    # impersonal passive, "Er wordt ingezet op ...")
    about_the_work = (
        passive
        and (work or _agent_is_actor(words, lowered, acting))
        # (unless the sentence names only a time before: "In de periode 2019-2022 worden ... geïnspecteerd")
        or bool(
            WORK_PASSIVE.search(_main_clause(statement))
            or THERE_PASSIVE.search(statement)
            or IMPERSONAL_PASSIVE.search(_main_clause(statement))
        )
        and (future or not _names_time_before(statement, year))
    )
    passive = passive or about_the_work
    if not acting:
        # A passive sentence with a time ahead says what will be done, by whom it leaves out ("De komende jaren
        # zal een inhaalslag gemaakt worden"): in a work programme, by the inspectorate.
        # And what "gaat" or "zal" happen in a year ahead, said of a thing of its own: "Dit gaat in 2019 zijn beslag
        # krijgen".
        going = future and re.match(r"^(?:Dit|Dat) (?:gaat|zal)\b", statement)
        # and a passive that goes on with the work or names a date of the year, after a preposition of when: "De
        # werkwijze wordt verder uitgewerkt", "Het team wordt voor 1 januari uitgebreid"
        onward = passive and not earlier and (FURTHER.search(statement) or DATE_AHEAD.search(statement))
        # and its work as the subject of a verb of starting ahead: "In 2026 start een tweede onderzoek naar ...", "Er
        # zullen dit jaar tien onderzoeken starten"
        starting = (future or PERIOD_AHEAD.search(statement)) and WORK_STARTS.search(_main_clause(statement))
        # and what appears in a year ahead, its publication: "Het eerste meerjarenperspectief verschijnt in 2024",
        # "die komt in 2020 uit op 22 april"
        appearing = future and not earlier and APPEARS.search(statement)
        # and what there will be: "In de visserij komen er controles op zee"
        coming = not earlier and THERE_COMES.search(_main_clause(statement)) and not _names_time_before(statement, year)
        return Reading(
            bool(going or onward or starting or coming or appearing)
            or (passive and (future or bool(FUTURE_PASSIVE.search(statement)) or about_the_work)),
            acts,
        )
    if future or AHEAD.search(statement):
        return Reading(True, acts)
    # What the organisation can do in the period, "kan" beside its name ("Zodoende kan de inspectie ...
    # versterken"), unless only if something happens; "we kunnen" is as often everyone ("In Nederland kunnen we"),
    # and "kunnen inspecties" the inspectorates in general.
    can = any(
        lowered[position] == "kan"
        for index in acting
        if lowered[index] not in FIRST_PERSON | THIRD_PERSON
        for position in _verb_positions(words, lowered, index)
        if 0 <= position < len(words)
    )
    if can and not CONDITION.match(statement):
        return Reading(True, acts)
    # In the present tense the inspectorate itself states how it works, or its work is the subject of a passive
    # ("Het toezicht wordt geïntensiveerd", "Ook worden interviews afgenomen").
    persons = [index for index in acting if not _is_work_noun(lowered[index])]
    return Reading(
        about_the_work or any(_verb_beside(words, lowered, index) for index in persons),
        acts,
    )


OWN_FOCUS = re.compile(
    # (and its principles: "Een belangrijk uitgangspunt van de Inspectie OOV is selectief en slagvaardig toezicht")
    r"\b(?:prioriteit|speerpunt|aandachtspunt|focuspunt|zwaartepunt|uitgangspunt)(?:en)? van (?:de|het) ([\w-]+)\b",
    re.I,
)


def _names_the_organisation(word, actors=frozenset()):
    """Is `word` the name of the document's own organisation (or an inspectorate, an audit office ...)?"""
    low = word.lower()
    if low in ACTOR_NAMES or low in actors or "+" + low in actors or low.endswith(ACTOR_SUFFIX) or TASK_BODY.match(low):
        return True
    return bool(ABBREVIATION_NAME.match(word)) and word not in NOT_ACTORS and "-" + low not in actors


STUDY_NAMED = re.compile(
    # also as an item of an enumeration of what it will deliver: "Ten eerste een advies over ...", "Ten tweede ...",
    # "En tot slot een rapport over ..."
    r"^(?:En )?(?i:(?:ten (?:eerste|tweede|derde|vierde|slotte)|tot slot|als laatste|daarnaast|verder|ook),? )?"
    r"(?:Eén|één|Een|een|Twee|Drie|Vier|Het eerste|Het tweede|Het derde) (?:[\w-]+ )?"
    r"(?:onderzoek|onderzoeken|verkenning|verkenningen|advies|adviezen|rapport|rapporten|studie|studies|evaluatie"
    r"|evaluaties) (?:waarin|waarbij|waarmee|naar|over)\b"
    # a fragment: no main verb of its own after it (not "Een onderzoek naar ... liet zien", "... is afgerond")
    r"(?:(?!\b(?:is|zijn|was|waren|heeft|hebben|werd|werden|liet|bleek|wordt|worden)\b)[^.;])*[.;]?$"
)
THEMES_LISTED = re.compile(
    r"\b(?:\w*thema[’']?s|speerpunten|prioriteiten|focuspunten|aandachtspunten)\b[^:.;]*:\s*\S", re.I
)
THEMES_COUNTED = re.compile(
    r"\b(?:twee|drie|vier|vijf|zes|zeven|acht|negen|tien|\d{1,2})\s+(?:[\w-]+\s+)?(?:\w*thema[’']?s|hoofdlijnen"
    r"|opgaven|speerpunten|prioriteiten|focuspunten|aandachtspunten|pijlers|onderwerpen|focusgebieden)\b[^:.;]*:\s*\S",
    re.I,
)
HAS_DONE = re.compile(r"\b(?:heeft|hebben|had|hadden)\b", re.I)
CHOSEN = re.compile(r"\b(?:gekozen|uitgekozen|geselecteerd|vastgesteld|benoemd|bepaald|gepresenteerd)\s*:")
DECIDED_TO = re.compile(r"\b(?:is|zijn) (?:\w+ ){0,2}(?:besloten|gekozen) om\b(?:\s+[\w’'-]+)+?\s+te\s+\w+en\b")


def _account(statement, words, lowered, acting, year):
    """Does the sentence tell what was seen or done before, in its main clause ("Ze bekijkt ook in hoeverre de
    maatregelen ... effect hebben gesorteerd" is what will be studied)?"""
    main = _main_clause(statement)
    # a main clause without a verb, a name and the clause about it, is the clause's: "25 jaar waarin we gestreden
    # hebben voor ..." tells what was done
    opening = _words(main)
    verbless = not any(_is_verb(opening, k) or CLASS_OF.get(word) == "verb" for k, word in enumerate(opening))
    future = _names_year_ahead(statement, year)
    yet_to_do = AHEAD.search(statement) or TO_DO.search(statement)
    # A year ahead turns an account into a plan ("eind 2024 is ... afgerond"); a perfect stays an account unless it
    # also says what is yet to be done ("heeft besloten in 2025 ... te onderzoeken").
    # of the main clause: the perfect of a clause inside it is what is studied
    perfect = PERFECT.search(main) or PERFECT_PASSIVE.search(main) or (verbless and CLAUSE_PERFECT.search(statement))
    # a perfect joined by "en" to a clause that looks ahead says what was done and what it will do: "De ILT heeft haar
    # strategie gepresenteerd en kondigt aan meer nadruk te leggen op ...", "heeft ... vastgesteld en gaat ..."
    if perfect and re.match(r"\s+en\s+", main[perfect.end() :]) and AHEAD.search(main[perfect.end() :]):
        perfect = None
    # a perfect that names the period's themes, listing them after a colon, says what they are: "De ACM heeft recent
    # haar kernthema's voor 2020 en 2021 gepresenteerd: ..."; so does the choice of them, a lead-in whose verb of
    # choosing stands before the colon, without a year before: "heeft de rekenkamer vijf thema's uitgekozen: ..."
    chosen = CHOSEN.search(statement) and not _earlier_years(statement, year)
    if perfect and THEMES_LISTED.search(statement) and (future or chosen):
        return False
    seen = SEEN_OR_DONE.search(statement)
    # what it is busy with now, before what a clause joined to it says was done: "En ondertussen is de Rekenkamer volop
    # bezig met het onderzoek naar ... en ook het onderzoek naar ... werd inmiddels opgestart"
    if seen and BUSY.search(statement[: seen.start()]):
        seen = None
    if (perfect or seen) and (not future or (perfect and not yet_to_do)):
        return True
    # "is ... opgericht", "is ... om het leven gekomen" with an earlier year only: what happened then
    earlier = _earlier_years(statement, year) or PAST_TIME.search(statement)
    if earlier and not future and not yet_to_do and STATE_PERFECT.search(main):
        return True
    # an example or a result of what was done, a perfect opening the sentence: "Zo is de achterstand ... ingehaald"
    if ACHIEVED.match(main) and STATE_PERFECT.search(main) and not future and not yet_to_do:
        return True
    # the simple past beside the actor tells what was done, whatever year it names ("We deden ... onderzoeken"),
    # unless its own clause says what is yet to be done ("De ILT onderzocht of de transporten ... gaan" is done)
    return any(_past_beside(words, lowered, index) for index in acting) and not (
        AHEAD.search(main) or TO_DO.search(main)
    )


ACHIEVED = re.compile(r"^(?:Zo|Inmiddels|Intussen|Daarmee|Hiermee) (?:is|zijn)\b")
# The perfect in a clause's word order, its participle before "hebben": "waarin we gestreden hebben".
CLAUSE_PERFECT = re.compile(r"\b(?:[a-z]{2,5})?ge[a-zë]{3,}(?:d|t|en)\s+(?:heb|heeft|hebben)\b")
# The present progressive of its work: "is volop bezig met", "zijn druk bezig met".
BUSY = re.compile(r"\b(?:is|zijn|ben)\b(?:\s+[\w’'-]+){0,4}?\s+(?:(?:volop|druk|nog|al) )?bezig met\b", re.I)
# A time before named in words: "Afgelopen jaar is ... begonnen met ...", "vorig jaar", "eerder dit jaar".
PAST_TIME = re.compile(
    r"\b(?:(?:het )?afgelopen|vorig|vorige) (?:jaar|jaren|maand|maanden|periode|najaar|voorjaar)\b|\beerder dit jaar\b",
    re.I,
)


def _earlier_years(statement, year):
    return [int(found) for found in YEAR.findall(DOCUMENT_YEAR.sub("", statement)) if int(found) < year]


def _looks_back(sentence, year, actors=frozenset()):
    """Does a sentence (of a list item, a lead-in) tell what was done or what happened before?"""
    words = _words(sentence)
    lowered = [word.lower() for word in words]
    acting = [index for index in range(len(words)) if _is_actor(words, lowered, index, True, actors)]
    return _account(sentence, words, lowered, acting, year)


# A clause inside the sentence: what follows "of", "hoe", "in hoeverre", "die", "dat" ... after its opening words.
INNER_CLAUSE = re.compile(
    r"(?<=\S)\s+(?:of|hoe|hoeverre|waarom|wat|welke|die|dat|waarbij|waarin|waarmee|nadat|toen|wanneer)\b"
)


def _main_clause(statement):
    """The sentence up to the first clause inside it."""
    match = INNER_CLAUSE.search(statement, len(" ".join(statement.split()[:2])))
    return statement[: match.start()] if match else statement


def _verb_beside(words, lowered, index):
    """Is there a finite verb beside the actor at `index`: after its name ("De Inspectie Justitie en Veiligheid
    onderzoekt"), before it ("onderzoekt zij"), or before its article ("onderzoekt de Inspectie")?"""
    return any(_is_verb(words, position) for position in _verb_positions(words, lowered, index))


def _past_beside(words, lowered, index):
    """Is the verb beside the actor at `index` in the simple past ("We deden", "brachten we", "De ILT oefende")?
    Where a verb in the present stands before the actor, the word after it is no verb ("voert de ILT
    verschillende taken uit")."""
    after, *before = _verb_positions(words, lowered, index)
    if any(_is_verb(words, position) and not _is_past(lowered[position]) for position in before):
        return False
    # right after its name a word in -ende is a verb, no participle: "De ILT oefende ... uit"
    if 0 <= after < len(words) and words[after].islower() and len(words[after]) > 5 and words[after].endswith("ende"):
        return True
    return any(
        0 <= position < len(words) and words[position].islower() and _is_past(lowered[position])
        for position in (after, *before)
    )


# The simple past of strong and irregular verbs, by their forms (the weak verbs' past is known by its ending).
STRONG_PAST = frozenset(
    "deed deden bracht brachten keek keken ging gingen nam namen kwam kwamen gaf gaven vond vonden hield hielden "
    "liet lieten liep liepen schreef schreven bleef bleven had hadden kon konden wilde wilden moest moesten "
    "mocht mochten sprak spraken stond stonden lag lagen zat zaten trok trokken sloot sloten koos kozen bood boden "
    "ontving ontvingen begon kreeg kregen vroeg vroegen zocht zochten dacht dachten kocht kochten overleed "
    "onderzocht onderzochten bezocht bezochten trof troffen riep riepen droeg droegen sloeg sloegen schoot "
    "hing hingen verloor verloren won wonnen zond zonden voerde voerden leidde leidden".split()
)


def _is_past(word):
    """A verb in the simple past: a strong verb's form, a weak verb's singular ("oefende", "werkte"), the plural
    of a verb in -eren ("publiceerden"), or a weak plural whose stem ends in a sound no present plural in -den/-ten
    has before it ("waarschuwden", "werkten", "noemden", "hoopten", "startten"); other weak plurals in -den/-ten
    are left out, as the present has them too ("zetten", "houden", "melden", "richten")."""
    weak_singular = len(word) > 5 and word.endswith(("de", "te")) and not word.endswith("ende")  # not "volgende"
    weak_plural = len(word) > 6 and (
        word.endswith(("kten", "pten", "mden", "wden", "fden", "gden"))
        # a stem in a consonant and -t or -d: "startten", "meldden" (the present doubles after a short vowel only)
        or (word.endswith(("tten", "dden")) and word[-5] not in "aeiouy")
    )
    return word in STRONG_PAST or weak_singular or weak_plural or word.endswith("eerden")


def _verb_positions(words, lowered, index):
    """Where a finite verb stands beside the actor at `index`: after its name, before it, before its article."""
    end = index
    # A name of several words: "Inspectie Leefomgeving en Transport", "Inspectie van het Onderwijs".
    while end + 1 < len(words) and (
        words[end + 1][:1].isupper()
        or (lowered[end + 1] == "en" and end + 2 < len(words) and words[end + 2][:1].isupper())
    ):
        end += 1 if words[end + 1][:1].isupper() else 2
    if end + 3 < len(words) and lowered[end + 1 : end + 3] == ["van", "het"] and words[end + 3][:1].isupper():
        end += 3
    positions = [end + 1, index - 1]
    if index >= 2 and lowered[index - 1] in ("de", "het"):
        positions.append(index - 2)
    return positions


# A passive: a form of "worden" and a participle ending its clause ("wordt ... geïntensiveerd met", "worden
# interviews afgenomen.", "zal ... gemaakt worden").
PARTICIPLE = r"(?:ge\w{3,}|[a-z]{2,5}ge\w{2,}|(?:[a-z]{2,5})?(?:be|ver|ont|her)\w{3,})(?:d|t|en)"
CLAUSE_END = (
    r"(?=\s*(?:[.,;:]|$)|\s+(?:met|door|bij|op|in|via|voor|aan|om|en|zodat|waarbij|als|tot|naar|over|onder|vanuit)\b)"
)
PASSIVE = re.compile(
    r"\bvind(?:t|en)\b(?:\s+[\w’'()-]+){0,6}?\s+plaats\b|"
    # a fixed expression of examining, with a long subject between: "wordt ... de kwaliteit van X, Y en Z onder de
    # loep genomen"
    r"\b(?:wordt|worden)\b(?:\s+[\w’'(),-]+){0,20}?\s+onder de loep genomen\b|"
    rf"\b(?:wordt|worden)\b(?:\s+[\w’'()-]+){{0,8}}?\s+{PARTICIPLE}\b{CLAUSE_END}|\b{PARTICIPLE}\s+(?:wordt|worden)\b"
)
# The work as a noun, also in a compound: "deelonderzoeken", "incidentonderzoek", "toezichtcapaciteit".
WORK_SUFFIXES = ("onderzoek", "onderzoeken", "toezicht", "inspecties", "capaciteit")
# and the kinds of its visits, as an inspectorate of schools names them: "Deze doorlichtingen worden ter plaatse
# uitgevoerd", "De vijfjaarlijkse controle ... wordt uitgesteld"
PASSIVE_SUBJECTS = WORK_NOUNS | frozenset(
    "inzet inspecteurs controle controles doorlichting doorlichtingen inspectiebezoek inspectiebezoeken".split()
)


def _is_work_noun(word):
    """Its supervision or research, also in a compound: "toezicht", "voorvalonderzoek", "markttoezicht"."""
    return word in WORK_NOUNS or any(
        word.endswith(head) and len(word) >= len(head) + 3 for head in ("onderzoek", "onderzoeken", "toezicht")
    )


# and what the work makes, named by it in a compound: "De onderzoeksplannen en de onderzoeksresultaten worden
# gepubliceerd", "Het inspectierapport wordt ... behandeld"
WORK_PREFIXES = ("onderzoeks", "toezichts", "inspectie")


def _is_work(word):
    return (
        word in PASSIVE_SUBJECTS
        or word.endswith(WORK_SUFFIXES)
        or any(word.startswith(head) and len(word) >= len(head) + 4 for head in WORK_PREFIXES)
    )


def _agent_is_actor(words, lowered, acting):
    """ "... door de Inspectie": the inspectorate is the agent of the passive."""
    return any(
        index >= 1 and (lowered[index - 1] == "door" or (index >= 2 and lowered[index - 2] == "door"))
        for index in acting
    )


def _main_clause_passive(statement):
    """A passive of the sentence's own clause, not of a clause inside it ("levensmiddelen die aan de consument
    worden verkocht" says nothing of the work). A "Dat" or "Die" opening the sentence points back, it opens no
    clause: "Dat omvangrijke onderzoek wordt op 15 mei 2024 gepubliceerd"."""
    for match in PASSIVE.finditer(statement):
        before = statement[: match.start()]
        clause = re.split(r"[,;:(–]", before)[-1]
        words = _words(clause)
        if words and clause.strip() == before.strip() and words[0] in ("Dat", "Die"):
            words = words[1:]
        if not any(word.lower() in RELATIVES for word in words):
            return True
        # the main clause's own verbs after a clause inside it: its auxiliary before the clause, "worden" closing the
        # sentence ("In 2019 zullen de knelpunten bij de organisaties die ... uitmaken ... kenbaar gemaakt worden.")
        own = _main_clause(statement)
        if (
            match.group().endswith(("worden", "zijn"))
            and not statement[match.end() :].strip(" .")
            and re.search(r"\b(?:zal|zullen|moet|moeten|kan|kunnen)\b", own)
            and not re.search(r"\bworden\b", own)
        ):
            return True
    return False


# "is" or "zijn" with a participle: a perfect ("is ... gekomen") or a state ("is ... opgericht").
STATE_PERFECT = re.compile(rf"\b(?:is|zijn)\b(?:\s+[\w’'()-]+){{0,8}}?\s+{PARTICIPLE}\b{CLAUSE_END}")
FUTURE_PASSIVE = re.compile(
    r"\b(?:zal|zullen)\b(?:[\s,]+[\w’'()-]+){0,8}?[\s,]+worden\b|\bworden\b.*\b(?:zal|zullen)\b"
)


# The verbs of the work itself in the passive: "Alle instellingen worden onderzocht op ...", "Zo worden de meldingen
# ... gezamenlijk beoordeeld", "getoetst wordt of ...".
WORK_PARTICIPLES = (
    r"(?:onderzocht|beoordeeld|getoetst|gecontroleerd|geïnspecteerd|geinspecteerd|geëvalueerd|bezocht|doorgelicht"
    r"|gemonitord|bekeken|nagegaan)"
)
WORK_PASSIVE = re.compile(
    rf"\b(?:wordt|worden)\b(?:\s+[\w’'()-]+){{0,8}}?\s+{WORK_PARTICIPLES}\b|\b{WORK_PARTICIPLES}\s+(?:wordt|worden)\b",
    re.I,
)
# The impersonal passive, "er" in the subject's place at the sentence's opening: no subject at all, and the agent left
# out, the writer's own work ("Er wordt dit jaar ingezet op ...", "Daarbij wordt er gekeken naar ..."); not further in
# the sentence, where it is often of others ("..., omdat er in de regio's wordt samengewerkt").
THERE_PASSIVE = re.compile(
    r"^(?:[\w’']+ ){0,3}?(?:er (?:wordt|worden)|(?:wordt|worden) er)\b"
    # with its participle, also of a short stem ("ingezet", "opgezet")
    # (not of asking, expecting or saying: "Er wordt veel gevraagd van de inspectie" is what others ask of it, "Er
    # wordt vaak gesproken over ..." what is said)
    rf"(?:\s+[\w’'()-]+){{0,8}}?\s+(?!(?:gevraagd|verwacht|gezegd|gesproken|gedacht|gesteld)\b)"
    rf"(?:[a-z]{{0,5}}ge[a-zë]{{2,}}(?:d|t|en)|{PARTICIPLE})\b",
    re.I,
)
# ... and without "er", after an opening phrase: "wordt" right before its participle leaves no room for a subject
# ("In 17 programma’s wordt gewerkt aan ...", "Hierbij wordt aangesloten bij ...", "Voor de havens wordt verkend welke
# ...").
IMPERSONAL_PASSIVE = re.compile(
    r"^(?:In|Voor|Bij|Binnen|Met|Op|Vanaf|Tijdens|Naast|Hierbij|Daarbij|Hiervoor|Daarvoor|Daarnaast|Verder|Ook|Zo"
    r"|Daarom|Hierin|Daarin)\b[^.;:]*?\bwordt\s+(?:(?:ook|nog|verder|daarbij|hierbij|nadrukkelijk|actief|extra"
    rf"|vooral|intensief|intensiever|vaker|meer|sterker)\s+)*(?!(?:gevraagd|verwacht|gezegd|gesproken|gedacht|gesteld)\b)"
    rf"{PARTICIPLE}\s+(?:aan|bij|naar|op|met|over)\b"
)
WORK_STARTS = re.compile(
    r"\b(?:start|starten|begint|beginnen|loopt|lopen)\b(?:\s+[\w’'()-]+){0,8}?\s+\w*(?:onderzoek|onderzoeken|inspecties)\b"
    r"|\b\w*(?:onderzoek|onderzoeken|inspecties)\b(?:\s+[\w’'()-]+){0,8}?\s+(?:starten|beginnen|start|begint)\b",
    re.I,
)
# What there will be, "er komt": the present of "komen" as a thing's coming into being ("Zo komen er ook camera's in
# ...", "Er komt een nieuwe meting"), and work that comes ("komt onderzoek naar ..."); not what comes in, out of
# something or down to something ("Er komen meer meldingen binnen", "Daaruit komt er een beeld naar voren").
THERE_COMES = re.compile(
    r"(?:\b(?:komt|komen) er\b|\ber (?:komt|komen)\b"
    r"|\b(?:komt|komen) (?:een |nieuwe? |extra )?\w*(?:onderzoek|onderzoeken|toezicht|inspecties|controles)\b)"
    # (nor a trend, "Er komen steeds meer spelers"; a separable verb's particle anywhere, or at the clause's end
    # when it is also a preposition: "komen er experts langs", "komen er nieuwe veteranen bij")
    r"(?!\s+(?:steeds|alsmaar|almaar|telkens)\b)"
    r"(?!(?:\s+[\w’'()«»“”\"-]+){0,10}?\s+(?:binnen|terecht|naar voren|neer|voort|vandaan|tot stand|te|langs|terug"
    r"|tegen|samen|vrij)\b)"
    r"(?!(?:\s+[\w’'()«»“”\"-]+){0,12}?\s+(?:bij|uit|door|op|aan|mee|om|voor|af)\s*(?:[.,;:]|$))",
    re.I,
)
# What appears, a publication: "verschijnt in 2024", "komt in 2020 uit op 22 april"; not what something comes out of
# ("komt uit de regio").
APPEARS = re.compile(
    r"\b(?:verschijnt|verschijnen|(?:komt|komen)\b(?:\s+[\w’'-]+){0,4}?\s+uit\b(?!\s+(?:de|het|een|bij|voort|naar)\b))",
    re.I,
)
FURTHER = re.compile(r"\b(?:wordt|worden) (?:\w+ )?verder\b", re.I)
# Planned for a time: "is voorzien in het eerste kwartaal", "gepland voor maart", "staat geagendeerd voor het najaar".
PLANNED = re.compile(
    r"\b(?:gepland|ingepland|voorzien|geagendeerd)\s+(?:in|voor|vóór|op|rond|vanaf|tegen|medio|eind|begin)\b", re.I
)


def _names_part_of_year(statement):
    """Does the sentence name a quarter, a half, a season or a month (of the year ahead, when it names no year)?"""
    return bool(MONTH.search(statement) or any(pattern.search(statement) for pattern, _ in PERIODS))


def is_intention(sentence, year):
    return read_sentence(sentence, year).intention


OBJECT_PREPOSITIONS = frozenset("op aan bij naar over tegen onder".split())
SUBORDINATORS = frozenset(
    "dat die waar wanneer als omdat of hoe wat waarin waarbij waarmee zodat terwijl nadat voordat indien welke".split()
)
DETERMINERS = frozenset("het ons onze haar dit dat deze de".split())
# Words that open a clause inside the sentence ("als" and "of" also compare and join: "Net als bij de vorige Staat").
RELATIVES = SUBORDINATORS - {"als", "of"}
CLAUSE_OPENERS = SUBORDINATORS | frozenset("om aangezien hoewel doordat ondanks zoals waaronder bijvoorbeeld".split())
# "niet alleen ..., maar ook", "niet langer": no negation of the work.
NEGATION = re.compile(
    r"(?<!\bhet )(?<!\bal dan )\b(?:geen|niet)\b"
    r"(?!\s+(?:alleen|enkel|uitsluitend|slechts|meer|minder|eerder|langer|zozeer|zonder|te|zo)\b)",
    re.I,
)


def _negated(statement):
    """Does the sentence's own clause say what is not done ("vullen we niet onze hele formatie", "Voor 2024 is
    besloten dit toezicht niet voort te zetten", "Aan deze publicatie kunnen geen rechten worden ontleend")? A
    "niet" in a clause inside it ("onderzoekt waarom ... niet worden opgevolgd") is what is studied, "niet ...,
    maar ..." and "..., niet ..." say what is done instead, and "al dan niet" negates nothing."""
    if re.search(r",\s*maar\b", statement):
        return False
    for number, clause in enumerate(re.split(r"[,;:(–]", statement)):
        words = _words(clause)
        if not words or words[0].lower() in CLAUSE_OPENERS:
            continue
        if number and words[0].lower() == "niet":  # "We doen onderzoek naar ..., niet naar ...": what it does instead
            continue
        inner = next((i for i, word in enumerate(words) if word.lower() in SUBORDINATORS), len(words))
        if NEGATION.search(" ".join(words[:inner])):
            return True
    return False


QUANTITIES = frozenset("aantal aantallen meer minder extra vele enkele honderden duizenden".split())


def _is_staff(word):
    return word in STAFF or word.endswith("medewerkers")


def _is_actor(words, lowered, index, after_actor, actors=frozenset()):
    """Is the word at `index` the inspectorate acting (not its possessor, not someone else's "zij")?"""
    word, low = words[index], lowered[index]
    before = lowered[index - 1] if index else ""
    # "de inzichten van de Inspectie": the inspectorate owns something here, it does not act.
    if index >= 2 and lowered[index - 2] == "van" and words[index - 1] in ("de", "het"):
        return False
    if before == "van" and word[:1].isupper():  # "het domein van JenV", "de minister van SZW"
        return False
    # a later word of a name so owned or taken: "de formatie van de Inspectie SZW", "bij de Inspectie SZW"
    start = index
    while start >= 1 and words[start - 1][:1].isupper() and words[start][:1].isupper():
        start -= 1
    if start < index and start >= 2 and words[start - 1] in ("de", "het"):
        if lowered[start - 2] == "van" or lowered[start - 2] in OBJECT_PREPOSITIONS:
            return False
    # The object of a preposition is not the subject: "de Wet op de rijksinspecties", "bij de Inspectie"; the agent
    # of a passive ("door de Inspectie") is the one who acts.
    if (
        index >= 2
        and not _is_work_noun(low)
        and words[index - 1] in ("de", "het")
        and lowered[index - 2] in OBJECT_PREPOSITIONS
    ):
        return False
    # "De vraag voor inspecties is ...": the inspectorates in general, taken by a preposition
    if (
        before in OBJECT_PREPOSITIONS | {"voor", "met"}
        and word.islower()
        and low.endswith("s")
        and not _is_work_noun(low)
    ):
        return False
    # counted, "inspecties" are the inspections done, not inspectorates: "aantallen inspecties", "200 inspecties"
    if word.islower() and low.endswith("s") and (before.isdigit() or before in QUANTITIES):
        return False
    if low == "ons":
        after = lowered[index + 1] if index + 1 < len(words) else ""
        verb_before = _is_verb(words, index - 1) or CLASS_OF.get(before) == "verb"
        return verb_before and (not after or after in CLASS_OF)
    if low in ACTOR_NAMES or low in FIRST_PERSON or low in actors or TASK_BODY.match(low):
        return True
    if word[:1].isupper() and "+" + low in actors:  # the supervisory body the text names, "het Commissariaat"
        return True
    if _is_staff(low):
        # its staff: "De medewerkers werken daarbij samen ...", "onze inspecteurs"; not others' ("de medewerkers
        # van zorginstellingen"), unless of the organisation itself ("de medewerkers van de inspectie")
        after = lowered[index + 1 : index + 4]
        owner = after[2] if after[:1] == ["van"] and len(after) == 3 and after[1] in ("de", "het") else None
        if after[:1] == ["van"] and not (owner and (owner in ACTOR_NAMES or owner in actors or "+" + owner in actors)):
            return False
        return before in ("de", "onze", "haar", "zijn")
    # the head of the organisation's name with an article: "De dienst wil" after "De Auditdienst Rijk"
    if before in ("de", "het") and len(low) >= 5 and any(name.endswith(low) for name in actors if name[:1] not in "-+"):
        return True
    if word[:1].isupper() and low.endswith(ACTOR_SUFFIX):
        return True
    # a compound in lower case after its article, as Flemish writes it: "zet de onderwijsinspectie ... stop"
    if before == "de" and low.endswith("inspectie") and len(low) >= len("inspectie") + 3:
        return True
    if _is_work_noun(low):
        # The supervision as the subject: at the opening of the sentence ("Het toezicht op ... richt zich").
        # or after the verb, where an opening phrase comes first ("In 2024 richt het toezicht zich op ...").
        return (
            index == 0
            or (index <= 3 and before in DETERMINERS | {"worden", "wordt", "er"})
            or (index >= 2 and before in DETERMINERS and _is_verb(words, index - 2))
        )
    if low in THIRD_PERSON:
        # "zij" of the main clause refers back to the one who acted before; in "dat zij ..." it rarely does.
        return after_actor and before not in SUBORDINATORS
    # An inspectorate's abbreviation: ILT, IGJ, BIR, IR, NLA, NVWA, SodM.
    # (not one the text defines for a thing, "-ibra" among `actors`: see `named_things`)
    return bool(ABBREVIATION_NAME.match(word)) and word not in NOT_ACTORS and "-" + low not in actors


YEAR_SUBJECT = re.compile(r"^(?:Het jaar |In het jaar )?((?:19|20)\d{2}) (?:zal|wordt|staat|is|gaat)\b")


def _year_as_subject(sentence, year):
    """ "Het jaar 2024 zal in het teken staan van ...": the programme speaks of its year as a whole."""
    match = YEAR_SUBJECT.match(sentence)
    if match and re.match(r"\s*(?:het|een) (?:\w+ ){0,3}\w*jaar\b", sentence[match.end() :]):
        return False
    # nor the year named as what it is, a kind of year or a day in it ("2018 is ook een verkiezingsjaar", "2018 wordt
    # de 25ste verjaardag van ..."): its setting, no work; not the year in which it does something ("2022 wordt ook
    # het jaar waarin de Ksa een nieuwe fase ingaat")
    if (
        match
        and not re.search(r"\bwaarin\b", sentence)
        and re.match(
            r"(?:is|wordt)\s+(?:ook |dan |vooral |bovendien )?(?:het|een|de)\b", sentence[match.end(1) :].strip()
        )
    ):
        return False
    return bool(match) and int(match.group(1)) >= year


def _names_year_ahead(sentence, year):
    """Does the sentence name the programme's year, or a later one, as when something happens?"""
    # also the school year, as the inspectorate of education writes: "wordt uitgesteld naar volgend schooljaar"
    if re.search(
        r"\b(?:volgend|komend) (?:school|werk)?jaar\b|\bkomende jaren\b|\bdit (?:school|werk)jaar\b", sentence, re.I
    ):
        return True
    # "het Jaarwerkplan 2021", "Werkprogramma 2024": the year names a document, it does not say when
    sentence = DOCUMENT_YEAR.sub("", sentence)
    # a period of years, after a preposition of when, that runs into the programme's year or past it: "wordt in de
    # periode 2023-2025 ... onder de loep genomen", "gedurende 2024-2026"
    if any(int(end) >= year for end in PERIOD_OF_YEARS.findall(sentence)):
        return True
    return any(int(found) >= year for found in YEAR.findall(sentence))


def _names_time_before(sentence, year):
    """Does the sentence name a year before the programme's, or a period of years that ended before it?"""
    sentence = DOCUMENT_YEAR.sub("", sentence)
    return bool(_earlier_years(sentence, year) or PAST_TIME.search(sentence)) or any(
        int(end) < year for end in PERIOD_OF_YEARS.findall(sentence)
    )


PERIOD_OF_YEARS = re.compile(
    r"\b(?:in|gedurende|tijdens) (?:de )?(?:periode |jaren )?(?:19|20)\d{2}\s*[-–]\s*((?:19|20)\d{2})\b", re.I
)


DOCUMENT_YEAR = re.compile(
    r"\b(?:werkprogramma|jaarwerkplan|werkplan|jaarplan|meerjarenplan|jaarverslag|jaarbericht|begroting)\s+"
    r"(?:19|20)\d{2}\b",
    re.I,
)


def _is_verb(words, index):
    """A finite verb, by its form: a lower-case word ending in -t or -en that is no function word."""
    if not 0 <= index < len(words):
        return False
    word = words[index]
    return (
        word.islower()
        and len(word) > 2  # "zet", "let"
        and word.endswith(("t", "en"))
        and word not in FUNCTION_WORDS
        and word not in NOT_VERBS
    )


def _aside(sentence):
    """A remark on the document or on the past: it does not go on about the intention before it."""
    return bool(ABOUT_THE_DOCUMENT.search(sentence) or LOOKING_BACK.search(sentence))


def intentions(sentence_list, year):
    """The intentions among consecutive sentences, each with the sentences that go on about it."""
    return [" ".join(group) for group in _grouped(sentence_list, year)]


def _grouped(sentence_list, year, after_actor=False, page_end=False, actors=frozenset()):
    found, current, quoted, previous = [], None, False, None
    for number, sentence in enumerate(sentence_list, start=1):
        last = page_end and number == len(sentence_list)
        # A quote of several sentences: only the first has the opening quotation mark, at its start or after the
        # speaker's name and a colon ("Inspecteur-generaal ...: “Hoe kunnen we ...?").
        opening = OPENING_QUOTE.match(sentence) or SPEAKER_QUOTE.search(sentence)
        opens = opening and not CLOSING_QUOTE.search(sentence[opening.end() :])
        if quoted or opens:
            quoted = not CLOSING_QUOTE.search(sentence[opening.end() :] if opens else sentence)
            current, previous = None, None
            continue
        reading = read_sentence(sentence, year, after_actor=after_actor, page_end=last, actors=actors)
        if reading.intention and current is None and previous is not None and SUMS_UP.match(sentence):
            current = [previous, sentence]  # "X, Y en Z. Dit zijn enkele focuspunten ... voor 2024."
            found.append(current)
            after_actor, previous = True, sentence
            continue
        previous = sentence
        goes_on = GOES_ON.match(sentence) and not reading.intention and not _aside(sentence)
        # its means after the question of how, "X. Hoe? Door ...", go with the aim they serve
        asked = sentence.strip() == "Hoe?" and number < len(sentence_list) and HOW_ANSWER.match(sentence_list[number])
        answers = current is not None and current[-1].strip() == "Hoe?" and HOW_ANSWER.match(sentence)
        if current is not None and (ELABORATES.match(sentence) or goes_on or asked or answers):
            current.append(sentence)
            after_actor = after_actor or reading.acts
            continue
        current = None
        if reading.intention and not sentence.rstrip().endswith(":"):
            current = [sentence]
            found.append(current)
        after_actor = reading.acts
    return found


# --- due dates ----------------------------------------------------------------------------------

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            "januari jan",
            "februari feb",
            "maart mrt",
            "april apr",
            "mei",
            "juni jun",
            "juli jul",
            "augustus aug",
            "september sep sept",
            "oktober okt",
            "november nov",
            "december dec",
        ],
        start=1,
    )
    for name in names.split()
}
MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
# A date of the year after a preposition of when: "voor 1 januari", "vanaf 15 maart" (see read_sentence).
DATE_AHEAD = re.compile(
    rf"\b(?:op|voor|vóór|vanaf|per|uiterlijk|tot) (?:\d{{1,2}}|de \w+ week van) (?:{MONTH_NAMES})\b", re.I
)
YEAR_PART = r"(?:\s+(?:van\s+)?(?:het\s+jaar\s+)?((?:19|20)\d{2}))?"
# (pattern, month the period ends in); the year, when given, is the pattern's last group.
PERIODS = [
    (rf"\b(?:in\s+het\s+)?eerste\s+kwartaal{YEAR_PART}|\bQ1{YEAR_PART}", 3),
    (rf"\b(?:in\s+het\s+)?tweede\s+kwartaal{YEAR_PART}|\bQ2{YEAR_PART}", 6),
    (rf"\b(?:in\s+het\s+)?derde\s+kwartaal{YEAR_PART}|\bQ3{YEAR_PART}", 9),
    (rf"\b(?:in\s+het\s+)?(?:vierde|laatste)\s+kwartaal{YEAR_PART}|\bQ4{YEAR_PART}", 12),
    (rf"\b(?:eerste\s+(?:helft|half\s?jaar)|voorjaar|begin|voor\s+de\s+zomer(?:vakantie)?){YEAR_PART}", 6),
    (rf"\bmedio{YEAR_PART}|\bhalverwege{YEAR_PART}|\bzomer{YEAR_PART}", 7),
    (rf"\b(?:tweede\s+(?:helft|half\s?jaar)|najaar|eind|einde|uiterlijk\s+eind){YEAR_PART}", 12),
]
PERIODS = [(re.compile(pattern, re.I), month) for pattern, month in PERIODS]
MONTH = re.compile(rf"\b(?:in\s+|vanaf\s+|voor\s+|uiterlijk\s+|eind\s+)?({MONTH_NAMES})\b{YEAR_PART}", re.I)
QUOTED_YEAR = re.compile(r"\b(?:in|voor|vanaf|uiterlijk|tot|rond|per|jaar)\s+((?:19|20)\d{2})\b(?!\s*[-–/]\s*\d)", re.I)


def due_date_of(text, year, *, section_year=None):
    """When the intention is due: the end of the period the sentence names (a quarter, a half year, a month,
    "medio", "eind", "voor de zomer", a later year), else the end of its section's year, else 31 December of
    the programme's year. A period of an earlier year is background, not a due date."""
    candidates = []
    for pattern, month in PERIODS:
        for match in pattern.finditer(text):
            found = next((group for group in match.groups() if group), None)
            candidates.append((int(found) if found else None, month))
    for match in MONTH.finditer(text):
        word, found = match.group(1).lower(), match.group(2)
        if word in ("mei",) or len(word) > 3 or match.group(0).lower().startswith(("in ", "vanaf ", "voor ", "eind ")):
            candidates.append((int(found) if found else None, MONTHS[word]))
    for match in QUOTED_YEAR.finditer(text):
        candidates.append((int(match.group(1)), 12))
    default_year = section_year if section_year and section_year >= year else year
    dated = [(found or default_year, month) for found, month in candidates if (found or default_year) >= year]
    if not dated:
        return datetime.date(default_year, 12, 31)
    # The period named with a year of its own, else the first named; a later year wins over the programme's.
    chosen_year = max(found for found, _ in dated)
    month = min(month for found, month in dated if found == chosen_year)
    if chosen_year > year and all(month == 12 for found, month in dated if found == chosen_year):
        month = 12
    return _month_end(chosen_year, month)


def _month_end(year, month):
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


# --- candidates ---------------------------------------------------------------------------------

DOMAIN_WORDS = {
    "politie": "politie politieonderwijs agenten basispolitieopleiding hackbevoegdheid meldkamer openbare orde "
    "noodhulp opsporing politieacademie handhaving",
    "migratie": "migratie migratieketen asiel asielopvang asielketen asielzoekers vreemdelingen vreemdelingenketen "
    "ontheemden opvang statushouders terugkeer mensenhandel toelatingsprocedure",
    "jeugd": "jeugd jeugdketen jeugdbescherming kinderbescherming kinderen wachtlijsten jeugdzorg jeugdstrafrechtketen "
    "halt jeugdreclassering jongeren",
    "sanctietoepassing": "penitentiaire gevangenis gevangeniswezen gedetineerden detentie forensische justitiële "
    "inrichtingen jeugdinrichtingen tbs tbs-gestelden sanctietoepassing reclassering resocialisatie",
    "crisisbeheersing": "crisis crisisbeheersing veiligheidsregio veiligheidsregio’s rampen rampenbestrijding "
    "brandweer",
    "cannabis": "coffeeshop coffeeshops coffeeshopketen cannabis telers experiment wietteelt",
    "incasso": "incasso cjib boetes deurwaarders schulden",
    "strafrechtketen": "strafrechtketen strafrecht openbaar ministerie rechtspraak slachtoffers slachtofferrechten "
    "aangifte nabestaanden doorlooptijden",
}
GOAL_WORDS = {
    "veerkracht": "veerkracht weerbaarheid weerbaar veerkrachtig",
    "lerend-vermogen": "lerend vermogen leren aanbevelingen opgevolgd",
    "ketens": "ketens keten netwerken netwerk ketenpartners samenwerking",
    "burgerperspectief": "burgerperspectief burger burgers slachtoffers",
}
KIND_WORDS = {
    "publication": "publiceren publiceert gepubliceerd publicatie rapport uitbrengen verschijnt staat",
    "follow_up": "aanbevelingen opgevolgd opvolging vervolgonderzoek",
    "organisational": "meerjarenperspectief samenwerking samenwerkingsverbanden wet wettelijke informatiepositie "
    "netwerk jaarbericht werkprogramma basismonitor",
}
ORGANISATION = "organisatie"  # the Inspectie itself: where an intention names no supervised field
SUPERVISION = "supervision"
TITLE_LENGTH = 80


@dataclass
class Candidate:
    page: str
    statement: str
    domain: str
    kind: str
    goals: list = field(default_factory=list)
    due_date: datetime.date | None = None
    section: str = ""  # the heading it stands under
    title: str = ""


def page_text(page, model):
    """The running text of a page, its columns in reading order."""
    columns = page.columns if page.columns is not None else untangle(page.lines, model)
    return column_text([fragment for column in columns for fragment in column])


def own_organisation(pages):
    """The document's own organisation, learnt from its text: the name that most often opens a sentence as its
    subject, after an article and before a verb ("De Auditdienst Rijk wil ..."), at least twice; its first word,
    lower-cased, is then an actor, and so is its head with an article ("De dienst wil ..."). A name the rules know
    already (an inspectorate, an abbreviation) needs no learning."""
    subjects = Counter()
    for page in pages:
        # (also a list item's own sentence: joined into the page's text, it would follow the item before and its
        # heading, "Strategische doelstelling 1 • Het Kinderrechtencommissariaat adviseert ...")
        items = [BULLET.sub("", line, count=1) for line in page.lines if BULLET.match(line)]
        for sentence in sentences(" ".join(page.lines)) + [sentences(item)[0] for item in items if item.strip()]:
            words = _words(sentence)
            if len(words) < 3 or words[0] not in ("De", "Het") or not words[1][:1].isupper():
                continue
            end = 1
            while end + 1 < len(words) and words[end + 1][:1].isupper():
                end += 1
            verb = words[end + 1] if end + 1 < len(words) else ""
            if CLASS_OF.get(verb) == "verb" or _is_verb(words, end + 1):
                subjects[words[1]] += 1
    return _subject_name(subjects) | _supervisory_body(pages) | _bare_name(pages)


def _bare_name(pages):
    """A name without an article that opens sentences as their subject before a verb ("Unia zet in op ...", "Unia
    doet wat ze zegt"), at least three times, and is a name: with its capital also inside a sentence ("de visie van
    Unia"), never in lower case."""
    text = " ".join(line for page in pages for line in page.lines)
    openings = Counter()
    for sentence in sentences(text):
        words = _words(BULLET.sub("", sentence, count=1))
        if len(words) >= 3 and words[0][:1].isupper() and words[0].isalpha() and words[0] not in FUNCTION_WORDS:
            if words[1].islower() and (CLASS_OF.get(words[1]) == "verb" or _is_verb(words, 1)):
                openings[words[0]] += 1
    for name, count in openings.most_common():
        if count < 3:
            break
        low = name.lower()
        if low in FUNCTION_WORDS or low in ACTOR_NAMES or re.search(rf"\b{low}\b", text):
            continue  # a word that is also written in lower case is no name
        inside = re.findall(rf"(?<![.!?:]\s)(?<!^)\b\w+ {name}\b", text)
        if any(word[:1].islower() for word in (found.split()[0] for found in inside)):
            return frozenset({low})
    return frozenset()


def _subject_name(subjects):
    if not subjects:
        return frozenset()
    name, count = subjects.most_common(1)[0]
    known = name.lower() in ACTOR_NAMES or name.lower().endswith(ACTOR_SUFFIX) or ABBREVIATION_NAME.match(name)
    return frozenset() if count < 2 or known or name.lower() in FUNCTION_WORDS else frozenset({name.lower()})


# The nouns that name a supervisory or advisory body in Dutch: with a capital, after an article, the text's own
# organisation ("het Commissariaat voor de Media", "het College", "de Zorgautoriteit").
BODY_NOUNS = (
    "commissariaat college autoriteit raad inspectie dienst agentschap ombudsman bureau rekenkamer toezichthouder"
).split()
BODY = re.compile(r"\b(?:de|het|De|Het)\s+([A-Z][a-z]+)\b")


def _supervisory_body(pages):
    """The supervisory body the text names most often by a noun that names one, with a capital and an article
    ("het Commissariaat", "Het College"), at least twice: learnt as "+commissariaat", an actor with its capital
    only (a municipality's "het college" of its aldermen is not it)."""
    heads = Counter(
        head.lower()
        for page in pages
        for head in BODY.findall(" ".join(page.lines))
        if head.lower() in BODY_NOUNS or head.lower().endswith(("autoriteit", "raad", "dienst"))
    )
    if not heads:
        return frozenset()
    head, count = heads.most_common(1)[0]
    return frozenset({"+" + head}) if count >= 2 else frozenset()


# An abbreviation the text defines for a thing, not for an organisation: "de ILT-brede risicoanalyse (IBRA)", a
# word in lower case before the brackets and no name before it ("de Autoriteit woningcorporaties (Aw)" is one).
DEFINED_ABBREVIATION = re.compile(r"(?:^|\s)(\S+)\s+([^\W\d_][\w’'-]*)\s+\(([A-Z][A-Za-z]{1,5})\)")


LAW_ABBREVIATION = re.compile(
    r"\b(?:Wet|Besluit|Regeling|Verordening|Richtlijn|Algemene [Vv]erordening|[A-Z][a-z]+wet)\b[^().;:]{0,80}?"
    r"\(([A-Z][A-Za-z]{1,5})\)"
)


def named_things(pages):
    """The abbreviations the text defines for things (a method, a regulation), lower-cased: they do not act."""
    things = set()
    for page in pages:
        for before, word, abbreviation in DEFINED_ABBREVIATION.findall(" ".join(page.lines)):
            name_before = before[:1].isupper() and "-" not in before
            if word[:1].islower() and not name_before:
                things.add(abbreviation.lower())
        # and a law's or a regulation's, whose name has capitals too: "Het Besluit Begroting en Verantwoording
        # (BBV)", "de Algemene verordening gegevensbescherming (AVG)", "de Arbeidsomstandighedenwet (Arbowet)"
        for abbreviation in LAW_ABBREVIATION.findall(" ".join(page.lines)):
            things.add(abbreviation.lower())
    return frozenset(things)


def join_model(pages):
    return JoinModel([line for page in pages for line in page.lines])


def candidates(pages, year, *, model=None):
    """The candidate commitments of a work programme's pages for `year`."""
    pages = list(pages)
    _drop_running_headers(pages)
    model = model or join_model(pages)
    actors = own_organisation(pages) | {"-" + thing for thing in named_things(pages)}
    found, seen = [], set()
    headings = []  # the headings above, nearest last
    for page in pages:
        for candidate in page_candidates(page, year, model, headings, actors=actors):
            if candidate.statement in seen:  # a text said twice (a repeated caption, a quote) is one commitment
                continue
            seen.add(candidate.statement)
            found.append(candidate)
    return found


def page_candidates(page, year, model, headings=None, *, actors=frozenset()):
    """The candidates of one page; `headings` carries the section headings over from the page before."""
    headings = [] if headings is None else headings
    found, run, lead = [], [], None
    section_year = None
    # Did the inspectorate act in the last sentence before? Then a "zij" after a heading is still the inspectorate.
    acted = [False]

    def flush(page_end=False):
        for statement in intentions_of(run, year, page_end=page_end, after_actor=acted[0], actors=actors):
            found.append(_candidate(page, statement, year, headings, section_year))
        if run:
            acted[0] = read_sentence(run[-1], year, actors=actors).acts
        run.clear()

    blocks = [block for block in page_blocks(page, model) if not CAPTION.match(block.text) and _words(block.text)]
    carried = None  # a lead-in ending with a colon whose list goes on under short headings of its groups
    planned = None  # the lead-in of the last list of the plan under this heading
    before_lead = ""  # the sentence before the lead-in, which a lead-in such as "Dit betekent onder meer:" goes on from
    for block in blocks:
        if block.kind == HEADING:
            # A lead-in with a colon promises a list; a short heading right after it, or between its items, names a
            # group of them ("De onderzoeken gaan over de volgende thema's:", "Economie", items, "Maatschappij",
            # items): the lead-in still introduces the items under it. Not a numbered heading, a new section.
            opens = lead is None and run and run[-1].rstrip().endswith(":")
            if (opens or (lead is not None and lead.rstrip().endswith(":"))) and _group_heading(block.text):
                carried = run[-1] if opens else lead
            else:
                carried = None
            flush()
            lead = planned = None
            match = YEAR_HEADING.match(block.text)
            if match:
                section_year = int(match.group(1))
                continue
            section_year = None
            headings.append(block.text)
            del headings[:-3]
        elif block.kind == ITEM:
            if lead is None and run:
                lead = run[-1]
                before_lead = run[-2] if len(run) > 1 else ""
                # a list of the plan whose items each have a paragraph under them goes on after the paragraph, when
                # that ends with no lead-in of its own ("• Subsidiebeleid", its paragraph, "• Cyberveiligheid", ...)
                if planned and not lead.rstrip().endswith((":", "?")):
                    lead = planned
            elif lead is None and carried:
                lead = carried
            flush()
            heading = headings[-1] if headings and lead is None else ""
            schedule = SCHEDULE_STEP.match(block.text.strip())
            if schedule and int(schedule.group(1)) >= year:
                # a step of its schedule, the period ahead and what is done in it: the whole item is the plan
                found.append(_candidate(page, block.text.strip(), year, headings, section_year, lead=lead or ""))
            elif _list_looks_ahead(lead, section_year, year, heading, actors, previous=before_lead):
                planned = lead
                statement = _item_statement(block.text.strip(), year, actors)
                # a lead-in of its own, or a question it asks (the questions of its research in general: "Bereiken
                # we wat we willen bereiken?"), as a sentence that asks is none
                # and a label that only numbers what follows ("Strategische doelstelling 1"), the heading of an item
                if (
                    not statement
                    or statement.endswith(":")
                    or (statement.endswith("?") and ":" not in statement)
                    or ITEM_LABEL.fullmatch(statement)
                ):
                    continue
                found.append(_candidate(page, statement, year, headings, section_year, lead=lead or ""))
            elif section_year is None:
                # an item of a list that is not introduced as the plan is still a sentence when it is one: read by
                # the rules for sentences ("Opvallende punten": "De Inspectie kiest voor een focus op ...")
                # and under a question of how the organisation works, which its items answer ("Hoe gaan we om met
                # ...?"): an item in which it acts says how it will do its work
                asks = _asks_how_it_works(lead or heading, year, actors)
                for statement in intentions_of(sentences(block.text.strip()), year, actors=actors):
                    if (
                        AHEAD.search(statement)
                        or INTENT.match(statement)
                        # an aim with the means it will be reached by, asked and answered ("... Hoe? Door ...")
                        or HOW_ANSWERED.search(statement)
                        or _names_year_ahead(statement, year)
                        or (asks and read_sentence(statement, year, after_actor=True, actors=actors).intention)
                    ):
                        found.append(_candidate(page, statement, year, headings, section_year, lead=lead or ""))
        else:
            lead = carried = None
            run.extend(sentences(block.text))
    flush(page_end=True)
    return found


GROUP_HEADING_WORDS = 4


def _group_heading(text):
    """A short heading of a group of a list's items: a few words, not numbered ("Economie", "Arbeid en inkomen")."""
    return len(_words(text)) <= GROUP_HEADING_WORDS and not re.match(r"^\s*\d", text)


def intentions_of(sentence_list, year, page_end=False, after_actor=False, actors=frozenset()):
    groups = _grouped(sentence_list, year, after_actor=after_actor, page_end=page_end, actors=actors)
    return [" ".join(group) for group in groups]


HOW_ANSWERED = re.compile(r"\. Hoe\? Door\b")


def _asks_how_it_works(question, year, actors=frozenset()):
    """Is `question` one of how or what the organisation itself does ("Hoe gaan we om met ...?", "Wat doet de
    inspectie ...?"), not of what others do or a question of its research?"""
    question = question.rstrip()
    if not question.endswith("?") or not re.match(r"(?:Hoe|Wat|Wanneer|Waar)\b", question):
        return False
    statement = question[:-1] + "."
    # not one of what it did ("Wat deed de inspectie in 2024?"), nor of a year before
    earlier = [int(found) for found in YEAR.findall(DOCUMENT_YEAR.sub("", statement)) if int(found) < year]
    if _looks_back(statement, year, actors) or (earlier and not _names_year_ahead(statement, year)):
        return False
    return read_sentence(statement, year, actors=actors).acts


def _list_looks_ahead(lead, section_year, year, heading="", actors=frozenset(), previous=""):
    """The items of a list are intentions when the list is introduced as what is to be done: its year heading
    names the programme's year or a later one; or its lead-in (ending with a colon, or naming focal points)
    looks ahead, names such a year, names the focal points, or is about the work ("De toezichtlijnen zijn:")
    without looking back; or, with no lead-in, the heading right above it names such a year ("Nieuwe
    onderzoeken in 2019")."""
    if section_year is not None:
        return section_year >= year
    if not lead:
        # also the programme's own title with its period over a list of the work ("Onderzoeksprogramma 2024-2025",
        # "Planning 2025-2026"), the programme in short
        period = HEADING_PERIOD.search(heading or "")
        if period and int(period.group(1)) <= year <= int(period.group(2)):
            return True
        return bool(heading) and _names_year_ahead(DOCUMENT_YEAR.sub("", heading), year)
    if lead.rstrip().endswith("?"):
        # a question of what it will do, answered by the list: "Wat wil de inspectie in 2022 doen?"
        reading = read_sentence(lead.rstrip()[:-1] + ".", year, actors=actors)
        return reading.acts and bool(AHEAD.search(lead)) and _names_year_ahead(lead, year)
    if not (lead.rstrip().endswith(":") or FOCAL_POINTS.search(lead)):
        return False
    # a lead-in naming only years before the programme's tells what was done then: "En drie afgeronde
    # onderzoeken in 2022:" in the programme for 2023
    earlier = [int(found) for found in YEAR.findall(DOCUMENT_YEAR.sub("", lead)) if int(found) < year]
    if earlier and not _names_year_ahead(lead, year) and not AHEAD.search(lead):
        return False
    # a lead-in whose verb, after its subject, is in the simple past tells what was: "De Toezichtagenda onderscheidde
    # daarvoor drie thema’s:"; not a participle as an adjective ("De twee geplande onderzoeken:", "uitgebreide")
    words = _words(lead)
    verb = words[2] if len(words) > 2 and words[0] in ("De", "Het") else ""
    participle = re.match(r"^(?:[a-z]{2,5})?ge\w{3,}(?:de|te)$", verb)
    if (
        verb.islower()
        and _is_past(verb)
        and not participle
        and not (_names_year_ahead(lead, year) or AHEAD.search(lead))
    ):
        return False
    about_the_work = (
        any(WORK_WORD.search(word) for word in _words(lead)) or read_sentence(lead, year, actors=actors).acts
    )
    # (what follows, "de volgende", "onder meer", is the plan only when the lead-in speaks of the work or the
    # organisation: "Het gaat om de volgende indicatoren:" lists what others report)
    # (or when it goes on from a sentence of the plan: "In 2025 onderzoekt de inspectie ... Dit betekent onder meer:")
    focal = FOCAL_POINTS.search(lead)
    if focal and FOLLOWING.fullmatch(focal.group()) and not FOCAL_POINTS.search(lead, focal.end()):
        goes_on = previous and ELABORATES.match(lead) and read_sentence(previous, year, actors=actors).intention
        focal = focal if about_the_work or goes_on else None
    if _names_year_ahead(lead, year) or AHEAD.search(lead) or focal:
        return True
    return (
        lead.rstrip().endswith(":")
        and about_the_work
        and not MEANS.search(lead)
        and not _looks_back(lead, year, actors)
    )


HEADING_PERIOD = re.compile(
    # (also the period's aims: "Strategische doelstellingen 2014-2019")
    r"^(?:\w+\s+){0,2}?(?:\w*programma|\w*plan|\w*agenda|planning|\w*doelstellingen|\w*doelen|prioriteiten"
    r"|speerpunten)\s+((?:19|20)\d{2})\s*[-–]\s*((?:19|20)\d{2})\s*$",
    re.I,
)
# The supervision or research named in a word, also inside a compound: "toezichtlijnen", "onderzoeksthema's".
WORK_WORD = re.compile(r"toezicht|onderzoek|inspecties", re.I)
# A list of its kinds of work, instruments or tasks is what it can do, not the plan: "De Inspectie hanteert
# verschillende vormen van toezicht:".
# What something consists of is no plan either: "De programmatische aanpak van de ILT bestaat uit:", "De
# Rekenkamer bestaat uit:" (its members).
MEANS = re.compile(r"\b(?:vormen|soorten|instrumenten|taken|middelen|bevoegdheden|bestaat uit|bestaan uit)\b", re.I)


def _item_statement(text, year, actors=frozenset()):
    """A list item's own words: its first sentence ("Goed voorbereid zijn op vergunningsaanvragen."), with the
    sentences after it that state an intention themselves ("De inspectie onderzoekt in hoeverre ..."); its sentences
    of background are left out, those that look back ("In 2015 is een duiker ... om het leven gekomen", also before
    its own words) and the others ("In het coalitieakkoord presenteert het kabinet plannen ...")."""
    parts = sentences(text)
    kept = [part for part in parts if not _looks_back(part, year, actors)]
    if len(parts) == 1 or not kept:
        return text
    # and the short fragments that go on with its list, names without a verb: "Onderzoeken: demografie en beleid.
    # Verbonden partijen. Armoedebeleid."
    further = [
        part
        for part in kept[1:]
        if len(_words(part)) < MIN_WORDS or read_sentence(part, year, after_actor=True, actors=actors).intention
    ]
    return " ".join([kept[0], *further])


# A step of a schedule: a list item that opens with a part of a year, the programme's or a later one, and a colon
# ("1e kwartaal 2024: uitvoering onderzoek", "Q3 2025: rapportage", "Najaar 2024: ...", "Maart 2025: ...").
SCHEDULE_STEP = re.compile(
    r"^(?:(?:[1-4]e|eerste|tweede|derde|vierde|laatste) (?:kwartaal|helft|half ?jaar)|Q[1-4]|(?:begin|medio|eind)"
    rf"|voorjaar|zomer|najaar|winter|{MONTH_NAMES})(?: van)?(?: het jaar)? ((?:19|20)\d{{2}})\s*:\s*\S",
    re.I,
)


# A list item that is a label numbering the item after it, a name and a number: "Strategische doelstelling 1".
ITEM_LABEL = re.compile(r"(?:[\w’'-]+\s+){0,2}[\w’'-]+\s+\d{1,2}\.?")


# A lead-in that names what the supervision will be about: its items are the intentions.
FOCAL_POINTS = re.compile(
    r"\b(?:speerpunten|prioriteiten|focuspunten|aandachtspunten|toezichtthema[’']?s|thema[’']?s|onderwerpen"
    r"|de volgende|onder meer|onder andere)\b",
    re.I,
)


FOLLOWING = re.compile(r"de volgende|onder meer|onder andere", re.I)


def _candidate(page, statement, year, headings, section_year, lead=""):
    context = " ".join(headings[-2:])
    domain = guess(statement, DOMAIN_WORDS, None) or guess(lead + " " + context, DOMAIN_WORDS, ORGANISATION)
    goals = guess_all(statement + " " + context, GOAL_WORDS)
    kind = guess(statement, KIND_WORDS, SUPERVISION)
    return Candidate(
        page=page.label,
        statement=statement,
        domain=domain,
        kind=kind,
        goals=goals,
        due_date=due_date_of(statement, year, section_year=section_year),
        section=headings[-1] if headings else "",
        title=title_of(statement),
    )


def candidate_of(statement, year, *, page="", section=""):
    """A candidate for a sentence that someone chose and the rules did not offer (curation), guessed as the rules
    guess: the domain and goals from the sentence and its section, the kind and the due date from the sentence."""
    return _candidate(Page(label=page, columns=None, lines=[]), statement, year, [section] if section else [], None)


def guess(statement, words_by_code, default):
    """The code whose words the statement uses most, or the default."""
    text = statement.lower()
    words = {word.lower() for word in _words(statement)}
    counts = {code: _hits(words, text, vocabulary) for code, vocabulary in words_by_code.items()}
    best = max(counts, key=counts.get)
    return best if counts[best] else default


def guess_all(text, words_by_code):
    words = {word.lower() for word in _words(text)}
    return [code for code, vocabulary in words_by_code.items() if _hits(words, text.lower(), vocabulary)]


def _hits(words, text, vocabulary):
    terms = vocabulary.split()
    return len(words & set(terms))


def title_of(statement):
    """A first title for staff to improve: the statement's first sentence, cut at a word."""
    first = sentences(statement)[0] if sentences(statement) else statement
    first = first.strip().rstrip(".;:")
    if len(first) <= TITLE_LENGTH:
        return first
    return first[: TITLE_LENGTH - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
