"""An item of the updates feed is a FeedPost: "Update" sat beside every update_* verb. The
table is renamed, initiative.feed_posts is its reverse name; no data changes."""

from django.conf import settings
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('conditions', '0003_assessments_named_as_users_know_them'),
        ('initiatives', '0005_conditions_moved_out'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameModel(
            old_name='Update',
            new_name='FeedPost',
        ),
        migrations.AlterField(
            model_name='feedpost',
            name='initiative',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='feed_posts', to='initiatives.initiative'),
        ),
    ]
