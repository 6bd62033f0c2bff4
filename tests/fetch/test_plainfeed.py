"""The plain-RSS path (`fetch/plainfeed.py`) stores what feedparser's path stores, story for story.

`parse_feed` reads a plain RSS 2.0 document without feedparser; these tests parse every
document twice, with that path and with feedparser alone (`plain_path=False`), and require
the same `ParsedFeed`: the feed shapes of real outlets, the benchmark's feeds, and generated
documents that mix the awkward cases in random orders.  They also check that the path is
really taken for plain documents and really refused for the others.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone
from xml.sax.saxutils import escape

import pytest

from briefing.fetch.parse import _decoded, parse_feed
from briefing.fetch.plainfeed import read_plain

from . import shapes

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=timezone.utc)
# feedparser warns each time `_when` asks an entry for "updated" and gets "published" (its documented fallback)
pytestmark = pytest.mark.filterwarnings("ignore:To avoid breaking existing software:DeprecationWarning")


def same_either_way(content: bytes, content_type: str | None = "application/rss+xml", **kw) -> bool:
    """Parse both ways, require equal results; True when the plain path read the document."""
    kw.setdefault("fetched_at", NOW)
    fast = parse_feed(content, "http://127.0.0.1:8/feed.xml", "Outlet", content_type=content_type, **kw)
    slow = parse_feed(content, "http://127.0.0.1:8/feed.xml", "Outlet", content_type=content_type,
                      plain_path=False, **kw)
    assert fast == slow
    return read_plain(*_decoded(content, content_type)) is not None


def test_the_benchmark_feeds_take_the_plain_path_and_store_the_same():
    from benchmarks.fetch import feed_document

    for n in range(5):
        assert same_either_way(feed_document(n, 20))
        assert same_either_way(feed_document(n, 20, reports=True), "text/xml; charset=utf-8")


SHAPES = {
    "atom_xhtml": lambda: shapes.atom_xhtml(NOW),
    "big_feed": lambda: shapes.big_feed(30, NOW),
    "feedburner": lambda: shapes.feedburner(NOW, "rss"),
    "rferl": lambda: shapes.rferl(NOW),
    "windows_1251_undeclared": lambda: shapes.windows_1251_undeclared(NOW),
    "wordpress": lambda: shapes.wordpress(NOW),
    "yandex_russian": lambda: shapes.yandex_russian(6, NOW),
    "zoneless": lambda: shapes.zoneless(["2026-06-06 03:08:29", "Sat, 06 Jun 2026 03:08:29", "06.06.2026 03:08",
                                         shapes.rfc822(NOW + timedelta(hours=3))]),
}


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_every_real_outlet_shape_stores_the_same(name):
    document = SHAPES[name]()
    for kind in ("application/rss+xml", "text/xml", "application/xml; charset=utf-8", None):
        same_either_way(document, kind, timezone_name="Asia/Yerevan")


@pytest.mark.parametrize("document, kind", [
    (b'<?xml version="1.0" encoding="windows-1251"?><rss version="2.0"><channel><item><title>x</title>'
     b"</item></channel></rss>", "application/rss+xml"),
    (b'<?xml version="1.0"?><!DOCTYPE rss><rss version="2.0"><channel><item><title>x</title></item></channel></rss>',
     "application/rss+xml"),
    (b'<rss version="2.0"><channel><item><title>x</title><media:title xmlns:media="http://search.yahoo.com/mrss/">'
     b"y</media:title></item></channel></rss>", "application/rss+xml"),
    (b'<rss version="2.0"><channel><item><title>x</title><title>y</title></item></channel></rss>', "application/rss+xml"),
    (b'<rss version="2.0"><channel><item><description>a <b>b</b></description></item></channel></rss>',
     "application/rss+xml"),
    (b'<rss version="2.0"><channel><item><title>\xc3\xa9</title></item></channel></rss>', "text/xml"),
    (b'<rss version="2.0"><channel><item><title>x</title></item></channel></rss>', "text/html"),
    (b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>x</title></entry></feed>', "application/atom+xml"),
    (b'<rss version="2.0"><channel><title>empty</title></channel></rss>', "application/rss+xml"),
    (b'<rss version="2.0"><channel><item><title>x</title></channel></rss>', "application/rss+xml"),
    (b'\xef\xbb\xbf<rss version="2.0"><channel><item><title>x</title></item></channel></rss>', "application/rss+xml"),
])
def test_what_the_plain_path_refuses_goes_to_feedparser(document, kind):
    assert not same_either_way(document, kind)


# --- generated documents ---------------------------------------------------------------------

TITLES = ["Shelling near Sotk", "  Padded title  ", "Fish &amp; chips", "A &lt;b&gt;bold&lt;/b&gt; claim",
          "<![CDATA[<b>Bold</b> in CDATA]]>", "Минобороны Армении", "Ադրբեջանի ԶՈւ", "Ã©tÃ© mojibake",
          "Ellipsis &#133; here", "Tom&#8217;s &#x201C;quote&#x201D;", "", "&amp;amp; doubled", "5 &lt; 6"]
LINKS = ["https://outlet.example.org/news/1", "news/relative", "/abs/path", "http:///three-slashes",
         "https://outlet.example.org/a?x=1&amp;y=2", "https://outlet.example.org/a?x=1&amp;amp;y=2",
         "https://feeds.feedburner.com/~r/x/~3/abc/", "", "  https://outlet.example.org/spaced  ",
         "https://outlet.example.org/?utm_source=rss&amp;id=3", "javascript:alert(1)"]
GUIDS = [("https://outlet.example.org/news/1", ""), ("tag:outlet,2026:1", ""), ("1234", ' isPermaLink="false"'),
         ("https://outlet.example.org/p/9", ' isPermaLink="true"'), ("relative/guid", ""),
         ("https://outlet.example.org/x", ' isPermaLink="True"'), ("", "")]
DESCRIPTIONS = ["&lt;p&gt;Armenian positions near Sotk came under fire.&lt;/p&gt;",
                "<![CDATA[<p>Text with <a href=\"https://other.example.com/page\">a link</a>. Read more</p>]]>",
                "Plain text summary without markup.", "", "&lt;img src=\"x.jpg\"/&gt;",
                "Teaser text that goes on [&#8230;]", "Line one\nLine two\r\n\r\n\r\nLine three",
                "&lt;script&gt;alert(1)&lt;/script&gt;Visible", "Подробнее по ссылке"]
CONTENTS = ["<![CDATA[<p>Teaser text that goes on and on with the whole article.</p><p>Second paragraph.</p>]]>",
            "<![CDATA[<p>Plain text summary without markup.</p>]]>", ""]
DATES = ["Fri, 20 Nov 2026 10:00:00 GMT", "Fri, 20 Nov 2026 10:00:00 +0400", "2026-11-20T10:00:00Z",
         "2026-11-20 10:00:00", "20.11.2026 10:00", "Fri, 20 Nov 2026 10:00:00 MSK", "not a date", "",
         "Sat, 21 Nov 2026 18:00:00 GMT", "Fri, 20 Nov 2026 10:00:00"]
AUTHORS = ["Jane Doe", "editor@outlet.example.org (Jane Doe)", "", "Анна Петрова"]


def _item(rng: random.Random) -> str:
    parts = []
    if rng.random() < 0.9:
        parts.append(f"<title>{rng.choice(TITLES)}</title>")
    if rng.random() < 0.85:
        parts.append(f"<link>{rng.choice(LINKS)}</link>")
    if rng.random() < 0.7:
        guid, attributes = rng.choice(GUIDS)
        parts.append(f"<guid{attributes}>{guid}</guid>")
    if rng.random() < 0.8:
        parts.append(f"<description>{rng.choice(DESCRIPTIONS)}</description>")
    if rng.random() < 0.3:
        parts.append(f"<content:encoded>{rng.choice(CONTENTS)}</content:encoded>")
    if rng.random() < 0.85:
        parts.append(f"<pubDate>{rng.choice(DATES)}</pubDate>")
    if rng.random() < 0.3:
        parts.append(f"<author>{escape(rng.choice(AUTHORS))}</author>")
    if rng.random() < 0.2:
        parts.append(f"<dc:creator>{escape(rng.choice(AUTHORS))}</dc:creator>")
    for _ in range(rng.choice([0, 0, 1, 2])):
        parts.append(f"<category>{rng.choice(['Politics', 'Армения'])}</category>")
    if rng.random() < 0.2:
        parts.append('<enclosure url="https://cdn.example.org/i.jpg" type="image/JPEG" length="0"/>')
    if rng.random() < 0.1:
        parts.append("<comments>comments/1</comments>")
    rng.shuffle(parts)
    return "<item>" + "".join(parts) + "</item>"


def generated(seed: int) -> tuple[bytes, str]:
    rng = random.Random(seed)
    items = "".join(_item(rng) for _ in range(rng.randint(1, 6)))
    channel = (f"<title>{rng.choice(TITLES)}</title><link>https://outlet.example.org/</link>"
               "<language>ru</language><image><title>Logo</title><url>https://outlet.example.org/l.png</url></image>")
    declaration = rng.choice(['<?xml version="1.0" encoding="UTF-8"?>\n', '<?xml version="1.0"?>', ""])
    document = (f'{declaration}<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
                f'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>{channel}{items}</channel></rss>')
    kind = rng.choice(["application/rss+xml", "text/xml", "text/xml; charset=utf-8", "application/xml; charset=UTF-8",
                       "application/rss+xml; charset=\"utf-8\""])
    return document.encode("utf-8"), kind


def test_generated_documents_store_the_same_either_way():
    taken = 0
    for seed in range(400):
        document, kind = generated(seed)
        taken += same_either_way(document, kind, timezone_name="Europe/Moscow")
    assert taken > 200  # most of them are plain, so the comparison means something
