"""Script-level clean-up of a name: Unicode, case, diacritics, punctuation.

The output is lower-case ASCII words separated by single spaces. Non-Latin scripts
are romanized by unidecode here; the name-intelligence layer may add better
transliterations beside this one, but this baseline is always produced so list
names and query names meet on the same alphabet.

>>> clean("MEGVII TECHNOLOGY LTD.")
'megvii technology ltd'
>>> clean("S.A. de C.V.")
'sa de cv'
>>> clean("RAZA M.A.")
'raza m a'
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
from screening.normalize.korean import has_hangul, hangul_to_keys
from screening.normalize.legal_forms import DOTTED_WORDS

# Apostrophes join the pieces of a word: Xi'an, O'Brien, NU'MAN.
_APOSTROPHES = re.compile(r"['\u2018\u2019\u02bc\u02bb`\u00b4]")
# Dotted letters: one word when a known abbreviation (S.A., U.S.A.), else initials (M.A.).
_DOTTED = re.compile(r"\b(?:[a-z0-9]\.){1,}[a-z0-9]\b\.?")
_AMPERSAND = re.compile(r"\s*&\s*")
# Invisible format characters (Unicode category Cf: zero-width spaces and joiners, bidi controls,
# soft hyphens, byte-order marks, tags) are dropped, not read as spaces: "Meg\u200bvii" is Megvii.
# So are lone surrogates (not text; unidecode would warn about each).
_FORMAT = re.compile("[\ud800-\udfff\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e\u200b-\u200f"
                     "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
                     "\U00013430-\U00013438\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
                     "\U000e0020-\U000e007f]")
_NON_WORD = re.compile(r"[^a-z0-9]+")


def _dotted(m: re.Match) -> str:
    letters = [p for p in m.group(0).split(".") if p]
    word = "".join(letters)
    return word if word in DOTTED_WORDS or any(len(p) > 1 for p in letters) else " ".join(letters)


def clean(text: str) -> str:
    """Lower-case ASCII words of ``text``, punctuation removed (see module doc)."""
    if not text.isascii():
        text = _FORMAT.sub("", text)
    text = unicodedata.normalize("NFKC", text).casefold()
    if not text.isascii():
        if has_han(text):
            text = han_to_pinyin(text)  # pinyin from a dictionary that knows polyphones, not unidecode's guess
        if has_hangul(text):
            text = hangul_to_keys(text)  # syllable by syllable, in the key both romanizations share
        text = unidecode(text).lower()
    # Each pass only where its characters occur: most names have none of them.
    if "'" in text or "`" in text or not text.isascii():
        text = _APOSTROPHES.sub("", text)
    if "&" in text:
        text = _AMPERSAND.sub(" and ", text)
    if "." in text:
        text = _DOTTED.sub(_dotted, text)
    if "-" in text:
        text = join_hyphenated_syllables(text)
    return _NON_WORD.sub(" ", text).strip()
