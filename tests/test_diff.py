"""Diffs between two publications of a list: the real SDN 2021 -> 2023-12 change, and small
hand-made lists for exact field-change detection."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from screening.model import (
    Address, DateOfBirth, Entity, EntityList, Identifier, IdType, ListSnapshot, Name, NameKind,
    NameQuality, Schema,
)
from screening.sources import load_list
from screening.sources.diff import FIELDS, Change, ListDiff, changed_fields, diff_lists

# ---------------------------------------------------------------------------------------
# The real SDN list, end of 2021 -> December 2023


@pytest.fixture(scope="module")
def sdn(shared_lists: Path) -> tuple[EntityList, EntityList, ListDiff]:
    old = load_list("ofac-sdn", shared_lists / "ofac_sdn_2021")
    new = load_list("ofac-sdn", shared_lists / "ofac_sdn_2023-12")
    return old, new, diff_lists(old, new)


def test_sdn_counts(sdn) -> None:
    old, new, diff = sdn
    assert (len(old), len(new)) == (8_976, 13_821)
    assert diff.counts() == {"added": 5_637, "removed": 792, "changed": 742, "unchanged": 7_442}
    assert len(old) - 792 + 5_637 == len(new) and 742 + 7_442 + 792 == len(old)
    assert diff.field_counts() == {"name": 55, "aliases": 150, "programs": 135, "countries": 111,
                                   "birth_dates": 31, "identifiers": 96, "addresses": 111,
                                   "remarks": 711}


def test_sdn_specific_entities(sdn) -> None:
    old, new, diff = sdn
    # added: VTB Bank, designated in 2022
    assert "ofac-sdn:17013" in diff.added and old.get("ofac-sdn:17013") is None
    # removed: Manuel Noriega (died 2017)
    assert "ofac-sdn:1572" in diff.removed and new.get("ofac-sdn:1572") is None
    # changed: AL-ZUMAR, Abbud renamed AL-ZOMOR, with new aliases and a date of birth
    assert diff.fields_of("ofac-sdn:2677") == ("name", "aliases", "birth_dates", "remarks")
    change = next(c for c in diff if c.entity_id == "ofac-sdn:2677")
    assert (change.old.name, change.new.name) == ("AL-ZUMAR, Abbud", "AL-ZOMOR, Abboud Abdul Latif Hassan")
    assert [d.text for d in change.new.birth_dates] == ["19 Apr 1947"] and change.old.birth_dates == ()
    # changed program only: the IRGC Air Force also under RUSSIA-EO14024
    assert diff.fields_of("ofac-sdn:12055") == ("programs",)
    assert "RUSSIA-EO14024" in new.get("ofac-sdn:12055").programs


def test_sdn_frame_summary_and_delta(sdn) -> None:
    old, new, diff = sdn
    frame = diff.to_frame()
    assert list(frame.columns) == ["entity_id", "change", "fields", "name"]
    assert frame["change"].value_counts().to_dict() == {"added": 5_637, "removed": 792, "changed": 742}
    row = frame.set_index("entity_id").loc["ofac-sdn:2677"]
    assert (row["change"], row["fields"], row["name"]) == (
        "changed", "name, aliases, birth_dates, remarks", "AL-ZOMOR, Abboud Abdul Latif Hassan")
    assert frame.set_index("entity_id").loc["ofac-sdn:1572", "name"] == "NORIEGA, Manuel Antonio"

    text = diff.summary()
    assert text.splitlines()[0] == f"ofac-sdn: {old.snapshot.label} -> {new.snapshot.label}"
    for word, count in [("added", "5,637"), ("removed", "792"), ("changed", "742"), ("unchanged", "7,442"),
                        ("remarks", "711")]:
        assert any(line.split() == [word, count] for line in text.splitlines()), (word, text)

    delta = diff.entities_to_screen(new)
    # the added, and the changed ones but for 482 whose remarks alone changed
    assert len(delta) == 5_637 + 742 - 482
    remarks_only = [c.entity_id for c in diff if c.fields == ("remarks",)]
    assert len(remarks_only) == 482 and diff.screen_ids.isdisjoint(remarks_only)
    assert "ofac-sdn:2677" in diff.screen_ids  # renamed
    assert delta.snapshot == new.snapshot and delta.source == "ofac-sdn"
    assert {e.entity_id for e in delta} == diff.screen_ids
    order = {e.entity_id: i for i, e in enumerate(new)}
    assert [order[e.entity_id] for e in delta] == sorted(order[e.entity_id] for e in delta)
    with pytest.raises(ValueError, match="this diff was computed to"):
        diff.entities_to_screen(old)


# ---------------------------------------------------------------------------------------
# Small synthetic lists


def _list(*entities: Entity, tag: str = "a") -> EntityList:
    snap = ListSnapshot("x", f"/lists/{tag}", content_hash=(tag * 64)[:64], entity_count=len(entities))
    return EntityList("x", snap, tuple(entities))


BASE = Entity(
    entity_id="x:1", source="x", publisher_id="1", schema=Schema.PERSON, name="SMITH, John",
    aliases=(Name("SMITH, Johnny", NameKind.AKA, provenance="alt 1"),
             Name("SMYTHE, J.", NameKind.AKA, NameQuality.WEAK, provenance="remarks a.k.a.")),
    programs=("SDGT", "IRAN"), countries=("IR", "IQ"),
    birth_dates=(DateOfBirth.year(1962), DateOfBirth.parse("1963-05")),
    identifiers=(Identifier(IdType.PASSPORT, "A123", "IR"), Identifier(IdType.NATIONAL_ID, "99", "IQ")),
    addresses=(Address("1 Main St", "Tehran", "IR", "Iran"), Address(city="Baghdad", country="IQ")),
    remarks="DOB 1962; alt. DOB May 1963.", listed_on=dt.date(2010, 1, 2))

# one edit per field, each changing that field only
EDITS: dict[str, dict] = {
    "name": {"name": "SMITH, Jon"},
    "schema": {"schema": Schema.ORGANIZATION},
    "aliases": {"aliases": BASE.aliases[:1]},
    "programs": {"programs": ("SDGT",)},
    "countries": {"countries": ("IR", "IQ", "SY")},
    "birth_dates": {"birth_dates": (DateOfBirth.year(1962, circa=True), BASE.birth_dates[1])},
    "identifiers": {"identifiers": (Identifier(IdType.PASSPORT, "A124", "IR"), BASE.identifiers[1])},
    "addresses": {"addresses": (Address("2 Main St", "Tehran", "IR", "Iran"), BASE.addresses[1])},
    "listed_on": {"listed_on": dt.date(2011, 1, 2)},
    "remarks": {"remarks": "DOB 1962."},
}


def test_every_field_has_an_edit() -> None:
    assert set(EDITS) == set(FIELDS)


@pytest.mark.parametrize("field", list(EDITS))
def test_one_field_changed(field: str) -> None:
    after = dataclasses.replace(BASE, **EDITS[field])
    assert changed_fields(BASE, after) == (field,)
    diff = diff_lists(_list(BASE), _list(after, tag="b"))
    assert diff.counts() == {"added": 0, "removed": 0, "changed": 1, "unchanged": 0}
    assert diff.fields_of("x:1") == (field,)


@pytest.mark.parametrize("edit", [
    pytest.param({"aliases": BASE.aliases[::-1]}, id="aliases-reordered"),
    pytest.param({"aliases": tuple(dataclasses.replace(a, provenance="alt 99") for a in BASE.aliases)},
                 id="alias-provenance"),
    pytest.param({"programs": ("IRAN", "SDGT")}, id="programs-reordered"),
    pytest.param({"countries": ("IQ", "IR")}, id="countries-reordered"),
    pytest.param({"birth_dates": BASE.birth_dates[::-1]}, id="birth-dates-reordered"),
    pytest.param({"identifiers": BASE.identifiers[::-1]}, id="identifiers-reordered"),
    pytest.param({"addresses": BASE.addresses[::-1]}, id="addresses-reordered"),
    pytest.param({"snapshot": ListSnapshot("x", "/elsewhere", "f" * 64)}, id="snapshot"),
])
def test_no_change(edit: dict) -> None:
    after = dataclasses.replace(BASE, **edit)
    assert changed_fields(BASE, after) == ()
    assert diff_lists(_list(BASE), _list(after, tag="b")).counts()["unchanged"] == 1


def test_alias_kind_and_quality_are_content() -> None:
    weak = (BASE.aliases[0], dataclasses.replace(BASE.aliases[1], quality=NameQuality.STRONG))
    assert changed_fields(BASE, dataclasses.replace(BASE, aliases=weak)) == ("aliases",)
    fka = (dataclasses.replace(BASE.aliases[0], kind=NameKind.FKA), BASE.aliases[1])
    assert changed_fields(BASE, dataclasses.replace(BASE, aliases=fka)) == ("aliases",)
    doubled = BASE.aliases + BASE.aliases[:1]  # a repeated alias is a change too
    assert changed_fields(BASE, dataclasses.replace(BASE, aliases=doubled)) == ("aliases",)


def test_several_fields_in_fields_order() -> None:
    after = dataclasses.replace(BASE, remarks="", programs=("SDGT",), name="SMITH, J.")
    assert changed_fields(BASE, after) == ("name", "programs", "remarks")


def test_added_removed_changed_and_outputs() -> None:
    e2 = dataclasses.replace(BASE, entity_id="x:2", publisher_id="2", name="ACME TRADING LLC",
                             schema=Schema.ORGANIZATION)
    e3 = dataclasses.replace(BASE, entity_id="x:3", publisher_id="3", name="DOE, Jane")
    e4 = dataclasses.replace(BASE, entity_id="x:4", publisher_id="4", name="NEW PARTY")
    old = _list(BASE, e2, e3)
    new = _list(e4, dataclasses.replace(e3, programs=("SDGT",)), BASE, tag="b")
    diff = diff_lists(old, new)
    assert (diff.added, diff.changed, diff.removed) == (("x:4",), ("x:3",), ("x:2",))
    assert diff.counts() == {"added": 1, "removed": 1, "changed": 1, "unchanged": 1}
    assert [(c.entity_id, c.change, c.name, c.fields) for c in diff] == [
        ("x:4", Change.ADDED, "NEW PARTY", ()),
        ("x:3", Change.CHANGED, "DOE, Jane", ("programs",)),
        ("x:2", Change.REMOVED, "ACME TRADING LLC", ()),
    ]
    assert diff.to_frame().astype(str).to_dict("records") == [
        {"entity_id": "x:4", "change": "added", "fields": "", "name": "NEW PARTY"},
        {"entity_id": "x:3", "change": "changed", "fields": "programs", "name": "DOE, Jane"},
        {"entity_id": "x:2", "change": "removed", "fields": "", "name": "ACME TRADING LLC"},
    ]
    assert [e.entity_id for e in diff.entities_to_screen(new)] == ["x:4", "x:3"]
    assert diff.summary().splitlines()[1:] == [
        "  added      1", "  removed    1", "  changed    1", "  unchanged  1",
        "  changed fields:", "    programs     1"]


def test_empty_diff_and_errors() -> None:
    diff = diff_lists(_list(BASE), _list(BASE, tag="b"))
    assert len(diff) == 0 and diff.to_frame().empty and list(diff.to_frame().columns) == [
        "entity_id", "change", "fields", "name"]
    assert "changed fields" not in diff.summary()
    assert len(diff.entities_to_screen(_list(BASE, tag="b"))) == 0
    other = EntityList("y", ListSnapshot("y", "/y", "0" * 64), ())
    with pytest.raises(ValueError, match="two different lists"):
        diff_lists(_list(BASE), other)
