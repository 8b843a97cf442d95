"""The meeting, working group and activity models moved to the conditions app; the
columns and their tables are unchanged."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('conditions', '0001_initial'),
        ('equity', '0004_community_seats_from_the_register'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='decision',
                    name='meeting',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='conditions.meeting', verbose_name='meeting'),
                ),
                migrations.AlterField(
                    model_name='decisionbody',
                    name='working_group',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='conditions.workinggroup', verbose_name='working group'),
                ),
            ],
            database_operations=[],
        ),
    ]
