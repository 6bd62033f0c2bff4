"""What every subcommand needs: the config and the store, chosen the same way everywhere."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import paths
from ..config import Config, ConfigError, load_config
from ..store import Store


class CommandError(Exception):
    """A problem to report in one line, with exit status 2, instead of a traceback."""


def load(args: argparse.Namespace) -> Config:
    try:
        return load_config(paths.config_path(getattr(args, "config", None)))
    except ConfigError as error:
        raise CommandError(f"briefing: {error}") from None


def db_path(args: argparse.Namespace) -> Path:
    return paths.db_path(getattr(args, "db", None))


def open_store(args: argparse.Namespace, config: Config | None = None) -> Store:
    """Open the database and make its feeds table match the config."""
    store = Store(db_path(args))
    if config is not None:
        store.sync_feeds(config.feeds)
    return store


def open_existing_store(args: argparse.Namespace) -> Store:
    """Open the database for a command that only reads it: never create one, never change its feed list.

    A mistyped `--db` must not leave an empty database behind, and `--db demo.db` with
    the default feeds.toml must not write the real feed list into the demo database.
    """
    path = db_path(args)
    if not path.is_file():
        raise CommandError(f"briefing: no database at {path} (run `briefing fetch` first, or check --db)")
    # A file that is not a database: StoreError, reported by the command line.  A file this
    # user may not write is opened read-only: reading needs no write access.
    return Store.for_reading(path)


def fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 2
