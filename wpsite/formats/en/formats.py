"""Dates and numbers in English as the Inspectorate's readers in Europe write them: the day before the month
(31/12/2024, 31 Dec 2024), British style, where Django's "en" would write 12/31/2024."""

from django.conf.locale.en_GB.formats import *  # noqa: F403
