"""Korean names: Hangul to Latin, and a key that Revised and McCune-Reischauer spellings share.

North Korean names reach lists in McCune-Reischauer without breves ("KIM, Kyong Ok",
"RI, Man Gon"); customers write them in Hangul (김경옥), in Revised Romanization
("Gim Gyeong-ok"), or in either with other spacing. A Hangul syllable is computed from
its letters (initial, vowel, final: Unicode composes them arithmetically), so it is
spelled here letter by letter, and every spelling maps to a *key* that drops the
differences between the two systems: k/g, t/d, p/b, ch/j, r/l, ŏ/eo/o, ŭ/eu/u; and
the English habits in names (Lee, Park, Choi, Young, Moon).

>>> hangul_keys("김경옥")
('kim', 'kyong', 'ok')
>>> hangul_to_keys("대동신용은행")
'taedong credit bank'
>>> korean_key_tokens(["gim", "gyeong", "ok"])
('KIM', 'KYONG', 'OK')
>>> korean_key_tokens(["gim", "gyeong", "ok"]) == korean_key_tokens(["kim", "kyong", "ok"])
True
>>> korean_key_tokens(["park", "young", "sik"]) == korean_key_tokens(list(hangul_keys("박영식")))
True
"""

from __future__ import annotations

import functools
import itertools
import re

_INITIALS = ["k", "kk", "n", "t", "tt", "r", "m", "p", "pp", "s", "ss", "", "ch", "tch", "ch", "k", "t", "p", "h"]
_VOWELS = ["a", "ae", "ya", "yae", "o", "e", "yo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi",
           "yu", "u", "ui", "i"]
_FINALS = ["", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t",
           "t", "ng", "t", "t", "k", "t", "p", "t"]

# Latin spellings of each letter in either system, and the key letter they share.
_INITIAL_SPELLINGS = {"k": ["k", "g"], "kk": ["kk", "gg"], "n": ["n"], "t": ["t", "d"], "tt": ["tt", "dd"],
                      "r": ["r", "l"], "m": ["m"], "p": ["p", "b"], "pp": ["pp", "bb"], "s": ["s", "sh"],
                      "ss": ["ss"], "": [""], "ch": ["ch", "j"], "tch": ["tch", "jj"], "h": ["h"]}
_VOWEL_SPELLINGS = {"a": ["a"], "ae": ["ae"], "ya": ["ya"], "yae": ["yae"], "o": ["o", "eo"], "e": ["e"],
                    "yo": ["yo", "yeo", "you"], "ye": ["ye"], "wa": ["wa"], "wae": ["wae"], "oe": ["oe", "oi"],
                    "u": ["u", "eu", "oo"], "wo": ["wo", "weo"], "we": ["we"], "wi": ["wi"], "yu": ["yu", "yoo"],
                    "ui": ["ui", "eui"], "i": ["i", "ee"]}
_FINAL_SPELLINGS = {"": [""], "k": ["k", "g", "rk"], "n": ["n"], "t": ["t", "d"], "l": ["l", "r"], "m": ["m"],
                    "p": ["p", "b"], "ng": ["ng"]}
# A name of more syllables than this is not read as a Korean personal name.
MAX_NAME_SYLLABLES = 4


def _key_of(initial: str, vowel: str, final: str) -> str:
    return f"{initial}{vowel}{final}"


def _spellings() -> dict[str, str]:
    """Every Latin spelling of every key syllable -> the key."""
    out: dict[str, str] = {}
    keys = {(_INITIALS[i], _VOWELS[v], _FINALS[f]) for i in range(19) for v in range(21) for f in range(28)}
    for ini, vow, fin in keys:
        key = _key_of(ini, vow, fin)
        for parts in itertools.product(_INITIAL_SPELLINGS[ini], _VOWEL_SPELLINGS[vow], _FINAL_SPELLINGS[fin]):
            out.setdefault("".join(parts), key)
    return out


_SPELLINGS = _spellings()
_LONGEST = max(map(len, _SPELLINGS))


def hangul_keys(text: str) -> tuple[str, ...]:
    """The key syllable of each Hangul syllable in ``text`` (other characters are dropped)."""
    out = []
    for ch in text:
        code = ord(ch) - 0xAC00
        if 0 <= code < 11172:
            out.append(_key_of(_INITIALS[code // 588], _VOWELS[(code % 588) // 28], _FINALS[code % 28]))
    return tuple(out)


# Business words of Korean company names, in the English lists print for them. 조선 is
# Chosŏn, Korea, as North Korean names translate it.
KOREAN_ENGLISH = {
    "은행": "bank", "신용": "credit", "국제": "international", "무역": "trading", "상사": "trading",
    "회사": "company", "총회사": "general corporation", "공사": "corporation", "주식회사": "co ltd",
    "유한회사": "ltd", "그룹": "group", "기업": "enterprise", "산업": "industry", "공업": "industry",
    "전자": "electronics", "기술": "technology", "개발": "development", "건설": "construction",
    "화학": "chemical", "철강": "steel", "해운": "shipping", "항공": "airline", "물류": "logistics",
    "식품": "foods", "광업": "mining", "합영": "joint venture", "합작": "joint venture", "연합": "united",
    "대학": "university", "대학교": "university", "연구소": "institute", "연구원": "institute",
    "과학원": "academy of sciences", "과학": "science", "자연": "natural", "위원회": "committee",
    "센터": "center", "쎈터": "center", "컴퓨터": "computer", "콤퓨터": "computer", "조선": "korea",
    "국가": "state", "중앙": "central", "인민": "people", "해외": "overseas", "투자": "investment",
    "보험": "insurance", "금융": "finance", "증권": "securities", "에너지": "energy", "석유": "petroleum",
    "창작사": "creative studio", "무역회사": "trading company",
}
_LONGEST_WORD = max(map(len, KOREAN_ENGLISH))
_VOICED = {"k": "g", "t": "d", "p": "b", "ch": "j"}


def hangul_to_keys(text: str) -> str:
    """``text`` with Hangul spelled out: business words in English, other syllables in the key.

    In a name holding a business word (a company), the syllables between business words
    are one proper noun (단군 -> tangun, with McCune-Reischauer voicing inside the word);
    in other names (persons) each syllable stays a word of its own, as lists write them.
    """
    company = any(word in text for word in KOREAN_ENGLISH)
    out: list[str] = []
    run: list[str] = []  # syllables of the current proper noun

    def flush_run() -> None:
        if run:
            out.append(_joined(run) if company else " ".join(run))
            run.clear()

    i = 0
    while i < len(text):
        for size in range(min(_LONGEST_WORD, len(text) - i), 1, -1):
            word = KOREAN_ENGLISH.get(text[i:i + size])
            if word:
                flush_run()
                out.append(word)
                i += size
                break
        else:
            key = hangul_keys(text[i])
            if key:
                run.append(key[0])
            else:
                flush_run()
                out.append(text[i])
            i += 1
    flush_run()
    return " ".join(out)


def _joined(syllables: list[str]) -> str:
    """Syllables as one word, voicing k/t/p/ch after a vowel or a nasal as McCune-Reischauer does."""
    word = syllables[0]
    for syl in syllables[1:]:
        initial = next((c for c in ("ch", "k", "t", "p") if syl.startswith(c) and not syl.startswith(c * 2)), None)
        if initial and (word[-1] in "aeiouylmn" or word.endswith("ng")):
            syl = _VOICED[initial] + syl[len(initial):]
        word += syl
    return word


_HANGUL = re.compile("[\uac00-\ud7a3]")


def has_hangul(text: str) -> bool:
    return _HANGUL.search(text) is not None


@functools.lru_cache(maxsize=65536)
def _split(token: str) -> tuple[str, ...] | None:
    """The fewest Korean syllable spellings that make up ``token``, as keys; None if none do."""
    n = len(token)
    if not n or n > 24 or not token.isalpha():
        return None
    best: list[tuple[str, ...] | None] = [()] + [None] * n
    for end in range(1, n + 1):
        for start in range(max(0, end - _LONGEST), end):
            head, piece = best[start], token[start:end]
            if head is not None and piece in _SPELLINGS:
                if best[end] is None or len(head) + 1 < len(best[end]):
                    best[end] = head + (_SPELLINGS[piece],)
    return best[n]


def korean_key_tokens(tokens: list[str]) -> tuple[str, ...] | None:
    """The key syllables of a Latin name made of at most MAX_NAME_SYLLABLES Korean syllables, else None.

    Keys are upper case, which normalized text never is, so they meet only other Korean
    keys: short syllables of Japanese or Chinese names must not pair with them.
    """
    out: list[str] = []
    for t in tokens:
        parts = _split(t)
        if parts is None:
            return None
        out += parts
    return tuple(k.upper() for k in out) if len(out) <= MAX_NAME_SYLLABLES else None
