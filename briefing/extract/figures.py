"""Reading the figure next to a casualty trigger, and the victim phrase that goes with it.

Why: journalists put the figure on either side of the verb - "seven soldiers were killed"
and "four dead" (left), "killing three servicemen and two civilians" (right), "Siraj Abishov
and Arif Aliyev died" (a coordinated subject, one per person) - and around it sit words that
look like figures and are not ("two members of a clearance team", "Igor Abrahamyan, 43").
These readers return a `Count` and the victim-phrase tokens; `victims.py` decides the side.
"""

from __future__ import annotations

from .numbers import Count, count_at, word_value
from .victims import agent_noun, is_name
from .words import (
    ACTIVE_KILL,
    ACTIVE_WOUND,
    AUX,
    CIVIL_WORDS,
    KILL_WORDS,
    MILITARY_WORDS,
    NATION_ADJ,
    NOT_PEOPLE,
    ORDINALS,
    OTHER_PEOPLE,
    PERSON_WORDS,
    WOUND_WORDS,
)

# After "a second", "a third": words that show it counts no person ("for a second day")
NOT_A_PERSON = frozenset({"time", "times", "night", "nights", "consecutive", "straight", "round", "wave", "strike",
                          "shell", "attack", "attempt", "phase", "stage", "line", "front", "village", "position"})
# Tokens a left search for the figure never crosses.
# Nouns ending the name of an employer ("the water and sewage service", "the Emergency
# Situations and Rescue department")
INSTITUTION_NOUNS = frozenset({"service", "services", "company", "department", "agency", "authority", "utility",
                               "ministry", "committee", "directorate", "plant", "station", "works", "administration"})
# "X and four members of his family", "X and two others": the named person is one more
WITH_NAMED = frozenset({"others", "members", "relatives", "colleagues", "companions", "children", "sons", "daughters",
                        "passengers", "friends"})
LEFT_STOP = frozenset({";", ":", "and", "but", "that", "when", "after", "while", "because", "whereas", "than", "or", "before"})


RIGHT_NP_STOP = frozenset({",", ";", ".", ":", "and", "in", "on", "at", "when", "near", "after", "during", "by", "with", "while", "as", "since", "from", "along", "to", "who", "which", "were", "was", "had", "early"})


KIN_DETERMINERS = frozenset({"a", "an", "his", "her", "their", "one", "another"})


SUBJECT_STOP = frozenset({";", ":", "that", "when", "after", "while", "because", "whereas", "than", "or", "before", "but", "said", "says", "reported", "told", "according", "where", "as", "if"})


HEAD_STOP = frozenset({"on", "in", "at", "near", "from", "of", "who", "that", "which", "with", "by", "inside", "outside", "along"})


def left_count(low: list[str], masked: list[bool], t: int, used: set[int], words: list[str] | None = None) -> tuple[Count | None, list[str], int]:
    """Figure for a trigger at t read leftwards: "seven of its servicemen ... were killed".

    Returns the count (or None), the victim-phrase tokens between count and trigger, and
    the index where the search stopped.
    """
    j = t - 1
    commas = 0
    skipped = 0  # masked tokens do not count towards the search distance
    between: list[str] = []
    while j >= 0 and t - j - skipped <= 16:
        tok = low[j]
        if masked[j]:
            skipped += 1
            j -= 1
            continue
        if tok == "and" and 0 < j < t - 2 and low[j - 1].isalpha() and low[j - 1] not in PERSON_WORDS and any(
                w in INSTITUTION_NOUNS for w in low[j + 2:j + 4]) and not any(w in PERSON_WORDS for w in low[j + 1:j + 3]):
            # "an employee of the water and sewage service was killed": an "and" inside the
            # name of the employer, not between two victims
            between.insert(0, tok)
            j -= 1
            continue
        if tok in LEFT_STOP or tok in KILL_WORDS or tok in WOUND_WORDS or tok in ACTIVE_KILL:
            if tok == "and" and commas == 1:
                # "two civilians, a woman and her grandchild, were killed": the people listed
                # in an apposition are the figure before it
                head = _apposition_head(low, j)
                if head is not None and head.end not in used and head.start not in used:
                    return head, low[head.end:t], j
            break
        if tok == ",":
            # a comma that only sets off a masked aside ("five peacekeepers, among them a
            # captain, ...") does not end the victim phrase
            if not ((j + 1 < len(low) and masked[j + 1]) or (j > 0 and masked[j - 1])):
                commas += 1
            if commas > 2:
                break
            j -= 1
            continue
        if tok == "both" and all(w in AUX or w in ("later", "also", "since", "reportedly") for w in low[j + 1:t]):
            # "Two farm workers riding on a tractor ... have both died": the subject is the lead NP
            lead: list[str] = []
            for w in low[:j]:
                if w in AUX or w in ("who", "that", "which", ",", "when") or (w.endswith("ing") and len(w) > 5):
                    break
                lead.append(w)
            return Count(2, j, j + 1), lead if any(w in PERSON_WORDS for w in lead) else [], j
        if j not in used:
            count = count_at(low, j)
            if count is not None and j >= 2 and low[j - 1] in ("to", "and", "or"):
                # "between five and seven", "five to seven": the range starts further left
                wider = count_at(low, j - 2)
                if wider is not None and wider.high == count.value:
                    count = wider
            if count is not None and count.end < t and low[count.end] in NOT_PEOPLE:
                count = None  # "five members of one family": "one" counts families
            if (count is not None and words is not None and count.start == j and j >= 2 and low[j - 1] == ","
                    and count.end < len(low) and low[count.end] == "," and is_name(words, j - 2)):
                # "Igor Abrahamyan, 43, was wounded": an age after a name; the name is the victim
                return Count(1, j - 2, j - 1), low[max(0, j - 6):j - 1] + ["<named>"], j
            if (count is not None and count.start == j and j >= 2 and low[j - 1] == "," and count.end < len(low)
                    and low[count.end] == "," and low[j - 2] in PERSON_WORDS):
                # "One of the men, 34, suffered leg injuries": an age after a person noun
                between.insert(0, tok)
                j -= 1
                continue
            if count is not None and count.end <= t:
                # "Of the 290 people injured": the count governs; "two of the dead": a subset
                if count.end + 1 < len(low) and low[count.end] == "of" and low[count.end + 1] in ("the", "those") and count.end + 2 < len(low) and low[count.end + 2] in ("dead", "killed", "wounded", "injured", "victims"):
                    return None, [], j
                if j > 0 and low[j - 1] == "from":
                    return None, [], j
                if (count.end < len(low) and low[count.end] in ("other", "others", "further", "additional")
                        and not (count.start > 0 and low[count.start - 1] in ("the", "its", "their", "his", "her"))):
                    # "and two other agency employees suffered shrapnel wounds": more people than
                    # those counted before ("the other two" are among them)
                    count = Count(count.value, count.start, count.end, count.high, True)
                if (words is not None and count.start >= 3 and low[count.start - 1] == "and" and is_name(words, count.start - 2)
                        and any(w in WITH_NAMED for w in low[count.end:count.end + 3])):
                    # "Elbrus Gurbanov and four members of his family were killed": the named man too
                    return Count(count.value + 1, count.start - 3, count.end, count.high and count.high + 1, count.more), \
                        ["<named>"] + low[count.end:t], count.start - 3
                return count, low[count.end:t], j
            if tok in ("a", "an", "one") and j > 1 and (
                    (low[j - 1] in ("of", "from", "with") and (
                        low[j - 2] in PERSON_WORDS or low[j - 2] in ("all", "some", "most", "none", "both", "each") or word_value(low[j - 2]) is not None))
                    or (low[j - 1] in ("for", "by", "at", "in", "on", "near", "into", "under", "inside") and (low[j - 2].endswith("ing") or low[j - 2] in PERSON_WORDS))):
                # "two members of a clearance team", "two deminers working for a British charity"
                between.insert(0, tok)  # "two members of a HALO Trust clearance team": not the figure
                j -= 1
                continue
            if tok in ("a", "an", "another", "one"):
                head = [w for w in low[j + 1:t] if w not in AUX and w != ","]
                if tok == "a" and j + 1 < t and low[j + 1] in ORDINALS:
                    if j + 2 < t and (low[j + 2] in NOT_PEOPLE or low[j + 2] in NOT_A_PERSON):
                        break  # "for a second day", "a third time": no one
                    return Count(1, j, j + 2, more=True), low[j + 1:t], j  # "a second had died"
                if tok == "one" and j > 0 and low[j - 1] in ("no", "not"):
                    return None, [], j  # "no one was hurt"
                if tok in ("another", "one") and not head:
                    return Count(1, j, j + 1), [], j  # "three died and another was wounded"
                # the head noun: last word before the verb group or an aside ("a tractor driver was")
                phrase: list[str] = []
                for w in low[j + 1:t]:
                    # the head noun ends the phrase: "an excavator operator working on the road"
                    if w in AUX or w == "," or w in HEAD_STOP or (w.endswith("ing") and len(w) > 5 and phrase and not _premodifier(low, w, j, t)):
                        break
                    phrase.append(w)
                noun = phrase[-1] if phrase else ""
                if noun in PERSON_WORDS or (noun not in NOT_PEOPLE and noun.isalpha() and agent_noun(noun)) or (
                    any(w in PERSON_WORDS for w in phrase) and noun not in NOT_PEOPLE
                ):
                    return Count(1, j, j + 1, more=tok == "another"), low[j + 1:t], j
                if noun not in NOT_PEOPLE:
                    break  # "As a result, private Anar Kazimov ...": only a named victim may follow
                # "members of one family": keep looking further left
        between.insert(0, tok)
        j -= 1
    # "The driver was injured": one person named by role opens the clause
    d = j + 1
    if 0 <= d < t and low[d] in ("the", "its", "their") and (j < 0 or low[j] in (",", ";", "and", "that", ":")):
        noun = _definite_person(low, d)
        rest = _unit_tail(low[noun + 1:t]) if noun is not None and noun < t else []
        if noun is not None and noun < t and all(w in AUX or w in ("also", "seriously", "badly", "slightly", "lightly", "reportedly") for w in rest) and rest:
            return Count(1, d, d + 1), low[d + 1:noun + 1], j
    # "a man was killed and his son injured": one kinsman or colleague after "and"
    if 0 < j < t and low[j] == "and" and j + 2 < len(low) and low[j + 1] in ("his", "her", "their") and (
            low[j - 1] in KILL_WORDS or low[j - 1] in WOUND_WORDS or (low[j - 1] == "," and j > 1 and low[j - 2] in KILL_WORDS | WOUND_WORDS)):
        noun = next((q for q in range(j + 2, min(t, j + 5)) if low[q] in PERSON_WORDS), None)
        if (noun is not None and not low[noun].endswith("s") and low[noun] not in OTHER_PEOPLE
                and all(w in AUX or w in ("also", "seriously", "badly", "slightly", "lightly") for w in low[noun + 1:t])):
            return Count(1, j + 1, j + 2), low[j + 2:noun + 1], j
    # "..., and Private Anar Kazimov was killed": a rank or person noun before a name opens the clause
    if words is not None and j + 3 < t:
        k = j + 1
        for q in range(t - 1, j, -1):
            if low[q] in ("said", "says", "reported", "that", "told"):
                k = q + 1  # "Karabakh police said 31-year-old Aram Petrosyan died": after the speaker
                break
        starts = [k]
        if "," in low[k:t - 1]:
            # "As a result, private Anar Kazimov ...", "On Tuesday, Sergeant ...": after an opening adverbial
            starts.append(max(q for q in range(k, t - 1) if low[q] == ",") + 1)
        for k in starts:
            while k < t and (low[k] in NATION_ADJ or low[k] in ("contract", "junior", "senior", "the")):
                k += 1
            word = low[k] if k < t else ""
            tail = _unit_tail(low[k + 3:t])
            if word.endswith("-year-old") and k + 2 < t and is_name(words, k + 2) and all(w in AUX or w in ("also", "reportedly") for w in tail):
                return Count(1, k, k + 1), ["<named>"], j  # "22-year-old Martin Hayrapetyan died at the scene"
            if (word in PERSON_WORDS and not word.endswith("s") and word not in ("police", "crew", "personnel", "military", "army")
                    and k + 2 < t and is_name(words, k + 2) and all(w in AUX or w in ("also", "reportedly") for w in tail)
                    and not any(w in ("were", "are", "have") for w in tail)):  # "... and driver Elvin Rzayev were": a list
                return Count(1, k, k + 1), low[j + 1:t], j
            if word in PERSON_WORDS and not word.endswith("s") and k + 1 < t and low[k + 1] == "of":
                # "serviceman of the Azerbaijani Army Ramin Aliyev was wounded": the unit, then the name
                rest = _unit_tail(low[k + 1:t])
                m = t - len(rest)
                # "employee of ANAMA Rashad Aliyev was killed": the unit's own name may follow
                while m + 2 < t and words[m][:1].isupper() and not (is_name(words, m + 1) and _only_aux(low[m + 2:t])):
                    m += 1
                if m + 1 < t and is_name(words, m + 1) and _only_aux(low[m + 2:t]):
                    return Count(1, k, k + 1), low[j + 1:t], j
    # "Soldier Afgan Hamzayev of the Azerbaijani army was killed": singular noun opening the sentence
    if j < 0:
        # "Soldier Afgan Hamzayev ...", "Armenian serviceman Hrant Hovhannisyan was killed"
        for k in range(min(3, t)):
            word = low[k]
            if word in PERSON_WORDS and not word.endswith("s") and word not in ("police", "crew", "personnel", "military", "army"):
                return Count(1, k, k + 1), low[0:t], 0
            if word not in NATION_ADJ and word not in ("contract", "private", "junior", "senior", "military"):
                break
    return None, [], j


# "Private Anar Kazimov of the Azerbaijani Army was killed": the unit after a name
_UNIT_WORDS = frozenset({"of", "the", "armed", "forces", "army", "defence", "defense", "state", "border", "service",
                         "republic", "troops", "police", "internal", "troop", "guard", "national", "unit", "battalion",
                         "brigade", "regiment", "company", "division", "detachment", "military", "its", "his", "their"})


def _only_aux(tail: list[str]) -> bool:
    return bool(tail) and all(w in AUX or w in ("also", "reportedly") for w in tail)


def _unit_tail(tail: list[str]) -> list[str]:
    """What follows a named victim, less an "of the Azerbaijani Army" phrase naming his unit
    or a ", born in 2003," aside."""
    if len(tail) >= 4 and tail[0] == "," and tail[1] == "born":
        k = 2 + (tail[2] == "in")
        if k < len(tail) and tail[k].isdigit():
            k += 1
            if k < len(tail) and tail[k] == ",":
                return tail[k + 1:]
    if not tail or tail[0] != "of":
        return tail
    k = 0
    while k < len(tail) and (tail[k] in _UNIT_WORDS or tail[k] in NATION_ADJ):
        k += 1
    return tail[k:]


def _premodifier(low: list[str], word: str, j: int, t: int) -> bool:
    """An -ing word before a person noun modifies it ("a peacekeeping officer", "a demining
    specialist"); elsewhere it starts a post-modifier ("a man working in the field")."""
    k = low.index(word, j, t) if word in low[j:t] else -1
    return 0 <= k < t - 1 and (low[k + 1] in PERSON_WORDS or agent_noun(low[k + 1]))


def _apposition_head(low: list[str], j: int) -> Count | None:
    """The count before an apposition that holds the "and" at j: "two civilians, a woman and ..."."""
    for c in range(j - 1, max(-1, j - 6), -1):
        if low[c] == ",":
            for k in range(c - 1, max(-1, c - 4), -1):
                count = count_at(low, k)
                if count is not None and count.end < c and all(w in PERSON_WORDS or w in NATION_ADJ for w in low[count.end:c]):
                    return count
                if low[k] in LEFT_STOP or low[k] == ",":
                    break
            return None
        if low[c] in LEFT_STOP:
            return None
    return None


def coordinated_count(words: list[str], low: list[str], masked: list[bool], t: int, used: set[int]) -> tuple[Count | None, list[str]]:
    """People coordinated in the subject of the verb at t, each counted once.

    A conjunct counts when it holds a personal name or is a singular person noun phrase ("a
    woman", "her seven-year-old grandson"); an apposition set off by commas after a name ("Arif
    Aliyev, a deputy representative of the district administration,") is not a new person.
    """
    j = t - 1
    while j >= 0 and (low[j] in AUX or low[j] in ("later", "also", "reportedly", "both", "all")):
        j -= 1
    end = j + 1
    while j >= 0 and low[j] not in SUBJECT_STOP and end - j < 30 and not masked[j] and j not in used:
        j -= 1
    start = j + 1
    if end - start < 3 or "and" not in low[start:end]:
        return None, []
    # conjuncts with the separator before each
    conjuncts: list[tuple[str, list[int]]] = []
    sep, cur = "", []
    for k in range(start, end):
        if low[k] in (",", "and"):
            if cur:
                conjuncts.append((sep, cur))
            sep = "and" if low[k] == "and" else ("," if sep != "and" or cur else sep)
            cur = []
            continue
        cur.append(k)
    if cur:
        conjuncts.append((sep, cur))
    people, previous_named, tokens = 0, False, []
    for sep, idx in conjuncts:
        named = any(is_name(words, k) for k in idx)
        head = low[idx[0]]
        nouns = [low[k] for k in idx if low[k] in PERSON_WORDS and low[k] not in OTHER_PEOPLE]
        singular = head in KIN_DETERMINERS and any(not w.endswith("s") for w in nouns)
        if any(word_value(low[k]) is not None and not low[k].endswith("-old") for k in idx):
            return None, []  # a figure of its own: the ordinary readers handle it
        if named:
            people += 1
            previous_named = True
        elif singular and not (sep == "," and previous_named):
            people += 1
            previous_named = False
        elif sep == "," and previous_named:
            continue  # apposition
        else:
            return None, []
        tokens += [low[k] for k in idx]
    if people < 2:
        return None, []
    return Count(people, start, end), tokens


# "killing close to 30 others", "wounding roughly a dozen": the figure itself (README rule 8)
RIGHT_MODIFIERS = frozenset({"at", "least", "more", "than", "some", "about", "around", "nearly", "almost", "over", "up", "to", "as",
                             "many", "the", "another", "estimated", "approximately", "close", "roughly"})


def named_list(words: list[str], low: list[str], k: int) -> tuple[Count, list[str]] | None:
    """People listed by name after an active verb, each once: "killing AzTV cameraman Siraj
    Abishov, AZERTAC correspondent Maharram Ibrahimov and Arif Aliyev, deputy representative
    of the district's executive authority, the ministry said" -> 3.  An apposition after a
    name (lower-case, set off by commas) is the same person; the next unnamed conjunct ends
    the list.  Fewer than two names: None (one name is read elsewhere)."""
    people, previous_named, m, start = 0, False, k, k
    n = len(low)
    while m < n and m - k < 40:
        end = m
        while end < n and low[end] not in (",", "and", ";", ".", ":"):
            end += 1
        named = any(is_name(words, q) for q in range(m + 1, end))
        if named:
            people += 1
            previous_named = True
        elif previous_named and m < n and not words[m][:1].isupper() and low[m] != "the":
            previous_named = False  # apposition: "Arif Aliyev, deputy representative ..."
            if not (end + 1 < n and low[end] == "," and low[end + 1] == "and"):
                m = end
                break  # "..., a reporter, Azerbaijan's agency said": the list has ended
            end += 1
        else:
            break
        if end >= n or low[end] in (";", ".", ":"):
            m = end
            break
        m = end + 1
    if people < 2:
        return None
    return Count(people, start, m), ["<named>"] * people


def right_count(low: list[str], masked: list[bool], t: int, used: set[int], words: list[str] | None = None) -> list[tuple[Count, list[str]]]:
    """Figures read rightwards from an active verb: "killing three servicemen and two civilians"."""
    out: list[tuple[Count, list[str]]] = []
    k = t + 1
    while k < len(low) and len(out) < 3:
        if low[k] == "another" and (k + 1 >= len(low) or low[k + 1] in (",", ".", ";", "and", "in", "on", "near", "at", "when")):
            out.append((Count(1, k, k + 1), []))  # "killing four servicemen and wounding another"
            break
        if low[k] in ("his", "her", "their", "its") and k + 1 < len(low) and count_at(low, k + 1) is not None:
            k += 1  # "wounding his three colleagues"
        definite = _definite_person(low, k)
        if definite is not None:
            # "killing the driver", "injuring his passenger": one person, named by role
            out.append((Count(1, k, k + 1), low[k + 1:definite + 1]))
            k = definite + 1
            if k + 1 < len(low) and low[k] == "and":
                k += 1
                continue
            break
        while k < len(low) and low[k] in RIGHT_MODIFIERS:
            if low[k] == "the" and k + 1 < len(low) and count_at(low, k + 1) is None:
                break
            k += 1
        if k >= len(low) or masked[k] or k in used:
            break
        count = count_at(low, k)
        if count is None and words is not None:
            named = named_list(words, low, k)
            if named is not None:
                out.append(named)  # "killing AzTV cameraman Siraj Abishov, ... and Arif Aliyev, a local official"
                break
        if count is None and words is not None:
            # "killing 22-year-old Aram Tepnants", "wounding Private Armen Hakobyan"
            m = k
            while m < len(low) and m - k < 4 and (low[m].endswith("-old") or low[m] in MILITARY_WORDS or low[m] in CIVIL_WORDS or low[m] in NATION_ADJ):
                m += 1
            if m + 1 < len(low) and is_name(words, m + 1) and (m + 2 >= len(low) or not words[m + 2][:1].isupper()):
                out.append((Count(1, k, m + 2), low[k:m] + ["<named>"]))
                if m + 3 < len(low) and low[m + 2] == "and" and low[m + 3] not in ACTIVE_KILL and low[m + 3] not in ACTIVE_WOUND:
                    k = m + 3
                    continue
                break
        if count is None and low[k] in ("a", "an", "one") and k + 1 < len(low):
            nxt = low[k + 1]
            if nxt in ORDINALS and not (k + 2 < len(low) and (low[k + 2] in NOT_PEOPLE or low[k + 2] in NOT_A_PERSON)):
                count = Count(1, k, k + 2, more=True)  # "wounding a third"
            elif any(w in PERSON_WORDS or agent_noun(w) for w in low[k + 1:k + 5] if w not in (",", ".")) or NATION_ADJ.get(nxt):
                count = Count(1, k, k + 1)  # "wounding a State Border Service serviceman"
        if count is None:
            break
        np_end = count.end
        np: list[str] = []
        while np_end < len(low) and len(np) < 8:
            tok = low[np_end]
            if tok in RIGHT_NP_STOP:
                break
            np.append(tok)
            np_end += 1
        # "12 people on the Armenian side": the side is in the prepositional phrase
        if np_end + 3 < len(low) and low[np_end] == "on" and low[np_end + 1] == "the" and low[np_end + 3] == "side" and low[np_end + 2] in NATION_ADJ:
            np.append(low[np_end + 2])
            np_end += 4
        out.append((count, np))
        # coordination: "... and two civilians"
        if np_end + 1 < len(low) and low[np_end] == "and":
            k = np_end + 1
            continue
        break
    return out


_DEFINITE = frozenset({"the", "his", "her", "their", "its"})
_NOT_ONE = frozenset({"police", "crew", "personnel", "military", "army", "staff", "contract", "general"})


def _definite_person(low: list[str], k: int) -> int | None:
    """Index of the head noun of "the driver", "his passenger", "the tractor's driver" at k: one
    person named by role (a plural, a number or "the rest" is not one)."""
    if k >= len(low) or low[k] not in _DEFINITE:
        return None
    for m in range(k + 1, min(len(low), k + 4)):
        w = low[m]
        if w in PERSON_WORDS:
            if w.endswith("s") or w in _NOT_ONE or w in OTHER_PEOPLE:
                return None
            if m + 1 < len(low) and (low[m + 1] in PERSON_WORDS or low[m + 1].endswith("'s")):
                return None  # "the driver's son": the head is further on
            return m
        if word_value(w) is not None or w in (",", ";", ".", "and", "of") or w in AUX:
            return None
    return None


def lost_people(low: list[str], t: int) -> Count | None:
    """The count in "lost 71 servicemen" / "the loss of 50 troops" (people, not equipment)."""
    k = t + 1
    if low[t] in ("loss", "losses"):
        if k >= len(low) or low[k] != "of":
            return None
        k += 1
    while k < len(low) and low[k] in ("at", "least", "some", "about", "nearly", "more", "than", "over", "around"):
        k += 1
    count = count_at(low, k)
    if count is None and k + 1 < len(low) and low[k] in ("a", "an", "one"):
        count = Count(1, k, k + 1)  # "it had lost a soldier"
    if count is None or count.end >= len(low):
        return None
    head = [w for w in low[count.end:count.end + 3] if w not in NATION_ADJ and w not in ("contract", "young", "border")]
    if not head or head[0] not in MILITARY_WORDS and head[0] not in CIVIL_WORDS:
        return None
    tail = low[count.end + 1:count.end + 5]
    if any(w in WOUND_WORDS and k > 0 and tail[k - 1] in ("and", "or") and k > 1 and tail[k - 2] in KILL_WORDS
           for k, w in enumerate(tail)) or (tail[:1] and tail[0] in WOUND_WORDS):
        # "lost 550 servicemen killed and wounded": one figure for both, no claim ("200
        # servicemen killed and 300 wounded" has a count of its own for each)
        return None
    return count


def dies_later(low: list[str], t: int) -> bool:
    """ "wounded on Monday succumbed/died ...": the wounded participle modifies a subject that died."""
    if t > 1 and low[t - 2] == "who" or t > 2 and low[t - 3] == "who" and low[t - 1] in AUX:
        # "a soldier who was wounded on Monday when Armenian units fired ... died of his wounds"
        return who_died(low, t) is not None
    if t == 0 or low[t - 1] not in PERSON_WORDS:
        return False
    for k in range(t + 1, min(len(low), t + 18)):
        if low[k] in ("succumbed", "succumbs", "died", "dies"):
            return True
        if low[k] in AUX and k + 1 < len(low) and low[k + 1] in ("succumbed", "died", "since", "later"):
            continue  # "a soldier injured in Monday's shelling ... had died of his wounds"
        if low[k] in (",", ";", "and", "but", ".") or low[k] in AUX:
            return False
    return False


def who_died(low: list[str], t: int) -> int | None:
    """Index of "died"/"succumbed" whose subject carries the relative clause "who was wounded"
    at t (the clause may be long: "who was wounded on Monday when ... district died")."""
    for k in range(t + 1, min(len(low), t + 40)):
        if low[k] in (";", ".") or low[k] in ("said", "says", "reported"):
            return None
        if low[k] in ("succumbed", "succumbs", "died", "dies"):
            return k
    return None
