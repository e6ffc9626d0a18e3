"""Baselines (``--baseline FILE``): accept today's findings, fail only on new ones.

A finding is keyed by file path (relative to the baseline file, so the cwd does not matter),
code and logical place — the JSON pointer, else the section/table/row/column path — never
by line number: a baseline survives edits that move lines. A key carries a count, so two
identical findings in one place need two entries' worth of baseline.

- FILE missing: it is written with every counted finding of the run; the run exits 0.
- FILE present: findings covered by it are marked ``baseline="unchanged"`` (shown only with
  ``--show-suppressed``, not counted towards the exit code), the rest ``baseline="new"``;
  entries no longer found are *fixed*. Only files of this run are judged for fixes, so
  checking a subset of files does not report the others as fixed.

Suppressed findings are neither written nor compared: they are already accounted for.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from .config import ConfigError
from .model import Diagnostic, FileResult
from .suppress import relative_posix

BASELINE_VERSION = 1

Key = tuple[str, str, str]   # (path relative to the baseline file, code, pointer or logical path)


@dataclass
class Fixed:
    path: str
    code: str
    location: str
    count: int

    def to_dict(self) -> dict:
        return {"path": self.path, "code": self.code, "location": self.location, "count": self.count}


@dataclass
class BaselineOutcome:
    path: Path
    written: bool = False            # the file did not exist and was written by this run
    recorded: int = 0                # findings written (when `written`)
    new: int = 0
    unchanged: int = 0
    fixed: list[Fixed] = field(default_factory=list)

    @property
    def fixed_count(self) -> int:
        return sum(f.count for f in self.fixed)

    def to_dict(self) -> dict:
        out = {"path": str(self.path), "written": self.written}
        if self.written:
            out["recorded"] = self.recorded
        else:
            out.update(new=self.new, unchanged=self.unchanged, fixed=self.fixed_count,
                       fixed_findings=[f.to_dict() for f in self.fixed])
        return out


def place(diag: Diagnostic) -> str:
    return diag.location.pointer or diag.location.logical()


def _key(result_path: str, diag: Diagnostic, base: Path) -> Key:
    return relative_posix(result_path, base), diag.code, place(diag)


def _keys(results: list[FileResult], base: Path) -> Counter[Key]:
    return Counter(_key(r.path, d, base) for r in results for d in r.diagnostics
                   if d.suppressed is None)


def write(path: str | os.PathLike, results: list[FileResult]) -> BaselineOutcome:
    path = Path(path)
    counts = _keys(results, path.parent)
    doc = {"version": BASELINE_VERSION, "tool": "xxgk-lint",
           "entries": [{"path": p, "code": c, "location": loc, "count": n}
                       for (p, c, loc), n in sorted(counts.items())]}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        from .outputs import atomic_text
        with atomic_text(str(path)) as fh:
            fh.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    except OSError as exc:
        raise ConfigError(f"{path}：无法写入基线文件（{exc.strerror or exc}）",
                          f"{path}: cannot write baseline: {exc}") from exc
    return BaselineOutcome(path, written=True, recorded=sum(counts.values()))


def load(path: str | os.PathLike) -> Counter[Key]:
    path = Path(path)
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"{path}：无法读取基线文件（{getattr(exc, 'strerror', None) or exc}）",
                          f"{path}: cannot read baseline: {exc}") from exc
    except RecursionError:
        raise ConfigError(f"{path}：基线文件嵌套过深，不是 xxgk-lint 生成的基线",
                          f"{path}: nested too deeply to be a baseline") from None
    if not isinstance(doc, dict) or doc.get("version") != BASELINE_VERSION \
            or not isinstance(doc.get("entries"), list):
        raise ConfigError(f"{path}：不是 xxgk-lint 的基线文件（版本 {BASELINE_VERSION}）；删除它即可重新生成",
                          f"{path}: not an xxgk-lint baseline (version {BASELINE_VERSION}); "
                          "delete it to write a new one")
    counts: Counter[Key] = Counter()
    for number, e in enumerate(doc["entries"], 1):
        entry = _entry(e)
        if entry is None:
            raise ConfigError(f"{path}：基线第 {number} 项格式错误（应有 path、code、location 文字和非负整数 count）",
                              f"{path}: malformed baseline entry {number} (path, code, location text and a "
                              "count that is a whole number ≥ 0 expected)")
        key, count = entry
        counts[key] += count
    return counts


def _entry(entry: object) -> tuple[Key, int] | None:
    """A baseline entry's key and count, or None when it is malformed."""
    if not isinstance(entry, dict):
        return None
    file, code, location, count = (entry.get(k) for k in ("path", "code", "location", "count"))
    if not (isinstance(file, str) and isinstance(code, str) and isinstance(location, str)):
        return None
    if isinstance(count, bool) or not isinstance(count, int) or count < 0:
        return None
    return (file, code, location), count


def compare(results: list[FileResult], path: str | os.PathLike
            ) -> tuple[list[FileResult], BaselineOutcome]:
    path = Path(path)
    remaining = load(path)
    outcome = BaselineOutcome(path)
    marked = []
    for r in results:
        diagnostics = []
        for d in sorted(r.diagnostics, key=Diagnostic.sort_key):
            if d.suppressed is None:
                k = _key(r.path, d, path.parent)
                if remaining[k] > 0:
                    remaining[k] -= 1
                    d = replace(d, baseline="unchanged")
                    outcome.unchanged += 1
                else:
                    d = replace(d, baseline="new")
                    outcome.new += 1
            diagnostics.append(d)
        marked.append(replace(r, diagnostics=diagnostics))
    run_paths = {relative_posix(r.path, path.parent) for r in results}
    outcome.fixed = [Fixed(p, c, loc, n) for (p, c, loc), n in sorted(remaining.items())
                     if n > 0 and p in run_paths]
    return marked, outcome


def run(path: str | os.PathLike, results: list[FileResult]
        ) -> tuple[list[FileResult], BaselineOutcome]:
    """Write the baseline when it does not exist yet, otherwise compare against it."""
    if not Path(path).exists():
        return results, write(path, results)
    return compare(results, path)
