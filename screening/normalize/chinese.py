"""Chinese romanization: characters to pinyin, syllable segmentation, Wade-Giles keys.

Customers write one Chinese name as characters (simplified or traditional), as pinyin
with or without spaces and tone marks ("Haikang Weishi", "Hai Kang Wei Shi",
"Haikangweishi", "Hǎikāng"), or in Wade-Giles ("Teng Chung-hua" for Deng Zhonghua).
This module turns each into syllables so they compare equal:

* characters -> pinyin syllables with pypinyin (its phrase dictionary picks the
  reading of polyphonic characters in context; traditional characters are covered);
* a Latin token that is a run of pinyin syllables is split into them
  ("haikangweishi" -> hai kang wei shi), the fewest syllables winning;
* a name written in Wade-Giles (some token is a Wade-Giles syllable but not pinyin,
  like "chung" or "hsu") is read as Wade-Giles throughout.

Wade-Giles with its apostrophes dropped, as customer files write it, cannot tell
zhong from chong (both "chung"). The shared spelling is the *key*: every pinyin
syllable maps to its Wade-Giles form without apostrophes (zhong, chong -> chung; xu ->
hsu). Pinyin names are compared as pinyin, and list names also carry their key form so
a Wade-Giles query finds them.

>>> split_syllables("haikangweishi")
('hai', 'kang', 'wei', 'shi')
>>> han_to_pinyin("北京旷视科技")
'bei jing kuang shi ke ji'
>>> [PINYIN_KEY[s] for s in ("deng", "zhong", "hua", "xu")]
['teng', 'chung', 'hua', 'hsu']
"""

from __future__ import annotations

import functools
import re

from screening.normalize.name_parts import (
    GENERIC, GENERIC_PINYIN, LEGAL_PINYIN, PINYIN_ENGLISH, PLACES, TokenClass, token_class,
)

# Every pinyin syllable with its key: the Wade-Giles spelling without apostrophes, u for ü.
# Generated from pypinyin 0.55 (its PINYIN_DICT readings, Style.WADEGILES), with one
# correction: pypinyin spells the final -ai as "ei" (hai -> hei), Wade-Giles writes
# "ai". tests/test_chinese.py checks the table against pypinyin.
_TABLE = """
a:a ai:ai an:an ang:ang ao:ao ba:pa bai:pai ban:pan bang:pang bao:pao bei:pei ben:pen beng:peng
bi:pi bian:pien biang:piang biao:piao bie:pieh bin:pin bing:ping bo:po bong:pung bu:pu ca:tsa
cai:tsai can:tsan cang:tsang cao:tsao ce:tse cei:tsei cen:tsen ceng:tseng cha:cha chai:chai
chan:chan chang:chang chao:chao che:che chen:chen cheng:cheng chi:chih chong:chung chou:chou
chu:chu chua:chua chuai:chuai chuan:chuan chuang:chuang chui:chui chun:chun chuo:cho ci:tzu
cong:tsung cou:tsou cu:tsu cuan:tsuan cui:tsui cun:tsun cuo:tso da:ta dai:tai dan:tan dang:tang
dao:tao de:te dei:tei den:ten deng:teng di:ti dia:tia dian:tien diao:tiao die:tieh din:tin ding:ting
diu:tiu dong:tung dou:tou du:tu duan:tuan dui:tui dun:tun duo:to e:o ei:ei en:en eng:eng er:erh
fa:fa fan:fan fang:fang fei:fei fen:fen feng:feng fiao:fiao fo:fo fou:fou fu:fu ga:ka gai:kai
gan:kan gang:kang gao:kao ge:ko gei:kei gen:ken geng:keng gong:kung gou:kou gu:ku gua:kua guai:kuai
guan:kuan guang:kuang gui:kuei gun:kun guo:kuo ha:ha hai:hai han:han hang:hang hao:hao he:ho
hei:hei hen:hen heng:heng hong:hung hou:hou hu:hu hua:hua huai:huai huan:huan huang:huang hui:hui
hun:hun huo:ho ji:chi jia:chia jian:chien jiang:chiang jiao:chiao jie:chieh jin:chin jing:ching
jiong:chiung jiu:chiu ju:chu juan:chuan jue:chueh jun:chun ka:ka kai:kai kan:kan kang:kang kao:kao
ke:ko kei:kei ken:ken keng:keng kong:kung kou:kou ku:ku kua:kua kuai:kuai kuan:kuan kuang:kuang
kui:kuei kun:kun kuo:kuo la:la lai:lai lan:lan lang:lang lao:lao le:le lei:lei len:len leng:leng
li:li lia:lia lian:lien liang:liang liao:liao lie:lieh lin:lin ling:ling liu:liu lo:lo long:lung
lou:lou lu:lu luan:luan lun:lun luo:lo lv:lu lve:lueh ma:ma mai:mai man:man mang:mang mao:mao
me:me mei:mei men:men meng:meng mi:mi mian:mien miao:miao mie:mieh min:min ming:ming miu:miu
mo:mo mou:mou mu:mu na:na nai:nai nan:nan nang:nang nao:nao ne:ne nei:nei nen:nen neng:neng
ni:ni nia:nia nian:nien niang:niang niao:niao nie:nieh nin:nin ning:ning niu:niu nong:nung nou:nou
nu:nu nuan:nuan nun:nun nuo:no nv:nu nve:nueh o:o ou:ou pa:pa pai:pai pan:pan pang:pang pao:pao
pei:pei pen:pen peng:peng pi:pi pian:pien piao:piao pie:pieh pin:pin ping:ping po:po pou:pou
pu:pu qi:chi qia:chia qian:chien qiang:chiang qiao:chiao qie:chieh qin:chin qing:ching qiong:chiung
qiu:chiu qu:chu quan:chuan que:chueh qun:chun ran:jan rang:jang rao:jao re:je ren:jen reng:jeng
ri:jih rong:jung rou:jou ru:ju rua:jua ruan:juan rui:jui run:jun ruo:jo sa:sa sai:sai san:san
sang:sang sao:sao se:se sen:sen seng:seng sha:sha shai:shai shan:shan shang:shang shao:shao
she:she shei:shei shen:shen sheng:sheng shi:shih shou:shou shu:shu shua:shua shuai:shuai shuan:shuan
shuang:shuang shui:shui shun:shun shuo:sho si:ssu song:sung sou:sou su:su suan:suan sui:sui
sun:sun suo:so ta:ta tai:tai tan:tan tang:tang tao:tao te:te tei:tei teng:teng ti:ti tian:tien
tiao:tiao tie:toeh ting:ting tong:tung tou:tou tu:tu tuan:tuan tui:tui tun:tun tuo:to wa:wa
wai:wai wan:wan wang:wang wei:wei wen:wen weng:weng wo:wo wong:wung wu:wu xi:hsi xia:hsia xian:hsien
xiang:hsiang xiao:hsiao xie:hsieh xin:hsin xing:hsing xiong:hsiung xiu:hsiu xu:hsu xuan:hsuan
xue:hsueh xun:hsun ya:ya yan:yen yang:yang yao:yao ye:yeh yi:i yin:yin ying:ying yo:yo yong:yung
you:yu yu:yu yuan:yuan yue:yueh yun:yun za:tsa zai:tsai zan:tsan zang:tsang zao:tsao ze:tse
zei:tsei zen:tsen zeng:tseng zha:cha zhai:chai zhan:chan zhang:chang zhao:chao zhe:che zhei:chei
zhen:chen zheng:cheng zhi:chih zhong:chung zhou:chou zhu:chu zhua:chua zhuai:chuai zhuan:chuan
zhuang:chuang zhui:chui zhun:chun zhuo:cho zi:tzu zong:tsung zou:tsou zu:tsu zuan:tsuan zui:tsui
zun:tsun zuo:tso
"""
PINYIN_KEY: dict[str, str] = dict(pair.split(":") for pair in _TABLE.split())

# Postal and other pre-pinyin spellings customers still use (Tsinghua, Kiangsu, Kwangtung).
POSTAL_KEY = {"tsing": "ching", "tsin": "chin", "kiang": "chiang", "kwang": "kuang", "kwei": "kuei",
              "kiu": "chiu", "hsien": "hsien", "chow": "chou", "fook": "fu"}
WADE_GILES_KEY: dict[str, str] = {**{k: k for k in PINYIN_KEY.values()}, **POSTAL_KEY}

# Tokens this long cannot be a run of syllables worth splitting; bound the work.
_MAX_SPLIT_LEN = 30
_LONGEST = max(map(len, (*PINYIN_KEY, *WADE_GILES_KEY)))
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")


def is_syllable(token: str) -> bool:
    """Whether ``token`` is one pinyin or Wade-Giles syllable (or its key)."""
    return token in PINYIN_KEY or token in WADE_GILES_KEY


_HYPHENATED = re.compile(r"\b([a-z]+)(?:-([a-z]+))+\b")


def join_hyphenated_syllables(text: str) -> str:
    """Join hyphenated given names made of syllables (Shi-Fu -> Shifu, Chiang-chou ->
    Chiangchou), keeping them one name; other hyphens (Al-Qaida, Jean-Baptiste) stay."""
    def join(m: re.Match) -> str:
        parts = m.group(0).split("-")
        return "".join(parts) if all(is_syllable(p) for p in parts) else m.group(0)

    return _HYPHENATED.sub(join, text)


def has_han(text: str) -> bool:
    """Whether ``text`` holds a Chinese character."""
    return _HAN.search(text) is not None


def load_pinyin() -> None:
    """Load pypinyin's dictionaries now rather than on the first Chinese name (about 0.3 s): done
    before forking batch workers, so that they share one copy instead of each loading its own."""
    han_to_pinyin("\u4e2d")


def han_to_pinyin(text: str) -> str:
    """``text`` with every run of Chinese characters replaced by space-separated pinyin syllables."""
    from pypinyin import Style, lazy_pinyin  # imported on first use: it loads large dictionaries

    return " ".join(lazy_pinyin(text, style=Style.NORMAL, v_to_u=True, errors=lambda s: s)).strip()


@functools.lru_cache(maxsize=1 << 16)  # per token, and a batch repeats its tokens many times
def split_syllables(token: str, wade_giles: bool = False) -> tuple[str, ...] | None:
    """The fewest pinyin (or Wade-Giles) syllables that spell ``token``, or None if none do."""
    inventory = WADE_GILES_KEY if wade_giles else PINYIN_KEY
    n = len(token)
    if not n or n > _MAX_SPLIT_LEN or not token.isalpha():
        return None
    best: list[tuple[str, ...] | None] = [()] + [None] * n
    for end in range(1, n + 1):
        for start in range(max(0, end - _LONGEST), end):
            head = best[start]
            piece = token[start:end]
            if head is not None and piece in inventory:
                if best[end] is None or len(head) + 1 < len(best[end]):
                    best[end] = head + (piece,)
    return best[n]


# --- Forms of a tokenized name --------------------------------------------------------

Form = tuple[tuple[str, ...], tuple[TokenClass, ...]]


def _lexicon() -> tuple[dict[str, TokenClass], dict[tuple[str, ...], tuple[str, TokenClass]]]:
    """Words made of two or more pinyin syllables, by joined spelling and by key syllables."""
    by_pinyin: dict[str, TokenClass] = {}
    by_key: dict[tuple[str, ...], tuple[str, TokenClass]] = {}
    for word in PLACES | GENERIC | GENERIC_PINYIN | LEGAL_PINYIN:
        parts = split_syllables(word)
        if parts and len(parts) > 1:
            by_pinyin[word] = token_class(word)
            keys = tuple(PINYIN_KEY[p] for p in parts)
            by_key[keys] = ("".join(keys), token_class(word))
    return by_pinyin, by_key


_BY_PINYIN, _BY_KEY = _lexicon()
# Pinyin industry words, and their key spellings, -> the English word lists print.
_ENGLISH = {**PINYIN_ENGLISH,
            **{"".join(PINYIN_KEY[s] for s in split_syllables(w)): e for w, e in PINYIN_ENGLISH.items()}}
_MAX_WORD = max((len(k) for k in _BY_KEY), default=1)


def romanized_forms(tokens: list[str], classes: list[TokenClass]) -> list[Form]:
    """The forms of a name whose tokens may be pinyin or Wade-Giles, the primary form first.

    * primary: the tokens as written; runs of one-syllable tokens that spell a known
      word (a place, an industry word, a legal form) join into it ("bei jing" ->
      "beijing"), so characters and spaced pinyin meet written-together pinyin;
    * split, for a name wholly in pinyin (but for legal forms, places and industry
      words): every token that is a run of pinyin syllables split into them
      ("Haikang Weishi" -> hai kang wei shi). It is a form of its own, not the primary,
      because English words can spell syllables too ("mobile");
    * key, for the same names and for names written in Wade-Giles: the syllables in
      key spelling, so the two romanizations meet.

    Syllables join into a known word only within one written token, or across tokens
    of one syllable each: "Li Jiangzhou" holds no city Lijiang. Characters carry no word
    boundaries (李江舟 is Li Jiangzhou, not the city Lijiang + Zhou), so for a name that
    may be a person's (at most four syllables, no legal form or industry word), the
    form without joins into places is a form too.
    """
    pinyin = [None if c is TokenClass.LEGAL else split_syllables(t) for t, c in zip(tokens, classes)]
    wade = [None if c is TokenClass.LEGAL else split_syllables(t, True) for t, c in zip(tokens, classes)]
    if not any(pinyin) and not any(wade):  # no syllables (most names): the one form as written
        return [(tuple(_ENGLISH.get(t, t) for t in tokens), tuple(classes))]
    as_written = [(t, None if p == (t,) else c, _FREE) for t, c, p in zip(tokens, classes, pinyin)]
    person = _maybe_person(tokens, classes, pinyin, wade)
    # A name that cannot be a person's joins places in every form: one join serves both.
    forms = [_join_pinyin(as_written)] + ([_join_pinyin(as_written, places=False)] if person else [])
    # Only a name wholly in syllables (but for legal forms, places and industry words) has more forms.
    if not all(p or w or c is not TokenClass.WORD for p, w, c in zip(pinyin, wade, classes)):
        return _unique(forms)
    # A token that Wade-Giles spells in fewer syllables than pinyin ("chiang", not chi-ang)
    # marks a Wade-Giles name.
    if any(w and (not p or len(w) < len(p)) for p, w in zip(pinyin, wade)):
        keyed = []
        for i, (t, c, p, w) in enumerate(zip(tokens, classes, pinyin, wade)):
            spelled = [WADE_GILES_KEY[s] for s in w] if w else [PINYIN_KEY[s] for s in p] if p else None
            keyed += [(k, None, _group(i, spelled)) for k in spelled] if spelled else [(t, c, _FREE)]
        return _unique(forms + [_join_keys(keyed)] + ([_join_keys(keyed, places=False)] if person else []))
    split, keyed = [], []
    for i, (t, c, p) in enumerate(zip(tokens, classes, pinyin)):
        split += [(s, None, _group(i, p)) for s in p] if p and t not in _BY_PINYIN else [(t, c, _FREE)]
        keyed += [(PINYIN_KEY[s], None, _group(i, p)) for s in p] if p else [(t, c, _FREE)]
    return _unique(forms + [_join_pinyin(split), _join_keys(keyed)]
                   + ([_join_keys(keyed, places=False)] if person else []))


def _maybe_person(tokens, classes, pinyin, wade) -> bool:
    """At most four syllables and nothing but name words and places: a Chinese personal name may be this."""
    syllables = sum(len(p or w or (t,)) for t, p, w in zip(tokens, pinyin, wade))
    return syllables <= 4 and all(c in (TokenClass.WORD, TokenClass.PLACE) for c in classes)


_FREE = -1  # a one-syllable token: may join its neighbours of one syllable


def _group(token_index: int, syllables) -> int:
    return _FREE if len(syllables) == 1 else token_index


def _unique(forms: list[Form]) -> list[Form]:
    return list(dict.fromkeys(forms))


def _join_pinyin(units, places: bool = True) -> Form:
    def lookup(run):
        cls = _BY_PINYIN.get("".join(run))
        return ("".join(run), cls) if cls is not None and (places or cls is not TokenClass.PLACE) else None
    return _join(units, lookup)


def _join_keys(units, places: bool = True) -> Form:
    def lookup(run):
        hit = _BY_KEY.get(tuple(run))
        return hit if hit is not None and (places or hit[1] is not TokenClass.PLACE) else None
    return _join(units, lookup)


def _join(units: list[tuple[str, TokenClass | None, int]], lookup) -> Form:
    """Join runs of syllables (units with class None) of one group that spell a lexicon word, longest first."""
    if None not in [u[1] for u in units]:  # no syllables, nothing to join
        return tuple([_ENGLISH.get(t, t) for t, _, _ in units]), tuple([c for _, c, _ in units])
    out_t: list[str] = []
    out_c: list[TokenClass] = []
    i = 0
    while i < len(units):
        text, cls, group = units[i]
        if cls is not None:
            out_t.append(text)
            out_c.append(cls)
            i += 1
            continue
        end = i + 1
        while end < len(units) and units[end][1] is None and units[end][2] == group and end - i < _MAX_WORD:
            end += 1
        for stop in range(end, i + 1, -1):
            hit = lookup([u[0] for u in units[i:stop]])
            if hit:
                out_t.append(hit[0])
                out_c.append(hit[1])
                i = stop
                break
        else:
            out_t.append(text)
            out_c.append(TokenClass.WORD)
            i += 1
    return tuple([_ENGLISH.get(t, t) for t in out_t]), tuple(out_c)
