"""Country names and codes as lists and customer files write them -> ISO 3166-1 alpha-2.

pycountry holds the ISO tables; publishers add their own spellings ("Korea, North",
"Burma", "West Bank"), which live in the small table below.

>>> to_iso2("China"), to_iso2("cn"), to_iso2("Korea, North"), to_iso2("Bosnia-Herzegovina"), to_iso2("Atlantis")
('CN', 'CN', 'KP', 'BA', None)
"""

from __future__ import annotations

import functools
import re

import pycountry

# Publisher spellings pycountry does not resolve (or resolves to the wrong country).
_EXTRA = {
    "korea, north": "KP",
    "north korea": "KP",
    "korea, democratic people's republic of": "KP",
    "dprk": "KP",
    "korea, south": "KR",
    "south korea": "KR",
    "burma": "MM",
    "russia": "RU",
    "iran": "IR",
    "syria": "SY",
    "laos": "LA",
    "vietnam": "VN",
    "bolivia": "BO",
    "venezuela": "VE",
    "tanzania": "TZ",
    "moldova": "MD",
    "macau": "MO",
    "macao": "MO",
    "hong kong": "HK",
    "taiwan": "TW",
    "turkey": "TR",
    "turkiye": "TR",
    "czech republic": "CZ",
    "west bank": "PS",
    "gaza": "PS",
    "gaza strip": "PS",
    "palestinian": "PS",
    "palestine": "PS",
    "congo, democratic republic of the": "CD",
    "democratic republic of the congo": "CD",
    "congo, republic of the": "CG",
    "cote d ivoire": "CI",
    "ivory coast": "CI",
    "kosovo": "XK",
    "the gambia": "GM",
    "bahamas, the": "BS",
    "gambia, the": "GM",
    "micronesia, federated states of": "FM",
    "st. kitts and nevis": "KN",
    "st. vincent and the grenadines": "VC",
    "st. lucia": "LC",
    "united kingdom": "GB",
    "uk": "GB",
    "great britain": "GB",
    "united states": "US",
    "usa": "US",
    "u.s.": "US",
    "united arab emirates": "AE",
    "uae": "AE",
    "region: crimea": "UA",
    "crimea": "UA",
    "region: northern mali": "ML",
    "region: gaza": "PS",
    "bosnia-herzegovina": "BA",
    "north macedonia, the republic of": "MK",
    "macedonia, the former yugoslav republic of": "MK",
    "democratic people s republic of korea": "KP",
    "st. kitts & nevis": "KN",
    "brunei": "BN",
    "man, isle of": "IM",
    "virgin islands, british": "VG",
    "region: west bank": "PS",
    "curacao": "CW",
    "netherlands antilles": "AN",
    "yugoslavia": "YU",
    "serbia and montenegro": "CS",
    "soviet union": "SU",
    "ussr": "SU",
}

_SPACES = re.compile(r"\s+")


@functools.lru_cache(maxsize=4096)
def to_iso2(value: str | None) -> str | None:
    """An ISO alpha-2 code for a country code or name, or None when it is not a country."""
    if not value or not isinstance(value, str) or any(ch.isdigit() for ch in value):
        return None  # pycountry would read "004" as a numeric country code
    key = _SPACES.sub(" ", value.strip().strip(".").replace("'", " ")).casefold()
    if not key:
        return None
    if key in _EXTRA:
        return _EXTRA[key]
    if len(key) == 2:
        hit = pycountry.countries.get(alpha_2=key.upper())
        return hit.alpha_2 if hit else None
    if len(key) == 3:
        hit = pycountry.countries.get(alpha_3=key.upper())
        if hit:
            return hit.alpha_2
    try:
        return pycountry.countries.lookup(key).alpha_2
    except LookupError:
        return None
