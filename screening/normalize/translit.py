"""Latin spellings that differ only by transliteration convention.

One Russian, Ukrainian or Arabic name reaches a customer file in several Latin
spellings: BGN/PCGN, passport (ICAO), French and German conventions, or English habit
(Aleksei / Alexei / Aleksey, Wladimir / Vladimir, Dmitriy / Dmitry, Poutine / Putin,
Reznick / Reznik, Youssef / Yusef). Two things bring them together:

* :func:`fold` maps a token to a coarse spelling used only for comparing tokens
  (the index's fuzzy look-up compares folded tokens too); tokens are not rewritten,
  so a typo in "Mohamkad" still meets "Mohammad". It starts from one spelling for the
  commonest Arabic given names (:data:`GIVEN_NAME_VARIANTS`: Mohammed / Muhammad /
  Mohamad), which edit distance alone would not call the same;
* :data:`PARTICLES` rewrites the short name elements (el / al, abdul / abdel / abd),
  too short for fuzzy comparison, and :func:`particle_tokens` splits an "Abd al-" run
  into its name (Abdulrahman / Abdul Rahman).

Patronymics (Ivanovich, Yanovych, Petrovna) are recognized so scoring can weigh a
missing one lightly: lists often carry them, customer files often do not.

>>> [fold(t) for t in ("aleksei", "alexey", "wladimir", "dmitriy", "reznick", "poutine")]
['alexi', 'alexi', 'vladimir', 'dmitri', 'reznik', 'putine']
"""

from __future__ import annotations

import functools
import re

# Applied in order; each maps a spelling habit to one form.
_FOLDS: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p), r) for p, r in (
    (r"ks", "x"),
    (r"ck", "k"),
    (r"w", "v"),
    (r"^j(?=[aeiou])", "y"),  # Jakunin / Yakunin
    (r"(?<=[aeiou])j", "y"),  # Sergej / Sergey
    (r"ph", "f"),
    (r"kh", "h"),
    (r"gh", "g"),
    (r"q", "k"),
    (r"(?<=[^aeiou])ou|^ou", "u"),  # Poutine, Youssef (not "Daoud")
    (r"oo", "u"),
    (r"ee", "i"),
    (r"y", "i"),
    (r"(?<=[^aeiou])ie", "e"),  # Ievgeni / Evgeni after y -> i
    (r"^ie", "e"),
    (r"ei$|ii$|ij$", "i"),
    (r"(.)\1", r"\1"),  # doubled letters: Hussein / Husein, Mohammed / Mohamed
))

GIVEN_NAME_VARIANTS = {
    **dict.fromkeys(["mohammed", "mohammad", "mohamed", "mohamad", "muhammed", "muhamad", "muhammet",
                     "mohammet", "mehmet", "mohd", "muhammad"], "muhammad"),
    **dict.fromkeys(["ahmed", "ahmad", "ahmet"], "ahmad"),
    **dict.fromkeys(["hussein", "husain", "husayn", "hossein", "hosein", "hussain", "husein", "hussien"],
                    "husayn"),
    **dict.fromkeys(["hassan", "hasan"], "hasan"),
    **dict.fromkeys(["mahmoud", "mahmood", "mahmud"], "mahmud"),
    **dict.fromkeys(["mustafa", "mostafa", "moustafa", "mustapha"], "mustafa"),
    **dict.fromkeys(["youssef", "yousef", "yusuf", "yousif", "yusef", "youssif", "yousuf"], "yusuf"),
    **dict.fromkeys(["osama", "usama", "ousama"], "usama"),
    **dict.fromkeys(["omar", "umar", "omer"], "umar"),
    **dict.fromkeys(["khaled", "khalid"], "khalid"),
    **dict.fromkeys(["ibrahim", "ebrahim", "ibraheem"], "ibrahim"),
    **dict.fromkeys(["abdullah", "abdallah", "abdulla"], "abdullah"),
    **dict.fromkeys(["saif", "seif", "sayf", "sayef"], "sayf"),
}
PARTICLES = {"el": "al", "abou": "abu", **dict.fromkeys(["abdul", "abdel", "abdal", "abdol", "abdoul"], "abd")}
# "Abd al-" run into the name it belongs to: Abdulrahman, Abdelaziz, Abdolreza (longest first).
_ABD_JOINED = re.compile(r"^(?:abdoul|abdul|abdel|abdal|abdol)(?=[a-z]{4})(?!l?lah)")


def particle_tokens(token: str) -> tuple[str, ...]:
    """``token`` with its particle in one spelling (:data:`PARTICLES`), and an "Abd al-" that runs
    into the name after it split off, as lists write it in either way (Abdulrahman = Abdul Rahman
    = Abd al-Rahman). A name of its own is left whole: Abdullah and Abdallah (Abd + Allah), and
    short endings such as Abdoulaye.

    >>> [particle_tokens(t) for t in ("abdul", "abdulrahman", "abdelaziz", "abdullah", "abdoulaye", "el")]
    [('abd',), ('abd', 'rahman'), ('abd', 'aziz'), ('abdullah',), ('abdoulaye',), ('al',)]
    """
    joined = _ABD_JOINED.match(token)
    if joined:
        return "abd", token[joined.end():]
    return (PARTICLES.get(token, token),)

_PATRONYMIC = re.compile(r"^[a-z]{3,}(?:ovich|evich|ovych|evych|ovna|evna|ivna|ich|ych|ogly|oglu|kyzy)$")


@functools.lru_cache(maxsize=65536)
def fold(token: str) -> str:
    """A coarse spelling of ``token`` for comparison across transliteration conventions."""
    token = GIVEN_NAME_VARIANTS.get(token, token)
    for pattern, repl in _FOLDS:
        token = pattern.sub(repl, token)
    return token


def is_patronymic(token: str) -> bool:
    """Whether ``token`` looks like an East Slavic or Turkic patronymic (Ivanovich, Yanovych, ogly)."""
    return _PATRONYMIC.match(token) is not None
