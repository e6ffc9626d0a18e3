"""Reports received from others (issue 11): each problem reproduced with the real CLI in a
subprocess, as an attacker would set it up, and the safe behaviour asserted.

The terminal cases run in a real pseudo-terminal (test_received_terminal.py); the heavy PDF,
special files, deep folders and signals are in test_received_bounds.py.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "jianning-suixi-2021.txt"          # a real report with 11 errors
SAMPLE = ROOT / "examples" / "sample-2021.yaml"               # a clean report

MARKER_RULE = '''
from pathlib import Path
Path(__file__).with_name("ran.marker").write_text("code from the folder ran", encoding="utf-8")
'''


def cli(*args: str, cwd: Path, timeout: float = 180, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "xxgk_lint", *args], cwd=cwd, capture_output=True,
                          text=True, encoding="utf-8", errors="replace", timeout=timeout,
                          env={**os.environ, "NO_COLOR": "1", **(env or {})})


def seed_errors(tmp_path: Path) -> int:
    """Errors of the seed under the default settings (no configuration file at all)."""
    proc = cli("check", str(SEED), "--isolated", "--format", "json", cwd=tmp_path)
    return json.loads(proc.stdout)["summary"]["errors"]


def received(tmp_path: Path, name: str = "报告") -> Path:
    folder = tmp_path / name
    folder.mkdir()
    shutil.copyfile(SEED, folder / "seed.txt")
    return folder


# ---------------------------------------------------------------- 1. code and settings from the folder

def test_no_code_runs_and_no_config_applies_from_a_received_folder(tmp_path):
    folder = received(tmp_path)
    (folder / "xxgk-lint.toml").write_text('rules-dirs = ["."]\nignore = ["ALL"]\n', encoding="utf-8")
    (folder / "evil.py").write_text(MARKER_RULE, encoding="utf-8")
    audit = cli("audit", ".", "-j", "1", cwd=folder)
    check = cli("check", "seed.txt", "--format", "json", cwd=folder)
    assert not (folder / "ran.marker").exists()
    errors = seed_errors(tmp_path)
    assert errors > 0
    assert audit.returncode == 1 and f"错误 {errors} 项" in audit.stdout and "未采用配置文件" in audit.stderr
    assert check.returncode == 1 and json.loads(check.stdout)["summary"]["errors"] == errors
    assert json.loads(check.stdout)["config"] is None
    assert "配置文件：无" in audit.stdout


def test_a_config_three_folders_up_inside_the_audited_folder_does_not_apply(tmp_path):
    folder = tmp_path / "收到的"
    deep = folder / "a" / "b" / "c"
    deep.mkdir(parents=True)
    shutil.copyfile(SEED, deep / "seed.txt")
    (folder / "xxgk-lint.toml").write_text('ignore = ["ALL"]\n', encoding="utf-8")
    proc = cli("audit", ".", "-j", "1", cwd=folder)
    assert proc.returncode == 1 and f"错误 {seed_errors(tmp_path)} 项" in proc.stdout


def test_an_organs_own_repository_config_applies_to_check_but_not_to_audit(tmp_path):
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    shutil.copyfile(SEED, repo / "seed.txt")
    (repo / "xxgk-lint.toml").write_text('ignore = ["S"]\n', encoding="utf-8")
    check = cli("check", ".", "--format", "json", cwd=repo)
    assert json.loads(check.stdout)["config"] == str(repo / "xxgk-lint.toml")
    audit = cli("audit", ".", "-j", "1", cwd=repo)
    assert "未采用配置文件" in audit.stderr and "配置文件：无" in audit.stdout


def test_search_stops_at_the_repository_root(tmp_path):
    (tmp_path / "xxgk-lint.toml").write_text('ignore = ["ALL"]\n', encoding="utf-8")   # above the repo
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    shutil.copyfile(SEED, repo / "seed.txt")
    proc = cli("check", "seed.txt", "--format", "json", cwd=repo)
    assert proc.returncode == 1 and json.loads(proc.stdout)["config"] is None


def test_the_configuration_in_effect_is_named_everywhere(tmp_path):
    own = tmp_path / "mine.toml"
    own.write_text('ignore = ["N"]\n', encoding="utf-8")
    folder = received(tmp_path)
    as_json = json.loads(cli("check", "seed.txt", "--config", str(own), "--format", "json", cwd=folder).stdout)
    assert as_json["config"] == str(own)
    sarif = json.loads(cli("check", "seed.txt", "--config", str(own), "--format", "sarif", cwd=folder).stdout)
    assert sarif["runs"][0]["invocations"][0]["properties"]["config"] == str(own)
    plain = cli("check", "seed.txt", "--config", str(own), "--verbose", cwd=folder)
    assert f"配置文件：{own}" in plain.stdout and f"配置文件：{own}" in plain.stderr
    export = tmp_path / "a.json"
    audit = cli("audit", ".", "--config", str(own), "--export", str(export), "-j", "1", cwd=folder)
    assert f"配置文件：{own}" in audit.stdout
    assert json.loads(export.read_text(encoding="utf-8"))["config"] == str(own)


# ---------------------------------------------------------------- 2. exit codes that cannot lie

KILLER_RULE = '''
import os, signal
from xxgk_lint.rule_api import rule

@rule(code="LOC950", name="kills-its-worker", category="content", severity="info",
      title=("杀死进程", "kills"), checks=("测试", "test"), rationale=("测试", "test"),
      legal_basis=("无", "none"), fix=("无", "none"))
def kill(report, ctx):
    if "致命" in str(report.data.get("meta", {}).get("organ")):
        os.kill(os.getpid(), signal.SIGKILL)
    return ()
'''


def test_a_killed_worker_never_gives_exit_0(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "killer.py").write_text(KILLER_RULE, encoding="utf-8")
    config = tmp_path / "mine.toml"
    config.write_text(f'rules-dirs = ["{rules}"]\n', encoding="utf-8")
    folder = tmp_path / "reports"
    folder.mkdir()
    text = SAMPLE.read_text(encoding="utf-8")
    for i in range(24):     # every third report kills the worker checking it
        body = text.replace("示例县", f"示例{i}县" + ("致命" if i % 3 == 0 else ""))
        (folder / f"{i:02d}.yaml").write_text(body, encoding="utf-8")
    export = tmp_path / "out.json"
    proc = cli("audit", str(folder), "--config", str(config), "-j", "2", "--export", str(export), cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    reports = json.loads(export.read_text(encoding="utf-8"))["reports"]
    died = sorted(Path(r["path"]).name for r in reports if not r["checked"])
    assert died == [f"{i:02d}.yaml" for i in range(0, 24, 3)]
    assert all(r["diagnostics"][0]["code"] == "I007" for r in reports if not r["checked"])
    assert "共 24 个文件" in proc.stdout


@pytest.mark.parametrize("value", ["inf", "1e300", "nan", "-1"])
def test_absurd_timeouts_are_usage_errors(tmp_path, value):
    proc = cli("audit", str(SAMPLE), "--timeout", value, cwd=tmp_path)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and "--timeout" in proc.stderr


def test_a_closed_stdout_ends_quietly_with_the_findings_exit_code(tmp_path):
    folder = received(tmp_path)
    for i in range(40):
        shutil.copyfile(SEED, folder / f"r{i}.txt")
    for args in (["check", ".", "--format", "concise"], ["audit", ".", "-j", "1"]):
        head = subprocess.Popen([sys.executable, "-m", "xxgk_lint", *args], cwd=folder, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, env={**os.environ, "NO_COLOR": "1"})
        head.stdout.read(10)
        head.stdout.close()                      # the reader went away (| head -c 10)
        stderr = head.stderr.read().decode("utf-8")
        assert head.wait(180) == 1, stderr      # the findings' exit code, not 0 and not 2
        assert "Exception ignored" not in stderr and "BrokenPipe" not in stderr and "Traceback" not in stderr


# ---------------------------------------------------------------- 4. outputs and exports

def test_outputs_never_overwrite_an_input_or_a_link_target(tmp_path):
    folder = received(tmp_path)
    html = folder / "report.html"
    html.write_text("<html><body><p>一、总体情况</p></body></html>", encoding="utf-8")
    before = html.read_bytes()
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "important.docx").write_bytes(b"precious")
    out = tmp_path / "out"
    out.mkdir()
    (out / "汇总.xlsx").symlink_to(victim / "important.docx")
    link, missing = str(out / "汇总.xlsx"), str(tmp_path / "nope" / "a.csv")
    cases = [
        (["audit", ".", "--export", "report.html"], "report.html", "中的输入文件，不能覆盖"),
        (["audit", ".", "--export", "new.json"], "new.json", "位于被检查的文件夹"),
        (["audit", ".", "--export", link], link, "是符号链接"),
        (["audit", ".", "--export", missing], missing, "所在文件夹不存在"),
        (["check", "seed.txt", "-o", "seed.txt"], "seed.txt", "是本次检查的输入文件"),
        (["check", ".", "-o", "findings.json", "--format", "json"], "findings.json", "位于被检查的文件夹"),
        (["check", "seed.txt", "-o", link], link, "是符号链接"),
        (["extract", "seed.txt", "-o", link], link, "是符号链接"),
    ]
    for args, path, said in cases:
        proc = cli(*args, cwd=folder)
        assert proc.returncode == 2, (args, proc.stderr)
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1 and said in lines[0] and path in lines[0], lines
        assert proc.stdout == ""                 # refused before the run
    assert html.read_bytes() == before and (folder / "seed.txt").read_bytes() == SEED.read_bytes()
    assert (victim / "important.docx").read_bytes() == b"precious"
    assert not (folder / "new.json").exists() and not (folder / "findings.json").exists()


def test_earlier_exports_in_the_audited_folder_are_skipped(tmp_path):
    folder = received(tmp_path)
    for kind in ("json", "html"):
        assert cli("audit", ".", "--export", str(tmp_path / f"old.{kind}"), "-j", "1", cwd=folder).returncode == 1
        shutil.move(tmp_path / f"old.{kind}", folder / f"上次汇总.{kind}")
    export = tmp_path / "new.json"
    proc = cli("audit", ".", "--export", str(export), "-j", "1", cwd=folder)
    assert proc.returncode == 1
    assert [Path(r["path"]).name for r in json.loads(export.read_text(encoding="utf-8"))["reports"]] == ["seed.txt"]
    assert "跳过 xxgk-lint 导出的汇总文件 2 个" in proc.stdout


def test_an_interrupted_export_leaves_the_previous_one_intact(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    for i in range(300):
        shutil.copyfile(SAMPLE, folder / f"{i:03d}.yaml")
    export = tmp_path / "汇总.csv"
    export.write_bytes("previous complete export\n".encode("utf-8"))
    for delay in (0.5, 1.5, 3.0):
        proc = subprocess.Popen([sys.executable, "-m", "xxgk_lint", "audit", str(folder), "-q", "-j", "2",
                                 "--export", str(export)], cwd=tmp_path, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE)
        time.sleep(delay)
        proc.send_signal(signal.SIGINT)
        proc.wait(120)
        text = export.read_text(encoding="utf-8-sig")
        # Either the earlier file, untouched, or a complete new export: never a part of one.
        if text != "previous complete export\n":
            rows = list(csv.reader(text.splitlines()))
            assert rows[0][0] == "文件"
        assert not [p for p in tmp_path.iterdir() if p.name.startswith(".汇总.csv.")]   # no temp file left


def test_concurrent_audits_never_interleave_an_export(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    for i in range(60):
        shutil.copyfile(SAMPLE, folder / f"{i:02d}.yaml")
    export = tmp_path / "汇总.json"
    procs = [subprocess.Popen([sys.executable, "-m", "xxgk_lint", "audit", str(folder), "-q", "-j", "1",
                               "--export", str(export)], cwd=tmp_path, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL) for _ in range(3)]
    assert [p.wait(300) for p in procs] == [0, 0, 0]      # X103 (duplicates) is a warning
    doc = json.loads(export.read_bytes().decode("utf-8"))     # one whole export, valid UTF-8
    assert len(doc["reports"]) == 60
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([export.name, "reports"])   # no temp files


# ---------------------------------------------------------------- 5. the organ cannot silence the auditor

def _html_report(folder: Path, comment: str) -> Path:
    lines = SEED.read_text(encoding="utf-8").splitlines()
    body = "\n".join(f"<p>{line}</p>" for line in lines if line.strip())
    path = folder / "organ.html"
    path.write_text(f"<html><body>\n{comment}\n{body}\n</body></html>\n", encoding="utf-8")
    return path


def _codes_of(proc_export: Path) -> tuple[list[str], list[str]]:
    report = json.loads(proc_export.read_text(encoding="utf-8"))["reports"][0]
    counted = [d["code"] for d in report["diagnostics"] if "suppressed" not in d]
    silenced = [d["code"] for d in report["diagnostics"] if "suppressed" in d]
    return counted, silenced


def test_inline_disable_in_an_audited_report_does_not_make_it_pass(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    baseline = cli("check", str(_html_report(folder, "")), "--format", "json", "--isolated", cwd=tmp_path)
    codes = sorted({d["code"] for d in json.loads(baseline.stdout)["files"][0]["diagnostics"]
                    if d["severity"] == "error"})
    assert codes
    disable = ",".join(codes)
    export = tmp_path / "a.json"

    _html_report(folder, f"<!-- xxgk-lint: disable={disable} . -->")
    proc = cli("audit", str(folder), "--isolated", "--export", str(export), cwd=tmp_path)
    assert proc.returncode == 1 and "需修改" in proc.stdout and "通过 0 份" in proc.stdout
    counted, silenced = _codes_of(export)
    assert set(codes) <= set(counted) and silenced == []

    # honoured on request, but "." is no reason: L003, nothing silenced
    proc = cli("audit", str(folder), "--isolated", "--honour-inline-suppressions", "--export", str(export),
               cwd=tmp_path)
    counted, silenced = _codes_of(export)
    assert proc.returncode == 1 and "L003" in counted and silenced == []

    # a real reason, honoured: silenced, and listed per report in the terminal and every export
    _html_report(folder, f"<!-- xxgk-lint: disable={disable} 本机关已于三月书面说明原因 -->")
    exports = [tmp_path / f"b.{k}" for k in ("json", "csv", "html", "xlsx")]
    proc = cli("audit", str(folder), "--isolated", "--honour-inline-suppressions",
               *[a for e in exports for a in ("--export", str(e))], cwd=tmp_path)
    counted, silenced = _codes_of(exports[0])
    assert sorted(set(silenced)) == codes
    assert "已豁免的问题（按报告）" in proc.stdout and "本机关已于三月书面说明原因" in proc.stdout
    assert "本机关已于三月书面说明原因" in exports[1].read_text(encoding="utf-8-sig")
    assert "本机关已于三月书面说明原因" in exports[2].read_text(encoding="utf-8")
    from openpyxl import load_workbook
    sheet = load_workbook(exports[3], read_only=True).worksheets[1]
    assert "本机关已于三月书面说明原因" in [row[9] for row in sheet.iter_rows(min_row=2, values_only=True)]


def test_check_rejects_a_punctuation_reason(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text(SAMPLE.read_text(encoding="utf-8").replace("示例县市场监督管理局", "示例县[/x]市场监督管理局")
                    + "# xxgk-lint: disable=A401 。。\n", encoding="utf-8")
    proc = cli("check", str(path), "--format", "json", "--isolated", cwd=tmp_path)
    codes = [d["code"] for d in json.loads(proc.stdout)["files"][0]["diagnostics"]]
    assert "L003" in codes and proc.returncode == 1


# ---------------------------------------------------------------- 7. the smaller items

def test_smaller_items_give_messages_not_internal_errors(tmp_path):
    shutil.copyfile(SEED, tmp_path / "r.txt")
    files = {
        "tagged.yaml": '--- !tag\n- files: ["*"]\n  rules: [A401]\n  reason: 上级口径一致\n',
        "alias.yaml": '- &a {files: ["*"], rules: [A401], reason: 上级口径一致}\n- {*a : 1}\n',
        "deep.json": "[" * 100_000 + "]" * 100_000,
        "inf.json": '{"version": 1, "tool": "xxgk-lint", "entries": [{"path": "r.txt", "code": "A401", '
                    '"location": "", "count": 1e999}]}',
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    for args in (["--overrides", "tagged.yaml"], ["--overrides", "alias.yaml"], ["--baseline", "deep.json"],
                 ["--baseline", "inf.json"]):
        proc = cli("check", "r.txt", "--isolated", *args, cwd=tmp_path)
        assert "内部错误" not in proc.stderr and "Traceback" not in proc.stderr, (args, proc.stderr)
        assert proc.returncode in (1, 2)
        if proc.returncode == 2:
            assert args[1] in proc.stderr


def test_csv_formula_guard_covers_leading_newline_and_nul(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    text = SAMPLE.read_text(encoding="utf-8")
    for i, organ in enumerate(["\\n=1+2", "\\0=1+2", " =1+2", "\\t@SUM(A1)"]):
        (folder / f"{i}.yaml").write_text(text.replace("organ: 示例县市场监督管理局", f'organ: "{organ}"'),
                                          encoding="utf-8")
    export = tmp_path / "a.csv"
    cli("audit", str(folder), "--isolated", "--export", str(export), "-j", "1", cwd=tmp_path)
    with open(export, encoding="utf-8-sig", newline="") as fh:
        organs = {row[1] for row in list(csv.reader(fh))[1:]}
    assert organs and all(o.startswith("'") for o in organs), organs


def test_atomic_writes_replace_only_when_complete(tmp_path):
    from xxgk_lint.outputs import atomic_text

    target = tmp_path / "汇总.json"
    target.write_text("earlier complete export", encoding="utf-8")
    target.chmod(0o640)
    with pytest.raises(KeyboardInterrupt):
        with atomic_text(str(target)) as fh:
            fh.write("{\"reports\": [" + "1," * 1000)
            raise KeyboardInterrupt          # Ctrl-C half-way through the export
    assert target.read_text(encoding="utf-8") == "earlier complete export"
    with atomic_text(str(target)) as fh:
        fh.write("new complete export")
    assert target.read_text(encoding="utf-8") == "new complete export"
    assert target.stat().st_mode & 0o777 == 0o640                      # the file keeps its mode
    assert sorted(p.name for p in tmp_path.iterdir()) == ["汇总.json"]   # no temporary file left
