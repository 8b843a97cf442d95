"""Existing answers stay on "You said, we did" — without the writer's theme.

Until now the page showed each answered item's theme, which the community member wrote, above
the answer, which staff wrote under a form saying every member reads it. From now on only what
staff wrote for publication is shown, once someone confirmed it. For the items already
answered, that is the answer alone: it is marked published by whoever answered it, when they
did; "you said" starts empty (the theme is never copied into it) until staff write it."""

from django.db import migrations
from django.db.models import F
from django.utils import timezone

ANSWERED = ("answered", "closed")


def publish_staff_answers(apps, schema_editor):
    FeedbackItem = apps.get_model("community", "FeedbackItem")
    answered = FeedbackItem.objects.filter(status__in=ANSWERED).exclude(public_response="")
    answered.filter(responded_at__isnull=True).update(responded_at=timezone.now())
    answered.update(published_at=F("responded_at"), published_by=F("responded_by"))


class Migration(migrations.Migration):
    dependencies = [("community", "0005_feedback_publication")]

    operations = [migrations.RunPython(publish_staff_answers, migrations.RunPython.noop)]
