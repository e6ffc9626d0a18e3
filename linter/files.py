"""Which files a run reads: files as given, folders walked for every report kind.

Folders come from other people (a zip of reports unpacked into a folder), so the walk is
careful about what it hands on:

- it keeps its own stack of folders instead of recursing (thousands of nested folders are
  walked like any others) and never follows a link to a folder (no loops);
- a file that is a symbolic link to somewhere outside the walked folder (``passwd.txt ->
  /etc/passwd``) is not read: it is listed with a finding instead;
- hidden files and folders are skipped, as are exports xxgk-lint itself wrote (an earlier
  ``audit --export 汇总.json`` in the folder is not a report of the next run).

Special files (FIFOs, devices, sockets) are refused when opened (`engine.read_bytes`), which
covers files given by name too.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Iterable

from .model import Message

# How xxgk-lint's own exports begin (see audit/exports.py and audit/export_html.py).
EXPORT_MARK = "xxgk-lint"
_EXPORT_HEAD = {
    ".json": re.compile(rb'^\s*\{\s*"tool"\s*:\s*\{\s*"name"\s*:\s*"xxgk-lint"'),
    ".html": re.compile(rb'<meta name="generator" content="xxgk-lint'),
    ".htm": re.compile(rb'<meta name="generator" content="xxgk-lint'),
}
_HEAD_BYTES = 2048


@dataclass
class Walked:
    """What the walk of one folder argument found: enough to say that a folder holds no report."""
    files: int = 0                                              # files a run reads (before any dedup)
    ignored: list[str] = field(default_factory=list)            # files of no report kind


@dataclass
class Found:
    paths: list[str] = field(default_factory=list)              # in a stable order
    refused: dict[str, Message] = field(default_factory=dict)   # path → why it is not read
    ignored: list[str] = field(default_factory=list)            # files of no report kind (.xls …)
    exports: list[str] = field(default_factory=list)            # xxgk-lint exports, skipped
    folders: dict[str, Walked] = field(default_factory=dict)    # each folder argument → its walk


def outside_link(target: str) -> Message:
    return Message(f"该文件是指向被检查文件夹之外的符号链接（{target}），未读取",
                   f"the file is a symbolic link to a place outside the checked folder ({target}); "
                   "it was not read")


def find_files(paths: Iterable[str], wanted: Iterable[str], *, once: bool = False) -> Found:
    """Files as given; folders walked, files with an extension in `wanted` kept, sorted per
    folder argument. With `once`, a file reached twice (overlapping arguments, a link to a
    file also present) is listed once."""
    extensions = {w.lower() for w in wanted}
    out = Found()
    seen: set[str] = set()

    def add(path: str, key: str) -> None:
        if once and key in seen:
            return
        seen.add(key)
        out.paths.append(path)

    for path in paths:
        if path == "-" or not os.path.isdir(path):
            add(path, os.path.realpath(path))
            continue
        ignored_before = len(out.ignored)
        found = _walk(path, extensions, out)
        out.folders[path] = Walked(len(found), out.ignored[ignored_before:])
        for file, key in sorted(found):
            add(file, key)
    return out


def _walk(path: str, extensions: set[str], out: Found) -> list[tuple[str, str]]:
    """The report files under the folder `path` as (path, key for dedup); the files left
    aside go to `out` (ignored, exports, refused links)."""
    found: list[tuple[str, str]] = []
    top = os.path.realpath(path)
    stack = [(path, top)]
    while stack:
        folder, real_folder = stack.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError:
            continue            # unreadable folder: nothing in it can be listed
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                stack.append((entry.path, os.path.join(real_folder, entry.name)))
                continue
            kept = _report_file(entry, real_folder, top, extensions, out)
            if kept is not None:
                found.append(kept)
    return found


def _report_file(entry: os.DirEntry[str], real_folder: str, top: str, extensions: set[str],
                 out: Found) -> tuple[str, str] | None:
    """(path, dedup key) when the walk hands `entry` on; None when it is left aside (and noted
    in `out`). A link to outside the walked folder is handed on with its refusal in `out`."""
    ext = os.path.splitext(entry.name)[1].lower()
    if ext not in extensions:
        if not entry.is_symlink() or not os.path.isdir(entry.path):
            out.ignored.append(entry.path)
        return None
    if entry.is_symlink():
        real = os.path.realpath(entry.path)
        if os.path.commonpath([real, top]) != top:
            out.refused[entry.path] = outside_link(os.readlink(entry.path))
            return entry.path, entry.path
    else:
        real = os.path.join(real_folder, entry.name)
    if ext in _EXPORT_HEAD and _is_export(entry.path, ext):
        out.exports.append(entry.path)
        return None
    return entry.path, real


def _is_export(path: str, ext: str) -> bool:
    """Whether the file begins the way xxgk-lint's own exports begin."""
    from .engine import open_regular

    try:
        with open_regular(path) as fh:
            head = fh.read(_HEAD_BYTES)
    except OSError:
        return False
    return bool(_EXPORT_HEAD[ext].search(head))
