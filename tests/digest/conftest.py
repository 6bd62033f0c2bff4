"""A fixed store for digest tests: the bundled samples plus hand-made claims, tags, stars and errors.

Everything is dated from one fixed `NOW`, so the golden files never change
unless the digest itself does.  Two hostile stories carry the script, event
handler and `javascript:` payloads that the escaping tests look for.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from sample_store import save_samples  # tests/sample_store.py (tests/ is on the path)
from briefing.config import Config
from briefing.demo.samples import demo_config, sample_feeds
from briefing.models import Claim, FetchOutcome, Incident, Story
from briefing.store import Store

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=timezone.utc)
TZ = timezone(timedelta(hours=4), "UTC+04:00")  # Yerevan and Baku; fixed so no tz database is needed
DAY = date(2026, 11, 25)
EMPTY_DAY = date(2026, 11, 24)

HOSTILE_SCRIPT = "<script>alert(1)</script> Breaking [click me](javascript:alert(1))"
HOSTILE_IMG = '<img src=x onerror=alert(1)> ![pixel](http://tracker.example/p.png) **loud** _x_ # | `code` \\'


def at(hour: int, minute: int = 0, day: date = DAY) -> datetime:
    """A moment on `day` in the readers' zone (UTC+4)."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)


def _save(store: Store, feed: str, title: str, when: datetime, url: str = "", summary: str = "") -> str:
    guid = f"{feed}:{title}"
    return store.save_stories(feed, [Story(feed=feed, title=title, url=url, guid=guid, summary=summary,
                                           published=when)]).new_ids[0]


def _claim(sid: str, claimant: str, side: str, day: date, incident: str, killed: int = 0, wounded: int = 0,
           **kw) -> Claim:
    return Claim(claimant=claimant, side_affected=side, event_date=day, killed=killed, wounded=wounded,
                 story_id=sid, incident_id=incident, **kw)


def fill_store(store: Store) -> Config:
    """Fill `store` with the fixed sample day; return the config whose feeds it uses."""
    config = demo_config("http://127.0.0.1:9", now=NOW)
    store.sync_feeds(config.feeds)
    save_samples(store, sample_feeds(now=NOW))

    sotk_am = _save(store, "Armenpress", "Azerbaijani forces shelled Sotk, one soldier killed", at(9, 10),
                    "https://armenpress.example/sotk")
    sotk_az = _save(store, "Report.az", "Armenian provocation near Kalbajar repelled, ministry says", at(10, 5),
                    "https://report.example/kalbajar")
    # A claim's source in Russian: the digest shows it as written, marked [ru].
    sotk_ru = _save(store, "TASS", "Российские наблюдатели зафиксировали перестрелку у Сотка", at(12, 30),
                    "https://tass.example/sotk")
    mine = _save(store, "AZERTAC", "Civilian killed by landmine in Fuzuli district", at(15, 45),
                 "https://azertac.example/fuzuli")
    _save(store, "News.am", HOSTILE_SCRIPT, at(8, 0), "javascript:alert(1)")
    hostile_img = _save(store, "Asbarez", HOSTILE_IMG, at(8, 30), "https://asbarez.example/a?x=1&y=(2)")
    dupes = [
        _save(store, name, "Foreign ministry comments on border delimitation talks", at(13, m),
              f"https://{name.lower().replace('.', '')}.example/mfa")
        for name, m in (("Trend", 0), ("News.az", 20), ("Azernews", 40))
    ]
    _save(store, "Reuters", "EU monitors extend mission along the border", at(16, 0), "https://reuters.example/eum")
    _save(store, "Azatutyun", "Yerevan hosts talks on regional transit routes", at(17, 0),
          "ftp://azatutyun.example/routes")
    store.set_clusters([(sid, "mfa-delimitation") for sid in dupes])

    # Incidents: one clash claimed three ways, one landmine death, two earlier clashes for the chart.
    early = [_save(store, "Armenpress", f"Border shooting reported ({d.isoformat()})", at(11, day=d),
                   f"https://armenpress.example/{d.isoformat()}")
             for d in (DAY - timedelta(days=5), DAY - timedelta(days=15))]
    store.replace_machine_claims({
        sotk_am: [_claim(sotk_am, "Armenia", "Armenia", DAY, "sotk", 1, 2, locations=["Sotk"],
                         event_type="shelling/artillery", weapons=["artillery"])],
        sotk_az: [_claim(sotk_az, "Azerbaijan", "Armenia", DAY, "sotk", 10, locations=["Kalbajar"],
                         event_type="armed clash", confidence=0.62),
                  _claim(sotk_az, "Azerbaijan", "Azerbaijan", DAY, "sotk", 0, 1, locations=["Kalbajar"],
                         event_type="armed clash")],
        sotk_ru: [_claim(sotk_ru, "Russia", "unknown", DAY, "sotk", locations=["Sotk"],
                         event_type="ceasefire violation")],
        mine: [_claim(mine, "Azerbaijan", "civilians-Azerbaijan", DAY, "fuzuli-mine", 1, locations=["Fuzuli"],
                      event_type="landmine", kind="landmine", weapons=["mine"])],
        **{sid: [_claim(sid, "Armenia", "Armenia", DAY - timedelta(days=d), f"early-{d}", 0, 1,
                        locations=["Jermuk"], event_type="sniper fire")]
           for sid, d in zip(early, (5, 15))},
    })
    claims = store.claims_between(DAY - timedelta(days=30), DAY)
    groups: dict[str, list[Claim]] = {}
    for c in claims:
        groups.setdefault(c.incident_id, []).append(c)
    store.save_incidents([
        Incident(id=key, event_date=members[0].event_date,
                 locations=sorted({p for c in members for p in c.locations}),
                 event_type="landmine" if key == "fuzuli-mine" else members[0].event_type,
                 kind=members[0].kind, claims=members)
        for key, members in groups.items()
    ])
    # A report the machine could not read (no figure it understood): listed, not counted.
    unread = _save(store, "Armenpress", "Shelling near Tegh, the ministry reports losses", at(11, 30),
                   "https://armenpress.example/tegh")
    store.replace_machine_claims({unread: []}, unread_incidents={unread})
    store.correct_claim(sotk_am, "Armenia", "Armenia", "confirmed")
    store.correct_claim(sotk_az, "Azerbaijan", "Azerbaijan", "edited", killed=0, wounded=2)

    # The reader's own work: tags (quick and not), a star.
    store.add_tag(sotk_am, "casualties")
    store.add_tag(sotk_am, "incident")
    store.add_tag(hostile_img, "my notes")
    store.add_tag(sotk_ru, "Russia")
    store.set_starred(mine, True)

    # Feeds that failed that day (one error text is hostile too) and one that failed on another day.
    for feed, error, when in (
        ("Sputnik", "HTTP 503 <b onmouseover=alert(1)>Service Unavailable</b>", at(7, 0)),
        ("Turan", "timed out after 60 s", at(14, 0)),
        ("Caspian News", "HTTP 404", at(14, 0, day=DAY - timedelta(days=2))),
    ):
        store.record_outcome(FetchOutcome(feed=feed, status="error", error=error), None, started=when)
    return config


@pytest.fixture
def sample_store(tmp_path: Path) -> tuple[Store, Config]:
    store = Store(tmp_path / "digest.db")
    config = fill_store(store)
    yield store, config
    store.close()
