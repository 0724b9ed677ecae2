"""PostgreSQL catalogue search: one GIN index over both tsvectors of the search entries.

The relevance order of a mid-sized query (``RankedIds._sorted_ids``) needs to know which
matches have each query word in their name. Checking ``names @@ word`` row by row read the
out-of-line name lexemes of every match (~4.8 buffers a row: 5,526 buffers for the 1,174
matches of "warehouse"). With ``document`` and ``names`` in one multicolumn GIN index,
"matches the query and has this word in the name" is one exact index scan (no recheck, so
no out-of-line value is read), and the sort joins those few ids instead: 1,321 buffers.
A multicolumn GIN index serves conditions on either column alone as well as the separate
indexes did, so those two are dropped (24 MB instead of 19 + 6 MB at 100,000 services).

The indexes are built and dropped CONCURRENTLY (outside a transaction), so services can be
saved while this runs (~10 s at 100,000 services); the old indexes serve searches until the
new one is ready.
"""

from django.db import migrations

FORWARD = [
    "CREATE INDEX CONCURRENTLY IF NOT EXISTS catalog_sse_text_gin "
    "ON catalog_servicesearchentry USING gin (document, names) WHERE status = 'published'",
    "DROP INDEX CONCURRENTLY IF EXISTS catalog_sse_document_gin",
    "DROP INDEX CONCURRENTLY IF EXISTS catalog_sse_names_gin",
]
BACKWARD = [
    "CREATE INDEX CONCURRENTLY IF NOT EXISTS catalog_sse_document_gin "
    "ON catalog_servicesearchentry USING gin (document) WHERE status = 'published'",
    "CREATE INDEX CONCURRENTLY IF NOT EXISTS catalog_sse_names_gin "
    "ON catalog_servicesearchentry USING gin (names) WHERE status = 'published'",
    "DROP INDEX CONCURRENTLY IF EXISTS catalog_sse_text_gin",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARD:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    atomic = False  # CREATE/DROP INDEX CONCURRENTLY cannot run in a transaction

    dependencies = [("catalog", "0004_service_plain_summary")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
