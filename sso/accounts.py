"""The account of someone who logs in through the provider: found by (issuer, subject), made at the first login,
its name and e-mail kept as the provider says, and its roles and domains set from the groups at every login.
Every step is on record: logger "wpsite.security" and the user's sign-in history (AccountEvent)."""

import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import IntegrityError, transaction
from django.utils import timezone

from commitments import permissions
from commitments.models import Domain
from sso import mapping
from sso.models import AccountEvent, Identity
from wpsite.security import client_address, logger


class Refused(Exception):
    """A login that must not happen. `reason` chooses the page's explanation (sso.views.REASONS); `detail` is for the
    log only."""

    def __init__(self, reason, detail=""):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason, self.detail = reason, detail


def record(kind, *, request=None, user=None, subject="", detail=""):
    AccountEvent.objects.create(
        user=user, kind=kind, subject=subject[:255], detail=detail, address=client_address(request)[:45]
    )


def groups_of(claims):
    groups = claims.get(settings.OIDC_GROUPS_CLAIM) or []
    if isinstance(groups, str):
        groups = [groups]
    if not isinstance(groups, list):
        return []
    return sorted({str(group) for group in groups if isinstance(group, (str, int))})


def sign_in(*, issuer, claims, request):
    """The user for these claims, verified by the caller: made if new, refused if disabled here, and brought up to
    date (name, e-mail, roles, domains)."""
    subject = claims.get("sub")
    if not isinstance(subject, str) or not subject:
        raise Refused("claims", "no sub claim")
    groups = groups_of(claims)
    identity = Identity.objects.select_related("user").filter(issuer=issuer, subject=subject).first()
    if identity is not None and not identity.user.is_active:
        user = identity.user
        record(AccountEvent.Kind.REFUSED, request=request, user=user, subject=subject, detail="account disabled")
        logger.warning(
            "oidc login refused: reason=inactive user=%r subject=%r address=%s",
            user.get_username(),
            subject,
            client_address(request),
        )
        raise Refused("inactive")

    with transaction.atomic():
        if identity is None:
            identity = _new_identity(issuer, subject, claims, request)
        user = identity.user
        _update_profile(user, claims)
        changes = sync_roles(user, groups)
        identity.groups = groups
        identity.last_login_at = timezone.now()
        identity.save(update_fields=["groups", "last_login_at"])
        if changes:
            record(AccountEvent.Kind.ROLES, request=request, user=user, subject=subject, detail=changes)
            logger.info("oidc roles changed: user=%r %s", user.get_username(), changes)
        renewal = request.user.is_authenticated and request.user.pk == user.pk
        if renewal:
            record(AccountEvent.Kind.RENEWED, request=request, user=user, subject=subject)
            logger.info("oidc session renewed: user=%r address=%s", user.get_username(), client_address(request))
    return user


def _new_identity(issuer, subject, claims, request):
    try:
        with transaction.atomic():
            user = get_user_model().objects.create_user(username=_free_username(claims, subject))
            identity = Identity.objects.create(user=user, issuer=issuer, subject=subject)
    except IntegrityError:  # the same person's first login in two tabs at once: the other one made it
        return Identity.objects.select_related("user").get(issuer=issuer, subject=subject)
    record(AccountEvent.Kind.CREATED, request=request, user=user, subject=subject, detail=f"issuer {issuer}")
    logger.info("oidc account created: user=%r subject=%r issuer=%r", user.get_username(), subject, issuer)
    return identity


def _free_username(claims, subject):
    """The provider's username (or e-mail, or subject id) as far as Django allows it, made unique with a number."""
    wanted = claims.get(settings.OIDC_USERNAME_CLAIM) or claims.get("email") or subject
    base = re.sub(r"[^\w.@+-]", "", str(wanted))[:140] or "gebruiker"
    users = get_user_model().objects
    candidate, number = base, 1
    while users.filter(username__iexact=candidate).exists():
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def _update_profile(user, claims):
    first, last = claims.get("given_name"), claims.get("family_name")
    if not (first or last) and claims.get("name"):
        first, _, last = str(claims["name"]).partition(" ")
    values = {
        "first_name": str(first or "")[:150],
        "last_name": str(last or "")[:150],
        "email": str(claims.get("email") or user.email)[:254],
    }
    changed = [field for field, value in values.items() if getattr(user, field) != value]
    for field in changed:
        setattr(user, field, values[field])
    if changed:
        user.save(update_fields=changed)


def sync_roles(user, groups):
    """Give the user the roles and domains that their groups map to, and take away those that the mapping governs
    but their groups no longer give. Returns what changed, as one line (empty when nothing did)."""
    outcome = mapping.resolve(groups)
    has_roles = set(user.groups.filter(name__in=permissions.ROLES).values_list("name", flat=True))
    wants_roles = (has_roles - outcome.managed_roles) | outcome.roles
    has_domains = set(user.domains.values_list("slug", flat=True))
    known = {domain.slug: domain for domain in Domain.objects.filter(slug__in=outcome.managed_domains)}
    for slug in sorted(outcome.domains - known.keys()):
        logger.warning("oidc group mapping names an unknown domain: %r (user=%r)", slug, user.get_username())
    wants_domains = (has_domains - outcome.managed_domains) | (outcome.domains & known.keys())

    roles_added, roles_removed = wants_roles - has_roles, has_roles - wants_roles
    if roles_added:
        user.groups.add(*(Group.objects.get_or_create(name=name)[0] for name in sorted(roles_added)))
    if roles_removed:
        user.groups.remove(*Group.objects.filter(name__in=roles_removed))
    domains_added, domains_removed = wants_domains - has_domains, has_domains - wants_domains
    if domains_added:
        user.domains.add(*(known[slug] for slug in domains_added))
    if domains_removed:
        user.domains.remove(*Domain.objects.filter(slug__in=domains_removed))
    if permissions.BEHEERDER in outcome.managed_roles:
        # The admin site asks for staff status: a beheerder by the provider's groups gets it, and loses it with them.
        is_staff = permissions.BEHEERDER in wants_roles
        if user.is_staff != is_staff:
            user.is_staff = is_staff
            user.save(update_fields=["is_staff"])
    for cached in ("_wpsite_roles", "_wpsite_domain_ids"):
        user.__dict__.pop(cached, None)

    parts = [f"+{name}" for name in sorted(roles_added)] + [f"-{name}" for name in sorted(roles_removed)]
    parts += [f"+domain:{slug}" for slug in sorted(domains_added)]
    parts += [f"-domain:{slug}" for slug in sorted(domains_removed)]
    return " ".join(parts)
