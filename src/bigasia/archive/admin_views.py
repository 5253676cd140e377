"""The import report in the Wagtail admin: the runs with their counts, and one run's problems
with links to the pages. Editors and administrators only (the view permission of a run)."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from .models import ImportRun

VIEW_PERMISSION = "archive.view_importrun"
RUNS_PER_PAGE = 50
PROBLEMS_PER_PAGE = 200


def may_see_report(request: HttpRequest) -> bool:
    return request.user.has_perm(VIEW_PERMISSION)


def runs(request: HttpRequest) -> TemplateResponse:
    if not may_see_report(request):
        raise PermissionDenied
    page = Paginator(ImportRun.objects.all(), RUNS_PER_PAGE).get_page(request.GET.get("page"))
    return TemplateResponse(request, "archive/admin/runs.html", {"runs": page})


def run_detail(request: HttpRequest, run_id: int) -> TemplateResponse:
    if not may_see_report(request):
        raise PermissionDenied
    run = get_object_or_404(ImportRun, pk=run_id)
    problems = Paginator(run.problems.select_related("page"), PROBLEMS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return TemplateResponse(request, "archive/admin/run.html", {"run": run, "problems": problems})
