"""Which rows a request changed: row triggers on every table write (table, operation, primary
key) into a log table. The walk runs each request in a savepoint that is rolled back, so the
log holds exactly the net changes of one request (a view's own rolled-back savepoint takes its
log rows with it) and reading it is one query. PostgreSQL skips updates that change nothing."""

# ruff: noqa: S608 - the SQL names tables and columns from Django's model metadata only
from django.apps import apps
from django.db import connection

LOG = "zz_security_changes"


def _tables():
    seen = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.managed and not model._meta.proxy:
            seen[model._meta.db_table] = model._meta.pk.column
    existing = set(connection.introspection.table_names())
    return {t: pk for t, pk in seen.items() if t in existing}


def install() -> None:
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"CREATE TABLE {LOG} (tbl text, op text, row_pk text)")
            cursor.execute(
                f"""CREATE FUNCTION {LOG}_fn() RETURNS trigger AS $$
                DECLARE r jsonb;
                BEGIN
                  IF TG_OP = 'UPDATE' AND OLD IS NOT DISTINCT FROM NEW THEN RETURN NULL; END IF;
                  IF TG_OP = 'DELETE' THEN r := to_jsonb(OLD); ELSE r := to_jsonb(NEW); END IF;
                  INSERT INTO {LOG} VALUES (TG_TABLE_NAME, TG_OP, r ->> TG_ARGV[0]);
                  RETURN NULL;
                END $$ LANGUAGE plpgsql"""
            )
            for table, pk in _tables().items():
                cursor.execute(
                    f"CREATE TRIGGER {LOG} AFTER INSERT OR UPDATE OR DELETE ON {quote(table)} "
                    f"FOR EACH ROW EXECUTE FUNCTION {LOG}_fn('{pk}')"
                )
        else:
            cursor.execute(f"CREATE TEMP TABLE {LOG} (tbl text, op text, row_pk text)")
            for n, (table, pk) in enumerate(_tables().items()):
                for op, row in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
                    cursor.execute(
                        f"CREATE TEMP TRIGGER {LOG}_{n}_{op} AFTER {op} ON {quote(table)} "
                        f"BEGIN INSERT INTO {LOG} VALUES ('{table}', '{op}', "
                        f"{row}.{quote(pk)}); END"
                    )


def clear() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {LOG}")


def read() -> list[tuple[str, str, str]]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT tbl, op, row_pk FROM {LOG}")
        return [(t, o, key(p)) for t, o, p in cursor.fetchall()]


def key(pk) -> str:
    """A primary key as both databases report it (SQLite stores UUIDs without hyphens)."""
    return str(pk).replace("-", "").lower()


def owners_by_row(world) -> dict:
    """(table, pk) -> party, from the world's register of who owns which object."""
    result = {}
    for (label, pk), party in world.owner_of.items():
        result[(apps.get_model(label)._meta.db_table, key(pk))] = party
    return result
