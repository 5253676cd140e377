from django.db import migrations, models


def index_existing(apps, schema_editor):
    """Items stored before the search existed get their folded text (same rule as ingest)."""
    from bigasia.wire.models import item_text, search_words

    WireItem = apps.get_model("wire", "WireItem")
    for wire_item in WireItem.objects.select_related("feed_item").iterator(chunk_size=500):
        wire_item.search_text = search_words(item_text(wire_item.feed_item))
        wire_item.save(update_fields=["search_text"])


class Migration(migrations.Migration):
    dependencies = [
        ("wire", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="wireitem",
            name="search_text",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.RunPython(index_existing, migrations.RunPython.noop),
    ]
