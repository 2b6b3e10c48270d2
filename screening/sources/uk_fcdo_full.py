"""The FCDO UK Sanctions List in its full layouts: ``UK-Sanctions-List.xml`` and ``UK-Sanctions-List.csv``.

:func:`screening.sources.uk_fcdo.load` tells the forms apart by content and hands the full
ones to :func:`load_xml` and :func:`load_table` here (the summary export stays in
``uk_fcdo``).

**What this was built from.** FCDO's own layout guide could not be obtained: of gov.uk's
"UK Sanctions List: change to the list's format" (February 2022) only the introduction was
available (Names 1-6 aligned with OFSI's list; a ``Name type`` of Primary name, Primary
name variation or Alias; an alias strength, "where absent, this field will be blank";
passport and national identifier details). Element and column names are therefore taken
from public code that reads the published files, and where these agree:

* the OpenSanctions crawler ``datasets/gb/fcdo_sanctions/crawler.py`` (both layouts; its
  lookups in ``gb_fcdo_sanctions.yml`` give the values ``Primary name``, ``Primary name
  variation``, ``Alias``, ``Good quality a.k.a``, ``Low quality a.k.a`` and date forms
  ``dd/mm/yyyy``, ``00/00/1975``, ``dd/mm/%Y``);
* two independent Ruby readers: ammitto/ammitto ``lib/ammitto/sources/uk/*.rb`` (the XML as
  a typed model, ``DateGenerated`` at the root) and Babystep-Technologies/active_sanction
  ``lib/active_sanction/sources/uk_sanctions_list{.rb,/record.rb,/published_date.rb}``, which
  reports measurements on the 2026 XML (6,334 designations; ``dd/mm/1962`` and
  ``dd/07/1978`` placeholders; NameType spelt in several casings; ``IMO9562233`` next to bare
  ``9562233``; the CSV a cartesian product of the repeated fields);
* moov-io/watchman ``pkg/sources/csl_uk/uk_csl.go`` (the 2022 column positions, which agree
  with the 2026 header below);
* the whole 2026 CSV header, in order, from a third-party test fixture (a mocked
  ``UK-Sanctions-List.csv`` beginning ``Report Date: 24-Jun-2026``); OpenSanctions'
  ``crawl_csv`` reads the same column names and skips one line before the header.

Unconfirmed (no publisher document seen): the first CSV line (one third-party reader
expects the header on line 1, so a title line is optional here; its date format is
guessed among several), whether the 2022-2025 XML wrapped each non-Latin name in
``<NonLatinName>``, where ``<Title>`` stands, the ``DateGenerated`` date format
(``dd/mm/yyyy`` in the Ruby readers), and the full list as ``.ods``. Where the sources
disagree, both spellings are read.

**XML** (root ``<Designations>``, an optional ``<DateGenerated>`` giving the publication date,
then one ``<Designation>`` each)::

    <Designation>
      <LastUpdated>dd/mm/yyyy</LastUpdated> <DateDesignated>dd/mm/yyyy</DateDesignated>
      <UniqueID>RUS0001</UniqueID> <OFSIGroupID>..</OFSIGroupID> <UNReferenceNumber>..</UNReferenceNumber>
      <Names><Name><Name1>..</Name1> .. <Name6>..</Name6><NameType>..</NameType>
                   <AliasStrength>..</AliasStrength></Name> ..</Names>
      <NonLatinNames><NonLatinName><NameNonLatinScript>..</NameNonLatinScript>
                     <NonLatinScriptType>..</NonLatinScriptType>
                     <NonLatinScriptLanguage>..</NonLatinScriptLanguage></NonLatinName></NonLatinNames>
      <Titles><Title>..</Title></Titles> <RegimeName>..</RegimeName>
      <IndividualEntityShip>Individual|Entity|Ship</IndividualEntityShip>
      <DesignationSource>UK|UN</DesignationSource> <SanctionsImposed>Asset freeze|Travel Ban</SanctionsImposed>
      <OtherInformation>..</OtherInformation> <UKStatementofReasons>..</UKStatementofReasons>
      <Addresses><Address><AddressLine1>..</AddressLine1> .. <AddressLine6>..</AddressLine6>
                 <AddressPostalCode>..</AddressPostalCode><AddressCountry>..</AddressCountry></Address></Addresses>
      <IndividualDetails><Individual><DOBs><DOB>..</DOB></DOBs> <Nationalities><Nationality>..</Nationality>
        </Nationalities> <Positions><Position/></Positions> <Genders><Gender/></Genders>
        <BirthDetails><Location><TownOfBirth/><CountryOfBirth/></Location></BirthDetails>
        <PassportDetails><Passport><PassportNumber/><PassportAdditionalInformation/></Passport></PassportDetails>
        <NationalIdentifierDetails><NationalIdentifier><NationalIdentifierNumber/>
          <NationalIdentifierAdditionalInformation/></NationalIdentifier></NationalIdentifierDetails>
      </Individual></IndividualDetails>
      <EntityDetails><Entity><TypeOfEntities><TypeOfEntity/></TypeOfEntities> <ParentCompanies><ParentCompany/>
        </ParentCompanies> <Subsidiaries><Subsidiary/></Subsidiaries>
        <BusinessRegistrationNumbers><BusinessRegistrationNumber/></BusinessRegistrationNumbers>
      </Entity></EntityDetails>
      <ShipDetails><Ship><IMONumbers><IMONumber/></IMONumbers> <TypeOfShipDetails><TypeOfShip/></TypeOfShipDetails>
        <CurrentBelievedFlagOfShips><CurrentBelievedFlagOfShip/></CurrentBelievedFlagOfShips> ..</Ship></ShipDetails>
    </Designation>

Element names are compared case-insensitively and without namespace (``UKStatementofReasons``
= ``UKStatementOfReasons``); ``DesignationType`` is read like ``IndividualEntityShip``; a
non-Latin name is read wherever a ``NameNonLatinScript`` element stands under
``NonLatinNames``, wrapped or not. The XML is streamed through :mod:`.xml_safe` (DTDs and
entities refused); line numbers in messages are those of each ``<Designation`` start tag.

**CSV**: title line(s) (``Report Date: ...``, read as the publication date when it parses),
then the header, then one row per name, repeated for every combination of the
designation's other multi-valued fields (the 2026 file is described as 58,424 rows for
6,334 designations); rows are grouped by ``Unique ID`` and each field de-duplicated. The
columns (:data:`CSV_COLUMNS`; matched case-insensitively, by name not position): ``Last
Updated, Unique ID, OFSI Group ID, UN Reference Number, Name 6, Name 1 .. Name 5, Name type,
Alias strength, Title, Name non-latin script, Non-latin script type, Non-latin script
language, Regime Name, Designation Type`` (``Individual, Entity, Ship`` in older files),
``Designation source, Sanctions Imposed, Other Information, UK Statement of Reasons, Address
Line 1 .. 6, Address Postal Code, Address Country, Phone number, Website, Email address, Date
Designated, D.O.B, Nationality(/ies), National Identifier number, National Identifier
additional information, Passport number, Passport additional information, Position, Gender,
Town of birth, Country of birth, Type of entity, Subsidiaries, Parent company, Business
registration number (s), IMO number, Current owner/operator (s), Previous owner/operator (s),
Current believed flag of ship, Previous flags, Type of ship, Tonnage of ship, Length of
ship, Year Built, Hull identification number (HIN)``. ``Unique ID``, ``Name 6``, ``Name type``
and the type column are required. A spreadsheet (``.ods``/``.xlsx``) with this header is read
the same way, by row.

**Mapping** (both layouts give the same entity for the same designation), ``uk-fcdo:<Unique ID>``:

* names: ``Name 1`` .. ``Name 5`` then ``Name 6`` (the reading order, as for OFSI), whitespace
  collapsed; the first ``Primary name`` is ``Entity.name`` (else the first variation, else the
  first name, reported); other primary names, variations and aliases are a.k.a.s, ``Low
  quality ...`` a weak alias, ``Good quality ...`` or blank a strong one; a name met twice keeps
  its strongest reading. Non-Latin names are strong a.k.a.s, their script read from the
  letters (FCDO's script label is kept in the provenance only);
* ``DOB``: ``dd/mm/yyyy`` exact; ``00/00/yyyy``, ``dd/mm/yyyy`` placeholders (``dd``/``mm``) and
  ``yyyy`` a year; ``00/mm/yyyy``, ``dd/07/yyyy`` a month; others are reported and kept in the
  remarks;
* countries: nationalities, a ship's current flag and address countries (ISO codes;
  unknown names reported); addresses: lines 1-5 the street, line 6 and the postal code the
  city, as for OFSI;
* identifiers: ``OFSI Group ID`` and ``UN Reference Number`` (``IdType.OTHER``), passports,
  national identifiers, business registration numbers, IMO numbers (``IMO`` prefix dropped);
* ``Regime Name`` the programs, the earliest ``Date Designated`` ``listed_on``; the remarks
  carry designation source, sanctions imposed (``|`` written ``, ``), title, position, gender,
  place of birth, document details, entity and ship details, last update, other information
  and the statement of reasons.

A designation without Unique ID or name, a repeated Unique ID (XML) and a CSV row with the
wrong number of fields are reported in ``issues`` with their line and skipped; the rest load.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from screening.model import Address, DateOfBirth, EntityList, Identifier, IdType, Name, NameKind, NameQuality, Schema
from screening.sources import xml_safe
from screening.sources.files import EntityParts, ListFormatError, report_unknown_countries, snapshot_of
from screening.sources.uk_ofsi import (
    UK_SCHEMAS, _Candidate, _countries, _offer, _script, parse_dob, split_enumeration, uk_address,
)

SOURCE = "uk-fcdo"
HEADER_SEARCH_ROWS = 5

# Canonical column -> the spellings read (compared case-insensitively, whitespace collapsed).
CSV_COLUMNS: dict[str, tuple[str, ...]] = {
    "Last Updated": ("Last Updated",),
    "Unique ID": ("Unique ID",),
    "OFSI Group ID": ("OFSI Group ID",),
    "UN Reference Number": ("UN Reference Number",),
    **{f"Name {i}": (f"Name {i}",) for i in range(1, 7)},
    "Name type": ("Name type",),
    "Alias strength": ("Alias strength", "Alias quality"),
    "Title": ("Title",),
    "Name non-latin script": ("Name non-latin script",),
    "Non-latin script type": ("Non-latin script type",),
    "Non-latin script language": ("Non-latin script language",),
    "Regime Name": ("Regime Name", "Regime"),
    "Designation Type": ("Designation Type", "Individual, Entity, Ship", "Individual/Entity/Ship"),
    "Designation source": ("Designation source",),
    "Sanctions Imposed": ("Sanctions Imposed",),
    "Other Information": ("Other Information",),
    "UK Statement of Reasons": ("UK Statement of Reasons",),
    **{f"Address Line {i}": (f"Address Line {i}",) for i in range(1, 7)},
    "Address Postal Code": ("Address Postal Code",),
    "Address Country": ("Address Country",),
    "Date Designated": ("Date Designated",),
    "D.O.B": ("D.O.B", "DOB"),
    "Nationality(/ies)": ("Nationality(/ies)", "Nationality"),
    "National Identifier number": ("National Identifier number",),
    "National Identifier additional information": ("National Identifier additional information",),
    "Passport number": ("Passport number",),
    "Passport additional information": ("Passport additional information",),
    "Position": ("Position",),
    "Gender": ("Gender",),
    "Town of birth": ("Town of birth",),
    "Country of birth": ("Country of birth",),
    "Type of entity": ("Type of entity",),
    "Subsidiaries": ("Subsidiaries",),
    "Parent company": ("Parent company",),
    "Business registration number (s)": ("Business registration number (s)", "Business registration number(s)",
                                         "Business registration number"),
    "IMO number": ("IMO number",),
    "Current believed flag of ship": ("Current believed flag of ship",),
    "Type of ship": ("Type of ship",),
}
REQUIRED_COLUMNS = ("Unique ID", "Name 6", "Name type", "Designation Type")

# Name type -> (rank, kind): a name met twice keeps its lowest rank. Blank: an alias.
_NAME_TYPES: dict[str, tuple[int, NameKind]] = {
    "primary name": (0, NameKind.PRIMARY),
    "primary name variation": (1, NameKind.AKA),
    "alias": (2, NameKind.AKA),
    "": (2, NameKind.AKA),
}
_IMO = re.compile(r"^(?:IMO[\s:.-]*)?(\d{7})$", re.IGNORECASE)
_DESIGNATION_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?Designation[\s>/]")
_REPORT_DATE = re.compile(r"report\s+date\s*:?\s*(.*)$", re.IGNORECASE)
_DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%d-%b-%Y", "%d %b %Y", "%d %B %Y", "%d-%B-%Y",
                 "%Y-%m-%d %H:%M:%S", "%d/%m/%Y %H:%M:%S")


def _collapse(text: str | None) -> str:
    return " ".join(text.split()) if text else ""


def _key(text: str) -> str:
    return _collapse(text.replace("\ufeff", "")).casefold()


# ---------------------------------------------------------------------------------------
# One designation as read, before it is built into an entity


@dataclass(slots=True)
class _NameIn:
    parts: tuple[str, ...]  # Name 1 .. Name 6
    full: str  # a whole-name element, used when there are no parts
    name_type: str
    strength: str

    @property
    def value(self) -> str:
        return " ".join(p for p in (*self.parts[:5], self.parts[5]) if p) or self.full


@dataclass(slots=True)
class _Record:
    """Everything read for one Unique ID, each field's distinct values in file order."""

    unique_id: str
    where: str  # "UK-Sanctions-List.xml line 12", "UK-Sanctions-List.csv line 3"
    names: list[_NameIn] = field(default_factory=list)
    values: dict[str, list] = field(default_factory=dict)

    def add(self, key: str, value) -> None:
        if isinstance(value, str):
            value = _collapse(value)
            if not value:
                return
        elif isinstance(value, tuple) and not any(value):
            return
        seen = self.values.setdefault(key, [])
        if value not in seen:
            seen.append(value)

    def get(self, key: str) -> list:
        return self.values.get(key, [])

    def add_name(self, name: _NameIn) -> None:
        if name.value and name not in self.names:
            self.names.append(name)


# ---------------------------------------------------------------------------------------
# XML


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1].casefold() if isinstance(tag, str) else ""


def _children(element: ET.Element, name: str) -> list[ET.Element]:
    return [c for c in element if _local(c.tag) == name]


def _child_text(element: ET.Element, name: str) -> str:
    for child in element:
        if _local(child.tag) == name:
            return _collapse("".join(child.itertext()))
    return ""


def _descendant_texts(element: ET.Element, name: str) -> list[str]:
    return [_collapse("".join(e.itertext())) for e in element.iter() if _local(e.tag) == name]


def _holders(element: ET.Element, name: str) -> list[ET.Element]:
    """The elements under ``element`` that have a ``name`` child (a Passport holding PassportNumber)."""
    return [e for e in element.iter() if any(_local(c.tag) == name for c in e)]


def _xml_record(designation: ET.Element, where: str) -> _Record:
    rec = _Record(_child_text(designation, "uniqueid"), where)
    for names in _children(designation, "names"):
        for name in _children(names, "name"):
            rec.add_name(_NameIn(tuple(_child_text(name, f"name{i}") for i in range(1, 7)),
                                 _child_text(name, "name"), _child_text(name, "nametype"),
                                 _child_text(name, "aliasstrength")))
    for non_latin in _children(designation, "nonlatinnames"):
        for holder in _holders(non_latin, "namenonlatinscript"):
            rec.add("non_latin", (_child_text(holder, "namenonlatinscript"),
                                  _child_text(holder, "nonlatinscripttype"),
                                  _child_text(holder, "nonlatinscriptlanguage")))
    for key, tag in (("kind", "individualentityship"), ("kind", "designationtype"), ("ofsi", "ofsigroupid"),
                     ("un_ref", "unreferencenumber"), ("regime", "regimename"), ("source", "designationsource"),
                     ("sanctions", "sanctionsimposed"), ("designated", "datedesignated"),
                     ("updated", "lastupdated"), ("other", "otherinformation"), ("reasons", "ukstatementofreasons")):
        rec.add(key, _child_text(designation, tag))
    for key, tag in (("title", "title"), ("dob", "dob"), ("nationality", "nationality"), ("position", "position"),
                     ("gender", "gender"), ("entity_type", "typeofentity"), ("parent", "parentcompany"),
                     ("subsidiary", "subsidiary"), ("registration", "businessregistrationnumber"),
                     ("imo", "imonumber"), ("flag", "currentbelievedflagofship"), ("ship_type", "typeofship")):
        for value in _descendant_texts(designation, tag):
            rec.add(key, value)
    for key, number, info in (("passport", "passportnumber", "passportadditionalinformation"),
                              ("national_id", "nationalidentifiernumber",
                               "nationalidentifieradditionalinformation")):
        for holder in _holders(designation, number):
            rec.add(key, (_child_text(holder, number), _child_text(holder, info)))
    for holder in _holders(designation, "townofbirth") + _holders(designation, "countryofbirth"):
        rec.add("birth_place", (_child_text(holder, "townofbirth"), _child_text(holder, "countryofbirth")))
    for address in (e for e in designation.iter() if _local(e.tag) == "address"):
        rec.add("address", tuple(_child_text(address, f"addressline{i}") for i in range(1, 7))
                + (_child_text(address, "addresspostalcode"), _child_text(address, "addresscountry")))
    return rec


def _designation_lines(file: Path) -> list[int]:
    """The line of every ``<Designation`` start tag, in order (a plain scan of the bytes)."""
    data = file.read_bytes()
    lines, line, last = [], 1, 0
    for match in _DESIGNATION_TAG.finditer(data):
        line += data.count(b"\n", last, match.start())
        last = match.start()
        lines.append(line)
    return lines


def load_xml(file: Path, path: Path, issues: list[str] | None = None) -> EntityList:
    """The full list from ``UK-Sanctions-List.xml`` (see the module docstring)."""
    issues = [] if issues is None else issues
    records: list[_Record] = []
    generated: str | None = None
    depth = 0
    for event, element in xml_safe.iterparse(file):
        name = _local(element.tag)
        if event == "start":
            depth += 1
            if depth == 1 and name != "designations":
                raise ListFormatError(f"{file}: not the UK Sanctions List XML: the root element is "
                                      f"<{element.tag}>, not <Designations>")
            continue
        if depth == 2 and name == "designation":
            records.append(_xml_record(element, ""))
            element.clear()
        elif depth == 2 and name == "dategenerated":
            generated = _collapse(element.text)
        depth -= 1
    lines = _designation_lines(file)
    for number, rec in enumerate(records, start=1):
        rec.where = (f"{file.name} line {lines[number - 1]}" if len(lines) == len(records)
                     else f"{file.name} Designation {number}")
    published = _published_xml(generated, file, issues)
    return _entity_list(records, file, path, published, issues, check_repeats=True)


def _published_xml(generated: str | None, file: Path, issues: list[str]) -> dt.date | None:
    if not generated:
        issues.append(f"{file.name}: no DateGenerated; publication date unknown")
        return None
    day = _day(generated)
    if day is None:
        issues.append(f"{file.name}: DateGenerated {generated!r} is not a date; publication date unknown")
    return day


# ---------------------------------------------------------------------------------------
# CSV (and a spreadsheet with the same header)


def is_full_header(cells: list[str]) -> bool:
    keys = {_key(c) for c in cells}
    return "unique id" in keys and "name 6" in keys


def load_table(table: list[tuple[int, list[str]]], file: Path, path: Path, unit: str,
               issues: list[str] | None = None) -> EntityList:
    """The full list from the rows of ``UK-Sanctions-List.csv`` (``unit`` ``"line"``), or of a
    spreadsheet with its header (``"row"``): (line or row number, cells)."""
    issues = [] if issues is None else issues
    header_at = next((i for i, (_, cells) in enumerate(table[:HEADER_SEARCH_ROWS]) if is_full_header(cells)), None)
    if header_at is None:
        raise ListFormatError(f"{file}: not the full UK Sanctions List: no header row naming 'Unique ID' and "
                              f"'Name 6' in the first {HEADER_SEARCH_ROWS} rows")
    header = table[header_at][1]
    position: dict[str, int] = {}
    for i, cell in enumerate(header):
        position.setdefault(_key(cell), i)
    columns = {name: next((position[_key(s)] for s in spellings if _key(s) in position), None)
               for name, spellings in CSV_COLUMNS.items()}
    missing = [c for c in REQUIRED_COLUMNS if columns[c] is None]
    if missing:
        raise ListFormatError(f"{file}: not the full UK Sanctions List: the header row lacks {', '.join(missing)}")
    published = _report_date(table[:header_at], file, issues)
    width = len(header)
    records: dict[str, _Record] = {}
    for number, cells in table[header_at + 1:]:
        where = f"{file.name} {unit} {number}"
        if all(not c.strip() for c in cells):
            continue
        if unit == "line" and len(cells) != width:
            if len(cells) < width or any(c.strip() for c in cells[width:]):
                issues.append(f"{where}: expected {width} comma-separated fields, got {len(cells)}; skipped")
                continue
        cells = cells + [""] * (width - len(cells))
        row = {name: (cells[i] if i is not None else "") for name, i in columns.items()}
        unique_id = _collapse(row["Unique ID"])
        if not unique_id:
            issues.append(f"{where}: no Unique ID; skipped")
            continue
        name = _NameIn(tuple(_collapse(row[f"Name {i}"]) for i in range(1, 7)), "",
                       _collapse(row["Name type"]), _collapse(row["Alias strength"]))
        if not name.value:
            issues.append(f"{where} ({unique_id}): no name in Name 1 .. Name 6; skipped")
            continue
        rec = records.setdefault(unique_id, _Record(unique_id, where))
        _add_row(rec, row, name)
    return _entity_list(list(records.values()), file, path, published, issues, check_repeats=False)


def _add_row(rec: _Record, row: dict[str, str], name: _NameIn) -> None:
    rec.add_name(name)
    if row["Name non-latin script"].strip():
        rec.add("non_latin", (_collapse(row["Name non-latin script"]), _collapse(row["Non-latin script type"]),
                              _collapse(row["Non-latin script language"])))
    for key, column in (("kind", "Designation Type"), ("ofsi", "OFSI Group ID"), ("un_ref", "UN Reference Number"),
                        ("regime", "Regime Name"), ("source", "Designation source"),
                        ("sanctions", "Sanctions Imposed"), ("designated", "Date Designated"),
                        ("updated", "Last Updated"), ("other", "Other Information"),
                        ("reasons", "UK Statement of Reasons"), ("title", "Title"), ("dob", "D.O.B"),
                        ("nationality", "Nationality(/ies)"), ("position", "Position"), ("gender", "Gender"),
                        ("entity_type", "Type of entity"), ("parent", "Parent company"),
                        ("subsidiary", "Subsidiaries"), ("registration", "Business registration number (s)"),
                        ("imo", "IMO number"), ("flag", "Current believed flag of ship"),
                        ("ship_type", "Type of ship")):
        rec.add(key, row[column])
    for key, number, info in (("passport", "Passport number", "Passport additional information"),
                              ("national_id", "National Identifier number",
                               "National Identifier additional information")):
        if row[number].strip() or row[info].strip():
            rec.add(key, (_collapse(row[number]), _collapse(row[info])))
    rec.add("birth_place", (_collapse(row["Town of birth"]), _collapse(row["Country of birth"])))
    rec.add("address", tuple(_collapse(row[f"Address Line {i}"]) for i in range(1, 7))
            + (_collapse(row["Address Postal Code"]), _collapse(row["Address Country"])))


def _report_date(title_rows: list[tuple[int, list[str]]], file: Path, issues: list[str]) -> dt.date | None:
    """The date of a ``Report Date: ...`` title line before the header."""
    for _, cells in title_rows:
        match = _REPORT_DATE.match(_collapse(" ".join(c for c in cells if c.strip())))
        if match:
            day = _day(match.group(1))
            if day is None:
                issues.append(f"{file.name}: title line 'Report Date' {match.group(1)!r} is not a date; "
                              f"publication date unknown")
            return day
    issues.append(f"{file.name}: no 'Report Date' title line; publication date unknown")
    return None


# ---------------------------------------------------------------------------------------
# Building entities


def _entity_list(records: list[_Record], file: Path, path: Path, published: dt.date | None, issues: list[str],
                 check_repeats: bool) -> EntityList:
    parts: list[EntityParts] = []
    seen: dict[str, str] = {}
    for rec in records:
        if not rec.unique_id:
            issues.append(f"{rec.where}: no UniqueID; skipped")
            continue
        where = f"{rec.where} ({rec.unique_id})"
        if check_repeats and rec.unique_id in seen:
            issues.append(f"{where}: UniqueID repeated (first at {seen[rec.unique_id]}); skipped")
            continue
        seen[rec.unique_id] = rec.where
        built = _build(rec, where, issues)
        if built is not None:
            parts.append(built)
    if not parts:
        raise ListFormatError(f"{file}: no UK Sanctions List designation could be read")
    snapshot = snapshot_of(SOURCE, path, [file], len(parts), published)
    return EntityList(SOURCE, snapshot, tuple(p.entity(SOURCE, snapshot) for p in parts), tuple(issues))


def _build(rec: _Record, where: str, issues: list[str]) -> EntityParts | None:
    names = _names(rec, where, issues)
    if names is None:
        issues.append(f"{where}: no name; skipped")
        return None
    name, aliases = names
    unknown: list[str] = []
    nationalities = [c for text in rec.get("nationality") for c in _countries(text, unknown)]
    flags = [c for text in rec.get("flag") for c in _countries(text, unknown)]
    addresses = tuple(dict.fromkeys(a for a in (_address(v, unknown) for v in rec.get("address")) if a))
    report_unknown_countries(where, unknown, issues)
    birth_dates, unread = _birth_dates(rec, where, issues)
    listed = [d for d in (_dated(v, "Date Designated", where, issues) for v in rec.get("designated")) if d]
    return EntityParts(
        publisher_id=rec.unique_id,
        schema=_schema(rec, where, issues),
        name=name,
        aliases=aliases,
        programs=tuple(rec.get("regime")),
        countries=tuple(dict.fromkeys(c for c in flags + nationalities + [a.country for a in addresses] if c)),
        birth_dates=birth_dates,
        identifiers=_identifiers(rec),
        addresses=addresses,
        remarks=_remarks(rec, unread, bool(listed)),
        listed_on=min(listed) if listed else None,
    )


def _schema(rec: _Record, where: str, issues: list[str]) -> Schema:
    kinds = rec.get("kind")
    if not kinds:
        issues.append(f"{where}: no Individual/Entity/Ship type; schema unknown")
        return Schema.UNKNOWN
    if len({k.casefold() for k in kinds}) > 1:
        issues.append(f"{where}: the type differs between its rows ({', '.join(kinds)}); the first is used")
    schema = UK_SCHEMAS.get(kinds[0].casefold())
    if schema is None:
        issues.append(f"{where}: unknown type {kinds[0]!r}; schema unknown")
        return Schema.UNKNOWN
    return schema


def _names(rec: _Record, where: str, issues: list[str]) -> tuple[str, tuple[Name, ...]] | None:
    found: dict[str, _Candidate] = {}  # by the name case-folded, in first-seen order
    primary: str | None = None
    for name in rec.names:
        rank, kind = _NAME_TYPES.get(name.name_type.casefold(), (None, None))
        if kind is None:
            issues.append(f"{where}: unknown Name type {name.name_type!r}; read as an alias")
            rank, kind = 2, NameKind.AKA
        quality = _quality(name.strength, where, issues)
        label = name.name_type or "Name type blank"
        if name.strength:
            label += f", {name.strength}"
        value = _collapse(name.value)
        if kind is NameKind.PRIMARY and primary is None:
            primary = value.casefold()
        _offer(found, _Candidate(value, rank, kind, quality, _script(value), label))
    for value, script_type, language in rec.get("non_latin"):
        if value:
            described = ", ".join(dict.fromkeys(p for p in (script_type, language) if p))
            _offer(found, _Candidate(value, 2, NameKind.AKA, NameQuality.STRONG, _script(value),
                                     "non-Latin script" + (f" ({described})" if described else "")))
    if not found:
        return None
    if primary is None:
        fallback = min(found.values(), key=lambda c: c.rank)
        primary = fallback.value.casefold()
        issues.append(f"{where}: no 'Primary name'; {fallback.value!r} ({fallback.provenance}) taken as the "
                      f"primary name")
    aliases = tuple(Name(c.value, NameKind.AKA if c.kind is NameKind.PRIMARY else c.kind, c.quality,
                         c.script, c.provenance)
                    for key, c in found.items() if key != primary)
    return found[primary].value, aliases


def _quality(text: str, where: str, issues: list[str]) -> NameQuality:
    folded = text.casefold()
    if not folded or folded.startswith("good"):
        return NameQuality.STRONG
    if folded.startswith("low"):
        return NameQuality.WEAK
    issues.append(f"{where}: unknown alias strength {text!r}; read as strong")
    return NameQuality.STRONG


def _address(value: tuple[str, ...], unknown: list[str]) -> Address | None:
    lines, postal, country_name = value[:6], value[6], value[7]
    return uk_address(list(lines[:5]), [lines[5], postal], country_name, unknown)


def _identifiers(rec: _Record) -> tuple[Identifier, ...]:
    ids = [Identifier(IdType.OTHER, v, None, "OFSI Group ID") for v in rec.get("ofsi")]
    ids += [Identifier(IdType.OTHER, v, None, "UN Reference Number") for v in rec.get("un_ref")]
    for key, kind, label in (("passport", IdType.PASSPORT, "Passport number"),
                             ("national_id", IdType.NATIONAL_ID, "National Identifier number")):
        for number, _info in rec.get(key):
            ids += [Identifier(kind, n, None, label) for n in split_enumeration(number)]
    ids += [Identifier(IdType.REGISTRATION, v, None, "Business registration number")
            for v in rec.get("registration")]
    for value in rec.get("imo"):
        match = _IMO.match(value)
        if match:
            ids.append(Identifier(IdType.IMO, match.group(1), None, "IMO number"))
    return tuple(dict.fromkeys(ids))


def _birth_dates(rec: _Record, where: str, issues: list[str]) -> tuple[tuple[DateOfBirth, ...], list[str]]:
    dates: list[DateOfBirth] = []
    unread: list[str] = []
    for text in rec.get("dob"):
        dob = parse_fcdo_dob(text)
        if dob is None:
            unread.append(text)
            issues.append(f"{where}: DOB {text!r} not read as a date; kept in remarks")
        elif dob not in dates:
            dates.append(dob)
    return tuple(dates), unread


def parse_fcdo_dob(text: str) -> DateOfBirth | None:
    """One FCDO date of birth: OFSI's forms (:func:`.uk_ofsi.parse_dob`), plus ``dd``/``mm`` written
    for an unknown day or month; the text is kept as published.

    >>> d = parse_fcdo_dob("dd/mm/1962"); (d.start, d.end, d.text)
    (datetime.date(1962, 1, 1), datetime.date(1962, 12, 31), 'dd/mm/1962')
    >>> parse_fcdo_dob("dd/07/1978").end, parse_fcdo_dob("00/00/1975").text, parse_fcdo_dob("15/08/19yy")
    (datetime.date(1978, 7, 31), '00/00/1975', None)
    """
    published = _collapse(text).lstrip("'")
    dob = parse_dob(re.sub(r"(?i)\b(dd|mm)\b", "00", published))
    return dataclasses.replace(dob, text=published) if dob is not None else None


def _day(text: str) -> dt.date | None:
    text = _collapse(text)
    for pattern in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _dated(text: str, what: str, where: str, issues: list[str]) -> dt.date | None:
    day = _day(text)
    if day is None:
        issues.append(f"{where}: {what} {text!r} is not a dd/mm/yyyy date; kept in remarks")
    return day


def _remarks(rec: _Record, unread_dobs: list[str], listed: bool) -> str:
    out: list[str] = []

    def put(label: str, values) -> None:
        out.extend(f"{label}: {v}" for v in values if v)

    put("Designation source", rec.get("source"))
    put("Sanctions imposed", [", ".join(p.strip() for p in v.split("|") if p.strip()) for v in rec.get("sanctions")])
    put("Title", rec.get("title"))
    put("Position", rec.get("position"))
    put("Gender", rec.get("gender"))
    put("Place of birth", [", ".join(p for p in place if p) for place in rec.get("birth_place")])
    put("Date of birth", unread_dobs)
    put("Passport details", [info for _, info in rec.get("passport")])
    put("National identifier details", [info for _, info in rec.get("national_id")])
    put("Type of entity", rec.get("entity_type"))
    put("Parent company", rec.get("parent"))
    put("Subsidiaries", rec.get("subsidiary"))
    put("Type of ship", rec.get("ship_type"))
    put("Flag of ship", rec.get("flag"))
    put("IMO number", [v for v in rec.get("imo") if not _IMO.match(v)])
    if not listed:
        put("Date designated", rec.get("designated"))
    put("Last updated", rec.get("updated"))
    put("Other information", rec.get("other"))
    put("UK Statement of Reasons", rec.get("reasons"))
    return "; ".join(out)
