from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from core.translation import translated_fields
from initiatives.models import (
    DisclosurePolicyChange,
    Initiative,
    InstallationSettings,
    Membership,
    Organization,
    Partnership,
    Result,
)

# A result's fields in their reading order (the model lists code and order first: they come
# from initiatives.models.CodedDefinition).
RESULT_ADMIN_FIELDS = ["initiative", "code", "title", "description", "order"]


class ResultAdminForm(forms.ModelForm):
    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(field) for field in translated_fields("title")):
            raise forms.ValidationError(_("Give the result a title in at least one language."))
        return cleaned


class ResultInline(TranslationTabularInline):
    """Each text once per language: the untranslated column is the English one under another
    name, and asking for both made every result's title required twice."""

    model = Result
    form = ResultAdminForm
    extra = 0
    fields = ["code", *translated_fields("title", "description"), "order"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        """A title in any one language is enough, as on the app's pages: the model refuses
        none at all (modeltranslation's admin would make the English one required)."""
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and db_field.name in translated_fields("title"):
            field.required = False
        return field


class PartnershipInline(admin.TabularInline):
    model = Partnership
    extra = 0
    autocomplete_fields = ["organization"]


@admin.register(Initiative)
class InitiativeAdmin(TranslationAdmin):
    list_display = ["name", "slug", "phase", "suppression_threshold", "require_two_factor"]
    prepopulated_fields = {"slug": ["name_en"]}
    inlines = [ResultInline, PartnershipInline]
    # The disclosure policy changes on its own page (or by importing definitions), where each
    # change is recorded with who made it; here it is only shown.
    readonly_fields = [
        "suppression_threshold",
        "disclosure_min_count",
        "disclosure_small_count",
        "disclosure_min_contributors",
        "disclosure_protection_level",
    ]


@admin.register(DisclosurePolicyChange)
class DisclosurePolicyChangeAdmin(admin.ModelAdmin):
    list_display = ["initiative", "created_at", "changed_by", "source"]
    list_filter = ["initiative", "source"]
    readonly_fields = ["initiative", "changed_by", "created_at", "policy", "source"]

    def has_add_permission(self, request) -> bool:
        return False


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


@admin.register(InstallationSettings)
class InstallationSettingsAdmin(admin.ModelAdmin):
    list_display = ["__str__", "anyone_may_start_initiatives"]

    def has_add_permission(self, request) -> bool:
        return not InstallationSettings.objects.exists()

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
