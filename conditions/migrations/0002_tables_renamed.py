"""The tables of the five conditions take the app's name: initiatives_meeting becomes
conditions_meeting, and so on, with the many-to-many tables beside them."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('conditions', '0001_initial'),
    ]

    operations = [
        migrations.AlterModelTable(
            name='activity',
            table=None,
        ),
        migrations.AlterModelTable(
            name='backbonework',
            table=None,
        ),
        migrations.AlterModelTable(
            name='digestlog',
            table=None,
        ),
        migrations.AlterModelTable(
            name='meeting',
            table=None,
        ),
        migrations.AlterModelTable(
            name='partnerrating',
            table=None,
        ),
        migrations.AlterModelTable(
            name='survey',
            table=None,
        ),
        migrations.AlterModelTable(
            name='surveyanswer',
            table=None,
        ),
        migrations.AlterModelTable(
            name='surveyresponse',
            table=None,
        ),
        migrations.AlterModelTable(
            name='update',
            table=None,
        ),
        migrations.AlterModelTable(
            name='workinggroup',
            table=None,
        ),
        migrations.AlterModelTable(
            name='workinggroupmember',
            table=None,
        ),
    ]
