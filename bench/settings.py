"""Settings of the benchmark (bench/run.py): the production settings (DEBUG off, whitenoise's manifest, no query
log), on the benchmark's own database, served over plain http on the loopback interface."""

import os
from pathlib import Path

import dj_database_url

os.environ["DEBUG"] = "0"  # measure what production runs, whatever the shell has exported
os.environ.setdefault("SECRET_KEY", "bench-only-key-for-a-throwaway-database")

from wpsite.settings import *  # noqa: E402, F403

BENCH_DIR = Path(__file__).resolve().parent
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{BENCH_DIR / 'bench.sqlite3'}",
        conn_max_age=60,
        conn_health_checks=True,
    )
}
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
SECURE_SSL_REDIRECT = False  # the load generator speaks http on the loopback interface; no proxy in between
STATIC_ROOT = BENCH_DIR / "staticfiles"
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
# The benchmark's own command (generate_bench_data), not shipped with the site.
INSTALLED_APPS = [*INSTALLED_APPS, "bench"]  # noqa: F405
