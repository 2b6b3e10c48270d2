"""Company legal forms and common abbreviations, mapped to one canonical token each.

Legal forms are recognized, not deleted: they stay in the name as tokens of kind
LEGAL, which scoring weighs lightly ("Megvii Technology Ltd" and "Megvii Technology
Limited" agree; "Acme Ltd" and "Acme GmbH" still differ a little). Equivalent forms of
other languages share the canonical token (OOO, TOV and the written-out Russian
"obshchestvo s ogranichennoi otvetstvennostyu" are LLC; AO is JSC), and a long legal
word one typo away is still recognized (LIMTIED).

>>> canonical_tokens(["megvii", "tech", "co", "limited"])
(['megvii', 'technology', 'co', 'ltd'], [False, False, True, True])
>>> canonical_tokens(["aktsionernoe", "obshchestvo", "gazprombank"])[0]
['jsc', 'gazprombank']
"""

from __future__ import annotations

import functools

from rapidfuzz.distance import OSA


def _words(spellings: str) -> frozenset[str]:
    return frozenset(spellings.split("|"))


_OBSHCHESTVO = _words("obshchestvo|obschestvo|obshestvo|obshchestva")
_AKTSIONERNOE = _words("aktsionernoe|aktsionernoye|akcionernoe|aktsionernoie")

# Multi-word legal forms, longest first; each word given as its spellings.
_RUSSIAN: tuple[tuple[tuple[frozenset[str], ...], str], ...] = (
    ((_OBSHCHESTVO, _words("s"), _words("ogranichennoi|ogranichennoy|ogranichennoj"),
      _words("otvetstvennostyu|otvetstvennostiu|otvetstvennostju|otvetstvennost")), "llc"),
    ((_words("publichnoe|publichnoye"), _AKTSIONERNOE, _OBSHCHESTVO), "pjsc"),
    ((_words("otkrytoe|otkrytoye"), _AKTSIONERNOE, _OBSHCHESTVO), "ojsc"),
    ((_words("zakrytoe|zakrytoye"), _AKTSIONERNOE, _OBSHCHESTVO), "cjsc"),
    ((_AKTSIONERNOE, _OBSHCHESTVO), "jsc"),
)
_PHRASES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("public", "joint", "stock", "company"), "pjsc"),
    (("open", "joint", "stock", "company"), "ojsc"),
    (("closed", "joint", "stock", "company"), "cjsc"),
    (("limited", "liability", "company"), "llc"),
    (("limited", "liability", "partnership"), "llp"),
    (("public", "limited", "company"), "plc"),
    (("joint", "stock", "company"), "jsc"),
    (("sp", "z", "o", "o"), "spzoo"),
    (("private", "limited"), "pvt ltd"),
    (("pty", "ltd"), "pty ltd"),
    (("s", "a"), "sa"),
    (("s", "p", "a"), "spa"),
    (("b", "v"), "bv"),
    (("n", "v"), "nv"),
)

# Single-token spellings -> canonical legal-form token.
_LEGAL = {
    "ltd": "ltd", "limited": "ltd", "ltda": "ltd",
    "co": "co", "company": "co", "cos": "co", "companies": "co",
    "corp": "corp", "corporation": "corp",
    "inc": "inc", "incorporated": "inc",
    "llc": "llc", "llp": "llp", "lp": "lp", "plc": "plc",
    "pjsc": "pjsc", "ojsc": "ojsc", "cjsc": "cjsc", "jsc": "jsc",
    "gmbh": "gmbh", "ag": "ag", "kg": "kg", "mbh": "mbh", "ug": "ug",
    "sa": "sa", "sas": "sas", "sarl": "sarl", "srl": "srl", "spa": "spa",
    "bv": "bv", "nv": "nv", "ab": "ab", "oy": "oy", "as": "as", "asa": "asa",
    "ooo": "llc", "oao": "ojsc", "zao": "cjsc", "pao": "pjsc", "ao": "jsc", "tov": "llc", "too": "llp",
    "pvt": "pvt", "pte": "pte", "pty": "pty", "bhd": "bhd", "sdn": "sdn",
    "kk": "kk", "kabushiki": "kk", "kaisha": "kk", "gk": "gk",
    "sirketi": "sirketi", "fze": "fze", "fzco": "fzco", "fzc": "fzc", "fzllc": "fzllc",
    "spzoo": "spzoo", "sro": "sro", "kft": "kft", "doo": "doo",
    "youxian": "youxian", "gongsi": "gongsi", "gufen": "gufen", "zeren": "zeren",
}

# Long legal words recognized with one typo.
_LONG_LEGAL = ("limited", "company", "corporation", "incorporated")

# Abbreviations that mean the same word as their long form.
_ABBREVIATIONS = {
    "tech": "technology", "techn": "technology", "technologies": "technology", "techs": "technology",
    "intl": "international", "internat": "international",
    "grp": "group", "comm": "communication", "comms": "communication",
    "communications": "communication", "telecomm": "telecommunication",
    "telecommunications": "telecommunication", "mfg": "manufacturing",
    "engg": "engineering", "inds": "industry",
    "industries": "industry", "industrial": "industry", "svcs": "services", "svc": "services",
    "service": "services", "hldg": "holding", "hldgs": "holding", "holdings": "holding",
    "mgmt": "management", "natl": "national", "assn": "association", "bros": "brothers",
    "dept": "department", "elec": "electronics", "electronic": "electronics",
    "sys": "systems", "system": "systems", "trdg": "trading",
    "investments": "investment",
    "devt": "development", "enterprises": "enterprise", "rep": "representative",
}


# Dotted abbreviations that are one word (S.A., U.S.A.); other dotted letters are initials.
DOTTED_WORDS = frozenset(_LEGAL) | {"usa", "us", "uk", "uae", "ussr", "prc", "dprk", "cv", "sl", "rl", "ltda"}


_PHRASE_STARTS = frozenset(p[0] for p, _ in _PHRASES).union(*(w[0] for w, _ in _RUSSIAN))


def canonical_tokens(tokens: list[str]) -> tuple[list[str], list[bool]]:
    """Replace abbreviations and legal forms by canonical tokens; flag the legal forms."""
    out: list[str] = []
    legal: list[bool] = []
    i = 0
    while i < len(tokens):
        length, canonical = _phrase_at(tokens, i)
        if length:
            out += canonical.split()
            legal += [True] * len(canonical.split())
            i += length
            continue
        tok = tokens[i]
        form = _LEGAL.get(tok) or _long_legal(tok)
        out.append(form or _ABBREVIATIONS.get(tok, tok))
        legal.append(form is not None)
        i += 1
    return out, legal


def _phrase_at(tokens: list[str], i: int) -> tuple[int, str]:
    """The length and canonical form of the multi-word legal form starting at ``tokens[i]``, or (0, "")."""
    if tokens[i] not in _PHRASE_STARTS:
        return 0, ""
    for phrase, canonical in _PHRASES:
        if tuple(tokens[i:i + len(phrase)]) == phrase:
            return len(phrase), canonical
    for words, canonical in _RUSSIAN:
        if len(tokens) - i >= len(words) and all(t in w for t, w in zip(tokens[i:], words)):
            return len(words), canonical
    return 0, ""


@functools.lru_cache(maxsize=1 << 16)
def _long_legal(token: str) -> str | None:
    if len(token) < 6:
        return None
    for word in _LONG_LEGAL:
        if OSA.distance(token, word, score_cutoff=1) <= 1:
            return _LEGAL[word]
    return None
