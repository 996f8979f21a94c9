"""Which provider groups give which role and which domain memberships (DESIGN.md §10).

A mapping entry is `group=role` or `group=role:domain` (domain by slug), e.g. from the environment
    OIDC_GROUP_ROLES="wpsite-reviewers=reviewer,wpsite-politie=medewerker:politie"
and from the admin (GroupMapping rows); both count. The roles and domains that the mapping names follow the provider:
at every login a user who came through the provider gets exactly those of them that their groups give. Roles and
domains that no entry names are left as a beheerder set them by hand."""

from dataclasses import dataclass

from django.conf import settings

from commitments import permissions


class MappingError(ValueError):
    pass


@dataclass(frozen=True)
class Entry:
    group: str
    role: str
    domain: str = ""  # a domain slug, or empty


def parse(text):
    """The entries of an OIDC_GROUP_ROLES value; MappingError names what is wrong."""
    entries = []
    for item in (part.strip() for part in text.split(",")):
        if not item:
            continue
        group, equals, target = item.rpartition("=")
        if not equals or not group.strip() or not target.strip():
            raise MappingError(f"{item!r} is not group=role or group=role:domain")
        role, _, domain = target.strip().partition(":")
        if role not in permissions.ROLES:
            raise MappingError(f"{item!r}: unknown role {role!r} (one of {', '.join(permissions.ROLES)})")
        entries.append(Entry(group.strip(), role, domain.strip()))
    return entries


def entries():
    """Every entry: the environment's and the admin's."""
    from sso.models import GroupMapping

    from_admin = [
        Entry(group, role, slug or "")
        for group, role, slug in GroupMapping.objects.values_list("group", "role", "domain__slug")
    ]
    return parse(settings.OIDC_GROUP_ROLES) + from_admin


@dataclass(frozen=True)
class Outcome:
    """What the mapping says for one set of groups: the roles and domains it gives, and those it governs."""

    roles: frozenset
    domains: frozenset
    managed_roles: frozenset
    managed_domains: frozenset


def resolve(groups, all_entries=None):
    all_entries = entries() if all_entries is None else all_entries
    groups = set(groups)
    chosen = [entry for entry in all_entries if entry.group in groups]
    return Outcome(
        roles=frozenset(entry.role for entry in chosen),
        domains=frozenset(entry.domain for entry in chosen if entry.domain),
        managed_roles=frozenset(entry.role for entry in all_entries),
        managed_domains=frozenset(entry.domain for entry in all_entries if entry.domain),
    )
