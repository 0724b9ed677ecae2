"""PostgreSQL catalogue search: a narrow copy of each service's search columns
(catalog_servicesearchentry) kept in sync by a trigger, with interned facet sets
(catalog_facetset). See catalog.search. On other databases only the (unused) tables exist."""

import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

FORWARD = [
    "ALTER TABLE catalog_servicesearchentry SET (toast_tuple_target = 128)",
    "ALTER TABLE catalog_servicesearchentry ALTER COLUMN document SET STORAGE EXTERNAL",
    "ALTER TABLE catalog_servicesearchentry ALTER COLUMN names SET STORAGE EXTERNAL",
    "CREATE INDEX catalog_sse_document_gin ON catalog_servicesearchentry "
    "USING gin (document) WHERE status = 'published'",
    "CREATE INDEX catalog_sse_names_gin ON catalog_servicesearchentry "
    "USING gin (names) WHERE status = 'published'",
    "CREATE INDEX catalog_sse_newest ON catalog_servicesearchentry "
    "(published_at DESC, service_id DESC) WHERE status = 'published'",
    """
    CREATE FUNCTION catalog_facet_set(service_keys jsonb, pattern text, matching boolean)
    RETURNS integer LANGUAGE plpgsql AS $$
    DECLARE
        signature text;
        set_id integer;
    BEGIN
        SELECT coalesce(string_agg(k, ' ' ORDER BY k), '') INTO signature
        FROM jsonb_array_elements_text(coalesce(service_keys, '[]'::jsonb)) AS k
        WHERE (k ~ pattern) = matching;
        SELECT id INTO set_id FROM catalog_facetset f WHERE f.keys = signature;
        IF set_id IS NULL THEN
            INSERT INTO catalog_facetset AS f (keys) VALUES (signature)
            ON CONFLICT (keys) DO NOTHING
            RETURNING f.id INTO set_id;
            IF set_id IS NULL THEN
                SELECT id INTO set_id FROM catalog_facetset f WHERE f.keys = signature;
            END IF;
        END IF;
        RETURN set_id;
    END $$
    """,
    # three facet families: target groups (zfg), areas (zfr, zfk, zfw, zfnationwide), the rest
    """
    CREATE FUNCTION catalog_service_search_sync() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO catalog_servicesearchentry (
            service_id, status, published_at, target_group_set, area_set, other_set,
            names, document
        ) VALUES (
            NEW.id, NEW.status, NEW.published_at,
            catalog_facet_set(NEW.facet_keys, '^zfg', true),
            catalog_facet_set(NEW.facet_keys, '^zf[rkwn]', true),
            catalog_facet_set(NEW.facet_keys, '^zf[grkwn]', false),
            strip(ts_filter(coalesce(NEW.search_vector, ''::tsvector), '{a}')),
            coalesce(NEW.search_vector, ''::tsvector)
        )
        ON CONFLICT (service_id) DO UPDATE SET
            status = EXCLUDED.status,
            published_at = EXCLUDED.published_at,
            target_group_set = EXCLUDED.target_group_set,
            area_set = EXCLUDED.area_set,
            other_set = EXCLUDED.other_set,
            names = EXCLUDED.names,
            document = EXCLUDED.document;
        RETURN NULL;
    END $$
    """,
    "CREATE TRIGGER catalog_service_search_sync "
    "AFTER INSERT OR UPDATE OF status, published_at, search_vector, facet_keys "
    "ON catalog_service FOR EACH ROW EXECUTE FUNCTION catalog_service_search_sync()",
    # existing services: fire the trigger's logic once for each
    "UPDATE catalog_service SET status = status",
]
BACKWARD = [
    "DROP TRIGGER IF EXISTS catalog_service_search_sync ON catalog_service",
    "DROP FUNCTION IF EXISTS catalog_service_search_sync()",
    "DROP FUNCTION IF EXISTS catalog_facet_set(jsonb, text, boolean)",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in FORWARD:
        schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in BACKWARD:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0002_search_indexes_and_taxonomy")]

    operations = [
        migrations.CreateModel(
            name="FacetSet",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("keys", models.TextField(unique=True)),
            ],
        ),
        migrations.CreateModel(
            name="ServiceSearchEntry",
            fields=[
                (
                    "service",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="catalog.service",
                    ),
                ),
                ("status", models.CharField(max_length=10)),
                ("published_at", models.DateTimeField(null=True)),
                ("target_group_set", models.IntegerField()),
                ("area_set", models.IntegerField()),
                ("other_set", models.IntegerField()),
                ("names", django.contrib.postgres.search.SearchVectorField(null=True)),
                ("document", django.contrib.postgres.search.SearchVectorField(null=True)),
            ],
        ),
        migrations.RunPython(forward, backward),
    ]
