"""Parsing and cleaning: odd feeds are normal, feed text is data, only empty entries are skipped."""

from __future__ import annotations

from datetime import datetime, timezone

from feedserver import rss

from briefing.fetch.parse import html_to_text, parse_feed, strip_controls
from briefing.fetch.relevance import RelevanceFilter

URL = "https://news.example.org/feeds/world.xml"


def parse(body: bytes, **kw):
    kw.setdefault("keep", "all")
    return parse_feed(body, URL, "Feed", **kw)


def test_markup_and_terminal_escapes_in_titles_are_stored_as_plain_text():
    body = rss([
        {"title": "[@click=app.quit]x[/] \x1b[31mred\x1b[0m", "guid": "1", "link": "http://e.org/1"},
        {"title": "copy \x1b]52;c;SGVsbG8=\x07me [b]bold[/b]", "guid": "2", "link": "http://e.org/2",
         "description": "lines\nstay; \x00nul\x7f and \x01soh go"},
    ]).replace(b"\x1b", b"&#27;").replace(b"\x07", b"&#7;")
    # XML 1.0 forbids these characters outright; feedparser's loose parser still hands them over.
    stories = parse(body).stories
    assert [s.title for s in stories] == ["[@click=app.quit]x[/] red", "copy me [b]bold[/b]"]
    assert stories[1].summary == "lines\nstay; nul and soh go"
    for story in stories:
        for text in (story.title, story.summary):
            assert not any(ord(c) < 32 and c not in "\t\n" or 0x7F <= ord(c) <= 0x9F for c in text)


def test_strip_controls_keeps_newline_and_tab_only():
    assert strip_controls("a\x1b[1;31mb\x1b]0;title\x07c\x9b2Jd\r\ne\tf\x00\x01\x85") == "abcd\ne\tf"


def test_html_becomes_text_with_paragraphs_and_links_and_without_scripts():
    text = html_to_text(
        '<p>Shelling near <a href="/villages/sotk">Sotk</a> &amp; Kut.</p>'
        "<script>alert('x')</script><style>p{color:red}</style>"
        '<p>Second&nbsp;paragraph <a href="https://mod.example.am/r">report</a></p>',
        URL,
    )
    assert text == (
        "Shelling near Sotk (https://news.example.org/villages/sotk) & Kut.\n\n"
        "Second paragraph report (https://mod.example.am/r)"
    )
    assert "alert" not in text and "color" not in text


def test_html_summary_in_feed_is_cleaned_and_relative_links_resolved():
    body = rss([{
        "title": "Ceasefire violated",
        "link": "/2026/11/20/ceasefire",
        "description": '<p>Read the <a href="statement.html">statement</a>.</p><script>track()</script>',
    }])
    story = parse(body).stories[0]
    assert story.url == "https://news.example.org/2026/11/20/ceasefire"
    assert story.summary == "Read the statement (https://news.example.org/2026/11/20/statement.html)."


def test_odd_entries_missing_title_guid_date_and_link_only():
    body = rss([
        {"description": "Azerbaijan's defence ministry said positions near Tovuz came under fire overnight from"
                        " the Armenian side, without casualties."},
        {"link": "https://e.org/only-a-link"},
        {"title": "Entities: Yerevan &amp; Baku &#8212; talks"},
        {},
        {"title": "   "},
    ])
    result = parse(body)
    assert result.skipped == 2
    titles = [s.title for s in result.stories]
    assert titles[0].startswith("Azerbaijan's defence ministry said positions near Tovuz came under fire")
    assert titles[0].endswith("…")
    assert titles[1] == "https://e.org/only-a-link"
    assert titles[2] == "Entities: Yerevan & Baku — talks"
    assert all(s.published is None and s.guid == "" for s in result.stories)


def test_dates_are_normalized_to_utc():
    body = rss([{"title": "t", "guid": "1", "pubDate": "Tue, 14 Jul 2020 16:40:00 +0400"}])
    published = parse(body).stories[0].published
    assert published == datetime(2020, 7, 14, 12, 40, tzinfo=timezone.utc)
    assert published.utcoffset().total_seconds() == 0


def test_declared_utf8_but_latin1_bytes_still_parses():
    body = rss([{"title": "Café in Yerevan", "guid": "1"}], encoding="latin-1", declare="utf-8")
    result = parse(body, content_type="application/rss+xml; charset=utf-8")
    assert result.error is None
    assert [s.title for s in result.stories] == ["Café in Yerevan"]  # not "Caf� in Yerevan"


def test_windows_1251_declared_properly():
    body = rss([{"title": "Бои в Карабахе", "guid": "1", "description": "Ереван и Баку"}], encoding="windows-1251")
    story = parse(body).stories[0]
    assert story.title == "Бои в Карабахе" and story.summary == "Ереван и Баку"


def test_duplicate_guids_in_one_feed_are_stored_once():
    body = rss([{"title": "first", "guid": "same"}, {"title": "second", "guid": "same"}, {"title": "x", "guid": "o"}])
    result = parse(body)
    assert [s.title for s in result.stories] == ["first", "x"]
    assert result.skipped == 0


def test_malformed_xml_with_entries_is_kept_and_without_is_not_a_feed():
    broken = b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>' \
             b"<item><title>Shelling & more near Sotk</title><guid>1</guid></item><item><title>two</title>"
    result = parse(broken)
    assert result.bozo and result.error is None
    assert [s.title for s in result.stories][:1] == ["Shelling & more near Sotk"]

    garbage = parse(b"<html><body><h1>503 Service Unavailable</h1><p>oops</body>")
    assert garbage.error and garbage.error.startswith("not a feed: ")
    assert parse(b"\x00\x01 not xml at all").error.startswith("not a feed: ")


def test_atom_content_and_summary():
    body = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><id>urn:a</id><updated>2026-11-20T12:00:00Z</updated>
<entry><id>urn:1</id><title type="html">Border &lt;b&gt;clash&lt;/b&gt;</title><updated>2026-11-20T10:00:00+03:00</updated>
<link href="/e/1"/><summary>Short.</summary><content type="html">&lt;p&gt;Long body.&lt;/p&gt;</content>
<author><name>Reporter</name></author></entry></feed>"""
    story = parse(body).stories[0]
    assert story.title == "Border clash"
    assert story.url == "https://news.example.org/e/1"
    assert (story.summary, story.content, story.author) == ("Short.", "Long body.", "Reporter")
    assert story.published == datetime(2026, 11, 20, 7, 0, tzinfo=timezone.utc)
    assert story.guid == "urn:1"


def test_relevance_filter_keeps_only_conflict_stories():
    body = rss([
        {"title": "Armenian and Azerbaijani ministers meet", "guid": "1"},
        {"title": "Stock markets rally", "guid": "2"},
        {"title": "Football results", "guid": "3", "description": "A late goal in Baku."},  # sport, not the conflict
        {"title": "Talks on the Zangezur corridor", "guid": "4"},
        {"title": "Elections in Georgia", "guid": "5", "description": "Observers from the OSCE."},
        {"title": "Barbakhan is not Karabakh-adjacent", "guid": "6"},
        {"title": "Protest in Bakuriani", "guid": "7"},
    ])
    result = parse(body, keep="relevant")
    assert [s.guid for s in result.stories] == ["1", "4", "6"]
    assert result.filtered == 4
    with_keywords = parse(body, keep="relevant", keywords=("OSCE",))
    assert "5" in [s.guid for s in with_keywords.stories]
    assert parse(body, keep="all").filtered == 0


def test_relevance_is_word_bounded_and_case_insensitive():
    f = RelevanceFilter(["Tegh"])
    assert f.matches("ARMENIA says") and f.matches("армянские пограничники") and f.matches("in tegh today")
    assert not f.matches("Bakuriani ski resort")
    assert f.matches("Karabakh's")  # stems match inflections
    dotted = RelevanceFilter(["a.b"])  # a reader's keyword is plain text, not a pattern
    assert dotted.matches("a.b") and not dotted.matches("axb")
