"""The README examples (both languages) are what the tool prints now, and the pre-commit `rev`
they show is a commit of this repository that has the hook."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = re.compile(r"<!-- readme-example: (?P<args>.*?) -->\n```\n(?P<text>.*?)```", re.S)


def examples():
    for name in ("README.md", "README.en.md"):
        for m in EXAMPLE.finditer((ROOT / name).read_text(encoding="utf-8")):
            yield pytest.param(m.group("args"), m.group("text"), id=f"{name}:{m.group('args')}")


@pytest.mark.parametrize("args, text", list(examples()))
def test_readme_example_is_an_excerpt_of_the_real_output(args, text):
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
    proc = subprocess.run([sys.executable, "-m", "xxgk_lint", *shlex.split(args)], cwd=ROOT, env=env,
                          capture_output=True, timeout=120)
    printed = [line.rstrip() for line in proc.stdout.decode("utf-8").splitlines()]
    shown = [line.rstrip() for line in text.splitlines()]
    assert any(printed[i:i + len(shown)] == shown for i in range(len(printed))), "\n".join(printed)


def test_both_readmes_have_an_example():
    assert {p.id.split(":")[0] for p in examples()} == {"README.md", "README.en.md"}


def test_precommit_rev_in_the_readmes_is_a_commit_with_the_hook():
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    for name in ("README.md", "README.en.md"):
        (rev,) = set(re.findall(r"rev: ([0-9a-f]{40})", (ROOT / name).read_text(encoding="utf-8")))
        proc = subprocess.run(["git", "cat-file", "-e", f"{rev}:.pre-commit-hooks.yaml"], cwd=ROOT,
                              capture_output=True)
        assert proc.returncode == 0, (name, rev, proc.stderr)
