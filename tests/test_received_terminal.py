"""Report text and file names cannot drive the terminal (issue 11, item 3): the real CLI in a
real pseudo-terminal, with rich markup, escape sequences and line breaks in names and text."""

from __future__ import annotations

import json
import os
import pty
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "jianning-suixi-2021.txt"
SAMPLE = ROOT / "examples" / "sample-2021.yaml"

CLEAR = "\x1b[2J"
LINK = "\x1b]8;;https:example.com\x07点我\x1b]8;;\x07"      # OSC 8 hyperlink (no "/": a file name)


def in_pty(args: list[str], cwd: Path, timeout: float = 180) -> tuple[int, str]:
    """Run the CLI with stdout and stderr on a pseudo-terminal; (exit code, all it printed)."""
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    env.update(TERM="xterm-256color", COLUMNS="220", LINES="50")
    pid, fd = pty.fork()
    if pid == 0:                                    # the child: becomes the CLI
        os.chdir(cwd)
        os.execve(sys.executable, [sys.executable, "-m", "xxgk_lint", *args], env)
    chunks, deadline = [], time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 1.0)
        if not ready:
            continue
        try:
            data = os.read(fd, 65536)
        except OSError:                             # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(status), b"".join(chunks).decode("utf-8", "replace")


def hostile_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    text = SAMPLE.read_text(encoding="utf-8")
    organs = ["示例县[/x]市场监督管理局", "示例县[link=http://example.com]点我[/link][blink]局",
              "示例县\\e[2J局"]
    for i, organ in enumerate(organs):
        (folder / f"{i}.yaml").write_text(text.replace("organ: 示例县市场监督管理局", f'organ: "{organ}"')
                                          .replace("示例县", f"示例{i}县"), encoding="utf-8")
    shutil.copyfile(SEED, folder / "年报[v1].txt")
    (folder / "a[").mkdir()
    shutil.copyfile(SEED, folder / "a[" / "x].txt")                 # shown as a[/x].txt
    shutil.copyfile(SEED, folder / f"clear{CLEAR}.txt")
    return folder


def test_audit_in_a_terminal_shows_markup_and_escapes_as_text(tmp_path):
    folder = hostile_folder(tmp_path)
    export = tmp_path / "a.json"
    code, out = in_pty(["audit", str(folder), "-j", "1", "--isolated", "--export", str(export)], tmp_path)
    assert code == 1, out[-3000:]
    assert "MarkupError" not in out and "Traceback" not in out
    assert json.loads(export.read_text(encoding="utf-8"))["totals"]["files"] == 6      # exports not lost
    assert "年报[v1].txt" in out and "a[/x].txt" in out and "[/x]" in out
    assert "[link=http://example.com]" in out and "[blink]" in out
    assert "\x1b]8;" not in out and "\x1b[5m" not in out                  # no live link, no blink
    # the file column may wrap after the escape (long temporary paths): the name is checked up to it
    assert CLEAR not in out and "clear\\x1b[2J" in out and "示例2县\\x1b[2J局" in out


def test_check_in_a_terminal_shows_escapes_visibly_in_every_text_format(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    name = f"x{LINK}{CLEAR}.txt"
    shutil.copyfile(SEED, folder / name)
    for fmt in ("rich", "concise"):
        code, out = in_pty(["check", str(folder), "--format", fmt, "--isolated"], tmp_path)
        assert code == 1, (fmt, out[-2000:])
        assert CLEAR not in out and "\x1b]8;" not in out and "\x07" not in out, fmt
        assert "\\x1b[2J" in out and "\\x1b]8;;https:example.com\\x07" in out, fmt


def test_github_annotations_keep_the_exact_path_but_a_safe_message(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    text = SEED.read_text(encoding="utf-8")        # a comment with an escape sequence: L003 quotes it
    (folder / "a.md").write_text(text + f"\n<!-- xxgk-lint: disable=A401 {CLEAR} -->\n", encoding="utf-8")
    code, out = in_pty(["check", str(folder), "--format", "github", "--isolated"], tmp_path)
    messages = [line.split("::", 2)[2] for line in out.splitlines() if line.startswith("::")]
    assert code == 1 and any("\\x1b[2J" in m for m in messages)
    assert not any(CLEAR in m for m in messages)


def test_a_newline_in_a_file_name_cannot_forge_finding_lines(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copyfile(SEED, folder / "a\nforged.txt:1:1: A401 伪造的问题\nb.txt")
    proc = subprocess.run([sys.executable, "-m", "xxgk_lint", "check", str(folder), "--format", "concise",
                           "--isolated"], capture_output=True, text=True, encoding="utf-8", timeout=120)
    lines = proc.stdout.splitlines()
    assert proc.returncode == 1
    findings = json.loads(subprocess.run(
        [sys.executable, "-m", "xxgk_lint", "check", str(folder), "--format", "json", "--isolated"],
        capture_output=True, text=True, encoding="utf-8", timeout=120).stdout)["files"][0]["diagnostics"]
    assert len(lines) == len(findings) + 1                       # one line per finding, plus the summary
    assert not any(line.startswith("forged.txt") for line in lines)
    assert all("a\\nforged.txt:1:1: A401 伪造的问题\\nb.txt" in line for line in lines[:-1])
