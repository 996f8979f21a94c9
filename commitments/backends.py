"""The Django admin asks for model permissions; the answer comes from the roles of commitments.permissions."""

from django.contrib.auth.backends import BaseBackend

from commitments import permissions

# What a beheerder manages in the admin (DESIGN.md §4): programmes, domains, goals, users and groups, and the
# read-only views of commitments, their history and the login lockouts; single sign-on (group mapping, identities).
ADMIN_APPS = frozenset({"commitments", "auth", "auditlog", "axes", "sso"})


class RoleBackend(BaseBackend):
    """Gives a beheerder the admin's model permissions, so that the role alone is enough (no superuser needed).
    What stays read-only (commitments, workflow steps) is refused by the ModelAdmin itself."""

    def has_perm(self, user_obj, perm, obj=None):
        return permissions.is_beheerder(user_obj) and perm.partition(".")[0] in ADMIN_APPS

    def has_module_perms(self, user_obj, app_label):
        return permissions.is_beheerder(user_obj) and app_label in ADMIN_APPS
