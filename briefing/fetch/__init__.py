"""The fetcher: HTTP with limits (`client`), parsing and cleaning (`parse`), the
relevance filter (`relevance`) and the run that ties them to the store (`run`).

It knows nothing of the app: give it a Config and a database path.

Its names are imported on first use (PEP 562): the app needs `fetch.schedule` to draw its
first screen, and should not wait ~0.3 s for httpx and feedparser before it can.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .client import USER_AGENT, FeedClient, FetchError
    from .run import RunResult, fetch_feeds, readings

__all__ = ["fetch_feeds", "RunResult", "FeedClient", "FetchError", "USER_AGENT", "readings"]
_HOME = {"USER_AGENT": "client", "FeedClient": "client", "FetchError": "client",
         "RunResult": "run", "fetch_feeds": "run", "readings": "run"}


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_HOME[name]}", __name__), name)
    globals()[name] = value
    return value
