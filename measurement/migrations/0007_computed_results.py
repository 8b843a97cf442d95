"""A row of the engine's output is a computed result, as the API and the docs call it, and
its reverse names say so: "results" alone is the common agenda's (initiative.results).
The table is renamed; no data changes."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0005_conditions_moved_out"),
        ("measurement", "0006_upload_size"),
    ]

    operations = [
        migrations.RenameModel(
            old_name="IndicatorResult",
            new_name="ComputedResult",
        ),
        migrations.AlterField(
            model_name="computedresult",
            name="cell",
            field=models.ForeignKey(
                db_constraint=False,
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="computed_results",
                to="measurement.cell",
            ),
        ),
        migrations.AlterField(
            model_name="computedresult",
            name="indicator",
            field=models.ForeignKey(
                db_constraint=False,
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="computed_results",
                to="measurement.indicator",
            ),
        ),
        migrations.AlterField(
            model_name="computedresult",
            name="initiative",
            field=models.ForeignKey(
                db_constraint=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="computed_results",
                to="initiatives.initiative",
            ),
        ),
        migrations.AlterField(
            model_name="computedresult",
            name="organization",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="computed_results",
                to="initiatives.organization",
            ),
        ),
        migrations.AlterField(
            model_name="computedresult",
            name="period",
            field=models.ForeignKey(
                db_constraint=False,
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="computed_results",
                to="measurement.reportingperiod",
            ),
        ),
        migrations.AlterField(
            model_name="computedresult",
            name="run",
            field=models.ForeignKey(
                db_constraint=False,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="computed_results",
                to="measurement.computationrun",
            ),
        ),
    ]
