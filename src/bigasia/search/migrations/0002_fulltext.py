"""Full-text structures per database vendor; the other vendor's half does nothing."""

from django.db import migrations

POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    # Generated, so rows written by any means (the benchmark's generate_series included)
    # are searchable. Literal configurations keep the expression immutable.
    """
    ALTER TABLE sitesearch_searchentry ADD COLUMN document tsvector GENERATED ALWAYS AS (
      CASE WHEN language = 'ru' THEN
        setweight(to_tsvector('russian'::regconfig, title), 'A')
        || setweight(to_tsvector('russian'::regconfig, lead), 'B')
        || setweight(to_tsvector('russian'::regconfig, body || ' ' || keywords), 'C')
      ELSE
        setweight(to_tsvector('english'::regconfig, title), 'A')
        || setweight(to_tsvector('english'::regconfig, lead), 'B')
        || setweight(to_tsvector('english'::regconfig, body || ' ' || keywords), 'C')
      END
    ) STORED
    """,
    "CREATE INDEX sitesearch_document_gin ON sitesearch_searchentry USING gin (document)",
    "CREATE INDEX sitesearch_term_trgm ON sitesearch_searchterm USING gin (word gin_trgm_ops)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS sitesearch_term_trgm",
    "DROP INDEX IF EXISTS sitesearch_document_gin",
    "ALTER TABLE sitesearch_searchentry DROP COLUMN IF EXISTS document",
]
SQLITE_FORWARD = [
    # Stems are computed in Python (bigasia.search.morphology); the tokenizer only splits.
    "CREATE VIRTUAL TABLE sitesearch_fts USING fts5("
    "title, lead, body, keywords, tokenize = 'unicode61 remove_diacritics 0')",
]
SQLITE_BACKWARD = ["DROP TABLE IF EXISTS sitesearch_fts"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("sitesearch", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        )
    ]
