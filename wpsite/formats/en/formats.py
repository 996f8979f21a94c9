"""Dates and numbers in English as the Inspectorate's readers in Europe write them: the day before the month
(31/12/2024), British style, where Django's "en" would write 12/31/2024; the one long style of the site,
`31 December 2024` (in Dutch `31 december 2024`, Django's own), issue 17."""

from django.conf.locale.en_GB.formats import *  # noqa: F403

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y H:i"
