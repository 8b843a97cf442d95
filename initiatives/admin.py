from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from core.translation import translated_fields
from initiatives.models import Initiative, Membership, Organization, Partnership, Result

# A result's fields in their reading order (the model lists code and order first: they come
# from initiatives.models.CodedDefinition).
RESULT_ADMIN_FIELDS = ["initiative", "code", "title", "description", "order"]


class ResultInline(admin.TabularInline):
    model = Result
    extra = 0
    fields = [
        "initiative",
        "code",
        "title",
        *translated_fields("title"),
        "description",
        *translated_fields("description"),
        "order",
    ]


class PartnershipInline(admin.TabularInline):
    model = Partnership
    extra = 0
    autocomplete_fields = ["organization"]


@admin.register(Initiative)
class InitiativeAdmin(TranslationAdmin):
    list_display = ["name", "slug", "phase", "suppression_threshold", "require_two_factor"]
    prepopulated_fields = {"slug": ["name_en"]}
    inlines = [ResultInline, PartnershipInline]


@admin.register(Result)
class ResultAdmin(TranslationAdmin):
    list_display = ["title", "initiative", "code", "order"]
    fields = RESULT_ADMIN_FIELDS
    list_filter = ["initiative"]


@admin.register(Organization)
class OrganizationAdmin(TranslationAdmin):
    list_display = ["name", "code", "sector"]
    list_filter = ["sector"]
    search_fields = ["name", "code"]


@admin.register(Partnership)
class PartnershipAdmin(admin.ModelAdmin):
    list_display = ["organization", "initiative", "role", "is_active"]
    list_filter = ["initiative", "role"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "initiative", "role", "organization"]
    list_filter = ["initiative", "role"]
    search_fields = ["user__email"]
    autocomplete_fields = ["user", "organization"]
