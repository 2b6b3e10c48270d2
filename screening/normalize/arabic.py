"""Arabic-script names (Arabic, Persian, Urdu) against their Latin spellings: consonant skeletons.

Arabic script writes short vowels not at all and long vowels with letters that are also
consonants (و w/u/o, ی y/i/e), while lists print one of many Latin spellings (Hossein,
Hussein, Husain; Qadhafi, Gaddafi). Written vowels cannot be recovered, so both sides
are reduced to what they share: the consonants, in classes that merge the letters
transliteration systems disagree on (ق q/gh/k/g; ذ ض ظ ز z/dh/d; ث س ص s/th; ح ه خ h/kh;
ط ت t; ع ء and vowels dropped; w, v, y dropped with the و and ی they may spell), doubled
consonants once. The definite article (ال) becomes the token ``al``, as Latin names
write it (al-, el- are ``al`` there too); Persian
compounds that run two given names together (محمدعلی, امیررضا) are cut after the common
first element.

A skeleton token is written with a leading ``=`` so it never meets an ordinary token; the
vocabulary files every listed token under its Latin skeleton, so an Arabic-script query
finds the listed spellings of its consonants (see :mod:`screening.index.vocabulary`).

>>> arabic_skeleton_tokens("حسین دهقان")
('=hsn', '=dhkn')
>>> latin_skeleton("hossein"), latin_skeleton("dehghan")
('hsn', 'dhkn')
>>> arabic_skeleton_tokens("معمر القذافي"), latin_skeleton("qadhafi")
(('=mr', 'al', '=kzf'), 'kzf')
"""

from __future__ import annotations

import functools
import re
import unicodedata

SKELETON_MARK = "="

# Arabic-script letter -> consonant class ("" = dropped). Persian and Urdu letters included.
_ARABIC = {
    **dict.fromkeys("ءأإآاىئؤعويیۍےٰ", ""),
    "ب": "b", "پ": "p", "ت": "t", "ط": "t", "ٹ": "t", "ة": "h", "ث": "s", "س": "s", "ص": "s",
    "ج": "j", "چ": "c", "ژ": "j", "ح": "h", "ه": "h", "ہ": "h", "ھ": "h", "خ": "h", "د": "d", "ڈ": "d",
    "ذ": "z", "ض": "z", "ظ": "z", "ز": "z", "ر": "r", "ڑ": "r", "ش": "x", "غ": "k", "ق": "k", "ک": "k",
    "ك": "k", "گ": "k", "ف": "f", "ل": "l", "م": "m", "ن": "n", "ں": "n",
}
# Latin spellings of the same classes: digraphs first.
_LATIN_DIGRAPHS = (("kh", "h"), ("gh", "k"), ("sh", "x"), ("ch", "c"), ("zh", "j"), ("th", "s"), ("dh", "z"),
                   ("ph", "f"))
_LATIN = {**dict.fromkeys("aeiouywv", ""), "q": "k", "g": "k", "c": "k", "x": "ks"}
_DIGRAPH = re.compile("|".join(d for d, _ in _LATIN_DIGRAPHS))
_DIGRAPH_CLASS = dict(_LATIN_DIGRAPHS)

_ARTICLE = "ال"
# First elements of Persian compound given names, cut off when a token runs on past them.
_COMPOUND_HEADS = ("محمد", "امیر", "غلام")
_ARTICLE_TOKENS = frozenset({"al", "el", "ul"})


_NOT_ARABIC = re.compile("[^\u0600-\u06ff\u0750-\u077f]+")
_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff\u0750-\u077f]")


def has_arabic(text: str) -> bool:
    return _ARABIC_SCRIPT.search(text) is not None


def _collapse(classes: str) -> str:
    """Doubled consonants once (Muammar / معمر)."""
    return re.sub(r"(.)\1+", r"\1", classes)


@functools.lru_cache(maxsize=1 << 16)
def latin_skeleton(token: str) -> str:
    """The consonant skeleton of a normalized Latin token ("" for an article or a token of vowels)."""
    if token in _ARTICLE_TOKENS or not token.isascii():
        return ""
    spelled = _DIGRAPH.sub(lambda m: _DIGRAPH_CLASS[m.group()].upper(), token)
    out = "".join(ch.lower() if ch.isupper() else _LATIN.get(ch, ch) for ch in spelled if ch.isalnum())
    skeleton = _collapse(out)
    return "bd" if skeleton == "bdl" else skeleton  # Abdul / Abdel = Abd al-


def arabic_skeleton_tokens(text: str) -> tuple[str, ...]:
    """The skeleton tokens of the Arabic-script words of ``text``, each with :data:`SKELETON_MARK`."""
    text = unicodedata.normalize("NFKC", text).replace("\u200c", "")  # the Persian non-joiner is inside a word
    out = []
    for word in _NOT_ARABIC.split(text):
        word = "".join(ch for ch in word if ch in _ARABIC)  # drops diacritics (harakat) and tatweel
        if word.startswith(_ARTICLE) and len(word) > 3:
            word = word[2:]
            out.append("al")  # the article as Latin names write it (al-Qadhafi), see translit.PARTICLES
        parts = [word]
        for head in _COMPOUND_HEADS:
            if word.startswith(head) and len(word) > len(head) + 1:
                parts = [head, word[len(head):]]
                break
        for part in parts:
            skeleton = _collapse("".join(_ARABIC[ch] for ch in part))
            if skeleton and part != _ARTICLE:
                out.append(SKELETON_MARK + skeleton)
    return tuple(out)
