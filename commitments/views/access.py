"""Fetch what a page shows, or refuse: no view can forget the check."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from commitments import permissions
from commitments.models import Commitment


def get_commitment_for(user, reference, allowed=None):
    """The commitment with what its pages show; 403 without a role or without `allowed(user, commitment)`."""
    permissions.require(permissions.can_read(user))
    if "\x00" in reference:
        # A NUL byte (%00 in the address) cannot be in any stored reference, and PostgreSQL refuses to compare it.
        raise Http404
    commitment = get_object_or_404(
        Commitment.objects.select_related("programme", "domain", "owner", "predecessor", "decision__actor"),
        reference=reference,
    )
    if allowed is not None:
        permissions.require(allowed(user, commitment))
    return commitment
