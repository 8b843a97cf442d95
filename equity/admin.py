from django.contrib import admin

from equity.models import Commitment


@admin.register(Commitment)
class CommitmentAdmin(admin.ModelAdmin):
    list_display = ["title", "initiative", "strategy", "status", "due_date"]
    list_filter = ["initiative", "strategy", "status"]
