"""Who a provider's account is in wpsite, which groups give which role, and the record of every sign-in."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from commitments import permissions
from commitments.models import Domain


class Identity(models.Model):
    """The account at the provider that a user is: its issuer and stable subject id (`sub`). A user is found by
    this pair alone, never by e-mail or name."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="oidc_identity", verbose_name=_("gebruiker")
    )
    issuer = models.CharField(_("uitgever"), max_length=255)
    subject = models.CharField(_("subject-id"), max_length=255)
    groups = models.JSONField(_("groepen bij de laatste aanmelding"), default=list, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    last_login_at = models.DateTimeField(_("laatst aangemeld op"), null=True, blank=True)

    class Meta:
        verbose_name = _("identiteit bij de provider")
        verbose_name_plural = _("identiteiten bij de provider")
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "subject"],
                name="sso_identity_unique_subject",
                violation_error_message=_("Dit account van de provider hoort al bij een gebruiker."),
            )
        ]

    def __str__(self):
        return f"{self.subject} @ {self.issuer}"


class GroupMapping(models.Model):
    """A provider group that gives a role (and, for staff, a domain membership), besides OIDC_GROUP_ROLES."""

    ROLE_CHOICES = [(role, role) for role in permissions.ROLES]

    group = models.CharField(_("groep bij de provider"), max_length=255)
    role = models.CharField(_("rol"), max_length=20, choices=ROLE_CHOICES)
    domain = models.ForeignKey(
        Domain, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("toezichtgebied")
    )

    class Meta:
        verbose_name = _("groepskoppeling")
        verbose_name_plural = _("groepskoppelingen")
        ordering = ["group", "role", "id"]
        # Two constraints, not one with nulls_distinct: SQLite (and PostgreSQL before 15) would let a mapping
        # without a domain be entered twice.
        constraints = [
            models.UniqueConstraint(
                fields=["group", "role", "domain"],
                condition=models.Q(domain__isnull=False),
                name="sso_groupmapping_unique_with_domain",
                violation_error_message=_("Deze koppeling bestaat al."),
            ),
            models.UniqueConstraint(
                fields=["group", "role"],
                condition=models.Q(domain__isnull=True),
                name="sso_groupmapping_unique_without_domain",
                violation_error_message=_("Deze koppeling bestaat al."),
            ),
        ]

    def __str__(self):
        return f"{self.group} → {self.role}" + (f":{self.domain.slug}" if self.domain_id else "")


class AccountEvent(models.Model):
    """One line of a user's sign-in history: a login, a renewal, a refusal, an account made, roles changed."""

    class Kind(models.TextChoices):
        CREATED = "created", _("account aangemaakt")
        LOGIN = "login", _("ingelogd")
        RENEWED = "renewed", _("sessie verlengd")
        REFUSED = "refused", _("geweigerd")
        ROLES = "roles", _("rollen gewijzigd")
        LOGOUT = "logout", _("uitgelogd")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="account_events",
        verbose_name=_("gebruiker"),
    )
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices)
    detail = models.TextField(_("toelichting"), blank=True)
    subject = models.CharField(_("subject-id"), max_length=255, blank=True)
    address = models.CharField(_("adres"), max_length=45, blank=True)
    at = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("aanmeldgebeurtenis")
        verbose_name_plural = _("aanmeldgeschiedenis")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["user", "-at"], name="sso_event_user_at")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_kind_display()}"
