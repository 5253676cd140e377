"""A GIN index per language beside the one for all rows.

With only the shared index, PostgreSQL answered `language = 'en' AND document @@ …` (a query
expected to match few rows, searched without time slices) by AND-ing the GIN matches with a
bitmap of every English row from the (language, published_at) index: half a million entries
built per query at 1,000,000 articles. A partial index per language holds only that
language's rows, so the language test costs nothing. The shared index stays: for the time
slices the planner AND-s it with the slice's date range, and with only the partial indexes it
chose to filter each row of the slice instead (reading every row's tsvector).
"""

from django.db import migrations

from ._postgres import run_on_postgres

LANGUAGES = ("ru", "en")  # the languages the generated `document` column knows (0002)

POSTGRES_FORWARD = [
    *(
        f"CREATE INDEX IF NOT EXISTS sitesearch_document_{code} ON sitesearch_searchentry"
        f" USING gin (document) WHERE language = '{code}'"
        for code in LANGUAGES
    ),
]
POSTGRES_BACKWARD = [
    *(f"DROP INDEX IF EXISTS sitesearch_document_{code}" for code in LANGUAGES),
]


class Migration(migrations.Migration):
    dependencies = [("sitesearch", "0002_fulltext")]

    operations = [
        migrations.RunPython(run_on_postgres(POSTGRES_FORWARD), run_on_postgres(POSTGRES_BACKWARD))
    ]
