"""The issue composer's actions in the Wagtail admin: preview, test to yourself, schedule,
send now, and a new digest issue. Sending itself belongs to the delivery engine
(`bigasia.newsletters.lifecycle.start_sending`)."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .digest import prefill_issue
from .lifecycle import start_sending
from .mail import render_issue
from .mailqueue import queue_mail
from .models import Issue, Newsletter, OutgoingMail, Subscriber, Subscription

can_edit = permission_required("newsletters.change_issue", raise_exception=True)


def edit_url(issue: Issue) -> str:
    return reverse("wagtailsnippets_newsletters_issue:edit", args=[issue.pk])


@can_edit
def preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The HTML part as the editor would receive it."""
    issue = get_object_or_404(Issue, pk=pk)
    assert request.user.is_authenticated  # can_edit lets only signed-in editors in
    name = request.user.get_short_name() or request.user.get_username()
    message = render_issue(issue).test_message(request.user.email or "editor@localhost", name)
    html = message.alternatives[0][0]
    response = HttpResponse(html)
    response["Content-Security-Policy"] = "script-src 'none'"
    return response


@can_edit
@require_POST
def send_test(request: HttpRequest, pk: int) -> HttpResponse:
    issue = get_object_or_404(Issue, pk=pk)
    assert request.user.is_authenticated  # can_edit lets only signed-in editors in
    if not request.user.email:
        messages.error(request, _("Your account has no email address; add one in your profile."))
        return redirect(edit_url(issue))
    name = request.user.get_short_name() or request.user.get_username()
    message = render_issue(issue).test_message(request.user.email, name)
    queue_mail(message, OutgoingMail.Kind.TEST)  # a worker sends it: no mail server in the request
    notice = _("A test copy is on its way to %(email)s.") % {"email": message.to[0]}
    messages.success(request, notice)
    return redirect(edit_url(issue))


@can_edit
@require_POST
def schedule(request: HttpRequest, pk: int) -> HttpResponse:
    """The engine's sweep starts a scheduled issue when its time comes."""
    issue = get_object_or_404(Issue, pk=pk)
    if refusal := _not_sendable(issue):
        messages.error(request, refusal)
    elif issue.scheduled_at is None or issue.scheduled_at <= timezone.now():
        messages.error(request, _("Set a future “send at” time and save the issue first."))
    else:
        Issue.objects.filter(pk=issue.pk).update(status=Issue.Status.SCHEDULED)
        messages.success(request, _("The issue is scheduled."))
    return redirect(edit_url(issue))


@can_edit
@require_http_methods(["GET", "POST"])
def send_now(request: HttpRequest, pk: int) -> HttpResponse:
    """GET (the composer's button) asks, showing how many subscribers will get the issue;
    only a POST carrying the confirmation sends. The count is the one of this moment: the
    engine sends to the subscribers confirmed when it starts."""
    issue = get_object_or_404(Issue, pk=pk)
    if refusal := _not_sendable(issue):
        messages.error(request, refusal)
        return redirect(edit_url(issue))
    if request.method != "POST" or request.POST.get("confirmed") != "yes":
        context = {
            "issue": issue,
            "recipients": recipient_count(issue),
            "edit_url": edit_url(issue),
            "page_title": _("Send the issue now"),
        }
        return render(request, "newsletters/admin/send_now.html", context)
    start_sending(issue)
    messages.success(request, _("Sending has started."))
    try:
        return redirect(reverse("newsletters_send", args=[issue.pk]))  # the engine's progress
    except NoReverseMatch:
        return redirect(edit_url(issue))


def recipient_count(issue: Issue) -> int:
    """Who the engine would send to now: confirmed subscribers with an active subscription."""
    return Subscription.objects.filter(
        newsletter_id=issue.newsletter_id,
        active=True,
        subscriber__status=Subscriber.Status.CONFIRMED,
    ).count()


@permission_required("newsletters.add_issue", raise_exception=True)
@require_http_methods(["GET", "POST"])
def new_digest(request: HttpRequest, pk: int) -> HttpResponse:
    """GET (the listing's button) asks; POST prepares the issue."""
    newsletter = get_object_or_404(Newsletter, pk=pk)
    if request.method != "POST":
        context = {"newsletter": newsletter, "page_title": _("New digest issue")}
        return render(request, "newsletters/admin/new_digest.html", context)
    assert request.user.is_authenticated  # permission_required let only an editor in
    issue = prefill_issue(newsletter, request.user)
    messages.success(request, _("A digest issue was prepared; check the stories and the subject."))
    return redirect(edit_url(issue))


def _not_sendable(issue: Issue) -> str | None:
    """Why this issue cannot be scheduled or sent now, or None when it can."""
    if issue.status not in (Issue.Status.DRAFT, Issue.Status.SCHEDULED):
        return _("This issue is already being sent or was sent.")
    if not issue.items.exists():
        return _("Add at least one story first.")
    return None
