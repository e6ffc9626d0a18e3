"""Bounded work on received folders (issue 11, item 6), through the real CLI: a heavy PDF
under a worker memory limit, special files, thousands of nested folders, links leaving the
folder, and SIGTERM to the audit's parent."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow      # heavy PDFs under memory limits, thousands of folders, signals

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "jianning-suixi-2021.txt"

# Run the CLI in a child and report the largest resident set of it and its workers (waited-for
# descendants are included in RUSAGE_CHILDREN).
MEASURE = """
import json, resource, subprocess, sys
proc = subprocess.run(sys.argv[1:], capture_output=True, text=True, encoding="utf-8")
print(json.dumps({"code": proc.returncode, "stdout": proc.stdout, "stderr": proc.stderr,
                  "max_rss_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
"""


def cli(*args: str, cwd: Path, timeout: float = 180) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "xxgk_lint", *args], cwd=cwd, capture_output=True, text=True,
                          encoding="utf-8", errors="replace", timeout=timeout,
                          env={**os.environ, "NO_COLOR": "1"})


def heavy_pdf(path: Path, n: int = 99, per_cell: int = 80) -> None:
    """One A4 page: an n×n ruled grid, `per_cell` tiny characters placed one by one in each cell."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    w, h = A4
    sx, sy = (w - 20) / n, (h - 20) / n
    for i in range(n + 1):
        c.line(10, 10 + i * sy, w - 10, 10 + i * sy)
        c.line(10 + i * sx, 10, 10 + i * sx, h - 10)
    text = c.beginText()
    text.setFont("Helvetica", 0.5)
    for r in range(n):
        for k in range(n):
            for j in range(per_cell):
                text.setTextOrigin(10 + k * sx + (j % 20) * sx / 21, 10 + r * sy + (j // 20) * sy / 5)
                text.textOut(str(j % 10))
    c.drawText(text)
    c.save()


def _measured_audit(folder: Path, export: Path, memory_mb: str) -> tuple[dict, float]:
    started = time.monotonic()
    measured = subprocess.run([sys.executable, "-c", MEASURE, sys.executable, "-m", "xxgk_lint", "audit",
                               str(folder), "-j", "1", "--timeout", "30", "--worker-memory-mb", memory_mb,
                               "--isolated", "--export", str(export)],
                              capture_output=True, text=True, encoding="utf-8", timeout=300, cwd=folder.parent)
    return json.loads(measured.stdout), time.monotonic() - started


def test_a_heavy_pdf_ends_within_the_limits_under_1_gb(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    heavy_pdf(folder / "grid.pdf")
    shutil.copyfile(SEED, folder / "seed.txt")
    export = tmp_path / "a.json"
    for memory_mb, ceiling_mb in (("700", 1024), ("300", 320)):   # the default-like limit, and a tight one
        result, seconds = _measured_audit(folder, export, memory_mb)
        assert result["code"] == 1, result["stderr"]
        reports = {Path(r["path"]).name: r for r in json.loads(export.read_text(encoding="utf-8"))["reports"]}
        assert reports["grid.pdf"]["checked"] is False and reports["seed.txt"]["checked"] is True
        assert result["max_rss_kb"] < ceiling_mb * 1024, (memory_mb, result["max_rss_kb"])
        assert seconds < 30 * 1.5 + 2 + 60      # the per-file limit (and the parent's grace), plus start-up


def test_worker_memory_limit_is_validated(tmp_path):
    for value in ("0", "abc", "inf"):
        proc = cli("audit", str(SEED), "--worker-memory-mb", value, cwd=tmp_path)
        assert proc.returncode == 2 and "--worker-memory-mb" in proc.stderr and "Traceback" not in proc.stderr
    (tmp_path / "x.toml").write_text("worker-memory-mb = 10\n", encoding="utf-8")
    proc = cli("audit", str(SEED), "--config", str(tmp_path / "x.toml"), cwd=tmp_path)
    assert proc.returncode == 2 and "worker-memory-mb" in proc.stderr


def test_special_files_are_skipped_with_a_finding_before_opening(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copyfile(SEED, folder / "seed.txt")
    os.mkfifo(folder / "pipe.txt")
    for args in (["check", str(folder), "--format", "json"], ["check", str(folder / "pipe.txt"), "--format", "json"]):
        proc = cli(*args, "--isolated", cwd=tmp_path, timeout=60)      # would block forever in open()
        files = {Path(f["path"]).name: f for f in json.loads(proc.stdout)["files"]}
        assert files["pipe.txt"]["diagnostics"][0]["code"] == "I001"
        assert "命名管道" in files["pipe.txt"]["diagnostics"][0]["message"]
    export = tmp_path / "a.json"
    proc = cli("audit", str(folder), "--isolated", "--export", str(export), "-j", "1", cwd=tmp_path, timeout=60)
    reports = {Path(r["path"]).name: r for r in json.loads(export.read_text(encoding="utf-8"))["reports"]}
    assert reports["pipe.txt"]["checked"] is False and "命名管道" in reports["pipe.txt"]["reason"]


def test_thousands_of_nested_folders(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    levels = [str(folder)]
    for _ in range(1200):           # one level at a time: os.makedirs itself recurses
        levels.append(os.path.join(levels[-1], "d"))
        os.mkdir(levels[-1])
    shutil.copyfile(SEED, os.path.join(levels[-1], "seed.txt"))
    try:
        proc = cli("check", str(folder), "--format", "json", "--isolated", cwd=tmp_path)
        assert proc.returncode == 1 and "RecursionError" not in proc.stderr
        assert [Path(f["path"]).name for f in json.loads(proc.stdout)["files"]] == ["seed.txt"]
        proc = cli("audit", str(folder), "--isolated", "-j", "1", cwd=tmp_path)
        assert proc.returncode == 1 and "RecursionError" not in proc.stderr and "共 1 个文件" in proc.stdout
    finally:
        # Removed here, bottom up: pytest's own clean-up (shutil.rmtree) recurses and would fail.
        os.remove(os.path.join(levels[-1], "seed.txt"))
        for level in reversed(levels[1:]):
            os.rmdir(level)


def test_a_link_leaving_the_audited_folder_is_not_read(tmp_path):
    outside = tmp_path / "secret.txt"
    shutil.copyfile(SEED, outside)
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "passwd.txt").symlink_to("/etc/passwd")
    (folder / "report.txt").symlink_to(outside)
    shutil.copyfile(SEED, folder / "seed.txt")
    (folder / "same.txt").symlink_to(folder / "seed.txt")          # inside the folder: fine
    proc = cli("check", str(folder), "--format", "json", "--isolated", cwd=tmp_path)
    files = {Path(f["path"]).name: f for f in json.loads(proc.stdout)["files"]}
    for name in ("passwd.txt", "report.txt"):
        assert [d["code"] for d in files[name]["diagnostics"]] == ["I001"]
        assert "符号链接" in files[name]["diagnostics"][0]["message"]
    assert files["same.txt"]["format"] == "txt"
    export = tmp_path / "a.json"
    cli("audit", str(folder), "--isolated", "-j", "1", "--export", str(export), cwd=tmp_path)
    reports = {Path(r["path"]).name: r for r in json.loads(export.read_text(encoding="utf-8"))["reports"]}
    assert not reports["passwd.txt"]["checked"] and "符号链接" in reports["passwd.txt"]["reason"]


SLOW_RULE = '''
import time
from xxgk_lint.rule_api import rule

@rule(code="LOC960", name="slow", category="content", severity="info",
      title=("慢", "slow"), checks=("测试", "test"), rationale=("测试", "test"),
      legal_basis=("无", "none"), fix=("无", "none"))
def slow(report, ctx):
    time.sleep(60)
    return ()
'''


def _children(pid: int) -> set[int]:
    try:
        return {int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text(encoding="ascii").split()}
    except OSError:
        return set()


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
def test_sigterm_to_the_audit_parent_ends_its_workers(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "slow.py").write_text(SLOW_RULE, encoding="utf-8")
    (tmp_path / "mine.toml").write_text(f'rules-dirs = ["{rules}"]\n', encoding="utf-8")
    folder = tmp_path / "reports"
    folder.mkdir()
    for i in range(4):
        shutil.copyfile(SEED, folder / f"{i}.txt")
    proc = subprocess.Popen([sys.executable, "-m", "xxgk_lint", "audit", str(folder), "-j", "2",
                             "--config", str(tmp_path / "mine.toml")], cwd=tmp_path,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    workers: set[int] = set()
    while time.monotonic() < deadline and len(workers) < 2:
        workers = _children(proc.pid)
        time.sleep(0.2)
    assert len(workers) == 2
    time.sleep(1.0)                                  # the workers are inside the slow rule
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(15) == 128 + signal.SIGTERM
    time.sleep(0.5)
    alive = [pid for pid in workers if Path(f"/proc/{pid}").exists()
             and Path(f"/proc/{pid}/stat").read_text(encoding="ascii").split()[2] != "Z"]
    assert alive == []
