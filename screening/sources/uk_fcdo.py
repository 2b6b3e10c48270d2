"""The FCDO UK Sanctions List: the full list (XML or CSV) and the summary spreadsheet.

The Foreign, Commonwealth & Development Office publishes "The UK Sanctions List" (every
UK designation under the Sanctions and Anti-Money Laundering Act 2018: financial, trade,
immigration and transport sanctions; since 28 January 2026 the UK's single list) at
``https://www.gov.uk/government/publications/the-uk-sanctions-list``. :func:`load` takes a
file or the folder holding it and tells the forms apart **by content**, not by name:

* a file starting with ``<``: the **full list as XML**
  (``https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.xml``; earlier
  ``assets.publishing.service.gov.uk/.../UK_Sanctions_List.xml``), read by
  :func:`.uk_fcdo_full.load_xml`;
* other text: CSV, the **full list** (``UK-Sanctions-List.csv``, a header naming ``Unique ID``
  and ``Name 6``) read by :func:`.uk_fcdo_full.load_table`, or the summary table saved as CSV;
* a zip archive: a spreadsheet (ODS or XLSX): the **summary export** below, or a sheet with
  the full list's header (read like the CSV; no such file was seen).

:mod:`.uk_fcdo_full` documents the full layouts, what they were confirmed from and what is
not confirmed. A folder is searched for ``.xml``, ``.csv``, ``.ods`` and ``.xlsx`` files; the
XML is read before a CSV before a spreadsheet (the others are named in ``issues``), and two
files of the kind read are refused as ambiguous.

**The summary export**, an OpenDocument spreadsheet named
``FCDO_SL_<Day>_<Mon DD YYYY>.ods`` (e.g. ``FCDO_SL_Wed_Nov 19 2025.ods``; the date in the
name is the publication date). One sheet (``UK_Sanction_List``), a header row, one row
per designation, 8 columns (:data:`COLUMNS`): ``Unique ID`` (regime prefix + number,
``RUS0001``), ``OFSI Group ID`` (empty for designations outside OFSI's financial list,
e.g. most ships), ``Name`` (the primary name only: no aliases), ``Regime Name``, ``Type``
(Individual / Entity / Ship), ``Designation source`` (``UK``, ``UN``, ``UK|UN``), ``Date
Designated`` (``dd-mm-yyyy``), ``Sanctions Imposed`` (comma-separated). The same table
saved as ``.xlsx`` reads too. This layout was measured on the November 2025 file.

One entity per row, ``uk-fcdo:<Unique ID>``: ``Name`` with whitespace collapsed (FCDO pads
nearly every name with spaces and doubles some inside), Type as the schema, Regime Name as
the program, Date Designated as ``listed_on``; the OFSI Group ID is an identifier
(``IdType.OTHER``, label ``OFSI Group ID``: the target's ``uk-ofsi:<Group ID>``);
Designation source and Sanctions Imposed go to the remarks. The export carries no aliases,
non-Latin names, dates of birth, nationalities, addresses or documents; the full list
does. A row without Unique ID or Name, or with a Unique ID already seen, is reported in
``issues`` and skipped.

**Reading.** The spreadsheet is read with pandas and python-calamine. FCDO's ODS export
(written by Microsoft Excel) stores ``mimetype`` compressed and last in the archive and
indents ``content.xml``, so python-calamine 0.9 can neither recognise it ("Cannot detect
file format") nor parse it by name ("Expecting 'table-cell', found 'Text'"); such a file is
then read from its ``content.xml`` by :func:`read_ods`, a small streaming OpenDocument
reader (DTDs and entities refused, as for the UN XML), and ``issues`` says so.

>>> fcdo = load("../shared/lists/uk_fcdo_sanctions_list_2025-11")  # doctest: +SKIP
>>> fcdo.get("uk-fcdo:RUS0001").programs                           # doctest: +SKIP
('Russia',)
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path


from screening.model import Entity, EntityList, Identifier, IdType, ListSnapshot, Schema
from screening.sources import uk_fcdo_full, xml_safe
from screening.sources.files import ListFormatError, csv_records, find_header, read_text, snapshot_of
from screening.sources.uk_ofsi import UK_SCHEMAS

SOURCE = "uk-fcdo"
COLUMNS = ("Unique ID", "OFSI Group ID", "Name", "Regime Name", "Type", "Designation source",
           "Date Designated", "Sanctions Imposed")
HEADER_SEARCH_ROWS = 5
FILE_SUFFIXES = (".xml", ".csv", ".ods", ".xlsx")  # what a folder is searched for; the form is read from content
# "FCDO_SL_Wed_Nov 19 2025.ods": the publication date in the file name.
_NAME_DATE = re.compile(r"^FCDO_SL_[A-Za-z]{3}_([A-Za-z]{3})[ _](\d{1,2})[ _](\d{4})\.", re.IGNORECASE)


_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
MAX_COLUMNS, MAX_ROWS = 16_384, 1_048_576  # spreadsheet limits: repeats beyond them are refused
_SPACES = re.compile(r"[ \t\r\n]+")


def load(path: str | Path) -> EntityList:
    """The UK Sanctions List from a file, or the folder holding it: the full list
    (``UK-Sanctions-List.xml`` / ``.csv``, read by :mod:`.uk_fcdo_full`) or the summary export
    (``FCDO_SL_*.ods``), told apart by content.

    Rows that cannot be read are reported in ``issues`` and skipped. Raises ListFormatError
    when the file is missing, unreadable, not one of these forms, or holds no readable row.
    """
    path = Path(path)
    issues: list[str] = []
    file = _find_file(path, issues)
    kind = detect(file)
    if kind == "xml":
        return uk_fcdo_full.load_xml(file, path, issues)
    if kind == "csv":
        table = [(line, fields) for line, fields in csv_records(read_text(file, issues), file.name, issues)
                 if fields is not None]
        unit = "line"
    else:
        table, unit = _read(file, issues), "row"
    if any(uk_fcdo_full.is_full_header(cells) for _, cells in table[:HEADER_SEARCH_ROWS]):
        return uk_fcdo_full.load_table(table, file, path, unit, issues)
    return _load_summary(table, file, path, unit, issues)


def _load_summary(table: list[tuple[int, list[str]]], file: Path, path: Path, unit: str,
                  issues: list[str]) -> EntityList:
    header_at, columns = find_header(table, ("Unique ID", "Name"), COLUMNS, file,
                                     "the UK Sanctions List (neither the full list nor the summary export)",
                                     HEADER_SEARCH_ROWS)
    parts: list[dict] = []
    seen: dict[str, int] = {}
    for number, cells in table[header_at + 1:]:
        if all(not c.strip() for c in cells):
            continue
        built = _row(number, cells, columns, f"{file.name} {unit}", seen, issues)
        if built is not None:
            parts.append(built)
    if not parts:
        raise ListFormatError(f"{file}: no UK Sanctions List row could be read")
    snapshot = snapshot_of(SOURCE, path, [file], len(parts), _published(file, issues))
    return EntityList(SOURCE, snapshot, tuple(_entity(p, snapshot) for p in parts), tuple(issues))


# ---------------------------------------------------------------------------------------
# Finding the file and telling its form


def detect(file: Path) -> str:
    """``"spreadsheet"`` (a zip archive: ODS or XLSX), ``"xml"`` (text starting with ``<``) or
    ``"csv"`` (any other text), by the file's first bytes, whatever its name."""
    try:
        with file.open("rb") as fh:
            head = fh.read(1024)
    except OSError as exc:
        raise ListFormatError(f"{file}: cannot read ({exc})") from exc
    if head.startswith(b"PK\x03\x04"):
        return "spreadsheet"
    encoding = "utf-16" if head[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8"
    text = head.decode(encoding, errors="ignore").lstrip("\ufeff \t\r\n")
    return "xml" if text.startswith("<") else "csv"


def _find_file(path: Path, issues: list[str]) -> Path:
    """``path`` itself, or the one list file in the folder ``path``: the full list's XML before its
    CSV before a spreadsheet (the summary export); other candidates are named in ``issues``."""
    if path.is_dir():
        candidates = sorted(f for f in path.iterdir() if f.is_file() and not f.name.startswith(".")
                            and f.suffix.casefold() in FILE_SUFFIXES)
        if not candidates:
            raise ListFormatError(f"{path}: no UK Sanctions List file in this folder (the full list "
                                  f"UK-Sanctions-List.xml or .csv, or the summary export FCDO_SL_*.ods)")
        kinds = {f: detect(f) for f in candidates}
        for kind, label in (("xml", "XML files"), ("csv", "CSV files"), ("spreadsheet", "spreadsheets")):
            chosen = [f for f in candidates if kinds[f] == kind]
            if len(chosen) > 1:
                raise ListFormatError(f"{path}: {len(chosen)} UK Sanctions List {label} in this folder "
                                      f"({', '.join(f.name for f in chosen)}); give the file to load")
            if chosen:
                others = [f.name for f in candidates if f != chosen[0]]
                if others:
                    issues.append(f"{path.name}: {chosen[0].name} read; also in this folder, not read: "
                                  f"{', '.join(others)}")
                return chosen[0]
    if not path.is_file():
        raise ListFormatError(f"{path}: no such file (expected the UK Sanctions List: UK-Sanctions-List.xml "
                              f"or .csv, or the summary export FCDO_SL_*.ods)")
    return path


def _read(file: Path, issues: list[str]) -> list[tuple[int, list[str]]]:
    """(sheet row number, cells as text) of the first sheet: pandas + python-calamine, else
    (an ODS calamine cannot read) :func:`read_ods`."""
    import pandas as pd

    try:
        frame = pd.read_excel(file, sheet_name=0, header=None, dtype=str, keep_default_na=False,
                              engine="calamine")
    except Exception as exc:  # calamine raises its own error types
        if not _is_ods(file):
            raise ListFormatError(f"{file}: cannot read as a spreadsheet ({exc})") from exc
        table = read_ods(file)
        issues.append(f"{file.name}: python-calamine cannot read this ODS ({_one_line(exc)}); "
                      f"read with the built-in OpenDocument reader")
        return table
    return [(number, [_cell(v) for v in cells])
            for number, cells in enumerate(frame.to_numpy(dtype=object).tolist(), start=1)]


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())


def _cell(value: object) -> str:
    if isinstance(value, str):
        return value
    if value is None or value != value or str(value) == "<NA>":
        return ""
    return str(value)


def _is_ods(file: Path) -> bool:
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            return "content.xml" in names and (
                "mimetype" not in names
                or archive.read("mimetype").strip() == b"application/vnd.oasis.opendocument.spreadsheet")
    except (OSError, zipfile.BadZipFile):
        return False


def read_ods(file: str | Path) -> list[tuple[int, list[str]]]:
    """The first sheet of an OpenDocument spreadsheet as (row number, cell texts), rows
    without content left out.

    Cells are read as text: a ``string`` cell's paragraphs (ODF white space rules: runs of
    spaces, tabs and line ends are one space; ``text:s``, ``text:tab``, ``text:line-break``
    are kept; paragraphs are joined by line breaks), other cells by their typed value
    (``office:value``, ``office:date-value``, ...). Repeated rows and cells are expanded when
    they hold content, trailing empty cells dropped. Raises ListFormatError for a file that
    is not an ODS, unsafe XML (a DTD or entity declarations) or malformed XML.
    """
    file = Path(file)
    rows: list[tuple[int, list[str]]] = []
    try:
        with zipfile.ZipFile(file) as archive, archive.open("content.xml") as content:
            number = 0
            depth = 0  # table:table nesting; only the first sheet is read
            for event, element in xml_safe.iterparse(f"{file} content.xml", stream=content):
                if element.tag == f"{_TABLE}table":
                    if event == "start":
                        depth += 1
                        continue
                    break  # end of the first sheet
                if event != "end" or element.tag != f"{_TABLE}table-row" or depth != 1:
                    continue
                cells = _row_cells(element, file)
                repeat = int(element.get(f"{_TABLE}number-rows-repeated", "1"))
                if cells:
                    if number + repeat > MAX_ROWS:
                        raise ListFormatError(f"{file}: more than {MAX_ROWS:,} rows with content")
                    rows += [(number + i + 1, list(cells)) for i in range(repeat)]
                number += repeat
                element.clear()
    except ListFormatError:
        raise
    except (KeyError, zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ListFormatError(f"{file}: not a readable OpenDocument spreadsheet ({exc})") from exc
    return rows


def _row_cells(row: ET.Element, file: Path) -> list[str]:
    cells: list[str] = []
    empty = 0  # empty cells seen since the last value: they count only when a value follows
    for cell in row:
        if cell.tag not in (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell"):
            continue
        repeat = int(cell.get(f"{_TABLE}number-columns-repeated", "1"))
        value = _cell_text(cell)
        if not value:
            empty += repeat
            continue
        if len(cells) + empty + repeat > MAX_COLUMNS:
            raise ListFormatError(f"{file}: a row with more than {MAX_COLUMNS:,} cells")
        cells += [""] * empty + [value] * repeat
        empty = 0
    return cells


def _cell_text(cell: ET.Element) -> str:
    kind = cell.get(f"{_OFFICE}value-type", "")
    if kind and kind != "string":
        for attribute in ("value", "date-value", "time-value", "boolean-value"):
            value = cell.get(f"{_OFFICE}{attribute}")
            if value is not None:
                return value
    paragraphs = ["".join(_inline(p)).strip() for p in cell if p.tag in (f"{_TEXT}p", f"{_TEXT}h")]
    return "\n".join(paragraphs).strip("\n")


def _inline(element: ET.Element):
    """The text of a paragraph, ODF white space rules applied."""
    if element.text:
        yield _SPACES.sub(" ", element.text)
    for child in element:
        if child.tag == f"{_TEXT}s":
            yield " " * int(child.get(f"{_TEXT}c", "1"))
        elif child.tag == f"{_TEXT}tab":
            yield "\t"
        elif child.tag == f"{_TEXT}line-break":
            yield "\n"
        else:
            yield from _inline(child)
        if child.tail:
            yield _SPACES.sub(" ", child.tail)


# ---------------------------------------------------------------------------------------
# Rows


def _row(number: int, cells: list[str], columns: dict[str, int], place: str, seen: dict[str, int],
         issues: list[str]) -> dict | None:
    values = {c: " ".join(cells[i].split()) if i < len(cells) else "" for c, i in columns.items()}
    unique_id, name = values["Unique ID"], values["Name"]
    where = f"{place} {number}"
    if not unique_id:
        issues.append(f"{where}: no Unique ID; skipped")
        return None
    where = f"{where} ({unique_id})"
    if unique_id in seen:
        unit = place.rsplit(" ", 1)[-1]  # "row" or "line"
        issues.append(f"{where}: Unique ID repeated (first on {unit} {seen[unique_id]}); skipped")
        return None
    if not name:
        known = f" (OFSI Group ID {values['OFSI Group ID']})" if values["OFSI Group ID"] else ""
        issues.append(f"{where}: no Name{known}; skipped")
        return None
    seen[unique_id] = number
    schema = UK_SCHEMAS.get(values["Type"].casefold())
    if schema is None:
        issues.append(f"{where}: unknown Type {values['Type']!r}; schema unknown")
        schema = Schema.UNKNOWN
    listed_on = None
    if values["Date Designated"]:
        listed_on = _date(values["Date Designated"])
        if listed_on is None:
            issues.append(f"{where}: Date Designated {values['Date Designated']!r} is not a dd-mm-yyyy "
                          f"date; kept as text")
    group_id = values["OFSI Group ID"]
    remarks = [f"{label}: {values[column]}" for column, label in (
        ("Designation source", "Designation source"), ("Sanctions Imposed", "Sanctions imposed"))
        if values[column]]
    if values["Date Designated"] and listed_on is None:
        remarks.append(f"Date Designated: {values['Date Designated']}")
    return {
        "publisher_id": unique_id,
        "schema": schema,
        "name": name,
        "programs": (values["Regime Name"],) if values["Regime Name"] else (),
        "identifiers": (Identifier(IdType.OTHER, group_id, None, "OFSI Group ID"),) if group_id else (),
        "remarks": "; ".join(remarks),
        "listed_on": listed_on,
    }


def _entity(p: dict, snapshot: ListSnapshot) -> Entity:
    return Entity(entity_id=f"{SOURCE}:{p['publisher_id']}", source=SOURCE, snapshot=snapshot, **p)


def _date(text: str) -> dt.date | None:
    """``dd-mm-yyyy`` (also ``dd/mm/yyyy``, or ISO as a date cell reads) -> date; None otherwise.

    >>> _date("19-11-2025"), _date("2025-11-19 00:00:00"), _date("31-02-2025")
    (datetime.date(2025, 11, 19), datetime.date(2025, 11, 19), None)
    """
    for pattern in ("%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d", "%Y-%m-%d %H:%M:%S"):
        try:
            return dt.datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    return None


def _published(file: Path, issues: list[str]) -> dt.date | None:
    """The date FCDO writes into the export's name: ``FCDO_SL_Wed_Nov 19 2025.ods`` -> 2025-11-19."""
    match = _NAME_DATE.match(file.name)
    if match:
        try:
            return dt.datetime.strptime(" ".join(match.groups()), "%b %d %Y").date()
        except ValueError:
            pass
    issues.append(f"{file.name}: the file name does not carry FCDO's date (FCDO_SL_<Day>_<Mon DD YYYY>.ods); "
                  f"publication date unknown")
    return None
