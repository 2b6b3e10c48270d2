"""Chinese romanization: characters, pinyin spacing and tones, Wade-Giles, word classes."""

import pytest

from screening.normalize import TokenClass, name_forms, normalize
from screening.normalize.chinese import PINYIN_KEY, WADE_GILES_KEY, split_syllables


def forms(name):
    return [f.tokens for f in name_forms(name)]


def meet(a, b):
    """Whether two names share a form (so they score 100 against each other)."""
    return bool(set(forms(a)) & set(forms(b)))


def test_syllable_table_agrees_with_pypinyin():
    pytest.importorskip("pypinyin")
    from pypinyin import Style
    from pypinyin.style import convert

    for syllable, key in PINYIN_KEY.items():
        expected = convert(syllable, Style.WADEGILES, strict=True)
        expected = expected.replace("'", "").replace("`", "").replace("v", "u")
        if syllable.endswith("ai") and expected.endswith("ei"):
            expected = expected[:-2] + "ai"  # the documented correction of pypinyin's -ai
        assert key == expected, syllable


@pytest.mark.parametrize("spelling", ["Haikangweishi", "Hai Kang Wei Shi", "Haikang Weishi", "HAIKANG-WEISHI",
                                      "Hǎikāng Wēishì", "海康威视", "海康威視"])
def test_pinyin_spacing_tones_and_characters_meet(spelling):
    assert meet(spelling, "Haikang Weishi")


def test_apostrophes_are_ignored():
    assert normalize("Xi'an").tokens == normalize("Xian").tokens


@pytest.mark.parametrize("wade_giles, pinyin", [
    ("Teng Hsiao-ping", "Deng Xiaoping"),
    ("Hsu Shi-fu", "Xu Shifu"),
    ("Chang Chih-tung", "Zhang Zhidong"),
    ("Mao Tse-tung", "Mao Zedong"),
])
def test_wade_giles_meets_pinyin(wade_giles, pinyin):
    assert meet(wade_giles, pinyin)


@pytest.mark.parametrize("given", ["Shi-Fu", "Shifu", "Shi Fu"])
def test_hyphenated_given_names(given):
    assert meet(f"Xu {given}", "Xu Shifu")


def test_surname_first_and_given_first_share_tokens():
    # Scoring aligns tokens regardless of order, so equal token sets score 100.
    assert sorted(normalize("Zhang Xiaoming").tokens) == sorted(normalize("Xiaoming Zhang").tokens)
    assert sorted(forms("張小明")[-1]) == sorted(forms("Xiaoming Zhang")[-1])


def test_company_name_parts_are_classed():
    n = normalize("北京旷视科技有限公司")
    assert n.tokens == ("beijing", "kuang", "shi", "technology", "youxian", "gongsi")
    assert n.classes == (TokenClass.PLACE, TokenClass.WORD, TokenClass.WORD, TokenClass.GENERIC,
                         TokenClass.LEGAL, TokenClass.LEGAL)


def test_english_words_keep_their_primary_form():
    # "mobile" spells mo-bi-le; splitting it is only ever an extra form, never the primary.
    assert normalize("China Mobile Ltd").tokens == ("china", "mobile", "ltd")
    assert forms("Maria Garcia Lopez") == [("maria", "garcia", "lopez")]


def test_split_syllables_prefers_fewest():
    assert split_syllables("xian") == ("xian",)
    assert split_syllables("dongfangwangli") == ("dong", "fang", "wang", "li")
    assert split_syllables("megvii") is None
    assert split_syllables("chunghua", wade_giles=True) == ("chung", "hua")
    assert split_syllables("x" * 100) is None


def test_wade_giles_inventory_contains_every_key():
    assert set(PINYIN_KEY.values()) <= set(WADE_GILES_KEY)


def test_chinese_commercial_code_table_and_decoding():
    from screening.normalize import ccc

    mainland, taiwan = ccc._table()
    assert len(mainland) > 7000 and len(taiwan) > 9000
    assert ccc.decode("1728 4320") == ("张磊", "張磊")
    assert ccc.decode("1728 9999") == ()  # an unknown code decodes to nothing, not to a guess
    assert forms("1728 4320")[0] == ("zhang", "lei")


def test_listed_chinese_commercial_codes_are_indexed_as_names():
    from screening import Screener
    from screening.model import Entity, EntityList, Identifier, IdType, ListSnapshot, Schema

    snap = ListSnapshot("t", "memory", "0" * 64)
    # A listing whose Latin name is in another romanization; only its CCC gives the pinyin.
    entity = Entity(entity_id="t:1", source="t", publisher_id="1", schema=Schema.PERSON, name="CHEUNG, Lui",
                    identifiers=(Identifier(IdType.CCC, "1728 4320"),), snapshot=snap)
    screener = Screener([EntityList("t", snap, (entity,))], curated=False)
    for query in ("张磊", "Zhang Lei", "1728 4320"):
        hit = screener.match(query)[0]
        assert hit.entity_id == "t:1" and hit.score == 100
        alias = next(n for n in screener.index.names if n.value == hit.matched_name)
        assert alias.provenance == "Chinese Commercial Code 1728 4320, decoded"
