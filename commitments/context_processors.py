from django.contrib.auth.models import AnonymousUser

from commitments import permissions


def permissions_for_user(request):
    """What the navigation may offer this user."""
    # No user when the request was refused before authentication (a bad Host header gets its 400 page).
    user = getattr(request, "user", None) or AnonymousUser()
    return {
        "may": {
            "read": permissions.can_read(user),
            "create": permissions.can_create(user),
            "review_queue": permissions.can_use_review_queue(user),
            "export_overview": permissions.can_export_overview(user),
            "import": permissions.can_import(user),
            "admin": permissions.is_beheerder(user),
        }
    }
