"""File names that are not valid UTF-8 (GBK names from a zip made on Windows) never break output."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow      # hostile input: zips with GBK names, through the real CLI

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "jianning-suixi-2021.txt"


def test_gbk_and_undecodable_names_in_check_and_audit(tmp_path: Path):
    folder = tmp_path / "reports"
    folder.mkdir()
    for raw in (b"\xb1\xa8\xb8\xe6.txt", b"x\xff.txt"):  # 报告.txt in GBK; an undecodable byte
        shutil.copyfile(SEED, os.path.join(os.fsencode(folder), raw))
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "NO_COLOR": "1"}
    out = tmp_path / "out.json"
    proc = subprocess.run([sys.executable, "-m", "xxgk_lint", "check", str(folder), "--format", "json",
                           "-o", str(out)], env=env, capture_output=True, timeout=120)
    assert proc.returncode == 1, proc.stderr.decode("utf-8", "replace")
    paths = {Path(f["path"]).name for f in json.loads(out.read_text(encoding="utf-8"))["files"]}
    assert paths == {"报告.txt", "x\\xff.txt"}
    concise = subprocess.run([sys.executable, "-m", "xxgk_lint", "check", str(folder), "--format", "concise"],
                             env=env, capture_output=True, timeout=120)
    assert concise.returncode == 1 and b"Traceback" not in concise.stderr
    audit = subprocess.run([sys.executable, "-m", "xxgk_lint", "audit", str(folder), "-j", "1",
                            "--export", str(tmp_path / "a.json"), "--export", str(tmp_path / "a.csv")],
                           env=env, capture_output=True, timeout=180)
    assert audit.returncode == 1 and b"Traceback" not in audit.stderr
    assert "报告.txt" in (tmp_path / "a.csv").read_text(encoding="utf-8-sig")
