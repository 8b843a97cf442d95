"""What the benchmark scripts share (they import it from their own folder, which Python puts
first on the path): a fresh initiative to fill, whatever an earlier run left behind."""


def fresh_initiative(slug: str, name: str):
    """The initiative ``slug``, created anew. An earlier run's goes first, its data values
    (and their history) deleted in SQL: deleting them one by one through Django takes
    minutes."""
    from django.db import connection

    from initiatives.models import Initiative

    existing = Initiative.objects.filter(slug=slug).first()
    if existing:
        with connection.cursor() as cursor:
            for table in ("measurement_historicaldatavalue", "measurement_datavalue"):
                cursor.execute(
                    f"DELETE FROM {table} WHERE submission_id IN "
                    "(SELECT id FROM measurement_submission WHERE initiative_id = %s)",
                    [existing.pk],
                )
        existing.delete()
    return Initiative.objects.create(slug=slug, name=name)
