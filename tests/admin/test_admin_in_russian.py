"""Every admin screen of ours, seen by an editor whose admin speaks Russian: no English word of
the interface left in, no broken Russian grammar (plurals, cases, words glued together).

The screens are enumerated, not listed by hand: every snippet viewset of ours (index, add and
edit), every page type of ours (add and edit), and every admin URL pattern whose view lives in
`bigasia`. A new admin URL without sample arguments below fails the test until it gets them.
"""

import re
from html.parser import HTMLParser

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from wagtail.models import Page
from wagtail.snippets.models import get_snippet_models

pytestmark = pytest.mark.django_db

# Latin words an admin in Russian legitimately shows: brands, formats, protocols, codes.
LEGIT_LATIN = {
    "Wagtail", "Big", "Asia", "HLS", "URL", "RSS", "Atom", "ninjs", "UTM", "SMTP", "DKIM",
    "HTML", "CSV", "JSON", "ID", "SEO", "TV", "TASS", "YouTube", "RUTUBE", "VK", "MP",
    "Video", "Dzen", "DeepL", "LibreTranslate", "MT", "ESP", "Markdown", "WebVTT", "vtt",
    "mp4", "MP4", "H", "AAC", "https", "http", "www", "org", "com", "ru", "en", "example",
    "CMS", "JavaScript", "localhost", "slug", "utm_source", "utm_medium", "kazakhstan",
    "bigasia", "partners", "Telegram", "IndexNow", "Bing", "WebSub", "API",
    "TELEGRAM_BOT_TOKEN",
}  # fmt: skip

# Grammar the interface must never show: noun cases after «Нет»/«Добавить», plurals after
# numbers, the wrong participle, a preposition glued to the next word.
BROKEN_RUSSIAN = [
    re.compile(r"Нет\s+\w+и\s+\w+ок\b"),  # «Нет выпуски рассылок» (nominative after «нет»)
    re.compile(r"Нет\s+(рассылки|эфиры|видео\b(?! )|статьи|авторы|страны|источники)\b"),
    re.compile(r"Добавить\s+(рассылка|статья|страна|программа|телепрограмма)\b"),
    re.compile(r"\b(\d*[05-9]|\d*1[1-4])\s+(рассылки|эфиры|статьи|выпуски)\b"),
    re.compile(r"Статьи\s+\d+\s*[…-]"),
    re.compile(r"удалёно"),
    re.compile(r"\bв[А-ЯЁ]"),  # «вАнглийский»
    re.compile(r"\b(True|False|None)\b"),
]

LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z_]+")
URLISH = re.compile(r"\S+(://|@|\.\w{2,4}\b)\S*")


class VisibleText(HTMLParser):
    """The text an editor reads: text nodes and the labels of titles, placeholders, aria;
    not what a `hidden` element holds (Wagtail leaves "None" in hidden counters)."""

    HIDDEN = {"script", "style", "template", "textarea", "code", "pre"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
    LABELS = ("title", "placeholder", "aria-label", "alt")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.hidden_open: list[str] = []  # the open tags from the hiding element inwards

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if self.hidden_open or tag in self.HIDDEN or "hidden" in attributes:
            if tag not in self.VOID:
                self.hidden_open.append(tag)
            return
        self.texts += [attributes[name] for name in self.LABELS if attributes.get(name)]

    def handle_endtag(self, tag):
        if self.hidden_open and tag == self.hidden_open[-1]:
            self.hidden_open.pop()

    def handle_data(self, data):
        if not self.hidden_open and data.strip():
            self.texts.append(" ".join(data.split()))


def visible_texts(html: str) -> list[str]:
    parser = VisibleText()
    parser.feed(html)
    return parser.texts


def english_words(text: str, data_words: set[str]) -> list[str]:
    words = LATIN_WORD.findall(URLISH.sub(" ", text))
    return [word for word in words if word not in LEGIT_LATIN and word not in data_words]


@pytest.fixture
def russian_admin(client, django_user_model):
    from wagtail.users.models import UserProfile

    user = django_user_model.objects.create_superuser("ru-admin", "ru@example.org", "pw-12345")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "ru"
    profile.save()
    client.force_login(user)
    return client


def _russian(queryset):
    model = queryset.model
    if hasattr(model, "locale"):
        queryset = queryset.filter(locale__language_code="ru")
    return queryset.order_by("pk").first()


def snippet_screens() -> list[str]:
    urls = []
    for model in _our_snippet_models():
        viewset = model.snippet_viewset
        urls += [reverse(viewset.get_url_name("list")), reverse(viewset.get_url_name("add"))]
        instance = _russian(model.objects.all())
        if instance is not None:
            urls.append(reverse(viewset.get_url_name("edit"), args=[instance.pk]))
    return urls


def _our_snippet_models() -> list[type]:
    return [model for model in get_snippet_models() if model.__module__.startswith("bigasia")]


def page_screens() -> list[str]:
    urls = []
    for model in _our_page_models():
        page = _russian(model.objects.all())
        if page is None:
            continue
        parent = page.get_parent()
        content_type = page.content_type
        urls += [
            reverse("wagtailadmin_pages:edit", args=[page.pk]),
            reverse(
                "wagtailadmin_pages:add",
                args=[content_type.app_label, content_type.model, parent.pk],
            ),
            reverse("wagtailadmin_explore", args=[parent.pk]),
        ]
    return urls


def _our_page_models() -> list[type[Page]]:
    from wagtail.models import get_page_models

    return [model for model in get_page_models() if model.__module__.startswith("bigasia")]


@pytest.fixture
def admin_rows(seed_article):
    """A row in every admin list the demo leaves empty: feeds, wire, newsletters."""
    from bigasia.articles.models import SectionPage
    from bigasia.articles.snippets import Source
    from bigasia.feeds.models import FeedItem, FeedSource
    from bigasia.newsletters.models import Issue, Newsletter
    from bigasia.wire.models import WireAgency, WireItem

    feed = FeedSource.objects.create(
        name="ТАСС лента", url="https://tass.example/rss", kind="wire", language="ru"
    )
    FeedSource.objects.create(name="Партнёр", url="https://partner.example/rss", language="ru")
    agency = WireAgency.objects.create(
        feed=feed,
        source=Source.objects.get(name="ТАСС"),
        section=SectionPage.objects.get(slug="economics", locale__language_code="ru"),
    )
    item = FeedItem.objects.create(source=feed, key="k1", guid="g1", title="Новость агентства")
    wire = WireItem.objects.create(feed_item=item, agency=agency, status="inbox")
    newsletter = Newsletter.objects.create(name="Главное за день", slug="daily", language="ru")
    issue = Issue.objects.create(newsletter=newsletter, subject="Выпуск первый")
    issue.items.create(article=seed_article)
    issue.save()
    return {"article": seed_article, "wire": wire, "newsletter": newsletter, "issue": issue}


def _episode_pk(rows) -> int:
    from bigasia.tv.models import EpisodePage

    return _russian(EpisodePage.objects.all()).pk


# Sample arguments of each admin URL of ours; None: an action (POST) or data, not a screen.
SCREEN_ARGUMENTS = {
    "translation_desk:report": lambda rows: {},
    "translation_desk:translate": lambda rows: {"page_id": rows["article"].pk, "language": "en"},
    "translation_desk:detail": None,  # the desk report links each status; no status in the demo
    "translation_desk:reviewed": None,
    "desk_machine_translate": None,
    "partners_exchange_report": lambda rows: {},
    "wire_inbox": lambda rows: {},
    "wire_filtered": lambda rows: {},
    "wire_newer_version": lambda rows: {"item_id": rows["wire"].pk},
    "wire_take_draft": None,
    "readership_page": lambda rows: {"page_id": rows["article"].pk},
    "readership_top": lambda rows: {},
    "tv_publish_story": lambda rows: {"pk": _episode_pk(rows)},
    "newsletters_sends": lambda rows: {},
    "newsletters_send": lambda rows: {"issue_id": rows["issue"].pk},
    "newsletters_send_progress": None,
    "newsletters_send_pause": None,
    "newsletters_send_resume": None,
    "newsletters_issue_preview": None,  # the mail itself, in the issue's language
    "newsletters_issue_test": None,
    "newsletters_issue_schedule": None,
    "newsletters_issue_send": lambda rows: {"pk": rows["issue"].pk},
    "newsletters_new_digest": None,
    "newsletters_outbox": lambda rows: {},
    "newsletters_outbox_message": None,  # one captured mail, in its reader's language
    "archive_runs": lambda rows: {},
    "archive_run": None,  # one import run's problems: the demo imports no archive
    "channels_log": lambda rows: {},
    "channels_page_log": lambda rows: {"page_id": rows["article"].pk},
    "channels_retry": None,
    "channels_preview": None,  # a fragment of the editor's side panel, asked for by POST
}


def _admin_patterns(resolver=None, namespace: str = "", prefix: str = ""):
    """(full URL name, view module) of every admin URL pattern."""
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from _admin_patterns(pattern, inner, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern) and prefix.startswith("admin/") and pattern.name:
            view = getattr(pattern.callback, "view_class", pattern.callback)
            yield namespace + pattern.name, view.__module__


def our_admin_url_names() -> list[str]:
    """Our own admin views; snippet views (some with our classes) are snippet_screens'."""
    return [
        name
        for name, module in _admin_patterns()
        if module.startswith("bigasia.") and not name.startswith("wagtailsnippets_")
    ]


def custom_screens(rows) -> list[str]:
    urls = []
    for name in our_admin_url_names():
        arguments = SCREEN_ARGUMENTS[name]
        if arguments is not None:
            urls.append(reverse(name, kwargs=arguments(rows)))
    return urls


@pytest.mark.parametrize(
    "html",
    [
        "<p>Нет выпуски рассылок</p>",
        "<a>Добавить рассылка</a>",
        "<span>6 рассылки</span>",
        "<span>8 эфиры</span>",
        "<h2>Статьи 1…8</h2>",
        "<li>Источник удалёно.</li>",
        "<button>Опубликовать вАнглийский</button>",
        "<td>True</td>",
    ],
)
def test_the_grammar_rules_catch_the_mistakes_editors_reported(html):
    [text] = visible_texts(html)
    assert any(rule.search(text) for rule in BROKEN_RUSSIAN)


@pytest.mark.parametrize(
    "html",
    ["<th>Uploaded at</th>", '<nav aria-label="More actions"></nav>', "<p>Created at</p>"],
)
def test_english_interface_words_are_caught(html):
    [text] = visible_texts(html)
    assert english_words(text, data_words=set())


def test_every_admin_url_of_ours_is_known_to_this_test():
    unknown = set(our_admin_url_names()) - set(SCREEN_ARGUMENTS)
    assert not unknown, f"add sample arguments to SCREEN_ARGUMENTS for {sorted(unknown)}"


def _data_words() -> set[str]:
    """Latin words of the content the screens list: English names of snippets and pages,
    page titles, glossary terms, video and image titles, the editor's login: data, not UI."""
    from django.contrib.auth import get_user_model

    names = [str(obj) for model in _our_snippet_models() for obj in model.objects.all()]
    names += Page.objects.values_list("title", flat=True)
    names += Page.objects.values_list("translation_key", flat=True)
    names += get_user_model().objects.values_list("username", flat=True)
    names += _image_titles()
    return {word for name in names for word in LATIN_WORD.findall(str(name))}


def _image_titles() -> list[str]:
    from wagtail.images import get_image_model

    return list(get_image_model().objects.values_list("title", flat=True))


def test_every_admin_screen_of_ours_speaks_russian(russian_admin, admin_rows, settings):
    settings.DEBUG = True  # the local outbox exists only in local development
    urls = ["/admin/", *snippet_screens(), *page_screens(), *custom_screens(admin_rows)]
    data_words = _data_words()
    problems = []
    for url in urls:
        response = russian_admin.get(url)
        if response.status_code != 200:
            problems.append(f"{url}: status {response.status_code}")
            continue
        for text in visible_texts(response.content.decode()):
            if words := english_words(text, data_words):
                problems.append(f"{url}: English {words} in «{text}»")
            problems += [
                f"{url}: broken Russian «{text}»" for rule in BROKEN_RUSSIAN if rule.search(text)
            ]
    assert not problems, "\n".join(sorted(set(problems)))
