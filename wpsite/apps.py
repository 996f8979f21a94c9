from django.apps import AppConfig


class WpsiteConfig(AppConfig):
    """The project as an app: its security signal receivers and its templates of errors and lockout."""

    name = "wpsite"

    def ready(self):
        from wpsite import security  # noqa: F401 (connects the login receivers)
