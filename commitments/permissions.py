"""Every "may this user ...?" answer of wpsite (DESIGN.md §4), used by views, templates and the workflow alike.

Roles are Django groups. A beheerder has every right of the other roles; a superuser is a beheerder.
The four-eyes rule binds people who hold several roles: it looks at who acted, not at the role they acted in.
"""

from django.core.exceptions import PermissionDenied

from commitments.models import DECIDED_STATUSES, Action, Status

STAFF = "medewerker"
REVIEWER = "reviewer"
MANAGER = "manager"
BEHEERDER = "beheerder"
ROLES = (STAFF, REVIEWER, MANAGER, BEHEERDER)


def roles(user):
    """The roles of a user, read once per request object."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    if not hasattr(user, "_wpsite_roles"):
        names = set(user.groups.filter(name__in=ROLES).values_list("name", flat=True))
        if user.is_superuser:
            names.add(BEHEERDER)
        user._wpsite_roles = frozenset(names)
    return user._wpsite_roles


def has_role(user, role):
    user_roles = roles(user)
    return role in user_roles or BEHEERDER in user_roles


def member_domain_ids(user):
    """The ids of the domains the user works in, read once per request object."""
    if not user.is_authenticated:
        return frozenset()
    if not hasattr(user, "_wpsite_domain_ids"):
        user._wpsite_domain_ids = frozenset(user.domains.values_list("id", flat=True))
    return user._wpsite_domain_ids


def is_beheerder(user):
    return BEHEERDER in roles(user)


def is_reviewer(user):
    return has_role(user, REVIEWER)


def is_manager(user):
    return has_role(user, MANAGER)


def is_staff_member(user):
    return has_role(user, STAFF)


def can_read(user):
    return bool(roles(user))


def works_in(user, domain_id):
    """Staff of the domain (a beheerder works in every domain)."""
    return is_beheerder(user) or (STAFF in roles(user) and domain_id in member_domain_ids(user))


def works_in_domain_of(user, commitment):
    return works_in(user, commitment.domain_id)


def is_reviewer_of(user, commitment):
    """A reviewer, for the steps on one commitment (whether the state allows the step is asked separately)."""
    return is_reviewer(user)


def may_carry_over_at_all(user, commitment):
    return works_in(user, commitment.domain_id) or is_reviewer(user)


def can_create(user):
    return is_beheerder(user) or (STAFF in roles(user) and bool(member_domain_ids(user)))


def can_edit(user, commitment):
    """Change the fields, evidence of a commitment: staff of its domain, while it is not decided."""
    return commitment.status not in DECIDED_STATUSES and works_in(user, commitment.domain_id)


def can_add_note(user, commitment):
    return can_edit(user, commitment) or is_reviewer(user)


def can_start(user, commitment):
    return commitment.status == Status.PLANNED and works_in(user, commitment.domain_id)


def can_submit(user, commitment):
    return commitment.status == Status.IN_PROGRESS and works_in(user, commitment.domain_id)


def last_submitter_id(commitment):
    """Who offered the commitment for review last; cached on the object for one request."""
    if not hasattr(commitment, "_last_submitter_id"):
        commitment._last_submitter_id = (
            commitment.reviews.filter(action=Action.SUBMIT)
            .order_by("-created_at", "-id")
            .values_list("actor_id", flat=True)
            .first()
        )
    return commitment._last_submitter_id


def remember_last_submitter(commitment, submitter_id):
    """For a list that fetched the submissions already: spares last_submitter_id() a query per row."""
    commitment._last_submitter_id = submitter_id


def is_second_pair_of_eyes(user, commitment):
    """Four eyes: the decider is neither the owner nor the one who submitted."""
    return user.pk != commitment.owner_id and user.pk != last_submitter_id(commitment)


def can_review(user, commitment):
    return commitment.status == Status.UNDER_REVIEW and is_reviewer(user) and is_second_pair_of_eyes(user, commitment)


def can_reopen(user, commitment):
    return commitment.status in DECIDED_STATUSES and is_reviewer(user)


def can_carry_over(user, commitment):
    return (
        commitment.status == Status.DELAYED
        and commitment.carried_over_to is None
        and may_carry_over_at_all(user, commitment)
    )


def can_use_review_queue(user):
    return is_reviewer(user)


def can_export_overview(user):
    return is_manager(user)


def can_import(user):
    return is_beheerder(user)


def commitment_actions(user, commitment):
    """What the user may do with one commitment: the buttons of its page."""
    return {
        "edit": can_edit(user, commitment),
        "add_evidence": can_edit(user, commitment),
        "add_note": can_add_note(user, commitment),
        "start": can_start(user, commitment),
        "submit": can_submit(user, commitment),
        "review": can_review(user, commitment),
        "reopen": can_reopen(user, commitment),
        "carry_over": can_carry_over(user, commitment),
    }


def require(allowed):
    """Refuse with 403 unless allowed."""
    if not allowed:
        raise PermissionDenied
