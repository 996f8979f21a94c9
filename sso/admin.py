"""The beheerder's side of single sign-on: the group mapping, who is which account at the provider, and each user's
sign-in history (also on the user's own page)."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from sso.models import AccountEvent, GroupMapping, Identity


@admin.register(GroupMapping)
class GroupMappingAdmin(admin.ModelAdmin):
    list_display = ("group", "role", "domain")
    list_filter = ("role", "domain")
    search_fields = ("group",)


@admin.register(Identity)
class IdentityAdmin(admin.ModelAdmin):
    """Linking an existing local account to its provider account is done here, by hand: the subject id is the
    provider's `sub` claim (never an e-mail address)."""

    list_display = ("user", "subject", "issuer", "last_login_at")
    search_fields = ("user__username", "subject")
    readonly_fields = ("groups", "created_at", "last_login_at")
    raw_id_fields = ("user",)


class ReadOnly:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AccountEvent)
class AccountEventAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("at", "user", "kind", "detail", "address")
    list_filter = ("kind",)
    list_select_related = ("user",)
    search_fields = ("user__username", "subject", "detail")


class IdentityInline(ReadOnly, admin.StackedInline):
    model = Identity
    fields = ("issuer", "subject", "groups", "last_login_at")
    readonly_fields = fields


class AccountEventInline(ReadOnly, admin.TabularInline):
    model = AccountEvent
    fields = ("at", "kind", "detail", "address")
    readonly_fields = fields
    ordering = ("-at", "-id")


User = get_user_model()
if admin.site.is_registered(User):
    base = type(admin.site._registry[User])
    admin.site.unregister(User)
else:
    base = UserAdmin


@admin.register(User)
class UserWithSignInsAdmin(base):
    inlines = [*base.inlines, IdentityInline, AccountEventInline]
