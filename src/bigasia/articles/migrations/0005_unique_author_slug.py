# A migration of its own: on PostgreSQL, altering a table after updating its rows in the same
# transaction fails with "pending trigger events" (the photo's deferred foreign key).

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0004_author_pages"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="author",
            constraint=models.UniqueConstraint(
                fields=("locale", "slug"), name="unique_author_slug_per_locale"
            ),
        ),
    ]
