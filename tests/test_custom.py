"""A firm's own list: CSV, Parquet and DataFrame inputs, column mappings, bad rows, duplicate ids."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from screening import Screener
from screening.model import NameKind, Schema
from screening.sources import load_list
from screening.sources.custom import from_file, from_frame, load
from screening.sources.files import ListFormatError

CSV = """id,name,aliases,schema,country,birth_date,notes
C-1,Jane  Roe,J. Roe; Jane R. ;,Individual,GB,1970-03,"two
lines"
C-2,Acme Trading Ltd,ACME;Acme Trading Limited,COMPANY,cn; Hong Kong,,
C-3,,Nameless,person,US,,
C-4,Sea Star,,vessel,PA,,
C-5,Mystery Party,,Bank,Atlantis,1970-13-01,
"""


def _write(tmp_path: Path, text: str, name: str = "watch.csv") -> Path:
    file = tmp_path / name
    file.write_text(text, encoding="utf-8")
    return file


def test_csv_with_default_columns(tmp_path: Path) -> None:
    entities = load_list("custom", _write(tmp_path, CSV))
    assert entities.source == "custom" and len(entities) == 4 == entities.snapshot.entity_count
    assert [e.entity_id for e in entities] == ["custom:C-1", "custom:C-2", "custom:C-4", "custom:C-5"]
    jane = entities.get("custom:C-1")
    assert (jane.name, jane.schema, jane.countries) == ("Jane Roe", Schema.PERSON, ("GB",))
    assert [(a.value, a.kind, a.provenance) for a in jane.aliases] == [
        ("J. Roe", NameKind.AKA, "watch.csv aliases"), ("Jane R.", NameKind.AKA, "watch.csv aliases")]
    assert [(d.start, d.end) for d in jane.birth_dates] == [(dt.date(1970, 3, 1), dt.date(1970, 3, 31))]
    acme = entities.get("custom:C-2")
    assert acme.schema is Schema.ORGANIZATION and acme.countries == ("CN", "HK")
    assert [a.value for a in acme.aliases] == ["ACME", "Acme Trading Limited"]
    assert entities.get("custom:C-4").schema is Schema.VESSEL
    mystery = entities.get("custom:C-5")
    assert mystery.schema is Schema.UNKNOWN and mystery.countries == () and mystery.birth_dates == ()
    assert mystery.remarks == "country: Atlantis; birth_date: 1970-13-01"
    assert all(e.snapshot is entities.snapshot for e in entities)
    # C-1's notes span lines 2-3, so C-3 (no name) is on line 5
    assert entities.issues == (
        "watch.csv line 5: no name; skipped",
        "watch.csv line 7: country 'Atlantis' is not a country; left out",
        "watch.csv line 7: birth_date '1970-13-01' is not YYYY, YYYY-MM or YYYY-MM-DD; left out",
        "watch.csv: schema 'Bank' not recognised in 1 row(s) (first: watch.csv line 7); read as Unknown",
    )


@pytest.mark.parametrize("word, schema", [
    ("person", Schema.PERSON), ("INDIVIDUAL", Schema.PERSON), ("Organization", Schema.ORGANIZATION),
    ("entity", Schema.ORGANIZATION), ("Company", Schema.ORGANIZATION), ("VESSEL", Schema.VESSEL),
    ("aircraft", Schema.AIRCRAFT), ("", Schema.UNKNOWN), ("unknown", Schema.UNKNOWN),
])
def test_schema_words(word: str, schema: Schema) -> None:
    lst = from_frame(pd.DataFrame({"id": [1], "name": ["X Y"], "schema": [word]}))
    assert lst.entities[0].schema is schema and lst.issues == ()


def test_parquet(tmp_path: Path) -> None:
    frame = pd.DataFrame({
        "id": [101, 102, 103],
        "name": ["Hangzhou Example Technology Co Ltd", None, "John Smith"],
        "aliases": [["Example Tech", "HZ Example"], [], None],
        "schema": ["organisation", "person", "Individual"],
        "country": ["CN", None, "US"],
        "birth_date": [None, None, dt.date(1961, 5, 4)],
    })
    file = tmp_path / "internal.parquet"
    frame.to_parquet(file)
    entities = load(tmp_path)  # the folder holding the one file
    assert [e.entity_id for e in entities] == ["custom:101", "custom:103"]
    assert entities.issues == ("internal.parquet row 2: no name; skipped",)
    example, smith = entities
    assert [a.value for a in example.aliases] == ["Example Tech", "HZ Example"]
    assert example.schema is Schema.ORGANIZATION and example.countries == ("CN",)
    assert smith.schema is Schema.PERSON and smith.birth_dates[0].start == dt.date(1961, 5, 4)
    assert smith.birth_dates[0].is_exact
    assert entities.snapshot.path == str(tmp_path) and len(entities.snapshot.content_hash) == 64


def test_dataframe_with_a_column_mapping() -> None:
    frame = pd.DataFrame({
        "client_no": ["K1", "K2", "K3"],
        "full_name": ["Megvii Tech Ltd", "  ", "Ivan Petrov"],
        "other_names": ["Face++|Megvii", None, "Ivan Petroff"],
        "kind": ["company", "person", "individual"],
        "nationality": ["CN", "RU", "ru"],
        "dob": [None, None, "1960"],
    }, index=["a", "b", "c"])
    entities = from_frame(frame, source="my-list", id="client_no", name="full_name", aliases="other_names",
                          schema="kind", country="nationality", birth_date="dob", separator="|")
    assert entities.source == "my-list" and entities.snapshot.path == "<DataFrame>"
    assert [e.entity_id for e in entities] == ["my-list:K1", "my-list:K3"]
    assert entities.issues == ("row 'b': no name; skipped",)
    megvii, petrov = entities
    assert [a.value for a in megvii.aliases] == ["Face++", "Megvii"]
    assert petrov.countries == ("RU",) and petrov.birth_dates[0].text == "1960"
    assert megvii.source == "my-list" and megvii.publisher_id == "K1"
    # Same content, same hash; another content, another hash.
    again = from_frame(frame.copy(), source="my-list", id="client_no", name="full_name", aliases="other_names",
                       schema="kind", country="nationality", birth_date="dob", separator="|")
    assert again.snapshot.content_hash == entities.snapshot.content_hash
    frame.loc["c", "dob"] = "1961"
    changed = from_frame(frame, source="my-list", id="client_no", name="full_name", aliases="other_names",
                         schema="kind", country="nationality", birth_date="dob", separator="|")
    assert changed.snapshot.content_hash != entities.snapshot.content_hash
    # The custom list screens like any other.
    hit = Screener([entities], curated=False).match("Megvii Technology Limited", limit=1)[0]
    assert hit.entity_id == "my-list:K1"


def test_csv_with_a_column_mapping_and_only_the_required_columns(tmp_path: Path) -> None:
    file = _write(tmp_path, "Ref;Party\n", name="list.csv")  # wrong columns for the defaults
    with pytest.raises(ListFormatError, match="no column 'id' \\(for id\\), 'name' \\(for name\\)"):
        from_file(file)
    file = _write(tmp_path, "Ref,Party\n7,Globex Corporation\n", name="list.csv")
    (globex,) = from_file(file, id="Ref", name="Party", source="internal")
    assert globex.entity_id == "internal:7" and globex.schema is Schema.UNKNOWN
    # An optional column named explicitly must exist.
    with pytest.raises(ListFormatError, match="no column 'Aliases' \\(for aliases\\)"):
        from_file(file, id="Ref", name="Party", aliases="Aliases")


def test_duplicate_ids_are_rejected(tmp_path: Path) -> None:
    file = _write(tmp_path, "id,name\n1,Alpha\n2,Beta\n1,Gamma\n 2 ,Delta\n")
    with pytest.raises(ListFormatError,
                       match=r"duplicate ids, each id must name one party: id '1' on watch.csv line 2 and "
                             r"watch.csv line 4; id '2' on watch.csv line 3 and watch.csv line 5"):
        load(file)
    with pytest.raises(ListFormatError, match=r"id '5' on row 0 and row 1"):
        from_frame(pd.DataFrame({"id": [5, 5], "name": ["A", "B"]}))


def test_bad_rows_and_files(tmp_path: Path) -> None:
    file = _write(tmp_path, "id,name,country\n1,Alpha,DE\n2,Beta\n,Gamma,FR\n")
    entities = load(file)
    assert [e.name for e in entities] == ["Alpha"]
    assert entities.issues == ("watch.csv line 3: expected 3 fields, got 2; skipped",
                               "watch.csv line 4: no id; skipped")
    with pytest.raises(ListFormatError, match="no row with an id and a name"):
        load(_write(tmp_path, "id,name\n1,\n"))
    with pytest.raises(ListFormatError, match="empty file"):
        load(_write(tmp_path, ""))
    with pytest.raises(ListFormatError, match="not a CSV or Parquet file"):
        load(_write(tmp_path, "id,name\n", name="list.xlsx"))
    with pytest.raises(ListFormatError, match="cannot read as Parquet"):
        load(_write(tmp_path, "not parquet", name="broken.parquet"))
    with pytest.raises(ListFormatError, match="needs exactly one CSV or Parquet file, found broken.parquet, "
                                              "watch.csv"):
        load(tmp_path)
    with pytest.raises(ValueError, match="source"):
        from_frame(pd.DataFrame({"id": [1], "name": ["A"]}), source="bad:source")
    with pytest.raises(TypeError, match="DataFrame"):
        from_frame([{"id": 1, "name": "A"}])  # type: ignore[arg-type]
