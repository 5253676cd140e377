"""Bad WordPress exports: entity tricks refused, broken XML read up to the break, bad
encodings repaired and noted, junk refused with a message the operator can act on."""

import pytest
from django.utils import translation

from bigasia.archive.formats.wxr import WxrSource
from bigasia.archive.source import BrokenItem, SourcePost, SourceUnreadable

from .wxr_files import document, post, write

pytestmark = pytest.mark.db_independent


def test_an_external_entity_is_refused_and_the_file_it_names_is_never_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-DB-PASSWORD")
    text = document(post(1, title="&xxe;")).replace(
        '<?xml version="1.0" encoding="UTF-8" ?>',
        f'<?xml version="1.0" encoding="UTF-8" ?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>',
    )
    # The title is outside CDATA here, where an entity would be expanded.
    text = text.replace("<![CDATA[&xxe;]]>", "&xxe;")
    source = WxrSource(write(tmp_path, text))
    with pytest.raises(SourceUnreadable, match="DOCTYPE") as refused:
        list(source.posts())
    assert "TOP-SECRET" not in str(refused.value)


def test_a_billion_laughs_fails_fast_with_a_clear_error(tmp_path):
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    )
    text = (
        document(post(1, title="x"))
        .replace(
            '<?xml version="1.0" encoding="UTF-8" ?>',
            f'<?xml version="1.0" encoding="UTF-8" ?>\n<!DOCTYPE rss [{entities}]>',
        )
        .replace("<![CDATA[x]]>", "&lol9;")
    )
    with pytest.raises(SourceUnreadable) as refused:
        list(WxrSource(write(tmp_path, text)).posts())
    assert "lol" not in str(refused.value).replace("lol9", "")


def test_xml_broken_mid_file_yields_what_came_before_then_says_where(tmp_path):
    text = document(
        post(1, slug="one"), post(2, slug="two"), "<item><title>broken</titel>", post(3)
    )
    items = list(WxrSource(write(tmp_path, text)).posts())
    assert [item.slug for item in items if isinstance(item, SourcePost)] == ["one", "two"]
    broken = items[-1]
    assert isinstance(broken, BrokenItem)
    line = text[: text.index("</titel>")].count("\n") + 1
    assert broken.key == f"wxr:line-{line}"
    assert f"broken at line {line}" in broken.reason
    assert "nothing after it was read" in broken.reason
    assert WxrSource(write(tmp_path, text)).expected_items() == len(items)  # the progress bar


def test_bytes_that_are_not_utf8_are_repaired_and_noted(tmp_path):
    text = document(post(1, title="TITLE", body="<p>Привет\x0b мир</p>"), post(2, slug="clean"))
    raw = text.encode("utf-8").replace(b"TITLE", "Новости Казахстана".encode("cp1251"))
    repaired, clean = WxrSource(write(tmp_path, raw)).posts()
    assert repaired.title == "Новости Казахстана"
    assert repaired.body_html == "<p>Привет мир</p>"
    assert repaired.problems == [
        "Bytes that were not valid UTF-8 (read as Windows-1251) or forbidden control "
        "characters were repaired in: content:encoded, title."
    ]
    assert clean.problems == []


def test_a_file_declaring_windows_1251_is_read_in_that_encoding(tmp_path):
    text = document(post(1, title="Бишкек")).replace('encoding="UTF-8"', 'encoding="windows-1251"')
    [item] = WxrSource(write(tmp_path, text.encode("cp1251"))).posts()
    assert item.title == "Бишкек"
    assert item.problems == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x00\x01 this is no XML", "not readable XML"),
        (b"<html><body>hi</body></html>", "root element is <html>"),
        (
            b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
            b"<item><title>a</title></item></channel></rss>",
            "bigasia import rss",
        ),
    ],
)
def test_a_file_that_is_no_wordpress_export_is_refused(tmp_path, content, message):
    with pytest.raises(SourceUnreadable, match=message):
        list(WxrSource(write(tmp_path, content)).posts())


def test_a_missing_file_is_refused_with_its_name(tmp_path):
    with pytest.raises(SourceUnreadable, match="missing.xml"):
        list(WxrSource(tmp_path / "missing.xml").posts())


def test_the_operator_reads_the_refusal_in_their_language(tmp_path):
    path = write(tmp_path, document(post(1), version="2.0"))
    with translation.override("ru"), pytest.raises(SourceUnreadable) as refused:
        list(WxrSource(path).posts())
    assert str(refused.value) == (
        "Версия выгрузки WordPress 2.0 не поддерживается (читаются: 1.0, 1.1, 1.2)."
    )
