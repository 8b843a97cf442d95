"""Surveys are called assessments in the code too, as everywhere a user looks: Survey,
SurveyResponse and SurveyAnswer become Assessment, AssessmentResponse and AssessmentAnswer,
and the fields that pointed at a survey point at an assessment. Tables and columns are renamed;
no data changes. The unique constraints name the renamed fields, so they are taken off first
and put back after (which also lets the migration run backwards)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("conditions", "0002_tables_renamed"),
        ("initiatives", "0005_conditions_moved_out"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="surveyresponse", name="one_response_each"),
        migrations.RemoveConstraint(model_name="partnerrating", name="one_rating_each"),
        # Leaves first: renaming a model that others point at, then theirs, fails backwards.
        migrations.RenameModel("SurveyAnswer", "AssessmentAnswer"),
        migrations.RenameModel("SurveyResponse", "AssessmentResponse"),
        migrations.RenameModel("Survey", "Assessment"),
        migrations.RenameField("assessmentresponse", "survey", "assessment"),
        migrations.RenameField("partnerrating", "survey", "assessment"),
        migrations.AlterField(
            model_name="assessment",
            name="initiative",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="assessments",
                to="initiatives.initiative",
            ),
        ),
        migrations.AddConstraint(
            model_name="assessmentresponse",
            constraint=models.UniqueConstraint(
                fields=("assessment", "respondent"), name="one_response_each"
            ),
        ),
        migrations.AddConstraint(
            model_name="partnerrating",
            constraint=models.UniqueConstraint(
                fields=("assessment", "rater", "rated"), name="one_rating_each"
            ),
        ),
    ]
