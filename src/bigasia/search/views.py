"""The search page, /ru/search/ and /en/search/."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _

from bigasia.core.languages import view_alternates
from bigasia.core.pagecache import uses_query

from . import service
from .forms import SearchForm

RESULTS_PER_PAGE = 10


def _alternates(request: HttpRequest) -> dict[str, str]:
    """The same search in every language. Only the query goes along: the filters name one
    language's sections and countries."""
    query = request.GET.get("q", "").strip()
    return view_alternates("sitesearch:search", urlencode({"q": query}) if query else "")


def search(request: HttpRequest) -> HttpResponse:
    language = translation.get_language()
    form = SearchForm(request.GET, language=language)
    filters = form.valid_filters()
    raw = request.GET.get("q", "")
    query = service.parse(raw)
    context = {"form": form, "query": query, "raw_query": raw, "alternates": _alternates(request)}
    if not raw.strip():
        context["problem"] = _("Type a word or two to search the stories.")
    elif not query.groups:
        context["problem"] = _(
            "Nothing to search for: use words of at least two letters or digits."
        )
    else:
        entries = service.matching_entries(query, language, filters)
        results = Paginator(entries, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        context["results"] = results
        context["hits"] = service.highlight(list(results), query, language)
        if not results.paginator.count:
            context["suggestion"] = service.did_you_mean(query, language)
    response = render(request, "search/search_page.html", context)
    # Result pages are endless variations of the same stories; crawlers should follow the
    # links to the articles but not index the lists.
    response["X-Robots-Tag"] = "noindex, follow"
    return uses_query(response, "q", "page", *form.fields)
