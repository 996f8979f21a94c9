"""The settings of the test suite: the application's own, in development mode, with fast password hashing.
Production settings are tested apart, in a subprocess (tests/test_deploy_settings.py)."""

import os

os.environ.setdefault("DEBUG", "1")
# A test database needs no durability: on PostgreSQL a commit need not wait for its WAL to reach the disk. Set for
# libpq, so that the servers, commands and pg_dump that tests start in processes of their own follow it too.
os.environ.setdefault("PGOPTIONS", "-c synchronous_commit=off")

from wpsite.settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# The benchmark's data generator (bench/), which the query budgets build their data with.
INSTALLED_APPS = [*INSTALLED_APPS, "bench"]  # noqa: F405
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    # Django's backend with a quicker flush between the tests that commit (tests/postgresql/base.py).
    DATABASES["default"]["ENGINE"] = "tests.postgresql"  # noqa: F405
