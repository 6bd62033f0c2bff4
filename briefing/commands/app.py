"""`briefing` with no command: open the reader.

On first launch the database is empty, so the app fetches at once and shows
progress; if every feed fails (no network) it lists each feed's error and
points at `briefing demo`, which works offline.
"""

from __future__ import annotations

import argparse

from .common import CommandError, db_path, fail, load


def run(args: argparse.Namespace) -> int:
    try:
        config = load(args)
    except CommandError as error:
        return fail(str(error))
    from ..app import BriefingApp

    BriefingApp(config, db_path(args)).run()
    return 0
