"""Post bodies to article blocks: every mapping on small bodies written here."""

import pytest
from django.utils import translation

from bigasia.archive.body import convert_body, media_path
from bigasia.archive.source import SourceImage

pytestmark = pytest.mark.db_independent

UPLOAD = "https://old.example/wp-content/uploads/2020/05/tashkent.jpg"


def kinds(body: str) -> list[str]:
    return [kind for kind, _value in convert_body(body).blocks]


def test_loose_text_is_cut_into_paragraphs_where_wordpress_cuts_them():
    blocks = convert_body("Первый абзац.\nВторая строка.\n\nВторой абзац & <b>жирный</b>.").blocks
    assert blocks == [
        ("paragraph", "<p>Первый абзац.<br>Вторая строка.</p>"),
        ("paragraph", "<p>Второй абзац &amp; <b>жирный</b>.</p>"),
    ]


def test_rich_text_keeps_the_paragraph_features_only():
    body = (
        '<p onclick="x()">Hi <strong>bold</strong> <em>it</em> <a href="javascript:x()">bad</a> '
        '<a href="https://good.example/" target="_blank">good</a></p>'
        "<script>alert(1)</script><h1>Big</h1><h4>Small</h4><ul><li>one</li></ul>"
    )
    assert convert_body(body).blocks == [
        ("paragraph", '<p>Hi <b>bold</b> <i>it</i> <a>bad</a> <a href="https://good.example/">good</a></p>'),
        ("paragraph", "<h2>Big</h2>"),
        ("paragraph", "<h3>Small</h3>"),
        ("paragraph", "<ul><li>one</li></ul>"),
    ]  # fmt: skip


def test_a_caption_shortcode_becomes_an_image_with_caption_and_credit():
    body = (
        '[caption id="attachment_7" align="aligncenter" width="800"]'
        f'<a href="{UPLOAD}"><img src="{UPLOAD}" alt="Площадь в Ташкенте" /></a>'
        " Площадь Независимости. Фото: Анна Петрова[/caption]"
    )
    result = convert_body(body)
    assert result.blocks == [
        ("image", SourceImage(url=UPLOAD, path="2020/05/tashkent.jpg", alt="Площадь в Ташкенте",
                              caption="Площадь Независимости", credit="Анна Петрова")),
    ]  # fmt: skip
    assert result.problems == []


def test_a_figure_takes_its_credit_from_cite():
    body = (
        f'<figure><img src="{UPLOAD}"><figcaption>Рынок <cite>Reuters</cite></figcaption></figure>'
    )
    [(kind, image)] = convert_body(body).blocks
    assert (kind, image.caption, image.credit) == ("image", "Рынок", "Reuters")


def test_images_inside_a_paragraph_follow_it_as_their_own_blocks():
    assert kinds(f'<p>Текст <img src="{UPLOAD}"> дальше</p>') == ["paragraph", "image"]


def test_a_quotation_takes_its_speaker_and_role_from_cite_or_footer():
    for signature in (
        "<cite>Иван Петров, министр</cite>",
        "<footer>— Иван Петров, министр</footer>",
    ):
        blocks = convert_body(f"<blockquote><p>Мы за мир.</p>{signature}</blockquote>").blocks
        assert blocks == [
            ("quotation", {"text": "Мы за мир.", "speaker": "Иван Петров", "role": "министр"})
        ]


def test_a_quotation_without_a_speaker_stays_a_paragraph_and_is_reported():
    result = convert_body("<blockquote><p>Слова без автора.</p></blockquote>")
    assert result.blocks == [("paragraph", "<p>Слова без автора.</p>")]
    assert ["speaker" in p for p in result.problems] == [True]


@pytest.mark.parametrize(
    ("body", "url"),
    [
        ('<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ"></iframe>',
         "https://www.youtube.com/embed/dQw4w9WgXcQ"),
        ('<iframe src="//www.youtube-nocookie.com/embed/dQw4w9WgXcQ"></iframe>',
         "https://www.youtube.com/embed/dQw4w9WgXcQ"),
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"),
        ("[youtube id=dQw4w9WgXcQ]", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"),
        ("[embed]https://rutube.ru/video/0123456789abcdef0123456789abcdef/[/embed]",
         "https://rutube.ru/video/0123456789abcdef0123456789abcdef/"),
        ('<iframe src="https://rutube.ru/play/embed/0123456789abcdef0123456789abcdef"></iframe>',
         "https://rutube.ru/play/embed/0123456789abcdef0123456789abcdef"),
        ('<iframe src="https://vk.com/video_ext.php?oid=-123&id=456&hash=ab"></iframe>',
         "https://vkvideo.ru/video-123_456"),
    ],
)  # fmt: skip
def test_embeds_of_the_three_players_become_videos(body, url):
    result = convert_body(body)
    assert result.blocks == [("video", {"url": url, "caption": ""})]
    assert result.problems == []


def test_a_frame_from_another_host_is_kept_as_a_link_and_reported():
    result = convert_body('<iframe src="https://maps.example/embed?q=1"></iframe>')
    assert result.blocks == [
        ("paragraph", '<p><a href="https://maps.example/embed?q=1">https://maps.example/embed?q=1</a></p>')
    ]  # fmt: skip
    assert ["maps.example" in p for p in result.problems] == [True]


def test_a_plain_link_on_its_own_line_stays_a_link():
    assert kinds("https://news.example/story/") == ["paragraph"]


def test_unknown_shortcodes_are_kept_as_text_and_reported_once():
    result = convert_body('До [gallery ids="1,2"] после.\n\n[gallery ids="3"] [[caption]]')
    assert [value for _kind, value in result.blocks] == [
        '<p>До [gallery ids="1,2"] после.</p>',
        '<p>[gallery ids="3"] [[caption]]</p>',
    ]
    assert len(result.problems) == 1 and "[gallery]" in result.problems[0]


def test_a_table_is_kept_as_text_rows_and_reported():
    result = convert_body(
        "<table><tr><th>Год</th><th>Рост</th></tr><tr><td>2020</td><td>5%</td></tr></table>"
    )
    assert [v for _k, v in result.blocks] == ["<p>Год — Рост</p>", "<p>2020 — 5%</p>"]
    assert len(result.problems) == 1


def test_wrappers_are_looked_through():
    assert kinds('<div class="entry"><p>Один</p><div><p>Два</p></div></div>') == ["paragraph"] * 2


def test_media_paths_are_read_off_wordpress_and_ghost_addresses():
    assert media_path(UPLOAD) == "2020/05/tashkent.jpg"
    assert media_path("__GHOST_URL__/content/images/2021/01/a%20b.png") == "2021/01/a b.png"
    assert media_path("/pics/x.gif") == "pics/x.gif"


def test_report_lines_are_in_the_operators_language():
    with translation.override("ru"):
        [problem] = convert_body("[gallery]").problems
    assert problem == "Шорткод [gallery] здесь неизвестен: он сохранён текстом."
