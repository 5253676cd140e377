"""The readers' forms: subscribe (box and page) and preferences."""

from typing import TYPE_CHECKING

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from .addresses import MAX_LENGTH, normalise_email
from .models import Newsletter

# The words the reader agrees to; change the version whenever the text changes, so each
# stored consent names the wording it was given under.
CONSENT_VERSION = "2026-11-28"
CONSENT_TEXT = _(
    "I agree to receive the Big Asia newsletters I have chosen and to the processing of my "
    "email address (and name, if given) to send them. I can unsubscribe at any time with the "
    "link in every mail."
)
NO_CONTROL = _("Remove line breaks and special characters from this field.")


def public_newsletters() -> QuerySet[Newsletter]:
    return Newsletter.objects.filter(is_public=True).order_by("language", "sort_order", "name")


if TYPE_CHECKING:
    # The stubs make the field generic in its model; Django's class is not subscriptable.
    _NewsletterField = forms.ModelMultipleChoiceField[Newsletter]
else:
    _NewsletterField = forms.ModelMultipleChoiceField


class NewsletterChoice(_NewsletterField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj: Newsletter) -> str:
        return obj.name


class SubscribeForm(forms.Form):
    email = forms.CharField(
        label=_("Email"),
        # The length is checked with the rest of the address, to give one clear message.
        error_messages={"required": _("Enter your email address.")},
        widget=forms.EmailInput(
            attrs={
                "autocomplete": "email",
                "placeholder": "name@example.com",
                "maxlength": MAX_LENGTH,
            }
        ),
    )
    name = forms.CharField(label=_("Name (optional)"), max_length=120, required=False)
    newsletters = NewsletterChoice(
        label=_("Newsletters"),
        queryset=public_newsletters(),
        error_messages={
            "required": _("Choose at least one newsletter."),
            "invalid_choice": _("This newsletter is not offered any more; choose another."),
            "invalid_pk_value": _("This newsletter is not offered any more; choose another."),
        },
    )
    language = forms.ChoiceField(label=_("Language of the mails"), choices=settings.LANGUAGES)
    consent = forms.BooleanField(
        label=CONSENT_TEXT,
        error_messages={"required": _("Tick the box to agree, or we cannot send you anything.")},
    )
    # Hidden from people by CSS; bots fill every field they find.
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    def clean_email(self) -> str:
        return normalise_email(self.cleaned_data["email"])

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()  # a CharField's value
        if any(ord(ch) < 32 or ord(ch) == 127 for ch in name):
            raise ValidationError(NO_CONTROL, code="control")
        return name

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website"))


class PreferencesForm(forms.Form):
    newsletters = NewsletterChoice(
        label=_("Newsletters"), queryset=public_newsletters(), required=False
    )
    language = forms.ChoiceField(label=_("Language of the mails"), choices=settings.LANGUAGES)
