"""The five conditions' tools move from initiatives into their own app. The tables stay
where they are (this migration only tells Django the models are here now); 0002 renames them."""

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


MOVED_MODELS = ['workinggroup', 'workinggroupmember', 'activity', 'meeting', 'update', 'digestlog', 'backbonework', 'survey', 'surveyresponse', 'surveyanswer', 'partnerrating']


def _move_content_types(apps, source: str, target: str) -> None:
    """Permissions and admin history follow the models to their app. Where the target app
    already has a content type for a model (post_migrate made one), the stale one goes."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MOVED_MODELS:
        moving = ContentType.objects.filter(app_label=source, model=model)
        if ContentType.objects.filter(app_label=target, model=model).exists():
            moving.delete()
        else:
            moving.update(app_label=target)


def move_content_types(apps, schema_editor):
    _move_content_types(apps, "initiatives", "conditions")


def move_content_types_back(apps, schema_editor):
    _move_content_types(apps, "conditions", "initiatives")

class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('initiatives', '0004_initiative_require_two_factor'),
        ('measurement', '0006_upload_size'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='BackboneWork',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('function', models.CharField(choices=[('vision', 'Guide vision and strategy'), ('activities', 'Support aligned activities'), ('measurement', 'Establish shared measurement practices'), ('public_will', 'Build public will'), ('policy', 'Advance policy'), ('funding', 'Mobilize funding')], max_length=16, verbose_name='function')),
                        ('done_on', models.DateField(verbose_name='date')),
                        ('description', models.TextField(verbose_name='what was done')),
                        ('evidence', models.URLField(blank=True, verbose_name='evidence (link)')),
                        ('initiative', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='backbone_work', to='initiatives.initiative')),
                        ('recorded_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'backbone work',
                        'verbose_name_plural': 'backbone work',
                        'db_table': 'initiatives_backbonework',
                        'ordering': ['-done_on'],
                    },
                ),
                migrations.CreateModel(
                    name='Survey',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('five_conditions', 'Five conditions of collective impact'), ('backbone', 'Backbone self-assessment'), ('health', 'Collaborative health (trust and value between partners)'), ('equity', 'Equity assessment (the five equity strategies)')], max_length=20, verbose_name='kind')),
                        ('title', models.CharField(max_length=200, verbose_name='title')),
                        ('opens_on', models.DateField(verbose_name='opens')),
                        ('closes_on', models.DateField(verbose_name='closes')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('initiative', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='surveys', to='initiatives.initiative')),
                    ],
                    options={
                        'verbose_name': 'assessment',
                        'verbose_name_plural': 'assessments',
                        'db_table': 'initiatives_survey',
                        'ordering': ['-opens_on'],
                    },
                ),
                migrations.CreateModel(
                    name='SurveyResponse',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('group', models.CharField(choices=[('backbone', 'Backbone staff'), ('partner', 'Partners'), ('community', 'Community members')], max_length=16)),
                        ('submitted_at', models.DateTimeField(auto_now=True)),
                        ('organization', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='initiatives.organization')),
                        ('respondent', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('survey', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='responses', to='conditions.survey')),
                    ],
                    options={
                        'db_table': 'initiatives_surveyresponse',
                    },
                ),
                migrations.CreateModel(
                    name='SurveyAnswer',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('question', models.CharField(max_length=40)),
                        ('score', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(5)])),
                        ('comment', models.TextField(blank=True)),
                        ('response', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='answers', to='conditions.surveyresponse')),
                    ],
                    options={
                        'db_table': 'initiatives_surveyanswer',
                    },
                ),
                migrations.CreateModel(
                    name='Update',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('title', models.CharField(max_length=200, verbose_name='title')),
                        ('body', models.TextField(verbose_name='text')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('author', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('initiative', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='updates', to='initiatives.initiative')),
                    ],
                    options={
                        'verbose_name': 'update',
                        'verbose_name_plural': 'updates',
                        'db_table': 'initiatives_update',
                        'ordering': ['-created_at'],
                    },
                ),
                migrations.CreateModel(
                    name='WorkingGroup',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=200, verbose_name='name')),
                        ('purpose', models.TextField(blank=True, verbose_name='purpose')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('initiative', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='working_groups', to='initiatives.initiative')),
                        ('result', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='working_groups', to='initiatives.result', verbose_name='result')),
                    ],
                    options={
                        'verbose_name': 'working group',
                        'verbose_name_plural': 'working groups',
                        'db_table': 'initiatives_workinggroup',
                        'ordering': ['initiative', 'name'],
                    },
                ),
                migrations.CreateModel(
                    name='Meeting',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('steering', 'Steering committee'), ('working_group', 'Working group'), ('partners', 'All partners'), ('community', 'Community meeting'), ('other', 'Other')], max_length=16, verbose_name='body')),
                        ('title', models.CharField(max_length=200, verbose_name='title')),
                        ('held_on', models.DateField(verbose_name='date')),
                        ('agenda', models.TextField(blank=True, verbose_name='agenda')),
                        ('guests', models.TextField(blank=True, help_text='People without an account, one per line.', verbose_name='other attendees')),
                        ('minutes', models.TextField(blank=True, verbose_name='minutes')),
                        ('decisions', models.TextField(blank=True, verbose_name='decisions taken')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('attendees', models.ManyToManyField(blank=True, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='attendees')),
                        ('initiative', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='meetings', to='initiatives.initiative')),
                        ('working_group', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='meetings', to='conditions.workinggroup', verbose_name='working group')),
                    ],
                    options={
                        'verbose_name': 'meeting',
                        'verbose_name_plural': 'meetings',
                        'db_table': 'initiatives_meeting',
                        'ordering': ['-held_on', 'title'],
                    },
                ),
                migrations.CreateModel(
                    name='Activity',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('title', models.CharField(max_length=300, verbose_name='what')),
                        ('description', models.TextField(blank=True, verbose_name='description')),
                        ('kind', models.CharField(choices=[('program', 'Program or service'), ('systems', 'Systems change')], default='program', max_length=16, verbose_name='kind')),
                        ('status', models.CharField(choices=[('planned', 'Planned'), ('active', 'Under way'), ('done', 'Done'), ('stopped', 'Stopped')], default='active', max_length=16, verbose_name='status')),
                        ('starts_on', models.DateField(blank=True, null=True, verbose_name='starts')),
                        ('ends_on', models.DateField(blank=True, null=True, verbose_name='ends')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('indicators', models.ManyToManyField(blank=True, related_name='activities', to='measurement.indicator', verbose_name='indicators it should move')),
                        ('initiative', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='activities', to='initiatives.initiative')),
                        ('organization', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='activities', to='initiatives.organization', verbose_name='organization')),
                        ('results', models.ManyToManyField(blank=True, related_name='activities', to='initiatives.result', verbose_name='results it should move')),
                        ('working_group', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='activities', to='conditions.workinggroup', verbose_name='working group')),
                    ],
                    options={
                        'verbose_name': 'activity',
                        'verbose_name_plural': 'activities',
                        'db_table': 'initiatives_activity',
                        'ordering': ['initiative', 'organization__name', 'title'],
                    },
                ),
                migrations.CreateModel(
                    name='WorkingGroupMember',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(blank=True, help_text='For someone without an account.', max_length=200, verbose_name='name')),
                        ('role', models.CharField(choices=[('member', 'Member'), ('co_chair', 'Co-chair')], default='member', max_length=16, verbose_name='role')),
                        ('is_community', models.BooleanField(default=False, help_text="A resident with lived experience rather than an institution's staff.", verbose_name='community member')),
                        ('group', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='members', to='conditions.workinggroup')),
                        ('organization', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='initiatives.organization', verbose_name='organization')),
                        ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='person')),
                    ],
                    options={
                        'verbose_name': 'working group member',
                        'verbose_name_plural': 'working group members',
                        'db_table': 'initiatives_workinggroupmember',
                        'ordering': ['group', '-role', 'name'],
                    },
                ),
                migrations.CreateModel(
                    name='DigestLog',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('week_of', models.DateField()),
                        ('recipients', models.PositiveIntegerField(default=0)),
                        ('sent_at', models.DateTimeField(auto_now_add=True)),
                        ('initiative', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='initiatives.initiative')),
                    ],
                    options={
                        'db_table': 'initiatives_digestlog',
                        'constraints': [models.UniqueConstraint(fields=('initiative', 'week_of'), name='digest_once')],
                    },
                ),
                migrations.CreateModel(
                    name='PartnerRating',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('interaction', models.CharField(choices=[('none', 'We do not work together'), ('occasional', 'Occasionally'), ('regular', 'Regularly'), ('close', 'Closely, on shared work')], max_length=16, verbose_name='working together')),
                        ('trust', models.PositiveSmallIntegerField(blank=True, null=True, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(4)], verbose_name='trust')),
                        ('value', models.PositiveSmallIntegerField(blank=True, null=True, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(4)], verbose_name='value')),
                        ('rated', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='initiatives.organization')),
                        ('rater', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='initiatives.organization')),
                        ('respondent', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('survey', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='ratings', to='conditions.survey')),
                    ],
                    options={
                        'db_table': 'initiatives_partnerrating',
                        'constraints': [models.UniqueConstraint(fields=('survey', 'rater', 'rated'), name='one_rating_each'), models.CheckConstraint(condition=models.Q(('rater', models.F('rated')), _negated=True), name='no_self_rating')],
                    },
                ),
                migrations.AddConstraint(
                    model_name='surveyresponse',
                    constraint=models.UniqueConstraint(fields=('survey', 'respondent'), name='one_response_each'),
                ),
                migrations.AddConstraint(
                    model_name='surveyanswer',
                    constraint=models.UniqueConstraint(fields=('response', 'question'), name='one_answer_each'),
                ),
                migrations.AddConstraint(
                    model_name='workinggroupmember',
                    constraint=models.CheckConstraint(condition=models.Q(('user__isnull', False), models.Q(('name', ''), _negated=True), _connector='OR'), name='member_has_a_name'),
                ),
            ],
            database_operations=[
                migrations.RunPython(move_content_types, move_content_types_back),
            ],
        ),
    ]
