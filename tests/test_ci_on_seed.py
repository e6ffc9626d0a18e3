"""The CI workflow on the real seed report, through the real CLI: SARIF, baseline, overrides."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "jianning-suixi-2021.txt"
SARIF_SCHEMA = ROOT / "tests" / "fixtures" / "sarif" / "sarif-2.1.0.schema.json"


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "xxgk_lint", *args], cwd=cwd, capture_output=True,
                          env={**os.environ, "NO_COLOR": "1"}, timeout=120)


@pytest.fixture
def seed(tmp_path: Path) -> Path:
    copy = tmp_path / SEED.name
    shutil.copyfile(SEED, copy)
    return copy


def test_sarif_of_the_seed_validates_and_carries_fingerprints(seed: Path):
    import jsonschema

    proc = cli("check", seed.name, "--format", "sarif", cwd=seed.parent)
    assert proc.returncode == 1
    sarif = json.loads(proc.stdout)
    jsonschema.validate(sarif, json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))
    results = sarif["runs"][0]["results"]
    assert results and all(r.get("partialFingerprints") for r in results)
    assert {"S101", "T201"} <= {r["ruleId"] for r in results}
    # the cut-off tail of 表三 is one result, its rows as related locations (valid SARIF, checked above)
    (missing,) = [r for r in results if r["ruleId"] == "T201"]
    assert len(missing["relatedLocations"]) == 9


def test_baseline_on_the_seed_then_only_the_new_defect_fails(seed: Path):
    baseline = seed.parent / "baseline.json"
    first = cli("check", seed.name, "--baseline", baseline.name, "--format", "json", cwd=seed.parent)
    assert first.returncode == 0 and baseline.exists()
    again = cli("check", seed.name, "--baseline", baseline.name, "--format", "json", "--fail-on", "warning",
                cwd=seed.parent)
    assert again.returncode == 0

    text = seed.read_text(encoding="utf-8")
    seed.write_text(text.replace("sxrmzf1801@163.com", "sxrmzf1801@163"), encoding="utf-8")
    planted = cli("check", seed.name, "--baseline", baseline.name, "--format", "json", "--fail-on", "warning",
                  cwd=seed.parent)
    assert planted.returncode == 1
    diags = json.loads(planted.stdout)["files"][0]["diagnostics"]
    assert [d["code"] for d in diags] == ["C603"]
    assert "sxrmzf1801@163" in diags[0]["message"]


def test_override_with_reason_silences_exactly_one_finding(seed: Path):
    overrides = seed.parent / "overrides.yaml"
    overrides.write_text(
        "- files: [\"jianning-*.txt\"]\n"
        "  rules: [N701]\n"
        "  reason: 该镇本年度未开展依申请公开，县政务公开办同意不单列信息处理费说明\n"
        "- files: [\"jianning-*.txt\"]\n"
        "  rules: [C603]\n"
        "  reason: 不会匹配任何问题\n", encoding="utf-8")
    plain = json.loads(cli("check", seed.name, "--format", "json", cwd=seed.parent).stdout)
    proc = cli("check", seed.name, "--format", "json", "--overrides", overrides.name, cwd=seed.parent)
    data = json.loads(proc.stdout)
    seed_result = next(f for f in data["files"] if f["path"] == seed.name)
    before = sorted(d["code"] for d in plain["files"][0]["diagnostics"])
    after = sorted(d["code"] for d in seed_result["diagnostics"])
    assert "N701" in before
    before.remove("N701")
    assert after == before
    unused = [d for f in data["files"] for d in f["diagnostics"] if d["code"] == "L002"]
    assert len(unused) == 1 and "C603" in unused[0]["message"]
