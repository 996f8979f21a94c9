"""Forms of wpsite: they validate what people type; the workflow decides what may happen."""

import re

from django import forms
from django.contrib.auth import get_user_model
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from commitments import fileformat, permissions
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

# A scheme before the address ("ftp:", "mailto:", "javascript:"); "host:8080/x" is a port, not a scheme.
SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:(?!\d)", re.IGNORECASE)

User = get_user_model()


class Select(forms.Select):
    """A select that writes its options itself (see the template): the same HTML as Django's, rendered faster."""

    template_name = "commitments/widgets/select.html"


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
            "goals": forms.CheckboxSelectMultiple,
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
            "goals": forms.CheckboxSelectMultiple,
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
