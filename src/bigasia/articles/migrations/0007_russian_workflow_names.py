"""Renames the newsroom's workflow and task, created in English by earlier releases, to the
Russian names `bigasia.articles.newsroom` now keeps (Wagtail's admin shows them as stored)."""

from django.db import migrations

RENAMES = {
    "wagtailcore.Workflow": ("Editorial review", "Редакторская проверка"),
    "wagtailcore.Task": ("Editors' review", "Проверка редактором"),
}


def rename(apps, schema_editor, backwards=False):
    for model_name, (english, russian) in RENAMES.items():
        old, new = (russian, english) if backwards else (english, russian)
        apps.get_model(model_name).objects.filter(name=old).update(name=new)


def rename_back(apps, schema_editor):
    rename(apps, schema_editor, backwards=True)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_alter_articleauthor_options_and_more"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(rename, rename_back)]
