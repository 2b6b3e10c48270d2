"""Tests of ``screening.normalize``: examples of the pipeline and properties that must hold for any text."""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from screening import normalize
from screening.normalize import MAX_NAME_CHARS

TOKEN = re.compile(r"[a-z0-9]+")


def legal_flags(n) -> tuple[bool, ...]:
    """Which tokens are legal forms, whichever way NormalizedName exposes it (``legal`` or ``classes``)."""
    if hasattr(n, "legal"):
        return tuple(n.legal)
    from screening.normalize import TokenClass

    return tuple(c == TokenClass.LEGAL for c in n.classes)


def tokens(name: str) -> tuple[str, ...]:
    return normalize(name).tokens


# --------------------------------------------------------------------------------------------
# Examples
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name, expected", [
    ("MEGVII", ("megvii",)),
    ("megvii", ("megvii",)),
    ("MeGvIi", ("megvii",)),
    ("MADURO MOROS, Nicolas", ("maduro", "moros", "nicolas")),
    ("  Foo   Bar  ", ("foo", "bar")),
    ("Foo-Bar/Baz (Qux)", ("foo", "bar", "baz", "qux")),
    ("Foo;Bar:Baz!?", ("foo", "bar", "baz")),
    ("Foo\tBar\nBaz", ("foo", "bar", "baz")),
    ("Société Générale", ("societe", "generale")),
    ("Müller Straße", ("muller", "strasse")),
])
def test_case_spacing_and_punctuation(name, expected):
    assert tokens(name) == expected


@pytest.mark.parametrize("name, expected", [
    ("Acme S.A.", ("acme", "sa")),
    ("Acme S.A", ("acme", "sa")),
    ("ACME S. A.", ("acme", "sa")),
    ("Acme SA", ("acme", "sa")),
    ("Grupo Acme S.A. de C.V.", ("grupo", "acme", "sa", "de", "cv")),
    ("U.S.A. Trading", ("usa", "trading")),
])
def test_dotted_abbreviations_are_one_word(name, expected):
    assert tokens(name) == expected


@pytest.mark.parametrize("name", ["Xi'an Aircraft", "Xi\u2019an Aircraft", "Xi`an Aircraft", "Xi\u02bcan Aircraft"])
def test_apostrophes_join_the_word(name):
    assert tokens(name) == ("xian", "aircraft")


def test_apostrophe_names():
    assert tokens("O'Brien") == ("obrien",)
    assert tokens("NU'MAN") == ("numan",)


@pytest.mark.parametrize("spelling, canonical", [
    ("Ltd", "ltd"), ("LTD.", "ltd"), ("Limited", "ltd"), ("LIMITED", "ltd"),
    ("Co.", "co"), ("Co", "co"), ("Company", "co"),
    ("Corp", "corp"), ("Corp.", "corp"), ("Corporation", "corp"),
    ("Inc", "inc"), ("Inc.", "inc"), ("Incorporated", "inc"),
    ("GmbH", "gmbh"), ("OOO", "llc"), ("PJSC", "pjsc"),
    ("Public Joint Stock Company", "pjsc"), ("LLC", "llc"),
])
def test_legal_forms_are_canonicalised_and_flagged(spelling, canonical):
    n = normalize(f"Acme {spelling}")
    assert n.tokens == ("acme", canonical)
    assert legal_flags(n) == (False, True)


def test_company_limited_spellings_agree():
    variants = ["Megvii Technology Co., Ltd.", "MEGVII TECHNOLOGY COMPANY LIMITED", "megvii technology co ltd"]
    assert {tokens(v) for v in variants} == {("megvii", "technology", "co", "ltd")}
    assert legal_flags(normalize(variants[0])) == (False, False, True, True)


def test_cyrillic_legal_form():
    # OOO is the Russian limited liability company: it shares LLC's canonical token.
    n = normalize("Газпром ООО")
    assert n.tokens == ("gazprom", "llc")
    assert legal_flags(n) == (False, True)
    assert normalize("Общество с ограниченной ответственностью Газпром").tokens == ("llc", "gazprom")
    assert normalize("Газпромбанк (Акционерное общество)").tokens == ("gazprombank", "jsc")


def test_a_long_legal_word_with_a_typo_is_still_a_legal_form():
    assert normalize("YITU LIMTIED").tokens == normalize("Yitu Limited").tokens


@pytest.mark.parametrize("name", ["Megvii Tech Ltd", "MEGVII TECHNOLOGY LTD.", "Megvii Technology Limited",
                                  "Megvii Technologies Ltd"])
def test_tech_means_technology(name):
    n = normalize(name)
    assert n.tokens == ("megvii", "technology", "ltd")
    assert legal_flags(n) == (False, False, True)


def test_full_width_characters():
    assert tokens("ＭＥＧＶＩＩ　ＴＥＣＨＮＯＬＯＧＹ　ＬＴＤ．") == ("megvii", "technology", "ltd")
    assert tokens("Ｍｅｇｖｉｉ") == ("megvii",)


def test_cyrillic_through_unidecode():
    assert tokens("Николас Мадуро") == ("nikolas", "maduro")
    assert tokens("МАДУРО") == tokens("мадуро") == ("maduro",)


def test_chinese_characters_to_pinyin():
    # Simplified and traditional forms of the same characters romanize to the same pinyin
    # (术/術 read "shu" in 技术, where unidecode would guess "zhu" for 术).
    assert tokens("华为") == tokens("華為") == ("hua", "wei")
    assert tokens("技术") == tokens("技術") == ("technology",)
    # Syllables that spell an industry word join into it, in the English lists print:
    # 科技 = keji = technology.
    assert tokens("旷视科技") == ("kuang", "shi", "technology")
    # "有限公司" (limited company) is romanized and recognized as a legal form.
    n = normalize("华为技术有限公司")
    assert n.tokens[:2] == ("hua", "wei")
    assert n.tokens[-2:] == ("youxian", "gongsi")
    assert legal_flags(n)[-2:] == (True, True)
    assert all(TOKEN.fullmatch(t) for t in n.tokens)


@pytest.mark.parametrize("name", ["", "   ", "!!!", "...", "-", "\u200b", "\t\n", "\u3000"])
def test_names_without_letters_or_digits_are_empty_and_falsy(name):
    n = normalize(name)
    assert n.tokens == ()
    assert not n


def test_result_keeps_original_and_text():
    n = normalize("Megvii Tech Ltd.")
    assert n.original == "Megvii Tech Ltd."
    assert n.text == "megvii technology ltd"
    assert n


def test_deterministic():
    assert normalize("Hangzhou Hikvision Digital Technology Co., Ltd.") == \
        normalize("Hangzhou Hikvision Digital Technology Co., Ltd.")


# --------------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------------

NAMEY = st.lists(
    st.sampled_from(["Ltd", "Limited", "Co.", "Company", "Corp", "Inc", "GmbH", "OOO", "PJSC", "S.A.", "s", "a",
                     "Public", "Joint", "Stock", "Tech", "Xi'an", "Megvii", "Мадуро", "华为", "ＬＴＤ", "&",
                     "Sp", "z", "o", "Pty", "Private", "gong", "si", "you", "xian"]),
    max_size=8,
).map(" ".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_never_raises_on_any_text(s):
    n = normalize(s)
    assert isinstance(n.tokens, tuple)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), NAMEY))
def test_idempotent(s):
    n = normalize(s)
    again = normalize(" ".join(n.tokens))
    assert again.tokens == n.tokens
    assert legal_flags(again) == legal_flags(n)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), NAMEY))
def test_tokens_are_nonempty_lowercase_ascii_alphanumerics(s):
    n = normalize(s)
    for t in n.tokens:
        assert TOKEN.fullmatch(t), repr(t)
    assert len(legal_flags(n)) == len(n.tokens)
    assert bool(n) == bool(n.tokens)


HUGE = 100_000


@pytest.mark.parametrize("piece", ["a", "Megvii Technology Ltd ", "tech ", "旷视科技", "Мадуро ", "\ufdfa", "!?",
                                   "\u3000", "ＭＥＧＶＩＩ "])
def test_output_bounded_for_100k_character_input(piece):
    s = (piece * (HUGE // len(piece) + 1))[:HUGE]
    start = time.perf_counter()
    n = normalize(s)
    elapsed = time.perf_counter() - start
    assert elapsed < 1.0
    # The input is cut at MAX_NAME_CHARS; romanization and abbreviation expansion may
    # lengthen what is left, but only by a bounded factor.
    assert len(n.text) <= 40 * MAX_NAME_CHARS
    assert len(n.tokens) <= 4 * MAX_NAME_CHARS


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=1, max_size=20), st.integers(min_value=1_000, max_value=HUGE))
def test_output_bounded_for_long_random_input(piece, length):
    s = (piece * (length // len(piece) + 1))[:length]
    n = normalize(s)
    assert len(n.text) <= 40 * MAX_NAME_CHARS


@pytest.mark.parametrize("name", ["tech " * 100, "旷" * 400], ids=["tech-x100", "chinese-x400"])
def test_idempotent_for_names_near_the_length_cut(name):
    n = normalize(name)
    assert normalize(" ".join(n.tokens)).tokens == n.tokens
