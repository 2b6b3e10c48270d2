"""Tests of the synthetic customer base generator, benchmarks/synthetic.py."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pandas as pd
import pytest

SYNTHETIC_PY = Path(__file__).resolve().parents[1] / "benchmarks" / "synthetic.py"


def _load_module():
    # benchmarks/ is not a package: load the script by path (registered so dataclasses can see it).
    spec = importlib.util.spec_from_file_location("benchmarks_synthetic", SYNTHETIC_PY)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


synthetic = _load_module()

SCRIPTS = {  # script -> (pattern, countries whose names may use it)
    "Cyrillic": (r"[\u0400-\u04FF]", {"RU", "KZ"}),
    "CJK": (r"[\u3040-\u30FF\u4E00-\u9FFF]", {"CN", "JP"}),
    "Hangul": (r"[\uAC00-\uD7AF]", {"KR"}),
    "Arabic": (r"[\u0600-\u06FF]", {"AE", "SA", "EG", "JO", "LB", "QA", "KW", "MA"}),
}


@pytest.fixture(scope="module")
def customers() -> pd.DataFrame:
    return synthetic.generate(10_000, seed=7)


def test_same_seed_gives_the_same_frame():
    pd.testing.assert_frame_equal(synthetic.generate(3_000, seed=3), synthetic.generate(3_000, seed=3))


def test_different_seeds_give_different_frames():
    a, b = synthetic.generate(3_000, seed=1), synthetic.generate(3_000, seed=2)
    assert (a["customer_id"] == b["customer_id"]).all()  # ids are positions, not random
    assert (a["name"] != b["name"]).mean() > 0.9


@pytest.mark.parametrize("k", [1, 999, synthetic.BLOCK_SIZE, synthetic.BLOCK_SIZE + 5])
def test_prefix_stable(k):
    n = synthetic.BLOCK_SIZE + 100
    pd.testing.assert_frame_equal(synthetic.generate(n, seed=5).iloc[:k], synthetic.generate(k, seed=5))


def test_columns_and_dtypes(customers):
    assert list(customers.columns) == synthetic.COLUMNS == ["customer_id", "name", "schema", "country", "birth_date"]
    assert len(customers) == 10_000
    for column in customers.columns:
        assert pd.api.types.is_string_dtype(customers[column]), column
        assert customers[column].notna().all(), column
    assert customers["customer_id"].iloc[0] == "S0000001"
    assert customers["customer_id"].str.fullmatch(r"S\d{7}").all()
    assert customers["customer_id"].is_unique
    assert customers.index.equals(pd.RangeIndex(10_000))


def test_empty_frame():
    empty = synthetic.generate(0)
    assert list(empty.columns) == synthetic.COLUMNS and len(empty) == 0
    with pytest.raises(ValueError):
        synthetic.generate(-1)


def test_schema_share(customers):
    assert set(customers["schema"]) == {"Person", "Organization"}
    assert 0.67 < (customers["schema"] == "Person").mean() < 0.73


def test_every_culture_appears(customers):
    present = set(customers["country"])
    for name, culture in synthetic.CULTURES.items():
        assert present & set(culture.countries), name


def test_countries_identify_the_culture(customers):
    owners = [code for culture in synthetic.CULTURES.values() for code in culture.countries]
    assert len(owners) == len(set(owners)), "a country belongs to two cultures"
    assert set(customers["country"]) <= set(owners)
    assert all(re.fullmatch(r"[A-Z]{2}", code) for code in owners)


def test_names_are_tidy(customers):
    names = customers["name"]
    assert (names.str.len() > 0).all()
    assert (names == names.str.strip()).all()
    assert not names.str.contains("  ").any()
    assert names.nunique() < len(names)  # frequent names repeat, as in a real customer base


@pytest.mark.parametrize("script", list(SCRIPTS))
def test_native_scripts_appear_in_their_countries(customers, script):
    pattern, countries = SCRIPTS[script]
    written = customers[customers["name"].str.contains(pattern)]
    assert len(written) >= 10, script
    assert set(written["country"]) <= countries
    assert set(written["schema"]) == {"Person", "Organization"} or script == "Arabic"


def test_organizations_carry_a_legal_form_of_their_country(customers):
    orgs = customers[customers["schema"] == "Organization"]
    assert set(orgs["country"]) <= set(synthetic.LEGAL_FORMS)
    for name, country in zip(orgs["name"], orgs["country"]):
        folded = name.casefold()
        forms = [form.casefold() for form in synthetic.LEGAL_FORMS[country]]
        assert any(folded.endswith(form) or folded.startswith(form) for form in forms), (name, country)


def test_expected_legal_forms_exist():
    for country, form in [("DE", "GmbH"), ("FR", "SARL"), ("MX", "S.A. de C.V."), ("RU", "OOO"), ("RU", "ООО"),
                          ("CN", "Co., Ltd."), ("CN", "有限公司"), ("JP", "株式会社"), ("KR", "Co., Ltd."),
                          ("AE", "FZE"), ("TR", "A.Ş."), ("IN", "Pvt Ltd")]:
        assert form in synthetic.LEGAL_FORMS[country], (country, form)


def test_birth_dates(customers):
    persons = customers[customers["schema"] == "Person"]
    orgs = customers[customers["schema"] == "Organization"]
    assert (orgs["birth_date"] == "").all()
    dated = persons["birth_date"][persons["birth_date"] != ""]
    assert 0.85 < len(dated) / len(persons) < 0.98
    assert dated.str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()
    years = pd.to_datetime(dated, format="%Y-%m-%d").dt.year
    assert years.between(1925, 2010).all()


def test_no_well_known_sanctioned_names_in_the_name_lists():
    source = SYNTHETIC_PY.read_text(encoding="utf-8").casefold()
    for word in ["putin", "kim jong", "maduro", "megvii", "hikvision", "huawei", "lavrov", "deripaska",
                 "путин", "rosneft", "gazprom", "sberbank", "haramain", "barakaat"]:
        assert word not in source, word


@pytest.mark.parametrize("file_name", ["customers.csv", "customers.parquet"])
def test_cli_writes_by_extension(tmp_path, file_name):
    out = tmp_path / file_name
    assert synthetic.main(["250", "-o", str(out), "--seed", "4"]) == 0
    if out.suffix == ".csv":
        read = pd.read_csv(out, dtype=str, keep_default_na=False)
    else:
        read = pd.read_parquet(out)
    expected = synthetic.generate(250, seed=4)
    assert list(read.columns) == synthetic.COLUMNS
    assert read.astype(str).values.tolist() == expected.astype(str).values.tolist()


def test_cli_rejects_unknown_extension(tmp_path):
    assert synthetic.main(["10", "-o", str(tmp_path / "customers.txt")]) == 2
