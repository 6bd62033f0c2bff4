"""feeds.toml mistakes are reported with the entry and the key; OPML round-trips."""

from __future__ import annotations

import pytest

from briefing.cli import main
from briefing.config import ConfigError, feeds_from_opml, feeds_to_opml, parse_config


def test_default_feeds_cover_both_sides_and_outside(default_config):
    origins = {f.origin for f in default_config.feeds}
    assert origins == {"armenia", "azerbaijan", "russia", "international"}
    assert len(default_config.feeds) >= 15
    assert default_config.quick_tags[0] == "incident"


@pytest.mark.parametrize(
    ("feeds", "message"),
    [
        ([{"name": "X", "url": "https://x.org/rss", "orign": "armenia"}], "feeds[0] (name 'X'): unknown key 'orign'"),
        ([{"name": "X", "url": "file:///etc/passwd"}], "feeds[0] (name 'X'): url must start with http"),
        ([{"name": "X", "url": "javascript:alert(1)"}], "url must start with http"),
        ([{"name": "X", "url": "https://x.org/a"}, {"name": "X", "url": "https://x.org/b"}],
         "feeds[1] (name 'X'): duplicate name"),
        ([{"name": "X", "url": "https://x.org/a"}, {"name": "Y", "url": "https://x.org/a"}], "duplicate url"),
        ([{"name": "X", "url": "https://x.org/a", "origin": "mars"}], "origin must be one of"),
        ([{"url": "https://x.org/a"}], "'name' is required"),
    ],
)
def test_bad_entries_are_named(feeds, message):
    with pytest.raises(ConfigError) as error:
        parse_config({"feeds": feeds})
    assert message in str(error.value)


def test_settings_retries_and_redirects_may_be_zero_but_nothing_may_be_negative():
    settings = parse_config({"settings": {"retries": 0, "max_redirects": 0, "total_timeout": 2.5}}).settings
    assert (settings.retries, settings.max_redirects, settings.total_timeout) == (0, 0, 2.5)
    for key, value, message in (("retries", -1, "settings.retries: must be from 0 to 10 (got -1)"),
                                ("per_host", 0, "settings.per_host: must be from 1 to 64 (got 0)"),
                                ("max_bytes", "10MB", "settings.max_bytes: must be a number from 1,000 to 1,000,000,000 (got '10MB')"),
                                ("concurrency", True, "settings.concurrency: must be a number from 1 to 256 (got True)"),
                                ("fetch_interval_minutes", float("inf"),
                                 "settings.fetch_interval_minutes: must be a number from 0.05 to 10,080 (got inf)"),
                                ("read_timeout", float("nan"),
                                 "settings.read_timeout: must be a number from 0.1 to 3,600 (got nan)"),
                                ("concurrency", 2.5, "settings.concurrency: must be a whole number from 1 to 256 (got 2.5)")):
        with pytest.raises(ConfigError) as error:
            parse_config({"settings": {key: value}})
        assert str(error.value) == message


def test_opml_round_trip_and_hostile_outlines_are_skipped():
    opml = """<?xml version="1.0"?><opml version="2.0"><head/><body>
      <outline text="azerbaijan"><outline text="Trend" xmlUrl="https://en.trend.az/feeds/index.rss"/></outline>
      <outline text="Evil" xmlUrl="file:///etc/passwd"/>
      <outline text="Script" xmlUrl="javascript:alert(1)"/>
    </body></opml>"""
    feeds, skipped = feeds_from_opml(opml)
    assert [(f.name, f.origin) for f in feeds] == [("Trend", "azerbaijan")]
    assert len(skipped) == 2
    again, _ = feeds_from_opml(feeds_to_opml(feeds))
    assert [(f.name, f.url, f.origin) for f in again] == [(f.name, f.url, f.origin) for f in feeds]


def test_feeds_import_appends_to_the_users_file(tmp_path, capsys):
    config = tmp_path / "feeds.toml"
    config.write_text('[[feeds]]\nname = "A"\nurl = "https://a.example/rss"\norigin = "armenia"\n')
    opml = tmp_path / "in.opml"
    opml.write_text('<opml><body><outline text="B &quot;quoted&quot;" xmlUrl="https://b.example/rss"/>'
                    '<outline text="A again" xmlUrl="https://a.example/rss"/></body></opml>')
    assert main(["--config", str(config), "--db", str(tmp_path / "db"), "feeds", "import", str(opml)]) == 0
    out = capsys.readouterr().out
    assert "1 feed(s) added" in out and "already in feeds.toml" in out
    assert main(["--config", str(config), "feeds", "export"]) == 0
    assert 'B "quoted"' in capsys.readouterr().out.replace("&quot;", '"')


def test_feeds_import_refuses_non_http_and_never_breaks_feeds_toml(tmp_path, capsys):
    """Hostile OPML: non-http addresses are refused by name; control characters in a title
    (DEL, a C1 CSI) neither corrupt feeds.toml nor reach the terminal."""
    config = tmp_path / "feeds.toml"
    original = '[[feeds]]\nname = "A"\nurl = "https://a.example/rss"\norigin = "armenia"\n'
    config.write_text(original)
    opml = tmp_path / "in.opml"
    opml.write_text('<opml><body>'
                    '<outline text="Evil" xmlUrl="file:///etc/passwd"/>'
                    '<outline text="Script" xmlUrl="javascript:alert(1)"/>'
                    '<outline text="Data" xmlUrl="data:text/xml,&lt;rss/&gt;"/>'
                    '<outline text="Odd&#x7f;name&#x9b;31m" language="hy&#x7f;" xmlUrl="https://b.example/rss"/>'
                    '</body></opml>', encoding="utf-8")
    db = tmp_path / "db"
    assert main(["--config", str(config), "--db", str(db), "feeds", "import", str(opml)]) == 0
    out = capsys.readouterr().out
    for name, url in (("Evil", "file:///etc/passwd"), ("Script", "javascript:alert(1)"),
                      ("Data", "data:text/xml,<rss/>")):
        assert f"skipped {name}: url must start with http:// or https:// (got '{url}')" in out
    assert "1 feed(s) added" in out
    assert not any(ord(c) < 32 and c != "\n" or 0x7F <= ord(c) <= 0x9F for c in out)
    text = config.read_text()
    assert text.startswith(original) and "passwd" not in text and "javascript" not in text and "data:" not in text
    # The file still loads, with the new feed in it.
    assert main(["--config", str(config), "--db", str(db), "feeds", "export"]) == 0
    exported = capsys.readouterr().out
    assert "https://b.example/rss" in exported and "passwd" not in exported


def test_a_broken_config_is_one_clear_line(tmp_path, capsys):
    config = tmp_path / "feeds.toml"
    config.write_text('[[feeds]]\nname = "A"\nurl = "ftp://a.example/rss"\n')
    assert main(["--config", str(config), "--db", str(tmp_path / "db"), "feeds"]) == 2
    err = capsys.readouterr().err
    assert "feeds[0] (name 'A')" in err and "Traceback" not in err


def test_keys_table_becomes_the_apps_keymap():
    config = parse_config({"keys": {"story.star": "S", "app.quit": "ctrl+q"}})
    assert config.keymap == {"story.star": "S", "app.quit": "ctrl+q"}
    with pytest.raises(ConfigError, match=r"\[keys\]"):
        parse_config({"keys": {"story.star": 5}})


def test_first_use_copies_the_curated_feeds_toml_and_env_overrides_pick_files(isolated_dirs, tmp_path, capsys,
                                                                               monkeypatch):
    from briefing import paths

    assert main(["feeds", "export", "-o", str(tmp_path / "out.opml")]) == 0
    copied = isolated_dirs / ".config/briefing/feeds.toml"
    assert copied.read_text(encoding="utf-8") == paths.default_feeds_text()
    copied.write_text('[[feeds]]\nname = "Mine"\nurl = "https://mine.example/rss"\n')  # the user's edit is kept
    assert main(["feeds", "export"]) == 0
    assert "https://mine.example/rss" in capsys.readouterr().out
    # BRIEFING_CONFIG and BRIEFING_DB point elsewhere; --config beats the environment.
    other = tmp_path / "other.toml"
    other.write_text('[[feeds]]\nname = "Other"\nurl = "https://other.example/rss"\n')
    monkeypatch.setenv("BRIEFING_CONFIG", str(other))
    monkeypatch.setenv("BRIEFING_DB", str(tmp_path / "env.db"))
    assert main(["feeds", "export"]) == 0
    assert "https://other.example/rss" in capsys.readouterr().out
    assert main(["feeds"]) == 2  # a read-only command: the database BRIEFING_DB names is reported, not created
    assert f"no database at {tmp_path / 'env.db'}" in capsys.readouterr().err
    assert not (tmp_path / "env.db").exists()
    assert main(["--config", str(copied), "feeds", "export"]) == 0
    assert "https://mine.example/rss" in capsys.readouterr().out
    assert not (isolated_dirs / ".local/share/briefing/briefing.db").exists()


def test_the_keys_error_advises_a_binding_id_that_exists():
    """The example in the message must itself be a valid remap (it once named "story.star")."""
    import re

    from briefing.app.app import BriefingApp
    from briefing.app.keys import binding_ids
    from briefing.app.widgets.story_list import StoryList

    with pytest.raises(ConfigError) as caught:
        parse_config({"keys": "S"})
    advised = re.search(r'"([\w.]+)" = "', str(caught.value)).group(1)
    assert advised in binding_ids([BriefingApp, StoryList])
