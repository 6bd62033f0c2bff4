"""Shared vocabulary of the claim extractor: trigger words, person nouns, nationality words.

Why a module of its own: the figure readers, the side rules, the denial rules and event
typing all ask the same questions of a token ("is it a person?", "does it name a side?");
keeping the word lists in one place means a new word ("recruits", "azeri") is added once and
every stage sees it.  `ci` compiles patterns for lower-cased text (faster than re.I).
The three placeholder sides (`BARE`, `TOLL_SIDE`, `DENY_SIDE`) mark decisions that need the
whole story and are settled in `claims.py`.
"""

from __future__ import annotations

import re


def ci(source: str) -> re.Pattern[str]:
    """Compile a pattern for lower-cased text: searching lower-cased text is much faster
    than re.I, so every `ci` pattern is only ever run on `text.lower()`."""
    return re.compile(source.lower())


MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"


MONTH_NAMES = frozenset({"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"})


KILL_WORDS = frozenset({"killed", "dead", "died", "dies", "die", "perished", "deaths", "fatalities", "slain", "martyred", "martyrs"})


WOUND_WORDS = frozenset({"wounded", "injured", "hurt", "wounds", "injuries", "burns", "injury", "wound"})


ACTIVE_KILL = frozenset({"killing", "killed", "kills", "kill"})


ACTIVE_WOUND = frozenset({"wounding", "injuring", "wounded", "injured", "injures", "wounds", "hurt", "hurting"})


AUX = frozenset({"was", "were", "been", "be", "being", "is", "are", "had", "have", "has", "got", "get"})


BE = frozenset({"was", "were", "been", "be", "being", "is", "are", "got", "get"})  # passive: "were killed"


MILITARY_WORDS = frozenset({
    "soldier", "soldiers", "serviceman", "servicemen", "servicewoman", "troops", "troop",
    "officer", "officers", "guard", "guards", "policeman", "policemen", "police", "conscript",
    "conscripts", "private", "privates", "sergeant", "sergeants", "lieutenant", "captain",
    "major", "colonel", "general", "commander", "commanders", "reservist", "reservists",
    "volunteers", "volunteer", "paramedic", "paramedics", "medic", "medics", "crew", "pilot",
    "pilots", "personnel", "fighters", "fighter", "peacekeeper", "peacekeepers", "army",
    "military", "contract", "sapper", "sappers", "servicemembers", "marines", "cadets",
    "forces", "ministry", "militants", "separatists", "formations", "formation", "gunmen",
    "defenders", "detachment", "servicewomen", "recruits", "recruit", "border-guard",
    "attackers", "assailants", "saboteurs", "infiltrators", "intruders",
})


CIVIL_WORDS = frozenset({
    "civilian", "civilians", "man", "men", "woman", "women", "boy", "boys", "girl", "girls",
    "child", "children", "people", "person", "resident", "residents", "villager", "villagers",
    "farmer", "farmers", "shepherd", "shepherds", "driver", "drivers", "worker", "workers",
    "employee", "employees", "driller", "journalist", "journalists", "pensioner", "teenager",
    "student", "students", "deminer", "deminers", "citizens", "citizen", "official", "officials",
    "passengers", "teacher", "doctor", "nurse", "builders", "labourers", "labourer", "locals",
    "mourners", "mourner", "worshippers", "pilgrims", "tourists", "operator", "operators", "cameraman",
    "correspondent", "correspondents", "reporter", "reporters", "engineer", "engineers", "electrician",
    "grandson", "granddaughter", "grandsons", "grandchildren", "grandfather", "grandmother", "son", "sons",
    "daughter", "daughters", "wife", "husband", "mother", "father", "brother", "brothers", "sister",
    "sisters", "nephew", "niece", "baby", "infant", "toddler", "schoolboy", "schoolgirl", "schoolchildren",
    "pupils", "herder", "herders", "beekeeper", "miner", "miners", "contractor", "contractors",
    "passenger", "pedestrian", "pedestrians", "hunter", "hunters", "fisherman", "fishermen", "watchman",
    "rescuer", "rescuers", "firefighter", "firefighters", "lifeguard", "guide", "cook", "inhabitant", "inhabitants",
})


NATIONAL_NOUNS = {"armenians": "Armenia", "azerbaijanis": "Azerbaijan", "russians": "Russia"}


OTHER_PEOPLE = frozenset({"others", "other", "more", "victims", "members", "member", "staff", "crewmen",
                          "colleagues", "colleague", "comrades", "comrade", "companions", "companion"})


PERSON_WORDS = MILITARY_WORDS | CIVIL_WORDS | OTHER_PEOPLE | set(NATIONAL_NOUNS)


NOT_PEOPLE = frozenset({
    "mine", "mines", "shell", "shells", "drone", "drones", "village", "villages", "house",
    "houses", "car", "cars", "vehicle", "vehicles", "tractor", "tyre", "building", "buildings",
    "position", "positions", "post", "posts", "helicopter", "aircraft", "truck", "road",
    "bridge", "statement", "report", "day", "days", "week", "weeks", "month", "months", "year",
    "years", "hour", "hours", "attack", "clash", "clashes", "incident", "blast", "explosion",
    "fire", "toll", "total", "number", "area", "flag", "field", "livestock", "cattle", "sheep",
    "family", "families", "group", "unit", "units", "side", "sides", "battalion", "company",
})


SPECIFIC_PEOPLE = (MILITARY_WORDS | CIVIL_WORDS) - {"people", "person", "victims", "citizens", "citizen"}


ORDINALS = frozenset({"second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"})


LIMBS = frozenset({"leg", "legs", "arm", "arms", "hand", "hands", "foot", "feet", "eye", "eyes", "limb", "limbs"})


POSSESSIVE_OWN = frozenset({"its", "their", "our", "own"})


NATION_ADJ = {
    "armenian": "Armenia", "armenia's": "Armenia", "armenia": "Armenia",
    "azerbaijani": "Azerbaijan", "azerbaijan's": "Azerbaijan", "azerbaijan": "Azerbaijan",
    "azeri": "Azerbaijan",
    "karabakh": "Karabakh", "karabakh's": "Karabakh", "nagorno-karabakh": "Karabakh",
    "nagorno-karabakh's": "Karabakh", "artsakh": "Karabakh", "artsakh's": "Karabakh",
    "russian": "Russia", "russia's": "Russia",
    "eu": "EU", "eu's": "EU", "european": "EU", "observers": "EU", "monitors": "EU", "mission": "EU",
}


KARABAKH_FORCES = frozenset({"formations", "formation", "separatists", "separatist"})


PARTIES = ("Armenia", "Azerbaijan", "Karabakh", "Russia")


SIDE_OF_PLACE = {"armenia": "Armenia", "azerbaijan": "Azerbaijan", "karabakh": "Karabakh"}


BARE = "<bare>"  # "the ministry said" with no side named anywhere before


TOLL_SIDE = "?"  # placeholder until merge decides whose toll it is


DENY_SIDE = "!"  # placeholder until merge decides whose losses a denial is about
