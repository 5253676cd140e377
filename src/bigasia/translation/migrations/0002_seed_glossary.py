"""The glossary's first terms: names that must read the same in every English story."""

from django.db import migrations

TERMS = [
    ("Мишустин", "Mishustin"),
    ("Смаилов", "Smailov"),
    ("Токаев", "Tokayev"),
    ("ТАСС", "TASS"),
    ("ЕАЭС", "EAEU"),
    ("Евразийский экономический союз", "Eurasian Economic Union"),
    ("Алма-Ата", "Almaty"),
]


def seed(apps, schema_editor):
    term = apps.get_model("translation", "GlossaryTerm")
    for ru, en in TERMS:
        term.objects.get_or_create(ru=ru, defaults={"en": en})


class Migration(migrations.Migration):
    dependencies = [("translation", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
