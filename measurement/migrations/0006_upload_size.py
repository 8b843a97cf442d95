from django.db import migrations, models
from django.db.models.functions import Length


def measure_kept_files(apps, schema_editor):
    Upload = apps.get_model("measurement", "Upload")
    Upload.objects.update(size=Length("content"))


class Migration(migrations.Migration):
    dependencies = [("measurement", "0005_share_link_stable_token")]

    operations = [
        migrations.AddField(
            model_name="upload",
            name="size",
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.RunPython(measure_kept_files, migrations.RunPython.noop),
    ]
