"""Issue 15: read a 200-page two-column PDF as the background task does, and report time and peak memory.
Run: .venv/bin/python bench/intake_pdf.py [PAGES]"""

import io
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import weasyprint  # noqa: E402

from intake import extraction  # noqa: E402

PAGES = int(sys.argv[1]) if len(sys.argv) > 1 else 200
SEED = Path(__file__).resolve().parent.parent / "fixtures" / "seeds" / "werkprogramma-2024-extract-b.txt"
paragraph = (
    "In 2024 richt de Inspectie zich op de opvang van minderjarige asielzoekers in de noodopvang van gemeenten. "
    "Veel gemeenten hebben moeite om voldoende plekken te vinden en de opvang is vaak kort van duur. "
    "De Inspectie wil daarnaast in 2024 de samenwerking met andere inspecties versterken. "
)
html = (
    "<html><head><style>@page { size: A4; margin: 2cm } body { font: 10pt sans-serif }"
    " .c { column-count: 2; column-gap: 1.5cm; break-after: page }</style></head><body>"
    + "".join(f"<div class='c'><h2>Hoofdstuk {n}</h2>" + f"<p>{paragraph * 9}</p>" * 3 + "</div>" for n in range(10))
    + "</body></html>"
)
# Render 10 pages and repeat them with pypdf (rendering 200 two-column pages takes minutes on its own).
import pypdf  # noqa: E402

ten = pypdf.PdfReader(io.BytesIO(weasyprint.HTML(string=html.replace("range(PAGES)", "")).write_pdf()))
writer = pypdf.PdfWriter()
for number in range(PAGES):
    writer.add_page(ten.pages[number % len(ten.pages)])
buffer = io.BytesIO()
writer.write(buffer)
data = buffer.getvalue()
if "--write" in sys.argv:
    Path(tempfile.gettempdir(), "programme-200.pdf").write_bytes(data)
    sys.exit(0)
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
pages = []
for page in extraction.iter_pdf_pages(io.BytesIO(data)):
    pages.append(page)
read = time.perf_counter() - start
found = extraction.candidates(pages, 2024)
total = time.perf_counter() - start
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(
    f"{len(pages)} pages, {len(data) / 1e6:.1f} MB PDF: read in {read:.1f} s, "
    f"{len(found)} candidates in {total:.1f} s; "
    f"peak RSS {before / 1024:.0f} MB before reading, {after / 1024:.0f} MB after"
)
