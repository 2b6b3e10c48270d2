"""Sanctioned-entity screening: fuzzy-match names against OFAC, UN, EU, UK and US trade lists.

>>> from screening import Screener
>>> hits = Screener().match("MEGVII TECHNOLOGY LTD.")
>>> hits[0].entity_id, hits[0].programs
('ofac-cons:33091', ('CMIC-EO13959',))

Layers, each only using the ones before it: ``sources`` (parse official list
formats into :mod:`screening.model`) -> ``normalize`` (scripts, tokens, legal forms)
-> ``index`` (compiled arrays, vectorized candidate search) -> ``scoring``
(explainable scores) -> ``interfaces`` (this API, pandas, CLI).
"""

from screening.interfaces.clearances import ClearanceStore
from screening.interfaces.screener import DEFAULT_THRESHOLD, Match, Screener, ScreeningInputError
from screening.interfaces.securities import SecurityMatch
from screening.model import Entity, EntityList, Identifier, IdType, Schema
from screening.normalize import NormalizedName, normalize
from screening.scoring.explain import Explanation
from screening.sources import ListFormatError, UnknownSourceError, load_list

__version__ = "0.1.0"

__all__ = [
    "ClearanceStore",
    "DEFAULT_THRESHOLD",
    "Entity",
    "EntityList",
    "Explanation",
    "IdType",
    "Identifier",
    "ListFormatError",
    "Match",
    "NormalizedName",
    "Schema",
    "Screener",
    "ScreeningInputError",
    "SecurityMatch",
    "UnknownSourceError",
    "load_list",
    "normalize",
]
