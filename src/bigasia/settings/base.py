"""Settings shared by every mode. Everything an operator may change comes from the environment.

See docs/configuration.md for the table of variables.
"""

from pathlib import Path
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from .env import (
    CPU_PRIORITIES,
    anymail_env,
    base_url,
    base_urls,
    database_from_env,
    dkim_private_key,
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_networks,
    env_parsed,
    env_str,
    indexnow_key,
    location_prefix,
    mail_address,
    sample_rate,
    seconds,
    web_address,
)

PACKAGE_DIR = Path(__file__).resolve().parent.parent
# Runtime data (SQLite database, uploaded media) lives outside the package.
DATA_DIR = Path(env_str("DATA_DIR", str(Path.cwd() / "var"))).resolve()

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")  # each mode decides whether a missing key is acceptable
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.redirects",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "django_rq",  # the Redis queue's checks look for it; its models are unmanaged
    "anymail",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Last, so their post_migrate work (the newsroom's groups) finds every other app's
    # permissions already created.
    "bigasia.core",
    "bigasia.articles",
    "bigasia.edge",
    "bigasia.search",
    "bigasia.distribution",
    "bigasia.translation",
    "bigasia.feeds",
    "bigasia.partners",
    "bigasia.wire",
    "bigasia.readership",
    "bigasia.tv",
    "bigasia.newsletters",
    "bigasia.archive",
    "bigasia.channels",
    "bigasia.ops",
    "bigasia.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # First to see every answer on the way out, redirects and error pages included.
    "bigasia.core.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # After CommonMiddleware, so the host was checked against ALLOWED_HOSTS.
    "bigasia.articles.sitememo.SiteMemoMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

# Readers' pages get a strict policy built in bigasia/core/csp.py; this replaces it whole
# (e.g. to allow a CDN's origin for media). The admin keeps its own.
CONTENT_SECURITY_POLICY = env_str("CONTENT_SECURITY_POLICY")

ROOT_URLCONF = "bigasia.urls"
WSGI_APPLICATION = "bigasia.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Searched before every app's templates: the few Wagtail admin templates we must
        # replace (wagtail.admin comes before our apps, so an app of ours cannot override).
        "DIRS": [PACKAGE_DIR / "core" / "overrides" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]


DATABASES = {"default": database_from_env(DATA_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The readership buckets' covering indexes (INCLUDE columns) serve PostgreSQL; SQLite builds
# them as plain indexes, which is all the embedded mode needs, so its warning is noise.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

REDIS_URL = env_str("REDIS_URL")
# Every Redis client's timeouts, in seconds (bigasia/core/redis.py). A Redis host that stops
# answering must cost a page well under a second before the cache falls back to process
# memory (bigasia.edge.redis_cache); the beacon path, answered by the app process itself,
# gives up sooner on a read.
REDIS_CONNECT_TIMEOUT = env_parsed("REDIS_CONNECT_TIMEOUT", 0.5, seconds)
REDIS_SOCKET_TIMEOUT = env_parsed("REDIS_SOCKET_TIMEOUT", 2.0, seconds)
REDIS_BEACON_SOCKET_TIMEOUT = env_parsed("REDIS_BEACON_SOCKET_TIMEOUT", 1.0, seconds)
if REDIS_URL:
    CACHES: dict[str, dict[str, Any]] = {
        "default": {
            "BACKEND": "bigasia.edge.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "bigasia"),
        },
        # Each process's own copy of the page fragments it used last, in front of Redis:
        # their keys carry the publication stamps, so a kept copy is never out of date
        # (bigasia/articles/fragments.py). About 1 KB each, up to 20 KB (the home page's lists).
        "fragments": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "fragments",
            "OPTIONS": {"MAX_ENTRIES": env_int("FRAGMENT_MEMORY_ENTRIES", 2000, minimum=1)},
        },
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The edge cache (bigasia.edge) keeps whole reader pages where every app process sees them:
# Redis in scale-out, otherwise files under DATA_DIR (shared by the processes of one host).
# EDGE_REDIS_URL puts the pages on a Redis of their own, which may evict (allkeys-lru),
# apart from the queue and the counters that REDIS_URL's Redis keeps under noeviction.
EDGE_REDIS_URL = env_str("EDGE_REDIS_URL", REDIS_URL)
if EDGE_REDIS_URL:
    CACHES["edge"] = {
        "BACKEND": "bigasia.edge.redis_cache.RedisCache",
        "LOCATION": EDGE_REDIS_URL,
        "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "bigasia") + "-edge",
    }
else:
    CACHES["edge"] = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(DATA_DIR / "edge-cache"),
        "OPTIONS": {"MAX_ENTRIES": env_int("EDGE_MAX_ENTRIES", 100_000, minimum=100)},
    }
EDGE_ENABLED = env_bool("EDGE_ENABLED", False)  # production turns it on
EDGE_TTL = env_int("EDGE_TTL", 600, minimum=0)
# Query variants of one path kept at a time (?page=2, ?q=…): junk values cannot fill the store.
EDGE_QUERY_VARIANTS = env_int("EDGE_QUERY_VARIANTS", 200, minimum=1)
# Pages each app process keeps in its own memory in front of the shared store (0: none).
EDGE_MEMORY_BYTES = env_int("EDGE_MEMORY_BYTES", 64 * 1024 * 1024, minimum=0)
# What readers' browsers and CDNs are told: revalidate with the ETag every time; a shared
# cache may keep a copy 10 s (purges reach our cache at once, a CDN only if configured).
EDGE_CACHE_CONTROL = env_str("EDGE_CACHE_CONTROL", "public, max-age=0, s-maxage=10")
# Largest answer the edge keeps: anything longer (a video, a huge sitemap) is streamed through
# to the reader as Django sends it, never held whole in memory, and not stored.
EDGE_MAX_ENTRY_BYTES = env_int("EDGE_MAX_ENTRY_BYTES", 8 * 1024 * 1024, minimum=0)
# Grace: after a purge, the previous copy is served while one reader rebuilds the page, for
# at most this many seconds (0: off, every reader of a purged page renders it).
EDGE_GRACE_SECONDS = env_int("EDGE_GRACE_SECONDS", 5, minimum=0)
EDGE_BYPASS_PREFIXES = ("/admin/", "/django-admin/", "/static/", "/media/", "/documents/")
# A CDN or nginx cache in front: Wagtail sends it PURGE requests for published pages.
FRONTEND_CACHE_PURGE_URL = env_str("FRONTEND_CACHE_PURGE_URL")
if FRONTEND_CACHE_PURGE_URL:
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": FRONTEND_CACHE_PURGE_URL,
        }
    }

# A CDN in front that purges by surrogate tag (docs/edge.md, "The CDN"): cloudflare, fastly,
# varnish or the dotted path of a bigasia.edge.purgers.base.Purger subclass. Purges run as
# tasks after the change commits, each HTTP call within EDGE_CDN_TIMEOUT, retried on 5xx,
# 429 and silence up to EDGE_CDN_TRIES times, waiting EDGE_CDN_RETRY_SECONDS doubled per try.
EDGE_CDN = env_str("EDGE_CDN")
EDGE_CDN_TIMEOUT = env_parsed("EDGE_CDN_TIMEOUT", 5.0, seconds)
EDGE_CDN_TRIES = env_int("EDGE_CDN_TRIES", 6, minimum=1)
EDGE_CDN_RETRY_SECONDS = env_parsed("EDGE_CDN_RETRY_SECONDS", 10.0, seconds)
EDGE_CLOUDFLARE_ZONE_ID = env_str("EDGE_CLOUDFLARE_ZONE_ID")
EDGE_CLOUDFLARE_API_TOKEN = env_str("EDGE_CLOUDFLARE_API_TOKEN")
EDGE_CLOUDFLARE_API_URL = env_parsed(
    "EDGE_CLOUDFLARE_API_URL", "https://api.cloudflare.com/client/v4", base_url
)
EDGE_FASTLY_SERVICE_ID = env_str("EDGE_FASTLY_SERVICE_ID")
EDGE_FASTLY_API_KEY = env_str("EDGE_FASTLY_API_KEY")
EDGE_FASTLY_API_URL = env_parsed("EDGE_FASTLY_API_URL", "https://api.fastly.com", base_url)
EDGE_VARNISH_PURGE_URLS: list[str] = env_parsed("EDGE_VARNISH_PURGE_URLS", [], base_urls)

# Background tasks (docs/architecture.md, "Background work"): the database queue in the
# embedded mode, RQ on Redis in scale-out; TASKS_BACKEND overrides the choice.
TASKS_BACKEND = env_choice(
    "TASKS_BACKEND", "redis" if REDIS_URL else "database", ("database", "redis")
)
# How `bigasia worker` shares a host's CPU with app servers: idle | low | normal
# (bigasia/core/cpu_priority.py says what each costs).
WORKER_CPU_PRIORITY = env_choice("WORKER_CPU_PRIORITY", "idle", CPU_PRIORITIES)
if TASKS_BACKEND == "redis" and not REDIS_URL:
    raise ImproperlyConfigured("TASKS_BACKEND=redis needs REDIS_URL.")
# "channels": the deliveries to publishing channels, which spend their time waiting on remote
# APIs; `bigasia worker` works that queue in CHANNELS_WORKER_THREADS threads of its own beside
# the default queue's one (0: no threads, the default queue's thread works it too).
TASK_QUEUES = ["default", "channels"]
CHANNELS_WORKER_THREADS = env_int("CHANNELS_WORKER_THREADS", 4, minimum=0)
if TASKS_BACKEND == "redis":
    # RQ's queue names are global in a Redis database: the prefix keeps installations apart.
    _task_prefix = env_str("TASKS_QUEUE_PREFIX", env_str("CACHE_KEY_PREFIX", "bigasia"))
    _rq_names = {name: f"{_task_prefix}:{name}" for name in TASK_QUEUES}
    TASKS: dict[str, dict[str, Any]] = {
        "default": {
            "BACKEND": "bigasia.core.redis_tasks.RedisTaskBackend",
            "QUEUES": TASK_QUEUES,
            "OPTIONS": {"RQ_QUEUES": _rq_names},
        }
    }
    # A job running longer than this is stopped (RQ needs a bound to tell a live worker
    # from a dead one); the longest of ours is a video transcode.
    RQ_QUEUES = {
        rq_name: {
            "URL": REDIS_URL,
            "DEFAULT_TIMEOUT": env_int("TASKS_JOB_TIMEOUT", 6 * 3600, minimum=60),
        }
        for rq_name in _rq_names.values()
    }
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": TASK_QUEUES}}
    RQ_QUEUES = {}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Russian is the source locale; English is the translation.
LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", _("Russian")), ("en", _("English"))]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env_str("TIME_ZONE", "Europe/Moscow")

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(DATA_DIR / "static")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(DATA_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The client's address (bigasia/core/clientip.py): the header CLIENT_IP_HEADER (WSGI name)
# as set by a proxy, believed only from the addresses or networks in TRUSTED_PROXIES;
# otherwise the connection's REMOTE_ADDR. deploy/nginx.conf sets X-Real-IP.
TRUSTED_PROXIES = env_networks("TRUSTED_PROXIES")
CLIENT_IP_HEADER = env_str("CLIENT_IP_HEADER", "HTTP_X_REAL_IP")
# Error reports hide URLs that carry a password (DATABASE_URL, REDIS_URL), in settings and in
# request.META, where the app server copies the environment.
DEFAULT_EXCEPTION_REPORTER_FILTER = "bigasia.ops.reports.CredentialsHiddenFilter"
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 5 * 1024 * 1024, minimum=1024)

WAGTAIL_SITE_NAME = "Big Asia"
# The public address of the site, for links in mail (admin notifications, newsletters).
SITE_URL = env_parsed("SITE_URL", "http://127.0.0.1:8000", base_url)
WAGTAILADMIN_BASE_URL = SITE_URL
# Editors may type a Cyrillic slug (or let the admin copy the title); pages transliterate it
# on save with the seed site's scheme (see bigasia.core.slugs), which differs from the
# admin's built-in transliteration.
WAGTAIL_ALLOW_UNICODE_SLUGS = True
# The admin calls out to nobody unless asked: Wagtail's update check (each editor's browser
# asking releases.wagtail.org) and Gravatar (each editor's e-mail hash sent to a third party)
# fail offline and leak who works here. Editors get Wagtail's placeholder or their upload.
WAGTAIL_ENABLE_UPDATE_CHECK = env_bool("WAGTAIL_UPDATE_CHECK", False)
WAGTAIL_GRAVATAR_PROVIDER_URL = env_str("GRAVATAR_PROVIDER_URL", "") or None
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Text similarity for related stories (articles/related.py): the site search index's rank.
RELATED_TEXT_SIMILARITY = env_str(
    "RELATED_TEXT_SIMILARITY", "bigasia.search.related.IndexSimilarity"
)
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env_int("IMAGE_MAX_UPLOAD_BYTES", 15 * 1024 * 1024, minimum=1024)
# Document types editors may upload: office formats and archives, nothing a browser would
# render as a page or run (no HTML, SVG, XML); see bigasia/core/media.py for the serving side.
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "odt", "rtf", "txt", "csv", "xls", "xlsx", "ods",
                          "ppt", "pptx", "odp", "epub", "zip"]  # fmt: skip
# The largest canvas an upload may declare (width × height × frames); renditions of larger
# ones cost seconds and hundreds of MB whatever the file's size (bigasia.core.images).
WAGTAILIMAGES_MAX_IMAGE_PIXELS = env_int("IMAGE_MAX_MEGAPIXELS", 40, minimum=1) * 1_000_000
WAGTAILIMAGES_IMAGE_FORM_BASE = "bigasia.core.images.CheckedImageForm"
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAILREDIRECTS_AUTO_CREATE = True
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True

# How often the worker runs each periodic job, in seconds (bigasia.core.periodic).
PUBLISH_SCHEDULED_EVERY = env_int("PUBLISH_SCHEDULED_EVERY", 30, minimum=1)

# Distribution (docs/distribution.md): our feeds, sitemaps and structured data.
FEEDS_FULL_TEXT = env_bool("FEEDS_FULL_TEXT", False)
FEEDS_OUT_ITEMS = env_int("FEEDS_OUT_ITEMS", 30, minimum=1)
# The TrueType font of the generated publisher logos (PNG); it must have Cyrillic glyphs.
LOGO_FONT = env_str("LOGO_FONT", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
# A sitemap file may list at most 50,000 URLs (sitemaps.org); smaller values split sooner.
SITEMAP_URLS_PER_FILE = min(env_int("SITEMAP_URLS_PER_FILE", 50_000, minimum=1), 50_000)
# Publishing channels (docs/channels.md). The IndexNow key, served at /<key>.txt and sent
# with every ping; the WebSub hub our feeds advertise and the WebSub channel pings.
INDEXNOW_KEY = env_parsed("INDEXNOW_KEY", "", indexnow_key)
WEBSUB_HUB_URL = env_parsed("WEBSUB_HUB_URL", "", web_address)

# Readership (docs/readership.md): view beacons, de-duplication, buffered counters.
READERSHIP_FLUSH_EVERY = env_parsed("READERSHIP_FLUSH_EVERY", 1.0, float)  # seconds
READERSHIP_FLUSH_MAX_VIEWS = env_int("READERSHIP_FLUSH_MAX_VIEWS", 5000, minimum=1)
READERSHIP_DEDUP_SECONDS = env_int("READERSHIP_DEDUP_SECONDS", 30 * 60, minimum=1)
READERSHIP_RATE_PER_MINUTE = env_int("READERSHIP_RATE_PER_MINUTE", 120, minimum=1)
# Dotted path of the counter store; by default Redis when REDIS_URL is set, else the database.
READERSHIP_STORE = env_str("READERSHIP_STORE")
READERSHIP_MOVE_EVERY = env_int("READERSHIP_MOVE_EVERY", 2, minimum=1)
READERSHIP_COUNTS_CACHE_SECONDS = env_int("READERSHIP_COUNTS_CACHE_SECONDS", 30, minimum=0)
READERSHIP_MOST_READ_CACHE_SECONDS = env_int("READERSHIP_MOST_READ_CACHE_SECONDS", 300, minimum=0)
READERSHIP_MOST_READ_RANK_EVERY = env_int("READERSHIP_MOST_READ_RANK_EVERY", 60, minimum=1)
READERSHIP_HOURLY_KEEP_DAYS = env_int("READERSHIP_HOURLY_KEEP_DAYS", 90, minimum=3)
READERSHIP_BACKGROUND_FLUSH = env_bool("READERSHIP_BACKGROUND_FLUSH", True)

# Publishing channels' delivery engine (docs/channels.md, "Delivery"): the bound on each HTTP
# call to a channel; the lease of a delivery, longer than all of one delivery's calls (VK
# makes four), after which a dead worker's delivery is taken up again; the doubling back-off
# between attempts (a channel's own retry_after wins when longer); the sweep's interval.
CHANNELS_HTTP_TIMEOUT = env_parsed("CHANNELS_HTTP_TIMEOUT", 10.0, seconds)
CHANNELS_LEASE_SECONDS = env_int("CHANNELS_LEASE_SECONDS", 120, minimum=2)
CHANNELS_RETRY_SECONDS = env_parsed("CHANNELS_RETRY_SECONDS", 5.0, seconds)
CHANNELS_RETRY_MAX_SECONDS = env_parsed("CHANNELS_RETRY_MAX_SECONDS", 900.0, seconds)
CHANNELS_SWEEP_EVERY = env_int("CHANNELS_SWEEP_EVERY", 5, minimum=1)
# A story first published longer ago than this is not announced by its section's default
# (an archive import publishes years of stories at once); an editor's choice still sends it.
CHANNELS_ANNOUNCE_WITHIN = env_parsed("CHANNELS_ANNOUNCE_WITHIN", 172800.0, seconds)

# Big Asia TV (docs/tv.md): the largest video upload accepted, and the schedule's horizon.
TV_MAX_UPLOAD_BYTES = env_int("TV_MAX_UPLOAD_BYTES", 2 * 1024**3, minimum=1024)
TV_UPCOMING_DAYS = env_int("TV_UPCOMING_DAYS", 7, minimum=1)
# An HLS job whose worker stopped renewing its lease this long is retried (or failed after
# TV_HLS_MAX_ATTEMPTS); longer than the 60 s probe that runs before the first renewal.
TV_HLS_LEASE_SECONDS = env_int("TV_HLS_LEASE_SECONDS", 120, minimum=1)
TV_HLS_MAX_ATTEMPTS = env_int("TV_HLS_MAX_ATTEMPTS", 3, minimum=1)
TV_HLS_SWEEP_EVERY = env_int("TV_HLS_SWEEP_EVERY", 30, minimum=1)

# Which FFmpeg runs probes, posters and HLS (docs/tv.md): `auto` (the system ffmpeg when on
# the PATH, else PyAV's bundled libraries) or `pyav` (always the libraries).
TV_VIDEO_TOOLS = env_choice("TV_VIDEO_TOOLS", "auto", ("auto", "pyav"))

# Behind the shipped nginx (deploy/nginx.conf): video files are checked by Django, then sent
# by nginx from this `internal` location mapped onto MEDIA_ROOT (X-Accel-Redirect).
TV_ACCEL_REDIRECT = env_parsed("TV_ACCEL_REDIRECT", None, location_prefix)

# Feed engine (docs/feeds.md): polite, safe polling of partners' and agencies' feeds.
FEEDS_SCHEDULE_EVERY = env_int("FEEDS_SCHEDULE_EVERY", 30, minimum=1)
FEEDS_ENQUEUE_BATCH = env_int("FEEDS_ENQUEUE_BATCH", 500, minimum=1)
FEEDS_CONNECT_TIMEOUT = env_int("FEEDS_CONNECT_TIMEOUT", 5, minimum=1)
FEEDS_READ_TIMEOUT = env_int("FEEDS_READ_TIMEOUT", 15, minimum=1)
FEEDS_TOTAL_TIMEOUT = env_int("FEEDS_TOTAL_TIMEOUT", 30, minimum=1)
FEEDS_MAX_BYTES = env_int("FEEDS_MAX_BYTES", 5 * 1024 * 1024, minimum=1024)
FEEDS_PER_HOST_CONCURRENCY = env_int("FEEDS_PER_HOST_CONCURRENCY", 2, minimum=1)
FEEDS_USER_AGENT = env_str(
    "FEEDS_USER_AGENT", "BigAsiaFeeds/1.0 (+https://bigasia.ru/; feeds for Big Asia news)"
)
# CIDR networks the fetcher may reach although they are not public (loopback, private …).
FEEDS_ALLOWED_NETWORKS = env_list("FEEDS_ALLOWED_NETWORKS", [])
FEEDS_PARSERS = {
    "rss": env_str("FEEDS_PARSER_RSS", "bigasia.feeds.parsers.rss.RSSParser"),
    "ninjs": env_str("FEEDS_PARSER_NINJS", "bigasia.feeds.parsers.ninjs.NinjsParser"),
}

# Archive import (docs/import.md): a Ghost export is one JSON document, read whole, so its
# size is capped (memory needed is several times the file).
ARCHIVE_MAX_JSON_BYTES = env_int("ARCHIVE_MAX_JSON_BYTES", 128 * 1024 * 1024, minimum=1024)

# Partners' news (docs/partners.md): the block's size and its rotation, impression flushes.
PARTNERS_BLOCK_SIZE = env_int("PARTNERS_BLOCK_SIZE", 6, minimum=1)
PARTNERS_PER_PARTNER = env_int("PARTNERS_PER_PARTNER", 3, minimum=1)
PARTNERS_CACHE_SECONDS = env_int("PARTNERS_CACHE_SECONDS", 60, minimum=0)
PARTNERS_ROTATE_SECONDS = env_int("PARTNERS_ROTATE_SECONDS", 60, minimum=1)
PARTNERS_FLUSH_EVERY = env_int("PARTNERS_FLUSH_EVERY", 60, minimum=1)

# Wire ingest (docs/wire.md): how long items no keyword rule admitted are kept.
WIRE_KEEP_FILTERED_DAYS = env_int("WIRE_KEEP_FILTERED_DAYS", 7, minimum=1)
WIRE_PURGE_EVERY = env_int("WIRE_PURGE_EVERY", 3600, minimum=1)

# Machine translation (bigasia.translation, docs/translation.md): off unless MT_BACKEND names
# a backend, by dotted path or the aliases "libretranslate" / "deepl".
MT_BACKEND = env_str("MT_BACKEND", "")
MT_SETTINGS = {
    "LIBRETRANSLATE_URL": env_str("MT_LIBRETRANSLATE_URL", ""),
    "LIBRETRANSLATE_API_KEY": env_str("MT_LIBRETRANSLATE_API_KEY", ""),
    "DEEPL_AUTH_KEY": env_str("MT_DEEPL_AUTH_KEY", ""),
    "DEEPL_URL": env_str("MT_DEEPL_URL", ""),
    "CONNECT_TIMEOUT": env_int("MT_CONNECT_TIMEOUT", 5, minimum=1),
    "READ_TIMEOUT": env_int("MT_READ_TIMEOUT", 60, minimum=1),
    "MAX_ATTEMPTS": env_int("MT_MAX_ATTEMPTS", 3, minimum=1),
    "BACKOFF": env_int("MT_BACKOFF_MS", 500, minimum=0) / 1000,
    "BATCH_SIZE": env_int("MT_BATCH_SIZE", 50, minimum=1),
    "BATCH_CHARS": env_int("MT_BATCH_CHARS", 20000, minimum=100),
}
# wagtail-localize's side-by-side editor offers its "Translate" button through our adapter.
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = (
    {"CLASS": "bigasia.translation.localize.DeskMachineTranslator"} if MT_BACKEND else None
)

# Email (docs/configuration.md, docs/newsletters.md). Every message goes through the DKIM
# signing wrapper, which hands it to the transport named by EMAIL_TRANSPORT: Django's SMTP
# backend by default, or any backend by dotted path (an anymail ESP backend, the console).
EMAIL_BACKEND = "bigasia.newsletters.dkim_backend.DKIMSigningBackend"
# The default is Django's SMTP backend plus the delivery engine's end-of-DATA hook
# (bigasia.newsletters.smtp); it sends any other message exactly as Django's does.
EMAIL_TRANSPORT = env_str("EMAIL_TRANSPORT", "bigasia.newsletters.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)  # STARTTLS
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)  # TLS from the first byte (port 465)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("EMAIL_USE_TLS and EMAIL_USE_SSL exclude each other; set one.")
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30, minimum=1)
DEFAULT_FROM_EMAIL = env_parsed("DEFAULT_FROM_EMAIL", "news@localhost", mail_address)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# anymail's settings (API keys, webhook secrets) pass through: ANYMAIL_X=… becomes ANYMAIL["X"].
ANYMAIL = anymail_env()
# DKIM: all three or none (then messages leave unsigned, e.g. when an ESP signs them).
DKIM_DOMAIN = env_str("DKIM_DOMAIN")
DKIM_SELECTOR = env_str("DKIM_SELECTOR")
DKIM_PRIVATE_KEY = dkim_private_key(DKIM_DOMAIN, DKIM_SELECTOR)

# Newsletters (docs/newsletters.md): links in mail, consent, confirmation and rate limits.
NEWSLETTER_MESSAGE_ID_DOMAIN = env_str(
    "NEWSLETTER_MESSAGE_ID_DOMAIN", DKIM_DOMAIN or DEFAULT_FROM_EMAIL.rpartition("@")[2]
)
NEWSLETTER_UNSUBSCRIBE_MAILTO = env_parsed("NEWSLETTER_UNSUBSCRIBE_MAILTO", "", mail_address)
NEWSLETTER_CONFIRM_MAX_AGE = env_int("NEWSLETTER_CONFIRM_MAX_AGE", 2 * 24 * 3600, minimum=60)
# A settings link is mailed fresh on request ("Manage your subscriptions"), so it is short-lived.
NEWSLETTER_PREFERENCES_MAX_AGE = env_int("NEWSLETTER_PREFERENCES_MAX_AGE", 24 * 3600, minimum=3600)
# One confirmation mail per address per window; subscription attempts per client address.
NEWSLETTER_MAIL_EVERY = env_int("NEWSLETTER_MAIL_EVERY", 600, minimum=1)
NEWSLETTER_ATTEMPTS_PER_IP_HOUR = env_int("NEWSLETTER_ATTEMPTS_PER_IP_HOUR", 20, minimum=1)

# Transactional mail (confirmations, preference links, editors' tests) never leaves from a
# request: it is queued (bigasia.newsletters.mailqueue) and a worker sends it, retrying with a
# doubling back-off from MAIL_QUEUE_RETRY_SECONDS up to MAIL_QUEUE_RETRY_MAX_SECONDS between
# attempts, MAIL_QUEUE_MAX_ATTEMPTS in all. The sweep that retries runs every
# MAIL_QUEUE_SWEEP_EVERY seconds; finished rows are deleted after MAIL_QUEUE_KEEP_DAYS.
MAIL_QUEUE_RETRY_SECONDS = env_parsed("MAIL_QUEUE_RETRY_SECONDS", 30.0, float)
MAIL_QUEUE_RETRY_MAX_SECONDS = env_parsed("MAIL_QUEUE_RETRY_MAX_SECONDS", 1800.0, float)
MAIL_QUEUE_MAX_ATTEMPTS = env_int("MAIL_QUEUE_MAX_ATTEMPTS", 10, minimum=1)
MAIL_QUEUE_SWEEP_EVERY = env_int("MAIL_QUEUE_SWEEP_EVERY", 5, minimum=1)
MAIL_QUEUE_KEEP_DAYS = env_int("MAIL_QUEUE_KEEP_DAYS", 7, minimum=1)
# Where the local outbox (the mail transport of `make run`, bigasia.newsletters.outbox)
# keeps the messages it captures, one .eml file each.
LOCAL_OUTBOX_DIR = Path(env_str("LOCAL_OUTBOX_DIR", str(DATA_DIR / "outbox"))).resolve()

# Newsletter delivery (docs/newsletters.md, "Delivery"): batches, leases, the shared send
# rate, retries and the pause when the mail server is down. Mail goes through EMAIL_BACKEND.
NEWSLETTERS_BATCH_SIZE = env_int("NEWSLETTERS_BATCH_SIZE", 200, minimum=1)
NEWSLETTERS_PARALLEL_BATCHES = env_int("NEWSLETTERS_PARALLEL_BATCHES", 4, minimum=1)
NEWSLETTERS_RATE_PER_SECOND = env_int("NEWSLETTERS_RATE_PER_SECOND", 100, minimum=0)  # 0: no cap
NEWSLETTERS_LEASE_SECONDS = env_parsed("NEWSLETTERS_LEASE_SECONDS", 30.0, float)
NEWSLETTERS_SMTP_TIMEOUT = env_parsed("NEWSLETTERS_SMTP_TIMEOUT", 20.0, float)
NEWSLETTERS_RETRY_SECONDS = env_parsed("NEWSLETTERS_RETRY_SECONDS", 60.0, float)
NEWSLETTERS_RETRY_MAX_SECONDS = env_parsed("NEWSLETTERS_RETRY_MAX_SECONDS", 3600.0, float)
NEWSLETTERS_MAX_ATTEMPTS = env_int("NEWSLETTERS_MAX_ATTEMPTS", 8, minimum=1)
NEWSLETTERS_OUTAGE_SECONDS = env_parsed("NEWSLETTERS_OUTAGE_SECONDS", 5.0, float)
NEWSLETTERS_OUTAGE_MAX_SECONDS = env_parsed("NEWSLETTERS_OUTAGE_MAX_SECONDS", 300.0, float)
NEWSLETTERS_TEND_EVERY = env_int("NEWSLETTERS_TEND_EVERY", 2, minimum=1)


# Operations (docs/operations.md): health, metrics, error reports, logs and backups.
WORKER_HEARTBEAT_EVERY = env_parsed("WORKER_HEARTBEAT_EVERY", 5.0, float)
# Longest rest of an idle worker between polls of the database queue: only a safety net for
# wake-ups that do not arrive (docs/operations.md, "The worker at rest").
WORKER_IDLE_POLL_MAX = env_parsed("WORKER_IDLE_POLL_MAX", 5.0, seconds)
READYZ_WORKER_MAX_AGE = env_int("READYZ_WORKER_MAX_AGE", 30, minimum=1)
READYZ_QUEUE_MAX_AGE = env_int("READYZ_QUEUE_MAX_AGE", 600, minimum=1)
READYZ_FEEDS_MAX_LAG = env_int("READYZ_FEEDS_MAX_LAG", 900, minimum=1)
READYZ_VIEWS_MAX_LAG = env_int("READYZ_VIEWS_MAX_LAG", 60, minimum=1)
# /metrics answers a scrape bearing METRICS_TOKEN or coming from METRICS_ALLOWED_NETWORKS;
# with neither set it does not exist (404).
METRICS_TOKEN = env_str("METRICS_TOKEN")
if METRICS_TOKEN is not None and len(METRICS_TOKEN) < 20:
    raise ImproperlyConfigured("METRICS_TOKEN must be at least 20 characters long.")
METRICS_ALLOWED_NETWORKS = env_networks("METRICS_ALLOWED_NETWORKS")
METRICS_ENABLED = bool(METRICS_TOKEN or METRICS_ALLOWED_NETWORKS)
METRICS_DIR = Path(env_str("METRICS_DIR", str(DATA_DIR / "metrics")))
# Error reports to Sentry (or a compatible service) only when a DSN is set.
SENTRY_DSN = env_str("SENTRY_DSN")
SENTRY_ENVIRONMENT = env_str("SENTRY_ENVIRONMENT", "production")
SENTRY_TRACES_SAMPLE_RATE = env_parsed("SENTRY_TRACES_SAMPLE_RATE", 0.0, sample_rate)
BACKUP_DIR = Path(env_str("BACKUP_DIR", str(DATA_DIR / "backups")))

LOG_FORMAT = env_choice("LOG_FORMAT", "text", ("json", "text"))
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "bigasia.core.logs.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "bigasia.core.logs.JSONFormatter"},
        "text": {"()": "bigasia.core.logs.TextFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # Wagtail logs every publish at INFO; the admin history already records them.
    "loggers": {
        "wagtail": {"level": env_str("WAGTAIL_LOG_LEVEL", "WARNING")},
        # django-tasks logs each task's start and end at INFO: thousands of lines a day.
        "django_tasks": {"level": env_str("TASKS_LOG_LEVEL", "WARNING")},
    },
}
