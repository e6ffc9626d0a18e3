"""Grouped findings through the real CLI: one rule firing on many cells or rows of one table for one
cause is one diagnostic, its cells listed (and located) in `details.group`, in every output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures"))

import make_documents  # noqa: E402

from xxgk_lint import spec  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "jianning-suixi-2021.txt"


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "xxgk_lint", *args], cwd=cwd or ROOT, env=env,
                          capture_output=True, timeout=120)


def word_pasted_blank_columns(tmp_path: Path) -> Path:
    """A portal page pasted from Word (MsoNormal paragraphs, inline fonts) whose 表三 fills only
    自然人 and 总计: every 法人或其他组织 cell is blank, as on real county portals."""
    report = make_documents.load(make_documents.DEFAULT_YAML)
    for row in report["tables"]["applications"].values():
        for col in spec.LEGAL_PERSON_COLUMNS:
            row[col] = None
        row["total"] = row["natural_person"]
    html = make_documents.render_html(make_documents.build_items(report), report)
    html = (html.replace("<td", '<td width=60 valign=top style="border:solid windowtext 1.0pt;padding:0cm 5.4pt"')
            .replace("<p>", '<p class=MsoNormal align=center><span lang=EN-US style="font-size:10.5pt;'
                            'font-family:仿宋_GB2312">')
            .replace("</p></td>", "</span></p></td>"))
    path = tmp_path / "blank-columns.html"
    path.write_text(html, encoding="utf-8")
    return path


def diagnostics(proc: subprocess.CompletedProcess) -> list[dict]:
    (file,) = json.loads(proc.stdout)["files"]
    return file["diagnostics"]


def test_blank_legal_person_columns_are_one_finding(tmp_path):
    page = word_pasted_blank_columns(tmp_path)
    proc = cli("check", str(page), "--format", "json")
    assert proc.returncode == 1, proc.stderr.decode()
    diags = diagnostics(proc)
    errors = [d for d in diags if d["severity"] == "error"]
    assert len(errors) <= 10, [d["message"] for d in errors]
    (blank,) = [d for d in diags if d["code"] == "T202"]
    assert "法人或其他组织 5 栏在全部 25 行均为空白（125 格）" in blank["message"]
    group = blank["details"]["group"]
    assert len(group) == 125
    # pointing at the first blank cell; each member located in the page
    assert blank["location"]["pointer"] == group[0]["pointer"] == "/tables/applications/new/commercial"
    assert all(m["location"]["line"] for m in group)
    # the totals it leaves unverifiable are told with it, not as a hundred more lines
    assert not [d for d in diags if d["code"] == "A405"]
    assert {u["code"] for u in blank["details"]["unverifiable"]} == {"A405"}


def test_seed_missing_rows_are_one_finding_in_json_and_text():
    proc = cli("check", str(SEED), "--format", "json")
    diags = diagnostics(proc)
    (missing,) = [d for d in diags if d["code"] == "T201"]
    assert len(missing["details"]["group"]) == 9
    assert not [d for d in diags if d["code"] == "A405"]
    text = cli("check", str(SEED)).stdout.decode()
    (line,) = [x for x in text.splitlines() if "T201" in x]
    # each missing row named once
    assert line.count("结转下年度继续办理") == 1 and line.count("重复申请") == 0 and "缺少 9 行" in line


def test_sarif_lists_the_cells_as_related_locations(tmp_path):
    page = word_pasted_blank_columns(tmp_path)
    log = json.loads(cli("check", str(page), "--format", "sarif").stdout)
    (result,) = [r for r in log["runs"][0]["results"] if r["ruleId"] == "T202"]
    related = result["relatedLocations"]
    assert len(related) == 125
    assert related[0]["logicalLocations"][0]["decoratedName"] == "/tables/applications/new/commercial"
    assert related[0]["physicalLocation"]["region"]["startLine"] > 0


def test_baseline_holds_a_group_as_one_entry(tmp_path):
    baseline = tmp_path / "baseline.json"
    cli("check", str(SEED), "--baseline", str(baseline))     # absent: written
    entries = json.loads(baseline.read_text(encoding="utf-8"))
    text = json.dumps(entries, ensure_ascii=False)
    assert text.count("T201") == 1
    again = cli("check", str(SEED), "--baseline", str(baseline))
    assert again.returncode == 0, again.stdout.decode()


def test_audit_and_its_exports_carry_the_same_groups(tmp_path):
    import shutil

    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(SEED, folder / "seed.txt")
    out = tmp_path / "审核结果.json"
    proc = cli("audit", str(folder), "--export", str(out), "--jobs", "1")
    assert proc.returncode == 1, proc.stderr.decode()
    (report,) = json.loads(out.read_text(encoding="utf-8"))["reports"]
    codes = [d["code"] for d in report["diagnostics"]]
    assert codes.count("T201") == 1 and "A405" not in codes
    (missing,) = [d for d in report["diagnostics"] if d["code"] == "T201"]
    assert len(missing["details"]["group"]) == 9
    assert missing["fix"].startswith("按规定格式补上所列的行")     # how to fix, as in check's JSON
