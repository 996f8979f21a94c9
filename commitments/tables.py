"""The register's table: declared once, for the page. Every ordering ends on the primary key (django-tables2 #361).

The cells are written by commitments/_register_table.html, not per cell by django-tables2 (see that template)."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from commitments.models import Commitment


class CommitmentTable(tables.Table):
    reference = tables.Column(verbose_name=_("Referentie"), order_by=("programme__year", "sequence"))
    title = tables.Column(verbose_name=_("Titel"), order_by=("title", "id"))
    domain = tables.Column(verbose_name=_("Toezichtgebied"), order_by=("domain__name", "id"))
    owner = tables.Column(verbose_name=_("Eigenaar"), order_by=("owner__username", "id"))
    due_date = tables.Column(verbose_name=_("Deadline"), order_by=("due_date", "id"))
    status = tables.Column(verbose_name=_("Status"), order_by=("status", "id"))

    class Meta:
        model = Commitment
        fields = ("reference", "title", "domain", "owner", "due_date", "status")
        template_name = "commitments/_register_table.html"
        order_by_field = "sort"
        # The view reads ?per_page itself and keeps it between 10 and 100; the table must not read it unchecked.
        per_page_field = "_per_page_unused"
        empty_text = _("Geen voornemens gevonden met deze filters.")
        attrs = {"class": "utrecht-table utrecht-table--html-table table register"}
