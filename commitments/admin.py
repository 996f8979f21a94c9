"""Django admin for the reference data (DESIGN.md §4: beheerder). Commitments are shown read-only for status:
the workflow alone changes it."""

from django.contrib import admin

from commitments.models import Commitment, Domain, EvidenceLink, Goal, Review, WorkProgramme


@admin.register(Goal)
class GoalAdmin(admin.ModelAdmin):
    list_display = ("code", "name")
    search_fields = ("code", "name")


@admin.register(Domain)
class DomainAdmin(admin.ModelAdmin):
    list_display = ("slug", "name")
    search_fields = ("slug", "name")
    filter_horizontal = ("members",)


@admin.register(WorkProgramme)
class WorkProgrammeAdmin(admin.ModelAdmin):
    list_display = ("year", "title", "published_on", "annual_report_published_on")
    filter_horizontal = ("goals",)


class EvidenceInline(admin.TabularInline):
    model = EvidenceLink
    extra = 0
    fields = ("url", "title", "kind", "published_on")
    readonly_fields = fields
    can_delete = False


@admin.register(Commitment)
class CommitmentAdmin(admin.ModelAdmin):
    """Read-only here: commitments change through the application, where the workflow and history apply."""

    list_display = ("reference", "title", "programme", "domain", "owner", "due_date", "status")
    list_filter = ("programme", "domain", "status")
    list_select_related = ("programme", "domain", "owner")
    search_fields = ("reference", "title", "statement")
    inlines = [EvidenceInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ("commitment", "action", "from_status", "to_status", "actor", "created_at")
    list_select_related = ("commitment", "actor")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
