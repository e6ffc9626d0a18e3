"""The real CLI in a subprocess: exit codes, findings printed at line:column, JSON as data."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path


ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "sample-2021.yaml"


def cli(*args: str, cwd: Path | None = None, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "xxgk_lint", *args], cwd=cwd or ROOT, env=env,
                          input=stdin, capture_output=True, timeout=120)


def out(proc: subprocess.CompletedProcess) -> str:
    return proc.stdout.decode("utf-8") + proc.stderr.decode("utf-8")


def planted(tmp_path: Path) -> Path:
    """The clean sample with a deleted 表三 row, a negative count and a missing section."""
    text = SAMPLE.read_text(encoding="utf-8")
    text = re.sub(r"\n    results_total: .*", "", text)                      # 表三 （七）总计
    text = text.replace("licensing: {decisions: 356}", "licensing: {decisions: -356}")
    text = re.sub(r"\n  reviews: 本年度因.*", "", text)                      # section 四 text
    path = tmp_path / "defective.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_version_is_fast_path():
    proc = cli("--version")
    assert proc.returncode == 0
    assert re.fullmatch(r"xxgk-lint \d+\.\d+\.\d+\s*", proc.stdout.decode())


def test_clean_sample_exits_zero_with_no_findings():
    proc = cli("check", str(SAMPLE), "--format", "json")
    assert proc.returncode == 0, out(proc)
    data = json.loads(proc.stdout)
    assert data["files"][0]["diagnostics"] == []
    assert data["summary"]["errors"] == 0


def test_planted_defects_are_found_at_line_and_column(tmp_path: Path):
    path = planted(tmp_path)
    lines = path.read_text(encoding="utf-8").splitlines()
    proc = cli("check", str(path), "--format", "json")
    assert proc.returncode == 1, out(proc)
    diags = json.loads(proc.stdout)["files"][0]["diagnostics"]
    by_code = {}
    for d in diags:
        by_code.setdefault(d["code"], []).append(d)
    missing_row = [d for d in by_code.get("T201", []) if d["location"]["pointer"].endswith("/results_total")]
    assert missing_row, diags
    assert "（七）总计" in missing_row[0]["message"] and "表三" in missing_row[0]["message"]
    negative = by_code["V301"][0]
    assert negative["location"]["pointer"] == "/tables/proactive/item5/licensing/decisions"
    assert "-356" in lines[negative["location"]["line"] - 1]
    assert negative["location"]["column"] >= 1
    section = by_code["S101"][0]
    assert section["location"]["pointer"] == "/sections/reviews"
    assert "四" in section["message"]

    text = cli("check", str(path))
    assert text.returncode == 1
    printed = out(text)
    line = negative["location"]["line"]
    assert f"{path.name}:{line}:" in printed or f":{line}:{negative['location']['column']}" in printed
    assert "表三" in printed and "（七）总计" in printed


def test_json_and_concise_carry_the_same_findings(tmp_path: Path):
    path = planted(tmp_path)
    as_json = json.loads(cli("check", str(path), "--format", "json").stdout)
    codes = sorted(d["code"] for d in as_json["files"][0]["diagnostics"])
    concise = cli("check", str(path), "--format", "concise").stdout.decode("utf-8")
    concise_codes = sorted(re.findall(r"\b([A-Z]{1,3}\d{3})\b", concise))
    assert codes and concise_codes == codes


def test_english_messages(tmp_path: Path):
    proc = cli("check", str(planted(tmp_path)), "--format", "json", "--lang", "en")
    diags = json.loads(proc.stdout)["files"][0]["diagnostics"]
    assert diags
    for d in diags:
        assert d["message"] == d["message_en"] != d["message_zh"]


def test_fail_on_and_select(tmp_path: Path):
    path = planted(tmp_path)
    assert cli("check", str(path), "--select", "S101", "--format", "json").returncode == 1
    assert cli("check", str(path), "--ignore", "S,T,V,A,K,N,D,C", "--format", "json").returncode == 0


def test_unknown_code_in_config_is_reported(tmp_path: Path):
    (tmp_path / "xxgk-lint.toml").write_text('ignore = ["Q999"]\n', encoding="utf-8")
    proc = cli("check", str(SAMPLE), cwd=tmp_path)
    assert proc.returncode == 0
    assert "Q999" in proc.stderr.decode("utf-8")


def test_bad_config_and_usage_exit_two(tmp_path: Path):
    (tmp_path / "xxgk-lint.toml").write_text('fail-on = "fatal"\n', encoding="utf-8")
    assert cli("check", str(SAMPLE), cwd=tmp_path).returncode == 2
    assert cli("check").returncode == 2
    assert cli("no-such-command").returncode == 2
    assert cli("explain", "Q999").returncode == 2


def test_missing_path_is_a_usage_error_not_a_crash(tmp_path: Path):
    """A path that does not exist is the user's mistake (exit 2, one line), not a finding."""
    proc = cli("check", str(tmp_path / "nope.yaml"), str(SAMPLE), "--format", "json")
    assert proc.returncode == 2 and proc.stdout == b""
    err = proc.stderr.decode("utf-8")
    assert "nope.yaml：文件或文件夹不存在" in err and "Traceback" not in err


def test_unreadable_file_is_still_a_finding(tmp_path: Path):
    """A file that exists but cannot be opened stays an I001 finding beside the other files."""
    folder = tmp_path / "a-folder.yaml"
    folder.mkdir()
    (folder / "inner.yaml").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    from xxgk_lint.engine import Linter

    result = Linter().lint_file(str(folder))
    assert result.diagnostics[0].code == "I001" and not result.checked


def test_stdin_with_filename():
    proc = cli("check", "-", "--stdin-filename", "sample.yaml", "--format", "json", stdin=SAMPLE.read_bytes())
    assert proc.returncode == 0, out(proc)
    assert json.loads(proc.stdout)["files"][0]["path"] == "sample.yaml"


def test_rules_and_explain_cover_every_rule():
    from xxgk_lint.cli import main
    from xxgk_lint.registry import load_rules

    rules = load_rules()
    listing = cli("rules", "--format", "json")
    assert listing.returncode == 0
    assert {r["code"] for r in json.loads(listing.stdout)} == set(rules)
    table = cli("rules").stdout.decode("utf-8")
    for code in rules:
        assert code in table
    for code, rule in rules.items():
        assert rule.legal_basis.zh and rule.checks.zh and rule.rationale.zh, code
    page = cli("explain", "S101")
    assert page.returncode == 0 and "法规依据" in page.stdout.decode("utf-8")
    for code in rules:  # in-process for speed: the same main() the console script runs
        assert main(["explain", code]) == 0


def test_schema_command_prints_the_year_format():
    proc = cli("schema", "--year", "2020")
    assert proc.returncode == 0
    schema = json.loads(proc.stdout)
    assert "2019" in json.dumps(schema, ensure_ascii=False)[:2000] or "other_services" in proc.stdout.decode()
    assert cli("schema", "--year", "2018").returncode == 2


def test_a_document_that_is_not_a_report_is_not_checked(tmp_path: Path):
    notice = tmp_path / "通知.txt"
    notice.write_text("关于报送2021年度报告的通知\n请各单位于2022年1月31日前报送。\n", encoding="utf-8")
    proc = cli("check", str(notice), "--format", "json")
    data = json.loads(proc.stdout)
    assert [d["code"] for d in data["files"][0]["diagnostics"]] == ["I011"]
    assert data["summary"]["not_checked"] == 1
    seed = cli("check", "examples/jianning-suixi-2021.txt", "--format", "json")
    assert "I011" not in {d["code"] for d in json.loads(seed.stdout)["files"][0]["diagnostics"]}


def test_internal_error_of_the_tool_exits_two(monkeypatch, capsys):
    import xxgk_lint.commands.rules as rules_command
    from xxgk_lint.cli import main

    def broken(args):
        raise RuntimeError("boom")

    monkeypatch.setattr(rules_command, "run", broken)
    assert main(["rules"]) == 2
    assert "boom" in capsys.readouterr().err


# Modules that building the command line must not import: each costs `--help` start-up (issue 18:
# every command's --help within 2× of `python -c pass`, measured by bench/startup.py).
HEAVY_AT_START_UP = ("xxgk_lint.model", "xxgk_lint.spec", "xxgk_lint.reporters", "xxgk_lint.audit",
                     "xxgk_lint.engine", "xxgk_lint.config", "dataclasses", "importlib.resources", "json")


def test_building_the_command_line_imports_nothing_heavy():
    code = ("import sys; from xxgk_lint.cli import build_parser; build_parser(); "
            f"print(sorted(m for m in {HEAVY_AT_START_UP!r} if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8",
                          timeout=60, check=True)
    assert done.stdout.strip() == "[]", done.stdout
