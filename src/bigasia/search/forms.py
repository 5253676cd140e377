"""The search form: the query and its filters, every value validated, none trusted."""

from django import forms
from django.utils.translation import gettext_lazy as _

from bigasia.articles.snippets import Country, Source

from .models import SearchEntry

DATE_FORMATS = ["%Y-%m-%d", "%d.%m.%Y"]


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search for"), required=False)
    section = forms.TypedChoiceField(label=_("Section"), required=False, coerce=int)
    country = forms.TypedChoiceField(label=_("Country"), required=False, coerce=int)
    source = forms.TypedChoiceField(label=_("Source"), required=False, coerce=int)
    date_from = forms.DateField(
        label=_("From"), required=False, input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )  # fmt: skip
    date_to = forms.DateField(
        label=_("To"), required=False, input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )  # fmt: skip

    def __init__(self, *args, language: str, **kwargs):
        super().__init__(*args, **kwargs)
        any_choice = [("", _("Any"))]
        sections = (
            SearchEntry.objects.filter(language=language, section_id__isnull=False)
            .values_list("section_id", "section_title")
            .order_by("section_title")
            .distinct()
        )
        # The three are ChoiceFields (declared above); form.fields is typed as plain Fields.
        self.fields["section"].choices = any_choice + list(sections)  # type: ignore[attr-defined]
        countries = Country.objects.filter(locale__language_code=language)
        self.fields["country"].choices = any_choice + [(c.pk, c.name) for c in countries]  # type: ignore[attr-defined]
        sources = Source.objects.filter(locale__language_code=language)
        self.fields["source"].choices = any_choice + [(s.pk, s.name) for s in sources]  # type: ignore[attr-defined]

    def clean(self):
        data = super().clean()
        assert data is not None  # Form.clean() returns cleaned_data
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError(_("The start date is after the end date."))
        return data

    def valid_filters(self) -> dict:
        """The filters that passed validation; a bad one is reported and left out."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {name: value for name, value in cleaned.items() if name != "q" and value}
