"""The register's filters (DESIGN.md §5): each a query parameter that bookmarks and e-mails may carry."""

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.choices import BaseChoiceIterator
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django_filters.constants import EMPTY_VALUES

from commitments.forms import CheckboxSelectMultiple, Select
from commitments.models import Commitment, Domain, Goal, Status, WorkProgramme
from commitments.people import person_label

User = get_user_model()


class OptionsReadOnce(BaseChoiceIterator):
    """The options of a select, read from the database when first needed and then kept, so that the form shows them
    and checks the chosen value against them from one query. A ModelChoiceFilter reads its options to show them and
    its chosen value once more: a query for every filter in use (bench/results.md).

    `read` gives (id, value, label): the parameter carries the value (a year, slug, code or username), the query
    filters on the id, as on an indexed foreign key, without a join to match the value."""

    def __init__(self, read, first=()):
        self.read = read
        self.first = first  # options before those read (the register's "mine")

    @cached_property
    def ids(self):
        return {str(value): (pk, str(label)) for pk, value, label in (*self.first, *self.read())}

    def __iter__(self):
        return ((value, label) for value, (_, label) in self.ids.items())

    def __deepcopy__(self, memo):
        return self  # the form's field is deep-copied, its widget not: both must share the one reading


class OptionFilter(django_filters.ChoiceFilter):
    """A choice of one row of a related table, by the value people see in the address; options by OptionsReadOnce."""

    def __init__(self, *args, read, **kwargs):
        self.read = read
        super().__init__(*args, widget=Select, **kwargs)

    def filter(self, queryset, value):
        if value in EMPTY_VALUES:
            return queryset
        return queryset.filter(**{self.field_name: self.extra["choices"].ids[value][0]})


MINE = "me"  # ?owner=me: the commitments of whoever reads the page


class CommitmentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("zoeken"), max_length=200)
    programme = OptionFilter(
        field_name="programme",
        read=lambda: ((programme.pk, programme.year, programme) for programme in WorkProgramme.objects.all()),
        label=_("werkprogramma"),
        empty_label=_("Alle jaren"),
    )
    domain = OptionFilter(
        field_name="domain",
        read=lambda: Domain.objects.values_list("pk", "slug", "name"),
        label=_("toezichtgebied"),
        empty_label=_("Alle gebieden"),
    )
    # One goal matches at most one row of the join: no DISTINCT needed.
    goal = OptionFilter(
        field_name="goals",
        read=lambda: Goal.objects.values_list("pk", "code", "name"),
        label=_("doel"),
        empty_label=_("Alle doelen"),
        distinct=False,
    )
    # Checkboxes, as the NL Design System shows a choice of several: a list box needed ctrl-click.
    status = django_filters.MultipleChoiceFilter(
        choices=Status.choices, label=_("status"), distinct=False, widget=CheckboxSelectMultiple
    )
    # Only people who can own commitments (domain members), not every account (django-filter #1143); named as in
    # the commitment form. `owner=me` (MINE, first of the options) is whoever reads: an address to share or bookmark
    # that shows each their own.
    owner = OptionFilter(
        field_name="owner",
        read=lambda: (
            (user.pk, user.username, person_label(user))
            for user in User.objects.filter(domains__isnull=False)
            .distinct()
            .order_by("username")
            .only("username", "first_name", "last_name")
        ),
        label=_("eigenaar"),
        empty_label=_("Iedereen"),
    )
    overdue = django_filters.ChoiceFilter(
        method="filter_overdue",
        label=_("over de deadline"),
        choices=[("1", _("Ja")), ("0", _("Nee"))],
        empty_label=_("Maakt niet uit"),
        widget=Select,
    )

    class Meta:
        model = Commitment
        fields = ["q", "programme", "domain", "goal", "status", "owner", "overdue"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for option_filter in self.filters.values():
            if isinstance(option_filter, OptionFilter):  # options of this request, read when first needed
                option_filter.extra["choices"] = OptionsReadOnce(option_filter.read)
        user = getattr(self.request, "user", None)
        if user is not None and user.is_authenticated:
            self.filters["owner"].extra["choices"].first = ((user.pk, MINE, _("Mijn voornemens")),)

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(reference__icontains=value) | Q(title__icontains=value) | Q(statement__icontains=value)
        )

    def filter_overdue(self, queryset, name, value):
        overdue = Commitment.objects.overdue(timezone.localdate())
        return (
            queryset.filter(pk__in=overdue.values("pk"))
            if value == "1"
            else queryset.exclude(pk__in=overdue.values("pk"))
        )


def chips(form, query):
    """The filters in use as chips (the NL Design System's filter pattern): [(text, query)] for each value of a
    filter in `query`, the query being the same address without just that value (and without the page), so that
    each chip is a link that removes itself. The labels come from the form's own options and cleaned values: no
    query of their own."""
    found = []
    for name, field in form.fields.items():
        values = [value for value in query.getlist(name) if value.strip()]
        for value in values:
            remaining = query.copy()
            remaining.setlist(name, [other for other in values if other != value])
            remaining.pop("page", None)
            found.append((f"{capfirst(field.label)}: {_value_label(form, name, field, value)}", remaining.urlencode()))
    return found


def _value_label(form, name, field, value):
    if isinstance(field, forms.ModelChoiceField):  # the overview's: the chosen row, once the form is valid
        chosen = form.cleaned_data.get(name) if form.is_valid() else None
        return str(chosen) if chosen is not None else value
    if isinstance(field, forms.ChoiceField):
        return str(dict(field.choices).get(value, value))
    return value
