"""One normalization pipeline for list names and query names alike.

``normalize(name)`` runs, in order: script clean-up (:mod:`.text`: Unicode NFKC,
casefolding, Chinese characters to pinyin, other scripts romanized, punctuation) ->
tokenization -> canonical legal forms and abbreviations (:mod:`.legal_forms`) -> the
class of each token (:mod:`.name_parts`: legal form, place, generic business word,
patronymic, or name word), with one spelling for short name particles such as el / al
(:mod:`.translit`) -> pinyin and Wade-Giles syllables (:mod:`.chinese`). It is deterministic and
idempotent on its own output (``normalize(" ".join(n.tokens)).tokens == n.tokens``).

``name_forms(name)`` gives the primary form and the other spellings a name may have:
pinyin split into syllables and Wade-Giles keys (:mod:`.chinese`), the key both Korean
romanizations share (:mod:`.korean`; Hangul itself is spelled in it), and for a name in
Arabic script its consonant skeleton (:mod:`.arabic`). The index holds
every form of a listed name, and a query is scored with each of its forms.

>>> n = normalize("MADURO MOROS, Nicolas")
>>> n.tokens
('maduro', 'moros', 'nicolas')
>>> normalize("Megvii Tech Ltd.").tokens
('megvii', 'technology', 'ltd')
>>> normalize("北京旷视科技有限公司").tokens
('beijing', 'kuang', 'shi', 'technology', 'youxian', 'gongsi')
>>> [f.tokens for f in name_forms("Beijing Kuangshi Keji Youxian Gongsi")][1]
('beijing', 'kuang', 'shi', 'technology', 'youxian', 'gongsi')
>>> shared = {f.tokens for f in name_forms("Deng Zhonghua")} & {f.tokens for f in name_forms("Teng Chung-hua")}
>>> ('teng', 'chunghua') in shared
True
"""

from __future__ import annotations

from dataclasses import dataclass

from screening.normalize.arabic import arabic_skeleton_tokens, has_arabic
from screening.normalize.ccc import decode, is_ccc
from screening.normalize.chinese import romanized_forms
from screening.normalize.korean import korean_key_tokens
from screening.normalize.legal_forms import canonical_tokens
from screening.normalize.name_parts import TokenClass, token_class
from screening.normalize.text import clean
from screening.normalize.translit import particle_tokens

# A name longer than this is cut: no real name is, and unbounded input must not
# make one row of a batch take unbounded time.
MAX_NAME_CHARS = 500


@dataclass(frozen=True, slots=True)
class NormalizedName:
    """A name as the index and scorer see it: canonical tokens and the class of each."""

    original: str
    tokens: tuple[str, ...]
    classes: tuple[TokenClass, ...]

    @property
    def text(self) -> str:
        return " ".join(self.tokens)

    def __bool__(self) -> bool:
        return bool(self.tokens)


def normalize(name: str) -> NormalizedName:
    """Normalize one name (any script) into canonical tokens; never raises on a str."""
    return name_forms(name)[0]


def name_forms(name: str) -> tuple[NormalizedName, ...]:
    """Every form of ``name`` the matcher compares: the primary form first (see module doc).

    A name written as Chinese Commercial Code groups ("1728 4320") is read as the
    characters they encode (:mod:`.ccc`).
    """
    if is_ccc(name):
        decoded = (f for chars in decode(name) for f in _forms(name, chars))
        return tuple({f.tokens: f for f in reversed(list(decoded))}.values())[::-1]
    return _forms(name, name)


def _forms(name: str, text: str) -> tuple[NormalizedName, ...]:
    cleaned = clean(text[:MAX_NAME_CHARS])
    tokens, legal = canonical_tokens(cleaned.split())
    parts = [particle_tokens(t) for t in tokens]
    if any(len(p) > 1 for p in parts):  # rare: an "Abd al-" run into its name, split off
        legal = [flag for p, flag in zip(parts, legal) for _ in p]
    tokens = [t for p in parts for t in p]
    # Romanization and long forms can lengthen the text past the cut; cutting the tokens
    # too keeps normalize idempotent on its own output.
    kept, length = 0, -1
    for tok in tokens:
        length += len(tok) + 1
        if length > MAX_NAME_CHARS:
            break
        kept += 1
    tokens, legal = tokens[:kept], legal[:kept]
    classes = [TokenClass.LEGAL if is_legal else token_class(t) for t, is_legal in zip(tokens, legal)]
    seen: dict[tuple[str, ...], NormalizedName] = {}
    for t, c in romanized_forms(tokens, classes):
        seen.setdefault(t, NormalizedName(name, t, c))
    korean = korean_key_tokens(tokens)
    if korean:
        seen.setdefault(korean, NormalizedName(name, korean, (TokenClass.WORD,) * len(korean)))
    if has_arabic(text):
        skeleton = arabic_skeleton_tokens(text[:MAX_NAME_CHARS])
        if skeleton:
            seen.setdefault(skeleton, NormalizedName(name, skeleton, (TokenClass.WORD,) * len(skeleton)))
    return tuple(seen.values())


__all__ = ["MAX_NAME_CHARS", "NormalizedName", "TokenClass", "name_forms", "normalize"]
