"""`check --jobs N` with the real CLI in a subprocess: the same bytes whatever the number of
worker processes, in every output format; the per-file time limit; a worker that dies costs
only its file; the folders are walked once."""

from __future__ import annotations

import json
import math
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from xxgk_lint.commands.check import WORKERS_FROM_MS, estimated_ms
from xxgk_lint.run_defaults import REPORTERS

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "sample-2021.yaml"


def cli(*args: str, cwd: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "xxgk_lint", *args], cwd=cwd, env=env, input=stdin,
                          capture_output=True, timeout=300)


@pytest.fixture(scope="module")
def mixed(tmp_path_factory, sample_documents) -> Path:
    """A folder of every kind: reports as YAML (2019, 2021, one with defects), JSON, text,
    Markdown, HTML, .docx and PDF, a corpus report, a broken .docx and YAML, a file of no
    report kind and a subfolder."""
    import yaml

    root = tmp_path_factory.mktemp("mixed")
    folder = root / "报告"
    (folder / "乡镇").mkdir(parents=True)
    for kind, path in sample_documents.items():
        shutil.copyfile(path, folder / f"sample.{kind}")
    shutil.copyfile(SAMPLE, folder / "2021.yaml")
    shutil.copyfile(ROOT / "examples" / "sample-2019.yaml", folder / "2019.yaml")
    report = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    (folder / "2021.json").write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    defective = SAMPLE.read_text(encoding="utf-8").replace("licensing: {decisions: 356}",
                                                           "licensing: {decisions: -356}")
    (folder / "乡镇" / "defective.yaml").write_text(defective, encoding="utf-8")
    shutil.copyfile(ROOT / "examples" / "jianning-suixi-2021.txt", folder / "乡镇" / "jianning.txt")
    shutil.copyfile(ROOT / "tests" / "fixtures" / "corpus" / "2022_fuyuan-zrzyj.txt", folder / "乡镇" / "fuyuan.txt")
    (folder / "broken.docx").write_bytes(b"this is not a zip file")
    (folder / "broken.yaml").write_text("meta: [unclosed\n  year: 2021\n", encoding="utf-8")
    (folder / "统计表.xls").write_bytes(b"\xd0\xcf\x11\xe0 not a report kind")
    pad_to_workers(folder / "pdf", sample_documents["pdf"])
    return root


def pad_to_workers(folder: Path, pdf: Path) -> None:
    """Copies of a PDF report, enough for `check` to lint the folder they are in with workers."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(math.ceil(WORKERS_FROM_MS / estimated_ms([str(pdf)]))):
        shutil.copyfile(pdf, folder / f"copy-{i:02d}.pdf")


def test_output_is_byte_identical_whatever_the_jobs(mixed):
    checked = [p for p in (mixed / "报告").rglob("*") if p.is_file() and p.suffix != ".xls"]
    assert estimated_ms([str(p) for p in checked]) >= WORKERS_FROM_MS    # --jobs 2 and the default use workers
    for fmt in REPORTERS:
        runs = {jobs: cli("check", "报告", "--isolated", "--format", fmt, *jobs, cwd=mixed)
                for jobs in ((), ("--jobs", "1"), ("--jobs", "2"))}
        serial = runs[("--jobs", "1")]
        assert serial.returncode == 1 and serial.stdout, serial.stderr.decode("utf-8")
        assert b"Traceback" not in serial.stderr
        for jobs, run in runs.items():
            assert (run.returncode, run.stdout) == (serial.returncode, serial.stdout), (fmt, jobs)
    listed = json.loads(cli("check", "报告", "--isolated", "--format", "json", cwd=mixed).stdout)
    names = [f["path"].replace(os.sep, "/") for f in listed["files"]]
    assert names == sorted(names) and len(names) == len(checked)
    by_name = {f["path"].replace(os.sep, "/"): f for f in listed["files"]}
    assert by_name["报告/broken.docx"]["diagnostics"][0]["code"].startswith("I")
    assert by_name["报告/broken.yaml"]["diagnostics"][0]["code"].startswith("I")
    assert [d["code"] for d in by_name["报告/乡镇/defective.yaml"]["diagnostics"]] == ["V301"]


def test_standard_input_keeps_its_place_among_files_checked_by_workers(mixed):
    report = SAMPLE.read_bytes().replace("licensing: {decisions: 356}".encode(), b"licensing: {decisions: -1}")
    runs = [cli("check", "-", "报告", "--stdin-filename", "标准输入.yaml", "--isolated", "--format", "json", *jobs,
                cwd=mixed, stdin=report) for jobs in (("--jobs", "1"), ("--jobs", "2"))]
    assert runs[0].stdout == runs[1].stdout and runs[0].returncode == runs[1].returncode == 1
    first = json.loads(runs[1].stdout)["files"][0]
    assert first["path"] == "标准输入.yaml" and [d["code"] for d in first["diagnostics"]] == ["V301"]


STALL = '''
import os, time
from xxgk_lint.rule_api import rule

@rule(code="Z901", name="test-stall", category="content", severity="info",
      title=("t", "t"), checks=("t", "t"), rationale=("t", "t"), legal_basis=("t", "t"))
def stall(report, ctx):
    organ = report.data.get("meta", {}).get("organ", "")
    if "慢" in organ:
        time.sleep(30)                       # Python code: the timer interrupts it
    if "崩" in organ:
        os._exit(3)                          # a worker dies (in-process this would end the run)
    return iter(())
'''


def _trap_folder(root: Path, organs: list[str], pdf: Path) -> Path:
    (root / "rules").mkdir(exist_ok=True)
    (root / "rules" / "stall.py").write_text(STALL, encoding="utf-8")
    (root / "xxgk-lint.toml").write_text('rules-dirs = ["rules"]\n', encoding="utf-8")
    folder = root / "reports"
    folder.mkdir()
    text = SAMPLE.read_text(encoding="utf-8")
    organ = next(line.split(":", 1)[1].strip() for line in text.splitlines() if line.strip().startswith("organ:"))
    for i, name in enumerate(organs):
        (folder / f"{i:02d}.yaml").write_text(text.replace(organ, name, 1) if name else text, encoding="utf-8")
    pad_to_workers(folder / "pdf", pdf)
    return folder


def _codes(listing: dict) -> list[list[str]]:
    return [sorted({d["code"] for d in f["diagnostics"]}) for f in listing["files"]]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_slow_file_is_i008_and_the_run_goes_on(tmp_path, sample_documents, jobs):
    _trap_folder(tmp_path, ["", "示例县慢镇人民政府", ""], sample_documents["pdf"])
    done = cli("check", "reports", "--format", "json", "--timeout", "1", "--jobs", jobs, cwd=tmp_path)
    assert done.returncode == 1, done.stderr.decode("utf-8")
    listing = json.loads(done.stdout)
    codes = {f["path"].replace(os.sep, "/"): c for f, c in zip(listing["files"], _codes(listing), strict=True)}
    assert codes.pop("reports/01.yaml") == ["I008"]
    assert codes and all("I008" not in c for c in codes.values())


def test_a_worker_that_dies_costs_only_its_file(tmp_path, sample_documents):
    _trap_folder(tmp_path, ["", "示例县崩镇人民政府", ""], sample_documents["pdf"])
    done = cli("check", "reports", "--format", "json", "--jobs", "2", cwd=tmp_path)
    assert done.returncode == 1, done.stderr.decode("utf-8")
    listing = json.loads(done.stdout)
    by_path = {f["path"].replace(os.sep, "/"): f["diagnostics"] for f in listing["files"]}
    crashed = by_path.pop("reports/01.yaml")
    assert [d["code"] for d in crashed] == ["I007"] and "退出码 3" in crashed[0]["message"]
    assert len(by_path) > 2 and all(d["code"] != "I007" for found in by_path.values() for d in found)


def test_jobs_and_timeout_are_checked_as_usage(tmp_path):
    for bad in (("--jobs", "0"), ("--timeout", "0"), ("--worker-memory-mb", "abc")):
        done = cli("check", str(SAMPLE), *bad, cwd=tmp_path)
        assert done.returncode == 2 and b"Traceback" not in done.stderr, bad


def test_one_walk_of_the_folders(tmp_path, monkeypatch):
    """`check DIR` and `audit DIR` list each folder once (they walked it three and two times)."""
    from xxgk_lint import files
    from xxgk_lint.cli import main

    shutil.copyfile(SAMPLE, tmp_path / "a.yaml")
    (tmp_path / "notes.xls").write_bytes(b"x")
    walks: list[str] = []
    real_walk = files._walk
    monkeypatch.setattr(files, "_walk", lambda path, *rest: walks.append(path) or real_walk(path, *rest))
    monkeypatch.chdir(tmp_path)
    assert main(["check", ".", "--isolated", "--jobs", "1", "--format", "concise"]) == 0
    assert walks == ["."]
    walks.clear()
    assert main(["audit", ".", "--isolated", "--jobs", "1", "--quiet"]) == 0
    assert walks == ["."]
