"""Fourth round of hand-written generalisation cases: the house style of state outlets.

Written for this file (not copied from any corpus); each covers a pattern of error found when
heldout4.jsonl was first scored - the stilted English of Armenian, Azerbaijani, Karabakh and
Russian state outlets ("The Ministry of Defense of the Republic of Armenia informs that ...",
"As a result of the provocation ...", "MoD: ...") - phrased the ways other outlets would
phrase it.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from briefing.extract import extract_claims, group_incidents

BAKU = timezone(timedelta(hours=4))
THURSDAY = datetime(2024, 6, 13, 19, 0, tzinfo=BAKU)  # a Thursday


def figures(summary: str, published: datetime = THURSDAY, source: str = "", title: str = "Border") -> set[tuple]:
    return {(c.claimant, c.side_affected, c.killed, c.wounded) for c in extract_claims(title, summary, published, source)}


# --- "X informs that ...": the authority named in state-outlet style ---------------------

@pytest.mark.parametrize("summary,claimant,side", [
    ("The Ministry of Defence of the Republic of Armenia informs that two servicemen were wounded on Thursday "
     "when Azerbaijani units opened fire on positions near Sotk.", "Armenia", "Armenia"),
    ("On Thursday two servicemen of the Azerbaijani Army were wounded by Armenian fire in the Kalbajar district, "
     "the Ministry of Defence of Azerbaijan informs.", "Azerbaijan", "Azerbaijan"),
    ("The Defence Army of the Republic of Artsakh informs that two of its servicemen were wounded on Thursday.",
     "Karabakh", "Karabakh"),
    ("Two servicemen were wounded on Thursday, the Ministry of Defense informed, adding that the Azerbaijani "
     "side had violated the ceasefire near Sotk.", "Armenia", "Armenia"),
])
def test_informs_names_the_authority(summary: str, claimant: str, side: str) -> None:
    assert figures(summary, source="Armenpress") == {(claimant, side, 0, 2)}
