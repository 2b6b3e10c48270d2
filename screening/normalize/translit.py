"""Latin spellings that differ only by transliteration convention.

One Russian, Ukrainian or Arabic name reaches a customer file in several Latin
spellings: BGN/PCGN, passport (ICAO), French and German conventions, or English habit
(Aleksei / Alexei / Aleksey, Wladimir / Vladimir, Dmitriy / Dmitry, Poutine / Putin,
Reznick / Reznik, Youssef / Yusef, Hamieh / Hamiyah), and a Ukrainian or Belarusian
given name has a Russian twin (Mykola / Nikolai). Two things bring them together:

* :func:`fold` maps a token to a coarse spelling used only for comparing tokens
  (the index's fuzzy look-up compares folded tokens too); tokens are not rewritten,
  so a typo in "Mohamkad" still meets "Mohammad". It starts from one spelling for the
  commonest Arabic given names (:data:`GIVEN_NAME_VARIANTS`: Mohammed / Muhammad /
  Mohamad) and for East Slavic given names (:data:`EAST_SLAVIC_GIVEN_NAMES`), which edit
  distance alone would not call the same;
* :data:`PARTICLES` rewrites the short name elements (el / al, abdul / abdel / abd),
  too short for fuzzy comparison, and :func:`particle_tokens` splits an "Abd al-" run
  into its name (Abdulrahman / Abdul Rahman).

Patronymics (Ivanovich, Yanovych, Petrovna) are recognized so scoring can weigh a
missing one lightly: lists often carry them, customer files often do not.

>>> [fold(t) for t in ("aleksei", "alexey", "wladimir", "dmitriy", "reznick", "poutine")]
['alexi', 'alexi', 'vladimir', 'dmitri', 'reznik', 'putine']
>>> [fold(t) for t in ("mykola", "nikolay", "hamieh", "hamiyah", "haniya")]
['nikolai', 'nikolai', 'hamia', 'hamia', 'hania']
"""

from __future__ import annotations

import functools
import re

# Applied in order; each maps a spelling habit to one form.
_FOLDS: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p), r) for p, r in (
    # The Arabic -iya(h) ending (nisba, taa marbuta) in every spelling: Hamieh / Hamiyah / Hamiyeh,
    # Haniyeh / Haniya; first, before y -> i and ie -> e take its letters apart.
    (r"(?<=[^aeiouy])(?:iy+[ae]h?|i[ae]h)$", "ia"),
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
# Ukrainian and Belarusian given names -> the Russian name they correspond to: one person is
# Mykola in a Ukrainian passport and on OFAC's list, Nikolai in the Russian press (Ihor / Igor,
# Aliaksandr / Aleksandr). Only names that differ beyond what the folds bridge are here.
EAST_SLAVIC_GIVEN_NAMES = {
    **dict.fromkeys(["oleksandr", "olexandr", "oleksander", "aliaksandr"], "aleksandr"),
    **dict.fromkeys(["oleksiy", "oleksii", "oleksij", "aliaksei", "aliaksey"], "aleksei"),
    **dict.fromkeys(["mykola", "mikalai", "mikola"], "nikolai"),
    **dict.fromkeys(["volodymyr", "uladzimir"], "vladimir"),
    **dict.fromkeys(["serhiy", "serhii", "serhij", "siarhei", "siarhey"], "sergei"),
    **dict.fromkeys(["dmytro", "dzmitry", "dzmitri"], "dmitri"),
    **dict.fromkeys(["mykhailo", "mykhaylo", "mikhailo"], "mikhail"),
    **dict.fromkeys(["hryhoriy", "hryhorii", "ryhor"], "grigori"),
    **dict.fromkeys(["heorhiy", "heorhii"], "georgi"),
    **dict.fromkeys(["yevhen", "yevheniy", "yevhenii", "ievgen", "yauhen"], "evgeni"),
    **dict.fromkeys(["ihor", "ihar"], "igor"),
    **dict.fromkeys(["oleh", "aleh"], "oleg"),
    **dict.fromkeys(["pavlo"], "pavel"),
    **dict.fromkeys(["petro", "piotr", "pyotr"], "petr"),
    **dict.fromkeys(["vasyl", "vasil"], "vasili"),
    **dict.fromkeys(["kostiantyn", "kostyantyn", "kanstantsin"], "konstantin"),
    **dict.fromkeys(["bohdan"], "bogdan"),
    **dict.fromkeys(["kyrylo"], "kirill"),
    **dict.fromkeys(["mykyta"], "nikita"),
    **dict.fromkeys(["danylo"], "daniil"),
    **dict.fromkeys(["hennadiy", "hennadii"], "gennadi"),
    **dict.fromkeys(["viktar"], "viktor"),
    **dict.fromkeys(["uladzislau"], "vladislav"),
    **dict.fromkeys(["olena"], "elena"),
    **dict.fromkeys(["halyna"], "galina"),
    **dict.fromkeys(["tetiana", "tetyana"], "tatiana"),
    **dict.fromkeys(["svitlana"], "svetlana"),
    **dict.fromkeys(["kateryna"], "ekaterina"),
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
    token = GIVEN_NAME_VARIANTS.get(token) or EAST_SLAVIC_GIVEN_NAMES.get(token, token)
    for pattern, repl in _FOLDS:
        token = pattern.sub(repl, token)
    return token


def is_patronymic(token: str) -> bool:
    """Whether ``token`` looks like an East Slavic or Turkic patronymic (Ivanovich, Yanovych, ogly)."""
    return _PATRONYMIC.match(token) is not None
