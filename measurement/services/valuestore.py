"""Writing data values, always with their history — who changed which number, when, from what
to what — however they arrive: the entry form, a file, the command line or the API.

The history is django-simple-history's (``DataValue.history``). Its signals see one object at
a time, which is too slow for a file of a hundred thousand rows, so on PostgreSQL the upsert
and its history rows are written by one SQL statement; elsewhere the library's bulk helpers
write them. Either way the history table is the library's own.
"""

import io

import pandas as pd
from django.db import connection
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from measurement.models import DataValue

VALUE_FIELDS = ["submission_id", "indicator_id", "cell_id", "numerator", "denominator", "value"]
NUMBERS = ["numerator", "denominator", "value"]


def values_upsert(rows: pd.DataFrame, *, actor, reason: str) -> int:
    """Insert or replace values by (submission, indicator, cell); ``rows`` has the columns of
    VALUE_FIELDS. Values that do not change are left alone and leave no history. Returns how
    many values were added or changed."""
    if rows.empty:
        return 0
    reason = reason[:100]  # the length of django-simple-history's change reason
    if connection.vendor == "postgresql":
        return _upsert_sql(rows[VALUE_FIELDS], actor=actor, reason=reason)
    return _upsert_orm(rows[VALUE_FIELDS], actor=actor, reason=reason)


def values_delete(values, *, actor, reason: str) -> int:
    """Delete values one by one, so that each leaves a "deleted" history record."""
    count = 0
    for value in values:
        value._history_user = actor
        value._change_reason = reason
        value.delete()
        count += 1
    return count


def _upsert_sql(rows: pd.DataFrame, *, actor, reason: str) -> int:
    history_table = DataValue.history.model._meta.db_table
    table = DataValue._meta.db_table
    columns = ", ".join(VALUE_FIELDS)
    buffer = io.StringIO()
    rows.to_csv(buffer, header=False, index=False, na_rep="\\N")
    with connection.cursor() as cursor:
        # Dropped at commit; dropped first too, for a second upsert in one transaction.
        cursor.execute(
            "DROP TABLE IF EXISTS incoming_values; "
            "CREATE TEMP TABLE incoming_values (submission_id bigint, indicator_id bigint, "
            "cell_id bigint, numerator double precision, denominator double precision, "
            "value double precision) ON COMMIT DROP"
        )
        with cursor.copy(
            f"COPY incoming_values ({columns}) FROM STDIN WITH (FORMAT csv, NULL '\\N')"
        ) as copy:
            copy.write(buffer.getvalue())
        # xmax = 0 only on rows this statement inserted, which tells "+" from "~".
        cursor.execute(
            f"""
            WITH written AS (
                INSERT INTO {table} ({columns})
                SELECT {columns} FROM incoming_values
                ON CONFLICT (submission_id, indicator_id, cell_id) DO UPDATE SET
                    numerator = EXCLUDED.numerator,
                    denominator = EXCLUDED.denominator,
                    value = EXCLUDED.value
                WHERE ({table}.numerator, {table}.denominator, {table}.value)
                      IS DISTINCT FROM (EXCLUDED.numerator, EXCLUDED.denominator, EXCLUDED.value)
                RETURNING id, {columns}, (xmax = 0) AS inserted
            )
            INSERT INTO {history_table} (id, {columns}, history_date, history_change_reason,
                                         history_type, history_user_id)
            SELECT id, {columns}, %s, %s, CASE WHEN inserted THEN '+' ELSE '~' END, %s
            FROM written
            """,
            [timezone.now(), reason, getattr(actor, "pk", None)],
        )
        return cursor.rowcount


def _upsert_orm(rows: pd.DataFrame, *, actor, reason: str) -> int:
    existing = {
        (v.submission_id, v.indicator_id, v.cell_id): v
        for v in DataValue.objects.filter(
            submission_id__in=rows["submission_id"].unique().tolist(),
            indicator_id__in=rows["indicator_id"].unique().tolist(),
        )
    }
    created, changed = [], []
    for record in rows.itertuples(index=False):
        numbers = {name: _none_if_nan(getattr(record, name)) for name in NUMBERS}
        current = existing.get((record.submission_id, record.indicator_id, record.cell_id))
        if current is None:
            created.append(
                DataValue(
                    submission_id=record.submission_id,
                    indicator_id=record.indicator_id,
                    cell_id=record.cell_id,
                    **numbers,
                )
            )
        elif any(getattr(current, name) != value for name, value in numbers.items()):
            for name, value in numbers.items():
                setattr(current, name, value)
            changed.append(current)
    options = {"batch_size": 1000, "default_user": actor, "default_change_reason": reason}
    if created:
        bulk_create_with_history(created, DataValue, **options)
    if changed:
        bulk_update_with_history(changed, DataValue, NUMBERS, **options)
    return len(created) + len(changed)


def _none_if_nan(number):
    return None if number is None or number != number else float(number)
