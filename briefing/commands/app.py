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
    from ..store import Store

    path = db_path(args)
    # Open and read the database before Textual takes the terminal: a damaged, foreign or
    # newer file is then one line from the command line, not a traceback inside the app.
    with Store(path) as store:
        store.story_count()
        store.pending_count()
    BriefingApp(config, path).run()
    return 0
