"""Schema errors translated into the linter's own findings: one per real problem, in the
report's own terms, at the right place."""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from xxgk_lint import spec
from xxgk_lint.model import Finding, Report
from xxgk_lint.readers.structured import read_json, read_yaml
from xxgk_lint.rule_api import Rule, RuleContext
from xxgk_lint.rules import schema as schema_rules
from xxgk_lint.validate import is_valid, validate

ROOT = Path(__file__).resolve().parent.parent
TEXT = {v: (ROOT / "examples" / f"sample-{v}.yaml").read_text(encoding="utf-8") for v in ("2019", "2021")}
BASE = {v: read_yaml(f"sample-{v}.yaml", TEXT[v]) for v in TEXT}
CJK = re.compile(r"[\u4e00-\u9fff]")
RAW_JSONSCHEMA = ("is not of type", "is a required property", "Additional properties", "is less than",
                  "is not one of", "does not match", "were unexpected")
DECLARED = {obj.code for obj in vars(schema_rules).values() if isinstance(obj, Rule)}


def check(report: Report, version: str) -> list[Finding]:
    findings = validate(report, version)
    for f in findings:
        assert f.code in DECLARED, f.code
        assert CJK.search(f.message.zh), f.message.zh
        assert not any(raw in f.message.zh or raw in f.message.en for raw in RAW_JSONSCHEMA), f.message
        assert f.pointer.startswith("/") or f.pointer == ""
    return findings


def mutated(version: str, mutate) -> Report:
    base = BASE[version]
    data = copy.deepcopy(base.data)
    mutate(data)
    return Report(path=base.path, kind="yaml", data=data, spans=base.spans, lines=base.lines)


def codes(findings: list[Finding]) -> list[tuple[str, str]]:
    return [(f.code, f.pointer) for f in findings]


def get(data: dict, parts: tuple[str, ...]):
    for p in parts:
        data = data[p]
    return data


def rows(version: str):
    for table in spec.TABLES[version].values():
        for block in table.blocks:
            base = ("tables", table.id) if table.flat else ("tables", table.id, block.id)
            for row in block.rows:
                yield pytest.param(version, table, block, row, base + (row.id,),
                                   id=f"{version}-{'/'.join(base[1:] + (row.id,))}")


ALL_ROWS = [*rows("2021"), *rows("2019")]


# ---------------------------------------------------------------- clean reports

@pytest.mark.parametrize("version", ["2019", "2021"])
def test_examples_are_clean(version):
    assert is_valid(BASE[version].data, version)
    assert validate(BASE[version], version) == []


def test_clean_validation_does_not_import_jsonschema():
    code = ("import sys; from pathlib import Path; from xxgk_lint.readers.structured import read_yaml;"
            "from xxgk_lint.validate import validate;"
            "p = Path('examples/sample-2021.yaml');"
            "assert validate(read_yaml(str(p), p.read_text(encoding='utf-8')), '2021') == [];"
            "assert 'jsonschema' not in sys.modules, 'jsonschema imported'")
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, encoding="utf-8")
    assert run.returncode == 0, run.stderr


def test_version_falls_back_to_the_detected_layout():
    report = BASE["2019"]
    assert validate(report, None) == []                 # its own layout, 2019
    assert validate(report, "2021")                     # but not the 2021 one


# ---------------------------------------------------------------- every row and cell of every table

@pytest.mark.parametrize("version, table, block, row, parts", ALL_ROWS)
def test_deleting_a_row(version, table, block, row, parts):
    report = mutated(version, lambda d: get(d, parts[:-1]).pop(row.id))
    (finding,) = check(report, version)
    assert (finding.code, finding.pointer) == ("T201", spec.join_pointer(*parts))
    assert finding.message.zh.startswith(table.name)
    assert f"缺少行 {spec.row_display(row)}" in finding.message.zh
    if not table.flat:
        assert block.label in finding.message.zh


@pytest.mark.parametrize("version, table, block, row, parts", ALL_ROWS)
def test_deleting_or_blanking_a_cell(version, table, block, row, parts):
    for col in block.columns:
        cell = spec.join_pointer(*parts, col.id)
        for blank in ("delete", None, "", "  "):
            def mutate(d, col=col, blank=blank):
                target = get(d, parts)
                if blank == "delete":
                    del target[col.id]
                else:
                    target[col.id] = blank
            (finding,) = check(mutated(version, mutate), version)
            if len(block.columns) == 1:     # the row has nothing left
                assert (finding.code, finding.pointer) == ("T202", spec.join_pointer(*parts))
                assert finding.message.zh.endswith("整行为空")
            else:
                assert (finding.code, finding.pointer) == ("T202", cell), (col.id, blank)
                assert spec.row_display(row) in finding.message.zh and col.label in finding.message.zh


@pytest.mark.parametrize("version, table, block, row, parts", ALL_ROWS)
def test_negative_values(version, table, block, row, parts):
    for col in block.columns:
        report = mutated(version, lambda d, col=col: get(d, parts).__setitem__(col.id, -3))
        findings = check(report, version)
        if col.kind == "signed":
            assert findings == []
            continue
        (finding,) = findings
        code = "V302" if col.kind == "amount" else "V301"
        assert (finding.code, finding.pointer) == (code, spec.join_pointer(*parts, col.id))
        assert finding.actual == -3
        assert "-3" in finding.message.zh and "不能为负数" in finding.message.zh


@pytest.mark.parametrize("version, table, block, row, parts", ALL_ROWS)
def test_placeholder_strings(version, table, block, row, parts):
    for col in block.columns:
        report = mutated(version, lambda d, col=col: get(d, parts).__setitem__(col.id, "/"))
        (finding,) = check(report, version)
        code = "V302" if col.kind == "amount" else "V301"
        assert (finding.code, finding.pointer) == (code, spec.join_pointer(*parts, col.id))
        assert (finding.actual, finding.details) == ("/", None)
        assert spec.row_display(row) in finding.message.zh and col.label in finding.message.zh
        assert "实际为“/”" in finding.message.zh and "请填 0" in finding.message.zh
        expected = {"count": "非负整数", "signed": "整数（减少时为负数）"}.get(col.kind, "非负数")
        assert finding.expected.startswith(expected)


@pytest.mark.parametrize("version, table, block, row, parts", ALL_ROWS)
def test_row_with_no_values_is_one_finding(version, table, block, row, parts):
    for empty in ({}, None, {c.id: None for c in block.columns}):
        report = mutated(version, lambda d, empty=empty: get(d, parts[:-1]).__setitem__(row.id, copy.copy(empty)))
        (finding,) = check(report, version)
        assert (finding.code, finding.pointer) == ("T202", spec.join_pointer(*parts))
        assert finding.message.zh == f"{table.name}{'' if table.flat else ' ' + block.label} " \
                                     f"{spec.row_display(row)} 整行为空"
        assert finding.details == {"whole_row": True}


# ---------------------------------------------------------------- tables and sections

TABLES = [pytest.param(v, t, id=f"{v}-{t}") for v in ("2019", "2021") for t in ("proactive", "applications", "reviews")]


@pytest.mark.parametrize("version, tid", TABLES)
def test_missing_table(version, tid):
    (finding,) = check(mutated(version, lambda d: d["tables"].pop(tid)), version)
    table = spec.TABLES[version][tid]
    numeral = spec.SECTION_BY_ID[table.section].numeral
    assert (finding.code, finding.pointer) == ("S102", f"/tables/{tid}")
    assert finding.message.zh == f"第{numeral}部分缺少{table.name}"


@pytest.mark.parametrize("version, tid", TABLES)
@pytest.mark.parametrize("empty", [{}, None, "", []], ids=["mapping", "null", "string", "list"])
def test_empty_table_is_one_finding(version, tid, empty):
    (finding,) = check(mutated(version, lambda d: d["tables"].__setitem__(tid, empty)), version)
    assert (finding.code, finding.pointer) == ("S103", f"/tables/{tid}")
    assert finding.message.zh.startswith(f"{spec.TABLES[version][tid].name}没有填写任何数据")


@pytest.mark.parametrize("version, tid", TABLES)
def test_table_with_rows_but_no_values_is_one_finding(version, tid):
    def mutate(d):
        table = d["tables"][tid]
        for key, sub in table.items():
            table[key] = {k: None for k in sub} if tid != "proactive" else {k: {} for k in sub}
    (finding,) = check(mutated(version, mutate), version)
    assert (finding.code, finding.pointer) == ("S103", f"/tables/{tid}")


def test_missing_block_of_table_two_names_each_row():
    findings = check(mutated("2019", lambda d: d["tables"]["proactive"].pop("item5")), "2019")
    # one finding for the block, pointing at its first row and listing both
    assert codes(findings) == [("T201", "/tables/proactive/item5/licensing")]
    assert [m["pointer"] for m in findings[0].details["group"]] == [
        "/tables/proactive/item5/licensing", "/tables/proactive/item5/other_services"]
    assert findings[0].message.zh == "表二 第二十条第（五）项 缺少 2 行：行政许可、其他对外管理服务事项"
    findings = check(mutated("2019", lambda d: d["tables"]["proactive"].__setitem__("item9", None)), "2019")
    assert codes(findings) == [("T201", "/tables/proactive/item9/procurement")]


@pytest.mark.parametrize("section", spec.SECTIONS, ids=[s.id for s in spec.SECTIONS])
def test_missing_section(section):
    (finding,) = check(mutated("2021", lambda d: d["sections"].pop(section.id)), "2021")
    assert (finding.code, finding.pointer) == ("S101", f"/sections/{section.id}")
    assert finding.message.zh == f"缺少第{section.numeral}部分“{section.full_heading}”"


def test_missing_sections_and_tables_altogether():
    findings = check(mutated("2021", lambda d: (d.pop("sections"), d.pop("tables"))), "2021")
    assert codes(findings) == [("S101", f"/sections/{s.id}") for s in spec.SECTIONS] + [
        ("S102", "/tables/proactive"), ("S102", "/tables/applications"), ("S102", "/tables/reviews")]
    findings = check(mutated("2021", lambda d: d.__setitem__("sections", None)), "2021")
    assert [c for c, _ in codes(findings)] == ["S101"] * 6


def test_truncated_table_three_names_every_missing_row():
    """The seed report: table 三 stops after （五）1 and section 四 is missing with its table."""
    def mutate(d):
        ids = [r.id for r in spec.TABLES["2021"]["applications"].rows]
        for rid in ids[ids.index("not_processed_2"):]:
            del d["tables"]["applications"][rid]
        del d["sections"]["reviews"]
        del d["tables"]["reviews"]
    findings = check(mutated("2021", mutate), "2021")
    # In the format's own order: sections, then table 三, then table 四; the cut-off tail of
    # table 三 is one finding at its first missing row, naming each row once.
    assert codes(findings) == [("S101", "/sections/reviews"), ("T201", "/tables/applications/not_processed_2"),
                               ("S102", "/tables/reviews")]
    missing = findings[1]
    assert [m["pointer"].rsplit("/", 1)[1] for m in missing.details["group"]] == [
        "not_processed_2", "not_processed_3", "not_processed_4", "not_processed_5",
        "other_1", "other_2", "other_3", "results_total", "carried_forward"]
    assert missing.message.zh == ("表三在（五）1.信访举报投诉类申请之后缺少 9 行（表格可能被截断）："
                                  "（五）2–5、（六）1–3、（七）总计、四、结转下年度继续办理")


def test_blank_cells_of_a_block_are_one_finding_naming_whole_columns():
    def mutate(d):
        for row in d["tables"]["applications"].values():
            for col in spec.LEGAL_PERSON_COLUMNS:
                row[col] = None
        d["tables"]["applications"]["new"]["total"] = None
    (finding,) = check(mutated("2021", mutate), "2021")
    assert finding.code == "T202" and finding.pointer == "/tables/applications/new/commercial"
    assert len(finding.details["group"]) == 5 * 25 + 1
    assert finding.message.zh == ("表三 法人或其他组织 5 栏在全部 25 行均为空白（125 格）；"
                                  "另有 1 格空白：一、本年新收政府信息公开申请数量（总计）；没有数据的格子应填 0")


def test_same_placeholder_in_cells_of_a_block_is_one_finding():
    def mutate(d):
        d["tables"]["proactive"]["item1"]["rules"] = {"issued": "/", "repealed": "/", "in_force": "/"}
    (finding,) = check(mutated("2021", mutate), "2021")
    assert (finding.code, finding.pointer) == ("V301", "/tables/proactive/item1/rules/issued")
    assert finding.message.zh == ("表二 第二十条第（一）项 3 格填写了“/”："
                                  "规章（本年制发件数、本年废止件数、现行有效件数）；"
                                  "没有数据时请填 0")


@pytest.mark.parametrize("placeholder", ["--", "N/A", "／"])
def test_every_placeholder_gets_the_hint_to_write_zero(placeholder):
    """One placeholder set (spec.PLACEHOLDERS) for the extractor and the validator."""
    def mutate(d):
        d["tables"]["proactive"]["item1"]["rules"]["issued"] = placeholder
    (finding,) = check(mutated("2021", mutate), "2021")
    assert finding.code == "V301" and finding.message.zh.endswith("没有数据时请填 0")


# ---------------------------------------------------------------- values

@pytest.mark.parametrize("value, words", [
    ("/", "请填 0"), ("—", "请填 0"), ("减4", "增/减"), ("12", "去掉引号"), ("251000元", "不要带单位“元”"),
    (2.5, "应为整数"), (True, "请填写数字"), ({"a": 1}, "一组键值对"), ([1], "一个列表"),
])
def test_count_values_are_quoted(value, words):
    report = mutated("2021", lambda d: d["tables"]["applications"]["new"].__setitem__("natural_person", value))
    (finding,) = check(report, "2021")
    assert (finding.code, finding.pointer) == ("V301", "/tables/applications/new/natural_person")
    assert finding.message.zh.startswith("表三 一、本年新收政府信息公开申请数量 自然人 应为非负整数，实际为")
    assert words in finding.message.zh
    assert finding.expected == "非负整数" and finding.actual == value


def test_amount_in_yuan_is_converted_in_the_hint():
    report = mutated("2021", lambda d: d["tables"]["proactive"]["item8"]["fees"].__setitem__("amount", "251000元"))
    (finding,) = check(report, "2021")
    assert (finding.code, finding.pointer) == ("V302", "/tables/proactive/item8/fees/amount")
    assert "“251000元”" in finding.message.zh and "即 25.1" in finding.message.zh
    report = mutated("2019", lambda d: d["tables"]["proactive"]["item9"]["procurement"].__setitem__(
        "amount", "251000元"))
    (finding,) = check(report, "2019")
    assert finding.code == "V302" and "不要带单位" in finding.message.zh


def test_signed_column_accepts_negatives_and_explains_sign_words():
    path = ("tables", "proactive", "item5", "licensing")
    assert check(mutated("2019", lambda d: get(d, path).__setitem__("change", -4)), "2019") == []
    (finding,) = check(mutated("2019", lambda d: get(d, path).__setitem__("change", "减4")), "2019")
    assert finding.code == "V301" and "请直接写成整数 -4" in finding.message.zh
    assert finding.expected == "整数（减少时为负数）"
    (finding,) = check(mutated("2019", lambda d: get(d, path).__setitem__("change", "增3")), "2019")
    assert "请直接写成整数 3" in finding.message.zh


# ---------------------------------------------------------------- unknown keys

def test_misspelt_cell_key_is_one_finding():
    def mutate(d):
        row = d["tables"]["applications"]["new"]
        row["natual_person"] = row.pop("natural_person")
    (finding,) = check(mutated("2021", mutate), "2021")
    assert (finding.code, finding.pointer) == ("T203", "/tables/applications/new/natual_person")
    assert "应为“natural_person”（自然人）" in finding.message.zh
    assert finding.details == {"key": "natual_person", "suggestion": "natural_person", "replaces_missing": True}


def test_chinese_row_label_as_key_is_recognised():
    def mutate(d):
        rows_ = d["tables"]["applications"]
        rows_["（七）总计"] = rows_.pop("results_total")
    (finding,) = check(mutated("2021", mutate), "2021")
    assert finding.code == "T203" and finding.expected == "results_total"


def test_extra_key_lists_valid_keys():
    report = mutated("2021", lambda d: d["tables"]["reviews"]["review"].__setitem__("foo", 1))
    (finding,) = check(report, "2021")
    assert (finding.code, finding.pointer) == ("T203", "/tables/reviews/review/foo")
    assert "upheld、corrected、other、pending、total" in finding.message.zh


def test_unknown_table_and_other_format_keys():
    (finding,) = check(mutated("2021", lambda d: d["tables"].__setitem__("table5", {})), "2021")
    assert (finding.code, finding.pointer) == ("T203", "/tables/table5")
    report = mutated("2021", lambda d: d["tables"]["proactive"].__setitem__(
        "item9", {"procurement": {"projects": 1, "amount": 2}}))
    (finding,) = check(report, "2021")
    assert finding.code == "T203" and "只在2019年试行格式中有" in finding.message.zh


def test_empty_row_still_names_its_unknown_key():
    report = mutated("2021", lambda d: d["tables"]["reviews"].__setitem__("review", {"persons": 3}))
    assert sorted(codes(check(report, "2021"))) == [("T202", "/tables/reviews/review"),
                                                   ("T203", "/tables/reviews/review/persons")]


# ---------------------------------------------------------------- everything else: Y001

@pytest.mark.parametrize("mutate, pointer, words", [
    (lambda d: d["meta"].__setitem__("organ_level", "县政府"), "/meta/organ_level", "是否应为“县级人民政府”"),
    (lambda d: d["meta"].__setitem__("year", "2021"), "/meta/year", "应为整数"),
    (lambda d: d.__setitem__("format_version", "2020"), "/format_version", "可选：2019、2021"),
    (lambda d: d.__setitem__("remarks", "x"), "/remarks", "无法识别"),
    (lambda d: d["meta"]["contact"].__setitem__("mobile", "x"), "/meta/contact/mobile", "无法识别"),
    (lambda d: d["sections"].__setitem__("reviews", None), "/sections/reviews", "空字符串"),
    (lambda d: d["tables"]["applications"].__setitem__("new", 16), "/tables/applications/new", "应按列填写"),
])
def test_other_schema_violations(mutate, pointer, words):
    (finding,) = check(mutated("2021", mutate), "2021")
    assert (finding.code, finding.pointer) == ("Y001", pointer)
    assert words in finding.message.zh


def test_misspelt_section_key_is_one_finding():
    def mutate(d):
        d["sections"]["reveiws"] = d["sections"].pop("reviews")
    (finding,) = check(mutated("2021", mutate), "2021")
    assert (finding.code, finding.pointer, finding.expected) == ("Y001", "/sections/reveiws", "reviews")


def test_null_metadata_is_left_to_the_metadata_rules():
    assert check(mutated("2021", lambda d: d.__setitem__("meta", None)), "2021") == []
    assert check(mutated("2021", lambda d: d["meta"].__setitem__("contact", None)), "2021") == []
    assert check(mutated("2021", lambda d: d["meta"].__setitem__("year", None)), "2021") == []
    assert check(mutated("2021", lambda d: d["meta"]["contact"].__setitem__("phone", None)), "2021") == []
    assert check(mutated("2021", lambda d: d.__setitem__("format_version", None)), "2021") == []


def test_report_that_is_not_a_mapping():
    (finding,) = check(Report(path="x", kind="json", data=[1, 2]), "2021")  # type: ignore[arg-type]
    assert finding.code == "Y001" and finding.pointer == ""


# ---------------------------------------------------------------- positions in the source

def replace_line(text: str, startswith: str, old: str, new: str) -> str:
    lines = text.split("\n")
    i = next(i for i, ln in enumerate(lines) if ln.startswith(startswith))
    assert old in lines[i]
    lines[i] = lines[i].replace(old, new, 1)
    return "\n".join(lines)


def line_of(text: str, startswith: str) -> int:
    return next(i for i, ln in enumerate(text.split("\n"), 1) if ln.startswith(startswith))


def located(text: str, version: str = "2021") -> list[tuple[str, str, int, int]]:
    report = read_yaml("r.yaml", text)
    out = []
    for f in check(report, version):
        span = report.span_for(f.pointer)
        out.append((f.code, f.pointer, span.line, span.column))
    return out


def test_bad_value_is_located_at_the_value():
    text = replace_line(TEXT["2021"], "    carried_forward:", "natural_person: 1,", 'natural_person: "/",')
    line = line_of(text, "    carried_forward:")
    column = text.split("\n")[line - 1].index('"/"') + 1
    assert located(text) == [("V301", "/tables/applications/carried_forward/natural_person", line, column)]


def test_missing_things_are_located_at_their_parent_key():
    text = "\n".join(ln for ln in TEXT["2021"].split("\n") if not ln.startswith("    results_total:"))
    assert located(text) == [("T201", "/tables/applications/results_total", line_of(text, "  applications:   "), 3)]
    text = replace_line(TEXT["2021"], "    new:", ", total: 16}", "}")
    assert located(text) == [("T202", "/tables/applications/new/total", line_of(text, "    new:"), 5)]
    text = "\n".join(ln for ln in TEXT["2021"].split("\n") if not ln.startswith("  reviews: 本年度"))
    assert located(text) == [("S101", "/sections/reviews", line_of(text, "sections:"), 1)]


def test_empty_table_is_located_at_its_key():
    lines = TEXT["2021"].split("\n")
    start = line_of(TEXT["2021"], "  reviews:  ")
    text = "\n".join(lines[:start - 1] + ["  reviews: {}"] + lines[start + 3:])
    assert located(text) == [("S103", "/tables/reviews", start, 3)]


def test_unquoted_postcode_quotes_the_source_text():
    text = replace_line(TEXT["2021"], "    postcode:", '"350001"', "050000")
    report = read_yaml("r.yaml", text)
    (finding,) = check(report, "2021")
    assert (finding.code, finding.pointer) == ("Y001", "/meta/contact/postcode")
    assert "050000（读作 20480）" in finding.message.zh and "加引号" in finding.message.zh
    assert finding.details == {"source": "050000"} and finding.actual == 20480
    span = report.span_for(finding.pointer)
    assert (span.line, span.column) == (line_of(text, "    postcode:"), 15)


def test_yaml_booleans_are_quoted_as_written():
    text = replace_line(TEXT["2021"], "    review:", "upheld: 1", "upheld: no")
    findings = located(text)
    assert findings[0][:2] == ("V301", "/tables/reviews/review/upheld")
    (finding,) = check(read_yaml("r.yaml", text), "2021")
    assert "实际为no" in finding.message.zh


def test_json_input_positions():
    data = copy.deepcopy(BASE["2021"].data)
    data["tables"]["reviews"]["litigation_direct"]["pending"] = "一"
    text = json.dumps(data, ensure_ascii=False, indent=2)
    report = read_json("r.json", text)
    (finding,) = check(report, "2021")
    span = report.span_for(finding.pointer)
    assert finding.code == "V301"
    assert report.lines[span.line - 1].strip() == '"pending": "一",'
    assert report.lines[span.line - 1][span.column - 1:span.end_column - 1] == '"一"'


# ---------------------------------------------------------------- the rule

def test_schema_rule_yields_the_translated_findings():
    rule = schema_rules.schema_violation
    assert (rule.code, rule.name, rule.category) == ("Y001", "schema-violation", "schema")
    report = mutated("2021", lambda d: d["sections"].pop("other"))
    assert codes(rule.run(report, RuleContext(format_version="2021"))) == [("S101", "/sections/other")]
    assert list(rule.run(BASE["2021"], RuleContext(format_version="2021"))) == []


def test_companions_are_documented():
    expected = {"S101": "section", "S102": "section", "S103": "section", "T201": "table", "T202": "table",
                "T203": "table", "T205": "table", "V301": "value", "V302": "value", "Y002": "schema"}
    found = {obj.code: obj for obj in vars(schema_rules).values() if isinstance(obj, Rule)}
    assert set(found) == set(expected) | {"Y001"}
    for code, category in expected.items():
        r = found[code]
        assert r.category == category and r.check is None
        assert r.produced_by == ("read" if code == "Y002" else "Y001")
        for text in (r.title, r.checks, r.rationale, r.legal_basis):
            assert CJK.search(text.zh) and text.en
        assert "第五十条" in r.legal_basis.zh
        assert r.example_fail and r.example_pass


def _one_row_other(data: dict, *, keep: tuple[str, ...] = ()) -> None:
    apps = data["tables"]["applications"]
    apps["other"] = dict(apps["other_1"])
    for row in spec.OTHER_HANDLING_ROWS:
        if row not in keep:
            del apps[row]


def test_one_row_other_handling_in_a_2021_table_is_one_finding():
    findings = check(mutated("2021", _one_row_other), "2021")
    assert codes(findings) == [("T205", "/tables/applications/other")]
    assert "应按2021年格式分为1–3三行" in findings[0].message.zh


def test_one_row_other_handling_beside_a_sub_row_is_an_unknown_key():
    findings = check(mutated("2021", lambda d: _one_row_other(d, keep=("other_1",))), "2021")
    assert ("T205", "/tables/applications/other") not in codes(findings)
    assert ("T203", "/tables/applications/other") in codes(findings)


def test_one_row_other_handling_is_the_2019_format():
    assert check(BASE["2019"], "2019") == []
