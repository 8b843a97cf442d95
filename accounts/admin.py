from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import Invitation, Notice, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "is_staff", "last_login"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Personal info"), {"fields": ["full_name", "language"]}),
        (
            _("Installation permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]}),
    ]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "initiative", "role", "organization", "created_at", "accepted_at"]
    list_filter = ["initiative", "role"]
    search_fields = ["email"]
    readonly_fields = ["token_hash", "created_at", "accepted_at", "accepted_by"]
    # In reading order (the model lists revoked_at first: it comes from core.models.Revocable).
    fields = [
        "initiative",
        "email",
        "role",
        "organization",
        "invited_by",
        "expires_at",
        "revoked_at",
        *readonly_fields,
    ]


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    """What was sent to whom: for answering "I never got it". Made by the app, never here."""

    list_display = ["subject", "recipient", "kind", "created_at", "read_at"]
    list_filter = ["kind", "initiative"]
    search_fields = ["recipient__email", "subject"]
    readonly_fields = [
        "recipient",
        "initiative",
        "kind",
        "subject",
        "body",
        "url",
        "created_at",
        "read_at",
    ]

    def has_add_permission(self, request) -> bool:
        return False
