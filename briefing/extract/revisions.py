"""Figures that change inside a story, and merging a story's figures into one per claim.

Why: a story gives several figures for one claim - "initially reported two dead ... the toll
rose to four", "two more soldiers died", "the injured man later died of his wounds", "of the
dead, ten were civilians" - and README rule 3 wants the latest one.  This module marks
superseded figures, moves wounded to killed, applies later splits, decides whose a bare
"death toll" is, and merges each (claimant, side) into one slot.
"""

from __future__ import annotations

import re

from .attribution import OWN
from .claimants import claimant_at
from .events import event_type_of
from .numbers import count_at, tokenize
from .records import Mention, Sentence
from .victims import side_of
from .words import BARE, DENY_SIDE, PARTIES, TOLL_SIDE, ci

# Words that mark a figure as an earlier one that the story goes on to revise.
EARLIER_MARKERS = frozenset({"initially", "originally", "previously", "earlier"})


REVISION_STOP = frozenset({";", ".", ":", "but", "later", "now", "then", "subsequently", "since", "raised", "revised", "updated", "lowered"})


SAY_LIKE = frozenset({"reported", "said", "put", "gave", "announced", "stated", "reporting", "claimed", "told", "says", "reports", "spoke", "counted", "listed"})


def is_superseded(low: list[str], start: int) -> bool:
    """True when the figure at `start` is one the story later revises: "initially reported two
    dead", "first put the death toll at 12", "had earlier said one soldier was wounded"."""
    for k in range(start - 1, max(-1, start - 15), -1):
        tok = low[k]
        if tok in REVISION_STOP:
            return False
        if tok in EARLIER_MARKERS and not (tok == "earlier" and k > 0 and low[k - 1] in ("day", "days", "hours", "week", "a")):
            return True
        if tok == "first" and k + 1 < len(low) and (low[k + 1] in SAY_LIKE or (k > 0 and low[k - 1] == "at")):
            return True
    return False


TRANSFER = ci(
    r"\b(?:the|one of the|another of the|one of those) (?:injured|wounded) (?:[a-z]+ ){0,2}?(?:later |subsequently |has |had |also |since )*"
    r"(?:died|succumbed)\b"
)


def transfer_mentions(sentence: Sentence, context: str | None, outlet: str | None, earlier: list[Mention]) -> list[Mention]:
    """ "The injured man died of his wounds": one of the claimant's wounded is now killed."""
    out: list[Mention] = []
    if "injured" not in sentence.lower and "wounded" not in sentence.lower:
        return out
    for m in TRANSFER.finditer(sentence.lower):
        pos = len(tokenize(sentence.text[: m.start()]))
        claimant = claimant_at(sentence, pos, context)
        if claimant in (BARE, OWN):
            claimant = context or outlet or claimant
        prior = [x for x in earlier if x.field == "wounded" and x.claimant == claimant and x.side not in (TOLL_SIDE, DENY_SIDE)]
        if not prior:
            prior = [x for x in earlier if x.field == "wounded" and x.side not in (TOLL_SIDE, DENY_SIDE)]
        if prior:
            out.append(Mention("transfer", 1, sentence.index, prior[-1].claimant, prior[-1].side))
    return out


# (pattern, group of the number, group of what was split): "Of the dead, ten were civilians"
LATER_SPLITS = (
    (ci(r"\bof (?:the|those) (dead|killed|wounded|injured)\b,? ([\w-]+) (?:were|was|are) civilians"), 2, 1),
    (ci(r"\b([\w-]+) of the (dead|killed|wounded|injured) (?:were|was|are) civilians"), 1, 2),
    # "Of the 200 people killed in the offensive, 10 were civilians"
    (ci(r"\bof the [\d,]+ (?:people |persons |victims )?(dead|killed|wounded|injured)\b[^,;.]{0,60}, ([\w-]+) (?:were|was|are) civilians"), 2, 1),
    # "adding that 10 civilians, five of them children, were among the dead"
    (ci(r"\b([\w-]+) civilians\b(?:,[^,;.]{0,40},)? (?:were|was|are) (?:also )?among (?:the|those) (dead|killed|wounded|injured)\b"), 1, 2),
    # "The dead include ten civilians", "civilians account for ten of the dead"
    (ci(r"\bthe (dead|killed|wounded|injured) (?:include|includes|included) ([\w-]+) civilians"), 2, 1),
    (ci(r"\bcivilians (?:account|accounted) for ([\w-]+) of the (dead|killed|wounded|injured)"), 1, 2),
    # "Among the dead were ten civilians"
    (ci(r"\bamong (?:the|those) (dead|killed|wounded|injured) (?:were|are) ([\w-]+) civilians"), 2, 1),
)


# Both figures split at once: (civilians killed, civilians wounded)
BOTH_SPLITS = (
    ci(r"\b([\w-]+) of the (?:dead|killed) and ([\w-]+) of the (?:wounded|injured) (?:were|are) (?:all )?civilians"),
    ci(r"\bincluding ([\w-]+) civilians? (?:killed|dead) and ([\w-]+) (?:wounded|injured)\b"),
    ci(r"\bcivilians (?:account|accounted) for ([\w-]+) of the (?:dead|killed) and ([\w-]+) of the (?:wounded|injured)"),
)


def apply_later_splits(sentences: list[Sentence], mentions: list[Mention]) -> None:
    """ "200 people were killed ... Of the dead, ten were civilians": armed 190, civilians 10."""
    for sentence in sentences:
        if "civilian" not in sentence.lower or ("of " not in sentence.lower and "among" not in sentence.lower and "includ" not in sentence.lower):
            continue
        # one sentence may split both figures: "Ten of the dead are civilians, and more than
        # 40 civilians are among the wounded" - each field once, first match wins
        found: dict[str, str] = {}
        for pattern in BOTH_SPLITS:
            # "Ten of the dead and 40 of the wounded were civilians", "including ten civilians
            # killed and 40 wounded"
            for m in pattern.finditer(sentence.lower):
                found.setdefault("killed", m.group(1))
                found.setdefault("wounded", m.group(2))
        for pattern, number_group, what_group in LATER_SPLITS:
            for m in pattern.finditer(sentence.lower):
                what = m.group(what_group)
                found.setdefault("killed" if what in ("dead", "killed") else "wounded", m.group(number_group))
        for field, number in found.items():
            _split_earlier(sentence, mentions, field, number)


def _split_earlier(sentence: Sentence, mentions: list[Mention], field: str, number: str) -> None:
    """Take `number` civilians out of the latest earlier `field` figure that can be split."""
    count = count_at([number], 0)
    if count is None:
        return
    for mention in reversed(mentions):
        if mention.sentence > sentence.index or mention.field != field:
            continue
        if mention.armed_side and mention.civil_side and mention.value > count.value:
            mention.value -= count.value
            mention.side = mention.armed_side
            mentions.append(Mention(field, count.value, mention.sentence, mention.claimant, mention.civil_side))
            # an unsplit figure of the other kind stays with the armed side (README rule 8)
            for other in mentions:
                if other.sentence == mention.sentence and other.field != field and other.armed_side == mention.armed_side and other.side == other.civil_side:
                    other.side = other.armed_side
        break


def toll_side(toll: Mention, mentions: list[Mention], sentences: list[Sentence], text: str) -> str | None:
    """Whose toll: the side this claimant gives other figures for, else civilians of the place
    for blasts and fires, else the claimant's own forces."""
    sides = {m.side for m in mentions if m.claimant == toll.claimant and m.side != TOLL_SIDE}
    if len(sides) == 1:
        return sides.pop()
    if event_type_of(text) in ("other", "landmine", "shelling/artillery") or re.search(r"\bcivilians?\b", text):
        places = [p for s in sentences for p in s.places]
        return side_of(None, True, toll.claimant if toll.claimant in PARTIES else "", places, False)
    return toll.claimant if toll.claimant in PARTIES else None


def merge_mentions(mentions: list[Mention]) -> dict[tuple, dict]:
    """One slot per (claimant, side affected): the figures a claim is made of (README rules 3, 8).
    A figure of a separate incident told in the same story (`Mention.incident`) has a slot of
    its own, keyed (claimant, side, incident).

    Figures joined under one verb ("two journalists and a local official were killed") add
    up; "two more" adds to the figure before it; otherwise the largest figure wins, because
    a story's revisions only go up in practice.  A figure marked as superseded ("initially
    reported two dead") is kept only when nothing later replaces it; "the injured man died
    of his wounds" moves one from wounded to killed.  A slot also records its sentences,
    the clause parts used, and whether it holds an explicit zero.
    """
    # "two journalists and a local official were killed": one verb, one side -> add up
    summed: dict[tuple, Mention] = {}
    kept: list[Mention] = []
    for mention in mentions:
        if mention.group < 0 or mention.field == "zero":
            kept.append(mention)
            continue
        key = (mention.sentence, mention.group, mention.claimant, mention.side, mention.field)
        if key in summed:
            summed[key].value += mention.value
        else:
            summed[key] = mention
            kept.append(mention)
    mentions = kept
    # merge per (claimant, side)
    merged: dict[tuple[str, str], dict] = {}
    for mention in mentions:
        key = (mention.claimant, mention.side) if not mention.incident else (mention.claimant, mention.side, mention.incident)
        slot = merged.setdefault(key, {"killed": None, "wounded": None, "killed_high": None, "wounded_high": None, "sentences": set(), "zero": False})
        slot["sentences"].add(mention.sentence)
        if mention.day is not None:
            slot["day"] = mention.day
        slot.setdefault("parts", {}).setdefault(mention.sentence, set()).add(mention.part)
        if mention.field == "zero":
            slot["zero"] = True
            slot.setdefault("zero_at", []).append((mention.sentence, mention.pos))
            continue
        last = slot.setdefault("last", {"killed": None, "wounded": None})
        tentative = slot.setdefault("tentative", {"killed": None, "wounded": None})
        if mention.field == "transfer":
            # "the injured man died of his wounds": one wounded becomes one killed
            killed = (last["killed"] if last["killed"] is not None else (slot["killed"] or tentative["killed"] or 0)) + mention.value
            wounded = max(0, (last["wounded"] if last["wounded"] is not None else (slot["wounded"] or tentative["wounded"] or 0)) - mention.value)
            last["killed"], last["wounded"] = killed, wounded
            slot["killed"] = max(slot["killed"] or 0, killed)
            slot["wounded"], tentative["wounded"] = wounded, None
            continue
        previous = last[mention.field] if last[mention.field] is not None else (slot[mention.field] or 0)
        value = previous + mention.value if mention.more and previous else mention.value
        last[mention.field] = value
        if mention.superseded:
            # "first put the death toll at 12": kept only if the story gives nothing later
            tentative[mention.field] = max(tentative[mention.field] or 0, value)
            continue
        slot[mention.field] = max(slot[mention.field] or 0, value)
        if mention.high is not None:
            slot[mention.field + "_high"] = mention.high
    for slot in merged.values():
        for name, value in slot.get("tentative", {}).items():
            if slot[name] is None and value is not None:
                slot[name] = value
    return merged
