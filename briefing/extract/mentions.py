"""Every casualty figure of one sentence as a `Mention` (claimant, side, killed/wounded).

The trigger loop: find casualty words (killed, died, dead, wounded, injured, hurt, "fatally
wounded", "death toll ... to N", "lost 71 servicemen", "fell in battle"), read the figure
with `figures.py`, attribute it with `claimants.py`, decide the side with `victims.py`, and
apply the counting rules of README rule 8 (splits "N, M of them civilians", sums across sides
are not claims, subsets are not added, "killed or wounded" unsplit gives nothing).
"""

from __future__ import annotations

from collections.abc import Callable

from .attribution import OWN
from .claimants import anchor_at, claimant_at, names_both_sides, resolve_bare
from .figures import coordinated_count, dies_later, left_count, lost_people, right_count, who_died
from .gazetteer import PlaceMatch
from .locations import incident_places
from .numbers import Count, count_at, word_value
from .records import Mention, Sentence
from .revisions import is_superseded
from .victims import is_civil, is_name, nation_of, side_of
from .words import (
    ACTIVE_KILL,
    ACTIVE_WOUND,
    AUX,
    BARE,
    BE,
    KILL_WORDS,
    LIMBS,
    MILITARY_WORDS,
    NATION_ADJ,
    NATIONAL_NOUNS,
    NOT_PEOPLE,
    OTHER_PEOPLE,
    PARTIES,
    PERSON_WORDS,
    POSSESSIVE_OWN,
    SPECIFIC_PEOPLE,
    TOLL_SIDE,
    WOUND_WORDS,
    ci,
)

# "A 16-year-old boy ... was among those who died": the figure is a subset.  Not "13 were
# killed and 50 wounded, children among them" (an aside about the figure's make-up).
SUBSET_AFTER = ci(r"\b(?:was|were|is|are|been|being|be) (?:also )?among (?:them|those|the (?:dead|victims|wounded|injured|killed))\b")


SUM_MARKERS = ci(r"\b(?:combined|both sides|on the two sides|in all on both|total of both)\b")


FIRE_CONTEXT = ci(r"\b(?:fire|fired|firing|sniper|shot|shooting|gunfire|shelling|shelled|direction|positions?)\b")


def figure_mentions(sentence: Sentence, context: str | None, story_places: Callable[[], list[PlaceMatch]], outlet: str | None = None,
                    fallback: dict[str, str] | None = None, armed_before: Callable[[], str | None] | None = None) -> list[Mention]:
    """All casualty figures of one sentence, with claimant and side.  `armed_before` gives, on
    demand, the side of the armed people the story named earlier ("Russian peacekeepers")."""
    low, masked = sentence.low, sentence.masked
    splits = sentence.splits
    out: list[Mention] = []
    used: set[int] = set()
    places = LazyPlaces(lambda: sentence.places or story_places())  # looked up only if a figure needs them (speed)
    n = len(low)
    first_trigger: int | None = None

    def add(field: str, count: Count, np: list[str], pos: int, toll: bool = False) -> None:
        before = len(out)
        _add(field, count, np, pos, toll)
        for mention in out[before:]:
            mention.pos = count.start

    def _add(field: str, count: Count, np: list[str], pos: int, toll: bool = False) -> None:
        nonlocal first_trigger
        if sentence.after_colon >= 0 and pos > sentence.after_colon and first_trigger is not None and first_trigger < sentence.after_colon:
            return  # "At least 20 died ...: 13 bodies found and seven died in hospital"
        if first_trigger is None:
            first_trigger = pos
        for k in range(count.start, count.end):
            used.add(k)
        if sentence.anchors and _in_denied_report(sentence, count.start):
            return  # "refutes the report of the Azerbaijani side that a serviceman was wounded": no one's claim here
        np = [w for k, w in enumerate(np) if not (0 <= count.end + k < n and masked[count.end + k])] if not toll else []
        if any(w in NOT_PEOPLE for w in np[:2]) and not any(w in PERSON_WORDS for w in np):
            return
        claimant = claimant_at(sentence, count.start, context)
        if claimant in (BARE, OWN) and toll:
            claimant = outlet or "unattributed"
        if toll and (SUM_MARKERS.search(sentence.lower) or (claimant not in PARTIES and names_both_sides(sentence.lower))):
            return  # "the death toll from fighting between Azerbaijan and Armenian forces rose to 39"
        if toll and (any(count.end <= at <= count.end + 3 for at, _ in splits) or (count.end < n and low[count.end] in PERSON_WORDS)):
            # "the toll rose to 200, including 10 civilians", "raised its toll to 49 soldiers
            # killed": the victims are named with the figure
            toll = False
            np = low[count.end:count.end + 3] if count.end < n and low[count.end] in PERSON_WORDS else ["people"]
        if toll:
            # "the death toll has risen to 68": victims named elsewhere; resolved at merge
            out.append(Mention(field, count.value, sentence.index, claimant, TOLL_SIDE, count.high, count.more,
                               superseded=is_superseded(low, count.start)))
            return
        if np[:2] in (["of", "them"], ["of", "those"]) or np[:2] == ["of", "whom"]:
            # "injuring one of them": the people named earlier in the sentence
            for k in range(count.start - 1, max(-1, count.start - 15), -1):
                if low[k] in PERSON_WORDS and low[k] not in OTHER_PEOPLE:
                    np = low[k - 1:k + 1] if k > 0 and low[k - 1] in NATION_ADJ else [low[k]]
                    break
        own = any(w in POSSESSIVE_OWN for w in np)
        nation = nation_of(np)
        if nation is None and not own and not toll and ("more" in np[:2] or count.more or (count.start > 0 and low[count.start - 1] == "another")):
            # "two Azerbaijani servicemen and three Karabakh police officers dead ...; one more
            # police officer was wounded": the same people as named before
            nation = _named_before(low, count.start, [w for w in np if w in PERSON_WORDS and w not in OTHER_PEOPLE])
        if nation is None and not own and not toll and not any(w in PERSON_WORDS for w in np):
            # "the Azerbaijani side had 12 killed": the side is named just before the figure
            before = low[max(0, count.start - 4):count.start]
            for k in range(len(before) - 2):
                if (before[k] in NATION_ADJ and before[k + 1] in ("side", "army", "forces", "troops") and NATION_ADJ[before[k]] in PARTIES
                        and before[k + 2] in ("had", "has", "have", "lost", "suffered", "sustained")):
                    nation = NATION_ADJ[before[k]]
        if nation is None and not own and not toll and not any(w in PERSON_WORDS for w in np):
            # "left two dead and one wounded on the Azerbaijani side and three dead among Karabakh
            # police officers": the side is named just after the figure
            after = _side_after(low, pos)
            if after is not None:
                nation, np = after[0], np + after[1]
        enemy = nation is None and not own and not toll and (
            any(w in ENEMY_WORDS for w in np) or any(w in ENEMY_WORDS for w in low[max(0, count.start - 4):count.start]))
        if enemy and claimant in OPPONENT:
            # "the enemy lost 12 servicemen", "three servicemen of the enemy were killed": the speaker's opponent
            nation = OPPONENT[claimant]
        if nation is None and not own and claimant in OPPONENT and not toll and _by_return_fire(low, pos):
            # "three members of the detachment were killed by retaliatory fire": the side fired on
            # in return is the claimant's opponent
            nation = OPPONENT[claimant]
        if nation is None and not own and SUM_MARKERS.search(" ".join(low[max(0, count.start - 4):pos + 6])):
            return  # "nearly 5,000 people were killed on both sides"
        if nation is None and not own and not (set(np) & SPECIFIC_PEOPLE) and _between_sides(low, pos):
            return  # "five people died in an exchange of fire between Azerbaijani troops and Karabakh police"
        unsourced = False
        if claimant in (BARE, OWN):
            military_side = side_of(nation, is_civil(np) or False, "", places, False) if claimant == OWN else None
            was_bare = claimant == BARE
            speaker = anchor_at(sentence, count.start)
            unsourced = was_bare and speaker is not None and speaker.claimant is None
            claimant = resolve_bare(claimant, nation, military_side, outlet, places)
            if enemy and nation is None and claimant in OPPONENT:
                nation = OPPONENT[claimant]  # "the ministry informs ... servicemen of the enemy were killed"
            anchor = anchor_at(sentence, count.start)
            if was_bare and anchor is not None and anchor.claimant == BARE and claimant in PARTIES:
                # "the ministry said ... an Azerbaijani soldier was wounded ... killing four members
                # of the formations": once settled, the anchor speaks for the whole sentence
                anchor.claimant = claimant
        # "12 people, four of them civilians, were killed" / "12 people were killed, four of them civilians"
        split = [c for at, c in splits if count.start <= at <= max(pos, count.end) + 5 or (
            count.end < at <= count.end + 10 and not _figure_between(low, count.end, at - 1)) or (
            # "32 people were killed in the first 24 hours of the operation, seven of them civilians"
            pos < at <= pos + 22 and count.end <= pos and not _figure_between(low, pos + 1, at - 1))]
        described = own or nation is not None or any(w in PERSON_WORDS for w in np if w not in OTHER_PEOPLE)
        if not described and not split and out and out[-1].claimant == claimant and out[-1].field != field:
            # "19 civilians dead and more than 60 wounded": the second figure shares the victims
            # (not when it is split itself: "and more than 200 wounded, 29 of them civilians")
            shared = Mention(field, count.value, sentence.index, claimant, out[-1].side, count.high, count.more)
            shared.armed_side, shared.civil_side = out[-1].armed_side, out[-1].civil_side
            out.append(shared)
            return
        civil = is_civil(_head_phrase(np), split=bool(split))
        if "family" in low[max(0, count.start - 3):count.start] or "families" in low[max(0, count.start - 3):count.start]:
            civil = True  # "a family of five"
        if civil is None and nation in ("Armenia", "Azerbaijan", "Karabakh", "Russia") and not any(w in NATIONAL_NOUNS for w in np):
            civil = False
        if civil is None and nation is None and not own and claimant not in PARTIES:
            civil = True  # an NGO, a company or the outlet naming no force: people, not troops
        if (civil and nation is None and not own and claimant not in PARTIES and armed_before is not None
                and set(_head_phrase(np)) & {"people", "persons"} and armed_before() == "Russia"):
            # a story about Russian peacekeepers coming under fire: "RT's editor wrote that five
            # people had been killed" counts those peacekeepers
            civil = False
        if civil is None:
            civil = False
        side = side_of(nation, civil, claimant, places, own)
        if civil and nation is None and not own and side in CIVIL_SIDES:
            # "In the Azerbaijani village of Gashalti, a family of five was killed", told after
            # Karabakh's figures: the village's people, whoever speaks
            here = _civilians_here(sentence)
            if here is not None:
                side = here
        if side is None and not civil and fallback:
            side = fallback.get(claimant)  # "A fifth soldier was wounded" after "four Armenian soldiers"
        if side is None and not civil and claimant not in PARTIES and armed_before is not None:
            # a newspaper's "five servicemen died" after "a car carrying Russian peacekeepers"
            side = armed_before()
        if side is None and not civil and claimant == "unattributed" and outlet in ("Armenia", "Azerbaijan", "Karabakh"):
            # Armenpress's own "three servicemen were injured": the outlet's country's troops
            side = outlet
        if side is None:
            return
        value = count.value
        if split and not civil:
            civilians = split[0]
            if nation is None and not own:
                # "223 people on the Karabakh side, 25 of them civilians, were killed ... and 244
                # were wounded, some 80 of them civilians": the second split figure's armed part
                # is the same force as the first's
                before = [m for m in out if m.sentence == sentence.index and m.claimant == claimant
                          and m.field != field and m.split_civilians]
                if before:
                    side = before[-1].side
            civ_side = side_of(nation if nation != "Karabakh" else "Armenia", True, claimant, places, own)
            if civ_side:
                out.append(Mention(field, civilians, sentence.index, claimant, civ_side))
            # the armed figure goes last: an elided "and 300 wounded" that follows shares it
            out.append(Mention(field, value - civilians, sentence.index, claimant, side, count.high, count.more, civilians))
            return
        mention = Mention(field, value, sentence.index, claimant, side, count.high, count.more, group=pos)
        mention.unsourced = unsourced or claimant == "unattributed"
        mention.superseded = is_superseded(low, count.start)
        if mention.superseded and not described:
            mention.side = TOLL_SIDE  # "initially reported two dead": whose, the later figures say
        if not (set(np) & SPECIFIC_PEOPLE):
            mention.armed_side = side_of(nation, False, claimant, places, own)
            mention.civil_side = side_of(nation if nation != "Karabakh" else "Armenia", True, claimant, places, own)
        out.append(mention)

    for t in range(n):
        tok = low[t]
        if masked[t]:
            continue
        field = None
        if (tok in KILL_WORDS or tok in WOUND_WORDS) and _negated(low, t):
            continue  # "a second farmer working nearby was not hurt", "had not been injured"
        if tok in KILL_WORDS:
            field = "killed"
        elif tok in WOUND_WORDS:
            field = "wounded"
            if t > 0 and low[t - 1] in ("fatally", "mortally"):
                field = "killed"
            if tok in ("wounds", "injuries", "injury", "wound") and t > 1 and low[t - 2] == "of" and low[t - 1] in ("his", "her", "their", "its"):
                continue  # "died of his wounds": already counted as killed
            if tok in ("wounds", "wound", "injuries", "injury", "burns") and not (t > 0 and low[t - 1] in ("suffered", "sustained", "with", "moderate", "minor", "serious", "severe", "light", "varying", "of")) and not any(w in ("with", "suffered", "sustained", "received") for w in low[max(0, t - 3):t - 1]):
                continue
            if tok == "burns" and not (t > 0 and low[t - 1] == "with"):
                continue
        elif tok == "toll" or (tok in ("number", "count", "tally") and t + 2 < n and low[t + 1] == "of"):
            # "the death toll ... has risen to at least 68", "bringing the number of wounded to three"
            if t > 0 and low[t - 1] in ("earlier", "previous", "initial", "first"):
                continue
            kind = "killed"
            if tok != "toll":
                what = low[t + 2: t + 5]
                if any(w in ("wounded", "injured") for w in what):
                    kind = "wounded"
                elif not any(w in ("dead", "killed", "deaths", "victims", "fatalities") for w in what):
                    continue
            elif t > 0 and low[t - 1] in ("injury", "casualty"):
                continue
            for k in range(t + 1, min(n, t + 22)):
                if low[k] in (";", "."):
                    break
                if low[k] in ("to", "at", "reached", "is", "was", "stands", "stood", "as", "remains", "remained", "of", "now") and k + 1 < n:
                    m = k + 1
                    while m < n and low[m] in ("at", "least", "some", "about", "around", "nearly", "almost", "more", "than", "over"):
                        m += 1
                    count = count_at(low, m)
                    if count is not None and m not in used:
                        before = low[max(0, t - 3):t]
                        if tok != "toll":
                            # "the number of Armenian soldiers killed rose to 135"
                            what_np = [w for w in low[t + 2:t + 6] if w in PERSON_WORDS or w in NATION_ADJ]
                            if any(w in SPECIFIC_PEOPLE for w in what_np):
                                add(kind, count, what_np, t)
                                break
                        if "military" in before or "army" in before:
                            add(kind, count, ["military"], t)  # "the military death toll"
                        elif before[-2:] in (["its", "death"], ["their", "death"]) or before[-1:] in (["its"], ["their"]):
                            add(kind, count, ["its"], t)  # "taking its death toll to 31": the speaker's own
                        elif "civilian" in before:
                            add(kind, count, ["civilians"], t)
                        else:
                            add(kind, count, [], t, toll=True)
                        break
            continue
        elif tok == "losses" and t + 2 < n and low[t + 1] == "at":
            count = count_at(low, t + 2)
            if count is not None:
                np = low[count.end:count.end + 3]
                add("killed", count, low[max(0, t - 2):t] + np, t)
            continue
        elif tok in ("hit", "shot", "struck") and t > 0 and low[t - 1] in AUX:
            tail = low[t + 1:t + 8]
            if "dead" in tail[:1]:
                field = "killed"
            elif any(w in ("gunfire", "bullet", "shrapnel", "sniper", "fire") for w in tail) or (tok == "shot" and tail[:1] == ["in"]):
                field = "wounded"
            elif FIRE_CONTEXT.search(sentence.lower):
                # "one of its own soldiers had been hit": a person hit in a shooting is wounded
                count, np, _ = left_count(low, masked, t, used, sentence.words)
                if count is not None and any(w in PERSON_WORDS for w in np):
                    add("wounded", count, np, t)
                continue
            else:
                continue
        elif tok == "lost" and t + 2 < n and low[t + 1] in ("his", "her", "a", "an", "both", "their", "one") and low[t + 2] in LIMBS:
            field = "wounded"  # "a shepherd lost his leg"
        elif tok in ("lost", "loss", "losses") and t + 2 < n and lost_people(low, t) is not None:
            # "Baku said it lost 71 servicemen", "acknowledged the loss of 50 troops"
            count = lost_people(low, t)
            np = low[count.end:count.end + 3]
            if tok == "lost" and nation_of(np) is None:
                # the loser is the subject: "Azerbaijani forces had lost nearly 200 troops",
                # "the Defence Army has lost 31 servicemen", "it had lost a soldier" (its own)
                subject = []
                for w in reversed(low[max(0, t - 6):t]):
                    if w in (",", ";", "that", "and", "while", "but", "said", "says"):
                        break
                    subject.insert(0, w)
                if subject and subject[0] in ("it", "they", "we"):
                    np = ["its"] + np
                elif any(w in ENEMY_WORDS for w in subject):
                    np = ["enemy"] + np
                elif nation_of(subject) is not None:
                    np = subject + np
            add("killed", count, np, t)
            continue
        elif tok in ("kills", "injures"):
            field = "killed" if tok == "kills" else "wounded"  # headline style: "drone strike kills two soldiers"
        elif tok in ("lost", "gave", "laid") and t + 2 < n and low[t + 1] in ("his", "her", "their") and low[t + 2] in ("lives", "life"):
            field = "killed"  # "sixteen servicemen lost their lives"
        elif tok == "fell" and t + 1 < n and (low[t + 1] in ("heroically", "defending", "fighting") or low[t + 1:t + 3] in (["in", "battle"], ["in", "combat"], ["in", "action"]) or low[t + 1:t + 4] == ["in", "the", "line"]):
            field = "killed"  # "two conscripts fell in battle"
        elif tok in ("succumbed", "succumbs") and t + 2 < n and low[t + 1] == "to" and any(w in ("wounds", "injuries", "wound", "injury") for w in low[t + 2:t + 4]):
            field = "killed"  # "a soldier succumbed to his wounds"
        elif tok in ("became", "become", "becomes") and t + 1 < n and (
                low[t + 1] in MARTYRS or (t + 2 < n and low[t + 1] == "a" and low[t + 2] in MARTYRS)):
            field = "killed"  # "junior sergeant Elvin Aliyev became a martyr", "three servicemen became shehids"
        elif tok in ("killing", "wounding", "injuring", "leaving", "claimed"):
            pass
        else:
            continue

        if field is None and tok in ("killing", "wounding", "injuring"):
            field = "killed" if tok == "killing" else "wounded"
        if field is None:
            continue  # "leaving"/"claimed" are handled through the adjectives that follow
        # "Yerevan's report of a wounded Armenian soldier": one person, described after the adjective
        if t > 0 and low[t - 1] in ("a", "an") and tok in ("wounded", "injured", "dead", "killed"):
            k = t + 1
            while k < n and k - t <= 3 and (low[k] in NATION_ADJ or low[k] in ("contract", "young", "local", "elderly", "second", "third")):
                k += 1
            if k < n and low[k] in PERSON_WORDS and not low[k].endswith("s"):
                add(field, Count(1, t - 1, t), low[t + 1:k + 1], t)
                continue
        # Skip adjective uses: "the wounded serviceman", "the injured pilot"
        if t > 0 and low[t - 1] in ("the", "a", "an") and t + 1 < n and (low[t + 1] in PERSON_WORDS):
            continue
        # "killed or wounded" and "casualties" without a split give no claim; so does "550
        # servicemen killed and wounded" - one figure for both, the two words side by side
        # ("200 killed and 400 wounded", "one killed and another wounded" have their own counts)
        if t + 2 < n and low[t + 1] in ("or", "and") and (low[t + 2] in KILL_WORDS or low[t + 2] in WOUND_WORDS) and low[t + 2] != tok:
            used.update(range(max(0, t - 6), t))
            continue
        if t > 1 and low[t - 1] in ("or", "and") and (low[t - 2] in KILL_WORDS or low[t - 2] in WOUND_WORDS) and low[t - 2] != tok:
            continue
        passive = t > 0 and (low[t - 1] in BE or (t > 1 and low[t - 2] in BE and low[t - 1] in ("also", "reportedly", "seriously", "lightly", "critically", "fatally", "badly", "slightly")))
        right: list[tuple[Count, list[str]]] = []
        if not passive and (tok in ACTIVE_KILL or tok in ACTIVE_WOUND):
            right = right_count(low, masked, t, used, sentence.words)
        if right:
            for count, np in right:
                add(field, count, np, t)
            continue
        start = t
        if tok in ("wounds", "wound", "injuries", "injury", "burns"):
            # "Another soldier sustained a gunshot wound": the figure is left of the verb
            for k in range(t - 1, max(-1, t - 4), -1):
                if low[k] in ("suffered", "sustained", "received", "with"):
                    start = k
                    break
        if field == "wounded" and tok in ("wounded", "injured") and dies_later(low, t):
            continue  # "a border guard wounded on Monday succumbed to his injuries": killed only
        if tok in ("succumbed", "succumbs", "died", "dies") and t > 2:
            # "An Azerbaijani soldier who was wounded on Monday when ... died of his wounds"
            for k in range(t - 1, max(0, t - 40), -1):
                if low[k] in (";", "."):
                    break
                if low[k] == "who" and k + 2 < t and low[k + 1] in AUX and ("wounded" in low[k + 1:k + 4] or "injured" in low[k + 1:k + 4]):
                    if who_died(low, k + 2) == t or who_died(low, k + 3) == t:
                        start = k
                    break
            # "A border guard wounded on Monday succumbed ...": look past the participle
            for k in range(t - 1, max(0, t - 17), -1):
                if low[k] in ("wounded", "injured") and low[k - 1] in PERSON_WORDS:
                    start = k
                    break
                if low[k] in (",", ";", "and", "but") or (low[k] in AUX and k < t - 2):
                    break
        count, np, _ = left_count(low, masked, start, used, sentence.words)
        if (count is not None and count.value == 1 and count.start >= 2 and low[count.start - 1] == ","
                and is_name(sentence.words, count.start - 2)):
            # "..., correspondent Maharram Ibrahimov and Arif Aliyev, a local official, were
            # killed": "a local official" is an apposition to the last of the people listed
            listed, listed_np = coordinated_count(sentence.words, low, masked, start, used)
            if listed is not None:
                count, np = listed, listed_np
        if count is None and start != t and low[start] == "who" and start > 0 and low[start - 1] in PERSON_WORDS and not low[start - 1].endswith("s"):
            # "The Armenian soldier who was wounded on Monday died on Thursday": the one soldier
            count, np = Count(1, start - 1, start), low[max(0, start - 3):start]
        if count is None:
            # "a shepherd stepped on a mine near Alkhanli and was seriously injured": the subject
            # of the first verb of the clause
            count, np = _shared_subject(low, masked, start, used)
        if count is None:
            # "Siraj Abishov, Maharram Ibrahimov and Arif Aliyev died", "a woman and her grandson
            # had been killed": count the people coordinated in the subject
            count, np = coordinated_count(sentence.words, low, masked, start, used)
        if count is None:
            continue
        # a subset: "A 16-year-old boy ... was among those who died"
        if SUBSET_AFTER.search(" ".join(low[count.start:t + 14])):
            continue
        if t + 1 < n and low[t + 1] in PERSON_WORDS and low[t + 1] not in OTHER_PEOPLE and not any(w in PERSON_WORDS for w in np):
            np = np + [low[t + 1]]  # "the three wounded men", "two injured soldiers": the noun follows
        add(field, count, np, t)
        # "X and Y were killed on Friday, together with Arif Aliyev, a local official": one more
        for k in range(t + 1, min(n - 2, t + 10)):
            if low[k] in (";", ".") or low[k] in KILL_WORDS or low[k] in WOUND_WORDS:
                break
            if low[k] in ("together", "along") and low[k + 1] == "with" or low[k] == "alongside":
                at = k + 2 if low[k] != "alongside" else k + 1
                if at + 1 < n and is_name(sentence.words, at + 1):
                    add(field, Count(1, at, at + 2), ["<named>"] + low[at + 2:at + 10], t)
                break
        # coordination to the left: "Another 293 servicemen and three civilians suffered wounds"
        if count.start >= 2 and low[count.start - 1] == "and":
            left, np2, _ = left_count(low, masked, count.start - 1, used)
            if left is not None and any(w in PERSON_WORDS for w in np2):
                add(field, left, np2, t)
        # ellipsis: "Yerevan reporting 105 soldiers killed ... and Baku 71"
        for k in range(t + 1, min(n - 2, t + 16)):
            if low[k] == "and" and low[k + 1] in ("baku", "yerevan", "azerbaijan", "armenia", "moscow", "stepanakert"):
                nxt = count_at(low, k + 2)
                if nxt is not None and (nxt.end >= n or low[nxt.end] in (",", ".", ";")):
                    claimant = {"baku": "Azerbaijan", "azerbaijan": "Azerbaijan", "yerevan": "Armenia", "armenia": "Armenia", "moscow": "Russia", "stepanakert": "Karabakh"}[low[k + 1]]
                    used.update(range(nxt.start, nxt.end))
                    out.append(Mention(field, nxt.value, sentence.index, claimant, claimant))
                break
    return out


def _head_phrase(np: list[str]) -> list[str]:
    """The victim phrase up to its head noun's modifiers: "four other people travelling with the
    film crew" -> "four other people" (the crew they travelled with is not who was hurt)."""
    for k, w in enumerate(np):
        if w in SPECIFIC_PEOPLE or w == "people":
            for m in range(k + 1, len(np)):
                if np[m] in ("who", "with", "accompanying") or (np[m].endswith("ing") and len(np[m]) > 5):
                    return np[:m]
            break
    return np


REPORT_NOUNS = frozenset({"report", "reports", "claim", "claims", "information", "statement", "allegation", "allegations", "news", "account"})


def _in_denied_report(sentence: Sentence, pos: int) -> bool:
    """The figure at pos is the content of a report someone denies: "refutes the report of the
    Azerbaijani side that an Azerbaijani serviceman was wounded", "described as false Yerevan's
    report that a soldier had been wounded"."""
    for anchor in sentence.anchors:
        if not anchor.deny or anchor.end > pos or pos - anchor.end > 14:
            continue
        between = sentence.low[anchor.end:pos]
        if ";" not in between and "that" in between and any(w in REPORT_NOUNS for w in between):
            return True
    return False


class LazyPlaces:
    """An iterable of places computed on first use: most sentences' figures never need them."""

    __slots__ = ("_get", "_value")

    def __init__(self, get: Callable[[], list[PlaceMatch]]) -> None:
        self._get = get
        self._value: list[PlaceMatch] | None = None

    def __iter__(self):
        if self._value is None:
            self._value = self._get()
        return iter(self._value)


ENEMY_WORDS = frozenset({"enemy", "enemy's", "adversary", "adversary's", "opponent", "opponent's", "opposing"})
MARTYRS = frozenset({"martyr", "martyrs", "shehid", "shehids", "shahid", "shahids", "shaheed", "shaheeds"})
CIVIL_SIDES = ("civilians-Armenia", "civilians-Azerbaijan")
_CIVILIANS_OF = {"armenia": "civilians-Armenia", "azerbaijan": "civilians-Azerbaijan"}


def _civilians_here(sentence: Sentence) -> str | None:
    """Civilians of the one country (Armenia or Azerbaijan proper) where the sentence's
    incident places are; None when they are in Karabakh, on both sides or nowhere."""
    sides = {p.place.side for p in incident_places(sentence.text, sentence.places)}
    if len(sides) == 1:
        return _CIVILIANS_OF.get(sides.pop())
    return None


NEGATABLE = AUX | {"did", "does", "do"}


def _negated(low: list[str], t: int) -> bool:
    """The trigger at t is negated: "was not hurt", "were never injured", "had not been wounded"."""
    k = t - 1
    while k >= 0 and low[k] in ("been", "be", "seriously", "badly", "physically"):
        k -= 1
    if k >= 0 and low[k].endswith("n't"):
        return True  # "wasn't hurt"
    return k >= 1 and low[k] in ("not", "never") and low[k - 1] in NEGATABLE


def _side_after(low: list[str], pos: int) -> tuple[str, list[str]] | None:
    """ "... dead on the Azerbaijani side", "... injured among Karabakh police officers": the
    nation and the words naming whom, from a phrase within a few words after the figure."""
    for k in range(pos + 1, min(len(low) - 2, pos + 9)):
        w = low[k]
        if w in (",", ";", ".", ":", "when", "after", "as", "while", "in", "near", "said", "says"):
            return None
        if w == "on" and low[k + 1] == "the" and k + 3 < len(low) and low[k + 3] == "side":
            nation = NATION_ADJ.get(low[k + 2])
            if nation in PARTIES:
                return nation, ["side"]
        if w == "among":
            phrase = low[k + 1:k + 5]
            nation = nation_of(phrase)
            if nation in PARTIES and any(x in PERSON_WORDS for x in phrase):
                return nation, phrase
    return None


def armed_named(low: list[str]) -> str | None:
    """Side of the last "Russian peacekeepers" / "Azerbaijani soldiers" in a sentence."""
    found = None
    for k in range(len(low) - 1):
        nation = NATION_ADJ.get(low[k])
        if nation in PARTIES and (low[k + 1] in MILITARY_WORDS or (k + 2 < len(low) and low[k + 2] in MILITARY_WORDS)):
            found = nation
    return found


OPPONENT = {"Azerbaijan": "Armenia", "Armenia": "Azerbaijan", "Karabakh": "Azerbaijan"}


def _by_return_fire(low: list[str], pos: int) -> bool:
    """ "were killed by retaliatory fire", "died in return fire", "were neutralised in response"."""
    window = low[pos + 1:pos + 6]
    for k, w in enumerate(window):
        if w in ("retaliatory", "return", "retaliation", "counter-fire", "counterfire") and (w != "return" or window[k + 1:k + 2] == ["fire"]):
            return True
        if w in (";", ".", ","):
            return False
    return False


def _named_before(low: list[str], end: int, nouns: list[str]) -> str | None:
    """Nationality given to the same person noun earlier in the sentence ("three Karabakh police officers")."""
    if not nouns:
        return None
    head = nouns[-1]
    forms = {head, head + "s", head[:-1] if head.endswith("s") else head}
    for k in range(end - 1, -1, -1):
        if low[k] in forms:
            nation = nation_of(low[max(0, k - 3):k])
            if nation is not None:
                return nation
    return None


def _shared_subject(low: list[str], masked: list[bool], t: int, used: set[int]) -> tuple[Count | None, list[str]]:
    """Subject of "X <verb> ... and was injured" for a trigger at t right after "and (was|were)"."""
    k = t - 1
    while k >= 0 and (low[k] in BE or low[k] in ("also", "seriously", "badly", "slightly", "lightly", "critically", "fatally")):
        k -= 1
    if k < 1 or low[k] != "and" or k == t - 1:
        return None, []
    for j in range(k - 1, max(-1, k - 20), -1):
        tok = low[j]
        if tok in (";", ":") or tok in KILL_WORDS or tok in WOUND_WORDS or j in used or masked[j]:
            return None, []
        if tok in PERSON_WORDS and tok not in OTHER_PEOPLE and j > 0:
            head = j - 1
            while head > 0 and (low[head] in NATION_ADJ or low[head] in ("young", "local", "elderly", "contract")):
                head -= 1
            if low[head] in ("a", "an", "one", "another") and not tok.endswith("s"):
                return Count(1, head, head + 1), low[head + 1:j + 1]
            count = count_at(low, head)
            if count is not None and count.end <= j:
                return count, low[count.end:j + 1]
    return None, []


def _between_sides(low: list[str], pos: int) -> bool:
    """ "in an exchange of fire between Azerbaijani servicemen and the Karabakh police" just after
    the trigger: the figure counts both sides (a sum, README rule 4)."""
    for k in range(pos + 1, min(len(low), pos + 10)):
        if low[k] in (";", ".", ","):
            return False
        if low[k] == "between":
            sides = {NATION_ADJ[w] for w in low[k + 1:k + 16] if w in NATION_ADJ and NATION_ADJ[w] in PARTIES}
            return len(sides) >= 2
    return False


def _figure_between(low: list[str], lo: int, hi: int) -> bool:
    """Another trigger or figure between lo and hi (a split after it is not this figure's);
    measures ("24 hours", "3 km") do not count."""
    for k in range(lo, hi):
        w = low[k]
        if w in KILL_WORDS or w in WOUND_WORDS or w in ACTIVE_KILL or w in ACTIVE_WOUND:
            return True
        if word_value(w) is not None and count_at(low, k) is not None and not (k + 1 < len(low) and low[k + 1] in MEASURE_WORDS):
            return True
    return False


MEASURE_WORDS = frozenset({"hours", "hour", "days", "day", "weeks", "week", "minutes", "km", "kilometres", "kilometers", "metres", "meters", "years", "months"})
