"""Identifiers (passport, national id, USCC, ISIN, LEI, IMO, tickers ...) as comparison keys.

Lists and customer files write one identifier in many ways: ``A 123-456``, ``a123456``;
``IMO 9123456``; ``0728 HK``, ``728.HK``; ``6774 1639 5478``. :func:`identifier_key`
gives every spelling of one identifier the same key, for list and query values alike,
so the index compares keys only. A key is ``None`` when a value has nothing to compare.

>>> identifier_key(IdType.PASSPORT, "a 123-456"), identifier_key(IdType.IMO, "IMO 9123456")
('A123456', '9123456')
>>> identifier_key(IdType.TICKER, "0728 HK"), identifier_key(IdType.TICKER, "728.HK")
('728 HK', '728 HK')
>>> identifier_key(IdType.TICKER, "603019.SS"), identifier_key(IdType.TICKER, "cha")
('603019 CN', 'CHA')
>>> id_type("Passport No"), id_type("isin")
(<IdType.PASSPORT: 'passport'>, <IdType.ISIN: 'isin'>)
"""

from __future__ import annotations

import re
import unicodedata

from screening.model import IdType

_NOT_ALNUM = re.compile(r"[^0-9A-Z]+")
_IMO = re.compile(r"\d{7}")
# "0728 HK", "0728.HK", "0728HK" (OFAC's "603019CN"), "HK:0728", "CHA US", "CHA".
_TICKER_SUFFIX = re.compile(r"^(?P<code>\S+?)(?:[ .]|(?<=\d)(?=[A-Z]{2}$))(?P<exchange>[A-Z]{1,2})$")
_TICKER_PREFIX = re.compile(r"^(?P<exchange>[A-Z]{2,6}):\s*(?P<code>\S+)$")
_BLOOMBERG_SECTOR = re.compile(r"\s+EQUITY$")

# Exchange suffixes of other conventions -> the Bloomberg-style country codes OFAC prints
# ("601698 CN", "CHA US", "0728 HK"): Yahoo's Shanghai/Shenzhen suffixes and Bloomberg's
# US exchange codes; prefixes such as "HKEX:" and "NYSE:".
EXCHANGES = {
    "SS": "CN", "SZ": "CN", "SH": "CN", "CH": "CN", "SHA": "CN", "SHE": "CN", "SSE": "CN", "SZSE": "CN",
    "UN": "US", "UW": "US", "UQ": "US", "UR": "US", "UA": "US", "UP": "US", "N": "US", "O": "US",
    "NYSE": "US", "NASDAQ": "US", "HKEX": "HK", "SEHK": "HK", "HKG": "HK",
}

_TYPE_WORDS = {
    **{t.value: t for t in IdType},
    "passport": IdType.PASSPORT, "passportno": IdType.PASSPORT, "passportnumber": IdType.PASSPORT,
    "nationalid": IdType.NATIONAL_ID, "nationalidno": IdType.NATIONAL_ID, "nid": IdType.NATIONAL_ID,
    "idcard": IdType.NATIONAL_ID, "unifiedsocialcreditcode": IdType.USCC, "imonumber": IdType.IMO,
    "imono": IdType.IMO, "equityticker": IdType.TICKER, "chinesecommercialcode": IdType.CCC,
    "legalentityidentifier": IdType.LEI, "taxid": IdType.TAX_ID, "swift": IdType.SWIFT_BIC,
    "bic": IdType.SWIFT_BIC, "swiftbic": IdType.SWIFT_BIC,
}


def id_type(value: object) -> IdType:
    """An :class:`IdType` from its value (``"passport"``) or a common label; ValueError otherwise."""
    if isinstance(value, IdType):
        return value
    word = re.sub(r"[^a-z]", "", str(value).casefold())
    try:
        return _TYPE_WORDS[word]
    except KeyError:
        known = ", ".join(t.value for t in IdType)
        raise ValueError(f"unknown identifier type {value!r} (known: {known})") from None


def identifier_key(kind: IdType, value: object) -> str | None:
    """The comparison key of one identifier value (see the module doc); None when empty."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    text = unicodedata.normalize("NFKC", str(value)).upper().strip()
    if kind is IdType.TICKER:
        return ticker_key(text)
    if kind is IdType.IMO:
        m = _IMO.search(text)
        return m.group(0) if m else None
    return _NOT_ALNUM.sub("", text) or None


def ticker_key(text: str) -> str | None:
    """``"CODE EXCHANGE"`` (a numeric code without leading zeros), or ``"CODE"`` when no exchange is given."""
    text = _BLOOMBERG_SECTOR.sub("", " ".join(unicodedata.normalize("NFKC", text).upper().split()))
    if not text:
        return None
    code, exchange = text, None
    m = _TICKER_PREFIX.match(text)
    if m:
        code, exchange = m["code"], m["exchange"]
    else:
        m = _TICKER_SUFFIX.match(text)
        if m:
            code, exchange = m["code"], m["exchange"]
    code = _NOT_ALNUM.sub("", code)
    if code.isdigit():
        code = code.lstrip("0") or "0"
    if not code:
        return None
    if exchange is None:
        return code
    return f"{code} {EXCHANGES.get(exchange, exchange)}"


def ticker_code(key: str) -> str:
    """The code part of a ticker key (``"728 HK"`` -> ``"728"``)."""
    return key.split(" ", 1)[0]


__all__ = ["EXCHANGES", "id_type", "identifier_key", "ticker_code", "ticker_key"]

