"""The register's table: declared once, for the page. Every ordering ends on the primary key (django-tables2 #361)."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from commitments.forms import user_label
from commitments.models import Commitment


class CommitmentTable(tables.Table):
    reference = tables.Column(verbose_name=_("Referentie"), linkify=True, order_by=("programme__year", "sequence"))
    title = tables.Column(verbose_name=_("Titel"), order_by=("title", "id"))
    domain = tables.Column(verbose_name=_("Toezichtgebied"), order_by=("domain__name", "id"))
    owner = tables.Column(verbose_name=_("Eigenaar"), order_by=("owner__username", "id"), default="—")
    due_date = tables.DateColumn(verbose_name=_("Deadline"), order_by=("due_date", "id"), short=True)
    status = tables.TemplateColumn(
        verbose_name=_("Status"),
        template_code='{% include "commitments/_status_badge.html" with item=record %}',
        order_by=("status", "id"),
    )

    class Meta:
        model = Commitment
        fields = ("reference", "title", "domain", "owner", "due_date", "status")
        order_by_field = "sort"
        # The view reads ?per_page itself and keeps it between 10 and 100; the table must not read it unchecked.
        per_page_field = "_per_page_unused"
        empty_text = _("Geen voornemens gevonden met deze filters.")
        attrs = {"class": "table register"}

    def render_owner(self, value):
        return user_label(value)
