"""Output formats: every format shows the same findings; SARIF is schema-valid; escaping,
colour handling and the JSON shape hold."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote

import pytest

from xxgk_lint import reporters
from xxgk_lint.model import Diagnostic, FileResult, Location, Message
from xxgk_lint.rule_api import Rule
from xxgk_lint.rules import input as input_rules
from xxgk_lint.rules import meta, totals

SCHEMA = Path(__file__).parent / "fixtures" / "sarif" / "sarif-2.1.0.schema.json"
FORMATS = list(reporters.REPORTERS)


def catalog() -> dict[str, Rule]:
    found = {}
    for module in (input_rules, meta, totals):
        found.update({r.code: r for r in vars(module).values() if isinstance(r, Rule)})
    return dict(sorted(found.items()))


def diag(code, severity, zh, path, en=None, **loc) -> Diagnostic:
    name = catalog()[code].name if code in catalog() else "some-rule"
    category = catalog()[code].category if code in catalog() else "section"
    expected = loc.pop("expected", None)
    actual = loc.pop("actual", None)
    suppressed = loc.pop("suppressed", None)
    return Diagnostic(code=code, name=name, category=category, severity=severity,
                      message=Message(zh, en or zh), location=Location(path=path, **loc),
                      expected=expected, actual=actual, suppressed=suppressed)


TXT_LINES = ["某镇人民政府2021年政府信息公开工作年度报告", "三、收到和处理政府信息公开申请情况",
             "（七）总计\t12\t2\t0\t0\t1\t0\t15"]


def sample_results() -> list[FileResult]:
    txt = "reports/txt报告.txt"
    pdf = "reports/b.pdf"
    docx = "reports/c.docx"
    return [
        FileResult(txt, "txt", [
            diag("A401", "error", "总计 15 不等于分项之和 16", txt, "total 15 is not the sum 16",
                 line=3, column=7, end_line=3, end_column=9, section="三", table="表三",
                 row="（七）总计", column_label="总计",
                 pointer="/tables/applications/results_total/total", expected=16, actual=15),
            diag("A405", "warning", "无法核对：100%，含逗号,冒号:\n换行", txt, line=2, column=1,
                 pointer="/tables/applications"),
            diag("A402", "error", "已豁免的问题", txt, line=3, column=1,
                 pointer="/tables/applications/results_total/natural_person",
                 suppressed="上级口径，已书面确认"),
        ], organ="某镇人民政府", year=2021, format_version="2021", encoding="GB18030", lines=TXT_LINES),
        FileResult(pdf, "pdf", [
            diag("S101", "error", "缺少第四部分", pdf, "section IV missing", page=3, section="四",
                 pointer="/sections/reviews"),
            diag("A403", "info", "结转数提示", pdf, page=4, table_index=2, row_index=5, cell_index=3,
                 table="表三", row="四、结转下年度继续办理", pointer="/tables/applications/carried_forward"),
        ], year=2022, format_version="2021"),
        FileResult("reports/clean.yaml", "yaml", [], organ="示例局", year=2021, format_version="2021"),
        FileResult(docx, None, [diag("I001", "error", "文件无法读取：压缩包损坏", docx)], checked=False),
    ]


def render(fmt: str, results=None, **kw) -> str:
    buf = io.StringIO()
    reporters.render(fmt, sample_results() if results is None else results, buf,
                     rules=kw.pop("rules", catalog()), **kw)
    return buf.getvalue()


def expected_findings(results, show_suppressed=False) -> set[tuple]:
    return {(d.code, r.path, d.location.line) for r in results for d in r.diagnostics
            if show_suppressed or d.suppressed is None}


# ---------------------------------------------------------------- parse every format back

def parse_rich(text):
    found, code = set(), None
    for line in text.splitlines():
        m = re.match(r"^  (错误|警告|提示|error|warning|info) ([A-Z]{1,3}\d{3}) ", line)
        if m:
            code = m.group(2)
            continue
        m = re.match(r"^  --> ([^ :]+)(?::(\d+):\d+)?", line)
        if m and code:
            found.add((code, m.group(1), int(m.group(2)) if m.group(2) else None))
            code = None
    return found


def parse_concise(text):
    found = set()
    for line in text.splitlines():
        m = re.match(r"^([^:\s]+):(?:(\d+):\d+:)? (?:.*?: )?([A-Z]{1,3}\d{3}) ", line)
        if m:
            found.add((m.group(3), m.group(1), int(m.group(2)) if m.group(2) else None))
    return found


def parse_json(text):
    doc = json.loads(text)
    return {(d["code"], f["path"], d["location"].get("line")) for f in doc["files"] for d in f["diagnostics"]}


def parse_json_lines(text):
    rows = [json.loads(line) for line in text.splitlines()]
    return {(r["code"], r["path"], r["location"].get("line")) for r in rows}


def parse_sarif(text, include_suppressed=False):
    run = json.loads(text)["runs"][0]
    found = set()
    for res in run["results"]:
        if res.get("suppressions") and not include_suppressed:
            continue
        phys = res["locations"][0]["physicalLocation"]
        found.add((res["ruleId"], unquote(phys["artifactLocation"]["uri"]),
                   phys.get("region", {}).get("startLine")))
    for note in run["invocations"][0]["toolExecutionNotifications"]:
        phys = note["locations"][0]["physicalLocation"]
        found.add((note["associatedRule"]["id"], unquote(phys["artifactLocation"]["uri"]), None))
    return found


def _unescape(value):
    for a, b in (("%2C", ","), ("%3A", ":"), ("%0A", "\n"), ("%0D", "\r"), ("%25", "%")):
        value = value.replace(a, b)
    return value


def parse_github(text):
    found = set()
    for line in text.splitlines():
        m = re.match(r"^::(error|warning|notice) ([^:]*)::(.*)$", line)
        if m:
            props = dict(p.split("=", 1) for p in m.group(2).split(","))
            props = {k: _unescape(v) for k, v in props.items()}
            found.add((props["title"].split()[0], props["file"],
                       int(props["line"]) if "line" in props else None))
    return found


def parse_junit(text):
    root = ET.fromstring(text.encode("utf-8"))
    found = set()
    for case in root.iter("testcase"):
        for child in case:
            if child.tag in ("failure", "error", "skipped"):
                code = child.get("type") or case.get("name").split()[0]
                found.add((code, case.get("file"), int(case.get("line")) if case.get("line") else None))
    return found


PARSERS = {"rich": parse_rich, "concise": parse_concise, "json": parse_json,
           "json-lines": parse_json_lines, "sarif": parse_sarif, "github": parse_github,
           "junit": parse_junit}


def test_every_format_has_a_parser():
    assert set(PARSERS) == set(reporters.REPORTERS)


@pytest.mark.parametrize("fmt", FORMATS)
def test_same_findings_in_every_format(fmt, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    results = sample_results()
    found = PARSERS[fmt](render(fmt, results))
    assert found == expected_findings(results)
    assert ("A402", "reports/txt报告.txt", 3) not in found   # suppressed: hidden by default


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "sarif"])
def test_show_suppressed_reveals_them_in_every_format(fmt, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    results = sample_results()
    found = PARSERS[fmt](render(fmt, results, show_suppressed=True))
    assert found == expected_findings(results, show_suppressed=True)


def test_sarif_always_carries_suppressed_findings_as_suppressions(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run = json.loads(render("sarif"))["runs"][0]
    suppressed = [r for r in run["results"] if r.get("suppressions")]
    assert [r["ruleId"] for r in suppressed] == ["A402"]
    assert suppressed[0]["suppressions"] == [{"kind": "external", "justification": "上级口径，已书面确认"}]


# ---------------------------------------------------------------- SARIF

def sarif_validator():
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema)


def test_sarif_is_valid_against_the_official_schema(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    doc = json.loads(render("sarif"))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in sarif_validator().iter_errors(doc)]
    assert errors == []


def test_the_schema_check_is_not_vacuous(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    doc = json.loads(render("sarif"))
    doc["runs"][0]["results"][0]["level"] = "fatal"
    doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    assert len(list(sarif_validator().iter_errors(doc))) == 2


def test_sarif_driver_rules_and_result_details(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run = json.loads(render("sarif"))["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "xxgk-lint" and driver["version"] and driver["informationUri"].startswith("https://")
    rules = driver["rules"]
    ids = [r["id"] for r in rules]
    assert set(catalog()) <= set(ids)
    a401 = rules[ids.index("A401")]
    rule = catalog()["A401"]
    assert a401["name"] == "applications-row-total"
    assert rule.title.zh in a401["shortDescription"]["text"] and rule.title.en in a401["shortDescription"]["text"]
    assert rule.legal_basis.zh in a401["help"]["text"] and rule.legal_basis.en in a401["help"]["text"]
    assert a401["defaultConfiguration"]["level"] == "error"
    assert a401["properties"]["category"] == "total"
    assert a401["properties"]["legalBasis"] == {"zh": rule.legal_basis.zh, "en": rule.legal_basis.en}
    # how to fix, in the rule's help and as a property
    assert "修改建议：" + rule.fix.zh in a401["help"]["text"] and "How to fix: " + rule.fix.en in a401["help"]["text"]
    assert a401["properties"]["fix"] == {"zh": rule.fix.zh, "en": rule.fix.en}
    assert a401["properties"]["verified"] is rule.verified

    by_rule = {r["ruleId"]: r for r in run["results"]}
    res = by_rule["A401"]
    assert rules[res["ruleIndex"]]["id"] == "A401"
    loc = res["locations"][0]
    assert loc["physicalLocation"]["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
    assert unquote(loc["physicalLocation"]["artifactLocation"]["uri"]) == "reports/txt报告.txt"
    assert loc["physicalLocation"]["region"]["startLine"] == 3
    assert loc["physicalLocation"]["region"]["startColumn"] == 7
    assert loc["logicalLocations"][0]["fullyQualifiedName"] == "表三/（七）总计/总计"
    assert loc["logicalLocations"][0]["decoratedName"] == "/tables/applications/results_total/total"
    assert res["properties"]["expected"] == 16 and res["properties"]["actual"] == 15
    assert res["partialFingerprints"]
    # no line known: no region, but the logical place
    s101 = by_rule["S101"]["locations"][0]
    assert "region" not in s101["physicalLocation"]
    assert s101["logicalLocations"][0]["fullyQualifiedName"] == "第四部分"
    assert by_rule["A403"]["level"] == "note"
    assert by_rule["A405"]["level"] == "warning"
    # the unreadable file is a notification, not a result, and the run says so
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert [n["associatedRule"]["id"] for n in invocation["toolExecutionNotifications"]] == ["I001"]
    assert "I001" not in by_rule
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.resolve().as_uri() + "/"


def _one(path, line, pointer="/tables/applications/results_total/total"):
    return [FileResult(path, "txt", [diag("A401", "error", "x", path, line=line, column=1,
                                          table="表三", row="（七）总计", column_label="总计",
                                          pointer=pointer)])]


def test_sarif_fingerprint_ignores_lines_but_not_place(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    def fingerprint(results):
        return json.loads(render("sarif", results))["runs"][0]["results"][0]["partialFingerprints"]

    assert fingerprint(_one("a.txt", 3)) == fingerprint(_one("a.txt", 40))
    assert fingerprint(_one("a.txt", 3)) != fingerprint(_one("b.txt", 3))
    assert fingerprint(_one("a.txt", 3)) != fingerprint(
        _one("a.txt", 3, "/tables/applications/results_total/natural_person"))


def test_sarif_paths_relative_to_source_root(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "repo" / "sub").mkdir(parents=True)
    results = _one(str(tmp_path / "repo" / "sub" / "a.txt"), 1)
    run = json.loads(render("sarif", results, source_root=tmp_path / "repo"))["runs"][0]
    art = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert art["uri"] == "sub/a.txt" and art["uriBaseId"] == "%SRCROOT%"
    # outside the root: an absolute file URI, no base id
    run = json.loads(render("sarif", results, source_root=tmp_path / "elsewhere"))["runs"][0]
    art = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert art["uri"].startswith("file:///") and "uriBaseId" not in art


# ---------------------------------------------------------------- github

def test_github_escapes_data_and_properties(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = "dir,with:odd/a.txt"
    results = [FileResult(path, "txt", [diag("A405", "warning", "100% 完成\n第二行\r", path, line=2, column=3)])]
    out = render("github", results)
    line = out.splitlines()[0]
    assert line.startswith("::warning file=dir%2Cwith%3Aodd/a.txt,line=2,col=3,title=A405 ")
    # the human part is shown in logs: line breaks in report text become visible escapes
    assert line.endswith("::100%25 完成\\n第二行\\r")
    assert parse_github(out) == {("A405", path, 2)}


def test_github_levels_and_place_without_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    lines = render("github").splitlines()
    s101 = next(x for x in lines if "S101" in x)
    assert s101.startswith("::error file=reports/b.pdf,title=S101 ")
    assert "line=" not in s101 and s101.endswith("::第3页 第四部分: 缺少第四部分")
    assert any(x.startswith("::notice ") and "A403" in x for x in lines)


# ---------------------------------------------------------------- junit

def test_junit_suites_cases_and_clean_files():
    root = ET.fromstring(render("junit").encode("utf-8"))
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    assert list(suites) == ["reports/txt报告.txt", "reports/b.pdf", "reports/clean.yaml", "reports/c.docx"]
    clean = list(suites["reports/clean.yaml"].iter("testcase"))
    assert len(clean) == 1 and not list(clean[0])          # a passing testcase
    assert suites["reports/b.pdf"].get("failures") == "2"
    assert suites["reports/c.docx"].get("errors") == "1"
    assert root.get("tests") == "6" and root.get("failures") == "4" and root.get("errors") == "1"


def test_junit_survives_control_characters():
    results = _one("a.txt", 1)
    results[0].diagnostics[0] = diag("A401", "error", "坏字符\x00\x07结束", "a.txt", line=1)
    root = ET.fromstring(render("junit", results).encode("utf-8"))
    failure = next(root.iter("failure"))
    assert failure.get("message") == "坏字符\ufffd\ufffd结束"


# ---------------------------------------------------------------- json

def test_json_shape_is_exact_and_stable():
    doc = json.loads(render("json"))
    assert set(doc) == {"version", "files", "summary"} and doc["version"] == 1
    for f in doc["files"]:
        assert set(f) == {"path", "format", "report", "diagnostics"}
        assert set(f["report"]) == {"organ", "year", "format_version"}
    assert doc["summary"] == {"files": 4, "checked": 3, "not_checked": 1, "errors": 3,
                              "warnings": 1, "infos": 1, "suppressed": 1}
    first = doc["files"][0]
    assert first["format"] == "txt" and first["report"] == {"organ": "某镇人民政府", "year": 2021,
                                                            "format_version": "2021"}
    assert [d["code"] for d in first["diagnostics"]] == ["A405", "A401"]   # sorted by place
    # the contract's diagnostic plus `fix`, how to fix it, from its rule (still version 1)
    assert first["diagnostics"][1] == {**sample_results()[0].diagnostics[0].to_dict("zh"),
                                       "fix": catalog()["A401"].fix.zh}
    assert doc["files"][3]["format"] is None


def test_json_statistics_and_language():
    doc = json.loads(render("json", statistics=True, lang="en"))
    assert doc["statistics"][0] == {"code": "A401", "name": "applications-row-total",
                                    "title": "表三各行总计与各申请人类别之和不符",
                                    "title_en": "Table 3 row total differs from the sum of applicant columns",
                                    "count": 1}
    assert {s["code"] for s in doc["statistics"]} == {"A401", "A405", "S101", "A403", "I001"}
    assert doc["files"][1]["diagnostics"][0]["message"] == "section IV missing"


def test_json_lines_one_object_per_finding_with_path():
    rows = [json.loads(x) for x in render("json-lines").splitlines()]
    assert len(rows) == 5 and all(r["path"] == r["location"]["path"] for r in rows)


# ---------------------------------------------------------------- concise and rich

def test_concise_lines():
    lines = render("concise").splitlines()
    # one line per finding: a line break in the message is shown as a visible escape
    assert lines[0] == "reports/txt报告.txt:2:1: A405 无法核对：100%，含逗号,冒号:\\n换行"
    assert "reports/txt报告.txt:3:7: A401 总计 15 不等于分项之和 16" in lines
    assert "reports/b.pdf: 第3页 第四部分: S101 缺少第四部分" in lines
    assert "reports/b.pdf: 第4页 第2个表格 第5行 第3格 表三/四、结转下年度继续办理: A403 结转数提示" in lines
    assert "reports/c.docx: I001 文件无法读取：压缩包损坏" in lines
    assert lines[-1].startswith("共 4 个文件（1 个未能检查）；错误 3 项；警告 1 项；提示 1 项；已豁免 1 项")


class FakeTTY(io.StringIO):
    def isatty(self):
        return True


def test_rich_is_plain_when_not_a_terminal():
    out = render("rich")
    assert "\x1b[" not in out
    assert "reports/txt报告.txt  (txt · 某镇人民政府 · 2021年度 · 2021版格式 · GB18030)" in out
    assert "  --> reports/txt报告.txt:3:7  表三/（七）总计/总计" in out
    assert "  --> reports/b.pdf 第3页  第四部分" in out
    assert "  = 期望 16，实际 15" in out
    assert out.rstrip().splitlines()[-1].startswith("摘要：共 4 个文件（1 个未能检查）；错误 3 项")
    assert "reports/clean.yaml" not in out       # clean files add no noise


def test_rich_caret_sits_under_the_column_of_wide_text():
    out = render("rich").splitlines()
    i = out.index("  3 │ （七）总计 12 2 0 0 1 0 15")
    caret = out[i + 1]
    # column 7 is the first digit of "12": after 5 double-width chars (10 cells) and a tab
    assert caret == "    │ " + " " * 11 + "^^"


def test_rich_colours_only_on_a_terminal_without_no_color(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    tty = FakeTTY()
    reporters.render("rich", sample_results(), tty, rules=catalog())
    assert "\x1b[" in tty.getvalue()
    monkeypatch.setenv("NO_COLOR", "1")
    tty = FakeTTY()
    reporters.render("rich", sample_results(), tty, rules=catalog())
    assert "\x1b[" not in tty.getvalue() and "A401" in tty.getvalue()


def test_rich_and_concise_statistics_tables():
    rich_out = render("rich", statistics=True)
    assert re.search(r"A401\s+表三各行总计与各申请人类别之和不符\s+1", rich_out)   # the title beside the code
    concise_out = render("concise", statistics=True)
    assert "1\tS101\tsome-rule" in concise_out.splitlines()


def test_rich_english():
    out = render("rich", lang="en")
    assert "  error A401 total 15 is not the sum 16" in out
    assert "Summary: 4 file(s), 1 not checked; 3 error(s)" in out


# ---------------------------------------------------------------- registry, finish, start-up

def test_unknown_format_is_a_value_error():
    with pytest.raises(ValueError, match="unknown output format"):
        render("xml")


def test_finish_defaults_to_plain_rich_and_computes_the_exit_code(tmp_path):
    out = io.StringIO()
    code = reporters.finish(sample_results(), reporters.OutputOptions(), rules=catalog(), out=out)
    assert code == 1 and "  --> reports/b.pdf 第3页  第四部分" in out.getvalue()
    assert "\x1b[" not in out.getvalue()
    only_info = [FileResult("a.txt", "txt", [diag("A403", "info", "提示", "a.txt", line=1)])]
    assert reporters.finish(only_info, reporters.OutputOptions(), out=io.StringIO()) == 0
    assert reporters.finish(only_info, reporters.OutputOptions(fail_on="info"), out=io.StringIO()) == 1
    target = tmp_path / "out.sarif"
    assert reporters.finish(sample_results(), reporters.OutputOptions(format="sarif", output_file=target),
                            rules=catalog(), out=io.StringIO()) == 1
    assert json.loads(target.read_text(encoding="utf-8"))["version"] == "2.1.0"


def test_finish_accepts_the_check_commands_namespace(tmp_path):
    import argparse

    from xxgk_lint.config import Config

    args = argparse.Namespace(format="json", output_file=str(tmp_path / "o.json"), statistics=True,
                              show_suppressed=False, overrides=None, baseline=None)
    cfg = Config(lang="en", fail_on="warning")
    assert reporters.finish(sample_results(), args, cfg, catalog()) == 1
    doc = json.loads((tmp_path / "o.json").read_text(encoding="utf-8"))
    assert doc["files"][1]["diagnostics"][0]["message"] == "section IV missing"
    assert "statistics" in doc


def test_rich_is_imported_only_by_the_rich_format():
    code = ("import io, sys; from xxgk_lint import reporters; from xxgk_lint.model import FileResult;"
            "[reporters.render(f, [FileResult('a', 'txt', [])], io.StringIO()) "
            " for f in reporters.REPORTERS if f != 'rich'];"
            "print('rich' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8",
                         check=True).stdout.strip()
    assert out == "False"


def test_rich_on_a_terminal_cuts_long_lines_around_the_caret(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("COLUMNS", "80")
    line = "数据：" + "x" * 140 + "TARGET" + "y" * 60
    column = line.index("TARGET") + 1
    results = [FileResult("a.txt", "txt", [diag("A401", "error", "m", "a.txt", line=1, column=column,
                                                end_line=1, end_column=column + 6)], lines=[line])]
    tty = FakeTTY()
    reporters.render("rich", results, tty, rules=catalog())
    plain = re.sub(r"\x1b\[[0-9;]*m", "", tty.getvalue()).splitlines()
    i = next(i for i, x in enumerate(plain) if x.startswith("  1 │ "))
    source, caret = plain[i], plain[i + 1]
    assert source.startswith("  1 │ …") and source.endswith("…") and len(source) <= 80
    assert caret.strip(" │") == "^^^^^^"
    start = caret.index("^")
    assert source[start:start + 6] == "TARGET"
