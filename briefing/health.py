"""One word for a feed's health, the same in `briefing feeds`, `feeds --check` and the sidebar.

A reader with forty feeds needs to see at a glance which ones are dead and why:
"forbidden" (the outlet refuses scripts), "not found" (the address moved),
"html page" (the address serves a web page), "stale" (the feed stopped months
ago), "moved" (a redirect to another address: it works, but feeds.toml should say
the new one).  The words are decided here only; everything else shows them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

OK = "ok"
MOVED = "moved"
RATE_LIMITED = "rate limited"
STALE = "stale"
EMPTY = "empty"
HTML = "html page"
NOT_A_FEED = "not a feed"
FORBIDDEN = "forbidden"
NOT_FOUND = "not found"
GONE = "gone"
SERVER_ERROR = "server error"
TIMEOUT = "timeout"
UNREACHABLE = "unreachable"
TOO_LARGE = "too large"
ERROR = "error"

# Words that still bring stories (or will, once the server calms down); every other word is broken.
WORKING = frozenset({OK, MOVED, RATE_LIMITED})

# A feed whose newest item is older than this has stopped publishing ("stale for months": a quarter).
STALE_AFTER = timedelta(days=90)


# What each word means, for a status line that has room for a sentence.
HINTS = {
    OK: "the feed answers",
    MOVED: "the address redirects to another feed; put the new one in feeds.toml",
    RATE_LIMITED: "the outlet asked us to come back later",
    STALE: "its newest story is months old: the outlet stopped updating this feed",
    EMPTY: "the feed has no items",
    HTML: "the address serves a web page, not a feed",
    NOT_A_FEED: "the address serves something that is not RSS or Atom",
    FORBIDDEN: "the outlet refuses scripts (a per-feed user_agent may help)",
    NOT_FOUND: "no feed at this address any more",
    GONE: "the outlet removed this feed",
    SERVER_ERROR: "the outlet's server is failing",
    TIMEOUT: "the server did not answer in time",
    UNREACHABLE: "cannot connect (network, DNS or the site is down)",
    TOO_LARGE: "the feed is larger than max_bytes",
    ERROR: "the last fetch failed",
}


def is_broken(word: str | None) -> bool:
    """True for a health word that means the feed brings nothing: what `feeds --check` fails on."""
    return word is not None and word not in WORKING


def from_error(error: BaseException) -> str:
    """The word for a failed fetch (a `FetchError`, or anything else that went wrong)."""
    kind = getattr(error, "kind", "")
    if kind == "timeout":
        return TIMEOUT
    if kind == "unreachable":
        return UNREACHABLE
    if kind == "too large":
        return TOO_LARGE
    status = getattr(error, "http_status", None)
    if status in (401, 403, 451):
        return FORBIDDEN
    if status == 404:
        return NOT_FOUND
    if status == 410:
        return GONE
    if status == 429:
        return RATE_LIMITED
    if isinstance(status, int) and status >= 500:
        return SERVER_ERROR
    return ERROR


@dataclass(slots=True)
class Answer:
    """What a feed's answer held, as much as the health word needs."""

    requested_url: str
    final_url: str
    entries: int = 0
    newest: datetime | None = None
    not_a_feed: bool = False
    html: bool = False


def from_answer(answer: Answer, now: datetime) -> str:
    """The word for a feed that answered 200: a feed, a web page, an empty or a stale feed, or a moved one."""
    if answer.not_a_feed:
        return HTML if answer.html else NOT_A_FEED
    if answer.entries == 0:
        return EMPTY
    if answer.newest is not None and now - answer.newest > STALE_AFTER:
        return STALE
    if answer.final_url != answer.requested_url:
        return MOVED
    return OK
