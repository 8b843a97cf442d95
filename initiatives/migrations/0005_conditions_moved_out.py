"""The five conditions' tools now belong to the conditions app (conditions 0001): their
tables stay, only Django's record of where the models live changes."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('community', '0007_conditions_moved_out'),
        ('equity', '0005_conditions_moved_out'),
        ('initiatives', '0004_initiative_require_two_factor'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='backbonework',
                    name='initiative',
                ),
                migrations.RemoveField(
                    model_name='backbonework',
                    name='recorded_by',
                ),
                migrations.RemoveField(
                    model_name='digestlog',
                    name='initiative',
                ),
                migrations.RemoveField(
                    model_name='meeting',
                    name='attendees',
                ),
                migrations.RemoveField(
                    model_name='meeting',
                    name='initiative',
                ),
                migrations.RemoveField(
                    model_name='meeting',
                    name='working_group',
                ),
                migrations.RemoveField(
                    model_name='partnerrating',
                    name='rated',
                ),
                migrations.RemoveField(
                    model_name='partnerrating',
                    name='rater',
                ),
                migrations.RemoveField(
                    model_name='partnerrating',
                    name='respondent',
                ),
                migrations.RemoveField(
                    model_name='partnerrating',
                    name='survey',
                ),
                migrations.RemoveField(
                    model_name='survey',
                    name='initiative',
                ),
                migrations.RemoveField(
                    model_name='surveyresponse',
                    name='survey',
                ),
                migrations.RemoveField(
                    model_name='surveyanswer',
                    name='response',
                ),
                migrations.RemoveField(
                    model_name='surveyresponse',
                    name='organization',
                ),
                migrations.RemoveField(
                    model_name='surveyresponse',
                    name='respondent',
                ),
                migrations.RemoveField(
                    model_name='update',
                    name='author',
                ),
                migrations.RemoveField(
                    model_name='update',
                    name='initiative',
                ),
                migrations.RemoveField(
                    model_name='workinggroup',
                    name='initiative',
                ),
                migrations.RemoveField(
                    model_name='workinggroup',
                    name='result',
                ),
                migrations.RemoveField(
                    model_name='workinggroupmember',
                    name='group',
                ),
                migrations.RemoveField(
                    model_name='workinggroupmember',
                    name='organization',
                ),
                migrations.RemoveField(
                    model_name='workinggroupmember',
                    name='user',
                ),
                migrations.DeleteModel(
                    name='Activity',
                ),
                migrations.DeleteModel(
                    name='BackboneWork',
                ),
                migrations.DeleteModel(
                    name='DigestLog',
                ),
                migrations.DeleteModel(
                    name='Meeting',
                ),
                migrations.DeleteModel(
                    name='PartnerRating',
                ),
                migrations.DeleteModel(
                    name='Survey',
                ),
                migrations.DeleteModel(
                    name='SurveyAnswer',
                ),
                migrations.DeleteModel(
                    name='SurveyResponse',
                ),
                migrations.DeleteModel(
                    name='Update',
                ),
                migrations.DeleteModel(
                    name='WorkingGroup',
                ),
                migrations.DeleteModel(
                    name='WorkingGroupMember',
                ),
            ],
            database_operations=[],
        ),
    ]
