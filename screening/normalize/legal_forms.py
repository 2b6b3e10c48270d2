"""Company legal forms and common abbreviations, mapped to one canonical token each.

Legal forms are recognized, not deleted: they stay in the name as tokens of kind
LEGAL, which scoring weighs lightly ("Megvii Technology Ltd" and "Megvii Technology
Limited" agree; "Acme Ltd" and "Acme GmbH" still differ a little).

>>> canonical_tokens(["megvii", "tech", "co", "limited"])
(['megvii', 'technology', 'co', 'ltd'], [False, False, True, True])
"""

from __future__ import annotations

# Multi-word legal forms, longest first; matched on whole tokens.
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
    "ooo": "ooo", "oao": "oao", "zao": "zao", "pao": "pao", "ao": "ao", "tov": "tov",
    "pvt": "pvt", "pte": "pte", "pty": "pty", "bhd": "bhd", "sdn": "sdn",
    "kk": "kk", "kabushiki": "kk", "kaisha": "kk", "gk": "gk",
    "sirketi": "sirketi", "fze": "fze", "fzco": "fzco", "fzc": "fzc", "fzllc": "fzllc",
    "spzoo": "spzoo", "sro": "sro", "kft": "kft", "doo": "doo",
    "youxian": "youxian", "gongsi": "gongsi", "gufen": "gufen", "zeren": "zeren",
}

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
    "devt": "development", "enterprises": "enterprise",
}


# Dotted abbreviations that are one word (S.A., U.S.A.); other dotted letters are initials.
DOTTED_WORDS = frozenset(_LEGAL) | {"usa", "us", "uk", "uae", "ussr", "prc", "dprk", "cv", "sl", "rl", "ltda"}


def canonical_tokens(tokens: list[str]) -> tuple[list[str], list[bool]]:
    """Replace abbreviations and legal forms by canonical tokens; flag the legal forms."""
    out: list[str] = []
    legal: list[bool] = []
    i = 0
    while i < len(tokens):
        for phrase, canonical in _PHRASES:
            if tuple(tokens[i:i + len(phrase)]) == phrase:
                for part in canonical.split():
                    out.append(part)
                    legal.append(True)
                i += len(phrase)
                break
        else:
            tok = tokens[i]
            if tok in _LEGAL:
                out.append(_LEGAL[tok])
                legal.append(True)
            else:
                out.append(_ABBREVIATIONS.get(tok, tok))
                legal.append(False)
            i += 1
    return out, legal
