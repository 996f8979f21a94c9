"""Settings for wpsite. Everything that differs between machines comes from the environment (DESIGN.md §6)."""

import datetime
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_flag(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_flag("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY is required when DEBUG is off.")
    SECRET_KEY = "django-insecure-development-key-only-for-debug"  # noqa: S105 (DEBUG only)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",  # Django's widget templates, for FORM_RENDERER below
    "django_filters",
    "django_tables2",
    "auditlog",
    "axes",
    "csp",
    # Django REST framework is used (api/) but not installed as an app: the API renders JSON only (no browsable API,
    # no templates), and its Dutch catalogue would replace Django's own form messages ("Dit veld is verplicht.").
    "drf_spectacular",
    "wpsite",
    "commitments",
    "sso",
    "django_tasks",
    "django_tasks_db",
    "intake",
    "public",
    "api",
]

# Background work (issue 15): Django's tasks through the django-tasks backport, queued in the database and run
# by `manage.py db_worker` (as many workers as needed, on any machine that reaches the database).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Before the login check, so that a session past its idle or absolute lifetime is sent to the login page.
    "wpsite.middleware.SessionTimeoutMiddleware",
    # A session begun at the OpenID Provider is renewed against it now and then (sso/; nothing without OIDC).
    "sso.middleware.ProviderSessionRefresh",
    # Everything needs a login; the few public views say so with @login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "wpsite.middleware.NoStoreForAuthenticatedMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "sso.middleware.ProviderFormActionMiddleware",  # after csp's: lets the logout form lead to the provider
    # Before anything reads a body (CSRF reads POST in process_view): too large is 413 at once, with the headers above.
    "wpsite.middleware.RequestBodyLimitMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    # Last, as django-axes asks: turns a refused login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "wpsite.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "commitments.context_processors.permissions_for_user",
                "wpsite.context_processors.theme",
                "wpsite.context_processors.menu",
            ],
        },
    },
]

# Widgets through the project's templates, so that templates/django/forms/widgets/attrs.html gives each control the
# NL Design System's class.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

WSGI_APPLICATION = "wpsite.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if os.environ.get("TEST_DATABASE_NAME"):
    # Lets several test runs share one PostgreSQL server without dropping each other's database.
    DATABASES["default"]["TEST"] = {"NAME": os.environ["TEST_DATABASE_NAME"]}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# django-axes first: it refuses a locked-out login before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "sso.backends.LocalPasswordBackend",  # Django's ModelBackend, switched off by LOCAL_LOGIN=0
    "sso.backends.OIDCBackend",
    "commitments.backends.RoleBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Single sign-on with the organisation's OpenID Provider (sso/, DESIGN.md §10): on when OIDC_CLIENT_ID is set and
# the provider is named by its discovery document or its endpoints. Local accounts stay unless LOCAL_LOGIN=0.
LOCAL_LOGIN = env_flag("LOCAL_LOGIN", True)
OIDC_DISCOVERY_URL = os.environ.get("OIDC_DISCOVERY_URL", "")
OIDC_OP_ISSUER = os.environ.get("OIDC_ISSUER", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_USERINFO_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_JWKS_URI", "")
OIDC_OP_LOGOUT_ENDPOINT = os.environ.get("OIDC_END_SESSION_ENDPOINT", "")
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_CLIENT_SECRET", "")
OIDC_RP_SCOPES = os.environ.get("OIDC_SCOPES", "openid email profile")
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_SIGN_ALGO", "RS256")
OIDC_PROVIDER_NAME = os.environ.get("OIDC_PROVIDER_NAME", "")
OIDC_GROUPS_CLAIM = os.environ.get("OIDC_GROUPS_CLAIM", "groups")
OIDC_USERNAME_CLAIM = os.environ.get("OIDC_USERNAME_CLAIM", "preferred_username")
OIDC_GROUP_ROLES = os.environ.get("OIDC_GROUP_ROLES", "")
OIDC_RENEW_ID_TOKEN_EXPIRY_SECONDS = int(os.environ.get("OIDC_RENEW_AFTER", "900"))
OIDC_USE_PKCE = True
OIDC_STORE_ID_TOKEN = True  # the hint for the provider's logout
OIDC_TIMEOUT = 10
OIDC_CLOCK_SKEW = 60
OIDC_VERIFY_SSL = True
OIDC_AUTH_REQUEST_EXTRA_PARAMS = {}

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# English dates day-first (wpsite/formats/en/formats.py), not in Django's American order.
FORMAT_MODULE_PATH = ["wpsite.formats"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "staticfiles")  # where collectstatic writes
STATICFILES_DIRS = [BASE_DIR / "static"]
# The house style of a deployment entitled to it (e.g. the Rijkshuisstijl's design tokens and logo, whose licence
# keeps them out of this repository): a local folder with theme.css (design tokens in the NL Design System's names)
# and optionally logo.svg, served as static/theme/ and linked after our own tokens (README, "Look: the NL Design
# System").
THEME_DIR = os.environ.get("THEME_DIR", "")
THEME_CSS = THEME_LOGO = None
if THEME_DIR:
    if not (Path(THEME_DIR) / "theme.css").is_file():
        raise ImproperlyConfigured(f"THEME_DIR={THEME_DIR} has no theme.css.")
    STATICFILES_DIRS.append(("theme", Path(THEME_DIR)))
    THEME_CSS = "theme/theme.css"
    THEME_LOGO = "theme/logo.svg" if (Path(THEME_DIR) / "logo.svg").is_file() else None
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Mail: SMTP from the environment; the console when debugging locally.
if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_flag("EMAIL_USE_TLS", True)
elif DEBUG:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "wpsite <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where the site is served, for the links in e-mails (sent outside any request).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# The application is served only over https, except in local development.
SECURE_SSL_REDIRECT = env_flag("SECURE_SSL_REDIRECT", not DEBUG)
if env_flag("TRUST_X_FORWARDED_PROTO"):
    # Only behind a proxy that sets this header itself and drops the client's own.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = CSRF_COOKIE_HTTPONLY = LANGUAGE_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = LANGUAGE_COOKIE_SAMESITE = "Lax"
if not DEBUG:
    # __Host-: the browser accepts the cookie only over https, for this host alone, with path /.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    LANGUAGE_COOKIE_NAME = "__Host-django_language"
    LANGUAGE_COOKIE_PATH = "/"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Preloading binds the whole domain and every subdomain for months; that is the domain owner's decision
# (hstspreload.org), not this application's. HSTS itself is on.
SILENCED_SYSTEM_CHECKS = ["security.W021"]

# No inline script or style anywhere: everything comes from our own static files.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

# The largest request body each address takes (wpsite.middleware.RequestBodyLimitMiddleware), by path prefix, first
# match; every other address takes REQUEST_BODY_LIMIT. The import's upload is at most 5 MB (commitments.imports), plus
# its form. nginx (deploy/nginx/wpsite-proxy.conf, client_max_body_size) refuses above the largest before Django.
REQUEST_BODY_LIMITS = [
    ("/import/", 5 * 1024 * 1024 + 64 * 1024),
    ("/admin/", 1024 * 1024),
    ("/accounts/", 16 * 1024),
]
REQUEST_BODY_LIMIT = 256 * 1024

# Sessions: out after 30 minutes without a request, and 12 hours after the login whatever happens
# (wpsite.middleware.SessionTimeoutMiddleware renews an active session once a minute).
SESSION_COOKIE_AGE = 30 * 60
SESSION_ABSOLUTE_AGE = 12 * 60 * 60

# Login throttling: 5 failures for one username from one address lock that pair out for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "wpsite.security.lockout_response"
AXES_USERNAME_CALLABLE = "wpsite.security.username_for_axes"
AXES_HTTP_RESPONSE_CODE = 429
AXES_RESET_ON_SUCCESS = True

DJANGO_TABLES2_TEMPLATE = "django_tables2/table.html"
DJANGO_TABLES2_TABLE_ATTRS = {"class": "utrecht-table utrecht-table--html-table table"}

AUDITLOG_INCLUDE_ALL_MODELS = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "django": {"handlers": ["console"], "level": "INFO"},
        "wpsite": {"handlers": ["console"], "level": "INFO"},
        "axes": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}
FORMS_URLFIELD_ASSUME_HTTPS = True  # Django 6 behaviour now; our evidence form takes only what was typed anyway

# The API (api/, DESIGN.md §9): Django REST framework, its OpenAPI document by drf-spectacular. Bearer tokens only
# (no session: a browser's cookies never act on the API), errors as problem+json.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.authentication.TokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.problems.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "wpsite API",
    "DESCRIPTION": "De voornemens van de werkprogramma's van de Inspectie Justitie en Veiligheid en hun "
    "verantwoording. "
    "Zonder token de publieke gegevens van vastgestelde jaren; met een token wat de gebruiker mag.",
    "VERSION": "1.0.0",
    "CONTACT": {"name": "Inspectie Justitie en Veiligheid", "email": "wpsite@inspjenv.nl", "url": SITE_URL},
    "SERVERS": [{"url": f"{SITE_URL}/api/v1"}],
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SCHEMA_PATH_PREFIX_TRIM": True,
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "StatusEnum": "commitments.models.Status",
        "VerdictEnum": "commitments.models.Verdict",
        "EvidenceKindEnum": "commitments.models.EvidenceKind",
    },
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "api.schema.adr_hook"],
}
