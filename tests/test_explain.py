"""`explain`, `rules` and the how-to-fix text: every rule says how to fix its findings, and the
pages read as terminal text in the clerk's words (no Markdown markers, Chinese words)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest

from xxgk_lint.commands.explain import find, render_page
from xxgk_lint.registry import load_rules

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "jianning-suixi-2021.txt"
RULES = load_rules()
MARKDOWN = re.compile(r"^\s*#|`|\*\*|^\s*- ", re.M)


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120"}
    return subprocess.run([sys.executable, "-m", "xxgk_lint", *args], cwd=cwd or ROOT, env=env,
                          capture_output=True, timeout=120)


def page(code: str, lang: str = "zh") -> str:
    from rich.console import Console

    out = StringIO()
    Console(file=out, width=100, no_color=True, highlight=False).print(render_page(RULES[code], lang))
    return out.getvalue()


def test_every_rule_says_how_to_fix_it():
    missing = [code for code, rule in RULES.items() if rule.fix is None or not rule.fix.zh or not rule.fix.en]
    assert not missing, f"rules without fix=(zh, en): {missing}"
    # advice, not a restatement of the title
    assert all(rule.fix.zh != rule.title.zh for rule in RULES.values())


@pytest.mark.parametrize("code", sorted(RULES))
def test_explain_page_has_fix_section_and_no_markdown(code):
    text = page(code)
    assert "修改建议" in text and RULES[code].fix.zh[:8] in text
    assert not MARKDOWN.search(text), text
    # category and severity in Chinese words, not the English ids
    assert f"类别  {RULES[code].category}" not in text and "severity" not in text
    english = page(code, "en")
    assert "How to fix" in english and not MARKDOWN.search(english)


def test_explain_through_the_cli_by_code_title_and_part_of_a_title():
    by_code = cli("explain", "A403")
    assert by_code.returncode == 0
    text = by_code.stdout.decode("utf-8")
    assert "修改建议" in text and "合计" in text and "错误" in text and "## " not in text
    by_title = cli("explain", "收支不平衡")
    assert by_title.returncode == 0 and by_title.stdout == by_code.stdout
    assert cli("explain", RULES["A403"].title.zh).stdout == by_code.stdout


def test_find_by_part_of_a_title_lists_every_candidate():
    assert [r.code for r in find(RULES, "总计")] == ["A401", "A402", "A404", "T204"]
    assert [r.code for r in find(RULES, "applications-balance")] == ["A403"]
    assert find(RULES, "a403")[0].code == "A403"


def test_rules_table_shows_the_chinese_title_beside_the_code():
    text = cli("rules").stdout.decode("utf-8")
    line = next(x for x in text.splitlines() if "A403" in x)
    assert "收支不平衡" in line and "合计" in line and "错误" in line
    listed = json.loads(cli("rules", "--format", "json").stdout)
    assert all(r["fix"] for r in listed)


def test_fix_under_each_finding_and_how_to_hide_it(tmp_path):
    shown = cli("check", str(SEED)).stdout.decode("utf-8")
    findings = [x for x in shown.splitlines() if re.match(r"  (错误|警告|提示) ", x)]
    fixes = [x for x in shown.splitlines() if x.startswith("  修改建议：")]
    assert findings and len(fixes) == len(findings)
    assert RULES["T201"].fix.zh in shown
    hidden = cli("check", str(SEED), "--no-fix").stdout.decode("utf-8")
    assert "修改建议" not in hidden and "T201" in hidden
    (tmp_path / "xxgk-lint.toml").write_text("show-fix = false\n", encoding="utf-8")
    assert "修改建议" not in cli("check", str(SEED), cwd=tmp_path).stdout.decode("utf-8")
    english = cli("check", str(SEED), "--lang", "en").stdout.decode("utf-8")
    assert "How to fix: " + RULES["T201"].fix.en in english


def test_json_diagnostics_carry_fix_and_contract_stays_version_one():
    doc = json.loads(cli("check", str(SEED), "--format", "json").stdout)
    assert doc["version"] == 1
    for d in doc["files"][0]["diagnostics"]:
        assert d["fix"] == RULES[d["code"]].fix.zh
    lines = cli("check", str(SEED), "--format", "json-lines", "--lang", "en").stdout.decode().splitlines()
    assert all(json.loads(x)["fix"] == RULES[json.loads(x)["code"]].fix.en for x in lines)


def test_statistics_show_the_title_beside_the_code():
    text = cli("check", str(SEED), "--statistics").stdout.decode("utf-8")
    assert re.search(r"T201\s+统计表缺少行\s+1", text)
    concise = cli("check", str(SEED), "--statistics", "--format", "concise").stdout.decode("utf-8")
    assert "\tT201\t统计表缺少行" in concise
