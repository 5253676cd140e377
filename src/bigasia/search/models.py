"""The search index: one row per live article, denormalised so a result page needs no joins.

The full-text structures live beside this table and are made by migrations per database:
PostgreSQL gets a generated, weighted `tsvector` column with a GIN index; SQLite gets an FTS5
table (`sitesearch_fts`) whose rowid is the page id. See docs/search.md.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    # Not a foreign key: the benchmark fills this table with synthetic rows, and an entry is
    # removed by the unpublish/delete signals rather than by a cascade.
    page_id = models.BigIntegerField(primary_key=True)
    language = models.CharField(max_length=8)
    url = models.CharField(max_length=1000)
    title = models.TextField()
    lead = models.TextField(blank=True)
    body = models.TextField(blank=True)
    # Canonical country keywords (see morphology) and the article's country names.
    keywords = models.TextField(blank=True)
    section_id = models.BigIntegerField(null=True, blank=True)
    section_title = models.CharField(max_length=255, blank=True)
    # Country snippet ids, "|12|7|": filtered with a LIKE on the delimited id.
    countries = models.CharField(max_length=1000, blank=True)
    source_id = models.BigIntegerField(null=True, blank=True)
    source_name = models.CharField(max_length=200, blank=True)
    published_at = models.DateTimeField()

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        indexes = [models.Index(fields=["language", "-published_at"], name="sitesearch_lang_date")]

    def __str__(self) -> str:
        return self.title


class SearchTerm(models.Model):
    """Words of titles, country and source names: the vocabulary of "did you mean"."""

    language = models.CharField(max_length=8)
    word = models.CharField(max_length=100)

    class Meta:
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")
        constraints = [
            models.UniqueConstraint(fields=["language", "word"], name="sitesearch_term_unique")
        ]

    def __str__(self) -> str:
        return self.word
