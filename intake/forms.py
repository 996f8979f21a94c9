from django import forms
from django.utils.translation import gettext_lazy as _

from commitments.forms import CheckboxSelectMultiple, DateInput
from commitments.models import Domain, Goal, WorkProgramme
from intake.models import Candidate

MAX_UPLOAD = 50 * 1024 * 1024


class UploadForm(forms.Form):
    programme = forms.ModelChoiceField(
        label=_("Werkprogramma"), queryset=WorkProgramme.objects.order_by("-year"), to_field_name="year"
    )
    file = forms.FileField(
        label=_("Het werkprogramma (PDF of tekst)"),
        help_text=_("Een PDF met tekst, of een tekstbestand in UTF-8; ten hoogste 50 MB."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("Het bestand is groter dan 50 MB."))
        return upload


class CandidateForm(forms.ModelForm):
    domain = forms.ChoiceField(label=_("Toezichtgebied"))
    goals = forms.MultipleChoiceField(label=_("Doelen"), required=False, widget=CheckboxSelectMultiple)
    decision = forms.ChoiceField(
        label=_("Besluit"), choices=Candidate.Decision.choices, required=False, widget=forms.RadioSelect
    )

    class Meta:
        model = Candidate
        fields = ["title", "statement", "domain", "goals", "kind", "due_date", "decision"]
        widgets = {
            "statement": forms.Textarea(attrs={"rows": 3}),
            "due_date": DateInput(),
        }

    def __init__(self, *args, domains=None, goals=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["domain"].choices = domains or [(d.slug, d.name) for d in Domain.objects.order_by("name")]
        self.fields["goals"].choices = goals or [(g.code, g.name) for g in Goal.objects.order_by("code")]
        if self.instance.pk:
            self.initial["goals"] = self.instance.goal_codes

    def clean_goals(self):
        return ";".join(self.cleaned_data["goals"])


class AddCandidateForm(forms.Form):
    """An intention the reading did not offer, pasted from the document by its owner."""

    statement = forms.CharField(
        label=_("Tekst uit het document"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Plak de zin of zinnen uit het werkprogramma die als kandidaat ontbreken."),
    )
    page = forms.CharField(label=_("Pagina"), max_length=20, required=False)
    section = forms.ChoiceField(label=_("Sectie"), required=False)

    def __init__(self, *args, sections=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [("", _("Zonder kop"))] + [(name, name) for name in sections if name]


CandidateFormSet = forms.modelformset_factory(Candidate, form=CandidateForm, extra=0, edit_only=True)
