"""Script-level clean-up of a name: Unicode, case, diacritics, punctuation.

The output is lower-case ASCII words separated by single spaces. Non-Latin scripts
are romanized by unidecode here; the name-intelligence layer may add better
transliterations beside this one, but this baseline is always produced so list
names and query names meet on the same alphabet.

>>> clean("MEGVII TECHNOLOGY LTD.")
'megvii technology ltd'
>>> clean("S.A. de C.V.")
'sa de cv'
>>> clean("Xi'an  Aircraft-Industry (Group) Co.,Ltd")
'xian aircraft industry group co ltd'
>>> clean("旷视科技")
'kuang shi ke ji'
"""

from __future__ import annotations

import re
import unicodedata

from unidecode import unidecode

from screening.normalize.chinese import han_to_pinyin, has_han, join_hyphenated_syllables

# Apostrophes join the pieces of a word: Xi'an, O'Brien, NU'MAN.
_APOSTROPHES = re.compile(r"['\u2018\u2019\u02bc\u02bb`\u00b4]")
# Dotted abbreviations are one word: S.A., U.S.A, C.V.
_DOTTED = re.compile(r"\b(?:[a-z0-9]\.){1,}[a-z0-9]\b\.?")
_AMPERSAND = re.compile(r"\s*&\s*")
_NON_WORD = re.compile(r"[^a-z0-9]+")


def clean(text: str) -> str:
    """Lower-case ASCII words of ``text``, punctuation removed (see module doc)."""
    text = unicodedata.normalize("NFKC", text).casefold()
    if not text.isascii():
        if has_han(text):
            text = han_to_pinyin(text)  # pinyin from a dictionary that knows polyphones, not unidecode's guess
        text = unidecode(text).lower()
    text = _APOSTROPHES.sub("", text)
    text = _AMPERSAND.sub(" and ", text)
    text = _DOTTED.sub(lambda m: m.group(0).replace(".", ""), text)
    if "-" in text:
        text = join_hyphenated_syllables(text)
    return _NON_WORD.sub(" ", text).strip()
