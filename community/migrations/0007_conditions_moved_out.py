"""The meeting, working group and activity models moved to the conditions app; the
columns and their tables are unchanged."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('community', '0006_publish_existing_answers'),
        ('conditions', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='feedbackitem',
                    name='activity',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='feedback_items', to='conditions.activity', verbose_name='answered by the activity'),
                ),
            ],
            database_operations=[],
        ),
    ]
