"""Every "may this user ...?" answer of wpsite (DESIGN.md §4), used by views, templates and the workflow alike.

Roles are Django groups. A beheerder has every right of the other roles; a superuser is a beheerder.
The four-eyes rule binds people who hold several roles: it looks at who acted, not at the role they acted in.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q

from commitments.models import DECIDED_STATUSES, Commitment, Status

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


def is_year_closed(commitment):
    return commitment.programme.is_closed


def can_edit(user, commitment):
    """Change the fields and evidence of a commitment: staff of its domain, while it is neither under review (the
    reviewer decides on what was offered), nor decided, nor of a closed year."""
    return (
        commitment.status not in DECIDED_STATUSES
        and not commitment.is_frozen
        and not is_year_closed(commitment)
        and works_in(user, commitment.domain_id)
    )


def can_update_state_of_affairs(user, commitment):
    """The state of affairs is the staff's account of a commitment during the year: written while its fields may be
    changed (can_edit), so never under review, after the decision or in a closed year."""
    return can_edit(user, commitment)


def can_add_note(user, commitment):
    """Notes are not what a reviewer decides on: staff may write them under review too, but not on a closed year."""
    if is_year_closed(commitment):
        return False
    return is_reviewer(user) or (not commitment.is_decided and works_in(user, commitment.domain_id))


def can_start(user, commitment):
    return (
        commitment.status == Status.PLANNED and not is_year_closed(commitment) and works_in(user, commitment.domain_id)
    )


def can_submit(user, commitment):
    return (
        commitment.status == Status.IN_PROGRESS
        and not is_year_closed(commitment)
        and works_in(user, commitment.domain_id)
    )


def cycle_participant_ids(commitment):
    """Who owned or submitted the commitment since its last decision (or its creation). A list can spare the query
    per row with models.prefetch_cycle_participants()."""
    return {user.pk for user in commitment.cycle_participants.all()}


def is_second_pair_of_eyes(user, commitment):
    """Four eyes over the whole cycle: the decider has not been the owner or a submitter of the commitment at any
    time since its last decision, whatever roles anyone holds now."""
    return user.pk != commitment.owner_id and user.pk not in cycle_participant_ids(commitment)


def can_review(user, commitment):
    return (
        commitment.status == Status.UNDER_REVIEW
        and not is_year_closed(commitment)
        and is_reviewer(user)
        and is_second_pair_of_eyes(user, commitment)
    )


def may_review_condition(user):
    """can_review as a condition on the commitments under review, for a list, a count or the next one of a queue
    (a Q of the database, so that no row is read to answer it)."""
    if not is_reviewer(user):
        return Q(pk__in=[])
    took_part = Commitment.cycle_participants.through.objects.filter(commitment=OuterRef("pk"), user=user)
    return Q(status=Status.UNDER_REVIEW, programme__closed_at__isnull=True) & ~Q(owner=user) & ~Exists(took_part)


def users_who_may_review(commitment):
    """Everyone who may decide the commitment under review, as can_review answers for one: reviewers, beheerders and
    superusers who are active and took no part in its cycle. The mail about a submission goes to them."""
    excluded = cycle_participant_ids(commitment) | {commitment.owner_id}
    return (
        get_user_model()
        .objects.filter(Q(groups__name__in=(REVIEWER, BEHEERDER)) | Q(is_superuser=True), is_active=True)
        .exclude(pk__in=[pk for pk in excluded if pk is not None])
        .distinct()
    )


def can_reopen(user, commitment):
    return commitment.status in DECIDED_STATUSES and not is_year_closed(commitment) and is_reviewer(user)


def can_carry_over(user, commitment):
    """A delayed commitment not yet carried over, of a year still open; the step itself asks for the next programme."""
    return (
        commitment.status == Status.DELAYED
        and not is_year_closed(commitment)
        and commitment.carried_over_to is None
        and may_carry_over_at_all(user, commitment)
    )


def can_manage_programmes(user):
    """Create and edit programmes and their annual report; reopen a closed year."""
    return is_beheerder(user)


def can_close_year(user):
    return is_manager(user)


def can_use_review_queue(user):
    return is_reviewer(user)


def can_export_overview(user):
    return is_manager(user)


def can_import(user):
    return is_beheerder(user)


def status_steps(user, commitment):
    """The steps that change the status which the user may take now: the one place on a commitment's page and its
    row in the register that offers them. A list asking it of every row spares the queries per row with
    prefetch_cycle_participants() and select_related("programme", "successor")."""
    return {
        "start": can_start(user, commitment),
        "submit": can_submit(user, commitment),
        "review": can_review(user, commitment),
        "reopen": can_reopen(user, commitment),
        "carry_over": can_carry_over(user, commitment),
    }


def commitment_actions(user, commitment):
    """What the user may do with one commitment: the buttons of its page."""
    steps = status_steps(user, commitment)
    return {
        "edit": can_edit(user, commitment),
        "add_evidence": can_edit(user, commitment),
        "add_note": can_add_note(user, commitment),
        "update_state_of_affairs": can_update_state_of_affairs(user, commitment),
        **steps,
        "any_step": any(steps.values()),
    }


def can_take_bulk_steps(user):
    """Select commitments in the register and assign an owner, start or carry over several at once: staff and
    reviewers (each step still asks for each commitment whether this user may take it)."""
    return is_staff_member(user) or is_reviewer(user)


def require(allowed):
    """Refuse with 403 unless allowed."""
    if not allowed:
        raise PermissionDenied
