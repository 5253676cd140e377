"""The beacon endpoint and the fresh-counts JSON endpoint."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import csrf_exempt

from bigasia.core import metrics
from bigasia.core.pagecache import uses_query

from .buffer import view_buffer
from .counts import view_counts
from .gate import Verdict, judge, parse_id
from .stores import current_hour

MAX_IDS = 100


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response


@csrf_exempt  # carries no reader state to forge; a forged beacon is just another beacon
def beacon(request: HttpRequest, page_id: str) -> HttpResponse:
    """Count one view: 204 whether counted or not (a client learns nothing), 429 over the
    rate limit. POST from the page's script; GET from the <noscript> image; the body is
    never read, so an oversized one costs nothing."""
    return _no_store(HttpResponse(status=record(*judge(request, page_id))))


def record(verdict: Verdict, page: int, locale: int) -> int:
    """Buffer the view a verdict counts; returns the beacon's status code (204 or 429)."""
    metrics.BEACONS.labels(verdict=verdict.value).inc()
    if verdict is Verdict.TOO_MANY:
        return 429
    if verdict is Verdict.COUNT:
        view_buffer.add((page, locale, current_hour()))
    return 204


@cache_control(public=True, max_age=30)
def counts(request: HttpRequest) -> JsonResponse:
    """{"counts": {"<id>": views}} for ?ids=1,2,3 (at most 100; junk ids are skipped)."""
    raw = request.GET.get("ids", "")
    ids = [i for i in (parse_id(part.strip()) for part in raw.split(",")[:MAX_IDS]) if i]
    answer = JsonResponse({"counts": {str(k): v for k, v in view_counts(ids).items()}})
    return uses_query(answer, "ids")
