"""Audit exports: .xlsx (openpyxl reads it back), .csv (UTF-8 BOM, Chinese intact, safe in
Excel), .json (complete, streamed), .html (self-contained, no external resource)."""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from xxgk_lint.audit import run_audit
from xxgk_lint.audit.exports import ExportError, check_export_path, export
from xxgk_lint.audit.record import FIGURES
from xxgk_lint.cli import main
from xxgk_lint.config import Config

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "sample-2021.yaml"
SEED = ROOT / "examples" / "jianning-suixi-2021.txt"


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """The seed, the clean sample twice (X103), a 2022 report of the sample organ whose
    carry-over contradicts 2021 (X101), a file whose name looks like a formula, an empty file."""
    root = tmp_path_factory.mktemp("exports")
    shutil.copy(SEED, root / "建宁县濉溪镇.txt")
    shutil.copy(SAMPLE, root / "a-2021.yaml")
    shutil.copy(SAMPLE, root / "b-2021-copy.yaml")
    with open(SAMPLE, encoding="utf-8") as fh:
        later = yaml.safe_load(fh)
    later["meta"].update(year=2022, title="示例县市场监督管理局2022年政府信息公开工作年度报告",
                         statistics_period={"start": "2022-01-01", "end": "2022-12-31"}, report_date="2023-01-20")
    later["tables"]["applications"]["carried_over"]["commercial"] = 0
    (root / "c-2022.yaml").write_text(yaml.safe_dump(later, allow_unicode=True), encoding="utf-8")
    (root / "=1+1.txt").write_text("", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def audit(folder):
    return run_audit([str(folder)], Config(), jobs=2)


@pytest.fixture(scope="module")
def exported(folder, audit, tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("out")
    paths = {kind: out / f"审核结果.{kind}" for kind in ("xlsx", "csv", "json", "html")}
    for path in paths.values():
        export(audit, str(path))
    return paths


def counted(audit) -> int:
    return sum(len(r.counted()) for r in audit.records)


def test_the_folder_has_what_the_exports_must_show(audit):
    found = {d.code for r in audit.records for d in r.counted()}
    assert {"X101", "X103", "I010"} <= found


def test_xlsx_has_reports_findings_and_figures(exported, audit):
    from openpyxl import load_workbook

    wb = load_workbook(exported["xlsx"], read_only=True)
    assert wb.sheetnames[:3] == ["报告", "问题", "表格数据"]
    reports = list(wb["报告"].iter_rows(values_only=True))
    assert reports[0][:4] == ("状态", "机关", "层级", "年度")
    body = [r for r in reports[1:] if r and r[0] in ("通过", "需修改", "无法检查")]
    assert len(body) == len(audit.records)
    assert body[0][0] == "无法检查"                                  # worst first
    assert any(r[1] == "建宁县濉溪镇人民政府" and r[2] == "乡镇" for r in body)

    findings = list(wb["问题"].iter_rows(values_only=True))
    assert findings[0][:8] == ("文件", "机关", "年度", "代码", "规则", "级别", "位置", "问题说明")
    assert len(findings) - 1 == counted(audit)
    x101 = [r for r in findings if r[3] == "X101"]
    assert x101 and "表三" in x101[0][6] and "上一年度报告" in x101[0][7]
    assert any(r[0].endswith("=1+1.txt") for r in findings[1:])       # stays text, not a formula

    figures = list(wb["表格数据"].iter_rows(values_only=True))
    assert figures[0][:3] == ("机关", "年度", "文件") and len(figures[0]) == 3 + len(FIGURES)
    sample_rows = [r for r in figures[1:] if r[0] == "示例县市场监督管理局"]
    assert [r[1] for r in sample_rows] == [2021, 2021, 2022]          # per organ, by year
    new_total = 3 + FIGURES.index("/tables/applications/new/total")
    assert sample_rows[0][new_total] == 16
    wb.close()


def test_csv_round_trips_with_chinese_intact(exported, audit):
    raw = exported["csv"].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")                            # the BOM Excel needs
    with open(exported["csv"], encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["文件", "机关", "年度", "代码", "规则", "级别", "位置", "问题说明", "修改建议", "豁免理由"]
    assert len(rows) - 1 == counted(audit)
    # the rule column is the Chinese title, the fix its advice
    rules = audit.rules
    assert all(r[4] == rules[r[3]].title.zh and r[8] == rules[r[3]].fix.zh for r in rows[1:])
    seed_rows = [r for r in rows if r[1] == "建宁县濉溪镇人民政府"]
    assert seed_rows and all(r[0].endswith("建宁县濉溪镇.txt") for r in seed_rows)
    expected = {(d.code, d.message.zh) for r in audit.records for d in r.counted()}
    assert {(r[3], r[7]) for r in rows[1:]} == expected


def test_csv_has_a_companion_listing_every_report_with_its_status(exported, audit):
    from xxgk_lint.audit.exports import reports_csv_path

    companion = Path(reports_csv_path(str(exported["csv"])))
    assert companion.name == "审核结果.reports.csv"
    with open(companion, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][:2] == ["状态", "机关"]
    # every report, the ones that passed included (they have no row in the findings CSV)
    assert sorted(r[-1] for r in rows[1:]) == sorted(r.path for r in audit.records)
    assert {r[0] for r in rows[1:]} >= {"通过", "无法检查"}


def test_csv_cells_never_start_a_formula(folder, tmp_path, monkeypatch):
    monkeypatch.chdir(folder)
    audit = run_audit(["=1+1.txt"], Config(), jobs=1)
    export(audit, str(tmp_path / "out.csv"))
    with open(tmp_path / "out.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[1][0] == "'=1+1.txt" and rows[1][3] == "I010"


def test_json_has_totals_rules_and_every_report(exported, audit):
    data = json.loads(exported["json"].read_text(encoding="utf-8"))
    assert data["tool"]["command"] == "audit"
    assert data["totals"]["files"] == len(audit.records) and data["totals"]["not_checked"] == 1
    assert len(data["reports"]) == len(audit.records)
    assert data["reports"][0]["status"] == "not_checked" and data["reports"][0]["reason"]
    by_code = {r["code"]: r for r in data["rules"]}
    assert by_code["X103"]["findings"] == 1 and by_code["X103"]["reports"] == 1
    later = next(r for r in data["reports"] if r["path"].endswith("c-2022.yaml"))
    x101 = [d for d in later["diagnostics"] if d["code"] == "X101"]
    assert x101 and x101[0]["details"]["other_file"].endswith("a-2021.yaml")
    assert later["figures"]["/tables/applications/carried_over/commercial"] == 0


def test_html_is_self_contained(exported, audit):
    html = exported["html"].read_text(encoding="utf-8")
    tags = re.findall(r"<[a-zA-Z][^>]*>", html)
    for tag in tags:
        assert not re.search(r"\b(src|href)\s*=\s*\"(?!#)", tag), tag       # only in-page links
    assert "<link" not in html and "@import" not in html and "url(" not in html
    assert html.count('<details class="report"') == sum(1 for r in audit.records if r.counted())
    assert "<svg" in html and "<rect" in html and "X103" in html
    assert "建宁县濉溪镇人民政府" in html and "&lt;" not in "".join(tags)


def test_export_by_extension_and_unknown_extensions():
    assert check_export_path("a.XLSX") == ".xlsx" and check_export_path("b.htm") == ".html"
    with pytest.raises(ExportError):
        check_export_path("report.pdf")


def test_every_export_lists_suppressed_findings(tmp_path):
    (tmp_path / "1.yaml").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "2.yaml").write_text(SAMPLE.read_text(encoding="utf-8")
                                     + "# xxgk-lint: disable=X103 两份均需保留\n", encoding="utf-8")
    audit = run_audit([str(tmp_path)], Config(audit_inline_suppressions=True), jobs=1)
    assert audit.exit_code() == 0
    out = tmp_path / "out"
    out.mkdir()
    for kind in ("csv", "json", "html", "xlsx"):
        export(audit, str(out / f"x.{kind}"))
    with open(out / "x.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert [r[3] for r in rows[1:]] == ["X103"] and rows[1][9] == "两份均需保留"
    reports = json.loads((out / "x.json").read_text(encoding="utf-8"))["reports"]
    assert [(d["code"], d["suppressed"]) for r in reports for d in r["diagnostics"]] == [("X103", "两份均需保留")]
    assert "两份均需保留" in (out / "x.html").read_text(encoding="utf-8")
    from openpyxl import load_workbook
    findings = load_workbook(out / "x.xlsx", read_only=True).worksheets[1]
    assert [row[9] for row in findings.iter_rows(min_row=2, values_only=True)] == ["两份均需保留"]


def test_cli_writes_every_export_in_english(folder, tmp_path, capsys):
    targets = [tmp_path / f"out.{k}" for k in ("xlsx", "csv", "json", "html")]
    args = ["audit", str(folder), "--isolated", "--lang", "en", "-q"]
    for t in targets:
        args += ["--export", str(t)]
    assert main(args) == 1
    assert all(t.stat().st_size > 0 for t in targets)
    with open(targets[1], encoding="utf-8-sig", newline="") as fh:
        assert next(csv.reader(fh))[:3] == ["path", "organ", "year"]
    assert json.loads(targets[2].read_text(encoding="utf-8"))["reports"][0]["status_label"] == "not checked"
    assert '<html lang="en">' in targets[3].read_text(encoding="utf-8")
    assert "exported" in capsys.readouterr().err
