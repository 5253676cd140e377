"""Readers' newsletter pages. None of them is ever stored by the page cache (never_cache):
they carry a CSRF token, a reader's own subscriptions, or act on a signed link.

The subscription box sits on cached pages, so it cannot hold a CSRF token: its script asks
`csrf/` for one just before posting here; without script it sends a GET that lands on this
page with the address filled in.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from bigasia.readership.gate import client_ip

from . import subscriptions, tokens
from .addresses import display_email
from .forms import CONSENT_TEXT, CONSENT_VERSION, PreferencesForm, SubscribeForm, public_newsletters
from .models import Newsletter
from .subscriptions import LinkError, SubscribeRequest


def _newsletters_by_language() -> list[tuple[str, str, list[Newsletter]]]:
    current = translation.get_language()
    grouped: dict[str, list[Newsletter]] = {}
    for newsletter in public_newsletters():
        grouped.setdefault(newsletter.language, []).append(newsletter)
    names = dict(settings.LANGUAGES)
    order = sorted(grouped, key=lambda code: code != current)  # the page's language first
    return [(code, names[code], grouped[code]) for code in order]


def _initial(request: HttpRequest) -> dict:
    """What the box sent by GET (no script), or the page's language defaults."""
    language = translation.get_language()
    chosen = request.GET.getlist("newsletters")
    if not chosen:
        chosen = [str(n.pk) for n in public_newsletters() if n.language == language]
    return {
        "email": request.GET.get("email", "")[:254],
        "name": request.GET.get("name", "")[:120],
        "language": request.GET.get("language") or language,
        "newsletters": chosen,
    }


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def newsletters_page(request: HttpRequest) -> HttpResponse:
    status = 200
    if request.method == "POST":
        form = SubscribeForm(request.POST)
        if subscriptions.over_ip_limit(client_ip(request)):
            form.add_error(None, _too_many())
            status = 429
        elif form.is_bot:
            return redirect("newsletters:requested")  # the same answer, nothing done
        elif form.is_valid():
            _request_subscription(request, form)
            return redirect("newsletters:requested")
        else:
            status = 400
    else:
        form = SubscribeForm(initial=_initial(request))
    context = {"form": form, "groups": _newsletters_by_language()}
    return render(request, "newsletters/page.html", context, status=status)


def _consent_address(request: HttpRequest) -> str | None:
    """The reader's address as a consent keeps it, or None. Behind the proxy the header it
    sets holds one; a request that reached us around the proxy may put anything there, which
    the database's address column refuses (PostgreSQL's inet: a 500)."""
    try:
        return str(ipaddress.ip_address(client_ip(request)))
    except ValueError:
        return None


def _too_many() -> str:
    return gettext("Too many attempts from your network. Please try again in an hour.")


def _request_subscription(request: HttpRequest, form: SubscribeForm) -> None:
    data = form.cleaned_data
    subscriptions.request_subscription(
        SubscribeRequest(
            email=data["email"],
            name=data["name"],
            language=data["language"],
            newsletters=list(data["newsletters"]),
            consent_text=str(CONSENT_TEXT),
            consent_version=CONSENT_VERSION,
            ip=_consent_address(request),
        )
    )


@never_cache
def requested(request: HttpRequest) -> HttpResponse:
    return render(request, "newsletters/requested.html")


@never_cache
def csrf_token(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"token": get_token(request)})


def _broken_link(request: HttpRequest) -> HttpResponse:
    return render(request, "newsletters/broken_link.html", status=400)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button: mail scanners that open links must not confirm anybody."""
    if request.method != "POST":
        return render(request, "newsletters/confirm.html")
    try:
        subscriber = subscriptions.confirm(token)
    except LinkError:
        return _broken_link(request)
    context = {
        "email": display_email(subscriber.email),
        "newsletters": [
            s.newsletter
            for s in subscriber.subscriptions.filter(active=True).select_related("newsletter")
        ],
    }
    return render(request, "newsletters/confirmed.html", context)


@never_cache
@csrf_exempt  # RFC 8058: the mail provider POSTs with no cookie; the signed URL is the authority
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button only (link scanners); POST, from it or one-click, unsubscribes."""
    try:
        target = subscriptions.read_target(token)
    except LinkError:
        return _broken_link(request)
    if request.method != "POST":
        return render(request, "newsletters/unsubscribe.html", {"newsletter": target.newsletter})
    try:
        result = subscriptions.unsubscribe(token)
    except LinkError:
        return _broken_link(request)
    return render(
        request,
        "newsletters/unsubscribed.html",
        {"newsletter": result.newsletter, "preferences_url": _preferences_url(result.subscriber)},
    )


def _preferences_url(subscriber) -> str:
    token = tokens.preferences_token(subscriber.pk, subscriber.token_nonce)
    return reverse("newsletters:preferences", kwargs={"token": token})


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def preferences(request: HttpRequest, token: str) -> HttpResponse:
    try:
        subscriber = subscriptions.subscriber_for_preferences(token)
    except LinkError:
        return _broken_link(request)
    active = subscriber.subscriptions.filter(active=True).values_list("newsletter_id", flat=True)
    form = PreferencesForm(
        request.POST if request.method == "POST" else None,
        initial={"newsletters": list(active), "language": subscriber.language},
    )
    if request.method == "POST" and form.is_valid():
        chosen = [] if "leave" in request.POST else list(form.cleaned_data["newsletters"])
        fresh = subscriptions.save_preferences(
            subscriber, chosen, form.cleaned_data["language"], _consent_address(request)
        )
        return redirect(reverse("newsletters:preferences", kwargs={"token": fresh}) + "?saved=1")
    context = {
        "form": form,
        "email": display_email(subscriber.email),
        "saved": request.GET.get("saved") == "1",
    }
    status = 400 if form.is_bound else 200  # a valid POST redirected above
    return render(request, "newsletters/preferences.html", context, status=status)
