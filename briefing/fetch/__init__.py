"""The fetcher: HTTP with limits (`client`), parsing and cleaning (`parse`), the
relevance filter (`relevance`) and the run that ties them to the store (`run`).

It knows nothing of the app: give it a Config and a database path.
"""

from .client import USER_AGENT, FeedClient, FetchError
from .run import RunResult, fetch_feeds, shutdown_pool

__all__ = ["fetch_feeds", "RunResult", "FeedClient", "FetchError", "USER_AGENT", "shutdown_pool"]
