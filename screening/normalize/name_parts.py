"""What part of a company name a token is: legal form, place, generic business word, or a name word.

A company name is mostly place + trade name + industry + legal form ("Hangzhou
Hikvision Digital Technology Co., Ltd."). Only the trade name identifies the company;
two firms sharing "Hangzhou ... Digital Technology Co., Ltd." are different firms.
Rarity in the loaded lists alone cannot tell this (a city may occur only once in a
list), so scoring multiplies rarity by a class factor for these parts. The words here
are ordinary vocabulary (places, industries), not names taken from any list.

>>> [token_class(t).name for t in ("hangzhou", "hikvision", "technology", "keji", "youxian")]
['PLACE', 'WORD', 'GENERIC', 'GENERIC', 'LEGAL']
"""

from __future__ import annotations

from enum import IntEnum

from screening.normalize.translit import is_patronymic


class TokenClass(IntEnum):
    WORD = 0  # a name word: the distinctive part
    LEGAL = 1  # company legal form (decided by legal_forms, not by token_class)
    PLACE = 2  # country, region, city
    GENERIC = 3  # industry and business words
    PATRONYMIC = 4  # Ivanovich, Yanovych: lists carry them, customer files often omit them
    TITLE = 5  # honorifics and ranks: Mr, Dr, Sheikh, General


# Chinese provinces and large cities in pinyin, the Hong Kong and Macau spellings, and
# the countries, regions and cities that company names most often carry.
PLACES = frozenset("""
beijing shanghai tianjin chongqing shenzhen guangzhou hangzhou nanjing wuhan chengdu xian xiamen
suzhou wuxi ningbo dongguan foshan zhuhai shantou wenzhou qingdao dalian shenyang harbin changchun
jinan zhengzhou changsha hefei fuzhou kunming nanning guiyang lanzhou urumqi hohhot taiyuan
shijiazhuang nanchang haikou lhasa xining yinchuan luoyang baotou tangshan yantai weihai zibo
changzhou nantong yangzhou xuzhou jiaxing shaoxing taizhou jinhua quanzhou zhangzhou huizhou
zhongshan jiangmen zhanjiang mianyang deyang zunyi liuzhou guilin sanya daqing jilin anshan
jiangsu zhejiang guangdong fujian shandong henan hebei hubei hunan anhui jiangxi sichuan yunnan
guizhou shaanxi shanxi gansu qinghai hainan liaoning heilongjiang xinjiang xizang tibet ningxia
guangxi neimenggu mongolia inner hongkong hong kong kowloon macau macao taiwan taipei
dandong fushun benxi jinzhou yingkou fuxin liaoyang panjin tieling chaoyang huludao siping
liaoyuan tonghua baishan songyuan baicheng yanbian qiqihar jixi hegang shuangyashan yichun
jiamusi qitaihe mudanjiang heihe suihua datong yangquan changzhi jincheng shuozhou jinzhong
yuncheng xinzhou linfen luliang chifeng tongliao ordos hulunbuir bayannur ulanqab handan
xingtai baoding zhangjiakou chengde cangzhou langfang hengshui qinhuangdao lianyungang
huaian yancheng zhenjiang suqian huzhou quzhou zhoushan lishui wuhu bengbu huainan maanshan
huaibei tongling anqing huangshan chuzhou fuyang suzhou luan bozhou chizhou xuancheng putian
sanming longyan ningde nanping jingdezhen pingxiang jiujiang xinyu yingtan ganzhou jian
shangrao dongying weifang jining taian rizhao linyi dezhou liaocheng binzhou heze kaifeng
pingdingshan anyang hebi xinxiang jiaozuo puyang xuchang luohe sanmenxia nanyang shangqiu
xinyang zhoukou zhumadian huangshi shiyan yichang xiangyang ezhou jingmen xiaogan jingzhou
huanggang xianning suizhou zhuzhou xiangtan hengyang shaoyang yueyang changde zhangjiajie
yiyang chenzhou yongzhou huaihua loudi shaoguan maoming zhaoqing meizhou shanwei heyuan
yangjiang qingyuan chaozhou jieyang yunfu beihai fangchenggang qinzhou guigang yulin baise
hezhou hechi laibin chongzuo sanya danzhou zigong panzhihua luzhou guangyuan suining neijiang
leshan nanchong meishan yibin guangan dazhou yaan bazhong ziyang liupanshui anshun bijie
tongren qujing yuxi baoshan zhaotong lijiang puer lincang shigatse baoji xianyang weinan
yanan hanzhong ankang shangluo jiayuguan jinchang baiyin tianshui wuwei zhangye pingliang
jiuquan qingyang dingxi longnan haidong shizuishan wuzhong guyuan zhongwei karamay turpan
hami kashgar hotan aksu korla shihezi zhongshan xiongan pudong haidian chaoyang shunde
nanhai baoan longgang futian nanshan minhang songjiang jiading
china chinese prc peking canton tsingtao amoy zhongguo zhonghua xianggang aomen
asia asian pacific europe european america american africa african middle east west north south
eastern western northern southern central global international world overseas
russia russian moscow petersburg iran iranian tehran syria syrian damascus korea korean pyongyang
dprk iraq iraqi baghdad lebanon beirut turkey istanbul ankara dubai emirates uae sharjah
abu dhabi gulf arab arabia saudi riyadh qatar doha oman kuwait bahrain yemen egypt cairo
libya tripoli sudan khartoum afghanistan kabul pakistan karachi india indian mumbai delhi
singapore malaysia kuala lumpur thailand bangkok vietnam hanoi indonesia jakarta philippines
japan japanese tokyo london british britain england cyprus cypriot malta panama cayman
virgin islands island belarus minsk ukraine kyiv kiev kazakhstan almaty tashkent uzbekistan
venezuela caracas cuba havana mexico mexican colombia bogota brazil germany german berlin
france paris switzerland swiss geneva zurich netherlands amsterdam belgium italy italia
spain usa canada australia
""".split())

# Industry and business words: what a firm does or is, shared by thousands of firms.
GENERIC = frozenset("""
technology technologies science sciences scientific digital electronics electronic electric
electrical electro information informatics network networks communication telecommunication
telecom telecoms software systems solutions data intelligent intelligence smart cloud internet
online media semiconductor microelectronics optoelectronics optical optics photonics devices
equipment instruments instrument machinery machine machines manufacturing industry industries
engineering construction development investment investments holding holdings group groups
capital finance financial bank banking insurance securities fund funds asset assets
management consulting services trading trade import export imports exports commerce
commercial enterprise enterprises corporation company companies business international
global national general united new first power energy oil gas petroleum petrochemical
chemical chemicals materials material metals metal steel mining minerals resources shipping
logistics transport transportation marine maritime shipbuilding navigation aviation
aerospace aircraft airlines airline air space satellite rocket defense defence military
research institute academy university laboratory lab center centre products product
supply supplies industrial manufacturer factory works mechanical automation auto automotive representative office branch
motor motors vehicle vehicles medical pharmaceutical pharmaceuticals health biotech
biological agriculture agricultural food foods textile textiles real estate property
properties hotel hotels travel tourism security vision video imaging image robotics
precision heavy light high tech hi new and of the for
""".split())


# The same in pinyin, as Chinese company names spell them (科技 keji, 集团 jituan ...).
GENERIC_PINYIN = frozenset("""
keji jishu jituan konggu shiye maoyi guoji fazhan touzi dianzi tongxin wangluo xinxi kexue
gongye gongcheng hangkong hangtian chuanbo zhineng shuzi shebei zhizao wuliu nengyuan
shiyou huagong yinhang zhengquan baoxian jinrong yanjiuyuan yanjiusuo daxue jixie dianqi
guangdian ruanjian yiqi zhuangbei chanye haiyang guangxue weidianzi zhonggong jianshe
shangmao jingmao wuzi shengwu yiyao yiliao dichan zhiye kuangye gangtie youse jiancai
fangzhi shipin nongye huanbao zidonghua xitong fuwu guanli zixun dianli jiaotong yunshu
""".split())
# Pinyin industry words with the English word that lists print for them, so
# "Jiangxi Hongdu Hangkong Gongye" meets "JIANGXI HONGDU AVIATION INDUSTRY".
PINYIN_ENGLISH = {
    "keji": "technology", "jishu": "technology", "jituan": "group", "konggu": "holding", "shiye": "industry",
    "maoyi": "trading", "shangmao": "trading", "jingmao": "trading", "guoji": "international",
    "fazhan": "development", "touzi": "investment", "dianzi": "electronics", "tongxin": "communication",
    "wangluo": "network", "xinxi": "information", "kexue": "science", "gongye": "industry",
    "gongcheng": "engineering", "hangkong": "aviation", "hangtian": "aerospace", "chuanbo": "shipbuilding",
    "zhineng": "intelligent", "shuzi": "digital", "shebei": "equipment", "zhuangbei": "equipment",
    "zhizao": "manufacturing", "wuliu": "logistics", "nengyuan": "energy", "shiyou": "petroleum",
    "huagong": "chemical", "yinhang": "bank", "zhengquan": "securities", "baoxian": "insurance",
    "jinrong": "finance", "daxue": "university", "jixie": "machinery", "dianqi": "electric",
    "ruanjian": "software", "chanye": "industry", "haiyang": "marine", "guangdian": "optoelectronics",
    "weidianzi": "microelectronics", "jinshu": "metal", "cailiao": "materials", "shengwu": "biological",
    "yiyao": "pharmaceutical", "yiliao": "medical", "kuangye": "mining", "gangtie": "steel",
    "zidonghua": "automation", "xitong": "systems", "fuwu": "services", "guanli": "management",
    "zixun": "consulting", "dianli": "power", "jiaotong": "transport", "yunshu": "transportation",
    "jianshe": "construction", "zhongguo": "china",
}
GENERIC_PINYIN = GENERIC_PINYIN | (PINYIN_ENGLISH.keys() - PLACES)

# Pinyin legal forms: 有限 youxian (limited), 公司 gongsi (company), 股份 gufen (joint-stock),
# 责任 zeren (liability); and the Japanese 株式会社 / 有限会社 as Chinese readings spell them.
LEGAL_PINYIN = frozenset({"youxian", "gongsi", "gufen", "zeren", "zhushihuishe", "youxianhuishe"})

# Honorifics, titles and ranks that precede names in customer records and lists.
TITLES = frozenset("""
mr mrs ms miss mx dr prof professor sir dame lord lady madam madame mme mlle herr frau
sheikh shaikh sheik shaykh haji hajji hadji sayyid sayed syed mullah mulla maulana maulvi imam
ayatollah hojatoleslam emir amir sultan prince princess king queen
general gen colonel col major maj captain capt lieutenant lt sergeant sgt admiral adm commander cmdr
brigadier marshal senator sen governor gov minister president honorable hon excellency his her
""".split())


def token_class(token: str) -> TokenClass:
    """The class of a token by its word alone (Latin legal forms are recognized by :mod:`.legal_forms`)."""
    if token in TITLES:
        return TokenClass.TITLE
    if is_patronymic(token):
        return TokenClass.PATRONYMIC
    if token in LEGAL_PINYIN:
        return TokenClass.LEGAL
    if token in PLACES:
        return TokenClass.PLACE
    if token in GENERIC or token in GENERIC_PINYIN:
        return TokenClass.GENERIC
    return TokenClass.WORD
