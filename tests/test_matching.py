"""Name variation the matcher must tolerate, on small in-memory lists (no shared data needed)."""

import pytest

from screening import DEFAULT_THRESHOLD, Screener
from screening.model import Entity, EntityList, ListSnapshot, Name, NameKind, Schema

PEOPLE = [
    ("t:1", Schema.PERSON, "DABUL, Samir", ()),
    ("t:2", Schema.PERSON, "RAZA, Mujtaba Ali", ()),
    ("t:3", Schema.PERSON, "REZNIK, Vladislav Matusovich", ()),
    ("t:4", Schema.PERSON, "YAKUNIN, Vladimir Ivanovich", ()),
    ("t:5", Schema.PERSON, "GROMOV, Alexei Alexeyevich", ()),
    ("t:6", Schema.PERSON, "AL-ADL, Sayf", ()),
    ("t:7", Schema.PERSON, "NOOR, Haji Mohammad", ()),
    ("t:8", Schema.PERSON, "DENG, Zhonghua", ()),
    ("t:9", Schema.PERSON, "LI, Jiangzhou", ()),
    ("t:10", Schema.ORGANIZATION, "HANGZHOU HIKVISION DIGITAL TECHNOLOGY CO., LTD.", ("海康威视",)),
    ("t:11", Schema.ORGANIZATION, "DANDONG JINXIANG TRADE CO., LTD.", ()),
    ("t:12", Schema.PERSON, "KOVALENKO, Mykola Petrovych", ()),
    ("t:13", Schema.PERSON, "SAVCHENKO, Volodymyr", ()),
    ("t:14", Schema.PERSON, "ZAKIYAH, Nabil", ()),
]


@pytest.fixture(scope="module")
def screener():
    snap = ListSnapshot("t", "memory", "0" * 64)
    entities = tuple(Entity(entity_id=i, source="t", publisher_id=i.split(":")[1], schema=s, name=n,
                            aliases=tuple(Name(a, NameKind.AKA) for a in aka), snapshot=snap)
                     for i, s, n, aka in PEOPLE)
    return Screener([EntityList("t", snap, entities)], curated=False)


def top(screener, query, schema=None):
    hits = screener.match(query, schema=schema, threshold=0, limit=1)
    return (hits[0].entity_id, hits[0].score) if hits else (None, 0)


@pytest.mark.parametrize("query, expected", [
    ("S. Dabul", "t:1"),                       # initial for a given name
    ("RAZA M.A.", "t:2"),                      # dotted initials are initials, not one word
    ("Vladislav Reznick", "t:3"),              # spelling variant + missing patronymic
    ("Wladimir Jakunin", "t:4"),               # German transliteration
    ("Громов Алексей Алексеевич", "t:5"),      # Cyrillic, another transliteration of the patronymic
    ("Seif el-Adel", "t:6"),                   # Arabic name elements: Seif/Sayf, el/al
    ("Haji Mohamkad Noor", "t:7"),             # a typo in a name whose spelling varies
    ("Teng Chung-hua", "t:8"),                 # Wade-Giles for pinyin
    ("李江舟", "t:9"),                          # characters of a listed pinyin name
    ("Hai Kang Wei Shi", "t:10"),              # spaced pinyin of a brand
    ("Nikolai Kovalenko", "t:12"),             # the Russian form of a Ukrainian given name
    ("Владимир Савченко", "t:13"),             # ... and from Cyrillic
    ("Nabil Zakieh", "t:14"),                  # the Arabic -iyah ending spelled -ieh
])
def test_variant_alerts(screener, query, expected):
    entity_id, score = top(screener, query)
    assert entity_id == expected and score >= DEFAULT_THRESHOLD, (entity_id, score)


@pytest.mark.parametrize("query", [
    "Hangzhou Digital Technology Co Ltd",      # place + industry + legal form only
    "Dandong Industrial Co., Ltd.",            # a city and an industry word
    "Cheng Wei",                               # cheng is not a typo of another syllable
])
def test_generic_names_do_not_alert(screener, query):
    assert top(screener, query, schema="Organization" if "Co" in query else None)[1] < DEFAULT_THRESHOLD


KOREAN = [("k:1", "KIM, Kyong Ok"), ("k:2", "PAK, Yong Sik"), ("k:3", "CHOE, Chun Sik"), ("k:4", "RI, Jae Il")]


@pytest.fixture(scope="module")
def korean_screener():
    snap = ListSnapshot("k", "memory", "0" * 64)
    entities = tuple(Entity(entity_id=i, source="k", publisher_id=i, schema=Schema.PERSON, name=n, snapshot=snap)
                     for i, n in KOREAN)
    return Screener([EntityList("k", snap, entities)], curated=False)


@pytest.mark.parametrize("query, expected", [
    ("김경옥", "k:1"), ("Kim Gyeong-ok", "k:1"),     # Hangul; Revised Romanization
    ("박영식", "k:2"), ("Park Young-sik", "k:2"),    # English habit: Park, Young
    ("최춘식", "k:3"), ("Choi Chun-sik", "k:3"),
    ("리재일", "k:4"), ("Lee Jae-il", "k:4"),
])
def test_korean_spellings_alert(korean_screener, query, expected):
    entity_id, score = top(korean_screener, query)
    assert entity_id == expected and score >= DEFAULT_THRESHOLD, (entity_id, score)


def test_titles_weigh_little(screener):
    entity_id, score = top(screener, "Dr. Samir Dabul")
    assert entity_id == "t:1" and score >= 95


from hypothesis import given, settings, strategies as st  # noqa: E402


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_scores_stay_between_0_and_100(screener, query):
    for hit in screener.match(query, threshold=0, limit=3):
        assert 0 <= hit.score <= 100 and 0 <= hit.explain().name_score <= 100


@pytest.mark.parametrize("hangul, listed", [
    ("대동신용은행", "DAEDONG CREDIT BANK"),
    ("조선단군무역회사", "KOREA TANGUN TRADING CORPORATION"),
    ("일심국제은행", "ILSIM INTERNATIONAL BANK"),
])
def test_hangul_company_names_meet_their_english_listing(hangul, listed):
    snap = ListSnapshot("k", "memory", "0" * 64)
    entity = Entity(entity_id="k:1", source="k", publisher_id="1", schema=Schema.ORGANIZATION, name=listed,
                    snapshot=snap)
    screener = Screener([EntityList("k", snap, (entity,))], curated=False)
    hits = screener.match(hangul)
    assert hits and hits[0].entity_id == "k:1", hits


ARABIC_LISTED = [
    ("a:1", Schema.PERSON, "DEHGHAN, Hossein"),
    ("a:2", Schema.PERSON, "AL-QADHAFI, Muammar"),
    ("a:3", Schema.PERSON, "HAJIZADEH, Amir Ali"),
    ("a:4", Schema.ORGANIZATION, "BANK SEPAH"),
    ("a:5", Schema.PERSON, "ABD AL-RAHMAN, Khalid"),
]


@pytest.fixture(scope="module")
def arabic_screener():
    snap = ListSnapshot("a", "memory", "0" * 64)
    return Screener([EntityList("a", snap, tuple(
        Entity(entity_id=i, source="a", publisher_id=i.split(":")[1], schema=s, name=n, snapshot=snap)
        for i, s, n in ARABIC_LISTED))], curated=False)


@pytest.mark.parametrize("query, expected", [
    ("حسین دهقان", "a:1"),             # Persian: vowels unwritten, gh = ق
    ("معمر القذافي", "a:2"),           # article dropped, doubled consonant once, dh = ذ
    ("امیرعلی حاجی\u200cزاده", "a:3"),  # compound given name cut, non-joiner inside a word
    ("بانک سپه", "a:4"),               # Persian letters پ and ک
    ("خالد عبد الرحمن", "a:5"),        # Abd al- = عبد ال, kh = خ
])
def test_arabic_script_queries_alert_on_latin_listings(arabic_screener, query, expected):
    entity, score = top(arabic_screener, query)
    assert entity == expected and score >= DEFAULT_THRESHOLD, (query, entity, score)


def test_consonant_skeletons_only_meet_arabic_script_queries(arabic_screener):
    # "hsn dhkn" written in Latin letters is not the Arabic-script name: skeletons live apart.
    assert top(arabic_screener, "Hsn Dhkn")[1] < DEFAULT_THRESHOLD


def test_a_word_split_in_two_meets_its_listing():
    snap = ListSnapshot("c", "memory", "0" * 64)
    entities = tuple(Entity(entity_id=i, source="c", publisher_id=i.split(":")[1], schema=s, name=n, snapshot=snap)
                     for i, s, n in [("c:1", Schema.ORGANIZATION, "NETPOSA TECHNOLOGIES LIMITED"),
                                     ("c:2", Schema.ORGANIZATION, "VICTOR SYSTEMS")])
    screener = Screener([EntityList("c", snap, entities)], curated=False)
    entity, score = top(screener, "Net Posa Technologies")
    assert entity == "c:1" and score >= DEFAULT_THRESHOLD
    assert top(screener, "Net Posa Technologies Limited") == ("c:1", 100.0)
    # Words under three letters do not fuse ("Vi Ctor" is not VICTOR).
    assert top(screener, "Vi Ctor Systems")[1] < DEFAULT_THRESHOLD
