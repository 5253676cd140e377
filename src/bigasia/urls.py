from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from bigasia.core.media import serve_media
from bigasia.tv.views import video_sitemap_view

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    path("documents/", include(wagtaildocs_urls)),
    # sitemap.xml, news-sitemap.xml, robots.txt: crawlers look for them at the root.
    path("", include("bigasia.distribution.root_urls")),
    # IndexNow's key file, /<key>.txt: search engines look for it at the root.
    path("", include("bigasia.channels.key_file")),
    # At the root, not under /tv/: a sitemap may list only URLs below its own path, and the
    # episodes live under /ru/tv/ and /en/tv/. Named in the sitemap index and robots.txt.
    path("sitemap-video.xml", video_sitemap_view, name="video_sitemap"),
    # Outbound partner clicks: counted, then redirected to the stored item URL.
    path("partners/", include("bigasia.partners.urls")),
    # View beacons and fresh counts: outside the language prefix, the same for every page.
    path("r/", include("bigasia.readership.urls")),
    # TV video files and HLS renditions, served with HTTP range requests.
    path("tv/", include("bigasia.tv.urls")),
    # The configured ESP's tracking webhook (anymail): bounces and complaints, no language in
    # the URL; every other ESP's path is a 404 (bigasia.newsletters.webhooks).
    path("newsletters/esp/", include("bigasia.newsletters.webhooks")),
]

if settings.DEBUG:
    # Documents as downloads only, never inline from our origin (bigasia.core.media).
    urlpatterns += static(settings.MEDIA_URL, view=serve_media)

# Every reader-facing URL carries its language: /ru/… is the source edition, /en/… the
# translation. A bare path is redirected by LocaleMiddleware to the reader's language.
urlpatterns += i18n_patterns(
    path("search/", include("bigasia.search.urls")),
    path("newsletters/", include("bigasia.newsletters.urls")),
    path("", include("bigasia.distribution.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler404 = "bigasia.core.errors.page_not_found"
