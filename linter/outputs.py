"""Writing outputs and exports safely: checked before the run, replaced only when complete.

Every file xxgk-lint writes (``check --output-file``, ``extract -o``, ``audit --export``, the
baseline) goes through here:

- `check_output_path` refuses, before any work is done, a path whose folder is missing or not
  writable, a path that is a symbolic link (a planted ``汇总.xlsx -> ../victim/important.docx``
  would otherwise overwrite the link's target), a path that is one of the inputs, and a path
  inside a folder being checked where the next run would read it as a report.
- `atomic_path` hands the writer a hidden temporary file in the target folder and renames it
  over the target only when the writer returned: an interrupted run (Ctrl-C, a crash, a full
  disk) leaves the previous file intact, and two runs writing the same file never interleave
  (each has its own temporary file; the rename is atomic, the last complete one wins).
"""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from typing import Iterable, Iterator

from .model import UserError


class OutputPathError(UserError):
    """An output path that must not be written (exit code 2, before the run)."""


def _inside(path: str, folder: str) -> bool:
    return os.path.commonpath([path, folder]) == folder


def check_output_path(path: str, *, option: str, inputs: Iterable[str] = (),
                      read_kinds: Iterable[str] = ()) -> None:
    """Raise OutputPathError when `path` (given to `option`) must not be written.

    `inputs` are the files and folders of the run; `read_kinds` the extensions a folder walk
    reads as reports (an output of such a kind inside an input folder would be read next time).
    """
    def refuse(zh: str, en: str) -> None:
        raise OutputPathError(f"{option} {path}：{zh}", f"{option} {path}: {en}")

    if os.path.islink(path):
        refuse("是符号链接，写入会改写链接指向的文件，请换一个文件名",
               "is a symbolic link; writing would overwrite the file it points to; choose another name")
    if os.path.isdir(path):
        refuse("是文件夹，请给出文件名", "is a folder; give a file name")
    parent = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(parent):
        refuse("所在文件夹不存在", "its folder does not exist")
    if not os.access(parent, os.W_OK | os.X_OK):
        refuse("所在文件夹不可写", "its folder is not writable")
    target = os.path.realpath(path)
    suffix = os.path.splitext(path)[1].lower()
    wanted = {k.lower() for k in read_kinds}
    for given in inputs:
        if given == "-":
            continue
        real = os.path.realpath(given)
        if real == target or (os.path.exists(path) and os.path.exists(given) and _same(path, given)):
            refuse("是本次检查的输入文件，不能覆盖", "is one of the input files; it must not be overwritten")
        if os.path.isdir(given) and suffix in wanted and _inside(target, real):
            if os.path.exists(path):
                refuse(f"是被检查的文件夹 {given} 中的输入文件，不能覆盖",
                       f"is an input file in the checked folder {given}; it must not be overwritten")
            refuse(f"位于被检查的文件夹 {given} 中，下次检查时会被当作报告读取，请写到该文件夹之外",
                   f"is inside the checked folder {given}, where the next run would read it as a "
                   "report; write it outside that folder")


def _same(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


@contextmanager
def atomic_path(path: str) -> Iterator[str]:
    """A temporary path in `path`'s folder; renamed to `path` when the block ends normally,
    removed when it raises (KeyboardInterrupt included)."""
    folder, name = os.path.split(os.path.abspath(path))
    # Hidden (leading dot): folder walks skip it, so a leftover is never read as a report.
    fd, temp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    os.close(fd)
    try:
        yield temp
        _keep_mode(temp, path)
        os.replace(temp, path)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise


def _keep_mode(temp: str, path: str) -> None:
    """mkstemp makes the file private (0600): give it the mode a plain open() would have."""
    try:
        mode = os.stat(path).st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    os.chmod(temp, mode)


@contextmanager
def atomic_text(path: str, *, encoding: str = "utf-8", newline: str | None = "\n"):
    """A text file object writing to `path` atomically (see `atomic_path`)."""
    with atomic_path(path) as temp:
        with open(temp, "w", encoding=encoding, newline=newline) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
