"""A real pre-commit run of the hook in `.pre-commit-hooks.yaml`.

pre-commit clones the hook repository at a revision and pip-installs it into its own
virtualenv (dependencies come from PyPI). So that the test checks the working tree as it is
— committed or not — it snapshots the checkout (tracked and untracked files, minus ignored
ones and local virtualenvs) into a throw-away git repository and points the report
repository's `.pre-commit-config.yaml` at that snapshot's commit. PRE_COMMIT_HOME is shared
by the session so the hook environment is built once.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from xxgk_lint.readers.office import find_soffice

pytestmark = pytest.mark.slow      # pre-commit clones the hook and pip-installs it

CHECKOUT = Path(__file__).resolve().parents[1]
SAMPLE = CHECKOUT / "examples" / "sample-2021.yaml"
DISCLOSED = ("disclosed:        {natural_person: 5,", "disclosed:        {natural_person: 6,")
# first bytes of an OLE2 compound file: what a Word 97-2003 .doc starts with
OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.invalid",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.invalid",
               GIT_CONFIG_NOSYSTEM="1", HOME=os.environ.get("HOME", "/tmp"))
    env.pop("NO_COLOR", None)
    return env


def _git(*args: str, cwd: Path) -> str:
    return subprocess.run(["git", *args], cwd=cwd, env=_env(), check=True, capture_output=True,
                          text=True, encoding="utf-8").stdout


def _snapshot_files() -> list[str]:
    listed = _git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=CHECKOUT)
    keep = []
    for rel in filter(None, listed.split("\0")):
        top = rel.split("/", 1)[0]
        # local virtualenvs and caches are not part of the project, even when not git-ignored
        if top.startswith(".") and top not in (".pre-commit-hooks.yaml", ".gitignore", ".ci"):
            continue
        if top in ("build", "dist") or top.endswith(".egg-info") or "__pycache__" in rel:
            continue
        if (CHECKOUT / rel).is_file():
            keep.append(rel)
    return keep


@pytest.fixture(scope="session")
def hook_repo(tmp_path_factory) -> tuple[Path, str]:
    if shutil.which("git") is None or not (CHECKOUT / ".git").exists():
        pytest.skip("needs git and a git checkout")
    dest = tmp_path_factory.mktemp("hook-repo")
    for rel in _snapshot_files():
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(CHECKOUT / rel, target)
    _git("init", "-q", cwd=dest)
    _git("add", "-A", cwd=dest)
    _git("commit", "-q", "--no-verify", "-m", "snapshot", cwd=dest)
    return dest, _git("rev-parse", "HEAD", cwd=dest).strip()


@pytest.fixture(scope="session")
def pre_commit_home(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def report_repo(tmp_path, hook_repo) -> Path:
    path, sha = hook_repo
    repo = tmp_path / "reports-repo"
    repo.mkdir()
    _git("init", "-q", cwd=repo)
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {path.as_posix()}\n    rev: {sha}\n    hooks:\n      - id: xxgk-lint\n"
        # totals and input codes only: the test is about the hook, not about every rule
        "        args: [--select, 'A,I']\n",
        encoding="utf-8")
    return repo


def _pre_commit(repo: Path, home: Path) -> subprocess.CompletedProcess:
    _git("add", "-A", cwd=repo)
    env = _env()
    env["PRE_COMMIT_HOME"] = str(home)
    return subprocess.run([sys.executable, "-m", "pre_commit", "run", "--color", "never", "--all-files"],
                          cwd=repo, env=env, capture_output=True, text=True, encoding="utf-8",
                          timeout=900)


def test_hook_passes_a_clean_report_and_fails_a_defective_one(report_repo, pre_commit_home):
    reports = report_repo / "reports"
    reports.mkdir()
    text = SAMPLE.read_text(encoding="utf-8")
    (reports / "示例局-2021.yaml").write_text(text, encoding="utf-8")

    # --all-files also offers .pre-commit-config.yaml: the hook's exclude must keep it out
    clean = _pre_commit(report_repo, pre_commit_home)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "xxgk-lint" in clean.stdout and "Passed" in clean.stdout

    assert DISCLOSED[0] in text
    (reports / "defective.yaml").write_text(text.replace(*DISCLOSED, 1), encoding="utf-8")
    (reports / "old.doc").write_bytes(OLE2_MAGIC + bytes(504))
    bad = _pre_commit(report_repo, pre_commit_home)
    output = bad.stdout + bad.stderr
    assert bad.returncode == 1, output
    assert "Failed" in output
    assert "reports/defective.yaml:56:" in output and "A401" in output and "A402" in output
    # an OLE2 header and nothing else: LibreOffice cannot convert it (I001); without it, I002
    assert "reports/old.doc" in output and ("I001" if find_soffice() else "I002") in output
    assert "示例局-2021.yaml:" not in output          # the clean report has no finding
    assert not any(line.startswith(".pre-commit-config.yaml") for line in output.splitlines())
