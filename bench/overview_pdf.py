"""The year-end overview PDF against what it took before it was tagged (issue 12, point 9: the tagged PDF "stays under
the time it takes now"): the report of 300 commitments as the site makes it now (tagged, PDF/UA-1) and as the
templates of BEFORE made it (untagged), rendered in turns in this process, CPU time (time.process_time) per render.

    python bench/overview_pdf.py [--commitments 300] [--runs 5]

On its own it makes a SQLite database of its own, bench/overview_pdf.sqlite3 (generate_bench_data: two years of
`--commitments` each; the older one, mostly decided, is the report), prints the medians and writes them to
bench/results.md (section "overview PDF"). `make bench` (bench/run.py) runs the same comparison on 300 commitments of
its year. The templates of before are read from git (`git show BEFORE:...`), so this needs the repository's history.
"""

import argparse
import datetime
import io
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
# The last commit before issue 12's work on the PDF (git log -- templates/commitments/overview_pdf.html).
BEFORE = "faa85e4^"
TEMPLATES = ("templates/commitments/overview_pdf.html", "templates/commitments/overview/")


def templates_before():
    """{template name: source} of the PDF's templates at BEFORE."""

    def git(*arguments):
        return subprocess.run(["git", *arguments], cwd=ROOT, capture_output=True, text=True, check=True).stdout  # noqa: S603, S607

    names = git("ls-tree", "-r", "--name-only", BEFORE, *TEMPLATES).split()
    return {name.removeprefix("templates/"): git("show", f"{BEFORE}:{name}") for name in names}


def render_before(engine):
    """A function that renders an overview with the templates of before, untagged, as exports.py then did."""
    from django.template import Context
    from django.utils import timezone

    from commitments import exports

    def render(overview):
        import weasyprint

        html = engine.get_template("commitments/overview_pdf.html").render(
            Context({"overview": overview, "generated_on": timezone.localdate()})
        )
        return weasyprint.HTML(string=html, url_fetcher=exports.pdf_url_fetcher()).write_pdf()

    return render


def compare(make_overview, runs=5):
    """{"before": [cpu, ...], "now": [...], "pages": (before, now)}: `runs` renders of each, in turns (before, now,
    now, before, ...), after one warm-up of each, so that a busy machine slows both alike."""
    import pypdf
    from django.template import Engine, engines

    from commitments import exports

    default = engines["django"].engine
    engine = Engine(
        loaders=[("django.template.loaders.locmem.Loader", templates_before())],
        libraries=default.libraries,
        builtins=default.builtins,
    )
    renders = {"before": render_before(engine), "now": exports.render_overview_pdf}
    samples = {name: [] for name in renders}
    pages = {}
    for name, render in renders.items():
        pages[name] = len(pypdf.PdfReader(io.BytesIO(render(make_overview()))).pages)
    for run in range(runs):
        for name in ("before", "now") if run % 2 == 0 else ("now", "before"):
            overview = make_overview()
            started = time.process_time()
            renders[name](overview)
            samples[name].append(time.process_time() - started)
    return {**samples, "pages": (pages["before"], pages["now"])}


def summary(result):
    """One line: both medians, the ratio and every sample."""
    before, now = statistics.median(result["before"]), statistics.median(result["now"])
    return (
        f"now (tagged, PDF/UA-1) {now:.2f} s CPU, before (untagged, templates of {BEFORE}) {before:.2f} s: "
        f"ratio {now / before:.2f}; {result['pages'][1]} vs {result['pages'][0]} pages; n={len(result['now'])} each "
        f"(now {', '.join(f'{x:.2f}' for x in result['now'])}; "
        f"before {', '.join(f'{x:.2f}' for x in result['before'])})"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--commitments", type=int, default=300)
    parser.add_argument("--runs", type=int, default=5)
    arguments = parser.parse_args()
    database = BENCH_DIR / "overview_pdf.sqlite3"
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="bench.settings", PYTHONPATH=str(ROOT))
    env["BENCH_DATABASE_URL"] = f"sqlite:///{database}"
    database.unlink(missing_ok=True)
    for command in (["migrate", "--noinput", "-v0"],
                    ["generate_bench_data", "--force", "-v0", "--years", "2", "--commitments",
                     str(2 * arguments.commitments)]):  # fmt: skip
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True)  # noqa: S603
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.utils import translation

    from commitments.models import WorkProgramme
    from commitments.overview import YearOverview

    translation.activate("nl")
    programme = WorkProgramme.objects.filter(commitments__isnull=False).order_by("year").first()
    count = YearOverview(programme).totals.total
    result = compare(lambda: YearOverview(programme), arguments.runs)
    line = summary(result)
    print(line)
    from run import machine, write_results

    when = datetime.datetime.now().strftime("%Y-%m-%d %H:%M")
    write_results(
        "overview PDF",
        key="overview-pdf",
        section=f"## Overview PDF, {count} commitments ({when})\n\n- Machine: {machine()}\n"
        f"- `python bench/overview_pdf.py`: {line}",
    )


if __name__ == "__main__":
    main()
