"""Broken input files: customer files (``screening screen``) and list files (``load_list``).

Customer CSVs in Latin-1, UTF-16 with a byte-order mark, with stray quotes, ragged rows, no
name column, empty, or a header alone: each is screened correctly (the encoding detected,
or given with ``--encoding``) or fails with one line naming the file, the line and the
problem; never a traceback, never a partial result. Rows the reader cannot read go to
the rejects file with their line; a quote never closed stops the run (every row after it
would be lost).

List files truncated, of the wrong format or encoding, or with a record without a name:
a clear error naming the file (and line), or a reported skip in ``issues``; a Screener
that loaded other lists keeps working.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from screening import Screener, load_list
from screening.sources import ListFormatError
from cli_helpers import assert_one_line_error, run_err as run

MEGVII = "ofac-cons:33091"
ROWS = [("C1", "Megvii Technology Ltd", "CN"), ("C2", "Soci\u00e9t\u00e9 G\u00e9n\u00e9rale", "FR"),
        ("C3", "Caf\u00e9 M\u00fcller GmbH", "DE"), ("C4", "Zhejiang Dahua Technology Co Ltd", "CN")]


def csv_text(rows=ROWS, header="customer_id,name,country") -> str:
    return "\n".join([header, *(",".join(r) for r in rows)]) + "\n"


def screen(capsys, src: Path, *extra) -> tuple[int, str, Path]:
    out = src.with_name("alerts.csv")
    code, err = run(capsys, "screen", src, "-o", out, "--id-column", "customer_id", "--workers", "1", *extra)
    return code, err, out


def alerts_of(out: Path) -> list[tuple[str, str]]:
    return [tuple(r) for r in pd.read_csv(out, dtype=str)[["row", "entity_id"]].values.tolist()]


def rejects_of(out: Path) -> pd.DataFrame:
    return pd.read_csv(out.with_name(out.stem + ".rejects.csv"), dtype=str, keep_default_na=False)


def no_outputs(folder: Path, src: Path) -> bool:
    return [p.name for p in folder.iterdir()] == [src.name]


@pytest.fixture
def reference(tmp_path_factory, capsys) -> list[tuple[str, str]]:
    """The alerts of the rows written as plain UTF-8."""
    src = tmp_path_factory.mktemp("utf8") / "customers.csv"
    src.write_text(csv_text(), encoding="utf-8")
    code, _, out = screen(capsys, src)
    assert code == 1
    alerts = alerts_of(out)
    assert ("C1", MEGVII) in alerts
    return alerts


# --------------------------------------------------------------------------------------------
# Encodings
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-be", "utf-32"])
def test_byte_order_marks_are_detected(tmp_path, capsys, reference, encoding):
    src = tmp_path / "customers.csv"
    data = csv_text().encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data  # utf-16-be writes no mark of its own
    src.write_bytes(data)
    code, err, out = screen(capsys, src)
    assert code == 1, err
    assert alerts_of(out) == reference
    assert json.loads(out.with_name("alerts.csv.audit.json").read_text())["input"]["encoding"] in (
        "utf-8-sig", "utf-16", "utf-32")


def test_latin1_without_encoding_fails_naming_the_line(tmp_path, capsys):
    src = tmp_path / "customers.csv"
    src.write_bytes(csv_text().encode("latin-1"))
    code, err, _ = screen(capsys, src)
    assert code == 2
    assert_one_line_error(err, str(src), "line 3", "not UTF-8", "--encoding")
    assert no_outputs(tmp_path, src)


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_latin1_with_encoding_is_screened(tmp_path, capsys, reference, encoding):
    src = tmp_path / "customers.csv"
    src.write_bytes(csv_text().encode("latin-1"))
    code, err, out = screen(capsys, src, "--encoding", encoding)
    assert code == 1, err
    assert alerts_of(out) == reference
    assert "screened 4 of 4 rows (0 rejected" in err


def test_utf16_without_a_byte_order_mark_fails_with_a_hint(tmp_path, capsys):
    src = tmp_path / "customers.csv"
    src.write_bytes(csv_text().encode("utf-16-le"))
    code, err, _ = screen(capsys, src)
    assert code == 2
    assert_one_line_error(err, str(src), "UTF-16", "--encoding utf-16-le")
    code, err, out = screen(capsys, src, "--encoding", "utf-16-le")
    assert code == 1, err


def test_unknown_encoding_fails(tmp_path, capsys):
    src = tmp_path / "customers.csv"
    src.write_text(csv_text())
    code, err, _ = screen(capsys, src, "--encoding", "klingon-8")
    assert code == 2
    assert_one_line_error(err, "klingon-8")


def test_truncated_utf16_file_fails(tmp_path, capsys):
    src = tmp_path / "customers.csv"
    src.write_bytes(csv_text().encode("utf-16")[:-1])  # half a character at the end
    code, err, _ = screen(capsys, src)
    assert code == 2
    assert_one_line_error(err, str(src), "utf-16")
    assert no_outputs(tmp_path, src)


# --------------------------------------------------------------------------------------------
# Structure: quotes, ragged rows, columns, empty files
# --------------------------------------------------------------------------------------------


def test_a_quote_never_closed_stops_the_run_naming_the_line(tmp_path, capsys):
    src = tmp_path / "customers.csv"
    src.write_text('customer_id,name,country\nC1,Megvii Technology Ltd,CN\nC2,"Acme Inc,US\nC3,Apple Inc,US\n')
    code, err, _ = screen(capsys, src)
    assert code == 2
    assert_one_line_error(err, str(src), "line 3", "never closed")
    assert no_outputs(tmp_path, src)


def test_stray_quotes_and_ragged_rows_are_rejected_with_their_line(tmp_path, capsys):
    src = tmp_path / "customers.csv"
    src.write_text("customer_id,name,country\n"
                   "C1,Megvii Technology Ltd,CN\n"       # line 2
                   'C2,"Big" Apple Inc,US\n'             # 3: bad quoting
                   "C3,Acme, Inc,US\n"                   # 4: 4 fields
                   "C4\n"                                # 5: 1 field
                   'C5,"Two\nLines Ltd",US\n'            # 6-7: a line break in the name
                   "C6,Apple Inc,US,\n"                  # 8: a trailing comma, screened
                   "\n"                                  # 9: a blank line is no row
                   'C7,"Quoted, Fine Ltd",US\n')         # 10
    code, err, out = screen(capsys, src)
    assert code == 1, err
    assert "screened 3 of 7 rows (4 rejected, listed in" in err
    rejects = rejects_of(out)
    assert rejects["line"].tolist() == ["3", "4", "5", "6"]
    assert rejects["row"].tolist() == ["", "", "", ""]  # the id of a broken record is not trusted
    reasons = rejects["reason"].tolist()
    assert reasons[0].startswith("bad quoting on line 3")
    assert reasons[1] == "4 field(s) where the header has 3"
    assert reasons[2] == "1 field(s) where the header has 3"
    assert reasons[3].startswith("line break in 'name' (lines 6-7)")
    assert rejects["value"].tolist()[1] == "C3,Acme, Inc,US"
    assert alerts_of(out) == [("C1", MEGVII)]


def test_without_an_id_column_broken_records_keep_their_row_number(tmp_path, capsys):
    src = tmp_path / "customers.csv"
    src.write_text("name,country\nMegvii Technology Ltd,CN\nAcme, Inc,US\n,US\n")
    out = tmp_path / "alerts.csv"
    code, err = run(capsys, "screen", src, "-o", out, "--workers", "1")
    assert code == 1, err
    rejects = rejects_of(out)
    assert rejects[["row", "line", "reason"]].values.tolist() == [
        ["1", "3", "3 field(s) where the header has 2"], ["2", "4", "missing"]]


def test_missing_name_column_fails_naming_the_file(tmp_path, capsys):
    src = tmp_path / "customers.csv"
    src.write_text(csv_text(header="customer_id,company,country"))
    code, err, _ = screen(capsys, src)
    assert code == 2
    assert_one_line_error(err, str(src), "'name'", "--name-column")
    assert no_outputs(tmp_path, src)


@pytest.mark.parametrize("content", [b"", b"\n\n", b"\xef\xbb\xbf"])
def test_empty_file_fails(tmp_path, capsys, content):
    src = tmp_path / "customers.csv"
    src.write_bytes(content)
    code, err, _ = screen(capsys, src)
    assert code == 2
    assert_one_line_error(err, str(src), "empty file")
    assert no_outputs(tmp_path, src)


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_header_only_gives_empty_outputs(tmp_path, capsys, suffix):
    src = tmp_path / "customers.csv"
    src.write_text("customer_id,name,country\n")
    out = tmp_path / f"alerts{suffix}"
    code, err = run(capsys, "screen", src, "-o", out, "--id-column", "customer_id", "--workers", "1")
    assert code == 0, err
    assert "screened 0 of 0 rows (0 rejected" in err
    alerts = pd.read_parquet(out) if suffix == ".parquet" else pd.read_csv(out)
    assert len(alerts) == 0 and "entity_id" in alerts.columns
    assert list(rejects_of(out).columns) == ["row", "line", "reason", "value"] and len(rejects_of(out)) == 0
    record = json.loads((tmp_path / f"alerts{suffix}.audit.json").read_text())
    assert record["counts"]["rows"] == 0


def test_duplicate_header_names_use_the_first(tmp_path, capsys):
    src = tmp_path / "customers.csv"
    src.write_text("customer_id,name,name\nC1,Megvii Technology Ltd,Apple Inc\n")
    code, err, out = screen(capsys, src)
    assert code == 1, err
    assert alerts_of(out) == [("C1", MEGVII)]


def test_not_a_parquet_file_fails(tmp_path, capsys):
    src = tmp_path / "customers.parquet"
    src.write_bytes(b"PAR1 this is not parquet")
    code, err, _ = screen(capsys, src)
    assert code == 2
    assert_one_line_error(err, str(src), "Parquet")
    assert no_outputs(tmp_path, src)


def test_parquet_names_that_are_not_text_are_rejected(tmp_path, capsys):
    src = tmp_path / "customers.parquet"
    pq.write_table(pa.table({"customer_id": ["C1", "C2", "C3"], "name": pa.array([7, None, 12], pa.int64())}), src)
    code, err, out = screen(capsys, src)
    assert code == 0, err
    rejects = rejects_of(out)
    # pandas reads an integer column with nulls as floats
    assert rejects[["row", "reason"]].values.tolist() == [["C1", "not text (float)"], ["C2", "missing"],
                                                          ["C3", "not text (float)"]]
    assert rejects["line"].tolist() == ["", "", ""]


def test_rejects_path_and_format(tmp_path, capsys):
    src = tmp_path / "customers.csv"
    src.write_text("customer_id,name\nC1,Megvii Technology Ltd\nC2,!!!\n")
    out, rejects = tmp_path / "alerts.parquet", tmp_path / "sub" / "bad.parquet"
    rejects.parent.mkdir()
    code, err = run(capsys, "screen", src, "-o", out, "--id-column", "customer_id", "--rejects", rejects,
                    "--workers", "1")
    assert code == 1, err
    table = pd.read_parquet(rejects)
    assert table["row"].tolist() == ["C2"] and table["line"].tolist() == [3]
    assert not (tmp_path / "alerts.rejects.csv").exists()
    code, err = run(capsys, "screen", src, "-o", out, "--rejects", out)
    assert code == 2
    assert_one_line_error(err, "cannot be the output")


# --------------------------------------------------------------------------------------------
# List files
# --------------------------------------------------------------------------------------------

PRIM = [
    '101,"GOOD ONE, LTD.",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"Website www.good.example."',
    '102,"",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ',
    '103,"MEGVII TECHNOLOGY LIMITED",-0- ,"CMIC-EO13959",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"Listed 2021."',
    '104,"LAST ONE TRADING",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"A long remark cut in the middle of',
]


def write_ofac(folder: Path, lines: list[str], end: str = "\r\n\x1a", encoding: str = "utf-8") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "cons_prim.csv").write_bytes(("\r\n".join(lines) + end).encode(encoding))
    return folder


def test_ofac_truncated_file_and_nameless_record_are_reported_skips(tmp_path):
    lst = load_list("ofac-cons", write_ofac(tmp_path / "cons", PRIM, end=""))  # cut: no closing quote, no Ctrl-Z
    assert [e.publisher_id for e in lst] == ["101", "103"]
    assert "cons_prim.csv line 2: ent_num 102 has no name; skipped" in lst.issues
    assert ("cons_prim.csv line 4: truncated record: a quoted value is still open at the end of the file; skipped"
            in lst.issues)


def test_ofac_wrong_encoding_is_read_and_reported(tmp_path):
    lines = ['101,"CAF\u00c9 M\u00dcLLER",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ']
    lst = load_list("ofac-cons", write_ofac(tmp_path / "cons", lines, encoding="latin-1"))
    assert lst.entities[0].name == "CAF\u00c9 M\u00dcLLER"
    assert any("not UTF-8" in i for i in lst.issues)


@pytest.mark.parametrize("case", ["xml for csv", "utf-16", "empty"])
def test_ofac_wrong_format_fails_naming_the_file(tmp_path, case):
    folder = tmp_path / "cons"
    folder.mkdir()
    main_file = folder / "cons_prim.csv"
    if case == "xml for csv":
        main_file.write_text('<?xml version="1.0"?>\n<export><entity/></export>\n')
    elif case == "utf-16":
        main_file.write_bytes("\r\n".join(PRIM[:1]).encode("utf-16"))
    else:
        main_file.write_bytes(b"")
    with pytest.raises(ListFormatError, match="cons_prim.csv"):
        load_list("ofac-cons", folder)


UN_XML = """<?xml version="1.0" encoding="UTF-8"?>
<CONSOLIDATED_LIST dateGenerated="2024-05-01T10:00:00Z">
<INDIVIDUALS>
<INDIVIDUAL>
<DATAID>6908555</DATAID>
<FIRST_NAME>RI</FIRST_NAME>
"""


@pytest.mark.parametrize("source, name, content", [
    ("un", "consolidated.xml", UN_XML.encode()),                       # truncated
    ("un", "consolidated.xml", b"id,name\n1,ACME\n"),                  # wrong format
    ("eu", "eu.xml", b""),                                             # empty
    ("ofac-sdn-xml", "sdn_advanced.xml", UN_XML.encode("utf-16")[:101]),  # cut and of another encoding
])
def test_xml_lists_truncated_or_wrong_fail_naming_the_file(tmp_path, source, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ListFormatError) as exc:
        load_list(source, path)
    assert str(path) in str(exc.value) or name in str(exc.value)


def test_custom_list_stray_quote_and_nameless_record(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text('id,name\n1,"Acme\n2,Foo Ltd\n')
    with pytest.raises(ListFormatError, match=r"mine\.csv line 2: a quoted value .* never closed"):
        load_list("custom", path)
    path.write_text("id,name\n1,Acme Corp\n2,\n3,Foo Ltd\n")
    lst = load_list("custom", path)
    assert [e.name for e in lst] == ["Acme Corp", "Foo Ltd"]
    assert "mine.csv line 3: no name; skipped" in lst.issues


def test_a_screener_keeps_working_when_another_list_fails(tmp_path):
    good = load_list("ofac-cons", write_ofac(tmp_path / "good", PRIM[:3]))
    screener = Screener([good])
    before = screener.match("Megvii Technology Ltd")
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "cons_prim.csv").write_text("<html>Service unavailable</html>\n")
    with pytest.raises(ListFormatError):
        Screener([good, load_list("ofac-cons", broken)])
    after = screener.match("Megvii Technology Ltd")
    assert [h.entity_id for h in after] == [h.entity_id for h in before] == ["ofac-cons:103"]


def test_cli_with_a_broken_list_exits_2_naming_it(tmp_path, capsys):
    src = tmp_path / "customers.csv"
    src.write_text(csv_text())
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "cons_prim.csv").write_bytes(b"\x00\x01\x02 not a list")
    code, err, _ = screen(capsys, src, "--list", f"ofac-cons={broken}")
    assert code == 2
    assert_one_line_error(err, "cons_prim.csv")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken", "customers.csv"]
