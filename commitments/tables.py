"""The register's table: declared once, for the page. Every ordering ends on the primary key (django-tables2 #361).

Its rows are written here, in Python (`rows_html`), not per cell by django-tables2 nor per row by a template: the
register is a page of up to 100 rows that must not cost more than Django admin's change list (bench/results.md),
which writes its rows in Python too. django-tables2 inspects each column's render method per cell, and a template
per row was a third of a page of 100 rows. Columns, headers, sorting and pagination stay declared here and in
commitments/_register_table.html; keep the cells of `_format_of_rows` in the order of Meta.fields."""

import django_tables2 as tables
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from commitments.models import Commitment
from commitments.people import person_label
from wpsite.templatetags.dates import day

# The steps a row offers after its status, as the detail page's status panel does, by their form and back to the
# register after (`back`); Starten at once, as a button of the bulk form sent to the step. Their addresses are the
# commitment's own with the step's name (DESIGN.md), written out: a reverse() per step and row was a fifth of a page.
ROW_STEP_LINKS = (
    ("submit", "submit/", _("Aanbieden")),
    ("review", "review/", _("Beoordelen")),
    ("reopen", "reopen/", _("Heropenen")),
    ("carry_over", "carry-over/", _("Overhevelen")),
)


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

    def rows_html(self):
        """The rows of this page, each as HTML. On a narrow screen the header row is hidden and each row is a card:
        its cells name themselves (data-label). Set by the view: `takes_bulk_steps` (a selection box per row and
        Starten as a button) and `back` (the query that brings a step back to this page); each record's `steps`
        (permissions.status_steps). What is the same in every row (labels, the way back) is escaped once, into the
        row's format; a date is written once per distinct date (a year's deadlines are mostly a few)."""
        row_format = _format_of_rows(selectable=self.takes_bulk_steps, back=self.back)
        dates = {}
        rows = []
        for number, row in enumerate(self.paginated_rows):
            item = row.record
            if item.due_date not in dates:
                dates[item.due_date] = day(item.due_date)
            # Escaped once for the row and its steps (format_html leaves what is safe as it is).
            detail, reference = conditional_escape(item.get_absolute_url()), conditional_escape(item.reference)
            # Each step is format_html's, so the steps joined are safe.
            steps = "".join(
                format_html(row_format[name], detail=detail, reference=reference)
                for name in ROW_STEPS
                if item.steps[name]
            )
            rows.append(
                format_html(
                    row_format["row"],
                    parity="even" if number % 2 == 0 else "odd",
                    detail=detail,
                    reference=reference,
                    title=item.title,
                    domain=item.domain.name,
                    owner=person_label(item.owner) if item.owner else "—",
                    due_date=dates[item.due_date],
                    status=item.status,
                    status_text=item.get_status_display(),
                    steps=mark_safe(steps),  # noqa: S308
                )
            )
        return rows


# The steps in the order a row offers them; "start" is a button and only where the bulk form is (takes_bulk_steps).
ROW_STEPS = ("start", *(name for name, _address, _label in ROW_STEP_LINKS))


def _format_of_rows(*, selectable, back):
    """format_html formats of a row and of each step, with what every row shares already escaped (braces doubled,
    since they are formats): a row's own values are filled in and escaped by format_html."""

    def constant(text):
        return str(conditional_escape(text)).replace("{", "{{").replace("}", "}}")

    choose, start = constant(gettext("Kies")), constant(gettext("Starten"))
    select = (
        '<td class="select"><input type="checkbox" class="utrecht-checkbox utrecht-checkbox--html-input" '
        'name="bulk-commitments" value="{reference}" id="select-{reference}"><label for="select-{reference}">'
        f'<span class="visually-hidden">{choose} {{reference}}</span></label></td>'
    )
    formats = {
        "row": (
            f'<tr class="{{parity}}">{select if selectable else ""}<td><a href="{{detail}}">{{reference}}</a></td>'
            f'<td>{{title}}</td><td data-label="{constant(gettext("Toezichtgebied"))}">{{domain}}</td>'
            f'<td data-label="{constant(gettext("Eigenaar"))}">{{owner}}</td>'
            f'<td data-label="{constant(gettext("Deadline"))}">{{due_date}}</td>'
            f'<td data-label="{constant(gettext("Status"))}"><span class="status status-{{status}}">{{status_text}}'
            "</span>{steps}</td></tr>"
        ),
        "start": (
            '<button type="submit" formaction="{detail}start/" formnovalidate class="utrecht-link-button '
            f'utrecht-link-button--html-button link-button row-step">{start}<span class="visually-hidden"> '
            "{reference}</span></button>"
            if selectable
            else ""
        ),
    }
    for name, address, label in ROW_STEP_LINKS:
        formats[name] = (
            f' <a class="row-step" href="{{detail}}{address}{constant(back)}">{constant(label)}'
            '<span class="visually-hidden"> {reference}</span></a>'
        )
    return formats
