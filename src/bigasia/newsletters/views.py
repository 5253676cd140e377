"""Readers' newsletter pages. None of them is ever stored by the page cache (never_cache):
they carry a CSRF token, a reader's own subscriptions, or act on a signed link.

The subscription box sits on cached pages, so it cannot hold a CSRF token: its script asks
`csrf/` for one just before posting here; without script it sends a GET that lands on this
page with the address filled in.
"""

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from bigasia.core.clientip import request_ip
from bigasia.core.languages import view_alternates

from . import subscriptions
from .addresses import display_email
from .forms import CONSENT_TEXT, CONSENT_VERSION, PreferencesForm, SubscribeForm, public_newsletters
from .models import Newsletter
from .subscriptions import LinkError, SubscribeRequest


def _newsletters_of_the_page() -> list[tuple[str, str | Promise, list[Newsletter]]]:
    """The newsletters in the page's language: each language's page offers its own, under
    names in that language; the language switcher leads to the other language's page."""
    current = translation.get_language()
    newsletters = [n for n in public_newsletters() if n.language == current]
    return [(current, dict(settings.LANGUAGES)[current], newsletters)] if newsletters else []


def _initial(request: HttpRequest) -> dict[str, Any]:
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
        if subscriptions.over_ip_limit(request_ip(request)):
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
    context = {
        "form": form,
        "groups": _newsletters_of_the_page(),
        "alternates": view_alternates("newsletters:page"),
    }
    return render(request, "newsletters/page.html", context, status=status)


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
            ip=request_ip(request) or None,
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
    context = {"newsletter": result.newsletter, "token": token}
    return render(request, "newsletters/unsubscribed.html", context)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def manage(request: HttpRequest, token: str) -> HttpResponse:
    """The "manage your subscriptions" link of every mail (the unsubscribe token, which never
    expires): GET shows a button (link scanners); POST mails a fresh settings link to the
    address. The settings themselves never open from an old link."""
    try:
        target = subscriptions.read_target(token)
    except LinkError:
        return _broken_link(request)
    if request.method != "POST":
        return render(request, "newsletters/manage.html")
    subscriptions.mail_preferences_link(target.subscriber)
    return redirect("newsletters:link_sent")


@never_cache
def link_sent(request: HttpRequest) -> HttpResponse:
    hours = settings.NEWSLETTER_PREFERENCES_MAX_AGE // 3600
    return render(request, "newsletters/link_sent.html", {"hours": hours})


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
            subscriber, chosen, form.cleaned_data["language"], request_ip(request) or None
        )
        return redirect(reverse("newsletters:preferences", kwargs={"token": fresh}) + "?saved=1")
    context = {
        "form": form,
        "email": display_email(subscriber.email),
        "saved": request.GET.get("saved") == "1",
    }
    status = 400 if form.is_bound else 200  # a valid POST redirected above
    return render(request, "newsletters/preferences.html", context, status=status)
