"""Community seats name their holder through the community members' register.

A community seat's holder used to be typed. Where the typed name is that of a person in the
initiative's register (who has not withdrawn), the seat now points to them and the typed copy
goes, so the name is shown to the backbone only and disappears if they withdraw. A name that
matches nobody stays as typed — shown to the backbone only — until staff choose the person
from the register (the body's form asks them to) or clear it."""

from django.db import migrations


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def link_community_seats(apps, schema_editor):
    Seat = apps.get_model("equity", "Seat")
    CommunityMember = apps.get_model("community", "CommunityMember")
    seats = Seat.objects.filter(seat_type="community", member__isnull=True).exclude(holder="")
    for seat in seats.select_related("body"):
        candidates = CommunityMember.objects.filter(
            initiative_id=seat.body.initiative_id, anonymized_at__isnull=True
        )
        matches = [m for m in candidates if m.name and _key(m.name) == _key(seat.holder)]
        if len(matches) == 1:
            seat.member = matches[0]
            seat.holder = ""
            seat.save(update_fields=["member", "holder"])


def type_names_again(apps, schema_editor):
    Seat = apps.get_model("equity", "Seat")
    for seat in Seat.objects.filter(member__isnull=False).select_related("member"):
        seat.holder = seat.member.name
        seat.member = None
        seat.save(update_fields=["member", "holder"])


class Migration(migrations.Migration):
    dependencies = [
        ("equity", "0003_seat_member"),
        ("community", "0003_equity_and_community"),
    ]

    operations = [migrations.RunPython(link_community_seats, type_names_again)]
