"""A non-editable install works from any directory: schemas and built-in rules ship in the wheel."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow      # builds a wheel and installs it

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    # built from a copy: setuptools writes build/ and egg-info next to the sources, and the test
    # must leave the checkout as it found it
    source = tmp_path_factory.mktemp("source") / "xxgk-lint"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache", ".hypothesis"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(out), str(source)],
                   check=True, timeout=300)
    return next(out.glob("xxgk_lint-*.whl"))


def test_wheel_holds_every_package_schema_and_entry_point(wheel: Path):
    names = zipfile.ZipFile(wheel).namelist()
    for init in sorted((ROOT / "linter").rglob("__init__.py")):
        rel = init.relative_to(ROOT / "linter").as_posix()
        assert f"xxgk_lint/{rel}" in names, f"{rel} missing: add the package to pyproject.toml"
    for module in sorted((ROOT / "rules").glob("*.py")):
        assert f"xxgk_lint/rules/{module.name}" in names
    for schema in sorted((ROOT / "schemas").glob("*.json")):
        assert f"xxgk_lint/schemas/{schema.name}" in names
    web = [p for p in (ROOT / "linter" / "web").rglob("*") if p.parent.name in ("templates", "static")]
    assert web
    for page_file in web:      # `serve` renders and serves these from the installed package
        assert f"xxgk_lint/{page_file.relative_to(ROOT / 'linter').as_posix()}" in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "[xxgk_lint.rules]" in text and "builtin = xxgk_lint.rules" in text
    assert "xxgk-lint = xxgk_lint.cli:main" in text


def test_installed_wheel_runs_from_another_directory(wheel: Path, tmp_path: Path):
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(site), str(wheel)],
                   check=True, timeout=300)
    work = tmp_path / "elsewhere"
    work.mkdir()
    sample = work / "report.yaml"
    sample.write_bytes((ROOT / "examples" / "sample-2021.yaml").read_bytes())
    env = {**os.environ, "PYTHONPATH": str(site), "NO_COLOR": "1"}

    def run(*args):
        return subprocess.run([sys.executable, "-m", "xxgk_lint", *args], cwd=work, env=env,
                              capture_output=True, timeout=120)

    where = subprocess.run([sys.executable, "-c", "import xxgk_lint; print(xxgk_lint.__file__)"],
                           cwd=work, env=env, capture_output=True, encoding="utf-8")
    assert where.stdout.strip().startswith(str(site)), where.stdout
    proc = run("check", "report.yaml", "--format", "json")
    assert proc.returncode == 0, proc.stderr.decode()
    assert json.loads(proc.stdout)["files"][0]["diagnostics"] == []
    assert json.loads(run("schema", "--year", "2021").stdout)["$schema"].endswith("2020-12/schema")
    assert run("explain", "S101").returncode == 0


def test_installed_wheel_ships_the_rule_test_helper(wheel: Path, tmp_path: Path):
    """A plugin author tests a rule with xxgk_lint.testing alone: the clean sample ships with it."""
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(site), str(wheel)],
                   check=True, timeout=300)
    script = ("from xxgk_lint.testing import check, sample_data\n"
              "from xxgk_lint.rules.totals import applications_row_total\n"
              "check(applications_row_total, {'/tables/applications/new/total': 17},\n"
              "      ('A401', '/tables/applications/new/total'))\n"
              "check(applications_row_total, None)\n"
              "print(sample_data()['meta']['organ'])\n")
    proc = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, encoding="utf-8",
                          env={**os.environ, "PYTHONPATH": str(site)}, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "示例县市场监督管理局"
