"""feeds.toml → dataclasses, with errors that name the entry and the problem.

A user edits feeds.toml by hand, so every mistake must point at the exact entry
and key: "feeds[3] (name 'Trend'): unknown key 'orign'" beats a traceback.
OPML import/export lives here too because it is just another way to write the
same list of feeds.
"""

from __future__ import annotations

import math
import tomllib
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .models import ORIGINS, Feed


class ConfigError(ValueError):
    """feeds.toml (or an OPML file) is wrong in a way the user must fix."""


@dataclass(slots=True)
class Settings:
    fetch_interval_minutes: float = 30
    concurrency: int = 32
    per_host: int = 2
    connect_timeout: float = 10
    read_timeout: float = 20
    total_timeout: float = 60
    max_bytes: int = 10_000_000
    max_redirects: int = 5
    retries: int = 2


@dataclass(slots=True)
class Config:
    feeds: list[Feed] = field(default_factory=list)
    settings: Settings = field(default_factory=Settings)
    quick_tags: list[str] = field(
        default_factory=lambda: ["incident", "casualties", "diplomacy", "blockade", "Russia", "follow-up"]
    )
    keywords: list[str] = field(default_factory=list)
    # Binding id → keys, e.g. {"story_list.star": "S"}: the app's Textual keymap.
    keymap: dict[str, str] = field(default_factory=dict)
    path: Path | None = None

    def feed(self, name: str) -> Feed | None:
        return next((f for f in self.feeds if f.name == name), None)


FEED_KEYS = {"name", "url", "origin", "language", "keep", "keywords", "timezone", "user_agent",
             "min_interval_minutes"}

# Where a feed's zone-less dates are read when its entry names no `timezone`: the outlet's country.
ORIGIN_TIMEZONES = {
    "armenia": "Asia/Yerevan",
    "azerbaijan": "Asia/Baku",
    "russia": "Europe/Moscow",
    "international": "UTC",
}
TOP_KEYS = {"settings", "tags", "relevance", "keys", "feeds"}
# Every numeric setting with its type and the range it must fall in: a value outside
# (inf, nan, a negative timeout, 10**9 connections) would break every fetch quietly.
SETTING_RANGES: dict[str, tuple[type, float, float]] = {
    "fetch_interval_minutes": (float, 0.05, 10_080),  # 3 seconds .. a week
    "concurrency": (int, 1, 256),
    "per_host": (int, 1, 64),
    "connect_timeout": (float, 0.1, 600),
    "read_timeout": (float, 0.1, 3_600),
    "total_timeout": (float, 0.1, 3_600),
    "max_bytes": (int, 1_000, 1_000_000_000),
    "max_redirects": (int, 0, 20),  # 0: no redirects followed
    "retries": (int, 0, 10),  # 0: no retries
}


def _number(x: float) -> str:
    return f"{int(x):,}" if float(x).is_integer() else f"{x:g}"


def check_setting(key: str, value: object) -> int | float:
    """A setting's value converted to its type, or ConfigError naming the allowed range."""
    kind, low, high = SETTING_RANGES[key]
    shown = f"{_number(low)} to {_number(high)}"
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ConfigError(f"settings.{key}: must be a number from {shown} (got {value!r})")
    if kind is int and value != int(value):
        raise ConfigError(f"settings.{key}: must be a whole number from {shown} (got {value!r})")
    if not low <= value <= high:
        raise ConfigError(f"settings.{key}: must be from {shown} (got {value!r})")
    return kind(value)


def check_url(url: object) -> str | None:
    """Why `url` is unusable as a feed address, or None if it is fine.

    Only http(s) with a host: a feed list must never make briefing open a local
    file or run anything, whether it came from feeds.toml or an imported OPML.
    """
    if not isinstance(url, str) or not url.strip():
        return "url must be a non-empty string"
    try:
        parts = urlsplit(url.strip())
    except ValueError as error:
        return f"url is not a valid address ({error}: {url!r})"
    if parts.scheme.lower() not in ("http", "https"):
        return f"url must start with http:// or https:// (got {url!r})"
    if not parts.hostname:
        return f"url has no host ({url!r})"
    try:
        parts.port  # noqa: B018 - urllib checks the port only when asked
    except ValueError:
        return f"url has a port outside 1-65535 ({url!r})"
    return None


def plain_name(text: str) -> str:
    """A feed name without control characters (escape sequences, newlines), spaces collapsed."""
    return " ".join("".join(" " if _is_control(c) else c for c in text).split())


def _is_control(c: str) -> bool:
    """C0/C1 controls (ESC starts terminal sequences) and the bidi overrides that reorder text."""
    return unicodedata.category(c) == "Cc" or "\u202a" <= c <= "\u202e" or "\u2066" <= c <= "\u2069"


def _feed_from_table(index: int, table: object) -> Feed:
    if not isinstance(table, dict):
        raise ConfigError(f"feeds[{index}]: expected a [[feeds]] table")
    name = table.get("name")
    where = f"feeds[{index}]" + (f" (name {name!r})" if isinstance(name, str) else "")
    unknown = sorted(set(table) - FEED_KEYS)
    if unknown:
        raise ConfigError(
            f"{where}: unknown key {unknown[0]!r}; allowed keys are {', '.join(sorted(FEED_KEYS))}"
        )
    if isinstance(name, str):
        name = plain_name(name)  # a name is one line of text: no escape sequences reach a terminal
    if not isinstance(name, str) or not name.strip():
        raise ConfigError(f"{where}: 'name' is required and must be a non-empty string")
    problem = check_url(table.get("url"))
    if problem:
        raise ConfigError(f"{where}: {problem}")
    origin = table.get("origin", "international")
    if origin not in ORIGINS:
        raise ConfigError(f"{where}: origin must be one of {', '.join(ORIGINS)} (got {origin!r})")
    language = table.get("language", "en")
    if not isinstance(language, str):
        raise ConfigError(f"{where}: language must be a string")
    keep = table.get("keep", "relevant")
    if keep not in ("relevant", "all"):
        raise ConfigError(f"{where}: keep must be \"relevant\" or \"all\" (got {keep!r})")
    keywords = table.get("keywords", [])
    if not isinstance(keywords, list) or not all(isinstance(k, str) for k in keywords):
        raise ConfigError(f"{where}: keywords must be a list of strings")
    return Feed(
        name=name.strip(),
        url=table["url"].strip(),
        origin=origin,
        language=language,
        keep=keep,
        keywords=list(keywords),
        timezone=_timezone(where, table.get("timezone", ORIGIN_TIMEZONES[origin])),
        user_agent=_user_agent(where, table.get("user_agent", "")),
        min_interval_minutes=_minutes(where, table.get("min_interval_minutes", 0)),
    )


def _timezone(where: str, value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{where}: timezone must be an IANA zone name such as \"Asia/Yerevan\"")
    try:
        ZoneInfo(value.strip())
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"{where}: unknown timezone {value!r} (use an IANA name such as \"Asia/Baku\")") from None
    return value.strip()


def _user_agent(where: str, value: object) -> str:
    # One header line: a newline would let the config smuggle in other headers.
    if not isinstance(value, str) or not value.isprintable() or not value.isascii():
        raise ConfigError(f"{where}: user_agent must be one line of printable ASCII")
    return value.strip()


def _minutes(where: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 10_080:
        raise ConfigError(f"{where}: min_interval_minutes must be 0 or a positive number of minutes")
    return float(value)


def parse_config(document: dict, path: Path | None = None) -> Config:
    """A parsed feeds.toml as a `Config`, every table and key checked: a misspelt key is an error
    naming it, never a setting silently left at its default."""
    unknown = sorted(set(document) - TOP_KEYS)
    if unknown:
        raise ConfigError(f"unknown table or key {unknown[0]!r}; expected {', '.join(sorted(TOP_KEYS))}")
    config = Config(path=path)

    settings = document.get("settings", {})
    if not isinstance(settings, dict):
        raise ConfigError("[settings] must be a table")
    for key, value in settings.items():
        if key not in SETTING_RANGES:
            raise ConfigError(f"settings: unknown key {key!r}; allowed keys are {', '.join(SETTING_RANGES)}")
        setattr(config.settings, key, check_setting(key, value))

    tags = document.get("tags", {})
    if not isinstance(tags, dict) or set(tags) - {"quick"}:
        raise ConfigError("[tags] takes one key, quick = [\"tag\", ...]")
    if "quick" in tags:
        quick = tags["quick"]
        if not isinstance(quick, list) or not all(isinstance(t, str) and t.strip() for t in quick):
            raise ConfigError("tags.quick must be a list of non-empty strings")
        if len(quick) > 9:
            raise ConfigError("tags.quick: at most 9 quick tags (keys 1-9)")
        config.quick_tags = [t.strip() for t in quick]

    relevance = document.get("relevance", {})
    if not isinstance(relevance, dict) or set(relevance) - {"keywords"}:
        raise ConfigError("[relevance] takes one key, keywords = [\"word\", ...]")
    keywords = relevance.get("keywords", [])
    if not isinstance(keywords, list) or not all(isinstance(k, str) for k in keywords):
        raise ConfigError("relevance.keywords must be a list of strings")
    config.keywords = list(keywords)

    keys = document.get("keys", {})
    if not isinstance(keys, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in keys.items()
    ):
        raise ConfigError('[keys] maps binding ids to keys, e.g. "story_list.star" = "S"')
    config.keymap = {k: v.strip() for k, v in keys.items()}

    feeds = document.get("feeds", [])
    if not isinstance(feeds, list):
        raise ConfigError("feeds must be written as [[feeds]] tables")
    seen_names: dict[str, int] = {}
    seen_urls: dict[str, int] = {}
    for index, table in enumerate(feeds):
        feed = _feed_from_table(index, table)
        if feed.name in seen_names:
            raise ConfigError(
                f"feeds[{index}] (name {feed.name!r}): duplicate name, already used by feeds[{seen_names[feed.name]}]"
            )
        if feed.url in seen_urls:
            raise ConfigError(
                f"feeds[{index}] (name {feed.name!r}): duplicate url, already used by feeds[{seen_urls[feed.url]}]"
            )
        seen_names[feed.name] = index
        seen_urls[feed.url] = index
        config.feeds.append(feed)
    return config


def load_config(path: Path) -> Config:
    """feeds.toml read and checked; any problem is one `ConfigError` line that starts with the file's path."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read: {error}") from None
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from None
    try:
        return parse_config(document, path)
    except ConfigError as error:
        raise ConfigError(f"{path}: {error}") from None


# --- OPML --------------------------------------------------------------------


def _toml_string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    escaped = "".join(c if c >= " " and c != "\x7f" else f"\\u{ord(c):04x}" for c in escaped)  # TOML forbids DEL
    return f'"{escaped}"'


def feeds_from_opml(text: str | bytes) -> tuple[list[Feed], list[str]]:
    """Feeds found in an OPML document, and a message for each outline skipped.

    OPML is parsed with entity expansion off (ElementTree never fetches external
    entities) and only http(s) `xmlUrl`s are accepted: an imported file can add
    feeds, never make anything run.
    """
    try:
        root = ET.fromstring(text)
    except ET.ParseError as error:
        raise ConfigError(f"not valid OPML: {error}") from None
    feeds: list[Feed] = []
    skipped: list[str] = []

    body = root.find("body")
    if body is None:
        raise ConfigError("not valid OPML: no <body>")
    # Outlines are walked with a stack, not recursion: a file nested 5,000 deep is just a file.
    stack: list[tuple[ET.Element, str | None]] = [(body, None)]
    while stack:
        node, origin = stack.pop()
        children = []
        for outline in node.findall("outline"):
            inner_origin = _read_outline(outline, origin, feeds, skipped)
            children.append((outline, inner_origin))
        stack.extend(reversed(children))  # keep document order
    return feeds, skipped


def _read_outline(outline: ET.Element, origin: str | None, feeds: list[Feed], skipped: list[str]) -> str | None:
    """Add the feed an outline names (or say why not); return the origin its children inherit."""
    label = plain_name(outline.get("title") or outline.get("text") or "")
    category = (outline.get("category") or "").strip().lower()
    inner_origin = label.lower() if label.lower() in ORIGINS else origin
    url = outline.get("xmlUrl")
    if url:
        problem = check_url(url)
        if problem:
            skipped.append(f"{label or url}: {problem}")
        else:
            feed_origin = category if category in ORIGINS else (inner_origin or "international")
            feeds.append(
                Feed(
                    name=label or plain_name(url),
                    url=url.strip(),
                    origin=feed_origin,
                    language=(outline.get("language") or "en"),
                    timezone=ORIGIN_TIMEZONES[feed_origin],
                )
            )
    return inner_origin


def feeds_to_opml(feeds: list[Feed]) -> str:
    """An OPML 2.0 document with one folder per origin, as feed readers expect."""
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = "briefing feeds"
    body = ET.SubElement(root, "body")
    for origin in ORIGINS:
        members = [f for f in feeds if f.origin == origin]
        if not members:
            continue
        folder = ET.SubElement(body, "outline", text=origin, title=origin)
        for feed in members:
            ET.SubElement(
                folder,
                "outline",
                type="rss",
                text=feed.name,
                title=feed.name,
                xmlUrl=feed.url,
                category=feed.origin,
                language=feed.language,
            )
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def append_feeds_to_toml(path: Path, feeds: list[Feed], existing: Config) -> tuple[list[Feed], list[str]]:
    """Append feeds not already in `existing` to feeds.toml, keeping the user's file as written."""
    added: list[Feed] = []
    skipped: list[str] = []
    names = {f.name for f in existing.feeds}
    urls = {f.url for f in existing.feeds}
    chunks: list[str] = []
    for feed in feeds:
        if feed.url in urls:
            skipped.append(f"{feed.name}: already in feeds.toml ({feed.url})")
            continue
        name = feed.name
        n = 2
        while name in names:
            name = f"{feed.name} ({n})"
            n += 1
        feed.name = name
        names.add(name)
        urls.add(feed.url)
        added.append(feed)
        chunks.append(
            "\n[[feeds]]\n"
            f"name = {_toml_string(feed.name)}\n"
            f"url = {_toml_string(feed.url)}\n"
            f"origin = {_toml_string(feed.origin)}\n"
            f"language = {_toml_string(feed.language)}\n"
        )
    if chunks:
        with path.open("a", encoding="utf-8") as handle:
            handle.write("".join(chunks))
    return added, skipped
