"""Securities screening (``Screener.match_security``) on real NS-CMIC entries.

The expected ISINs, tickers and dates are those printed in OFAC's ``cons_prim.csv``
(``../shared/lists/ofac_consolidated``), e.g. ent_num 30882:
``Equity Ticker CHA US; ... alt. Equity Ticker 0728 HK; ... ISIN US1694261033; ...
Effective Date (CMIC) 02 Aug 2021; Purchase/Sales For Divestment Date (CMIC) 03 Jun 2022;
Listing Date (CMIC) 03 Jun 2021``.
"""

from __future__ import annotations

import datetime as dt

import pytest

from screening import Screener, ScreeningInputError, load_list
from screening.interfaces.cli import main
from screening.sources.cmic import cmic_dates

CHINA_TELECOM = "ofac-cons:30882"
CHINA_MOBILE = "ofac-cons:30923"
HIKVISION = "ofac-cons:30946"
CHINA_SATCOM = "ofac-cons:32069"
CNOOC = "ofac-cons:30926"


@pytest.fixture(scope="module")
def cons(shared_lists):
    return load_list("ofac-cons", shared_lists / "ofac_consolidated")


@pytest.fixture(scope="module")
def screener(cons) -> Screener:
    return Screener([cons])


@pytest.fixture(scope="module")
def with_sdn(shared_lists, cons) -> Screener:
    return Screener([load_list("ofac-sdn", shared_lists / "ofac_sdn_2023-12"), cons])


def ids(hits) -> list[str]:
    return [h.entity_id for h in hits]


def test_isin_reports_program_and_the_three_dates(screener):
    hits = screener.match_security(isin="US1694261033")
    assert ids(hits) == [CHINA_TELECOM]
    h = hits[0]
    assert h.matched_on == ("isin",) and h.isin == "US1694261033" and h.score == 100
    assert h.programs == ("CMIC-EO13959",)
    assert h.listing_date == dt.date(2021, 6, 3)
    assert h.effective_date == dt.date(2021, 8, 2)
    assert h.divestment_date == dt.date(2022, 6, 3)
    assert h.to_dict()["effective_date"] == dt.date(2021, 8, 2)


@pytest.mark.parametrize("isin, entity_id", [
    ("HK0941009539", CHINA_MOBILE),
    ("hk0941009539", CHINA_MOBILE),
    ("CNE 100000PM8", HIKVISION),
    ("CNE100003PX9", CHINA_SATCOM),
    ("BRC1EODR004", CNOOC),  # as OFAC prints it: eleven characters, not a valid ISIN, still listed
])
def test_isins(screener, isin, entity_id):
    assert ids(screener.match_security(isin=isin)) == [entity_id]


@pytest.mark.parametrize("ticker, entity_id, listed", [
    ("0728 HK", CHINA_TELECOM, ("0728 HK",)),
    ("728.HK", CHINA_TELECOM, ("0728 HK",)),
    ("HKEX:0728", CHINA_TELECOM, ("0728 HK",)),
    ("941 HK", CHINA_MOBILE, ("941 HK",)),
    ("0941.HK", CHINA_MOBILE, ("941 HK",)),
    ("CHL US Equity", CHINA_MOBILE, ("CHL US",)),
    ("002415 CN", HIKVISION, ("002415 CN",)),
    ("002415.SZ", HIKVISION, ("002415 CN",)),
    ("601698.SS", CHINA_SATCOM, ("601698 CN",)),
])
def test_tickers(screener, ticker, entity_id, listed):
    hits = screener.match_security(ticker=ticker)
    assert ids(hits) == [entity_id]
    assert hits[0].matched_on == ("ticker",) and hits[0].tickers == listed


def test_ticker_without_exchange_matches_every_listing_of_the_code(screener):
    hit = screener.match_security(ticker="CHA")[0]
    assert hit.entity_id == CHINA_TELECOM
    assert set(hit.tickers) == {"CHA US", "CHA RU", "CHA AR"}


def test_ticker_on_another_exchange_does_not_match(screener):
    assert screener.match_security(ticker="0728 US") == []


def test_issuer_name_with_name_intelligence(screener):
    for issuer in ("China Mobile Ltd", "CHINA MOBILE LIMITED", "中国移动"):
        hits = screener.match_security(issuer=issuer)
        assert CHINA_MOBILE in ids(hits), issuer
        h = next(h for h in hits if h.entity_id == CHINA_MOBILE)
        assert h.matched_on == ("issuer",) and h.issuer.score >= 80
        assert h.score == h.issuer.score
        assert h.issuer.explain().factors[0].name == "schema"
    hik = screener.match_security(issuer="Hangzhou Hikvision Digital Technology")[0]
    assert hik.entity_id == HIKVISION and hik.effective_date is not None


def test_all_three_agree(screener):
    hits = screener.match_security(isin="US1694261033", ticker="0728 HK", issuer="China Telecom Corp Ltd")
    assert hits[0].entity_id == CHINA_TELECOM
    assert hits[0].matched_on == ("isin", "ticker", "issuer")
    assert hits[0].notes == ()


def test_unlisted_isin_of_a_listed_issuer_is_reported_with_a_note(screener):
    hits = screener.match_security(isin="CNE000000000", issuer="Hikvision Digital Technology")
    assert ids(hits)[:1] == [HIKVISION]
    assert hits[0].matched_on == ("issuer",)
    assert any("not among the ISINs OFAC lists" in n for n in hits[0].notes)


def test_identifier_matches_rank_before_issuer_matches(screener):
    hits = screener.match_security(ticker="0728 HK", issuer="China Mobile")
    assert ids(hits)[0] == CHINA_TELECOM
    assert CHINA_MOBILE in ids(hits)


def test_only_cmic_entities(with_sdn):
    # ILYUSHIN (SDN, RUSSIA-EO14024) has ISIN RU0007796926: not an NS-CMIC security.
    assert with_sdn.match_security(isin="RU0007796926") == []
    assert with_sdn.match_security(issuer="Ilyushin Aviation Complex") == []
    assert ids(with_sdn.match_security(isin="US1694261033")) == [CHINA_TELECOM]


def test_nothing_given_is_an_input_error(screener):
    with pytest.raises(ScreeningInputError):
        screener.match_security()
    with pytest.raises(ScreeningInputError):
        screener.match_security(isin="  ")


def test_every_cmic_entity_has_its_dates(cons):
    from screening.sources.cmic import entity_cmic_dates, is_cmic
    cmic = [e for e in cons if is_cmic(e)]
    assert len(cmic) == 68
    for e in cmic:
        d = entity_cmic_dates(e)
        assert d.listing == e.listed_on and d.effective and d.divestment, e.entity_id
        assert d.listing <= d.effective <= d.divestment


def test_trade_gov_csl_dates(shared_lists):
    csl = load_list("csl", shared_lists / "trade_gov_csl_2023-11_sample")
    hit = Screener([csl]).match_security(isin="US1694261033")[0]
    assert hit.entity_id == "csl:30882"
    assert (hit.listing_date, hit.effective_date, hit.divestment_date) == \
        (dt.date(2021, 6, 3), dt.date(2021, 8, 2), dt.date(2022, 6, 3))


def test_starter_list_has_the_listing_date_only():
    hit = Screener().match_security(isin="US1694261033")[0]
    assert hit.entity_id == CHINA_TELECOM
    assert hit.listing_date == dt.date(2021, 6, 3) and hit.effective_date is None


def test_cmic_dates_parser_formats():
    d = cmic_dates("Listing Date (CMIC): 2021-12-16; Effective Date (CMIC): 2022-02-14; "
                   "Purchase/Sales For Divestment Date (CMIC): 2022-12-16")
    assert d.listing == dt.date(2021, 12, 16) and d.divestment == dt.date(2022, 12, 16)
    assert cmic_dates("") == cmic_dates("Effective Date (CMIC) 31 Feb 2021")  # unreadable: none


def test_html(screener):
    hits = screener.match_security(ticker="0728 HK", issuer="China Telecom")
    html = hits._repr_html_()
    assert "<mark>0728 HK</mark>" in html and "2022-06-03" in html
    assert hits[0]._repr_html_().startswith("<style>")


def test_cli_security(shared_lists, capsys):
    code = main(["security", "--isin", "US1694261033", "--list", f"ofac-cons={shared_lists / 'ofac_consolidated'}"])
    out = capsys.readouterr().out
    assert code == 1
    assert CHINA_TELECOM in out and "effective 2021-08-02" in out and "divestment by 2022-06-03" in out
    assert main(["security", "--ticker", "0728 US"]) == 0
    assert main(["security"]) == 2
