"""`briefing doctor`: check the database and finish or redo any derived work it is missing.

What it checks: SQLite's own integrity check, the stories still waiting for
processing (a killed or failed run's leftovers), and derived data that is visibly
incomplete without a mark (claims without an incident, a story's incident flag
out of step with its claims).  Unless `--check` is given it repairs what it found
by processing those stories again; `--all` reprocesses every story.

Exit status: 0 when the database is sound (after repair), 1 when it is damaged
or a gap remains.
"""

from __future__ import annotations

import argparse

from ..pipeline import process_pending
from ..store import Store
from .common import db_path


def run(args: argparse.Namespace) -> int:
    path = db_path(args)
    if not path.exists():
        print(f"briefing doctor: {path}: no database yet (nothing to check)")
        return 0
    check_only = getattr(args, "check", False)
    with Store.for_reading(path) if check_only else Store(path) as store:
        problems = store.integrity_problems()
        if problems:
            print(f"integrity: DAMAGED ({len(problems)} problems), first: {problems[0]}")
            print("briefing doctor: the file is damaged; restore a backup, or recover what is left with"
                  " `sqlite3 BROKEN.db .recover | sqlite3 NEW.db`")
            return 1
        print("integrity: ok")
        pending = store.pending_count()
        gaps = store.processing_gaps()
        print(f"stories: {store.story_count()}; waiting for processing: {pending};"
              f" with incomplete claims or incidents: {len(gaps)}")
        if check_only:
            return 0 if not (pending or gaps) else 1
        if getattr(args, "all", False):
            store.mark_all_pending()
        elif gaps:
            store.mark_stories_pending(gaps)
        todo = store.pending_count()
        if not todo:
            print("nothing to repair")
            return 0
        result = process_pending(store)
        left = store.pending_count() + len(store.processing_gaps())
    print(f"repaired: processed {result.stories} stories ({result.claims} claims)")
    if left:
        print(f"briefing doctor: {left} stories still need processing (another briefing may be writing);"
              " run it again")
        return 1
    return 0
