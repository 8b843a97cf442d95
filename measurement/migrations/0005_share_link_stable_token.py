"""Share links carry a stored random token instead of a signature with a timestamp, which
changed every second and with it every key derived from it. Existing links get a new token:
their old addresses stop working (Yachad had not been in production yet)."""

import secrets

from django.db import migrations, models

import measurement.models


def give_every_link_a_token(apps, schema_editor):
    ShareLink = apps.get_model("measurement", "ShareLink")
    for link in ShareLink.objects.filter(token__isnull=True):
        link.token = secrets.token_urlsafe(32)
        link.save(update_fields=["token"])


class Migration(migrations.Migration):
    dependencies = [("measurement", "0004_share_links")]

    operations = [
        migrations.AddField(
            model_name="sharelink",
            name="token",
            field=models.CharField(max_length=64, null=True, editable=False),
        ),
        migrations.RunPython(give_every_link_a_token, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="sharelink",
            name="token",
            field=models.CharField(
                default=measurement.models.new_share_token,
                editable=False,
                max_length=64,
                unique=True,
            ),
        ),
    ]
