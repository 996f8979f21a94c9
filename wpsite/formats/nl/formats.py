"""Dates in Dutch as Django writes them (`31 december 2024`), and the numeric date of the files for people (the
CSV for Excel, the overview's XLSX) with two digits for day and month, as Dutch Excel writes them: 01-03-2025 where
Django's "nl" writes 1-3-2025 (issue 17)."""

from django.conf.locale.nl.formats import *  # noqa: F403

SHORT_DATE_FORMAT = "d-m-Y"
