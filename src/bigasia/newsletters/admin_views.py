"""Wagtail admin of sends: the list of issues being or already sent, one issue's live
progress (polling a small JSON endpoint) and its figures and chart, pause and resume."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bigasia.readership.charts import Chart, draw

from . import lifecycle
from .figures import outcomes, progress, sends_per_minute
from .models import Issue

SHOWN = [Issue.Status.SENDING, Issue.Status.PAUSED, Issue.Status.SENT]


def _issue(request: HttpRequest, issue_id: int) -> Issue:
    if not request.user.has_perm("newsletters.change_issue"):
        raise PermissionDenied
    # Issue's manager is untyped (modelcluster).
    issue: Issue = get_object_or_404(Issue.objects.select_related("newsletter"), pk=issue_id)
    return issue


def sends(request: HttpRequest) -> TemplateResponse:
    if not request.user.has_perm("newsletters.change_issue"):
        raise PermissionDenied
    issues = Issue.objects.filter(status__in=SHOWN).select_related("newsletter")[:100]
    rows = [(issue, outcomes(issue)) for issue in issues]
    return TemplateResponse(request, "newsletters/admin/sends.html", {"rows": rows})


def send_detail(request: HttpRequest, issue_id: int) -> TemplateResponse:
    issue = _issue(request, issue_id)
    return TemplateResponse(
        request,
        "newsletters/admin/send_detail.html",
        {
            "issue": issue,
            "progress": progress(issue),
            "outcomes": outcomes(issue),
            "chart": _sends_chart(sends_per_minute(issue)),
        },
    )


def _sends_chart(series: list[tuple[str, int]]) -> Chart:
    # The minutes come labelled "dd.mm HH:MM"; about six of them name the x-axis.
    return draw(series, full_label=str, tick_label=str, every=max(1, len(series) // 6))


def send_progress(request: HttpRequest, issue_id: int) -> JsonResponse:
    return JsonResponse(progress(_issue(request, issue_id)).as_json())


def _switch_sending(
    request: HttpRequest, issue_id: int, switch: Callable[[Issue], bool], done: str, refused: str
) -> HttpResponse:
    # Pause and resume differ only in the state change and the two messages.
    if switch(_issue(request, issue_id)):
        messages.success(request, done)
    else:
        messages.error(request, refused)
    return redirect("newsletters_send", issue_id=issue_id)


@require_POST
def send_pause(request: HttpRequest, issue_id: int) -> HttpResponse:
    return _switch_sending(
        request,
        issue_id,
        lifecycle.pause,
        _("Sending paused."),
        _("Only an issue that is sending can be paused."),
    )


@require_POST
def send_resume(request: HttpRequest, issue_id: int) -> HttpResponse:
    return _switch_sending(
        request,
        issue_id,
        lifecycle.resume,
        _("Sending resumed."),
        _("Only a paused issue can be resumed."),
    )
