"""Declarative local rules (config `local-rules`) through the real CLI: check, audit, JSON,
rules, explain; a malformed file refused at load with its line; Chinese-only plugin texts."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "sample-2021.yaml"

# one rule of each check kind; each fails on the report written by `project` below
RULES = """\
# 某县政务公开办：年度报告补充要求
- code: Z001
  title: 总体情况篇幅原则上不超过一千字
  message: 第一部分“总体情况”共 {actual} 字，超过本县规定的 {expected} 字
  message-en: "Section I has {actual} characters, more than the county's {expected}"
  severity: warning
  basis: 某县政务公开办关于做好年度报告工作的通知
  fix: 精简总体情况
  check:
    max-length: {section: 第一部分, limit: 100}
- code: Z002
  title: 须写明传真
  message: 联系方式中未写明传真号码
  severity: error
  check:
    required: 联系方式.传真
- code: Z003
  title: 第六部分须说明信息处理费
  message: 第六部分未出现“信息处理费”
  severity: info
  check:
    pattern: {section: 第六部分, must-contain: 信息处理费}
- code: Z004
  title: 本年新收申请不超过10件
  message: 本年新收申请 {actual} 件，超过10件
  severity: info
  check:
    compare: {cell: 表三/一、本年新收政府信息公开申请数量/总计, op: "<=", value: 10}
- code: Z005
  title: 县级部门1月15日前报送
  message: 报告日期 {actual} 晚于县里规定的 {expected}
  severity: error
  check:
    deadline: {县级部门: "01-15", 乡镇: "02-20"}
"""
EXPECTED = {("Z001", "/sections/overview"), ("Z002", "/meta/contact/fax"), ("Z003", "/sections/other"),
            ("Z004", "/tables/applications/new/total"), ("Z005", "/meta/report_date")}


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "xxgk_lint", *args], cwd=cwd, env=env, capture_output=True,
                          encoding="utf-8", timeout=300)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "本县规则.yaml").write_text(RULES, encoding="utf-8")
    (tmp_path / "xxgk-lint.toml").write_text('local-rules = ["本县规则.yaml"]\n', encoding="utf-8")
    text = SAMPLE.read_text(encoding="utf-8")
    text = text.replace("    fax: 0591-87654322\n", "").replace("本年度未收取信息处理费。", "本年度无收费事项。")
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "report.yaml").write_text(text, encoding="utf-8")
    (folder / "clean.yaml").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    return tmp_path


def _found(diagnostics) -> set[tuple[str, str]]:
    return {(d["code"], d["location"]["pointer"]) for d in diagnostics if d["code"].startswith("Z")}


def test_check_reports_each_kind_in_json(project: Path):
    proc = cli("check", "reports/report.yaml", "--format", "json", cwd=project)
    assert proc.returncode == 1, proc.stderr
    diagnostics = json.loads(proc.stdout)["files"][0]["diagnostics"]
    assert _found(diagnostics) == EXPECTED
    z001 = next(d for d in diagnostics if d["code"] == "Z001")
    assert z001["severity"] == "warning" and z001["category"] == "content"
    assert z001["message_zh"].startswith("第一部分“总体情况”共 ")
    assert z001["message_zh"].endswith("超过本县规定的 100 字")
    assert z001["message_en"].startswith("Section I has ")
    z002 = next(d for d in diagnostics if d["code"] == "Z002")
    assert z002["message_en"] == z002["message_zh"] == "联系方式中未写明传真号码"     # English falls back
    z005 = next(d for d in diagnostics if d["code"] == "Z005")
    assert z005["message_zh"] == "报告日期 2022-01-20 晚于县里规定的 2022-01-15"
    assert z005["location"]["line"] is not None


def test_check_text_output_and_the_clean_sample(project: Path):
    proc = cli("check", "reports/report.yaml", cwd=project)
    assert "Z002" in proc.stdout and "联系方式中未写明传真号码" in proc.stdout
    clean = cli("check", "reports/clean.yaml", "--format", "json", cwd=project)
    # the clean sample still breaks the county's stricter limits, and nothing else
    assert _found(json.loads(clean.stdout)["files"][0]["diagnostics"]) == {
        ("Z001", "/sections/overview"), ("Z004", "/tables/applications/new/total"), ("Z005", "/meta/report_date")}


def test_local_rules_are_selectable(project: Path):
    proc = cli("check", "reports/report.yaml", "--format", "json", "--ignore", "Z00", cwd=project)
    assert _found(json.loads(proc.stdout)["files"][0]["diagnostics"]) == set()


def test_audit_reports_local_rules_in_its_export(project: Path):
    proc = cli("audit", "reports", "--jobs", "2", "--export", "out.json", "-q", cwd=project)
    assert proc.returncode == 1, proc.stderr
    exported = json.loads((project / "out.json").read_text(encoding="utf-8"))
    text = json.dumps(exported, ensure_ascii=False)
    for code, _ in EXPECTED:
        assert code in text
    assert "联系方式中未写明传真号码" in text


def test_rules_lists_and_explain_explains(project: Path):
    listed = json.loads(cli("rules", "--format", "json", cwd=project).stdout)
    local = {r["code"]: r for r in listed if r["code"].startswith("Z")}
    assert set(local) == {code for code, _ in EXPECTED}
    assert local["Z001"]["title"] == "总体情况篇幅原则上不超过一千字"
    assert local["Z001"]["origin"].endswith("本县规则.yaml")
    page = cli("explain", "Z001", cwd=project)
    assert page.returncode == 0
    assert "第一部分的字数（不计空白）不超过 100" in page.stdout
    assert "某县政务公开办关于做好年度报告工作的通知" in page.stdout
    assert cli("explain", "local-z004", "--lang", "en", cwd=project).stdout.count("<= 10") == 1
    # without the configuration the local rules are unknown
    assert cli("explain", "Z001", "--isolated", cwd=project).returncode == 2


@pytest.mark.parametrize("edit, line, words", [
    (("severity: error\n  check:\n    required", "severity: eror\n  check:\n    required"), 14, "级别“eror”无效"),
    (("required: 联系方式.传真", "required: 联系方式.手机"), 16, "“联系方式.手机”无法识别"),
    (("section: 第一部分, limit: 100", "section: 第一部分, limit: 一百"), 10, "正整数"),
    (("code: Z003", "code: A401"), 17, "Z 加三位数字"),
    (("code: Z004", "code: Z001"), 23, "Z001 重复"),
    (("must-contain: 信息处理费", "must-contain: \"([\""), 22, "不是有效的正则表达式"),
    (("op: \"<=\"", "op: \"≤\""), 28, "“op”须为"),
    (("乡镇: \"02-20\"", "乡镇: \"02-30\""), 34, "不是一年中的日期"),
    (("    max-length:", "    length:"), 9, "“check”须恰好包含"),
    (("  title: 须写明传真\n", "  title: 须写明传真\n  colour: red\n"), 13, "未知的键“colour”"),
    (("message: 联系方式中未写明传真号码", "message: [联系方式"), 14, "不是有效的 YAML"),
])
def test_malformed_local_rules_are_refused_with_their_line(project: Path, edit, line, words):
    path = project / "本县规则.yaml"
    text = path.read_text(encoding="utf-8")
    assert edit[0] in text
    path.write_text(text.replace(edit[0], edit[1], 1), encoding="utf-8")
    for command in (("check", "reports/report.yaml"), ("audit", "reports"), ("rules",), ("explain", "Z001")):
        proc = cli(*command, cwd=project)
        assert proc.returncode == 2, (command, proc.stdout, proc.stderr)
        assert f"本县规则.yaml:{line}:" in proc.stderr and words in proc.stderr, (command, proc.stderr)
        assert "Traceback" not in proc.stderr


def test_local_rules_setting_must_list_files(project: Path):
    (project / "xxgk-lint.toml").write_text('local-rules = "本县规则.yaml"\n', encoding="utf-8")
    proc = cli("check", "reports/report.yaml", cwd=project)
    assert proc.returncode == 2 and "local-rules 须为文件名列表" in proc.stderr
    (project / "xxgk-lint.toml").write_text('local-rules = ["没有这个文件.yaml"]\n', encoding="utf-8")
    proc = cli("check", "reports/report.yaml", cwd=project)
    assert proc.returncode == 2 and "没有这个文件.yaml" in proc.stderr and "无法读取本地规则文件" in proc.stderr


def test_python_plugin_with_chinese_texts_only(tmp_path: Path):
    """A county's Python plugin may give every text in Chinese alone: it loads, and its English
    output is the Chinese text."""
    (tmp_path / "my_rules").mkdir()
    (tmp_path / "my_rules" / "county.py").write_text(
        "from xxgk_lint.rule_api import rule\n"
        "from xxgk_lint.model import Finding, Message\n\n"
        "@rule(code='Z101', name='fax-required', category='contact', severity='warning',\n"
        "      title='须写明传真', checks='联系方式须有传真', rationale='县里要求', legal_basis='某县通知')\n"
        "def fax_required(report, ctx):\n"
        "    contact = (report.data.get('meta') or {}).get('contact') or {}\n"
        "    if not contact.get('fax'):\n"
        "        yield Finding('Z101', Message('未写明传真'), '/meta/contact/fax')\n",
        encoding="utf-8")
    (tmp_path / ".git").mkdir()     # the county's own repository: its configuration is trusted
    (tmp_path / "xxgk-lint.toml").write_text('rules-dirs = ["my_rules"]\n', encoding="utf-8")
    text = SAMPLE.read_text(encoding="utf-8").replace("    fax: 0591-87654322\n", "")
    (tmp_path / "report.yaml").write_text(text, encoding="utf-8")
    proc = cli("check", "report.yaml", "--format", "json", "--lang", "en", cwd=tmp_path)
    [z101] = [d for d in json.loads(proc.stdout)["files"][0]["diagnostics"] if d["code"] == "Z101"]
    assert z101["message"] == z101["message_en"] == "未写明传真"
    assert "须写明传真" in cli("explain", "Z101", "--lang", "en", cwd=tmp_path).stdout


def test_local_rules_are_tested_with_the_shipped_helper(project: Path):
    from xxgk_lint.testing import DELETE, check, local_rules

    rules = {r.code: r for r in local_rules(project / "本县规则.yaml")}
    check(rules["Z002"], {"/meta/contact/fax": DELETE}, ("Z002", "/meta/contact/fax"))
    check(rules["Z002"], None)
    check(rules["Z004"], {"/tables/applications/new/total": 11}, ("Z004", "/tables/applications/new/total"))
    check(rules["Z004"], {"/tables/applications/new/total": 10})
    check(rules["Z005"], {"/meta/report_date": "2022-01-16"}, ("Z005", "/meta/report_date"))
    check(rules["Z005"], {"/meta/report_date": "2022-02-20", "/meta/organ_level": "乡镇"})
    check(rules["Z005"], {"/meta/report_date": "2022-02-21", "/meta/organ_level": "乡镇"},
          ("Z005", "/meta/report_date"))


def test_every_output_format_carries_local_findings(project: Path):
    sarif = json.loads(cli("check", "reports/report.yaml", "--format", "sarif", cwd=project).stdout)["runs"][0]
    assert {r["id"] for r in sarif["tool"]["driver"]["rules"] if r["id"].startswith("Z")} == {c for c, _ in EXPECTED}
    assert {r["ruleId"] for r in sarif["results"] if r["ruleId"].startswith("Z")} == {c for c, _ in EXPECTED}
    for fmt in ("concise", "json-lines", "github", "junit"):
        assert "Z002" in cli("check", "reports/report.yaml", "--format", fmt, cwd=project).stdout, fmt
    proc = cli("audit", "reports", "-j", "1", "-q", "--export", "out.csv", "--export", "out.html",
               "--export", "out.xlsx", cwd=project)
    assert proc.returncode == 1, proc.stderr
    assert "联系方式中未写明传真号码" in (project / "out.csv").read_text(encoding="utf-8-sig")
    assert "Z002" in (project / "out.html").read_text(encoding="utf-8")
    import zipfile
    with zipfile.ZipFile(project / "out.xlsx") as book:
        assert any("Z002" in book.read(n).decode("utf-8", "ignore") for n in book.namelist())
