"""What the user asked to check, before the run: paths that do not exist, folders with no
report in them, and the files a folder walk leaves aside (named, never dropped in silence)."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Iterable

from .model import Message

if TYPE_CHECKING:
    from .files import Found

STDIN = "-"
SHOWN = 5          # unsupported files named in a message; the rest are counted


def listing(files: list[str], lang: str) -> str:
    """Up to SHOWN file names, and how many more (names made safe for a terminal: a summary
    sentence is printed as it is)."""
    from .terminal_text import terminal_safe

    names = [terminal_safe(os.path.basename(f)) for f in files[:SHOWN]]
    more = len(files) - SHOWN
    if lang == "en":
        return ", ".join(names) + (f" and {more} more" if more > 0 else "")
    return "、".join(names) + (f" 等 {len(files)} 个" if more > 0 else "")


def problem(paths: Iterable[str], found: Found) -> Message | None:
    """The first path that cannot be checked at all: missing, or a folder with no report file
    (`found`: the run's one walk of `paths`, `engine.find_report_files`)."""
    from .readers import SUPPORTED_EXTENSIONS

    for path in paths:
        if path == STDIN:
            continue
        if not os.path.exists(path):
            return Message(f"{path}：文件或文件夹不存在", f"{path}: no such file or folder")
        walked = found.folders.get(path)
        if walked is None or walked.files:
            continue
        kinds = " ".join(SUPPORTED_EXTENSIONS)
        if walked.ignored:
            return Message(f"{path}：文件夹中没有可检查的报告文件（{kinds}）；发现不支持的文件："
                           f"{listing(walked.ignored, 'zh')}",
                           f"{path}: the folder has no report file ({kinds}); unsupported files seen: "
                           f"{listing(walked.ignored, 'en')}")
        return Message(f"{path}：文件夹中没有任何文件", f"{path}: the folder has no files")
    return None


_ERRNO_ZH = {"ENOENT": "文件或文件夹不存在", "EISDIR": "这是一个文件夹，不是文件", "EACCES": "没有权限",
             "EPERM": "没有权限", "ENOTDIR": "路径中有一部分不是文件夹", "ENOSPC": "磁盘空间不足",
             "EROFS": "磁盘为只读", "ENAMETOOLONG": "文件名过长"}


def os_reason(exc: OSError) -> Message:
    """Why an OSError happened, in the user's words (这是一个文件夹，不是文件)."""
    import errno

    name = errno.errorcode.get(exc.errno or 0, "")
    reason_en = exc.strerror or str(exc)
    return Message(_ERRNO_ZH.get(name, reason_en), reason_en)


def os_error(path: str, exc: OSError, doing: tuple[str, str] = ("", "")) -> Message:
    """An OSError in the user's words: `报告.docx：无法读取（这是一个文件夹，不是文件）`."""
    reason = os_reason(exc)
    reason_zh, reason_en = reason.zh, reason.en
    doing_zh, doing_en = doing
    return Message(f"{path}：{doing_zh}（{reason_zh}）" if doing_zh else f"{path}：{reason_zh}",
                   f"{path}: {doing_en} ({reason_en})" if doing_en else f"{path}: {reason_en}")
