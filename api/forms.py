import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from api.models import Scope
from commitments.forms import DateInput

MAX_DAYS = 365


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("naam"), max_length=100, help_text=_("Waarvoor het token is, bijvoorbeeld ‘rapportage-script’.")
    )
    scope = forms.ChoiceField(label=_("bereik"), choices=Scope.choices, initial=Scope.READ, widget=forms.RadioSelect)
    expires_on = forms.DateField(
        label=_("verloopt op"),
        help_text=_("Uiterlijk een jaar vanaf vandaag."),
        widget=DateInput(),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expires_on"].initial = timezone.localdate() + datetime.timedelta(days=90)

    def clean_expires_on(self):
        value = self.cleaned_data["expires_on"]
        today = timezone.localdate()
        if value <= today:
            raise forms.ValidationError(_("Kies een datum na vandaag."))
        if value > today + datetime.timedelta(days=MAX_DAYS):
            raise forms.ValidationError(_("Een token geldt ten hoogste een jaar."))
        return value

    def expires_at(self):
        """The end of the chosen day, in the site's time zone."""
        day = self.cleaned_data["expires_on"]
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(23, 59, 59)))
