"""Feed documents in the shapes real outlets publish, written for these tests (no outlet's text).

Each builder returns bytes as the outlet's software would send them; the tests serve
them from 127.0.0.1 and fetch them through `briefing fetch`'s own code.  What makes
each shape hard is said next to it.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from xml.sax.saxutils import escape

CONFLICT_TEXT = (
    "Armenia's Defence Ministry said Azerbaijani units opened fire at Armenian positions near Sotk "
    "in Gegharkunik province on Tuesday evening; no one was hurt, the ministry said."
)


def rfc822(moment: datetime) -> str:
    return format_datetime(moment.astimezone(timezone.utc), usegmt=True)


def yandex_russian(count: int, now: datetime) -> bytes:
    """Yandex.News style (Russian agencies): `<description>` empty, the text in `<yandex:full-text>`,
    dates with a +0300 offset, an image enclosure and a `<category>`."""
    items = []
    for i in range(count):
        when = (now - timedelta(hours=i + 1)).astimezone(timezone(timedelta(hours=3)))
        items.append(
            f"<item><title>Минобороны Армении сообщило об обстреле у Сотка ({i})</title>"
            f"<link>https://agency.example.ru/news/{1000 + i}</link>"
            f"<guid>https://agency.example.ru/news/{1000 + i}</guid>"
            f"<pdalink>https://agency.example.ru/m/news/{1000 + i}</pdalink>"
            f"<description></description>"
            f"<category>Политика</category>"
            f'<enclosure url="https://cdn.example.ru/img/{i}.jpg" type="image/jpeg" length="0"/>'
            f"<pubDate>{format_datetime(when)}</pubDate>"
            f"<yandex:full-text>Азербайджанские подразделения открыли огонь по армянским позициям у Сотка, "
            f"сообщило Минобороны Армении. Пострадавших нет. Сообщение номер {i}.</yandex:full-text>"
            f"</item>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:yandex="http://news.yandex.ru" xmlns:media="http://search.yahoo.com/mrss/">'
        "<channel><title>Агентство</title><link>https://agency.example.ru/</link>"
        + "".join(items) + "</channel></rss>"
    ).encode("utf-8")


def wordpress(now: datetime) -> bytes:
    """WordPress: a teaser `<description>` ending in "[…]" plus "The post … appeared first on …",
    the article in `<content:encoded>` with an image wrapped in a link, `?p=` guids."""
    full = (
        '<p><a href="https://weekly.example.org/wp-content/uploads/2026/06/sotk.jpg">'
        '<img src="https://weekly.example.org/wp-content/uploads/2026/06/sotk-300x200.jpg" alt=""/></a></p>'
        f"<p>{escape(CONFLICT_TEXT)}</p>"
        "<p>The ministry published a statement on its website. "
        '<a href="https://mil.example.am/statement">Read the statement</a>.</p>'
    )
    teaser = (
        f"<p>{escape(CONFLICT_TEXT[:80])} [&#8230;]</p>\n"
        '<p>The post <a rel="nofollow" href="https://weekly.example.org/2026/06/06/sotk/">Fire near Sotk</a> '
        'appeared first on <a rel="nofollow" href="https://weekly.example.org">The Weekly</a>.</p>'
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        "<channel><title>The Weekly</title><link>https://weekly.example.org</link>"
        "<item><title>Fire near Sotk</title><link>https://weekly.example.org/2026/06/06/sotk/</link>"
        f"<dc:creator><![CDATA[Staff]]></dc:creator><pubDate>{rfc822(now - timedelta(hours=2))}</pubDate>"
        '<guid isPermaLink="false">https://weekly.example.org/?p=123456</guid>'
        f"<description><![CDATA[{teaser}]]></description>"
        f"<content:encoded><![CDATA[{full}]]></content:encoded></item></channel></rss>"
    ).encode("utf-8")


def rferl(now: datetime) -> bytes:
    """RFE/RL (Azatutyun): a `/api/` zone feed; the description opens with an image; dates in GMT."""
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">'
        "<channel><title>Azatutyun</title><link>https://www.azatutyun.example/</link>"
        '<atom:link href="https://www.azatutyun.example/api/zexample" rel="self" type="application/rss+xml"/>'
        "<item><title>Gunfire reported near Berkaber</title>"
        "<link>https://www.azatutyun.example/a/33123456.html</link>"
        "<guid>https://www.azatutyun.example/a/33123456.html</guid>"
        f"<pubDate>{rfc822(now - timedelta(hours=5))}</pubDate>"
        "<description><![CDATA[<img src='https://gdb.example/photo.jpg' /> Residents of Berkaber in Tavush "
        "said gunfire was heard from the Azerbaijani side; police said no one was hurt.]]></description>"
        '<enclosure url="https://gdb.example/photo.jpg" length="1" type="image/jpeg"/></item>'
        "</channel></rss>"
    ).encode("utf-8")


def feedburner(now: datetime, campaign: str) -> bytes:
    """FeedBurner: links through feedproxy, the article in `<feedburner:origLink>` (with utm
    parameters that change per fetch) or only in a permalink guid; a 1×1 tracking image and a
    "Read full article at" line in the description."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
        'xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0"><channel><title>Burned</title>'
        "<link>https://news.example.com</link>"
        "<item><title>Talks on border delimitation resume</title>"
        "<link>http://feedproxy.google.com/~r/burned/~3/AbCdEf/</link>"
        '<guid isPermaLink="false">tag:news.example.com,2026:1</guid>'
        f"<feedburner:origLink>https://news.example.com/world/delimitation-talks?utm_source=feedburner&amp;"
        f"utm_medium=feed&amp;utm_campaign={campaign}&amp;id=77</feedburner:origLink>"
        f"<pubDate>{rfc822(now - timedelta(hours=1))}</pubDate>"
        "<description><![CDATA[Armenian and Azerbaijani officials resumed talks on border delimitation. "
        '<br/>Read full article at https://news.example.com/world/delimitation-talks'
        '<img src="http://feeds.feedburner.com/~r/burned/~4/AbCdEf" height="1" width="1" alt=""/>]]>'
        "</description></item>"
        "<item><title>Peace treaty text agreed</title>"
        "<link>http://feedproxy.google.com/~r/burned/~3/GhIjKl/</link>"
        f'<guid isPermaLink="true">https://news.example.com/world/treaty?utm_campaign={campaign}</guid>'
        f"<pubDate>{rfc822(now - timedelta(hours=3))}</pubDate>"
        "<description>The Armenian and Azerbaijani foreign ministers agreed the peace treaty text. "
        "https://news.example.com/world/treaty</description></item>"
        "</channel></rss>"
    ).encode("utf-8")


def atom_xhtml(now: datetime) -> bytes:
    """Atom with `type="xhtml"` content (a div in the XHTML namespace) and a one-line summary."""
    stamp = (now - timedelta(hours=4)).strftime("%Y-%m-%dT%H:%M:%SZ")
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Monitor</title><id>urn:monitor</id>"
        f"<updated>{stamp}</updated>"
        '<entry><title type="text">Mission patrols the Armenia-Azerbaijan border</title>'
        "<id>urn:monitor:1</id>"
        '<link rel="alternate" href="https://monitor.example.eu/news/patrol"/>'
        f"<updated>{stamp}</updated>"
        '<summary type="text">Mission patrols the border.</summary>'
        '<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>The civilian mission patrolled '
        "the Armenia-Azerbaijan border near Jermuk.</p><p>No incidents were observed.</p></div></content>"
        "</entry></feed>"
    ).encode("utf-8")


def zoneless(dates: list[str]) -> bytes:
    """An Armenian or Azerbaijani outlet's CMS: `<pubDate>` written without any zone."""
    items = "".join(
        f"<item><title>Border report {i}</title><link>https://outlet.example.am/news/{i}</link>"
        f"<description>{escape(CONFLICT_TEXT)}</description><pubDate>{date}</pubDate></item>"
        for i, date in enumerate(dates)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Outlet</title>'
        f"<link>https://outlet.example.am/</link>{items}</channel></rss>"
    ).encode("utf-8")


CYRILLIC_TITLE = "Обстрел у Сотка: Минобороны Армении"
CYRILLIC_TEXT = "Азербайджанские подразделения открыли огонь по армянским позициям, сообщило ведомство."


def windows_1251_undeclared(now: datetime) -> bytes:
    """windows-1251 bytes with no XML declaration (and, served, no charset in Content-Type)."""
    return (
        '<rss version="2.0"><channel><title>Региональные новости</title><link>https://region.example.ru/</link>'
        f"<item><title>{CYRILLIC_TITLE}</title><link>https://region.example.ru/news/1</link>"
        f"<description>{CYRILLIC_TEXT}</description><pubDate>{rfc822(now - timedelta(hours=1))}</pubDate></item>"
        "</channel></rss>"
    ).encode("cp1251")


def big_feed(count: int, now: datetime) -> bytes:
    """A news agency's all-news feed: hundreds of items, every one on topic."""
    items = "".join(
        f"<item><title>Armenia-Azerbaijan border report {i}</title><link>https://big.example.az/news/{i}</link>"
        f"<guid>https://big.example.az/news/{i}</guid><description>{escape(CONFLICT_TEXT)}</description>"
        f"<pubDate>{rfc822(now - timedelta(minutes=i))}</pubDate></item>"
        for i in range(count)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Big</title>'
        f"<link>https://big.example.az/</link>{items}</channel></rss>"
    ).encode("utf-8")
