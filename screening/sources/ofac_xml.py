"""OFAC's SDN list in the advanced XML format (``sdn_advanced.xml``).

Format, as OFAC publishes it (Sanctions List Service,
``https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN_ADVANCED.XML``;
OFAC's "Advanced Sanctions List Standard"): UTF-8, root ``Sanctions`` in the default
namespace ``https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ADVANCED_XML``
(older files: ``http://www.un.org/sanctions/1.0``), with these sections in order:

* ``DateOfIssue`` (``Year``, ``Month``, ``Day``): the publication date;
* ``ReferenceValueSets``: the tables nearly every other value is an ID into (alias types,
  countries, feature types, document types, scripts, programmes ...);
* ``Locations/Location``: addresses and countries (``LocationCountry``,
  ``LocationAreaCode``, ``LocationPart`` values by part type: ADDRESS1, CITY ...);
* ``IDRegDocuments/IDRegDocument``: identity documents, linked to an ``Identity``;
* ``DistinctParties/DistinctParty`` (``FixedRef`` = the OFAC uid = ``ent_num`` in the CSV
  files) with one ``Profile`` (``PartySubTypeID``: vessel, aircraft, entity, individual):
  ``Identity/Alias`` (``AliasTypeID`` Name / A.K.A. / F.K.A. / N.K.A., ``Primary``,
  ``LowQuality``) of one or more ``DocumentedName`` (a Latin spelling and maybe others in
  another script) made of ``DocumentedNamePart/NamePartValue`` whose
  ``NamePartGroupID`` gives the part's type (last name, first name, entity name ...);
  and ``Feature`` elements (birth date, place of birth, nationality, addresses, vessel
  and aircraft details ...) whose ``FeatureVersion`` holds text, a looked-up value, a
  location or a ``DatePeriod``;
* ``ProfileRelationships`` ("Linked To") and ``SanctionsEntries/SanctionsEntry``
  (``ProfileID``: the programme tags in ``SanctionsMeasure/Comment``, the listing date in
  ``EntryEvent/Date``).

Entities get the ids the CSV parser gives the same parties, ``ofac-sdn:<FixedRef>``, and
``source`` ``"ofac-sdn"``: both files are the one SDN list, so a party keeps its identity
whichever format was loaded (curated aliases and alert histories keyed by entity id
apply to both). The list and its snapshot carry the registry key ``"ofac-sdn-xml"``,
which records the format that was read. Individuals' names are written ``Last, First``
as in the CSV files; identifiers are typed with the same labels as the CSV Remarks
(:func:`screening.sources.ofac_remarks.parse_remarks`), so both formats agree.

The file is parsed with :mod:`defusedxml`, as it streams (one party in memory at a
time): a list file has no business declaring a DTD or entities, so one that does
(entity-expansion "billion laughs", external entities) is rejected as unsafe.

>>> sdn = load("../shared/lists/ofac_sdn_advanced_excerpt")          # doctest: +SKIP
>>> sdn.get("ofac-sdn:2677").name                                      # doctest: +SKIP
'Al-Zomor, Abboud Abdul Latif Hassan'
"""

from __future__ import annotations

import calendar
import datetime as dt
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from screening.countries import to_iso2
from screening.model import (
    Address, DateOfBirth, Entity, EntityList, Identifier, IdType, Name, NameKind, NameQuality,
    Schema,
)
from screening.sources import xml_safe
from screening.sources.files import ListFormatError, optional_file, snapshot_of
from screening.sources.ofac_remarks import parse_remarks

SOURCE = "ofac-sdn"  # the list the entities are on: their ids and source, as in the CSV files
LIST_KEY = "ofac-sdn-xml"  # the registry key: the format read, in the list and its snapshot
FILE_NAME = "sdn_advanced.xml"
ROOT_TAG = "Sanctions"
NAMESPACES = (
    "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ADVANCED_XML",
    "http://www.un.org/sanctions/1.0",
)
SDN_LIST = "SDN List"

_ALIAS_KINDS = {"a.k.a.": NameKind.AKA, "f.k.a.": NameKind.FKA, "n.k.a.": NameKind.NKA}
_PRIMARY_ALIAS = "name"
_LATIN = "Latin"
# OFAC's ScriptCode values -> the ISO 15924 codes the model uses (Chinese as "Hani").
_SCRIPT_CODES = {"Latin": None, "Hans": "Hani", "Hant": "Hani", "Hebrew": "Hebr", "Japanese": "Jpan",
                 "Korean": "Kore"}
_SURNAME = "last name"

# Features read into model fields; every other feature goes to the remarks (or, when
# its label is an identifier label of the CSV Remarks, to the identifiers).
_BIRTHDATE = "birthdate"
_LOCATION = "location"
_COUNTRY_FEATURES = ("nationality country", "citizenship country", "nationality of registration")
_CALL_SIGN = "vessel call sign"
_VESSEL_FLAG = "vessel flag"
# Vessel features under the labels, and in the order, the CSV parser gives them.
_VESSEL_FACTS = {"vessel type": "Vessel Type", "vessel tonnage": "Vessel Tonnage",
                 "vessel gross registered tonnage": "Vessel GRT", "vessel flag": "Vessel Flag",
                 "vessel owner": "Vessel Owner"}
_TITLE = "title"

_SECTIONS = ("DateOfIssue", "ReferenceValueSets", "Location", "IDRegDocument", "DistinctParty",
             "ProfileRelationship", "SanctionsEntry")


def load(path: str | Path) -> EntityList:
    """The SDN list from ``sdn_advanced.xml`` or the folder holding it (that file, or
    else the folder's one ``.xml`` file).

    Raises ListFormatError for unsafe XML (a DTD or entity declarations), malformed XML
    (with file and line), or a file that is not OFAC's advanced XML. Parties that lack
    parts are loaded as far as possible and reported in ``issues``.
    """
    path = Path(path)
    file = _find_file(path) if path.is_dir() else path
    reader = _Reader(file)
    reader.read()
    if not reader.parties:
        raise ListFormatError(f"{file}: no DistinctParty could be read")
    built = reader.finish()
    snapshot = snapshot_of(LIST_KEY, path, [file], len(built), reader.published)
    entities = tuple(Entity(entity_id=f"{SOURCE}:{p.publisher_id}", source=SOURCE,
                            publisher_id=p.publisher_id, schema=p.schema, name=p.name,
                            aliases=p.aliases, programs=p.programs, countries=p.countries,
                            birth_dates=p.birth_dates, identifiers=p.identifiers,
                            addresses=p.addresses, remarks=p.remarks_text(), listed_on=p.listed_on,
                            snapshot=snapshot)
                     for p in built)
    return EntityList(LIST_KEY, snapshot, entities, tuple(reader.issues))


def _find_file(folder: Path) -> Path:
    named = optional_file(folder, FILE_NAME)
    if named is not None:
        return named
    found = sorted(f for f in folder.iterdir() if f.is_file() and f.suffix.casefold() == ".xml")
    if len(found) == 1:
        return found[0]
    if not found:
        raise ListFormatError(f"{folder}: no {FILE_NAME} (nor any other .xml file) in this folder")
    raise ListFormatError(f"{folder}: no {FILE_NAME}, and {len(found)} other .xml files "
                          f"({', '.join(f.name for f in found)}); give the file itself")


# ---------------------------------------------------------------------------------------
# One party while the file is read


@dataclass(slots=True)
class _Party:
    publisher_id: str
    schema: Schema
    name: str
    aliases: tuple[Name, ...]
    countries: tuple[str, ...]
    birth_dates: tuple[DateOfBirth, ...]
    identifiers: tuple[Identifier, ...]
    addresses: tuple[Address, ...]
    remarks: list[str]
    programs: tuple[str, ...] = ()
    listed_on: dt.date | None = None
    links: list[str] = field(default_factory=list)

    def remarks_text(self) -> str:
        return "; ".join(self.remarks + self.links)


@dataclass(frozen=True, slots=True)
class _Place:
    """A resolved ``Location``: its parts by part type, and its country."""

    parts: tuple[tuple[str, str], ...]
    country: str | None
    country_name: str

    def part(self, kind: str) -> list[str]:
        return [v for k, v in self.parts if k == kind]


class _Reader:
    """Reads one file section by section; parties are finished once the sanctions
    entries and relationships (which follow them in the file) are known."""

    def __init__(self, file: Path):
        self.file = file
        self.ns = ""
        self.published: dt.date | None = None
        self.issues: list[str] = []
        self.refs: dict[str, dict[str, ET.Element]] = {}
        self.places: dict[str, _Place] = {}
        self.documents: dict[str, list[tuple[list[Identifier], str]]] = {}  # by IdentityID
        self.parties: dict[str, _Party] = {}  # by profile id
        self.by_fixed_ref: set[str] = set()
        self.relationships: list[tuple[str, str, str]] = []
        self.entries: set[str] = set()  # profile ids with a SanctionsEntry
        self.other_lists: Counter[str] = Counter()

    # -- the file -----------------------------------------------------------------------

    def read(self) -> None:
        handlers = {"DateOfIssue": self._date_of_issue, "ReferenceValueSets": self._reference_values,
                    "Location": self._location, "IDRegDocument": self._document,
                    "DistinctParty": self._party, "ProfileRelationship": self._relationship,
                    "SanctionsEntry": self._entry}
        for name, element in self._stream():
            handlers[name](element)
            if name != "ReferenceValueSets":
                element.clear()  # one section element in memory at a time
        if self.published is None:
            self.issues.append(f"{self.file.name}: no DateOfIssue; publication date unknown")

    def _stream(self) -> Iterator[tuple[str, ET.Element]]:
        """(section name, element) at the end of every element of interest, parsed with
        DTDs, entities and external references forbidden."""
        file = self.file
        wanted: dict[str, str] = {}
        for event, element in xml_safe.iterparse(file):
            if not wanted:
                ns, _, local = element.tag[1:].partition("}") if element.tag.startswith("{") \
                    else ("", "", element.tag)
                if local != ROOT_TAG or ns not in NAMESPACES:
                    raise ListFormatError(
                        f"{file}: not OFAC's advanced XML (root element <{element.tag}>, expected "
                        f"<{ROOT_TAG}> in namespace {NAMESPACES[0]})")
                self.ns = ns
                wanted = {self._q(name): name for name in _SECTIONS}
            elif event == "end" and element.tag in wanted:
                yield wanted[element.tag], element

    # -- helpers ------------------------------------------------------------------------

    def _q(self, tag: str) -> str:
        return f"{{{self.ns}}}{tag}"

    def _all(self, element: ET.Element, path: str) -> list[ET.Element]:
        return element.findall("/".join(self._q(p) for p in path.split("/")))

    def _one(self, element: ET.Element, path: str) -> ET.Element | None:
        return element.find("/".join(self._q(p) for p in path.split("/")))

    def _ref(self, table: str, ref_id: str | None) -> ET.Element | None:
        return self.refs.get(table, {}).get(ref_id or "")

    def _ref_text(self, table: str, ref_id: str | None) -> str:
        return _text(self._ref(table, ref_id))

    def _date(self, element: ET.Element | None) -> dt.date | None:
        """A ``Year``/``Month``/``Day`` element as a date (None when absent or unreadable)."""
        if element is None:
            return None
        try:
            return dt.date(*(int(_text(self._one(element, p)) or 1) for p in ("Year", "Month", "Day")))
        except ValueError:
            return None

    # -- sections -----------------------------------------------------------------------

    def _date_of_issue(self, element: ET.Element) -> None:
        self.published = self._date(element)
        if self.published is None:
            self.issues.append(f"{self.file.name}: DateOfIssue is not a date; publication date unknown")

    def _reference_values(self, element: ET.Element) -> None:
        """``refs[item tag][ID]``, e.g. ``refs["AliasType"]["1400"]`` is the A.K.A. element."""
        for table in element:
            for item in table:
                tag = item.tag.rpartition("}")[2]
                self.refs.setdefault(tag, {})[item.get("ID", "")] = item

    def _location(self, element: ET.Element) -> None:
        country, country_name = None, ""
        for link in self._all(element, "LocationCountry"):
            ref = self._ref("Country", link.get("CountryID"))
            if ref is not None:
                country, country_name = ref.get("ISO2") or None, _text(ref)
                break
        if country is None:
            for link in self._all(element, "LocationAreaCode"):
                ref = self._ref("AreaCode", link.get("AreaCodeID"))
                if ref is not None and _text(ref):
                    country, country_name = _text(ref), ref.get("Description", "")
                    break
        parts = []
        for part in self._all(element, "LocationPart"):
            kind = self._ref_text("LocPartType", part.get("LocPartTypeID")).casefold()
            values = self._all(part, "LocationPartValue")
            chosen = [v for v in values if v.get("Primary") == "true"] or values
            for value in chosen[:1]:
                text = _text(self._one(value, "Value"))
                if text:
                    parts.append((kind, text))
        if country is None and country_name.casefold() == "undetermined":
            country_name = ""
        self.places[element.get("ID", "")] = _Place(tuple(parts), country, country_name)

    def _document(self, element: ET.Element) -> None:
        """Read now (the element is cleared after), attached to its identity's party later."""
        self.documents.setdefault(element.get("IdentityID", ""), []).append(self._identity_document(element))

    def _relationship(self, element: ET.Element) -> None:
        relation = self._ref_text("RelationType", element.get("RelationTypeID"))
        self.relationships.append((element.get("From-ProfileID", ""), element.get("To-ProfileID", ""),
                                   relation))

    def _entry(self, element: ET.Element) -> None:
        profile = element.get("ProfileID", "")
        list_name = self._ref_text("List", element.get("ListID"))
        if list_name != SDN_LIST:
            self.other_lists[list_name or f"ListID {element.get('ListID')}"] += 1
        programs = [_text(self._one(m, "Comment")) for m in self._all(element, "SanctionsMeasure")
                    if self._ref_text("SanctionsType", m.get("SanctionsTypeID")) == "Program"]
        created = None
        for event in self._all(element, "EntryEvent"):
            day = self._date(self._one(event, "Date"))
            kind = self._ref_text("EntryEventType", event.get("EntryEventTypeID"))
            if day is not None and (created is None or kind == "Created"):
                created = day
        party = self.parties.get(profile)
        if party is None:
            self.issues.append(f"{self.file.name} SanctionsEntry {element.get('ID')}: ProfileID {profile} "
                               f"is not a DistinctParty in this file; ignored")
            return
        party.programs = tuple(dict.fromkeys(party.programs + tuple(p for p in programs if p)))
        party.listed_on = party.listed_on or created
        self.entries.add(profile)

    # -- a party ------------------------------------------------------------------------

    def _party(self, element: ET.Element) -> None:
        fixed_ref = element.get("FixedRef", "").strip()
        where = f"{self.file.name} DistinctParty {fixed_ref or '(no FixedRef)'}"
        profile = self._one(element, "Profile")
        if not fixed_ref or profile is None:
            self.issues.append(f"{where}: {'no Profile' if fixed_ref else 'no FixedRef'}; skipped")
            return
        if fixed_ref in self.by_fixed_ref:
            self.issues.append(f"{where}: FixedRef repeated; skipped")
            return
        profile_id = profile.get("ID", "")
        if profile_id != fixed_ref:
            self.issues.append(f"{where}: Profile ID {profile_id} differs from FixedRef; the entity id "
                               f"uses FixedRef")
        identities = self._all(profile, "Identity")
        names = self._names(identities, where)
        if names is None:
            self.issues.append(f"{where}: no name; skipped")
            return
        facts = _Facts()
        for feature in self._all(profile, "Feature"):
            self._feature(feature, facts, where)
        for identity in identities:
            for ids, note in self.documents.pop(identity.get("ID", ""), []):
                facts.identifiers += ids
                if note:
                    facts.remarks.append(note)
        if facts.call_sign:
            facts.identifiers[:0] = [Identifier(IdType.OTHER, s, facts.flag, "Call Sign") for s in facts.call_sign]
        head = [f"Title: {t}" for t in facts.titles]
        head += [f"{label}: {facts.vessel[key]}" for key, label in _VESSEL_FACTS.items() if key in facts.vessel]
        countries = [facts.flag, *facts.countries, *(a.country for a in facts.addresses)]
        self.by_fixed_ref.add(fixed_ref)
        self.parties[profile_id or fixed_ref] = _Party(
            publisher_id=fixed_ref, schema=self._schema(profile, where),
            name=names[0], aliases=names[1], countries=tuple(c for c in dict.fromkeys(countries) if c),
            birth_dates=tuple(dict.fromkeys(facts.birth_dates)),
            identifiers=tuple(dict.fromkeys(facts.identifiers)), addresses=tuple(facts.addresses),
            remarks=head + facts.remarks)

    def _schema(self, profile: ET.Element, where: str) -> Schema:
        subtype = self._ref("PartySubType", profile.get("PartySubTypeID"))
        sub = _text(subtype).casefold()
        if sub == "vessel":
            return Schema.VESSEL
        if sub == "aircraft":
            return Schema.AIRCRAFT
        party_type = self._ref_text("PartyType", subtype.get("PartyTypeID") if subtype is not None else None)
        schema = {"individual": Schema.PERSON, "entity": Schema.ORGANIZATION}.get(party_type.casefold())
        if schema is None:
            self.issues.append(f"{where}: party type {party_type or profile.get('PartySubTypeID')!r} "
                               f"not known; schema Unknown")
            return Schema.UNKNOWN
        return schema

    def _names(self, identities: list[ET.Element], where: str) -> tuple[str, tuple[Name, ...]] | None:
        """The primary name and every other name, in file order.

        The primary name is the Latin ``DocumentedName`` of the ``Primary="true"`` alias of
        the primary identity; its spellings in other scripts, and every other alias
        (each of its spellings), are the aliases.
        """
        primary: str | None = None
        names: list[Name] = []
        ordered = sorted(identities, key=lambda i: i.get("Primary") != "true")
        for identity in ordered:
            groups = {g.get("ID", ""): self._ref_text("NamePartType", g.get("NamePartTypeID")).casefold()
                      for g in self._all(identity, "NamePartGroups/MasterNamePartGroup/NamePartGroup")}
            for alias in self._all(identity, "Alias"):
                alias_type = self._ref_text("AliasType", alias.get("AliasTypeID"))
                is_primary = primary is None and alias.get("Primary") == "true"
                kind = _ALIAS_KINDS.get(alias_type.casefold())
                if kind is None:
                    if alias_type.casefold() != _PRIMARY_ALIAS or not is_primary:
                        self.issues.append(f"{where}: alias of type {alias_type or alias.get('AliasTypeID')!r} "
                                           f"read as an a.k.a.")
                    kind = NameKind.AKA
                quality = NameQuality.WEAK if alias.get("LowQuality") == "true" else NameQuality.STRONG
                spellings = [self._spelling(d, groups) for d in self._all(alias, "DocumentedName")]
                spellings = [s for s in spellings if s[1]]
                if is_primary and spellings:
                    latin = [s for s in spellings if s[2] is None]
                    first = next((s for s in latin if s[3] == "Primary Latin"), latin[0] if latin else spellings[0])
                    primary = first[1]
                    spellings = [s for s in spellings if s is not first]
                label = f"Alias {alias_type or alias.get('AliasTypeID')}" + (
                    " (primary)" if is_primary else "") + (" low quality" if quality is NameQuality.WEAK else "")
                for doc_id, value, script, _, script_name in spellings:
                    provenance = f"{label}: DocumentedName {doc_id}" + (f", {script_name}" if script else "")
                    names.append(Name(value, kind, quality, script, provenance))
        if primary is None:
            if not names:
                return None
            self.issues.append(f"{where}: no primary alias; the first name is read as primary")
            primary, names = names[0].value, names[1:]
        return primary, tuple(n for n in names if not (n.value == primary and n.script is None))

    def _spelling(self, documented: ET.Element, groups: dict[str, str]
                  ) -> tuple[str, str, str | None, str, str]:
        """(id, name, ISO script or None for Latin, DocNameStatus, script name) of one
        DocumentedName. Latin names of individuals read ``Last, First Middle`` as in the
        CSV files; other scripts join the parts in their published order."""
        parts: list[tuple[str, str]] = []
        script_ref = None
        for part in self._all(documented, "DocumentedNamePart/NamePartValue"):
            value = _text(part)
            if value:
                parts.append((groups.get(part.get("NamePartGroupID", ""), ""), value))
                script_ref = script_ref if script_ref is not None else self._ref("Script", part.get("ScriptID"))
        script_name = _text(script_ref) or _LATIN
        code = script_ref.get("ScriptCode", "") if script_ref is not None else _LATIN
        script = _SCRIPT_CODES.get(code, code or None)
        surnames = [v for k, v in parts if k == _SURNAME]
        given = [v for k, v in parts if k != _SURNAME]
        if script is None and surnames and given:
            value = f"{' '.join(surnames)}, {' '.join(given)}"
        else:
            value = " ".join(v for _, v in parts)
        status = self._ref_text("DocNameStatus", documented.get("DocNameStatusID"))
        return documented.get("ID", ""), value, script, status, script_name

    # -- features and documents ---------------------------------------------------------

    def _feature(self, feature: ET.Element, facts: _Facts, where: str) -> None:
        label = self._ref_text("FeatureType", feature.get("FeatureTypeID")) or \
            f"Feature type {feature.get('FeatureTypeID')}"
        label = label.rstrip(" :-")
        key = label.casefold()
        for version in self._all(feature, "FeatureVersion"):
            reliability = self._ref_text("Reliability", version.get("ReliabilityID"))
            text = _text(self._one(version, "VersionDetail"))
            if not text:
                for detail in self._all(version, "VersionDetail"):
                    text = text or self._ref_text("DetailReference", detail.get("DetailReferenceID"))
            period = self._one(version, "DatePeriod")
            places = [self.places.get(v.get("LocationID", "")) for v in self._all(version, "VersionLocation")]
            if any(p is None for p in places):
                self.issues.append(f"{where}: {label} refers to a Location not in the file")
                places = [p for p in places if p is not None]
            comment = _text(self._one(version, "Comment"))
            span = None
            if period is not None:
                try:
                    span = _period(self, period)
                except ValueError:
                    self.issues.append(f"{where}: {label} date is not a date; ignored")
            if reliability == "False":  # a value OFAC reports as false: kept as text only
                shown = _span_text(*span) if span else text or "; ".join(_place_text(p) for p in places)
                facts.remarks.append(f"{label} (false): {shown}")
                continue
            if key == _BIRTHDATE and span is not None:
                start, end, circa = span
                facts.birth_dates.append(DateOfBirth(start, end, circa, _span_text(start, end, circa)))
            elif key == _LOCATION and places:
                facts.addresses += [a for a in (_address(p) for p in places) if a is not None]
            elif key in _COUNTRY_FEATURES and places:
                for place in places:
                    country = place.country or _country_of(place)
                    if country is None:
                        self.issues.append(f"{where}: {label} {_place_text(place)!r} not recognised; "
                                           f"kept as text only")
                    facts.countries.append(country)
                    facts.remarks.append(f"{label}: {_place_text(place)}")
            elif key == _CALL_SIGN and text:
                facts.call_sign.append(text)
            elif key in _VESSEL_FACTS and text:
                facts.vessel.setdefault(key, text)
                if key == _VESSEL_FLAG:
                    facts.flag = facts.flag or to_iso2(text)
            elif key == _TITLE and text:
                facts.titles.append(text)
            else:
                value = text or (_span_text(*span) if span else "; ".join(_place_text(p) for p in places))
                # Typed as the CSV Remarks type "<label> <value>"; only when read whole.
                parsed = parse_remarks(f"{label} {text}") if text else None
                if parsed is not None and parsed.identifiers and not parsed.unparsed:
                    facts.identifiers += parsed.identifiers
                elif value:
                    facts.remarks.append(f"{label}: {value}" + (f" ({comment})" if comment else ""))
                continue
            if comment:
                facts.remarks.append(f"{label} note: {comment}")

    def _identity_document(self, document: ET.Element) -> tuple[list[Identifier], str]:
        """An IDRegDocument as identifiers (typed like the CSV Remarks' "Passport X" entries),
        and a remarks note with its dates, authority, validity and comment."""
        label = self._ref_text("IDRegDocType", document.get("IDRegDocTypeID")) or "Document"
        number = _text(self._one(document, "IDRegistrationNo"))
        country_ref = self._ref("Country", document.get("IssuedBy-CountryID"))
        country = country_ref.get("ISO2") if country_ref is not None else None
        details = []
        validity = self._ref_text("Validity", document.get("ValidityID"))
        if validity and validity != "Valid":
            details.append(validity.casefold())
        if country_ref is not None and country is None and _text(country_ref):
            details.append(f"issued by {_text(country_ref)}")
        authority = _text(self._one(document, "IssuingAuthority"))
        if authority:
            details.append(f"issuing authority {authority}")
        for date in self._all(document, "DocumentDate"):
            kind = self._ref_text("IDRegDocDateType", date.get("IDRegDocDateTypeID")) or "Date"
            period = self._one(date, "DatePeriod")
            try:
                span = _period(self, period) if period is not None else None
            except ValueError:
                span = None
            if span:
                details.append(f"{kind} {_span_text(*span)}")
        comment = _text(self._one(document, "Comment"))
        if comment:
            details.append(comment)
        if not number:
            return [], f"{label}: {', '.join(details) or 'no number given'}"
        parsed = parse_remarks(f"{label} {number}")
        ids = parsed.identifiers if parsed.identifiers and not parsed.unparsed else (
            Identifier(IdType.OTHER, number, None, label),)
        note = f"{label} {number}: {', '.join(details)}" if details else ""
        return [replace(i, country=i.country or country) for i in ids], note

    # -- after the whole file -----------------------------------------------------------

    def finish(self) -> list[_Party]:
        file = self.file.name
        for profile, party in self.parties.items():
            if profile not in self.entries:
                self.issues.append(f"{file} DistinctParty {party.publisher_id}: no SanctionsEntry; "
                                   f"no programme")
        for source, target, relation in self.relationships:
            party = self.parties.get(source)
            if party is None:
                continue
            other = self.parties.get(target)
            shown = other.name if other is not None else f"profile {target} (not in this file)"
            party.links.append(f"Linked To: {shown}" + (f" ({relation})" if relation else ""))
        orphans = list(self.documents)  # those of loaded parties were taken by them
        if orphans:
            self.issues.append(f"{file}: IDRegDocument(s) for {len(orphans)} identity(ies) of no loaded party "
                               f"ignored (IdentityID {', '.join(orphans[:20])}{' ...' if len(orphans) > 20 else ''})")
        for list_name, count in self.other_lists.items():
            self.issues.append(f"{file}: {count} SanctionsEntry(ies) on {list_name!r}, not the {SDN_LIST}; "
                               f"their parties are loaded with ids {SOURCE}:<FixedRef> all the same")
        return list(self.parties.values())


@dataclass(slots=True)
class _Facts:
    """What a party's features and documents give, gathered before the party is built."""

    birth_dates: list[DateOfBirth] = field(default_factory=list)
    countries: list[str | None] = field(default_factory=list)
    addresses: list[Address] = field(default_factory=list)
    identifiers: list[Identifier] = field(default_factory=list)
    call_sign: list[str] = field(default_factory=list)
    vessel: dict[str, str] = field(default_factory=dict)
    flag: str | None = None
    titles: list[str] = field(default_factory=list)
    remarks: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------------------
# Values


def _text(element: ET.Element | None) -> str:
    """Text of ``element`` with whitespace runs collapsed; "" if absent."""
    if element is None or element.text is None:
        return ""
    return " ".join(element.text.split())


def _period(reader: _Reader, period: ET.Element) -> tuple[dt.date, dt.date, bool] | None:
    """A DatePeriod as (first day, last day, approximate): from ``Start/From`` to ``End/To``;
    a missing month or day widens the bound (a year-only date is 1 Jan to 31 Dec).
    None when it gives no year; ValueError when it is not a date."""
    start, end = reader._one(period, "Start"), reader._one(period, "End")
    ends = [e for e in (start, end) if e is not None]
    lows = [reader._one(e, p) for e in ends for p in ("From", "To")]
    highs = [reader._one(e, p) for e in reversed(ends) for p in ("To", "From")]
    low = next((d for d in (_bound(reader, x, high=False) for x in lows) if d), None)
    high = next((d for d in (_bound(reader, x, high=True) for x in highs) if d), None)
    if low is None or high is None:
        return None
    if high < low:
        raise ValueError("period ends before it starts")
    return low, high, any(e.get("Approximate") == "true" for e in ends)


def _bound(reader: _Reader, element: ET.Element | None, high: bool) -> dt.date | None:
    if element is None:
        return None
    year, month, day = (_text(reader._one(element, p)) for p in ("Year", "Month", "Day"))
    if not year:
        return None
    y = int(year)
    m = int(month) if month else (12 if high else 1)
    d = int(day) if day else (calendar.monthrange(y, m)[1] if high else 1)
    return dt.date(y, m, d)


def _span_text(start: dt.date, end: dt.date, circa: bool = False) -> str:
    """``1947-04-19``, ``1962-11``, ``1991``, ``1960 to 1962``, with ``circa`` when approximate.

    >>> _span_text(dt.date(1960, 1, 1), dt.date(1962, 12, 31), True)
    'circa 1960 to 1962'
    """
    if start == end:
        text = start.isoformat()
    elif (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
        text = str(start.year) if start.year == end.year else f"{start.year} to {end.year}"
    elif start.day == 1 and (start.year, start.month) == (end.year, end.month) \
            and end.day == calendar.monthrange(end.year, end.month)[1]:
        text = f"{start.year:04d}-{start.month:02d}"
    else:
        text = f"{start.isoformat()} to {end.isoformat()}"
    return f"circa {text}" if circa else text


def _place_text(place: _Place) -> str:
    return ", ".join([v for _, v in place.parts] + ([place.country_name] if place.country_name
                                                    and place.country_name not in (v for _, v in place.parts) else []))


def _country_of(place: _Place) -> str | None:
    """A country from a Location's text when it has no country link (a nationality
    Location may carry only a part reading e.g. "Egypt")."""
    for _, value in place.parts:
        code = to_iso2(value)
        if code:
            return code
    return None


def _address(place: _Place) -> Address | None:
    """An Address like the CSV's ``add.csv`` row: ADDRESS1-3 the street; city, state and
    postal code the city field (``Richardson, TX 75081``); a region with no country stands
    in for the country (``Region: Gaza``), otherwise it goes to the remarks. None for a
    Location with nothing but an undetermined country (OFAC's empty address)."""
    street = ", ".join(place.part("address1") + place.part("address2") + place.part("address3"))
    city = ", ".join(place.part("city") + place.part("state/province"))
    postal = " ".join(place.part("postal code"))
    city = f"{city} {postal}".strip()
    regions = place.part("region")
    country, country_name = place.country, place.country_name
    remarks = [v for k, v in place.parts if k not in (
        "address1", "address2", "address3", "city", "state/province", "postal code", "region")]
    if regions and not country_name:
        country_name = f"Region: {', '.join(regions)}"
        country = to_iso2(country_name)
    else:
        remarks = [f"Region: {r}" for r in regions] + remarks
    if not (street or city or country or country_name or remarks):
        return None
    return Address(street=street, city=city, country=country, country_name=country_name,
                   remarks="; ".join(remarks))
