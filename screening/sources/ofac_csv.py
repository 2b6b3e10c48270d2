"""OFAC's legacy CSV files: the SDN list (``sdn.csv`` ...) and the Consolidated
(non-SDN) list (``cons_prim.csv`` ...), which share one layout.

Format, as OFAC publishes it (``dat_spec.txt``): no header row, CRLF, a Ctrl-Z (0x1A)
end-of-file line, ``-0- `` for an empty value, double-quoted text. Files of one set:

* ``<main>.csv`` (12 fields): ent_num, name, type, programs, title, call sign, vessel
  type, tonnage, GRT, vessel flag, vessel owner, remarks;
* ``<prefix>alt.csv`` (5): ent_num, alt_num, alt_type, alt_name, alt_remarks;
* ``<prefix>add.csv`` (6): ent_num, add_num, address, city/state/postal, country,
  add_remarks;
* ``<prefix>comments.csv`` (2): ent_num, the Remarks text beyond its first 1,000
  characters (optional).

>>> sdn = load_sdn("../shared/lists/ofac_sdn_2023-12")            # doctest: +SKIP
>>> sdn.get("ofac-sdn:22790").name                                 # doctest: +SKIP
'MADURO MOROS, Nicolas'
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from screening import collector
from screening.model import (
    Address, Entity, EntityList, Identifier, IdType, ListSnapshot, Name, NameKind, NameQuality,
    Schema,
)
from screening.sources.files import ListFormatError, csv_records, optional_file, read_text, require_file, snapshot_of
from screening.countries import to_iso2
from screening.sources.ofac_remarks import Remarks, parse_remarks

REMARKS_CUT = 1_000  # OFAC truncates Remarks here and continues it in the comments file

_MAIN_FIELDS, _ALT_FIELDS, _ADD_FIELDS, _COMMENT_FIELDS = 12, 5, 6, 2

_SCHEMAS = {
    "individual": Schema.PERSON,
    "vessel": Schema.VESSEL,
    "aircraft": Schema.AIRCRAFT,
    "": Schema.ORGANIZATION,  # OFAC writes no type word for entities
}
_ALIAS_KINDS = {"aka": NameKind.AKA, "fka": NameKind.FKA, "nka": NameKind.NKA}
_PROGRAM_SPLIT = re.compile(r"\]\s*\[")
_ENT_NUM = re.compile(r"^\d+$")
_NULLS = frozenset({"-0- ", "-0-"})
_CMIC_LISTING = "Listing Date (CMIC)"


@dataclass(frozen=True, slots=True)
class _Layout:
    """File names of one OFAC CSV set."""

    source: str
    main: str
    alt: str
    add: str
    comments: str


SDN = _Layout("ofac-sdn", "sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv")
CONSOLIDATED = _Layout("ofac-cons", "cons_prim.csv", "cons_alt.csv", "cons_add.csv",
                       "cons_comments.csv")


def load_sdn(path: str | Path) -> EntityList:
    """The SDN list from a folder holding ``sdn.csv`` (and ``alt.csv``, ``add.csv``,
    ``sdn_comments.csv`` when present)."""
    return load_ofac_csv(path, SDN)


def load_consolidated(path: str | Path) -> EntityList:
    """The Consolidated (non-SDN) list from a folder holding ``cons_prim.csv`` etc."""
    return load_ofac_csv(path, CONSOLIDATED)


def load_ofac_csv(path: str | Path, layout: _Layout) -> EntityList:
    """Read one OFAC CSV set. Bad rows are skipped and reported in ``issues``.

    Raises ListFormatError when the main file is missing or has no readable record.
    """
    with collector.paused():
        return _load(Path(path), layout)


def _load(folder: Path, layout: _Layout) -> EntityList:
    if folder.is_file():  # the main file itself was given
        folder = folder.parent
    issues: list[str] = []
    main_path = require_file(folder, layout.main)
    rows = _main_rows(main_path, issues)
    if not rows:
        raise ListFormatError(f"{main_path}: no OFAC {layout.main} record could be read "
                              f"(expected {_MAIN_FIELDS} comma-separated fields per line)")
    files = [main_path]
    aliases = _side_file(folder, layout.alt, _ALT_FIELDS, rows, files, issues)
    addresses = _side_file(folder, layout.add, _ADD_FIELDS, rows, files, issues)
    comments = _side_file(folder, layout.comments, _COMMENT_FIELDS, rows, files, issues,
                          required=False)

    built = [_EntityParts.build(ent_num, row, aliases, addresses, comments, layout, issues)
             for ent_num, row in rows.items()]
    cut = [p.publisher_id for p in built if p.truncated]
    if cut:
        issues.append(f"{layout.main}: {len(cut)} record(s) have Remarks cut at "
                      f"{REMARKS_CUT:,} characters and no {layout.comments} continuation "
                      f"(ent_num {', '.join(cut)}); their last remark is not parsed")
    snapshot = snapshot_of(layout.source, folder, files, len(built))
    entities = tuple(p.entity(layout.source, snapshot) for p in built)
    return EntityList(layout.source, snapshot, entities, tuple(issues))


# ---------------------------------------------------------------------------------------
# Reading files


def _records(path: Path, width: int, issues: list[str]) -> Iterator[tuple[int, list[str]]]:
    """(line number, fields) of every well-formed record; others become issues."""
    text = read_text(path, issues, bom=False).rstrip("\x1a\r\n")  # drop the Ctrl-Z end-of-file line
    # Quotes come in pairs ("" inside a value too): an odd count means the last record ends inside
    # a quoted value, i.e. the file was cut off (the csv reader would return the piece silently).
    open_at_end = text.count('"') % 2 == 1
    records = [(start, fields) for start, fields in csv_records(text, path.name, issues)
               if fields is not None and fields and fields != [""]]
    for n, (start, fields) in enumerate(records, start=1):
        if open_at_end and n == len(records):  # the last record
            issues.append(f"{path.name} line {start}: truncated record: a quoted value is still open at the "
                          "end of the file; skipped")
            continue
        if len(fields) != width:
            issues.append(f"{path.name} line {start}: expected {width} fields, got {len(fields)}")
        elif not _ENT_NUM.match(fields[0].strip()):
            issues.append(f"{path.name} line {start}: ent_num {fields[0][:20]!r} is not a number")
        else:
            yield start, [_value(f) for f in fields]


def _value(field: str) -> str:
    """``-0-`` (OFAC's null, usually followed by a space) as ""; anything else as published."""
    if field in _NULLS:
        return ""
    return "" if "-0-" in field and field.strip() == "-0-" else field  # odd padding


def _main_rows(path: Path, issues: list[str]) -> dict[str, list[str]]:
    """Main-file records by ent_num, in file order; a repeated ent_num is reported."""
    rows: dict[str, list[str]] = {}
    for line, fields in _records(path, _MAIN_FIELDS, issues):
        ent_num = fields[0].strip()
        if ent_num in rows:
            issues.append(f"{path.name} line {line}: ent_num {ent_num} repeated; skipped")
            continue
        if not fields[1].strip():
            issues.append(f"{path.name} line {line}: ent_num {ent_num} has no name; skipped")
            continue
        rows[ent_num] = fields
    return rows


def _side_file(folder: Path, name: str, width: int, rows: dict[str, list[str]],
               files: list[Path], issues: list[str], required: bool = True
               ) -> dict[str, list[list[str]]]:
    """Records of an alt/add/comments file grouped by ent_num; orphans are reported."""
    path = optional_file(folder, name)
    if path is None:
        if required:
            issues.append(f"{folder}: no {name}; records carry only what the main file gives")
        return {}
    files.append(path)
    grouped: dict[str, list[list[str]]] = defaultdict(list)
    orphans: list[str] = []
    for line, fields in _records(path, width, issues):
        ent_num = fields[0].strip()
        if ent_num in rows:
            grouped[ent_num].append(fields)
        else:
            orphans.append(f"{ent_num} (line {line})")
    if orphans:
        issues.append(f"{path.name}: {len(orphans)} row(s) for ent_num not in the main file, "
                      f"ignored: {', '.join(orphans[:20])}{' ...' if len(orphans) > 20 else ''}")
    return grouped


# ---------------------------------------------------------------------------------------
# Building entities

@dataclass(slots=True)
class _EntityParts:
    """Everything of one record but its snapshot, which needs the final record count."""

    publisher_id: str
    schema: Schema
    name: str
    aliases: tuple[Name, ...]
    programs: tuple[str, ...]
    countries: tuple[str, ...]
    remarks_parsed: Remarks
    identifiers: tuple[Identifier, ...]
    addresses: tuple[Address, ...]
    remarks: str
    truncated: bool

    @classmethod
    def build(cls, ent_num: str, row: list[str], aliases: dict[str, list[list[str]]],
              addresses: dict[str, list[list[str]]], comments: dict[str, list[list[str]]],
              layout: _Layout, issues: list[str]) -> "_EntityParts":
        (_, name, sdn_type, programs, title, call_sign, vess_type, tonnage, grt,
         vess_flag, vess_owner, remarks) = row
        continuation = "".join(c[1] for c in comments.get(ent_num, ()))
        truncated = len(remarks) >= REMARKS_CUT and not continuation
        # The comments row continues the text mid-word, so no separator.
        remarks = remarks + continuation
        parsed = parse_remarks(remarks, truncated=truncated)
        flag = to_iso2(vess_flag.strip())
        addrs = tuple(a for a in (_address(r) for r in addresses.get(ent_num, ())) if a)
        ids = parsed.identifiers
        if call_sign.strip():
            ids = (Identifier(IdType.OTHER, call_sign.strip(), flag, "Call Sign"),) + ids
        countries = [flag, *parsed.nationalities, *parsed.citizenships,
                     *(a.country for a in addrs)]
        facts = _vessel_facts(vess_type, tonnage, grt, vess_flag, vess_owner)
        return cls(
            publisher_id=ent_num,
            schema=_schema(ent_num, sdn_type, layout, issues),
            name=name,
            aliases=(_aliases(ent_num, aliases.get(ent_num, ()), layout, issues) + parsed.aliases
                     + _issuer_aliases(parsed.issuer_names)),
            programs=_programs(programs),
            countries=tuple(c for c in dict.fromkeys(countries) if c),
            remarks_parsed=parsed,
            identifiers=ids,
            addresses=addrs,
            remarks=_join_remarks(title, facts, remarks),
            truncated=truncated,
        )

    def entity(self, source: str, snapshot: ListSnapshot) -> Entity:
        return Entity(
            entity_id=f"{source}:{self.publisher_id}", source=source,
            publisher_id=self.publisher_id, schema=self.schema, name=self.name,
            aliases=self.aliases, programs=self.programs, countries=self.countries,
            birth_dates=self.remarks_parsed.birth_dates, identifiers=self.identifiers,
            addresses=self.addresses, remarks=self.remarks,
            listed_on=self.remarks_parsed.dates.get(_CMIC_LISTING), snapshot=snapshot)


def _programs(cell: str) -> tuple[str, ...]:
    """``"SDGT] [SYRIA"`` -> ``("SDGT", "SYRIA")``."""
    parts = (p.strip(" []") for p in _PROGRAM_SPLIT.split(cell))
    return tuple(p for p in parts if p)


def _schema(ent_num: str, sdn_type: str, layout: _Layout, issues: list[str]) -> Schema:
    schema = _SCHEMAS.get(sdn_type.strip().casefold())
    if schema is None:
        issues.append(f"{layout.main} ent_num {ent_num}: unknown SDN_Type {sdn_type!r}")
        return Schema.UNKNOWN
    return schema


def _aliases(ent_num: str, rows: Iterable[list[str]], layout: _Layout,
             issues: list[str]) -> tuple[Name, ...]:
    """Strong aliases from the alt file, in file order."""
    names = []
    for _, alt_num, alt_type, alt_name, _ in rows:
        if not alt_name.strip():
            continue
        kind = _ALIAS_KINDS.get(alt_type.replace(".", "").strip().casefold())
        if kind is None:
            issues.append(f"{layout.alt} alt_num {alt_num.strip()} (ent_num {ent_num}): "
                          f"unknown alt_type {alt_type!r}, read as aka")
            kind = NameKind.AKA
        names.append(Name(alt_name, kind, NameQuality.STRONG,
                          provenance=f"{layout.alt} alt_num {alt_num.strip()}"))
    return tuple(names)


def _issuer_aliases(issuers: tuple[str, ...]) -> tuple[Name, ...]:
    """CMIC "Issuer Name"s: the names under which the banned securities trade. A trade
    in them must alert on the listed entity, so they are strong aliases."""
    return tuple(Name(n, NameKind.AKA, NameQuality.STRONG, provenance="remarks Issuer Name")
                 for n in dict.fromkeys(issuers))


def _address(row: list[str]) -> Address | None:
    """An Address, or None for OFAC's all-null placeholder rows."""
    _, _, street, city, country, remarks = (f.strip() for f in row)
    if not (street or city or country or remarks):
        return None
    return Address(street=street, city=city, country=to_iso2(country),
                   country_name=country, remarks=remarks)


def _vessel_facts(vess_type: str, tonnage: str, grt: str, flag: str, owner: str) -> list[str]:
    labelled = (("Vessel Type", vess_type), ("Vessel Tonnage", tonnage), ("Vessel GRT", grt),
                ("Vessel Flag", flag), ("Vessel Owner", owner))
    return [f"{label}: {value.strip()}" for label, value in labelled if value.strip()]


def _join_remarks(title: str, facts: list[str], remarks: str) -> str:
    """Entity has no title or vessel fields, so they lead the remarks text, as labelled
    entries in OFAC's own "; " style; the published Remarks follow unchanged."""
    head = ([f"Title: {title.strip()}"] if title.strip() else []) + facts
    if not head:
        return remarks
    return "; ".join(head + ([remarks] if remarks.strip() else []))
