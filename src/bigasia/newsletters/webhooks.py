"""The ESP's tracking webhook: only the ESP that EMAIL_TRANSPORT names is mounted, only with
its authentication configured, and a post that is not its well-formed, authenticated event
is answered 4xx.

anymail ships webhook views for fourteen ESPs (tracking and inbound). Without
ANYMAIL_WEBHOOK_SECRET it merely warns and accepts any post, and a forged bounce or
complaint suppresses a subscriber for good; so `/newsletters/esp/<esp>/tracking/` answers
404 for every ESP but the configured one, and the system check below stops the process at
start when that one's basic-auth secret or signing key is missing.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from anymail.exceptions import AnymailWebhookValidationFailure
from anymail.utils import get_anymail_setting
from django.apps import AppConfig
from django.conf import settings
from django.core import checks
from django.http import HttpRequest, HttpResponse, HttpResponseNotFound
from django.urls import path
from django.utils.module_loading import import_string
from django.views.decorators.csrf import csrf_exempt

ANYMAIL_BACKENDS = "anymail.backends."
# What a malformed body raises inside anymail's parsers (bad JSON, a list for an object,
# a missing field): a refusal of the post, not a fault of ours for the ESP to retry.
MALFORMED = (ValueError, KeyError, TypeError, AttributeError, IndexError)


@dataclass(frozen=True)
class EspWebhook:
    view: str  # dotted path of anymail's tracking view
    signing_settings: tuple[str, ...] = ()  # the ESP's own keys, as anymail names them


# Keyed by the module of anymail's backend (EMAIL_TRANSPORT=anymail.backends.<esp>.EmailBackend).
ESP_WEBHOOKS = {
    "amazon_ses": EspWebhook("anymail.webhooks.amazon_ses.AmazonSESTrackingWebhookView"),
    "brevo": EspWebhook("anymail.webhooks.brevo.BrevoTrackingWebhookView"),
    "sendinblue": EspWebhook("anymail.webhooks.sendinblue.SendinBlueTrackingWebhookView"),
    "mailersend": EspWebhook(
        "anymail.webhooks.mailersend.MailerSendTrackingWebhookView", ("signing_secret",)
    ),
    "mailgun": EspWebhook(
        "anymail.webhooks.mailgun.MailgunTrackingWebhookView", ("webhook_signing_key",)
    ),
    "mailjet": EspWebhook("anymail.webhooks.mailjet.MailjetTrackingWebhookView"),
    "mailtrap": EspWebhook(
        "anymail.webhooks.mailtrap.MailtrapTrackingWebhookView", ("tracking_secret",)
    ),
    "mandrill": EspWebhook(
        "anymail.webhooks.mandrill.MandrillCombinedWebhookView", ("webhook_key",)
    ),
    "postal": EspWebhook("anymail.webhooks.postal.PostalTrackingWebhookView", ("webhook_key",)),
    "postmark": EspWebhook("anymail.webhooks.postmark.PostmarkTrackingWebhookView"),
    "resend": EspWebhook("anymail.webhooks.resend.ResendTrackingWebhookView", ("signing_secret",)),
    "sendgrid": EspWebhook(
        "anymail.webhooks.sendgrid.SendGridTrackingWebhookView",
        ("tracking_webhook_verification_key",),
    ),
    "sparkpost": EspWebhook("anymail.webhooks.sparkpost.SparkPostTrackingWebhookView"),
    "unisender_go": EspWebhook(
        "anymail.webhooks.unisender_go.UnisenderGoTrackingWebhookView", ("api_key",)
    ),
}


def configured_esp() -> str | None:
    """The anymail ESP that EMAIL_TRANSPORT sends through, None for SMTP and the like."""
    transport = settings.EMAIL_TRANSPORT or ""
    if not transport.startswith(ANYMAIL_BACKENDS):
        return None
    esp = transport[len(ANYMAIL_BACKENDS) :].partition(".")[0]
    return esp if esp in ESP_WEBHOOKS else None


class RefusesMalformedPosts:
    """Turns a parser's crash on a junk body into anymail's validation failure (a 400)."""

    def run_validators(self, request: HttpRequest) -> None:
        try:
            super().run_validators(request)  # type: ignore[misc]  # a mixin for anymail's views
        except MALFORMED as exc:
            raise AnymailWebhookValidationFailure(f"Malformed webhook post: {exc!r}") from exc

    def parse_events(self, request: HttpRequest) -> list[Any]:
        try:
            return super().parse_events(request)  # type: ignore[misc,no-any-return]  # (same)
        except MALFORMED as exc:
            raise AnymailWebhookValidationFailure(f"Malformed webhook post: {exc!r}") from exc


@cache
def _view(esp: str) -> Callable[[HttpRequest], HttpResponse]:
    anymail_view = import_string(ESP_WEBHOOKS[esp].view)
    checked: Any = type(
        f"Checked{anymail_view.__name__}", (RefusesMalformedPosts, anymail_view), {}
    )
    view: Callable[[HttpRequest], HttpResponse] = checked.as_view()
    return view


@csrf_exempt
def tracking(request: HttpRequest, esp: str) -> HttpResponse:
    if esp != configured_esp():
        return not_mounted(request)
    return _view(esp)(request)


@csrf_exempt
def not_mounted(request: HttpRequest, rest: str = "") -> HttpResponse:
    # A URLconf without language prefixes for this answer: LocaleMiddleware would otherwise
    # turn the 404 into a redirect to /ru/newsletters/esp/… (Wagtail's catch-all makes that
    # look valid), and a poster should learn plainly that nothing is here.
    request.urlconf = __name__  # type: ignore[attr-defined]  # Django reads it; not in stubs
    return HttpResponseNotFound()


urlpatterns = [
    path("<slug:esp>/tracking/", tracking, name="esp_tracking"),
    path("<path:rest>", not_mounted),
]


def missing_authentication(esp: str) -> list[str]:
    """The anymail settings the ESP's webhook lacks, by their ANYMAIL_… variable names."""
    esp_name = import_string(ESP_WEBHOOKS[esp].view).esp_name
    wanted = [("webhook_secret", None)]
    wanted += [(name, esp_name) for name in ESP_WEBHOOKS[esp].signing_settings]
    return [
        "ANYMAIL_" + (f"{owner}_{name}" if owner else name).upper().replace(" ", "_")
        for name, owner in wanted
        if not get_anymail_setting(name, esp_name=owner, default=None, allow_bare=True)
    ]


@checks.register(checks.Tags.security)
def check_webhook_authentication(
    app_configs: Sequence[AppConfig] | None = None, **kwargs: Any
) -> list[checks.CheckMessage]:
    esp = configured_esp()
    if esp is None:
        return []
    missing = missing_authentication(esp)
    if not missing:
        return []
    return [
        checks.Error(
            f"EMAIL_TRANSPORT sends through {esp}, whose tracking webhook "
            f"(/newsletters/esp/{esp}/tracking/) would accept forged bounces and complaints.",
            hint=f"Set {', '.join(missing)} (docs/newsletters.md, 'ESP webhooks').",
            id="bigasia.E001",
        )
    ]
