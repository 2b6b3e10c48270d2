"""Chinese Commercial Code (CCC, the Chinese telegraph code): four-digit numbers for characters.

OFAC prints them in remarks ("Chinese Commercial Code 1728 4320" for 张磊) and some
customer records carry them in place of a name. Decoding turns them into characters,
which the pipeline then romanizes like any Chinese name. The table
(``data/chinese_commercial_code.tsv``) is generated from the Unicode Han Database's
kMainlandTelegraph and kTaiwanTelegraph fields; both editions are decoded, since they
assign some codes to different characters.

>>> decode("1728 4320")
('张磊', '張磊')
>>> is_ccc("1728 4320"), is_ccc("Megvii"), is_ccc("2021")
(True, False, False)
"""

from __future__ import annotations

import functools
import re
from importlib import resources

_CCC = re.compile(r"^\s*\d{4}(?:\s+\d{4})+\s*$")


@functools.lru_cache(maxsize=1)
def _table() -> tuple[dict[str, str], dict[str, str]]:
    mainland: dict[str, str] = {}
    taiwan: dict[str, str] = {}
    text = resources.files("screening.normalize").joinpath("data/chinese_commercial_code.tsv").read_text("utf-8")
    for line in text.splitlines()[1:]:
        if line.startswith("#") or line.startswith("code\t"):
            continue
        code, main, tw = line.split("\t")
        if main:
            mainland[code] = main
        if tw:
            taiwan[code] = tw
    return mainland, taiwan


def is_ccc(text: str) -> bool:
    """Whether ``text`` is two or more four-digit groups, as CCC names are written."""
    return _CCC.match(text) is not None


def decode(codes: str) -> tuple[str, ...]:
    """The names the code groups spell, mainland edition first; empty if a code is unknown in both."""
    groups = codes.split()
    out = []
    for table in _table():
        chars = [table.get(g) for g in groups]
        if all(chars):
            out.append("".join(chars))
    return tuple(dict.fromkeys(out))
