"""PostgreSQL search indexes: GIN over the job ads' tsvector (published ads only) and pg_trgm
GIN over the vocabulary. On other databases the statements are skipped."""

from django.db import migrations

INDEXES = [
    (
        "jobs_jobad_search_gin",
        "CREATE INDEX IF NOT EXISTS jobs_jobad_search_gin ON jobs_jobad "
        "USING gin (search_vector) WHERE status = 'published'",
    ),
    (
        "jobs_jobsearchterm_trgm",
        "CREATE INDEX IF NOT EXISTS jobs_jobsearchterm_trgm ON jobs_jobsearchterm "
        "USING gin (term gin_trgm_ops)",
    ),
]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for _name, statement in INDEXES:
        schema_editor.execute(statement)


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _statement in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    # the pg_trgm extension is created by catalog's search migration
    dependencies = [("jobs", "0001_initial"), ("catalog", "0002_search_indexes_and_taxonomy")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
