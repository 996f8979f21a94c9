"""The settings of the test suite: the application's own, in development mode, with fast password hashing.
Production settings are tested apart, in a subprocess (tests/test_deploy_settings.py)."""

import os

os.environ.setdefault("DEBUG", "1")

from wpsite.settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# The benchmark's data generator (bench/), which the query budgets build their data with.
INSTALLED_APPS = [*INSTALLED_APPS, "bench"]  # noqa: F405
