"""Rule plugins: a real third-party package found through the entry-point group, and local
rule folders that load only when the configuration names them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "sample-2021.yaml"


@pytest.fixture(scope="module")
def plugin_site(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("plugin-site")
    # built from a copy: setuptools writes its egg-info next to the sources, and the test
    # must leave the checkout as it found it
    source = tmp_path_factory.mktemp("plugin-source") / "plugin-example"
    shutil.copytree(ROOT / "examples" / "plugin-example", source,
                    ignore=shutil.ignore_patterns("*.egg-info", "build", "__pycache__"))
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target),
                    str(source)], check=True, timeout=300)
    return target


def run(*args: str, site: Path | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_COLOR": "1"}
    if site:
        env["PYTHONPATH"] = str(site)
    return subprocess.run([sys.executable, "-m", "xxgk_lint", *args], env=env, cwd=cwd,
                          capture_output=True, timeout=120)


@pytest.mark.slow      # pip-installs the example plugin
def test_installed_plugin_is_listed_explained_and_run(plugin_site: Path, tmp_path: Path):
    listing = json.loads(run("rules", "--format", "json", site=plugin_site).stdout)
    ex = [r for r in listing if r["code"] == "EX101"]
    assert ex and ex[0]["origin"] == "xxgk_lint_example_plugin"
    assert run("explain", "EX101", site=plugin_site).returncode == 0

    clean = json.loads(run("check", str(SAMPLE), "--format", "json", site=plugin_site).stdout)
    assert clean["files"][0]["diagnostics"] == []
    no_address = tmp_path / "no-address.yaml"
    no_address.write_text(SAMPLE.read_text(encoding="utf-8").replace("    address: 示例县城关镇人民路1号\n", ""),
                          encoding="utf-8")
    proc = run("check", str(no_address), "--format", "json", site=plugin_site)
    codes = [d["code"] for d in json.loads(proc.stdout)["files"][0]["diagnostics"]]
    assert codes == ["EX101"]
    assert proc.returncode == 0  # EX101 is a warning; fail-on defaults to error


def test_plugin_absent_without_install():
    listing = json.loads(run("rules", "--format", "json").stdout)
    assert "EX101" not in {r["code"] for r in listing}


LOCAL_RULE = '''
from pathlib import Path
from xxgk_lint.model import Finding, Message
from xxgk_lint.rule_api import rule

Path(__file__).with_name("imported.marker").write_text("x", encoding="utf-8")

@rule(code="LOC001", name="always", category="content", severity="error",
      title=("本地规则", "local rule"), checks=("总是报告", "always"), rationale=("测试", "test"),
      legal_basis=("无", "none"))
def always(report, ctx):
    yield Finding("LOC001", Message("本地规则触发", "local rule fired"), "/meta")
'''


def test_local_rules_load_only_when_configured(tmp_path: Path):
    project = tmp_path / "reports"
    rules_dir = project / "my_rules"
    rules_dir.mkdir(parents=True)
    (rules_dir / "local.py").write_text(LOCAL_RULE, encoding="utf-8")
    (project / "report.yaml").write_bytes(SAMPLE.read_bytes())

    proc = run("check", str(project), "--format", "json", cwd=project)
    assert not (rules_dir / "imported.marker").exists(), "a rule file in the linted folder was imported"
    assert proc.returncode == 0

    (project / "xxgk-lint.toml").write_text('rules-dirs = ["my_rules"]\n', encoding="utf-8")
    proc = run("check", "report.yaml", "--format", "json", cwd=project)
    assert not (rules_dir / "imported.marker").exists(), "a config beside the checked file is not trusted"
    assert "未采用配置文件" in proc.stderr.decode("utf-8")

    (project / ".git").mkdir()           # the organ's own repository: its root config is trusted
    proc = run("check", "report.yaml", "--format", "json", cwd=project)
    assert (rules_dir / "imported.marker").exists()
    assert [d["code"] for d in json.loads(proc.stdout)["files"][0]["diagnostics"]] == ["LOC001"]
    assert proc.returncode == 1
