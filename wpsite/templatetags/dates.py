"""One date style per language (issue 17): `31 december 2024`, `31 December 2024` (DATE_FORMAT of each language,
wpsite/formats), in a <time> that never wraps, and natural times ("3 dagen geleden", "zojuist").

    {% load dates %}
    {{ commitment.due_date|day }}        <time class="date" datetime="2024-12-31">31 december 2024</time>
    {{ review.created_at|moment }}       <time class="date" datetime="...">31 december 2024 14:05</time>
    {{ review.created_at|ago }}          3 dagen geleden
    {{ "2025-06-30"|day }}               an ISO date as text (the timeline's field changes) in the same style
"""

import datetime

from django import template
from django.utils import formats, timezone
from django.utils.dateparse import parse_date
from django.utils.html import format_html
from django.utils.timesince import timesince
from django.utils.translation import gettext as _

register = template.Library()


def _as_date(value):
    if isinstance(value, str):
        return parse_date(value.strip()) if len(value.strip()) == 10 else None
    return value if isinstance(value, datetime.date) else None


@register.filter
def day(value):
    """A date (or an ISO date as text) in the language's date style; anything else unchanged; None as ''."""
    if value in (None, ""):
        return ""
    parsed = _as_date(value)
    if parsed is None:
        return value
    if isinstance(parsed, datetime.datetime):
        parsed = timezone.localtime(parsed) if timezone.is_aware(parsed) else parsed
        parsed = parsed.date()
    return format_html('<time class="date" datetime="{}">{}</time>', parsed.isoformat(), formats.date_format(parsed))


@register.filter
def moment(value):
    """A date and time in the language's style, in the local time zone."""
    if not isinstance(value, datetime.datetime):
        return day(value)
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return format_html(
        '<time class="date" datetime="{}">{}</time>',
        local.isoformat(timespec="minutes"),
        formats.date_format(local, "DATETIME_FORMAT"),
    )


@register.filter
def ago(value):
    """How long ago, in one unit ("3 dagen geleden"); under a minute "zojuist", never "0 minuten geleden"."""
    if not isinstance(value, datetime.datetime):
        return ""
    now = timezone.now() if timezone.is_aware(value) else datetime.datetime.now()
    if now - value < datetime.timedelta(minutes=1):
        return _("zojuist")
    return _("%(delta)s geleden") % {"delta": timesince(value, now, depth=1)}
