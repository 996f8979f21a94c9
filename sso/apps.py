from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SsoConfig(AppConfig):
    name = "sso"
    verbose_name = _("Eenmalige aanmelding")

    def ready(self):
        from sso import checks, signals  # noqa: F401 (registers the system checks and receivers)
