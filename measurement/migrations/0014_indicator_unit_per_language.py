"""An indicator's unit is a word people read ("families", "points"), so it is kept once per
language like the indicator's name (measurement/translation.py). The unit written so far is
taken as the English one, English being every translated field's fallback."""

from django.db import migrations, models
from django.db.models import F


def english_is_the_unit_written(apps, schema_editor):
    Indicator = apps.get_model("measurement", "Indicator")
    Indicator.objects.exclude(unit="").update(unit_en=F("unit"))


class Migration(migrations.Migration):
    dependencies = [("measurement", "0013_share_link_embed_origins")]

    operations = [
        migrations.AddField(
            model_name="indicator",
            name="unit_ar",
            field=models.CharField(blank=True, max_length=60, null=True, verbose_name="unit"),
        ),
        migrations.AddField(
            model_name="indicator",
            name="unit_en",
            field=models.CharField(blank=True, max_length=60, null=True, verbose_name="unit"),
        ),
        migrations.AddField(
            model_name="indicator",
            name="unit_he",
            field=models.CharField(blank=True, max_length=60, null=True, verbose_name="unit"),
        ),
        migrations.RunPython(english_is_the_unit_written, migrations.RunPython.noop),
    ]
