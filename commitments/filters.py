"""The register's filters (DESIGN.md §5): each a query parameter that bookmarks and e-mails may carry."""

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.choices import BaseChoiceIterator
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from commitments.models import Commitment, Domain, Goal, Status, WorkProgramme

User = get_user_model()


class Select(forms.Select):
    """A select that writes its options itself (see the template): the same HTML as Django's, rendered faster."""

    template_name = "commitments/widgets/select.html"


class SelectMultiple(forms.SelectMultiple):
    template_name = Select.template_name


class OptionsReadOnce(BaseChoiceIterator):
    """The options of a select, read from the database when first needed and then kept, so that the form shows them
    and checks the chosen value against them from one query. A ModelChoiceFilter reads its options to show them and
    its chosen value once more: a query for every filter in use (bench/results.md). `read` gives (value, label)."""

    def __init__(self, read):
        self.read = read

    @cached_property
    def options(self):
        return [(str(value), str(label)) for value, label in self.read()]

    def __iter__(self):
        return iter(self.options)

    def __deepcopy__(self, memo):
        return self  # the form's field is deep-copied, its widget not: both must share the one reading


class CommitmentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("zoeken"), max_length=200)
    # Their options are read by __init__, from the reference tables and the owners.
    programme = django_filters.ChoiceFilter(
        field_name="programme__year", label=_("werkprogramma"), empty_label=_("Alle jaren"), widget=Select
    )
    domain = django_filters.ChoiceFilter(
        field_name="domain__slug", label=_("toezichtgebied"), empty_label=_("Alle gebieden"), widget=Select
    )
    # One goal matches at most one row of the join: no DISTINCT needed.
    goal = django_filters.ChoiceFilter(
        field_name="goals__code", label=_("doel"), empty_label=_("Alle doelen"), distinct=False, widget=Select
    )
    status = django_filters.MultipleChoiceFilter(
        choices=Status.choices, label=_("status"), distinct=False, widget=SelectMultiple
    )
    owner = django_filters.ChoiceFilter(
        field_name="owner__username", label=_("eigenaar"), empty_label=_("Iedereen"), widget=Select
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
        self.filters["programme"].extra["choices"] = OptionsReadOnce(
            lambda: ((programme.year, programme) for programme in WorkProgramme.objects.all())
        )
        self.filters["domain"].extra["choices"] = OptionsReadOnce(lambda: Domain.objects.values_list("slug", "name"))
        self.filters["goal"].extra["choices"] = OptionsReadOnce(lambda: Goal.objects.values_list("code", "name"))
        # Only people who can own commitments (domain members), not every account (django-filter #1143).
        owners = User.objects.filter(domains__isnull=False).distinct().order_by("username")
        self.filters["owner"].extra["choices"] = OptionsReadOnce(lambda: owners.values_list("username", "username"))

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
