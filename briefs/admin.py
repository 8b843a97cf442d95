from django.contrib import admin

from briefs.models import BriefDelivery, BriefSchedule


@admin.register(BriefSchedule)
class BriefScheduleAdmin(admin.ModelAdmin):
    list_display = ["initiative", "send_by_email", "updated_at"]


@admin.register(BriefDelivery)
class BriefDeliveryAdmin(admin.ModelAdmin):
    list_display = ["period", "recipient", "language", "sent_at", "attempts"]
    list_filter = ["initiative"]
