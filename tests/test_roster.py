"""`audit --roster`: who must report, matched by name variants; 未报送, 名单外, ambiguous and
duplicate reports in the terminal and in every export."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from test_audit import DIFFERENT_PROSE, variant, write_yaml
from xxgk_lint.audit.record import ReportRecord
from xxgk_lint.audit.roster import RosterError, load_roster, match_roster
from xxgk_lint.organ import match_keys


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "xxgk_lint", *args], capture_output=True, text=True,
                          encoding="utf-8", timeout=300)


def record(i: int, organ: str | None, year: int = 2022) -> ReportRecord:
    return ReportRecord(index=i, path=f"{i}.yaml", kind="yaml", checked=organ is not None, diagnostics=[],
                        organ=organ, year=year)


def roster_of(tmp_path: Path, *names: str):
    path = tmp_path / "名单.txt"
    path.write_text("\n".join(names) + "\n", encoding="utf-8")
    return load_roster(path)


# ---------------------------------------------------------------- names

@pytest.mark.parametrize("roster_name, report_name", [
    ("建宁县濉溪镇人民政府", "濉溪镇人民政府"),
    ("建宁县濉溪镇人民政府", "濉溪镇"),
    ("濉溪镇", "建宁县濉溪镇人民政府"),
    ("濉溪镇人民政府", "濉溪镇政府"),
    ("建宁县市场监督管理局", "建宁县市场监督管理局"),
    ("县市场监督管理局", "建宁县市场监督管理局"),
    ("ＸＸ县城关镇人民政府", "XX县城关镇"),                  # full-width letters
    ("青山县城关街道办事处", "城关街道"),
    ("濉溪 镇（盖章）", "濉溪镇人民政府"),
])
def test_name_variants_match(tmp_path, roster_name, report_name):
    result = match_roster(roster_of(tmp_path, roster_name, "建宁县里心镇人民政府"), [record(0, report_name)])
    assert [len(result.reports.get(i, [])) for i in range(2)] == [1, 0]
    assert not result.unlisted and not result.ambiguous


@pytest.mark.parametrize("roster_name, report_name", [
    ("甲县财政局", "乙县财政局"),                      # another county's bureau
    ("建宁县人民政府", "建宁县濉溪镇人民政府"),         # the county is not its town
    ("建宁县濉溪镇人民政府", "建宁县里心镇人民政府"),
    ("建宁县人民政府", "建宁县人民政府办公室"),
])
def test_different_organs_do_not_match(tmp_path, roster_name, report_name):
    result = match_roster(roster_of(tmp_path, roster_name), [record(0, report_name)])
    assert [r.organ for r in result.unlisted] == [report_name] and result.missing()[0].name == roster_name


def test_an_ambiguous_name_is_reported_never_guessed(tmp_path):
    roster = roster_of(tmp_path, "甲县城关镇人民政府", "乙县城关镇人民政府", "城关街道")
    result = match_roster(roster, [record(0, "城关镇"), record(1, "城关")])
    assert [(r.organ, [e.name for e in c]) for r, c in result.ambiguous] == [
        ("城关镇", ["甲县城关镇人民政府", "乙县城关镇人民政府"]),
        ("城关", ["甲县城关镇人民政府", "乙县城关镇人民政府", "城关街道"])]
    assert not result.reports and len(result.missing()) == 3


def test_an_exact_name_wins_over_a_shorter_line(tmp_path):
    result = match_roster(roster_of(tmp_path, "建宁县濉溪镇人民政府", "濉溪镇"), [record(0, "濉溪镇")])
    assert result.reports == {1: [result.reports[1][0]]} and not result.ambiguous


def test_duplicates_unnamed_and_several_years(tmp_path):
    roster = roster_of(tmp_path, "濉溪镇", "里心镇")
    result = match_roster(roster, [record(0, "濉溪镇", 2022), record(1, "建宁县濉溪镇人民政府", 2022),
                                   record(2, "里心镇", 2021), record(3, "里心镇", 2022), record(4, None)])
    assert [(e.name, s) for e, s, _ in result.entries_with_status()] == [("濉溪镇", "duplicate"),
                                                                         ("里心镇", "reported")]
    assert [r.path for r in result.unnamed] == ["4.yaml"]


def test_match_keys_fold_width_and_drop_government_words():
    assert match_keys("建宁县濉溪镇人民政府") == ("建宁县濉溪镇", "濉溪镇", "濉溪")
    assert match_keys("ＸＸ县教育局") == ("XX县教育局", "教育局")
    assert match_keys("国家税务总局建宁县税务局")[:2] == ("国家税务总局建宁县税务局", "建宁县税务局")
    assert match_keys("  ") == () and match_keys(None) == ()


# ---------------------------------------------------------------- roster files

def test_csv_roster_with_header_in_gbk_as_excel_saves_it(tmp_path):
    path = tmp_path / "名单.csv"
    path.write_bytes("序号,单位名称,层级,联系人\n1,濉溪镇人民政府,乡镇,张三\n2,建宁县教育局,县级部门,李四\n,,,\n"
                     .encode("gbk"))
    roster = load_roster(path)
    assert [(e.position, e.name, e.level, e.contact) for e in roster.entries] == [
        (2, "濉溪镇人民政府", "乡镇", "张三"), (3, "建宁县教育局", "县级部门", "李四")]


def test_csv_without_a_recognised_header_takes_the_first_column(tmp_path):
    path = tmp_path / "名单.csv"
    path.write_text("濉溪镇,备注\n里心镇,\n", encoding="utf-8-sig")
    assert [e.name for e in load_roster(path).entries] == ["濉溪镇", "里心镇"]


def test_xlsx_roster_reads_the_first_sheet(tmp_path):
    path = tmp_path / "名单.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append(["机关", "联系人"])
    ws.append(["濉溪镇人民政府", "张三"])
    ws.append([None, None])
    ws.append(["建宁县教育局", 13800000000])
    wb.create_sheet("其他").append(["不读"])
    with warnings.catch_warnings():     # openpyxl opens its temporary files without an encoding
        warnings.simplefilter("ignore", EncodingWarning)
        wb.save(path)
    roster = load_roster(path)
    assert [(e.name, e.contact) for e in roster.entries] == [("濉溪镇人民政府", "张三"),
                                                             ("建宁县教育局", "13800000000")]


def test_txt_roster_skips_blank_and_comment_lines(tmp_path):
    path = tmp_path / "名单.txt"
    path.write_text("# 2023 年应报送\n濉溪镇\n\n里心镇\n", encoding="utf-8")
    assert [(e.position, e.name) for e in load_roster(path).entries] == [(2, "濉溪镇"), (4, "里心镇")]


@pytest.mark.parametrize("name, content, expect", [
    ("名单.doc", b"x", "不支持的格式"),
    ("名单.xlsx", b"not a zip", "不是有效的 .xlsx"),
    ("名单.txt", b"\n\n", "没有机关名称"),
    ("名单.txt", b"\xff\xfe\xfa\xfb\x00\x81", "编码无法识别"),
])
def test_unusable_roster_files_are_clear_errors(tmp_path, name, content, expect):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(RosterError, match=expect) as caught:
        load_roster(path)
    assert str(path) in str(caught.value)


def test_a_missing_roster_is_a_usage_error_before_the_run(tmp_path):
    done = cli("audit", str(tmp_path), "--roster", str(tmp_path / "无.csv"), "--isolated")
    assert done.returncode == 2 and "无法读取" in done.stderr and "Traceback" not in done.stderr


# ---------------------------------------------------------------- every output

@pytest.fixture(scope="module")
def county(tmp_path_factory):
    root = tmp_path_factory.mktemp("roster")
    reports = root / "2022"
    write_yaml(reports / "濉溪镇.yaml", variant("建宁县濉溪镇人民政府", 2022))
    other = variant("建宁县外来局", 2022)
    other["sections"] = DIFFERENT_PROSE
    write_yaml(reports / "外来局.yaml", other)
    roster = root / "名单.csv"
    roster.write_text("机关名称,联系人\n濉溪镇,张三\n溪口镇人民政府,李四\n", encoding="utf-8-sig")
    exports = {kind: root / f"结果.{kind}" for kind in ("json", "csv", "xlsx", "html")}
    args = ["audit", str(reports), "--roster", str(roster), "--isolated"]
    for path in exports.values():
        args += ["--export", str(path)]
    done = cli(*args)
    assert done.returncode in (0, 1), done.stderr
    return done, exports


def test_terminal_lists_missing_and_unlisted(county):
    done, _ = county
    assert "未报送：溪口镇人民政府" in done.stdout
    assert "名单外：建宁县外来局" in done.stdout
    assert "已报送 1 个，未报送 1 个" in done.stdout


def test_json_has_a_top_level_roster(county):
    _, exports = county
    data = json.loads(exports["json"].read_text(encoding="utf-8"))
    assert [e["name"] for e in data["roster"]["missing"]] == ["溪口镇人民政府"]
    assert [u["organ"] for u in data["roster"]["unlisted"]] == ["建宁县外来局"]
    assert data["roster"]["ambiguous"] == []
    assert [(e["name"], e["status_label"], e["contact"]) for e in data["roster"]["entries"]] == [
        ("濉溪镇", "已报送", "张三"), ("溪口镇人民政府", "未报送", "李四")]


def test_xlsx_has_a_roster_sheet_with_each_status(county):
    _, exports = county
    wb = load_workbook(exports["xlsx"], read_only=True)
    rows = [list(r) for r in wb["名单"].iter_rows(values_only=True)]
    assert rows[0][:5] == ["名单行", "机关", "层级", "联系人", "报送情况"]
    by_name = {r[1]: r for r in rows[1:] if len(r) > 1 and r[1]}
    assert by_name["濉溪镇"][4] == "已报送" and by_name["濉溪镇"][7].endswith("濉溪镇.yaml")
    assert by_name["溪口镇人民政府"][4] == "未报送"
    assert by_name["建宁县外来局"][4] == "名单外"


def test_csv_lists_the_missing_and_unlisted_organs(county):
    _, exports = county
    with open(exports["csv"], encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert any(r[:2] == ["", "溪口镇人民政府"] and r[4] == "未报送" for r in rows)
    assert any(r[1] == "建宁县外来局" and r[4] == "名单外" for r in rows)


def test_html_lists_the_missing(county):
    _, exports = county
    html = exports["html"].read_text(encoding="utf-8")
    assert '<ul id="roster">' in html and "未报送：溪口镇人民政府" in html
