"""Securities screening for trading systems: is this ISIN, ticker or issuer under the NS-CMIC ban?

:meth:`Screener.match_security <screening.interfaces.screener.Screener.match_security>`
checks the loaded entities of OFAC's Non-SDN Chinese Military-Industrial Complex list
(program ``CMIC-EO13959``, or the CSL's ``CMIC`` sub-list) three ways:

* ``isin``: equal to one of the ISINs OFAC lists for the entity (spaces and case
  ignored; the check digit is not enforced, since OFAC's own list holds ISINs that
  fail it);
* ``ticker``: an exchange ticker as OFAC prints it (``0728 HK``, ``CHA US``) or in
  another common spelling (``728.HK``, ``HKEX:0728``, ``603019.SS``); without an exchange
  (``CHA``) it matches the code on any exchange;
* ``issuer``: the issuer's name, with the same name intelligence as ``match``
  (legal forms, Chinese characters, pinyin, typos), against the entities' names and
  OFAC's "Issuer Name"s.

Each result names the program, the listing date and the dates OFAC gives for the ban
(effective date, divestment deadline), as printed in the CMIC remarks
(:mod:`screening.sources.cmic`); a list that does not print them (the bundled starter
list has the listing date only) leaves them None.

OFAC's ISIN and ticker lists are not exhaustive: the ban covers the entity's publicly
traded securities, so an issuer-name match without an ISIN match still matters; the
result's ``notes`` say so when an ISIN or ticker was given and did not match.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from screening.interfaces.results import EntityResult
from screening.model import Entity, IdType, Schema
from screening.normalize.identifiers import identifier_key
from screening.index.attributes import identifier_keys
from screening.sources.cmic import CmicDates, entity_cmic_dates, is_cmic

if TYPE_CHECKING:  # pragma: no cover
    from screening.interfaces.screener import Match, Screener


@dataclass(frozen=True)
class SecurityMatch(EntityResult):
    """One NS-CMIC entity a security (ISIN, ticker, issuer) points to, and the ban's dates."""

    entity: Entity
    matched_on: tuple[str, ...]  # of "isin", "ticker", "issuer", in that order
    isin: str | None  # the listed ISIN equal to the one given
    tickers: tuple[str, ...]  # the listed tickers equal to the one given
    issuer: "Match | None"  # the issuer-name match, with its score and explanation
    dates: CmicDates
    notes: tuple[str, ...] = ()
    score: float = field(default=0.0)  # 100 for an ISIN or ticker match, else the issuer name's score

    def __repr__(self) -> str:
        return (f"SecurityMatch({self.entity_id!r}, {self.listed_name!r}, matched_on={self.matched_on}, "
                f"score={self.score:g}, programs={self.programs}, listing_date={self.listing_date}, "
                f"effective_date={self.effective_date}, divestment_date={self.divestment_date})")




    @property
    def listing_date(self):
        return self.dates.listing

    @property
    def effective_date(self):
        """From this date new purchases of the entity's securities are prohibited."""
        return self.dates.effective

    @property
    def divestment_date(self):
        """Purchases and sales made only to divest are allowed until this date."""
        return self.dates.divestment

    @property
    def listed_isins(self) -> tuple[str, ...]:
        return tuple(i.value for i in self.entity.identifiers_of(IdType.ISIN))

    @property
    def listed_tickers(self) -> tuple[str, ...]:
        return tuple(i.value for i in self.entity.identifiers_of(IdType.TICKER))

    def to_dict(self) -> dict:
        return {
            "entity_id": self.entity_id, "listed_name": self.listed_name, "score": self.score,
            "matched_on": list(self.matched_on), "isin": self.isin, "tickers": list(self.tickers),
            "issuer_name": self.issuer.matched_name if self.issuer else None,
            "issuer_score": self.issuer.score if self.issuer else None,
            "programs": list(self.programs),
            "listing_date": self.listing_date, "effective_date": self.effective_date,
            "divestment_date": self.divestment_date, "notes": list(self.notes),
        }

    def _repr_html_(self) -> str:
        from screening.interfaces.notebook import securities_html
        return securities_html([self])


class SecurityMatches(list):
    """The list :meth:`Screener.match_security` returns; renders as a table in Jupyter."""

    def _repr_html_(self) -> str:
        from screening.interfaces.notebook import securities_html
        return securities_html(self)


def cmic_view(screener: "Screener") -> "Screener":
    """A view of ``screener`` restricted to its NS-CMIC entities (built once, then kept on it)."""
    view = screener.__dict__.get("_cmic_view")
    if view is None:
        ids = [e.entity_id for e in screener.index.entities if is_cmic(e)]
        view = screener._restricted(ids) if ids else None
        screener.__dict__["_cmic_view"] = view if view is not None else False
    return view or None


def match_security(screener: "Screener", isin: str | None = None, ticker: str | None = None,
                   issuer: str | None = None, threshold: float | None = None, limit: int = 10) -> SecurityMatches:
    """See :meth:`Screener.match_security <screening.interfaces.screener.Screener.match_security>`."""
    from screening.interfaces.screener import ScreeningInputError

    given = {k: v for k, v in (("isin", isin), ("ticker", ticker), ("issuer", issuer))
             if isinstance(v, str) and v.strip()}
    if not given:
        raise ScreeningInputError("match_security needs an isin, a ticker or an issuer name")
    attrs = screener.index.attributes
    entities = screener.index.entities
    hits: dict[str, dict] = {}  # entity id -> how it matched ("entity" holds the Entity)

    def found(positions: np.ndarray) -> list[Entity]:
        return [e for e in (entities[int(p)] for p in positions) if is_cmic(e)]

    if "isin" in given:
        key = identifier_key(IdType.ISIN, given["isin"])
        for e in found(attrs.entities_with(IdType.ISIN, given["isin"])):
            listed = next(i.value for i in e.identifiers_of(IdType.ISIN) if identifier_key(IdType.ISIN, i.value) == key)
            hits.setdefault(e.entity_id, {"entity": e})["isin"] = listed
    if "ticker" in given:
        key = identifier_key(IdType.TICKER, given["ticker"])
        for e in found(attrs.entities_with(IdType.TICKER, given["ticker"])):
            listed = tuple(i.value for i in e.identifiers_of(IdType.TICKER) if key in identifier_keys(i))
            hits.setdefault(e.entity_id, {"entity": e})["ticker"] = listed
    if "issuer" in given:
        view = cmic_view(screener)
        if view is not None:
            for m in view.match(given["issuer"], schema=Schema.ORGANIZATION.value, threshold=threshold, limit=limit):
                hits.setdefault(m.entity_id, {"entity": m.entity})["issuer"] = m

    out = []
    for how in hits.values():
        entity = how["entity"]
        matched_on = tuple(k for k in ("isin", "ticker", "issuer") if k in how)
        issuer_match = how.get("issuer")
        notes = []
        if "isin" in given and "isin" not in how:
            notes.append(f"ISIN {given['isin']} is not among the ISINs OFAC lists for this entity "
                         f"({len(entity.identifiers_of(IdType.ISIN))} listed); the ban covers the entity's "
                         "publicly traded securities, listed or not")
        if "ticker" in given and "ticker" not in how:
            notes.append(f"ticker {given['ticker']} is not among the tickers OFAC lists for this entity")
        score = 100.0 if ("isin" in how or "ticker" in how) else float(issuer_match.score)
        out.append(SecurityMatch(entity, matched_on, how.get("isin"), how.get("ticker", ()), issuer_match,
                                 entity_cmic_dates(entity), tuple(notes), score))
    out.sort(key=lambda m: (-len({"isin", "ticker"} & set(m.matched_on)), -m.score, m.entity_id))
    return SecurityMatches(out[:limit])


__all__ = ["SecurityMatch", "SecurityMatches", "cmic_view", "match_security"]
