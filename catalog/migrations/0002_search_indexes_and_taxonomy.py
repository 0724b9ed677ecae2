"""PostgreSQL search indexes (GIN over the tsvector, pg_trgm GIN over the vocabulary) and the
taxonomy terms. On other databases the index statements are skipped."""

import uuid

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEXES = [
    (
        "catalog_service_search_gin",
        "CREATE INDEX IF NOT EXISTS catalog_service_search_gin ON catalog_service "
        "USING gin (search_vector) WHERE status = 'published'",
    ),
    (
        "catalog_searchterm_trgm",
        "CREATE INDEX IF NOT EXISTS catalog_searchterm_trgm ON catalog_searchterm "
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


def seed_taxonomy(apps, schema_editor):
    from catalog.taxonomy_data import SERVICE_TYPES, TARGET_GROUPS

    TaxonomyTerm = apps.get_model("catalog", "TaxonomyTerm")
    for taxonomy, rows in (("service_type", SERVICE_TYPES), ("target_group", TARGET_GROUPS)):
        for position, (code, fi, sv, en) in enumerate(rows):
            TaxonomyTerm.objects.update_or_create(
                taxonomy=taxonomy,
                code=code,
                defaults={
                    "name_fi": fi,
                    "name_sv": sv,
                    "name_en": en,
                    "position": position,
                    "uuid": uuid.uuid5(uuid.NAMESPACE_URL, f"https://tori.fi/taxonomy/{taxonomy}/{code}"),
                },
            )


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_indexes, drop_indexes),
        migrations.RunPython(seed_taxonomy, migrations.RunPython.noop),
    ]
