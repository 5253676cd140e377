"""The site's 404 answer, as Django's own but without its CSRF decorator.

Django wraps `page_not_found` in `requires_csrf_token`, whose check reads the body of a POST.
A POST to an unknown address with a body over DATA_UPLOAD_MAX_MEMORY_SIZE then raised
RequestDataTooBig inside the 404 handler itself, which Django can only answer with a 500. Our
404 page holds no form that needs a token (the subscription box fetches its own), so the
page is rendered without that check.
"""

from django.http import HttpRequest, HttpResponseNotFound
from django.template import loader


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponseNotFound:
    context = {"request_path": request.path, "exception": str(exception)}
    return HttpResponseNotFound(loader.render_to_string("404.html", context, request))
