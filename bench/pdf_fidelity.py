"""How much the extraction loses when a programme comes as a PDF rather than as text.

Each text of the held-out sets (tests/data/heldout, heldout-b ... heldout-n; not the unseen sets) is set as a PDF the
way real programmes look: A4, a running header with the organisation's name and a running footer with the page
number on every page (WeasyPrint's @page margin boxes), the lines that look like headings in a larger bold font,
bulleted and numbered lines as list items; by the file's name, half in two columns (CSS column-count: 2) and half
in one, and half of each with hyphenation on (hyphens: auto, lang=nl). The PDF is read back with `pages_from_pdf`
and its candidates are matched to the file's intentions by the tests' rule (tests/test_extract_candidates.py `finds`),
per file and ignoring the page (the PDF's pages are not the text's). The same files read from text give the text
figures. Rendering takes a while, so the PDFs are kept in a cache folder (by a hash of their HTML).

    .venv/bin/python bench/pdf_fidelity.py [--sets heldout-b,heldout-c] [--show-lost] [--jobs 2]
"""

import argparse
import csv
import hashlib
import html
import os
import re
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402

django.setup()

from intake import extraction  # noqa: E402
from tests.test_extract_candidates import finds  # noqa: E402

DATA = ROOT / "tests" / "data"
SETS = ["heldout", *(f"heldout-{letter}" for letter in "bcdefghijklmn")]
CACHE = Path(tempfile.gettempdir()) / "wpsite-pdf-fidelity"
ORGANISATIONS = {
    "jenv": "Inspectie Justitie en Veiligheid",
    "igj": "Inspectie Gezondheidszorg en Jeugd",
    "ilt": "Inspectie Leefomgeving en Transport",
    "onderwijs": "Inspectie van het Onderwijs",
    "nvwa": "Nederlandse Voedsel- en Warenautoriteit",
    "nla": "Nederlandse Arbeidsinspectie",
    "szw": "Inspectie SZW",
    "sodm": "Staatstoezicht op de Mijnen",
    "ioe": "Inspectie Overheidsinformatie en Erfgoed",
    "bir": "Inspectie Justitie en Veiligheid",
}
BULLET_LINE = re.compile(r"^\s*(?:[•●▪■◦○·∙‣⁃*]|[-–—](?=\s))\s*")
NUMBER_LINE = re.compile(r"^\s*\d{1,2}[.)]\s+")
STYLE = """
@page {{ size: A4; margin: 2.5cm 2cm 2.2cm;
  @top-left {{ content: "{organisation}"; font: 8pt sans-serif; color: #555 }}
  @top-right {{ content: "{title}"; font: 8pt sans-serif; color: #555 }}
  @bottom-{footer_side} {{ content: {footer}; font: 8pt sans-serif }} }}
body {{ font: 10pt/1.35 serif; {hyphens} }}
.text {{ {columns} }}
h2 {{ font: bold 14pt sans-serif; margin: 1em 0 0.4em }}
p {{ margin: 0 0 0.7em }}
ul {{ margin: 0 0 0.7em; padding-left: 1.2em }}
"""


def looks_like_heading(line):
    line = line.strip()
    first = line.lstrip("“„\"‘'")[:1]  # also a quote as a heading, a pull quote: "“Resultaten laten zien, ...”"
    return (
        0 < len(line) <= 90
        and len(line.split()) <= 12
        and not re.search(r"[.!?:;,]['’”\")]*$", line)
        and (first.isupper() or first.isdigit())
    )


def html_of(text, organisation, title, *, two_columns, hyphens, footer):
    """The text as a programme's HTML: a paragraph per paragraph (hard line breaks inside one joined), a paragraph's
    first lines that look like headings as headings, bulleted and numbered lines as list items."""
    body = []
    for paragraph in re.split(r"\n[ \t]*\n", text.replace("\f", "\n\n")):
        lines = [line.strip() for line in paragraph.splitlines() if line.strip()]
        if not lines:
            continue
        # a heading over its paragraph without a blank line between them is one too (as the text path reads it)
        while (
            lines and looks_like_heading(lines[0]) and not (BULLET_LINE.match(lines[0]) or NUMBER_LINE.match(lines[0]))
        ):
            body.append(f"<h2>{html.escape(lines.pop(0))}</h2>")
        if lines:
            body.extend(_paragraph_html(lines))
    style = STYLE.format(
        organisation=organisation,
        title=title,
        footer_side="center" if footer == "number" else "right",
        footer="counter(page)" if footer == "number" else '"Pagina " counter(page) " van " counter(pages)',
        hyphens="hyphens: auto;" if hyphens else "",
        columns="column-count: 2; column-gap: 1cm;" if two_columns else "",
    )
    head = f'<html lang="nl"><head><meta charset="utf-8"><style>{style}</style></head>'
    return head + f'<body><div class="text">{"".join(body)}</div></body></html>'


def _paragraph_html(lines):
    """A paragraph's lines as HTML: running lines joined into a paragraph, bulleted lines (and the lowercase lines
    that go on with them) as the items of a list, numbered ones ("1. ...") as those of a numbered list."""
    parts, items, running, kind = [], [], [], None

    def close_list():
        if items:
            parts.append(f"<{kind}>" + "".join(f"<li>{html.escape(item)}</li>" for item in items) + f"</{kind}>")
            items.clear()

    for line in lines:
        marker = "ul" if BULLET_LINE.match(line) else "ol" if NUMBER_LINE.match(line) else None
        if marker:
            if running:
                parts.append(f"<p>{html.escape(' '.join(running))}</p>")
                running = []
            if marker != kind:
                close_list()
            kind = marker
            items.append((BULLET_LINE if marker == "ul" else NUMBER_LINE).sub("", line, count=1))
        elif items and line[:1].islower():
            items[-1] += " " + line
        elif running and re.search(r"[.!?]['’”\")]*$", running[-1]) and looks_like_heading(line):
            # a heading between two sentences on a line of its own, where a web text has no blank lines
            close_list()
            parts.append(f"<p>{html.escape(' '.join(running))}</p>")
            parts.append(f"<h2>{html.escape(line)}</h2>")
            running = []
        else:
            close_list()
            running.append(line)
    close_list()
    if running:
        parts.append(f"<p>{html.escape(' '.join(running))}</p>")
    return parts


def layout_of(filename):
    """Two columns or one, hyphenation or not, and the footer's form, by the file's name (stable across runs)."""
    digest = int(hashlib.sha256(filename.encode()).hexdigest(), 16)
    return {
        "two_columns": digest % 2 == 0,
        "hyphens": digest // 2 % 2 == 0,
        "footer": ("number", "pages")[digest // 4 % 2],
    }


def files_of(name):
    rows = list(csv.DictReader((DATA / name / "intentions.csv").open(encoding="utf-8")))
    years = {row["file"]: int(row["programme"]) for row in rows}
    if (DATA / name / "files.csv").exists():
        years |= {row["file"]: int(row["programme"]) for row in csv.DictReader((DATA / name / "files.csv").open())}
    return [
        (filename, year, [row["statement"] for row in rows if row["file"] == filename])
        for filename, year in sorted(years.items())
    ]


def pdf_of(name, filename, year):
    import weasyprint

    text = (DATA / name / filename).read_text(encoding="utf-8")
    organisation = ORGANISATIONS.get(filename.split("-")[0], "Rijksinspectie")
    layout = layout_of(filename)
    document = html_of(text, organisation, f"Werkprogramma {year}", **layout)
    path = CACHE / f"{hashlib.sha256(document.encode()).hexdigest()[:20]}.pdf"
    if not path.exists():
        CACHE.mkdir(exist_ok=True)
        weasyprint.HTML(string=document).write_pdf(path)
    return path


def measure_file(job):
    """(layout, text candidates, PDF candidates, intentions) of one file."""
    name, filename, year, intentions = job
    text = (DATA / name / filename).read_text(encoding="utf-8")
    from_text = [c.statement for c in extraction.candidates(extraction.pages_from_text(text), year)]
    from_pdf = [
        c.statement for c in extraction.candidates(extraction.pages_from_pdf(pdf_of(name, filename, year)), year)
    ]
    return layout_of(filename), from_text, from_pdf, intentions


def tally(found, intentions):
    hits = sum(any(finds(c, i) for i in intentions) for c in found)
    recalled = sum(any(finds(c, i) for c in found) for i in intentions)
    return [hits, len(found), recalled, len(intentions)]


def add(total, part):
    return [a + b for a, b in zip(total, part, strict=True)]


def figures(counts):
    hits, found, recalled, intentions = counts
    recall, precision = recalled / max(intentions, 1), hits / max(found, 1)
    return f"recall {recall:6.1%} ({recalled:3}/{intentions:3}), precision {precision:6.1%} ({hits:3}/{found:3})"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sets", default=",".join(SETS))
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--show-lost", action="store_true", help="print the intentions found from text, not from PDF")
    arguments = parser.parse_args()
    names = arguments.sets.split(",")
    assert not {"heldout-o", "heldout-p"} & set(names), "the unseen sets are not measured here"
    jobs = [(name, *file) for name in names for file in files_of(name)]
    with ProcessPoolExecutor(arguments.jobs) as pool:
        results = list(pool.map(measure_file, jobs, chunksize=1))
    pooled = {"text": [0] * 4, "pdf": [0] * 4}
    by_layout = {}
    for name in names:
        per_set = {"text": [0] * 4, "pdf": [0] * 4}
        for job, (layout, from_text, from_pdf, intentions) in zip(jobs, results, strict=True):
            if job[0] != name:
                continue
            text_counts, pdf_counts = tally(from_text, intentions), tally(from_pdf, intentions)
            per_set["text"], per_set["pdf"] = add(per_set["text"], text_counts), add(per_set["pdf"], pdf_counts)
            key = ("two columns" if layout["two_columns"] else "one column") + (
                ", hyphens" if layout["hyphens"] else ""
            )
            by_layout.setdefault(key, {"text": [0] * 4, "pdf": [0] * 4})
            by_layout[key]["text"] = add(by_layout[key]["text"], text_counts)
            by_layout[key]["pdf"] = add(by_layout[key]["pdf"], pdf_counts)
            if arguments.show_lost:
                for intention in intentions:
                    if any(finds(c, intention) for c in from_text) and not any(finds(c, intention) for c in from_pdf):
                        print(f"  lost  {name}/{job[1]} [{key}]: {intention}")
                for candidate in from_pdf:
                    if not any(finds(candidate, i) for i in intentions) and candidate not in from_text:
                        print(f"  extra {name}/{job[1]} [{key}]: {candidate}")
        pooled["text"], pooled["pdf"] = add(pooled["text"], per_set["text"]), add(pooled["pdf"], per_set["pdf"])
        print(report(name, per_set))
    for key, counts in sorted(by_layout.items()):
        print(report(key, counts))
    print(report("pooled", pooled))


def report(label, counts):
    text, pdf = counts["text"], counts["pdf"]
    recall_gap = pdf[2] / max(pdf[3], 1) - text[2] / max(text[3], 1)
    precision_gap = pdf[0] / max(pdf[1], 1) - text[0] / max(text[1], 1)
    return (
        f"{label:26} text: {figures(text)}\n{'':26} PDF:  {figures(pdf)}\n"
        f"{'':26} gap:  recall {recall_gap:+.1%}, precision {precision_gap:+.1%}"
    )


if __name__ == "__main__":
    main()
