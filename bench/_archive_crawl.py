"""The crawl half of bench/archive_import.py: every old address the import made a redirect
for, requested in this process through Django's WSGI handler (no network), as a search
engine's crawler would after the switch.

An address counts as answering when it gives a 200, or a 301 whose target gives a 200. It
counts as *right* when, besides, it lands on the page its redirect names (a 200 straight
away lands on whatever the site has at that address: reported apart, as it would mean an old
URL shadowed by one of ours). Each target page is fetched once (the old addresses of one
post share it), and its `<img src>` under MEDIA_URL are checked against the media storage.
"""

import re
import time
from collections import Counter
from urllib.parse import urlsplit

IMAGE = re.compile(r'<img [^>]*?src="([^"]+)"')


def crawl() -> dict[str, float]:
    from django.conf import settings
    from django.core.files.storage import default_storage
    from django.test import Client
    from wagtail.contrib.redirects.models import Redirect

    client = Client(HTTP_HOST="localhost")
    targets: dict[str, int] = {}
    outcomes: Counter[str] = Counter()
    images: set[str] = set()
    broken_images: set[str] = set()
    wrong: list[str] = []

    def target_status(location: str) -> int:
        if location not in targets:
            response = client.get(location)
            targets[location] = response.status_code
            if response.status_code == 200:
                for src in IMAGE.findall(response.content.decode()):
                    path = urlsplit(src).path
                    if path.startswith(settings.MEDIA_URL) and path not in images:
                        images.add(path)
                        if not default_storage.exists(path.removeprefix(settings.MEDIA_URL)):
                            broken_images.add(path)
        return targets[location]

    started = time.perf_counter()
    redirects = Redirect.objects.select_related("redirect_page").order_by("pk").iterator()
    for redirect in redirects:
        response = client.get(redirect.old_path)
        expected = redirect.link
        if response.status_code == 200:
            outcomes["200"] += 1
            wrong.append(redirect.old_path)
        elif response.status_code == 301:
            location = response["Location"]
            status = target_status(location)
            outcomes[f"301 to {status}"] += 1
            if status == 200 and urlsplit(location).path != urlsplit(expected or "").path:
                wrong.append(redirect.old_path)
        else:
            outcomes[str(response.status_code)] += 1
            wrong.append(redirect.old_path)
    elapsed = time.perf_counter() - started
    total = sum(outcomes.values())
    answering = outcomes["200"] + outcomes["301 to 200"]
    right = total - len(wrong)
    result = {
        "addresses": total,
        "answering": answering / total if total else 1.0,
        "right": right / total if total else 1.0,
        "broken_images": len(broken_images),
    }
    print(
        f"crawl: {total} old addresses in {elapsed:.0f} s ({total / elapsed:.0f}/s; "
        f"{len(targets)} target pages): {dict(outcomes)}; answering 200 or 301 to 200 "
        f"{100 * result['answering']:.2f} % (target ≥ 99.9 %), landing on their own page "
        f"{100 * result['right']:.2f} %; images on the pages {len(images)}, broken "
        f"{len(broken_images)}"
    )
    for path in wrong[:10]:
        print(f"  not right: {path}")
    return result
