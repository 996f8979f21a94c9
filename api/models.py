"""API tokens: made by their user, shown once, stored as a SHA-256 digest, with a name, an expiry and a scope."""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

PREFIX = "wps_"


def digest(secret):
    """A token is 32 random bytes: a plain SHA-256 digest cannot be reversed or guessed, and is found by index."""
    return hashlib.sha256(secret.encode()).hexdigest()


class Scope(models.TextChoices):
    READ = "read", _("Alleen lezen")
    WRITE = "write", _("Lezen en schrijven")


class ApiTokenQuerySet(models.QuerySet):
    def active(self, now=None):
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True, expires_at__gt=now)


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("gebruiker")
    )
    name = models.CharField(_("naam"), max_length=100)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    # The first characters, to recognise a token in a list without keeping it.
    hint = models.CharField(_("begint met"), max_length=12, editable=False)
    scope = models.CharField(_("bereik"), max_length=10, choices=Scope.choices, default=Scope.READ)
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now, editable=False)
    expires_at = models.DateTimeField(_("verloopt op"))
    last_used_at = models.DateTimeField(_("laatst gebruikt"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True, editable=False)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("ingetrokken door"),
    )

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API-token")
        verbose_name_plural = _("API-tokens")
        constraints = [
            models.CheckConstraint(
                condition=Q(scope__in=["read", "write"]),
                name="api_token_scope_valid",
                violation_error_message=_("Onbekend bereik."),
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.hint}…)"

    @classmethod
    def issue(cls, *, user, name, scope, expires_at):
        """A new token; returns (token, secret). The secret is shown once and never stored."""
        secret = PREFIX + secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user, name=name, scope=scope, expires_at=expires_at, digest=digest(secret), hint=secret[:8]
        )
        return token, secret

    @property
    def is_active(self):
        return self.revoked_at is None and self.expires_at > timezone.now()

    @property
    def may_write(self):
        return self.scope == Scope.WRITE

    def revoke(self, *, by):
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.revoked_by = by
            self.save(update_fields=["revoked_at", "revoked_by"])


class TokenFailure(models.Model):
    """A request with a token that was not accepted, for the throttle (as django-axes keeps failed logins)."""

    address = models.GenericIPAddressField(unpack_ipv4=True, null=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["address", "at"], name="token_failure_address_at")]

    def __str__(self):
        return f"{self.address} {self.at:%Y-%m-%d %H:%M}"
