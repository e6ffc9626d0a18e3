"""The JSON Schemas: generated from spec, committed up to date, documented in Chinese, and
accepting exactly the shape of the statutory format."""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys
from pathlib import Path

import jsonschema_rs
import pytest
from jsonschema import Draft202012Validator

from xxgk_lint import schema_gen, spec
from xxgk_lint.readers.structured import read_yaml

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "schemas"
CJK = re.compile(r"[\u4e00-\u9fff]")
VERSIONS = ("2019", "2021")


def committed(version: str) -> dict:
    return json.loads((SCHEMAS / schema_gen.file_name(version)).read_text(encoding="utf-8"))


def sample(version: str) -> dict:
    path = ROOT / "examples" / f"sample-{version}.yaml"
    return read_yaml(str(path), path.read_text(encoding="utf-8")).data


def properties(schema: dict, path: str = ""):
    for key, sub in schema.get("properties", {}).items():
        yield f"{path}/{key}", sub
        yield from properties(sub, f"{path}/{key}")


def table(schema: dict, tid: str) -> dict:
    return schema["properties"]["tables"]["properties"][tid]


# ---------------------------------------------------------------- generation

@pytest.mark.parametrize("version", VERSIONS)
def test_committed_schema_is_what_spec_generates(version):
    text = (SCHEMAS / schema_gen.file_name(version)).read_text(encoding="utf-8")
    assert text == schema_gen.render(schema_gen.build(version)), (
        "schema file is stale: run `python -m xxgk_lint.schema_gen`")


def test_check_mode_reports_stale_files(tmp_path, capsys):
    assert schema_gen.main(["--output-dir", str(tmp_path), "--check"]) == 1
    assert schema_gen.main(["--output-dir", str(tmp_path)]) == 0
    assert schema_gen.main(["--output-dir", str(tmp_path), "--check"]) == 0
    for version in VERSIONS:
        assert json.loads((tmp_path / schema_gen.file_name(version)).read_text(encoding="utf-8")) \
            == committed(version)
    (tmp_path / schema_gen.file_name("2019")).write_text("{}", encoding="utf-8")
    assert schema_gen.stale(tmp_path) == [tmp_path / schema_gen.file_name("2019")]


def test_module_entry_point_checks_the_package_files():
    run = subprocess.run([sys.executable, "-m", "xxgk_lint.schema_gen", "--check"], capture_output=True,
                         text=True, encoding="utf-8")
    assert run.returncode == 0, run.stderr


def test_unknown_version_is_refused():
    with pytest.raises(ValueError):
        schema_gen.build("2018")


# ---------------------------------------------------------------- form

@pytest.mark.parametrize("version", VERSIONS)
def test_schema_is_valid_2020_12_with_urn_id(version):
    schema = committed(version)
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == f"urn:xxgk-lint:schema:annual-report-{version}"
    assert "$ref" not in json.dumps(schema)       # self-contained: no network, no resolver


@pytest.mark.parametrize("version", VERSIONS)
def test_every_property_has_a_chinese_title_and_description(version):
    schema = committed(version)
    count = 0
    for path, sub in properties(schema):
        count += 1
        assert CJK.search(sub.get("title", "")), f"{path}: no Chinese title"
        assert CJK.search(sub.get("description", "")), f"{path}: no Chinese description"
    assert count > 200
    assert CJK.search(schema["title"])


@pytest.mark.parametrize("version", VERSIONS)
def test_objects_are_closed(version):
    for path, sub in properties(committed(version)):
        if sub.get("type") == "object":
            assert sub["additionalProperties"] is False, path


# ---------------------------------------------------------------- content

@pytest.mark.parametrize("version", VERSIONS)
def test_sections_and_tables_are_required(version):
    schema = committed(version)
    assert schema["required"] == ["sections", "tables"]
    sections = schema["properties"]["sections"]
    assert sections["required"] == [s.id for s in spec.SECTIONS]
    assert all(sections["properties"][s.id]["type"] == "string" for s in spec.SECTIONS)
    assert sections["properties"]["reviews"]["title"] == "四、政府信息公开行政复议、行政诉讼情况"
    assert schema["properties"]["tables"]["required"] == ["proactive", "applications", "reviews"]


@pytest.mark.parametrize("version, rows", [("2021", 25), ("2019", 23)])
def test_table_three_rows_and_columns(version, rows):
    t = table(committed(version), "applications")
    assert len(t["required"]) == rows == len(t["properties"])
    assert t["required"] == [r.id for r in spec.TABLES[version]["applications"].rows]
    for row in t["properties"].values():
        assert row["required"] == [c.id for c in spec.APPLICANT_COLUMNS]
        for cell in row["properties"].values():
            assert (cell["type"], cell["minimum"]) == ("integer", 0)
    assert t["properties"]["withheld_3"]["title"] == "（三）不予公开3.危及“三安全一稳定”"
    assert t["properties"]["new"]["properties"]["natural_person"]["title"] == "自然人"


@pytest.mark.parametrize("version", VERSIONS)
def test_table_four(version):
    t = table(committed(version), "reviews")
    assert t["required"] == ["review", "litigation_direct", "litigation_after_review"]
    for row in t["properties"].values():
        assert row["required"] == ["upheld", "corrected", "other", "pending", "total"]


def test_table_two_2021():
    t = table(committed("2021"), "proactive")
    assert t["required"] == ["item1", "item5", "item6", "item8"]
    item1 = t["properties"]["item1"]
    assert item1["title"] == "第二十条第（一）项"
    assert item1["properties"]["normative_documents"]["required"] == ["issued", "repealed", "in_force"]
    assert item1["properties"]["normative_documents"]["title"] == "行政规范性文件"
    fees = t["properties"]["item8"]["properties"]["fees"]["properties"]["amount"]
    assert fees == {**fees, "type": "number", "minimum": 0}
    assert "万元" in fees["title"] and "万元" in fees["description"]


def test_table_two_2019():
    t = table(committed("2019"), "proactive")
    assert t["required"] == ["item1", "item5", "item6", "item8", "item9"]
    item5 = t["properties"]["item5"]
    assert item5["required"] == ["licensing", "other_services"]
    change = item5["properties"]["other_services"]["properties"]["change"]
    assert change["type"] == "integer" and "minimum" not in change       # 本年增/减 may be negative
    assert t["properties"]["item8"]["properties"]["fees"]["required"] == ["previous", "change"]
    procurement = t["properties"]["item9"]["properties"]["procurement"]["properties"]
    assert (procurement["projects"]["type"], procurement["projects"]["minimum"]) == ("integer", 0)
    assert (procurement["amount"]["type"], procurement["amount"]["minimum"]) == ("number", 0)


@pytest.mark.parametrize("version", VERSIONS)
def test_meta_is_types_only(version):
    meta = committed(version)["properties"]["meta"]
    assert "required" not in meta
    props = meta["properties"]
    assert props["organ_level"]["enum"] == [lvl.id for lvl in spec.ORGAN_LEVELS]
    assert props["year"]["type"] == "integer"
    assert set(props["contact"]["properties"]) == {"phone", "email", "address", "postcode", "fax", "website"}
    assert set(props["statistics_period"]["properties"]) == {"start", "end", "text"}
    for path, sub in properties(meta):
        # Date validity, phone and e-mail formats are left to the dedicated rules.
        assert not {"format", "pattern", "minimum", "maximum", "minLength"} & set(sub), path
    fv = committed(version)["properties"]["format_version"]
    assert fv["enum"] == ["2019", "2021"]


# ---------------------------------------------------------------- behaviour (both validators agree)

def validators(version: str):
    schema = committed(version)
    return jsonschema_rs.validator_for(schema, validate_formats=True), Draft202012Validator(schema)


@pytest.mark.parametrize("version", VERSIONS)
def test_examples_validate_with_both_validators(version):
    fast, slow = validators(version)
    data = sample(version)
    assert fast.is_valid(data)
    assert list(slow.iter_errors(data)) == []


def test_each_example_fails_the_other_format():
    for version, other in (("2019", "2021"), ("2021", "2019")):
        fast, slow = validators(other)
        assert not fast.is_valid(sample(version))
        assert list(slow.iter_errors(sample(version)))


MUTATIONS = [
    ("negative count", lambda d: d["tables"]["applications"]["new"].__setitem__("total", -1), False),
    ("fractional count", lambda d: d["tables"]["reviews"]["review"].__setitem__("upheld", 1.5), False),
    ("placeholder", lambda d: d["tables"]["applications"]["new"].__setitem__("total", "/"), False),
    ("boolean count", lambda d: d["tables"]["applications"]["new"].__setitem__("total", True), False),
    ("missing cell", lambda d: d["tables"]["reviews"]["review"].pop("total"), False),
    ("missing row", lambda d: d["tables"]["applications"].pop("results_total"), False),
    ("missing section", lambda d: d["sections"].pop("other"), False),
    ("extra cell", lambda d: d["tables"]["reviews"]["review"].__setitem__("x", 0), False),
    ("unknown top-level key", lambda d: d.__setitem__("x", 0), False),
    ("bad organ level", lambda d: d["meta"].__setitem__("organ_level", "县政府"), False),
    ("year as text", lambda d: d["meta"].__setitem__("year", "2021"), False),
    ("postcode as number", lambda d: d["meta"]["contact"].__setitem__("postcode", 350001), False),
    ("meta omitted", lambda d: d.pop("meta"), True),
    ("format_version omitted", lambda d: d.pop("format_version"), True),
    ("impossible date is not the schema's business", lambda d: d["meta"].__setitem__("report_date", "2022-02-30"),
     True),
    ("malformed phone is not the schema's business", lambda d: d["meta"]["contact"].__setitem__("phone", "12"), True),
]


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("name, mutate, valid", MUTATIONS, ids=[m[0] for m in MUTATIONS])
def test_mutations(version, name, mutate, valid):
    fast, slow = validators(version)
    data = copy.deepcopy(sample(version))
    mutate(data)
    assert fast.is_valid(data) is valid
    assert (not list(slow.iter_errors(data))) is valid


def test_signed_and_amount_columns_2019():
    fast, _ = validators("2019")
    data = sample("2019")
    data["tables"]["proactive"]["item5"]["licensing"]["change"] = -4
    data["tables"]["proactive"]["item9"]["procurement"]["amount"] = 6944.93
    assert fast.is_valid(data)
    data["tables"]["proactive"]["item9"]["procurement"]["amount"] = -1
    assert not fast.is_valid(data)
    data = sample("2019")
    data["tables"]["proactive"]["item5"]["licensing"]["change"] = 0.5
    assert not fast.is_valid(data)


def test_amount_2021_takes_decimals_not_negatives():
    fast, _ = validators("2021")
    data = sample("2021")
    data["tables"]["proactive"]["item8"]["fees"]["amount"] = 26.55
    assert fast.is_valid(data)
    data["tables"]["proactive"]["item8"]["fees"]["amount"] = -0.01
    assert not fast.is_valid(data)
