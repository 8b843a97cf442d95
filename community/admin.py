from django.contrib import admin

from community.models import CommunityMember, ConsentRecord, FeedbackItem


class ConsentRecordInline(admin.TabularInline):
    model = ConsentRecord
    extra = 0


@admin.register(CommunityMember)
class CommunityMemberAdmin(admin.ModelAdmin):
    list_display = ["__str__", "initiative", "neighbourhood", "has_lived_experience"]
    list_filter = ["initiative"]
    inlines = [ConsentRecordInline]


@admin.register(FeedbackItem)
class FeedbackItemAdmin(admin.ModelAdmin):
    list_display = ["__str__", "initiative", "theme", "status", "created_at"]
    list_filter = ["initiative", "status"]
