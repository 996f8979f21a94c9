"""Forms of wpsite: they validate what people type; the workflow decides what may happen."""

import datetime
import functools
import re

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from commitments import fileformat, permissions
from commitments.fileformat import listed, shortened
from commitments.models import (
    Commitment,
    Domain,
    DropKind,
    EvidenceLink,
    Goal,
    Note,
    ProgressUpdate,
    Verdict,
    WorkProgramme,
)
from commitments.overview import YearOverview
from commitments.people import person_label
from commitments.validators import no_invisible_characters
from wpsite.templatetags.controls import control_attrs

# A date in a commitment file: ISO 8601 and nothing else, so that 03-04-2024 is never read as the wrong day.
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# A scheme before the address ("ftp:", "mailto:", "javascript:"); "host:8080/x" is a port, not a scheme.
SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:(?!\d)", re.IGNORECASE)

User = get_user_model()


class Select(forms.Select):
    """Django's select with its options written in Python, the same HTML: Django includes two templates per option,
    and the register's filters and bulk form have some 130 options (bench/results.md)."""

    template_name = "commitments/widgets/select.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["options_html"] = _options_html(context["widget"]["optgroups"])
        return context


class CheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    """Django's list of checkboxes with its options written in Python, the same HTML: Django includes four templates
    per option (option, input, attributes), which made the register's status filter the dearest of its fields."""

    template_name = "commitments/widgets/checkbox_select.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["options_html"] = _checkboxes_html(context["widget"]["optgroups"])
        return context


def _checkboxes_html(optgroups):
    return _grouped_html(
        optgroups,
        lambda options: format_html_join(
            "",
            '<div><label{}><input type="{}" name="{}" value="{}"{}> {}</label></div>',
            (
                (
                    format_html(' for="{}"', option["attrs"]["id"]) if option["attrs"].get("id") else "",
                    option["type"],
                    option["name"],
                    option["value"],
                    control_attrs(option),  # the NL Design System's class, as every control has
                    option["label"],
                )
                for option in options
            ),
        ),
        group_format="<div><label>{}</label>{}</div>",
    )


def _options_html(optgroups):
    return _grouped_html(
        optgroups,
        lambda options: format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((option["value"], " selected" if option["selected"] else "", option["label"]) for option in options),
        ),
        group_format='<optgroup label="{}">{}</optgroup>',
    )


def _grouped_html(optgroups, write_options, *, group_format):
    """A choice widget's options, each group written by `write_options`, a named group inside `group_format`."""
    groups = []
    for group_name, options, _index in optgroups:
        written = write_options(options)
        groups.append(format_html(group_format, group_name, written) if group_name else written)
    return mark_safe("".join(groups))  # noqa: S308 (each part is format_html's)


class UserChoiceField(forms.ModelChoiceField):
    """Shows a person as "A. de Vries (adevries)" so that two people of one name stay apart; a list of people is
    long, so its options are written by the quicker Select."""

    widget = Select

    def label_from_instance(self, user):
        return person_label(user)


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's, except that an id too large for any integer column is an unknown choice, not a crash
    (the `__in` lookup that checks the ids raises OverflowError on SQLite)."""

    def clean(self, value):
        try:
            return super().clean(value)
        except OverflowError:
            raise forms.ValidationError(self.error_messages["invalid_list"], code="invalid_list") from None


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class CommitmentForm(forms.ModelForm):
    """Create and edit a commitment. The domain and owner offered are those the user may choose."""

    owner = UserChoiceField(queryset=User.objects.none(), required=False, label=_("eigenaar"))
    due_date_reason = forms.CharField(
        label=_("reden voor een nieuwe deadline"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Verplicht als u de deadline wijzigt."),
    )

    class Meta:
        model = Commitment
        fields = ["programme", *fileformat.EDITABLE_FIELDS]
        widgets = {
            "statement": forms.Textarea(attrs={"rows": 5}),
            "goals": CheckboxSelectMultiple,
            "due_date": DateInput(),
            "expected_date": DateInput(),
        }
        field_classes = {"goals": ModelMultipleChoiceField}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        domains = Domain.objects.all()
        if not permissions.is_beheerder(user):
            domains = domains.filter(pk__in=permissions.member_domain_ids(user))
        self.fields["domain"].queryset = domains
        self.fields["goals"].queryset = Goal.objects.all()
        self.fields["programme"].queryset = WorkProgramme.objects.all()
        self.fields["owner"].queryset = (
            User.objects.filter(is_active=True, domains__in=domains)
            .distinct()
            .order_by("last_name", "first_name", "username")
        )
        if self.instance.pk:
            # A commitment stays in its programme; its reference says which.
            del self.fields["programme"]
        else:
            del self.fields["due_date_reason"]
            self.fields["due_date"].required = False
            self.fields["due_date"].help_text = _("Leeg: 31 december van het programmajaar.")

    def changes(self):
        """The edited model fields, for the workflow."""
        return {name: self.cleaned_data[name] for name in fileformat.EDITABLE_ROW_FIELDS if name in self.cleaned_data}


class EvidenceForm(forms.ModelForm):
    class Meta:
        model = EvidenceLink
        fields = ["url", "title", "kind", "published_on", "note"]
        widgets = {"published_on": DateInput(), "note": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"url": _("Een webadres; zonder http:// of https:// ervoor wordt het https://.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The model field refuses invisible characters too; on the form field its message is shown beside Django's
        # "not a valid URL" (issue 18: zero-width and bidi characters spoof the link).
        self.fields["url"].validators.append(no_invisible_characters)

    def clean_url(self):
        # URLField turns "//host/x" into "https://host/x" and accepts other schemes; we take only what was typed.
        # An address typed without a scheme ("www.x.nl/y") gets https:// (issue 17); any other scheme is refused.
        raw = self.data.get(self.add_prefix("url"), "").strip()
        if raw.lower().startswith(("http://", "https://")):
            return self.cleaned_data["url"]
        if raw.startswith("/") or SCHEME.match(raw):
            raise forms.ValidationError(_("Geef een webadres dat begint met http:// of https://."))
        url = f"https://{raw}"
        URLValidator(schemes=["http", "https"])(url)
        return url


class NoteForm(forms.ModelForm):
    class Meta:
        model = Note
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class StateOfAffairsForm(forms.ModelForm):
    """A new state of affairs. Its ids begin with `progress_`: the note form on the same page has a `text` too."""

    class Meta:
        model = ProgressUpdate
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}
        labels = {"text": _("nieuwe stand van zaken")}
        help_texts = {
            "text": _(
                "Waar staat het voornemen nu? Managers lezen het in het jaaroverzicht; de eerdere blijven bewaard."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, auto_id="progress_%s", **kwargs)


class BulkStepForm(forms.Form):
    """One step on the commitments selected in the register. Prefixed `bulk`: the register's filters have an
    `owner` too."""

    AT_MOST = 100  # a page of the register at most; each is a step of its own in one transaction

    commitments = forms.ModelMultipleChoiceField(
        queryset=Commitment.objects.all(),
        to_field_name="reference",
        error_messages={"required": _("Kies eerst een of meer voornemens.")},
    )
    step = forms.ChoiceField(
        widget=Select,
        label=_("actie"),
        error_messages={"required": _("Kies een actie.")},
        choices=[
            ("", _("Kies een actie")),
            ("assign_owner", _("Eigenaar toewijzen")),
            ("start", _("Starten")),
            ("carry_over", _("Overhevelen naar volgend jaar")),
        ],
    )
    owner = UserChoiceField(
        queryset=User.objects.none(), required=False, label=_("eigenaar"), help_text=_("Bij ‘Eigenaar toewijzen’.")
    )
    reason = forms.CharField(
        label=_("reden"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Bij ‘Overhevelen’."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="bulk", **kwargs)
        # Anyone who works in a domain; the step refuses an owner who is not a member of the commitment's domain.
        self.fields["owner"].queryset = (
            User.objects.filter(is_active=True, domains__isnull=False)
            .distinct()
            .order_by("last_name", "first_name", "username")
            .only("username", "first_name", "last_name")  # what an option shows; not the password's hash
        )

    def clean_commitments(self):
        chosen = self.cleaned_data["commitments"]
        if len(chosen) > self.AT_MOST:
            raise forms.ValidationError(_("Kies ten hoogste %(count)s voornemens tegelijk.") % {"count": self.AT_MOST})
        return chosen

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("step") == "assign_owner" and not cleaned.get("owner"):
            self.add_error("owner", _("Kies de eigenaar die u wilt toewijzen."))
        if cleaned.get("step") == "carry_over" and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Geef een reden om over te hevelen."))
        return cleaned

    def step_fields(self):
        """What the chosen step needs besides the commitment."""
        step = self.cleaned_data["step"]
        if step == "assign_owner":
            return {"owner": self.cleaned_data["owner"]}
        if step == "carry_over":
            return {"reason": self.cleaned_data["reason"].strip()}
        return {}


class SubmitForm(forms.Form):
    proposed_verdict = forms.ChoiceField(label=_("voorgesteld oordeel"), choices=Verdict.choices)
    explanation = forms.CharField(label=_("toelichting"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))
    expected_date = forms.DateField(
        label=_("verwachte datum"), required=False, widget=DateInput(), help_text=_("Verplicht bij ‘Vertraagd’.")
    )


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("besluit"),
        choices=[("approve", _("Goedkeuren met oordeel")), ("send_back", _("Terugsturen"))],
        widget=forms.RadioSelect,
    )
    verdict = forms.ChoiceField(label=_("oordeel"), choices=[("", "—"), *Verdict.choices], required=False)
    rationale = forms.CharField(
        label=_("motivering"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Verplicht bij terugsturen en als u afwijkt van het voorgestelde oordeel."),
    )
    annual_report_reference = forms.CharField(
        label=_("vindplaats in het jaarbericht"),
        required=False,
        max_length=200,
        help_text=_("Verplicht bij goedkeuren. Bijvoorbeeld: Jaarbericht 2024, p. 14, of een paragraaf."),
    )
    expected_date = forms.DateField(
        label=_("verwachte datum"),
        required=False,
        widget=DateInput(),
        help_text=_("Bij ‘Vertraagd’; leeg: de datum uit de aanbieding."),
    )
    drop_kind = forms.ChoiceField(
        label=_("soort vervallen"),
        choices=DropKind.choices,
        required=False,
        widget=forms.RadioSelect,
        help_text=_("Bij ‘Vervallen’: beëindigde het werkprogramma zelf het voornemen, of verviel het in het jaar?"),
    )
    # What the reviewer saw: a commitment or evidence changed since is not decided unseen.
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)
    evidence_version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ReviewQueueForm(forms.Form):
    """The review queue's filter and order, kept in the address (GET) by the queue and by each review form of it.
    A value that is not one of the choices is left out, as if not given."""

    SORT_KEYS = {"waiting": ("submitted_at", "id"), "due_date": ("due_date", "submitted_at", "id")}

    domain = forms.ModelChoiceField(
        label=_("toezichtgebied"),
        queryset=Domain.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("Alle toezichtgebieden"),
    )
    sort = forms.ChoiceField(
        label=_("volgorde"),
        choices=[("waiting", _("Wie het langst wacht eerst")), ("due_date", _("De vroegste deadline eerst"))],
        required=False,
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("reden"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))


class ProgrammeForm(forms.ModelForm):
    """A year's programme: what it is, the MJP goals in force (new ones can be named here), and its annual report."""

    new_goals = forms.CharField(
        label=_("nieuwe doelen"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Eén doel per regel, bijvoorbeeld de doelen van een nieuw Meerjarenperspectief."),
    )

    class Meta:
        model = WorkProgramme
        fields = [
            "year",
            "title",
            "published_on",
            "source_url",
            "goals",
            "annual_report_title",
            "annual_report_url",
            "annual_report_published_on",
        ]
        widgets = {
            "published_on": DateInput(),
            "annual_report_published_on": DateInput(),
            "goals": CheckboxSelectMultiple,
        }
        field_classes = {"goals": ModelMultipleChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goals"].queryset = Goal.objects.all()
        if self.instance.pk:
            del self.fields["year"]  # the year names the programme in every address and reference

    def clean_new_goals(self):
        names = [line.strip() for line in self.cleaned_data["new_goals"].splitlines() if line.strip()]
        for name in names:
            if len(name) > Goal._meta.get_field("name").max_length:
                raise forms.ValidationError(_("Een doel is ten hoogste 200 tekens."))
        return names

    def programme_fields(self):
        """The model fields as the workflow takes them."""
        return {name: value for name, value in self.cleaned_data.items() if name not in ("goals", "new_goals")}


class CloseProgrammeForm(forms.Form):
    carry_over_delayed = forms.BooleanField(
        label=_("De vertraagde voornemens overhevelen naar het volgende werkprogramma"), required=False
    )


class OverviewFilterForm(forms.Form):
    """The filters of the year-end overview: query parameters `domain` (slug) and `goal` (code)."""

    domain = forms.ModelChoiceField(
        queryset=Domain.objects.all(),
        to_field_name="slug",
        required=False,
        label=_("toezichtgebied"),
        empty_label=_("Alle toezichtgebieden"),
    )
    goal = forms.ModelChoiceField(
        queryset=Goal.objects.all(),
        to_field_name="code",
        required=False,
        label=_("doel"),
        empty_label=_("Alle doelen"),
    )


def year_overview_for(programme, query):
    """The overview of `programme` that a query (`domain`, `goal`) asks for, with its filter form; unknown filter
    values give the form's error and an empty overview. The overview page, its exports and the background files."""
    form = OverviewFilterForm(query or None)
    if not form.is_bound:
        return YearOverview(programme), form
    if not form.is_valid():
        return YearOverview(programme, empty=True), form
    return YearOverview(programme, domain=form.cleaned_data["domain"], goal=form.cleaned_data["goal"]), form


class ImportForm(forms.Form):
    """The upload of a commitment file for a dry run (DESIGN.md §5)."""

    MAX_BYTES = 5 * 1024 * 1024  # imports.MAX_FILE_BYTES; the request itself is refused above it (wpsite.middleware)

    file = forms.FileField(
        label=_("bestand"),
        allow_empty_file=True,  # the importer says so itself, naming the file
        help_text=_("CSV (UTF-8) of Excel-werkmap (.xlsx) met de kolommen van het bestandsformaat; ten hoogste 5 MB."),
    )
    programme = forms.ModelChoiceField(
        queryset=WorkProgramme.objects.all(),
        to_field_name="year",
        required=False,
        label=_("werkprogramma"),
        empty_label=_("Zoals in de kolom programme"),
        help_text=_("Voor regels zonder programma; een regel van een ander programma wordt geweigerd."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("Het bestand is groter dan 5 MB. Splits het op in kleinere bestanden."))
        return upload


# --- one row of a commitment file ---------------------------------------------------------------


class CellField(forms.Field):
    """A column of a commitment file, its cell as text. Its messages name the column and quote the cell shortened:
    a row has no place on a page to show them beside."""

    def __init__(self, *, column, **kwargs):
        super().__init__(**{"label": column, **kwargs})
        self.column = column

    def refused(self, error, /, **params):
        """The ValidationError of `error`, one of the field's error_messages, with the column among its params."""
        return ValidationError(self.error_messages[error], code=error, params={"field": self.column, **params})

    def validate(self, value):
        # Not `in self.empty_values`: that compares a domain or a person with each empty value, in every row.
        if self.required and not value:
            raise self.refused("required")


class TextCellField(CellField, forms.CharField):
    """A text column. Whether it is required and how long it may be come from the model field, as on the page."""

    default_error_messages = {
        "required": _("Vul de kolom %(field)s in."),
        "max_length": _("%(field)s is %(length)d tekens lang; ten hoogste %(max)d mag."),
    }

    def run_validators(self, value):
        # The model field's limit, which the page's CharField has too, counted in the file's words.
        if self.max_length is not None and len(value) > self.max_length:
            raise self.refused("max_length", length=len(value), max=self.max_length)


class CodeCellField(CellField):
    """A column of the codes of a model field's choices (kind, status); empty is the model field's default. Given a
    message for it (`label`), a label written instead of its code is refused naming the code."""

    def __init__(self, *, model_field, **kwargs):
        super().__init__(required=False, **kwargs)
        self.choices = model_field.choices
        self.codes = frozenset(code for code, _label in self.choices)  # no walk through a list for every cell
        self.default = model_field.get_default()

    def to_python(self, value):
        if not value:
            return self.default
        if value in self.codes:
            return value
        code_of_label = {str(label).lower(): code for code, label in self.choices}
        if "label" in self.error_messages and value.lower() in code_of_label:
            raise self.refused("label", code=code_of_label[value.lower()], value=shortened(value))
        raise self.refused(
            "invalid_choice", value=shortened(value), codes=", ".join(code for code, _label in self.choices)
        )


class LookupCellField(CellField):
    """A column that names an object by its key (a domain by slug, a person by username), found among the objects the
    import read for all its rows at once: no query per row. Its message for a key it does not know is `unknown`."""

    def __init__(self, *, objects, **kwargs):
        super().__init__(**kwargs)
        self.objects = objects

    @functools.cached_property
    def known(self):
        """The keys there are, for a message; worked out once, at the first unknown one."""
        return ", ".join(sorted(self.objects))

    def to_python(self, value):
        if not value:
            return None
        found = self.objects.get(value)
        if found is None:
            raise self.refused("unknown", value=shortened(value), known=self.known)
        return found


class LookupListCellField(LookupCellField):
    """A column of keys separated by ; (the goals), each found as LookupCellField finds one; a key given twice once."""

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def to_python(self, value):
        keys = [key.strip() for key in value.split(fileformat.GOAL_SEPARATOR) if key.strip()]
        unknown = [key for key in keys if key not in self.objects]
        if unknown:
            raise self.refused("unknown", unknown=listed(unknown), known=self.known)
        return [self.objects[key] for key in dict.fromkeys(keys)]


class DateCellField(CellField):
    """A date column, written as ISO 8601 (JJJJ-MM-DD) and nothing else."""

    default_error_messages = {
        "invalid": _("%(field)s ‘%(value)s’ is geen geldige datum; schrijf JJJJ-MM-DD, bijvoorbeeld 2024-12-31.")
    }

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def to_python(self, value):
        if not value:
            return None
        if ISO_DATE.fullmatch(value):
            try:
                return datetime.date.fromisoformat(value)
            except ValueError:  # 2024-02-30
                pass
        raise self.refused("invalid", value=shortened(value))


class CommitmentRowForm(forms.Form):
    """One row of a commitment file (DESIGN.md §5), its cells as text by column name: each cell decoded into a value
    of the commitment (a slug into its domain, goal codes into goals, a username into the owner, ISO text into a date)
    and checked by the rules of the page's form, from the same model fields, with messages in the file's words.

    `stored` is the commitment the row is about, None for a new one: the owner must be a member of the domain
    wherever a row sets either (Commitment.owner_outside_domain, the rule of the page and the workflow), while a row
    that keeps both as they are stays importable, as it was exported.

    The fields are made once per import with what it read in bulk (`fields_for`) and shared by the forms of all its
    rows, which only read them: a form copies declared fields for each instance, which would add half a second to the
    dry run of 5,000 rows."""

    def __init__(self, cells, *, fields, memberships, stored=None):
        super().__init__(cells, auto_id=False, label_suffix="")  # never shown: no ids, no translated suffix
        self.fields = fields
        self.memberships = memberships
        self.stored = stored

    @staticmethod
    def fields_for(*, domains, goals, users):
        """The fields of the row forms of one import: `domains`, `goals` and `users` by slug, code and username."""

        def model_field(name):
            return Commitment._meta.get_field(name)

        def text(name):
            # No help text: a row form is never shown, and its lazy text would be translated for every row.
            return model_field(name).formfield(form_class=TextCellField, column=name, help_text="")

        return {
            "title": text("title"),
            "statement": text("statement"),
            "source_location": text("source_location"),
            "kind": CodeCellField(
                column="kind",
                model_field=model_field("kind"),
                error_messages={
                    "label": _("Schrijf in de kolom kind de code ‘%(code)s’, niet ‘%(value)s’."),
                    "invalid_choice": _("Onbekende soort (kind) ‘%(value)s’. Gebruik een van: %(codes)s."),
                },
            ),
            "domain": LookupCellField(
                column="domain",
                objects=domains,
                error_messages={
                    "required": _("Vul de kolom domain in met het toezichtgebied, bijvoorbeeld politie."),
                    "unknown": _("Onbekend toezichtgebied ‘%(value)s’. Bekend zijn: %(known)s."),
                },
            ),
            "goals": LookupListCellField(
                column="goals",
                objects=goals,
                error_messages={
                    "unknown": _("Onbekend doel: %(unknown)s. Bekend zijn: %(known)s (gescheiden door ;).")
                },
            ),
            "owner": LookupCellField(
                column="owner",
                objects=users,
                required=False,
                error_messages={"unknown": _("Onbekende eigenaar ‘%(value)s’: geef een bestaande gebruikersnaam.")},
            ),
            "due_date": DateCellField(column="due_date"),
            "expected_date": DateCellField(column="expected_date"),
            "status": CodeCellField(
                column="status",
                model_field=model_field("status"),
                error_messages={"invalid_choice": _("Onbekende status ‘%(value)s’. Gebruik de code: %(codes)s.")},
            ),
        }

    def clean(self):
        cleaned = super().clean()
        owner, domain = cleaned.get("owner"), cleaned.get("domain")
        sets_them = self.stored is None or (owner, domain) != (self.stored.owner, self.stored.domain)
        if owner and domain and sets_them and Commitment.owner_outside_domain(owner.pk, domain.pk, self.memberships):
            self.add_error(
                "owner",
                ValidationError(
                    _("Eigenaar %(owner)s is geen lid van toezichtgebied %(domain)s."),
                    code="owner_outside_domain",
                    params={"owner": owner.username, "domain": domain.slug},
                ),
            )
        return cleaned

    def commitment_fields(self):
        """The row's values as the workflow takes them (the status is the workflow's alone); of a row with errors,
        those of its valid cells."""
        return {name: self.cleaned_data[name] for name in fileformat.EDITABLE_FIELDS if name in self.cleaned_data}
