"""Small WordPress exports written by the tests, in the shape WordPress's exporter writes."""

from pathlib import Path

NAMESPACES = (
    'xmlns:excerpt="http://wordpress.org/export/{v}/excerpt/" '
    'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
    'xmlns:wfw="http://wellformedweb.org/CommentAPI/" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:wp="http://wordpress.org/export/{v}/"'
)

AUTHORS = """
<wp:author><wp:author_id>1</wp:author_id><wp:author_login><![CDATA[ivanova]]></wp:author_login>
<wp:author_email><![CDATA[ivanova@old.example]]></wp:author_email>
<wp:author_display_name><![CDATA[Анна Иванова]]></wp:author_display_name>
<wp:author_first_name><![CDATA[Анна]]></wp:author_first_name></wp:author>
"""

CATEGORIES = """
<wp:category><wp:term_id>2</wp:term_id><wp:category_nicename><![CDATA[news]]></wp:category_nicename>
<wp:category_parent><![CDATA[]]></wp:category_parent><wp:cat_name><![CDATA[Новости]]></wp:cat_name></wp:category>
<wp:category><wp:term_id>3</wp:term_id><wp:category_nicename><![CDATA[politics]]></wp:category_nicename>
<wp:category_parent><![CDATA[news]]></wp:category_parent><wp:cat_name><![CDATA[Политика]]></wp:cat_name></wp:category>
<wp:tag><wp:term_id>9</wp:term_id><wp:tag_slug><![CDATA[%d0%b5%d0%b0%d1%8d%d1%81]]></wp:tag_slug><wp:tag_name><![CDATA[ЕАЭС]]></wp:tag_name></wp:tag>
"""


def document(*items: str, header: str = AUTHORS + CATEGORIES, version: str = "1.2") -> str:
    return f"""<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" {NAMESPACES.format(v=version)}>
<channel>
<title>Старый сайт</title>
<link>https://old.example</link>
<wp:wxr_version>{version}</wp:wxr_version>
<wp:base_site_url>https://old.example</wp:base_site_url>
<wp:base_blog_url>https://old.example</wp:base_blog_url>
{header}
<generator>https://wordpress.org/?v=6.4</generator>
{"".join(items)}
</channel>
</rss>
"""


def post(
    post_id: int,
    *,
    title: str = "Заголовок",
    slug: str = "zagolovok",
    status: str = "publish",
    date: str = "2021-03-04 15:06:07",
    date_gmt: str = "2021-03-04 12:06:07",
    body: str = "<p>Текст.</p>",
    creator: str = "ivanova",
    post_type: str = "post",
    terms: str = '<category domain="category" nicename="politics"><![CDATA[Политика]]></category>',
    meta: dict[str, str] | None = None,
    link: str | None = None,
    extra: str = "",
) -> str:
    link = link if link is not None else f"https://old.example/{date[:4]}/{date[5:7]}/{slug}/"
    postmeta = "".join(
        f"<wp:postmeta><wp:meta_key><![CDATA[{key}]]></wp:meta_key>"
        f"<wp:meta_value><![CDATA[{value}]]></wp:meta_value></wp:postmeta>"
        for key, value in (meta or {}).items()
    )
    return f"""
<item>
<title><![CDATA[{title}]]></title>
<link>{link}</link>
<pubDate>Thu, 04 Mar 2021 12:06:07 +0000</pubDate>
<dc:creator><![CDATA[{creator}]]></dc:creator>
<guid isPermaLink="false">https://old.example/?p={post_id}</guid>
<description></description>
<content:encoded><![CDATA[{body}]]></content:encoded>
<excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>{post_id}</wp:post_id>
<wp:post_date><![CDATA[{date}]]></wp:post_date>
<wp:post_date_gmt><![CDATA[{date_gmt}]]></wp:post_date_gmt>
<wp:post_modified><![CDATA[{date}]]></wp:post_modified>
<wp:post_modified_gmt><![CDATA[{date_gmt}]]></wp:post_modified_gmt>
<wp:comment_status><![CDATA[open]]></wp:comment_status>
<wp:post_name><![CDATA[{slug}]]></wp:post_name>
<wp:status><![CDATA[{status}]]></wp:status>
<wp:post_parent>0</wp:post_parent>
<wp:menu_order>0</wp:menu_order>
<wp:post_type><![CDATA[{post_type}]]></wp:post_type>
<wp:post_password><![CDATA[]]></wp:post_password>
<wp:is_sticky>0</wp:is_sticky>
{terms}
{postmeta}
{extra}
</item>
"""


def attachment(
    post_id: int, url: str, *, alt: str = "", caption: str = "", credit: str = ""
) -> str:
    metadata = (
        f'a:2:{{s:5:"width";i:800;s:10:"image_meta";a:2:{{s:6:"credit";s:{len(credit.encode())}:"{credit}";'
        f's:9:"copyright";s:0:"";}}}}'
    )
    return f"""
<item>
<title><![CDATA[image {post_id}]]></title>
<link>https://old.example/?attachment_id={post_id}</link>
<guid isPermaLink="false">{url}</guid>
<content:encoded><![CDATA[]]></content:encoded>
<excerpt:encoded><![CDATA[{caption}]]></excerpt:encoded>
<wp:post_id>{post_id}</wp:post_id>
<wp:post_name><![CDATA[image-{post_id}]]></wp:post_name>
<wp:status><![CDATA[inherit]]></wp:status>
<wp:post_type><![CDATA[attachment]]></wp:post_type>
<wp:attachment_url><![CDATA[{url}]]></wp:attachment_url>
<wp:postmeta><wp:meta_key><![CDATA[_wp_attachment_image_alt]]></wp:meta_key><wp:meta_value><![CDATA[{alt}]]></wp:meta_value></wp:postmeta>
<wp:postmeta><wp:meta_key><![CDATA[_wp_attachment_metadata]]></wp:meta_key><wp:meta_value><![CDATA[{metadata}]]></wp:meta_value></wp:postmeta>
</item>
"""


def write(tmp_path: Path, text: str | bytes, name: str = "export.xml") -> Path:
    path = tmp_path / name
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return path
