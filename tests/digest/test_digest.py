"""The digest: same content in three formats, feed text never executable, links only http(s).

Golden files pin the exact output for the fixed sample day; after an intended
change, regenerate them with `UPDATE_GOLDEN=1 pytest tests/digest` and review the diff.
"""

from __future__ import annotations

import json
import os
import re
from datetime import timedelta
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.digest import build_digest, digest_data, export_today, render
from briefing.digest.markdown import text as md_text

from .conftest import DAY, EMPTY_DAY, HOSTILE_IMG, HOSTILE_SCRIPT, NOW, TZ, fill_store

GOLDEN = Path(__file__).parent / "golden"


def check_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"{path} is missing; run with UPDATE_GOLDEN=1 to create it"
    assert actual == path.read_text(encoding="utf-8"), f"{name} differs; UPDATE_GOLDEN=1 regenerates it"


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_each_format_matches_its_golden_file(sample_store, fmt):
    store, config = sample_store
    check_golden(f"day.{fmt}", render(build_digest(store, config, DAY, DAY, TZ, now=NOW), fmt))


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_an_empty_day_says_so_plainly(sample_store, fmt):
    store, config = sample_store
    digest = build_digest(store, config, EMPTY_DAY, EMPTY_DAY, TZ, now=NOW)
    assert digest.is_empty
    out = render(digest, fmt)
    check_golden(f"empty.{fmt}", out)
    if fmt == "json":
        assert json.loads(out)["empty"] is True
    else:
        assert "Nothing to report" in out


def test_headline_keeps_claimants_apart_and_sections_come_in_order(sample_store):
    store, config = sample_store
    md = render(build_digest(store, config, DAY, DAY, TZ, now=NOW), "md")
    headline = md.splitlines()[2]
    assert "Armenia says: Armenia 1 killed, 2 wounded." in headline
    assert "Azerbaijan says: Armenia 10 killed; Azerbaijan 2 wounded." in headline
    assert "1 non-combat apart" in headline
    order = [md.index(h) for h in ("## Incidents", "## Tagged stories", "## Starred", "## Other stories",
                                   "Feeds that failed")]
    assert order == sorted(order)
    tags = [line[4:] for line in md.splitlines() if line.startswith("### ") and "·" not in line]
    # Quick tags in the configured order first, then the reader's other tags; then the origins.
    # A story tagged "incident" and "casualties" is listed once, under its first tag.
    assert tags[:3] == ["incident", "Russia", "my notes"]
    assert tags[3:] == ["Armenia", "Azerbaijan", "International"]
    assert md.count("Azerbaijani forces shelled Sotk, one soldier killed](") == 2  # its claim row and its entry
    assert "\\(" not in md and "\\)" not in md  # parentheses are not escaped
    assert "(+2 sources: [News.az](https://newsaz.example/mfa), [Azernews](https://azernews.example/mfa))" in md
    assert "Caspian News" not in md  # failed on another day


def test_machine_figures_are_told_from_reviewed_ones_and_unread_reports_are_listed(sample_store):
    store, config = sample_store
    digest = build_digest(store, config, DAY, DAY, TZ, now=NOW)
    md = render(digest, "md")
    assert "| Armenia | 10 killed (machine reading, confidence 0.62) |" in md
    assert "1 killed, 2 wounded (reviewed: confirmed by the reader)" in md
    assert "2 wounded (reviewed: figures corrected by the reader)" in md
    assert "Of 4 claims counted, 2 were confirmed or corrected by a reader; 2 are the machine's reading." in md
    assert "1 story reads as an incident report but gave no figure the machine understood" in md
    section = md[md.index("## Reports the machine could not read"):]
    assert section.splitlines()[2].startswith("- [Shelling near Tegh, the ministry reports losses]("
                                              "https://armenpress.example/tegh)")
    html = render(digest, "html")
    assert "<h2>Reports the machine could not read</h2>" in html and "machine reading, confidence 0.62" in html
    data = json.loads(render(digest, "json"))
    assert [r["title"] for r in data["unread_reports"]] == ["Shelling near Tegh, the ministry reports losses"]
    claims = {(c["claimant"], c["side_affected"]): c for i in data["incidents"] for c in i["claims"]}
    assert claims[("Azerbaijan", "Armenia")]["reviewed"] is False
    assert claims[("Azerbaijan", "Armenia")]["confidence"] == 0.62
    assert claims[("Armenia", "Armenia")]["reviewed"] is True
    figures = {(f["claimant"], f["side_affected"]): (f["claims"], f["reviewed"]) for f in data["tally"]["figures"]}
    assert figures[("Azerbaijan", "Armenia")] == (1, 0) and figures[("Armenia", "Armenia")] == (1, 1)


class _Audit(HTMLParser):
    """Collects everything in an HTML document that could run code or load something."""

    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "iframe", "object", "embed", "img", "link", "base", "form"):
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{tag} {name}=")
            if name in ("href", "src", "xlink:href", "action", "formaction"):
                self.links.append(value or "")
                if not re.match(r"^https?://", value or "", re.I):
                    self.problems.append(f"{tag} {name}={value!r}")


def test_html_from_hostile_feeds_runs_nothing_and_links_only_http(sample_store):
    store, config = sample_store
    html = render(build_digest(store, config, DAY, DAY, TZ, now=NOW), "html")
    audit = _Audit()
    audit.feed(html)
    assert audit.problems == []
    assert audit.links and all(link.startswith(("http://", "https://")) for link in audit.links)
    # The payloads are there, as visible text.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "javascript:" not in html.split("</head>")[1].replace("[click me](javascript:alert(1))", "")
    assert "ftp://" not in html  # a non-http link is shown as text only, never as a link
    # The policy itself blocks scripts (and everything else not inline style or a data: image).
    [policy] = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', html.split("</head>")[0])
    directives = {d.split()[0]: d.split()[1:] for d in policy.split(";") if d.strip()}
    assert directives["default-src"] == ["'none'"] and "script-src" not in directives
    assert "@media print" in html and "<svg" in html


def test_markdown_escapes_feed_text_so_nothing_becomes_a_link_image_or_html(sample_store):
    store, config = sample_store
    md = render(build_digest(store, config, DAY, DAY, TZ, now=NOW), "md")
    assert md_text(HOSTILE_SCRIPT) in md and md_text(HOSTILE_IMG) in md
    assert not re.search(r"(?<!\\)<", md)  # every "<" is escaped: no HTML can start
    # An escaped "\]" ends no link label, so "\](javascript:" is plain text.
    assert not re.search(r"(?<!\\)\]\(javascript", md) and not re.search(r"(?<!\\)!\[", md)
    link_targets = re.findall(r"(?<!\\)\]\(([^)]*)\)", md)
    assert link_targets and all(t.startswith(("http://", "https://")) for t in link_targets)
    assert md_text("a [b](c) <d> *e* _f_ `g` #h |i| !j \\k") == (
        "a \\[b\\](c) \\<d\\> \\*e\\* \\_f\\_ \\`g\\` \\#h \\|i\\| \\!j \\\\k"
    )


def _validate(value, schema: dict, root: dict, where: str = "$") -> list[str]:
    """A small JSON Schema checker for the keywords schema.json uses (no third-party validator here)."""
    if "$ref" in schema:
        target = root
        for part in schema["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        return _validate(value, target, root, where)
    errors: list[str] = []
    types = schema.get("type")
    if types:
        names = {"object": dict, "array": list, "string": str, "boolean": bool, "null": type(None),
                 "number": (int, float)}
        ok = any((isinstance(value, int) and not isinstance(value, bool)) if t == "integer" else
                 isinstance(value, names[t]) for t in ([types] if isinstance(types, str) else types))
        if not ok:
            return [f"{where}: {value!r} is not {types}"]
    if "const" in schema and value != schema["const"]:
        errors.append(f"{where}: expected {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{where}: {value!r} not in {schema['enum']}")
    if "pattern" in schema and isinstance(value, str) and not re.search(schema["pattern"], value):
        errors.append(f"{where}: {value!r} does not match {schema['pattern']}")
    if isinstance(value, int) and "minimum" in schema and value < schema["minimum"]:
        errors.append(f"{where}: below minimum")
    for sub in schema.get("allOf", []):
        errors += _validate(value, sub, root, where)
    if "oneOf" in schema and sum(not _validate(value, s, root, where) for s in schema["oneOf"]) != 1:
        errors.append(f"{where}: matches not exactly one of oneOf")
    if isinstance(value, dict):
        errors += [f"{where}: missing {key!r}" for key in schema.get("required", []) if key not in value]
        for key, sub in schema.get("properties", {}).items():
            if key in value:
                errors += _validate(value[key], sub, root, f"{where}.{key}")
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            errors += _validate(item, schema["items"], root, f"{where}[{i}]")
    return errors


def test_json_follows_its_documented_schema(sample_store):
    store, config = sample_store
    schema = json.loads(resources.files("briefing.digest").joinpath("schema.json").read_text(encoding="utf-8"))
    for day in (DAY, EMPTY_DAY):
        data = json.loads(render(build_digest(store, config, day, day, TZ, now=NOW), "json"))
        assert _validate(data, schema, schema) == []
        assert data == json.loads(json.dumps(digest_data(build_digest(store, config, day, day, TZ, now=NOW))))
    data = json.loads(render(build_digest(store, config, DAY, DAY, TZ, now=NOW), "json"))
    hostile = [s for g in data["by_origin"] for s in g["stories"] if s["title"] == HOSTILE_SCRIPT]
    assert hostile and hostile[0]["url"] is None
    assert _validate({"schema_version": 2}, schema, schema)  # the checker does catch mistakes


def test_a_range_covers_every_day_and_shows_dates(sample_store):
    store, config = sample_store
    digest = build_digest(store, config, DAY - timedelta(days=6), DAY, TZ, now=NOW)
    assert digest.tally.incidents == 2  # today's clash and the one five days before
    assert "2026-11-19 to 2026-11-25" in render(digest, "md")
    assert len(digest.per_day) == 30 and sum(digest.per_day) == 3


def test_export_today_writes_the_readers_local_day(sample_store, tmp_path):
    store, config = sample_store
    late = NOW.replace(hour=21, minute=30) - timedelta(days=1)  # still the 25th in UTC, the 26th in UTC+4
    path = export_today(store, config, tmp_path / "exports", now=late, tz=TZ)
    assert path.name == "digest-2026-11-26.md"
    assert path.read_text(encoding="utf-8").startswith("# Briefing for 2026-11-26\n")
    assert not list(path.parent.glob("*.part"))


def _config_file(tmp_path: Path) -> Path:
    path = tmp_path / "feeds.toml"
    path.write_text('[[feeds]]\nname = "Armenpress"\nurl = "http://127.0.0.1:9/a.xml"\norigin = "armenia"\n',
                    encoding="utf-8")
    return path


def test_cli_writes_html_to_a_file(tmp_path, capsys):
    from briefing.store import Store

    db = tmp_path / "cli.db"
    with Store(db) as store:
        fill_store(store)
    out = tmp_path / "out.html"
    code = main(["--db", str(db), "--config", str(_config_file(tmp_path)), "digest", "--format", "html",
                 "--date", DAY.isoformat(), "-o", str(out)])
    assert code == 0
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "Briefing for 2026-11-25" in html
    assert "EU monitors extend mission along the border" in html
    assert str(out) in capsys.readouterr().err

    assert main(["--db", str(db), "--config", str(_config_file(tmp_path)), "digest"]) == 0
    assert capsys.readouterr().out.startswith("# Briefing for ")  # today, Markdown, standard output


@pytest.mark.parametrize("argv, message", [
    (["--date", "2026-13-01"], "--date must be a date like 2026-11-26 (got '2026-13-01')"),
    (["--since", "yesterday"], "--since must be a date"),
    (["--date", "2026-11-25", "--since", "2026-11-20"], "either --date or --since/--until"),
    (["--until", "2026-11-25"], "--until needs --since"),
    (["--since", "2026-11-25", "--until", "2026-11-20"], "is before --since"),
])
def test_cli_bad_dates_are_one_clear_line_and_exit_2(tmp_path, capsys, argv, message):
    code = main(["--db", str(tmp_path / "x.db"), "--config", str(_config_file(tmp_path)), "digest", *argv])
    err = capsys.readouterr().err
    assert code == 2
    assert message in err and err.count("\n") == 1
