"""The benchmark of issue 7 (`make bench`): a fresh database with 20,000 commitments, then every page and file that
grows with the data, timed side by side with what it should be no slower than.

    python bench/run.py [--commitments 20000] [--repetitions 30]

Without DATABASE_URL it uses a new SQLite file, bench/bench.sqlite3. With DATABASE_URL (a PostgreSQL server) it
drops and recreates a database of its own on that server, `wpsite_bench` (BENCH_DATABASE_NAME), and never touches
the database the URL names. It prints a table and writes it to bench/results.md, one section per database.

Pages are timed in-process with Django's test Client, logged in, after a warm-up: the server's time without the
network. Register and admin are measured in turns, so that a busy machine slows both alike. Throughput goes
through gunicorn (2 workers) on the loopback interface, with a small thread-pool client in this process.
"""

import argparse
import csv
import datetime
import http.client
import io
import json
import os
import platform
import re
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psutil

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
RESULTS = BENCH_DIR / "results.md"
SQLITE_FILE = BENCH_DIR / "bench.sqlite3"


# --- the database -------------------------------------------------------------------------------------


def bench_database_url(fresh):
    """The URL of the benchmark's own database, made empty when `fresh`: on the PostgreSQL server that DATABASE_URL
    names, a database of its own; otherwise a SQLite file in bench/."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        if fresh:
            SQLITE_FILE.unlink(missing_ok=True)
        return f"sqlite:///{SQLITE_FILE}"
    import psycopg
    from psycopg import sql

    name = os.environ.get("BENCH_DATABASE_NAME", "wpsite_bench")
    parts = urlsplit(url)
    if parts.path.lstrip("/") == name:
        raise SystemExit(f"DATABASE_URL names {name} itself; give the server's usual database, e.g. .../test.")
    if not fresh:
        return urlunsplit(parts._replace(path=f"/{name}"))
    with psycopg.connect(url, autocommit=True) as server:
        server.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        server.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return urlunsplit(parts._replace(path=f"/{name}"))


def manage(*arguments, env):
    """Run a manage.py command with the benchmark's settings; returns its (wall time, CPU time)."""
    started, children = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "manage.py", *arguments], cwd=ROOT, env=env, check=True)  # noqa: S603
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.perf_counter() - started, used.ru_utime + used.ru_stime - children.ru_utime - children.ru_stime


# --- measuring ---------------------------------------------------------------------------------------


@dataclass
class Row:
    """One line of the results table."""

    name: str
    median: float | None = None  # seconds
    p95: float | None = None
    cpu: float | None = None  # median CPU time of this process: the cost, whatever else the machine is doing
    queries: int | None = None
    extra: str = ""
    target: str = ""
    met: bool | None = None
    samples: list = field(default_factory=list, repr=False)


def percentile(samples, fraction):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def consume(response):
    """Read the whole body, as a browser would; returns its size in bytes."""
    if response.streaming:
        return sum(len(chunk) for chunk in response.streaming_content)
    return len(response.content)


def timed_get(client, path):
    """(wall time, CPU time of this process) of one request, its body read."""
    started, cpu = time.perf_counter(), time.process_time()
    response = client.get(path)
    consume(response)
    elapsed = time.perf_counter() - started, time.process_time() - cpu
    if response.status_code != 200:
        raise RuntimeError(f"GET {path}: {response.status_code}")
    return elapsed


def count_queries(function):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        function()
    return len(queries)


def measure_pages(pairs, repetitions, warmup=3, budget=45.0, least=5):
    """Time each (client, path) `repetitions` times, in turns, after a warm-up; returns the samples per path.
    A page of seconds stops after `budget` seconds (at least `least` samples): the table says how many it took."""
    samples = {path: [] for _, path in pairs}
    for _ in range(warmup):
        for client, path in pairs:
            timed_get(client, path)
    started = time.perf_counter()
    for repetition in range(repetitions):
        turn = pairs if repetition % 2 == 0 else list(reversed(pairs))
        for client, path in turn:
            samples[path].append(timed_get(client, path))
        if repetition + 1 >= least and time.perf_counter() - started > budget:
            break
    return samples


def page_row(name, client, path, samples, target="", limit=None):
    """A row of (wall, cpu) samples."""
    walls = [wall for wall, _ in samples]
    row = Row(name, statistics.median(walls), percentile(walls, 0.95), samples=walls, target=target)
    row.cpu = statistics.median(cpu for _, cpu in samples)
    row.queries = count_queries(lambda: consume(client.get(path)))
    row.extra = f"n={len(samples)}"
    if limit is not None:
        row.met = row.median < limit
    return row


class RssSampler:
    """The highest resident memory of this process while the block runs, sampled every 5 ms."""

    def __enter__(self):
        self.process = psutil.Process()
        self.start = self.peak = self.process.memory_info().rss
        self.running = True
        self.thread = threading.Thread(target=self.sample, daemon=True)
        self.thread.start()
        return self

    def sample(self):
        while self.running:
            self.peak = max(self.peak, self.process.memory_info().rss)
            time.sleep(0.005)

    def __exit__(self, *exc):
        self.running = False
        self.thread.join()
        self.peak = max(self.peak, self.process.memory_info().rss)

    @property
    def growth(self):
        return self.peak - self.start


def traced_peak(function):
    """The peak of Python's own allocations while `function` runs (tracemalloc), in bytes."""
    tracemalloc.start()
    try:
        function()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def timed(function):
    """(wall time, CPU time of this process) of a call."""
    started, cpu = time.perf_counter(), time.process_time()
    function()
    return time.perf_counter() - started, time.process_time() - cpu


def megabytes(size):
    return f"{size / 2**20:.1f} MB"


# --- the benchmark -------------------------------------------------------------------------------------


class Bench:
    def __init__(self, repetitions):
        from django.contrib.auth import get_user_model
        from django.db.models import Count
        from django.test import Client

        from bench.management.commands import generate_bench_data as generated
        from commitments.models import Commitment, Domain, Review, Status, WorkProgramme

        self.repetitions = repetitions
        self.rows = []
        User = get_user_model()
        self.beheerder = User.objects.get(username=generated.BEHEERDER_USERNAME)
        self.manager = User.objects.get(username=generated.MANAGER_USERNAME)
        self.reviewer = User.objects.get(username=generated.REVIEWERS[0][0])
        # The staff member with the most open commitments: the fullest "my actions".
        self.staff = (
            User.objects.filter(owned_commitments__status__in=[Status.PLANNED, Status.IN_PROGRESS])
            .annotate(open=Count("owned_commitments"))
            .order_by("-open", "pk")
            .first()
        )
        self.clients = {}
        for role, user in (("beheerder", self.beheerder), ("manager", self.manager), ("reviewer", self.reviewer)):
            self.clients[role] = Client()
            self.clients[role].force_login(user)
        self.clients["staff"] = Client()
        self.clients["staff"].force_login(self.staff)
        self.programmes = list(WorkProgramme.objects.order_by("year"))
        # A year of the past, fully accounted for (2,000 commitments), and the largest domain.
        self.year = self.programmes[-2] if len(self.programmes) > 1 else self.programmes[-1]
        self.domain = Domain.objects.get(slug="politie")
        decided_with_history = (
            Review.objects.filter(action="send_back", commitment__status=Status.MET, commitment__programme=self.year)
            .values_list("commitment__reference", flat=True)
            .first()
        )
        self.detail_reference = decided_with_history or Commitment.objects.values_list("reference", flat=True).first()
        self.total = Commitment.objects.count()
        self.in_year = Commitment.objects.filter(programme=self.year).count()

    def add(self, row):
        self.rows.append(row)
        print(format_row(row), flush=True)
        return row

    # register against admin ---------------------------------------------------------------------------

    def register_against_admin(self):
        from django.contrib import admin

        from commitments.models import Commitment

        model_admin = admin.site._registry[Commitment]
        default_per_page = model_admin.list_per_page
        client = self.clients["beheerder"]
        year, domain = self.year, self.domain
        cases = [
            (
                f"{year.year}, {domain.slug}, by due date",
                f"programme={year.year}&domain={domain.slug}&sort=due_date",
                f"programme__id__exact={year.pk}&domain__id__exact={domain.pk}&o=6",
            ),
            ("all, by due date", "sort=due_date", "o=6"),
        ]
        try:
            for per_page in (25, 100):
                model_admin.list_per_page = per_page  # the admin has no ?per_page; its page size is the same here
                for label, register_query, admin_query in cases:
                    register = f"/commitments/?{register_query}&per_page={per_page}"
                    changelist = f"/admin/commitments/commitment/?{admin_query}"
                    samples = measure_pages([(client, register), (client, changelist)], self.repetitions)
                    ours = page_row(f"register ({label}, {per_page} rows)", client, register, samples[register])
                    theirs = page_row(
                        f"admin change list (same, {per_page} rows)", client, changelist, samples[changelist]
                    )
                    ratio = ours.median / theirs.median
                    ours.extra += f"; ratio to admin {ratio:.2f} (CPU {ours.cpu / theirs.cpu:.2f})"
                    ours.target = "ratio ≤ 1.0; < 100 ms"
                    ours.met = ratio <= 1.0 and ours.median < 0.1
                    self.add(ours)
                    self.add(theirs)
        finally:
            model_admin.list_per_page = default_per_page

    # the other pages --------------------------------------------------------------------------------

    def pages(self):
        detail = f"/commitments/{self.detail_reference}/"
        self.page("detail page (a decided commitment, sent back once)", "beheerder", detail, "< 100 ms", 0.1)
        self.page("dashboard (manager)", "manager", "/")
        self.page(f"dashboard (staff, {self.staff.username})", "staff", "/")
        self.page("dashboard (reviewer)", "reviewer", "/")
        self.page("review queue", "reviewer", "/reviews/")
        from commitments.models import Commitment

        year = self.year.year
        self.page(
            f"year-end overview {year} ({self.in_year} commitments: summary, domains)", "manager", f"/overview/{year}/"
        )
        for slug in ("crisisbeheersing", self.domain.slug):  # a domain listed in full, and the largest, a page of it
            count = Commitment.objects.filter(programme=self.year, domain__slug=slug).count()
            self.page(f"year-end overview {year}, {slug} ({count})", "manager", f"/overview/{year}/?domain={slug}")

    def page(self, name, role, path, target="", limit=None, repetitions=None):
        client = self.clients[role]
        try:
            samples = measure_pages([(client, path)], repetitions or self.repetitions, warmup=1)[path]
        except RuntimeError as error:
            self.add(Row(name, extra=f"not available: {error}"))
            return
        self.add(page_row(name, client, path, samples, target, limit))

    # exports ------------------------------------------------------------------------------------------

    def exports(self, env):
        client = self.clients["manager"]
        self.register_csv(client)
        self.exports_at_their_limits(client)  # before register_xlsx, which lifts the register's limit
        self.register_xlsx(client)
        self.overview_pdf(client, env)
        self.overview_pdf_against_before()

    def streamed(self, client, path):
        """Download: {"first": time to the first piece, "rows": to the second (the first rows after the header),
        "total": time, "cpu": CPU time, "size": bytes}."""
        started, cpu = time.perf_counter(), time.process_time()
        response = client.get(path)
        if response.status_code != 200:
            raise RuntimeError(f"GET {path}: {response.status_code}")
        pieces = iter(response.streaming_content if response.streaming else [response.content])
        size = len(next(pieces, b""))
        first = time.perf_counter() - started
        size += len(next(pieces, b""))
        rows = time.perf_counter() - started
        size += sum(len(piece) for piece in pieces)
        total = time.perf_counter() - started
        return {"first": first, "rows": rows, "total": total, "cpu": time.process_time() - cpu, "size": size}

    def register_csv(self, client, runs=3):
        from commitments.models import Commitment

        path = "/commitments/?_export=csv"
        one_year = f"/commitments/?programme={self.year.year}&_export=csv"
        self.streamed(client, one_year)  # warm-up
        with RssSampler() as rss:
            downloads = [self.streamed(client, path)]
        downloads += [self.streamed(client, path) for _ in range(runs - 1)]
        everything = Commitment.objects.order_by("programme__year", "sequence")
        floor = [timed(lambda: self.csv_floor(everything)) for _ in range(runs)]
        peak_all = traced_peak(lambda: self.streamed(client, path))
        peak_year = traced_peak(lambda: self.streamed(client, one_year))
        floor_peak = traced_peak(lambda: self.csv_floor(everything))
        queries = count_queries(lambda: self.streamed(client, path))

        def median(key):
            return statistics.median(download[key] for download in downloads)

        floor_wall = statistics.median(wall for wall, _ in floor)
        floor_cpu = statistics.median(cpu for _, cpu in floor)
        ratio = median("total") / floor_wall
        flat = peak_all < 1.5 * peak_year
        self.add(
            Row(
                f"register CSV, all {self.total} rows ({megabytes(downloads[0]['size'])})",
                median("total"),
                max(download["total"] for download in downloads),
                queries=queries,
                cpu=median("cpu"),
                extra=(
                    f"first byte {median('first') * 1000:.0f} ms, first rows {median('rows') * 1000:.0f} ms; "
                    f"ratio to floor {ratio:.2f} (CPU {median('cpu') / floor_cpu:.2f}); Python peak "
                    f"{megabytes(peak_all)} (vs {megabytes(peak_year)} for {self.in_year} rows); "
                    f"RSS growth {megabytes(rss.growth)}; n={runs}"
                ),
                target="≤ 1.5× floor; first byte < 0.5 s; memory flat",
                met=ratio <= 1.5 and median("first") < 0.5 and flat,
            )
        )
        self.add(
            Row(
                "floor: csv.writer over values_list(), same columns",
                floor_wall,
                max(wall for wall, _ in floor),
                queries=2,
                cpu=floor_cpu,
                extra=f"Python peak {megabytes(floor_peak)}; n={runs}",
            )
        )

    @staticmethod
    def csv_floor(queryset):
        """The plain way: csv.writer over values_list() of the export's columns, goals joined from one more query."""
        from commitments.models import Commitment

        goals = {}
        for commitment_id, code in Commitment.goals.through.objects.values_list("commitment_id", "goal__code"):
            goals.setdefault(commitment_id, []).append(code)
        sink = io.StringIO()
        writer = csv.writer(sink)
        size = 0
        rows = queryset.values_list(
            "id", "reference", "programme__year", "title", "statement", "source_location", "kind", "domain__slug",
            "owner__username", "due_date", "expected_date", "status",
        ).iterator(chunk_size=2000)  # fmt: skip
        for pk, reference, year, title, statement, location, kind, domain, owner, due, expected, status in rows:
            writer.writerow(
                (reference, year, title, statement, location, kind, domain, ";".join(sorted(goals.get(pk, ()))),
                 owner or "", due, expected or "", status)
            )  # fmt: skip
            size += sink.tell()
            sink.seek(0)
            sink.truncate()
        return size

    def exports_at_their_limits(self, client, seconds=7):
        """Issue 18: four exports at their limit at once must stay within gunicorn's 30 s on two cores, so one may take
        `seconds`; over a limit the refusal must take no time. Each export is timed on the largest selection the data
        has under its limit and projected linearly to the limit (the writers stream: time grows with the rows)."""
        from django.db.models import Count

        from commitments import exports
        from commitments.models import Commitment

        answers = []
        wall, _ = timed(lambda: answers.append(client.get("/commitments/?_export=xlsx")))  # all: over the limit
        self.add(
            Row(
                f"register XLSX of all {self.total}, over the limit of {exports.REGISTER_XLSX_AT_MOST}: refused",
                wall,
                target="413 in < 1 s",
                met=answers[0].status_code == 413 and wall < 1,
            )
        )
        largest = (
            Commitment.objects.values("domain__slug").annotate(n=Count("id")).order_by("-n").values_list(
                "domain__slug", "n"
            )[0]
        )  # fmt: skip
        selections = [
            ("register XLSX", f"/commitments/?domain={largest[0]}&_export=xlsx", largest[1],
             exports.REGISTER_XLSX_AT_MOST),
            *((f"overview {file_format.upper()}", f"/overview/{self.year.year}/export.{file_format}", self.in_year,
               exports.OVERVIEW_EXPORT_AT_MOST[file_format]) for file_format in ("csv", "xlsx")),
        ]  # fmt: skip
        for name, path, rows, limit in selections:
            download = self.streamed(client, path)
            projected = download["total"] * limit / rows
            self.add(
                Row(
                    f"{name} at its limit of {limit} (projected from {rows} rows)",
                    projected,
                    cpu=download["cpu"] * limit / rows,
                    extra=f"measured: {download['total'] * 1000:.0f} ms for {rows} rows; one run",
                    target=f"< {seconds} s",
                    met=projected < seconds,
                )
            )

    def register_xlsx(self, client, runs=2):
        """The XLSX of the whole register: the site sends at most exports.REGISTER_XLSX_AT_MOST rows (issue 18), a
        limit lifted here to time the writer at the size it was first measured at."""
        from commitments import exports

        exports.REGISTER_XLSX_AT_MOST = self.total
        path = "/commitments/?_export=xlsx"
        with RssSampler() as rss:
            downloads = [self.streamed(client, path)]
        downloads += [self.streamed(client, path) for _ in range(runs - 1)]
        peak = traced_peak(lambda: self.streamed(client, path))
        median = statistics.median(download["total"] for download in downloads)
        memory = max(peak, rss.growth)
        self.add(
            Row(
                f"register XLSX, all {self.total} rows ({megabytes(downloads[0]['size'])}; the site's limit lifted)",
                median,
                max(download["total"] for download in downloads),
                cpu=statistics.median(download["cpu"] for download in downloads),
                extra=f"Python peak {megabytes(peak)}; RSS growth {megabytes(rss.growth)}; n={runs}",
                target="< 10 s; < 150 MB",
                met=median < 10 and memory < 150 * 2**20,
            )
        )

    def overview_pdf(self, client, env, budget=150):
        """The PDF of one domain as the site sends it, and of the whole year as `export_overview` writes it (the site
        refuses a selection that large: exports.py). The year only if the domain projects within `budget` seconds
        (else the projection is reported: a PDF of minutes would take the benchmark's time)."""
        from commitments.models import Commitment

        probe_domain = "crisisbeheersing"
        probe_count = Commitment.objects.filter(programme=self.year, domain__slug=probe_domain).count()
        try:
            with RssSampler() as rss:
                probe = self.streamed(client, f"/overview/{self.year.year}/export.pdf?domain={probe_domain}")
        except RuntimeError as error:
            self.add(Row("overview PDF", extra=f"not available: {error}"))
            return
        self.add(
            Row(
                f"overview PDF {self.year.year}, {probe_domain} ({probe_count}), download",
                probe["total"],
                probe["total"],
                cpu=probe["cpu"],
                extra=f"one run, {megabytes(probe['size'])}; {probe['cpu'] / max(probe_count, 1) * 1000:.0f} ms CPU "
                f"a commitment; RSS growth {megabytes(rss.growth)}",
            )
        )
        name = f"overview PDF {self.year.year} ({self.in_year} commitments), export_overview"
        scale = self.in_year / max(probe_count, 1)
        projected = probe["total"] * scale
        if projected > budget:
            self.add(
                Row(
                    name,
                    projected,
                    cpu=probe["cpu"] * scale,
                    extra=f"PROJECTED from the download above; not run in full, over the benchmark's {budget} s budget",
                )
            )
            return
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "overview.pdf"
            wall, cpu = manage(
                "export_overview", str(self.year.year), "--format", "pdf", "--output", str(path), env=env
            )
            size = path.stat().st_size
        self.add(Row(name, wall, wall, cpu=cpu, extra=f"one run, with the process start; {megabytes(size)}"))

    def overview_pdf_against_before(self, size=300, runs=5):
        """The PDF of `size` commitments of the year (the most a download may have), tagged as now, against the
        untagged PDF of the templates before issue 12 (bench/overview_pdf.py), in turns: issue 12 wants it no slower."""
        import overview_pdf

        from commitments.models import Commitment
        from commitments.overview import YearOverview

        in_year = Commitment.objects.filter(programme=self.year).order_by("sequence")
        chosen = list(in_year.values_list("pk", flat=True)[:size])

        def make_overview():
            overview = YearOverview(self.year)
            overview.selection = overview.selection.filter(pk__in=chosen)
            return overview

        try:
            result = overview_pdf.compare(make_overview, runs)
        except subprocess.CalledProcessError as error:  # no git history: nothing to compare with
            self.add(Row("overview PDF against before", extra=f"not available: {error}"))
            return
        now, before = statistics.median(result["now"]), statistics.median(result["before"])
        self.add(
            Row(
                f"overview PDF of {len(chosen)}, tagged, against before (untagged)",
                cpu=now,
                extra=overview_pdf.summary(result),
                target="CPU < before's",
                met=now < before,
            )
        )

    # import -------------------------------------------------------------------------------------------

    def imports(self, rows=5000, probe=500, budget=90):
        """Dry run and apply of a file of `rows` new commitments, each rolled back. The apply runs in full only if
        one of `probe` rows projects within `budget` seconds; otherwise the projection is reported."""
        try:
            from commitments.imports import apply_plan, plan_import
        except ImportError as error:
            self.add(Row(f"import of {rows} rows", extra=f"not available: {error}"))
            return
        name = f"import of {rows} new rows"
        (dry_run, dry_cpu), _, errors = self.run_import(plan_import, apply_plan, rows, apply=False)
        if errors:
            self.add(Row(f"{name}: dry run", dry_run, extra=f"refused: {errors[0]}"))
            return
        self.add(Row(f"{name}: dry run", dry_run, dry_run, cpu=dry_cpu, extra="one run", target="< 15 s",
                     met=dry_run < 15))  # fmt: skip
        _, (applied, cpu), _ = self.run_import(plan_import, apply_plan, probe, apply=True)
        scale = rows / probe
        if applied * scale > budget:
            self.add(
                Row(
                    f"{name}: apply",
                    applied * scale,
                    cpu=cpu * scale,
                    extra=f"PROJECTED from {probe} rows ({applied:.1f} s, CPU {cpu:.1f} s); not run in full, over "
                    f"the benchmark's {budget} s budget",
                    target="< 15 s",
                    met=False,
                )
            )
            return
        _, (applied, cpu), _ = self.run_import(plan_import, apply_plan, rows, apply=True)
        self.add(Row(f"{name}: apply", applied, applied, cpu=cpu, extra="one run", target="< 15 s",
                     met=applied < 15))  # fmt: skip

    def hostile_files(self, seconds=5, megabytes=300):
        """Issue 18: every file of the hostile corpus (tests/hostile_files.py: bombs, huge cells, endless rows, ...)
        refused by the import within `seconds` each and `megabytes` in all, in a fresh process of its own so that its
        peak memory is its own (tests/hostile_probe.py; tests/test_hostile_files.py checks the refusals and memory)."""
        environment = {**os.environ, "DATABASE_URL": "sqlite://:memory:", "DJANGO_SETTINGS_MODULE": "tests.settings"}
        completed = subprocess.run(
            [sys.executable, "-m", "tests.hostile_probe"], cwd=ROOT, env=environment, capture_output=True, text=True,
            timeout=600, check=True,
        )  # fmt: skip
        cases = json.loads(completed.stdout.strip().splitlines()[-1])["cases"]
        slowest = sorted(cases, key=lambda name: cases[name]["seconds"], reverse=True)
        longest = cases[slowest[0]]["seconds"]
        peak = max(case["peak_mb"] for case in cases.values())
        accepted = [name for name, case in cases.items() if case["outcome"] == "accepted"]
        self.add(
            Row(
                f"hostile import files ({len(cases)}), each refused: the slowest",
                longest,
                extra=f"{f'ACCEPTED: {accepted}' if accepted else 'all refused'}; peak {peak:.0f} MB; slowest "
                + ", ".join(f"{name} {cases[name]['seconds']:.2f} s" for name in slowest[:3]),
                target=f"< {seconds} s each; < {megabytes} MB",
                met=not accepted and longest < seconds and peak < megabytes,
            )
        )

    def run_import(self, plan_import, apply_plan, rows, apply):
        """((wall, cpu) of the dry run, (wall, cpu) of applying it or None, errors) for a file of `rows` new
        commitments of next year's programme; rolled back afterwards, so that the data stays as generated."""
        from django.db import transaction

        from commitments.models import WorkProgramme

        year = self.programmes[-1].year + 1
        data = self.import_file(year, rows)
        applied, plans = None, []
        with transaction.atomic():
            WorkProgramme.objects.create(year=year, title=f"Werkprogramma {year}")
            dry_run = timed(lambda: plans.append(plan_import(data, filename="bench-import.csv")))
            plan = plans[0]
            errors = plan.errors + [error for row in plan.rows for error in row.errors]
            if apply and not errors:
                applied = timed(lambda: apply_plan(plan, by=self.beheerder))
            transaction.set_rollback(True)
        return dry_run, applied, errors

    def import_file(self, year, rows):
        """A commitment file of `rows` new commitments for `year`, each owned by a member of its domain."""
        from commitments import fileformat
        from commitments.models import Domain

        members = [
            (domain.slug, sorted(user.username for user in domain.members.all()))
            for domain in Domain.objects.prefetch_related("members").order_by("slug")
        ]
        members = [(slug, usernames) for slug, usernames in members if usernames]
        goals = ("veerkracht", "lerend-vermogen", "ketens", "burgerperspectief")
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(fileformat.COLUMNS)
        for number in range(rows):
            slug, usernames = members[number % len(members)]
            writer.writerow(
                ("", year, f"Geïmporteerd voornemen {number}", f"Tekst van geïmporteerd voornemen {number} in {year}.",
                 "p. 4", "supervision", slug, goals[number % 4], usernames[number % len(usernames)],
                 f"{year}-12-31", "", "")
            )  # fmt: skip
        return out.getvalue().encode("utf-8")

    # throughput through gunicorn ------------------------------------------------------------------------

    def throughput(self, env, duration=8.0, concurrency=4, max_requests=3000):
        from django.conf import settings
        from django.test import Client

        port = free_port()
        server = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "gunicorn", "wpsite.wsgi", "--workers", "2", "--bind", f"127.0.0.1:{port}",
             "--timeout", "120", "--log-level", "warning"],
            cwd=ROOT,
            env=env,
        )  # fmt: skip
        try:
            wait_for(port, "/healthz")
            client = Client()
            client.force_login(self.beheerder)  # a fresh session: the first may have gone idle during the exports
            cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
            register = f"/commitments/?programme={self.year.year}&domain={self.domain.slug}&sort=due_date&per_page=25"
            results = {}
            for name, path in (("trivial view /healthz", "/healthz"), ("register page (25 rows)", register)):
                load(port, path, cookie, duration=2.0, concurrency=concurrency, max_requests=20)  # warm-up
                results[name] = load(port, path, cookie, duration, concurrency, max_requests)
            for name, result in results.items():
                self.add(
                    Row(
                        f"gunicorn, 2 workers: {name}",
                        result["median"],
                        result["p95"],
                        extra=f"{result['rate']:.1f} req/s ({result['count']} requests, {concurrency} clients, "
                        f"{result['errors']} errors)",
                    )
                )
            ratio = results["register page (25 rows)"]["rate"] / max(results["trivial view /healthz"]["rate"], 1e-9)
            self.rows[-1].extra += f"; {ratio:.0%} of the trivial view's rate"
            print(f"   register throughput is {ratio:.0%} of the trivial view's", flush=True)
        finally:
            server.terminate()
            server.wait(timeout=20)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(port, path, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", path)
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer on port {port} within {timeout} s")


def load(port, path, cookie, duration, concurrency, max_requests):
    """`concurrency` clients requesting `path` one after the other until `duration` or `max_requests` in all."""
    latencies, errors, lock = [], Counter(), threading.Lock()
    deadline = time.perf_counter() + duration

    def client():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.perf_counter() < deadline:
            with lock:
                if len(latencies) + errors.total() >= max_requests:
                    return
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers={"Cookie": cookie, "Host": "127.0.0.1"})
                response = connection.getresponse()
                response.read()
                outcome = response.status
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
            except OSError as error:
                outcome = type(error).__name__
                connection.close()
            elapsed = time.perf_counter() - started
            with lock:
                if outcome == 200:
                    latencies.append(elapsed)
                else:
                    errors[outcome] += 1

    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        for _ in range(concurrency):
            pool.submit(client)
    elapsed = time.perf_counter() - started
    return {
        "count": len(latencies),
        "errors": ", ".join(f"{count}× {outcome}" for outcome, count in errors.items()) or "no",
        "rate": len(latencies) / elapsed,
        "median": statistics.median(latencies) if latencies else None,
        "p95": percentile(latencies, 0.95) if latencies else None,
    }


# --- the report --------------------------------------------------------------------------------------


def milliseconds(seconds):
    if seconds is None:
        return "—"
    return f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"


def format_row(row):
    verdict = {True: "yes", False: "NO", None: ""}[row.met]
    return (
        f"{row.name:<58} {milliseconds(row.median):>9} {milliseconds(row.p95):>9} {milliseconds(row.cpu):>9} "
        f"{'' if row.queries is None else row.queries:>4}  {verdict:<3} {row.extra}"
    )


def markdown_table(rows):
    lines = [
        "| measurement | median | p95 | CPU | queries | target | met | notes |",
        "| --- | ---: | ---: | ---: | ---: | --- | --- | --- |",
    ]
    for row in rows:
        met = {True: "yes", False: "**no**", None: ""}[row.met]
        queries = "" if row.queries is None else row.queries
        lines.append(
            f"| {row.name} | {milliseconds(row.median)} | {milliseconds(row.p95)} | {milliseconds(row.cpu)} | "
            f"{queries} | {row.target} | {met} | {row.extra} |"
        )
    return "\n".join(lines)


def machine():
    model = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
         if line.startswith("model name")),
        platform.processor() or "unknown",
    ) if Path("/proc/cpuinfo").exists() else platform.processor()  # fmt: skip
    load1, load5, _ = os.getloadavg()
    return (
        f"{os.cpu_count()} CPUs ({model}), {psutil.virtual_memory().total / 2**30:.1f} GB memory, "
        f"{platform.system()} {platform.release()}; load average at start {load1:.1f} (1 min), {load5:.1f} (5 min)"
    )


def versions():
    import django
    import gunicorn
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            database = f"PostgreSQL {cursor.fetchone()[0]}"
    else:
        import sqlite3

        database = f"SQLite {sqlite3.sqlite_version}"
    return (
        database,
        f"Python {platform.python_version()}, Django {django.get_version()}, gunicorn {gunicorn.__version__}",
    )


def write_results(database, section, key=None):
    """Replace this database's section of bench/results.md (or the one named `key`), keeping the others."""
    key = key or ("postgresql" if database.startswith("PostgreSQL") else "sqlite")
    begin, end = f"<!-- {key} -->", f"<!-- /{key} -->"
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    if not text.startswith("# "):
        text = (
            "# Benchmark results\n\nWritten by `make bench` (bench/run.py): a fresh database with synthetic "
            "commitments (`manage.py generate_bench_data`), timed in-process with Django's test Client "
            "(server time, no network), exports and import once or a few times, throughput through gunicorn "
            "on the loopback interface. Each database has its own section; a run replaces only its own.\n\n"
            "<!-- sqlite -->\n<!-- /sqlite -->\n\n<!-- postgresql -->\n<!-- /postgresql -->\n"
        )
    block = f"{begin}\n{section}\n{end}"
    pattern = re.compile(re.escape(begin) + ".*?" + re.escape(end), re.S)
    text = pattern.sub(lambda _: block, text) if pattern.search(text) else f"{text}\n{block}\n"
    RESULTS.write_text(text, encoding="utf-8")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--commitments", type=int, default=20_000)
    parser.add_argument("--repetitions", type=int, default=30, help="timed requests per page, after a warm-up")
    parser.add_argument("--reuse", action="store_true", help="keep the database of the last run (no fresh data)")
    parser.add_argument("--only", help="comma-separated parts: register, pages, exports, import, throughput")
    arguments = parser.parse_args()
    parts = set((arguments.only or "register,pages,exports,import,throughput").split(","))

    started = time.perf_counter()
    machine_line = machine()
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="bench.settings", PYTHONPATH=str(ROOT))
    env["BENCH_DATABASE_URL"] = bench_database_url(fresh=not arguments.reuse)
    generation = None
    if not arguments.reuse:
        print(f"Fresh database: {env['BENCH_DATABASE_URL']}", flush=True)
        manage("migrate", "--noinput", "-v0", env=env)
        generation = manage("generate_bench_data", "--force", "--commitments", str(arguments.commitments), env=env)
        manage("collectstatic", "--noinput", "-v0", env=env)
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))

    import django

    django.setup()
    database, software = versions()
    bench = Bench(arguments.repetitions)
    print(f"\n{machine_line}\n{database}; {software}\n", flush=True)
    print(f"{'measurement':<58} {'median':>9} {'p95':>9} {'CPU':>9} {'qs':>4}  met", flush=True)
    if generation is not None:
        wall, cpu = generation
        name = f"generate_bench_data --commitments {arguments.commitments}"
        bench.add(
            Row(name, wall, wall, cpu=cpu, extra="one run, with the process start", target="< 60 s", met=wall < 60)
        )
    if "register" in parts:
        bench.register_against_admin()
    if "pages" in parts:
        bench.pages()
    if "exports" in parts:
        bench.exports(env)
    if "import" in parts:
        bench.imports()
        bench.hostile_files()
    if "throughput" in parts:
        bench.throughput(env)

    when = datetime.datetime.now().strftime("%Y-%m-%d %H:%M")
    section = "\n".join(
        [
            f"## {database}, {bench.total} commitments ({when})",
            "",
            f"- Machine: {machine_line}",
            f"- Software: {software}",
            f"- Pages: {arguments.repetitions} timed requests each after a warm-up, register and admin in turns;"
            f" logged in as a beheerder (superuser) for both.",
            f"- Whole run: {time.perf_counter() - started:.0f} s",
            "",
            markdown_table(bench.rows),
        ]
    )
    write_results(database, section)
    print(f"\nWritten to {RESULTS.relative_to(ROOT)} in {time.perf_counter() - started:.0f} s.", flush=True)


if __name__ == "__main__":
    main()
