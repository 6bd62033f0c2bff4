"""Who is the figure attributed to?  ("Armenia's Defence Ministry said", "according to Moscow")

Why a module of its own: the corpus counts a claim per *claimant*, so "seven killed, Baku
said" and "seven killed, Yerevan said" are different claims, and a figure given in the
outlet's own voice is `unattributed`.  This module finds *anchors* (a reporting verb with
its subject, or "according to X") in a tokenised sentence and decides which claimant each
anchor names.  Anaphoric subjects ("the ministry said", "it added") are returned as
`ANAPHOR` and resolved by the caller against the story's previous claimant.
"""

from __future__ import annotations

from dataclasses import dataclass

from .gazetteer import lookup

ANAPHOR = "?"
OWN = "<own>"  # "according to the two sides": each side speaks for its own losses

# Verbs that introduce reported speech.  Some need a particular object to count
# ("put its losses at", "gave its own account"); see `_verb_ok`.
SAY_VERBS = frozenset({
    "said", "says", "say", "saying", "told", "tells", "reported", "reports", "reporting",
    "announced", "announces", "stated", "states", "claimed", "claims", "claiming", "alleged",
    "alleges", "alleging", "added", "adding", "noted", "noting", "confirmed", "confirms",
    "confirming", "insisted", "insists", "accused", "accuses", "accusing", "put", "puts",
    "putting", "gave", "gives", "wrote", "writes", "posted", "published", "admitted",
    "estimated", "estimates", "counted", "counts", "informed", "declared", "warned",
    "called", "calls", "described", "acknowledged", "acknowledges", "conceded", "concedes",
    "raised", "raises", "revised", "revises", "updated", "updates", "lowered", "lowers",
    # state-outlet style: "The Ministry of Defense of the Republic of Armenia informs that ..."
    "informs", "informing", "stressed", "stresses", "emphasized", "emphasised", "emphasizes",
    "emphasises", "clarified", "clarifies", "specified", "specifies", "underlined", "underlines",
})
# "Armenia raised its toll to 49": these report only with a toll or figure as their object
REVISE_VERBS = frozenset({"raised", "raises", "revised", "revises", "updated", "updates", "lowered", "lowers"})
DENY_VERBS = frozenset({
    "denied", "denies", "deny", "denying", "dismissed", "dismisses", "dismissing", "rejected", "rejects",
    "rejecting", "refuted", "refutes", "refuting", "disputed", "disputes", "disputing",
})
PHRASAL_DENY = frozenset({"brushed", "brushing", "brushes", "waved", "waving", "waves", "laughed", "shrugged"})  # "brushed aside"
NOUN_ANCHORS = frozenset({"claim", "report", "statement", "figures", "figure", "account", "data", "tally"})
FALSE_WORDS = frozenset({"false", "untrue", "disinformation", "fake", "lie", "lies", "groundless", "baseless", "fabricated", "fabrication"})

DASHES = frozenset({"—", "–", "-"})
# "Armenian claims that ...": a nation adjective before "claims"/"reports" makes them nouns
NATION_WORDS = frozenset({"armenian", "azerbaijani", "russian", "karabakh", "armenia's", "azerbaijan's"})
# Unambiguous institution names; checked anywhere in the subject window first.
STRONG_ORGS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("un", "security", "council"), "other"),
    (("eu", "mission"), "EU"),
    (("european", "union"), "EU"),
    (("defence", "army"), "Karabakh"),
    (("defense", "army"), "Karabakh"),
    (("human", "rights", "watch"), "other"),
    (("amnesty",), "other"),
    (("red", "cross"), "other"),
    (("prosecutor", "general"), "Azerbaijan"),
    (("prosecutor-general",), "Azerbaijan"),
    (("state", "border", "service"), "Azerbaijan"),
    (("mine", "action", "agency"), "Azerbaijan"),
    (("investigative", "committee"), "Armenia"),
)
# Words naming a side, nearest-to-the-verb wins.
SIDE_WORDS: dict[str, str] = {
    "karabakh": "Karabakh", "nagorno-karabakh": "Karabakh", "artsakh": "Karabakh",
    "stepanakert": "Karabakh",
    "armenia": "Armenia", "armenian": "Armenia", "yerevan": "Armenia", "pashinyan": "Armenia",
    "mirzoyan": "Armenia",
    "azerbaijan": "Azerbaijan", "azerbaijani": "Azerbaijan", "baku": "Azerbaijan",
    "aliyev": "Azerbaijan", "bayramov": "Azerbaijan", "hajizada": "Azerbaijan",
    "hajiyev": "Azerbaijan", "anama": "Azerbaijan",
    "russia": "Russia", "russian": "Russia", "moscow": "Russia", "kremlin": "Russia",
    "peskov": "Russia", "zakharova": "Russia", "shoigu": "Russia", "lavrov": "Russia",
    "putin": "Russia",
    "eu": "EU", "euma": "EU", "eeas": "EU", "brussels": "EU",
    # independent sources
    "group": "other", "company": "other", "operator": "other", "doctor": "other",
    "hospital": "other", "residents": "other", "witnesses": "other", "ngo": "other",
    "watchdog": "other", "osce": "other", "icrc": "other", "un": "other", "researchers": "other",
    "journalists": "other", "analysts": "other", "activists": "other", "villagers": "other",
    "relatives": "other", "family": "other", "medics": "other", "media": "other",
    "outlets": "other", "newspaper": "other", "broadcaster": "other", "channel": "other", "tabloid": "other", "website": "other", "blogger": "other",
    "bloggers": "other", "monitor": "other", "observatory": "other", "amnesty": "other",
    "charity": "other", "trust": "other", "foundation": "other", "contractor": "other", "firm": "other",
    "organisation": "other", "organization": "other", "ngos": "other", "halo": "other", "msf": "other",
    "eyewitnesses": "other", "eyewitness": "other", "sources": "other", "lawyer": "other", "lawyers": "other",
    # media figures ("RT editor-in-chief Margarita Simonyan wrote"): a figure they relay is theirs
    "editor": "other", "editor-in-chief": "other", "journalist": "other", "correspondent": "other",
    "commentator": "other", "presenter": "other", "columnist": "other", "reporter": "other",
    "war-correspondent": "other", "milblogger": "other",
    "employer": "other", "institute": "other", "experts": "other", "charities": "other", "companies": "other",
}
# Used only if no side word is in the window: Karabakh's ombudsman and police were the
# usual sources; Armenia's own ombudsman is written "Armenia's ombudsman".
WEAK_WORDS: dict[str, str] = {"ombudsman": "Karabakh", "defender": "Karabakh"}
ANAPHOR_WORDS = frozenset({
    "ministry", "it", "he", "she", "they", "office", "council", "army", "military", "service",
    "services", "officials", "official", "authorities", "spokesman", "spokeswoman",
    "spokesperson", "committee", "department", "agency", "government", "police", "command",
    "side", "ministries", "statement", "minister", "we", "president", "aide", "commission",
    "governor", "mayor", "administration", "municipality", "head", "chief", "prosecutors",
    "investigators", "rescuers", "officer", "commander", "headquarters", "staff", "centre",
    "center", "serviceman", "mission", "monitors", "observers", "patrol", "mod",
})
# Words that end a subject window going backwards.
_STOP = frozenset({";", ":", ".", "that", "\"", "'", "‘", "’", "“", "”", "(", ")", "which", "who", "when", "after", "while", "because", "as", "where"})
_ELIDED = frozenset({"and", "also", "later", "then", "has", "had", "have", "but", "it", "first", "further", "previously"})


@dataclass(slots=True)
class Anchor:
    """A reporting verb (or "according to") at tokens[start:end] and whom it names."""

    start: int
    end: int
    claimant: str | None  # a CLAIMANTS value, ANAPHOR, or None when nothing was found
    deny: bool = False
    verb: str = ""
    anaphor: bool = False  # the subject was "the ministry", "it": resolved against context
    noun: bool = False  # "Baku's claim", "a report by Baku": names a source, is no subject for "and said"
    subject: tuple[str, ...] = ()  # the words naming the speaker ("the", "eu", "mission", "in", "armenia")


# STRONG_ORGS by first word, with each key's rank (the first key in STRONG_ORGS order wins)
_STRONG_BY_FIRST: dict[str, list[tuple[int, tuple[str, ...], str]]] = {}
for _rank, (_key, _claimant) in enumerate(STRONG_ORGS):
    _STRONG_BY_FIRST.setdefault(_key[0], []).append((_rank, _key, _claimant))


def _strong(words: list[str]) -> str | None:
    """The STRONG_ORGS name in words (earliest in STRONG_ORGS order), looked up by first word (speed)."""
    best: tuple[int, str] | None = None
    n = len(words)
    for i, w in enumerate(words):
        for rank, key, claimant in _STRONG_BY_FIRST.get(w, ()):
            k = len(key)
            if (best is None or rank < best[0]) and i + k <= n and tuple(words[i:i + k]) == key:
                best = (rank, claimant)
    return best[1] if best else None


def classify_strong(low: list[str]) -> str | None:
    """Only unambiguous institution names (used to resolve "the army said" with no context)."""
    return _strong([w[:-2] if w.endswith("'s") else w for w in low])


def classify(low: list[str]) -> str | None:
    """Claimant named by a subject window (lower-cased tokens, in text order)."""
    if not low:
        return None
    words = [w[:-2] if w.endswith("'s") else w for w in low]
    n = len(words)
    strong = _strong(words)
    if strong is not None:
        if strong in ("Armenia", "Azerbaijan"):
            # "Armenia's Prosecutor General", "Russia's Investigative Committee": the country
            # named with a body both sides (or Russia) have wins over the usual owner
            named = [SIDE_WORDS[w] for w in words if SIDE_WORDS.get(w) in ("Armenia", "Azerbaijan", "Russia")]
            if named and strong not in named:
                return named[-1]
        return strong
    if "sides" in words and ("both" in words or "two" in words):
        return OWN
    if "armenian" in words or "armenians" in words:
        # "the region's ethnic Armenian ombudsman", "Karabakh Armenian authorities": the
        # Karabakh Armenians' own authorities, not Yerevan's
        for i in range(1, n):
            if words[i] in ("armenian", "armenians") and words[i - 1] in ("ethnic", "karabakh", "nagorno-karabakh", "separatist", "local"):
                return "Karabakh"
    for word in reversed(words):
        hit = SIDE_WORDS.get(word)
        if hit:
            return hit
    for word in reversed(words):
        hit = WEAK_WORDS.get(word)
        if hit:
            return hit
    for word in reversed(words):
        if word in ANAPHOR_WORDS:
            # "the Martuni police department": a place in the window tells whose police
            for other in reversed(words):
                place = lookup(other)
                if place is not None and len(other) > 3:
                    return {"karabakh": "Karabakh", "armenia": "Armenia", "azerbaijan": "Azerbaijan"}[place.side]
            return ANAPHOR
    return None


def _subject_window(low: list[str], verb: int) -> tuple[list[str], bool]:
    """Tokens naming the subject of the verb at `verb`; second value: subject elided.

    The window runs back to a clause stop, crossing at most two commas so that
    "Baku, for its part, accused" still finds Baku.  "... and said", ", adding that"
    have no subject of their own: they continue the previous anchor.
    """
    k = verb - 1
    while k >= 0 and low[k] in _ELIDED and low[k] not in ("and", "it"):
        k -= 1
    if k >= 0 and (low[k] == "and" or (low[k] in (",", "after", "before", "while", "besides") and low[verb].endswith("ing"))):
        return [], True  # ", adding that", "after rejecting a similar claim": the previous speaker
    window: list[str] = []
    i = verb - 1
    segments = 0
    if i > 0 and low[i] == ",":
        # "The command of the Russian contingent, which was informed, said": the speaker is
        # before the relative clause
        for k in range(i - 1, max(0, i - 10), -1):
            if low[k] == ",":
                if k + 1 < i and low[k + 1] in ("which", "who"):
                    i = k - 1
                break
            if low[k] in (";", ".", ":"):
                break
    while i >= 0 and len(window) < 14:
        tok = low[i]
        if tok == ")" and "(" in low[max(0, i - 4):i]:
            i = i - 1 - low[max(0, i - 4):i][::-1].index("(") - 1  # "the Mine Action Agency (ANAMA) said"
            continue
        if tok in _STOP or tok in SAY_VERBS or tok in DENY_VERBS:
            break
        if tok == ",":
            segments += 1
            found = classify(window)
            # "the Prosecutor General's Office, the Interior Ministry and the State Security
            # Service said": a coordinated subject continues past the comma
            if found == ANAPHOR and "and" in window and segments <= 3:
                i -= 1
                continue
            if found is not None or segments > 2:
                break
            k = i - 1
            while k >= 0 and low[k] not in (",", ";", ".", ":"):
                if low[k] in _NEWS_WORDS:
                    # "... were wounded in Karabakh on Tuesday, Interfax reported": the clause
                    # before the comma is the news, not the speaker
                    return window, False
                k -= 1
            i -= 1
            continue
        window.insert(0, tok)
        i -= 1
    return window, False


def _names_nobody(low: list[str], verb: int) -> bool:
    """The words right before a verb, back to the comma, name no authority ("..., RIA Novosti
    reported, citing ...") - an outlet relaying, not a speaker of its own."""
    k = verb - 1
    while k >= 0 and low[k] not in (",", ";", ".", ":"):
        k -= 1
    return classify(low[k + 1:verb]) in (None, "other")


# Words of the news itself (a clause holding one is no part of a speaker's name)
_NEWS_WORDS = frozenset({"killed", "wounded", "injured", "died", "dead", "hurt", "killing", "wounding", "injuring"})


def _verb_ok(low: list[str], i: int) -> bool:
    """Reject reporting verbs used in a non-reporting sense ("trying to put up a flag")."""
    verb = low[i]
    nxt = low[i + 1: i + 5]
    if verb in REVISE_VERBS:
        return any(w in ("toll", "tally", "figure", "figures", "count", "number", "estimate") for w in nxt)
    if verb in ("put", "puts", "putting"):
        return any(w in ("losses", "toll", "casualties", "figure", "number", "dead") for w in nxt)
    if verb in ("called", "calls"):
        return not nxt or nxt[0] not in ("for", "on", "up", "off", "upon", "in", "out", "back")
    if verb in ("gave", "gives"):
        return "account" in nxt or "figures" in nxt or "figure" in nxt or "toll" in nxt
    if verb in ("counted", "counts", "estimated", "estimates", "posted", "published", "informed", "declared", "warned"):
        return i > 0 and low[i - 1] not in ("to", "be", "was", "were", "been")
    if i > 0 and low[i - 1] in ("to", "be", "been", "being"):
        return False
    if i > 0 and (low[i - 1] in ("not", "never", "yet") or low[i - 1].endswith("n't")):
        return False  # "Baku has not reported its losses": no one speaks
    return True


def _up_to_comma(tokens: list[str]) -> list[str]:
    """ "which Azerbaijan calls Farukh, a statement Baku rejected as untrue": the object of
    "calls" ends at the comma."""
    return tokens[: tokens.index(",")] if "," in tokens else tokens


def find_anchors(words: list[str], low: list[str]) -> list[Anchor]:
    """Anchors of one sentence, in text order, each with its claimant (or ANAPHOR/None)."""
    anchors: list[Anchor] = []
    n = len(low)
    if ":" in low[1:7]:
        # headline style: "Armenian Defence Ministry: drone strike kills two soldiers"
        colon = low.index(":")
        found = classify(low[:colon])
        if found is not None and (found != ANAPHOR or colon <= 4):
            # "Armenian Defence Ministry: ...", "MoD: ..." (whose, the outlet or the story says)
            anchors.append(Anchor(0, colon + 1, found, verb=":", subject=tuple(low[:colon])))
    if n > 3 and low[-1] in (".", "!") and any(d in low[-8:] for d in DASHES):
        # flash style: "Two servicemen wounded near Sotk — Armenian MoD."
        dash = max(k for k in range(max(0, n - 8), n) if low[k] in DASHES)
        found = classify(low[dash + 1:n - 1]) if 0 < dash < n - 2 else None
        if found is not None:
            anchors.append(Anchor(dash, n - 1, found, verb="—", subject=tuple(low[dash + 1:n - 1])))
    for i, tok in enumerate(low):
        if tok == "citing" and i > 0 and low[i - 1] == "," and i + 1 < n:
            # "..., RIA Novosti reported, citing Russia's Defence Ministry": the source cited is the
            # claimant (README rule 5), not the outlet relaying it
            j = i + 1
            ent = []
            while j < n and low[j] not in (",", ";", ".", ":", "who", "which", "that", "as") and len(ent) < 10:
                ent.append(low[j])
                j += 1
            found = classify(ent)
            relayed = [a for a in anchors if a.end <= i and i - a.end <= 2 and not a.noun]
            if found is not None and found != ANAPHOR and all(_names_nobody(low, a.start) for a in relayed):
                # (an authority citing "intelligence sources" still speaks for itself)
                for prior in relayed:
                    prior.claimant = found  # the relaying outlet's verb speaks for the source
                anchors.append(Anchor(i, j, found, verb="according", subject=tuple(ent)))
            continue
        if tok == "according" and i + 1 < n and low[i + 1] == "to":
            j = i + 2
            ent: list[str] = []
            while j < n and low[j] not in (",", ";", ".", ":", "who", "which", "that", "whose") and len(ent) < 12:
                ent.append(low[j])  # "according to local residents who blamed Azerbaijani troops": the residents
                j += 1
            anchors.append(Anchor(i, j, classify(ent), verb="according", subject=tuple(ent)))
            continue
        deny = tok in DENY_VERBS or (tok in PHRASAL_DENY and i + 1 < n and low[i + 1] in ("aside", "away", "off"))
        if not deny and tok not in SAY_VERBS and tok not in NOUN_ANCHORS:
            continue
        if tok in ("reports", "claims") and 0 < i < n - 1 and low[i + 1] == "of" and low[i - 1] in ("that", "the", "these", "those", "such", "denied", "rejected"):
            continue  # "said that reports of Armenian units opening fire were untrue": a noun, no speaker
        # "Armenian claims that ...", "an Azerbaijani claim that Armenian fire had wounded one of its soldiers"
        nation_noun = tok in ("reports", "claims", "claim", "report", "statement") and i > 0 and low[i - 1] in NATION_WORDS and i + 1 < n and low[i + 1] in ("that", "of")
        if tok in NOUN_ANCHORS or (tok in ("reports", "claims") and i > 0 and low[i - 1].endswith("'s")) or nation_noun:
            # "Baku's claim that ...", "by Armenia's figures", "Armenian claims that ..."
            if i > 0 and (low[i - 1].endswith("'s") or nation_noun) and (i + 1 >= n or low[i + 1] in ("that", ",", "of")):
                anchors.append(Anchor(i - 1, i + 1, classify([low[i - 1]]), verb=tok, noun=True))
            elif i + 2 < n and low[i + 1] in ("by", "from"):
                # "a report by Baku that one of its soldiers had been hit"
                j = i + 2
                ent = []
                while j < n and low[j] not in ("that", ",", ";", ".", ":", "of") and len(ent) < 8:
                    ent.append(low[j])
                    j += 1
                found = classify(ent)
                if found is not None and found != ANAPHOR and (j >= n or low[j] in ("that", ",", ":", "of")):
                    anchors.append(Anchor(i, j, found, verb=tok, noun=True))
            continue
        if (tok in ("reported", "said") and i > 0 and low[i - 1] in ("was", "were", "is", "are", "been")) or (
                i > 0 and low[i - 1] == "as" and i + 1 < n and low[i + 1] == "by"):
            # "As reported by the Ministry of Defense of Azerbaijan, ...", "as stated by the ministry"
            # passive: "200 people were reported killed by the region's ombudsman"; without an
            # agent ("were reported killed") the figure has no claimant of its own
            j = next((k for k in range(i + 1, min(n, i + 5)) if low[k] == "by"), None)
            if j is not None:
                ent = []
                k = j + 1
                while k < n and low[k] not in (",", ";", ".", ":", "on", "in", "at", "that") and len(ent) < 10:
                    ent.append(low[k])
                    k += 1
                found = classify(ent)
                if found is not None and found != ANAPHOR:
                    anchors.append(Anchor(j, k, found, verb=tok))
            continue
        if tok == "reported" and i > 0 and low[i - 1][:1].isdigit():
            continue  # "up from 16 reported on the first evening": an earlier figure, not speech
        if not _verb_ok(low, i):
            continue
        if tok in ("called", "calls", "described") and any(
            w in FALSE_WORDS for w in _up_to_comma(low[i + 1: i + 15])
        ):
            deny = True  # "called the report false", "described the claims as disinformation"
        window, elided = _subject_window(low, i)
        if elided and not anchors and i > 1 and low[i - 1] == ",":
            # "Azerbaijan's Defence Ministry, rejecting the report, said": the subject is
            # before the comma when nothing in the sentence was said before it
            head = [w for w in low[max(0, i - 8):i - 1] if w not in (",",)]
            if classify(head) not in (None,):
                window, elided = head, False
        claimant = classify(window)
        if claimant is None and not window and i >= 3 and low[i - 1] in ("which", "who") and low[i - 2] == ",":
            # "Yerevan, which reported three of its soldiers killed, blamed Baku": the relative
            # pronoun's antecedent speaks
            head: list[str] = []
            for w in reversed(low[max(0, i - 8):i - 2]):
                if w in _STOP or w == ",":
                    break
                head.insert(0, w)
            claimant = classify(head)
        inverted_form = (
            tok in ("said", "says") and i > 0 and low[i - 1] == ","
            and i + 1 < n and words[i + 1][:1].isupper()
        )
        if inverted_form or (claimant is None and tok in ("said", "says") and i > 0 and low[i - 1] == ","):
            # inverted: "..., said Ruzanna Grigoryan, a spokeswoman for the operator".  Never
            # "told": what follows it is the hearer ("..., the head of Armenia's Investigative
            # Committee, told Public Television"), and the speaker is before it
            j = i + 1
            ent = []
            while j < n and low[j] not in (";", ".", ":", "that") and len(ent) < 14:
                ent.append(low[j])
                j += 1
            inverted = classify(ent)
            if inverted is None and j > i + 1 and words[i + 1][:1].isupper():
                inverted = "other"  # a named person with no affiliation we know
            claimant = inverted
            elided = False
        if elided:
            speakers = [a for a in anchors if not a.noun]
            claimant = speakers[-1].claimant if speakers else ANAPHOR
        anchors.append(Anchor(i, i + 1, claimant, deny=deny, verb=tok, subject=tuple(window)))
    return anchors
