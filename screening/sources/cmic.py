"""NS-CMIC facts a trading system needs: is an entity under the investment ban, and its dates.

OFAC's Non-SDN Chinese Military-Industrial Complex list (program ``CMIC-EO13959``)
prints three dates per entity in its remarks: ``Listing Date (CMIC)``, ``Effective Date
(CMIC)`` (from which new purchases are prohibited) and ``Purchase/Sales For Divestment
Date (CMIC)`` (the last day divestment purchases and sales are allowed). OFAC's CSV
writes them ``02 Aug 2021``; the trade.gov Consolidated Screening List ``Effective Date
(CMIC): 2021-08-02``. Both loaders keep the text in ``Entity.remarks``; this module reads
the dates back from there, as printed. A list that does not carry them (the bundled
starter list has only the listing date) gives None.

>>> dates = cmic_dates("Target Type Public Company; Effective Date (CMIC) 02 Aug 2021; "
...                    "Purchase/Sales For Divestment Date (CMIC) 03 Jun 2022; Listing Date (CMIC) 03 Jun 2021.")
>>> dates.effective, dates.divestment, dates.listing
(datetime.date(2021, 8, 2), datetime.date(2022, 6, 3), datetime.date(2021, 6, 3))
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from screening.model import Entity

CMIC_PROGRAM = "CMIC-EO13959"
LISTING = "Listing Date (CMIC)"
EFFECTIVE = "Effective Date (CMIC)"
DIVESTMENT = "Purchase/Sales For Divestment Date (CMIC)"

_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
_DATE = re.compile(
    r"(?P<label>Listing Date \(CMIC\)|Effective Date \(CMIC\)|Purchase/Sales For Divestment Date \(CMIC\))"
    r":?,?\s+(?:(?P<d>\d{1,2})\s+(?P<m>[A-Za-z]{3})[a-z]*\.?\s+(?P<y>\d{4})|(?P<iso>\d{4}-\d{2}-\d{2}))")


@dataclass(frozen=True, slots=True)
class CmicDates:
    listing: dt.date | None = None
    effective: dt.date | None = None
    divestment: dt.date | None = None


def is_cmic(entity: Entity) -> bool:
    """Whether the entity is on the NS-CMIC list (OFAC's program tag, or the CSL sub-list ``CMIC``)."""
    return any(p.upper().startswith("CMIC") for p in entity.programs)


def cmic_dates(remarks: str) -> CmicDates:
    """The three CMIC dates printed in a remarks text (first value of each label wins)."""
    found: dict[str, dt.date] = {}
    for m in _DATE.finditer(remarks or ""):
        try:
            if m["iso"]:
                day = dt.date.fromisoformat(m["iso"])
            else:
                month = _MONTHS.get(m["m"][:3].casefold())
                if month is None:
                    continue
                day = dt.date(int(m["y"]), month, int(m["d"]))
        except ValueError:
            continue
        found.setdefault(m["label"], day)
    return CmicDates(found.get(LISTING), found.get(EFFECTIVE), found.get(DIVESTMENT))


def entity_cmic_dates(entity: Entity) -> CmicDates:
    """An entity's CMIC dates; the listing date falls back to ``entity.listed_on``."""
    dates = cmic_dates(entity.remarks)
    if dates.listing is None and entity.listed_on is not None:
        return CmicDates(entity.listed_on, dates.effective, dates.divestment)
    return dates


__all__ = ["CMIC_PROGRAM", "CmicDates", "cmic_dates", "entity_cmic_dates", "is_cmic"]
