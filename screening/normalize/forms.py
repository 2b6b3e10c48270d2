"""Which transliteration produced a name form, in words (for explanations).

:func:`screening.normalize.name_forms` gives a name several forms (pinyin of Chinese
characters, split syllables, the Wade-Giles/pinyin key, the Korean romanization key, an
Arabic consonant skeleton). An analyst reading an alert wants to know which one met
the listed name: :func:`describe_form` says it.

>>> describe_form("旷视科技", ("kuang", "shi", "technology"))
'Chinese characters read as pinyin'
>>> describe_form("MEGVII TECHNOLOGY", ("megvii", "technology"))
'as written (Latin script)'
>>> describe_form("Акимов Андрей", ("akimov", "andrei"))
'Cyrillic script romanized'
"""

from __future__ import annotations

import unicodedata

from screening.normalize import name_forms
from screening.normalize.arabic import arabic_skeleton_tokens, has_arabic
from screening.normalize.ccc import is_ccc
from screening.normalize.korean import korean_key_tokens

_SCRIPT_NAMES = {"CJK": "Han", "HANGUL": "Hangul", "HIRAGANA": "Japanese kana", "KATAKANA": "Japanese kana"}


def scripts(text: str) -> tuple[str, ...]:
    """The non-Latin scripts of the letters in ``text``, in order of appearance."""
    found: dict[str, None] = {}
    for ch in text:
        if ch.isascii() or not ch.isalpha():
            continue
        word = unicodedata.name(ch, "").split(" ", 1)[0]
        if word and word != "LATIN":
            found.setdefault(_SCRIPT_NAMES.get(word, word.capitalize()))
    return tuple(found)


def describe_form(original: str, tokens: tuple[str, ...]) -> str:
    """How ``original`` became the form ``tokens`` (one of its :func:`name_forms`)."""
    tokens = tuple(tokens)
    found = scripts(original)
    if is_ccc(original):
        base = "Chinese Commercial Code decoded to characters, read as pinyin"
    elif "Han" in found:
        base = "Chinese characters read as pinyin"
    elif "Hangul" in found:
        base = "Hangul spelled in the key both Korean romanizations share"
    elif found:
        base = f"{found[0]} script romanized"
    else:
        base = "as written (Latin script)"
    forms = name_forms(original)
    if not forms or forms[0].tokens == tokens:
        return base
    if all(f.tokens != tokens for f in forms):
        # Not a form of its own: one the index spaced as a list writes it (same letters, other spacing).
        source = next((f.tokens for f in forms if "".join(f.tokens) == "".join(tokens)), None)
        if source is not None:
            return f"{describe_form(original, source)}; words run together or apart as the list writes them"
    if has_arabic(original) and tokens == arabic_skeleton_tokens(original):
        return f"{base}; Arabic consonant skeleton (vowels are not written)"
    if tokens == korean_key_tokens(list(forms[0].tokens)):
        return f"{base}; the key McCune-Reischauer and Revised Romanization share"
    if "".join(tokens) == "".join(forms[0].tokens):
        return f"{base}; split into Chinese syllables"
    return f"{base}; Chinese syllables in the key pinyin and Wade-Giles share"


__all__ = ["describe_form", "scripts"]
