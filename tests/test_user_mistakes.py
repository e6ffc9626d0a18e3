"""Every user mistake of issue 12 through the real CLI: exit code 2, ONE line on standard error
in the user's language (Chinese by default, English with --lang en), never a traceback."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "sample-2021.yaml"
HAN = re.compile(r"[\u4e00-\u9fff]")


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "xxgk_lint", *args], cwd=cwd or ROOT, env=env,
                          capture_output=True, timeout=120)


def one_line(proc: subprocess.CompletedProcess, *, lang: str = "zh") -> str:
    err = proc.stderr.decode("utf-8")
    assert "Traceback" not in err and "Exception ignored" not in err, err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    line = lines[0]
    if lang == "zh":
        assert "错误：" in line and HAN.search(line), line
        assert "error:" not in line.lower(), line
    else:
        assert "error: " in line and "错误" not in line, line
    return line


def mistakes(tmp: Path) -> dict[str, tuple[tuple[str, ...], str]]:
    """name → (arguments, a word the line must contain)."""
    (tmp / "empty").mkdir()
    (tmp / "unsupported").mkdir()
    (tmp / "unsupported" / "附件.zip").write_bytes(b"x")
    (tmp / "unsupported" / "统计.xlsx").write_bytes(b"x")
    (tmp / "bad-toml").mkdir()
    (tmp / "bad-toml" / "xxgk-lint.toml").write_text('select = ["A4"\nignore = 1\n', encoding="utf-8")
    (tmp / "bad-value").mkdir()
    (tmp / "bad-value" / "xxgk-lint.toml").write_text('fail-on = "fatal"\n', encoding="utf-8")
    (tmp / "no-reason.yaml").write_text("- files: ['*.yaml']\n  rules: [A401]\n", encoding="utf-8")
    (tmp / "bad.yaml").write_text("- files: [a\n  rules: : :\n", encoding="utf-8")
    return {
        "path that does not exist": (("check", str(tmp / "没有这个文件.txt")), "不存在"),
        "empty folder": (("check", str(tmp / "empty")), "没有任何文件"),
        "folder without reports": (("check", str(tmp / "unsupported")), "附件.zip"),
        "audit of a folder without reports": (("audit", str(tmp / "unsupported")), "统计.xlsx"),
        "audit of a missing path": (("audit", str(tmp / "nope")), "不存在"),
        "selection enabling no rule": (("check", "--select", "Q9", str(SAMPLE)), "没有启用任何规则"),
        "everything ignored": (("check", "--ignore", "A,C,D,F,I,K,L,N,S,T,V,X,Y", str(SAMPLE)), "没有启用任何规则"),
        "year in the future": (("schema", "--year", "2030"), "2030"),
        "year before 2019": (("schema", "--year", "2018"), "2018"),
        "unknown option": (("check", "--colour", str(SAMPLE)), "无法识别的参数"),
        "invalid choice": (("check", "--format", "xml", str(SAMPLE)), "无效的选项值"),
        "unknown command": (("chekc", str(SAMPLE)), "无效的选项值"),
        "missing argument": (("check",), "缺少必需的参数"),
        "bad TOML": (("check", "--config", str(tmp / "bad-toml" / "xxgk-lint.toml"), str(SAMPLE)), "第2行"),
        "bad config value": (("check", "--config", str(tmp / "bad-value" / "xxgk-lint.toml"), str(SAMPLE)),
                             "fail-on"),
        "override without reason": (("check", "--overrides", str(tmp / "no-reason.yaml"), str(SAMPLE)), "理由"),
        "overrides not YAML": (("check", "--overrides", str(tmp / "bad.yaml"), str(SAMPLE)), "YAML"),
        "extract of a folder": (("extract", str(tmp / "empty")), "文件夹"),
        "unknown explain title": (("explain", "不存在的规则标题"), "没有"),
        "ambiguous explain title": (("explain", "总计"), "请写得更具体"),
        "unknown export extension": (("audit", str(SAMPLE), "--export", str(tmp / "out.doc")), "扩展名"),
        "output file in a missing folder": (("check", str(SAMPLE), "-o", str(tmp / "nodir" / "out.txt")),
                                            "所在文件夹不存在"),
    }


CASES = sorted([
    "path that does not exist", "empty folder", "folder without reports", "audit of a folder without reports",
    "audit of a missing path", "selection enabling no rule", "everything ignored", "year in the future",
    "year before 2019", "unknown option", "invalid choice", "unknown command", "missing argument", "bad TOML",
    "bad config value", "override without reason", "overrides not YAML", "extract of a folder",
    "unknown explain title", "ambiguous explain title", "unknown export extension",
    "output file in a missing folder"])


@pytest.mark.parametrize("name", CASES)
def test_mistake_is_one_chinese_line_and_exit_two(name, tmp_path):
    args, word = mistakes(tmp_path)[name]
    proc = cli(*args)
    assert proc.returncode == 2, (proc.stdout.decode(), proc.stderr.decode())
    assert word in one_line(proc)


@pytest.mark.parametrize("name", ["path that does not exist", "selection enabling no rule", "unknown option",
                                  "bad config value", "override without reason", "year in the future"])
def test_mistake_in_english_with_lang_en(name, tmp_path):
    args, _ = mistakes(tmp_path)[name]
    proc = cli(*args, "--lang", "en")
    assert proc.returncode == 2, proc.stderr.decode()
    one_line(proc, lang="en")


def test_every_mistake_is_run(tmp_path):
    assert set(CASES) == set(mistakes(tmp_path))


@pytest.mark.parametrize("args", [
    ("audit", str(ROOT / "examples"), "--export", "nodir/out.xlsx"),
    ("extract", str(ROOT / "examples" / "jianning-suixi-2021.txt"), "-o", "nodir/x.yaml")])
def test_unwritable_output_is_refused_before_the_run(args, tmp_path):
    proc = cli(*args, cwd=tmp_path)
    assert proc.returncode == 2
    one_line(proc)
    assert not (tmp_path / "nodir").exists()


def test_help_is_in_one_language():
    zh = cli("check", "--help").stdout.decode("utf-8")
    assert "用法：" in zh and "选项" in zh and "显示本帮助并退出" in zh and "输出格式" in zh
    assert "usage:" not in zh and "show this help" not in zh and "output format" not in zh
    en = cli("check", "--help", "--lang", "en").stdout.decode("utf-8")
    assert "usage:" in en and "show this help message" in en and "output format" in en
    assert "用法" not in en and "输出格式" not in en


def test_unsupported_files_beside_reports_are_named_in_the_summary(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "seed.txt").write_bytes((ROOT / "examples" / "jianning-suixi-2021.txt").read_bytes())
    (folder / "附件.zip").write_bytes(b"x")
    (folder / "统计.xlsx").write_bytes(b"x")
    check = cli("check", str(folder), "--format", "concise")
    assert check.returncode == 1
    assert check.stdout.decode("utf-8").splitlines()[-1].endswith("跳过 2 个不支持的文件：统计.xlsx、附件.zip")
    audit = cli("audit", str(folder), "--quiet", "--jobs", "1")
    assert "未纳入检查（统计.xlsx、附件.zip）" in audit.stdout.decode("utf-8")
