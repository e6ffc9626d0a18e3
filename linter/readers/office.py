"""Legacy Word/WPS binaries (.doc, .wps, .dot) read through LibreOffice.

(A .docm, a .docx with macros, needs no conversion: the .docx reader reads its text and
never looks at, let alone runs, its macros.)

Many towns still send Word 97 `.doc` files, and Kingsoft WPS saves `.wps` in the same binary
format. No Python library reads their tables reliably, so when LibreOffice is installed the
file is converted to .docx by `soffice --headless --convert-to docx` and read by the .docx
reader; spans then name paragraphs and tables of the converted document, and a note (I014)
says so. Without LibreOffice the file gets one finding (I002) saying how to install it or
save the file as .docx, never a silent skip.

Each conversion runs:
- on a private copy of the bytes, in a private temporary folder with its own LibreOffice
  profile, so parallel audit workers and a user's open LibreOffice never share state, and
  the input file is never opened by LibreOffice at all;
- with macros disabled in that profile (security level "very high", execution off) and
  links to untrusted referers blocked;
- in its own process group under a timeout, so that a hang kills soffice and its children.

Conversions are cached by the SHA-256 of the bytes in `OfficeSettings.cache_dir` when one is
given (an audit gives one for its whole run, shared by its workers), so the same file sent
twice is converted once.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..model import Finding, InputProblem, Message

ENVIRONMENT_VARIABLE = "XXGK_SOFFICE"
# A report converts in 1–3 s; a minute means LibreOffice is stuck (a password prompt, a
# damaged file it loops on).
CONVERT_TIMEOUT_S = 60.0

# Written into the private profile before LibreOffice starts: no macro ever runs, and
# documents may not make LibreOffice fetch from untrusted places.
_PROFILE_ITEMS = (      # (configuration path, property, value)
    ("/org.openoffice.Office.Common/Security/Scripting", "MacroSecurityLevel", "3"),
    ("/org.openoffice.Office.Common/Security/Scripting", "DisableMacrosExecution", "true"),
    ("/org.openoffice.Office.Common/Security/Scripting", "BlockUntrustedRefererLinks", "true"),
    ("/org.openoffice.Office.Common/Misc", "FirstRun", "false"),
)
_PROFILE_SETTINGS = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"'
    ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
    + "".join(f'<item oor:path="{path}"><prop oor:name="{name}" oor:op="fuse"><value>{value}</value></prop></item>\n'
              for path, name, value in _PROFILE_ITEMS)
    + "</oor:items>\n")


@dataclass(frozen=True)
class OfficeSettings:
    """Where LibreOffice is (None: not installed) and where conversions are cached."""
    soffice: str | None
    cache_dir: Path | None = None
    timeout: float = CONVERT_TIMEOUT_S


def find_soffice(configured: str | bool | None = None) -> str | None:
    """The LibreOffice program to use: $XXGK_SOFFICE, else the configured one (False: none),
    else `soffice` or `libreoffice` on PATH. A name that is not an executable counts as absent."""
    for candidate in (os.environ.get(ENVIRONMENT_VARIABLE), configured):
        if candidate is False:
            return None
        if isinstance(candidate, str) and candidate:
            return shutil.which(candidate)
    return shutil.which("soffice") or shutil.which("libreoffice")


def not_installed(ext: str) -> InputProblem:
    return InputProblem("I002", Message(
        f"旧版 Word/WPS 文件（{ext}）需要 LibreOffice 才能检查，本机未找到 LibreOffice：请安装"
        f"（如 apt install libreoffice-writer，或用配置项 soffice、环境变量 {ENVIRONMENT_VARIABLE} 指定其位置），"
        f"或在 Word/WPS 中另存为 .docx 后再检查",
        f"a legacy Word/WPS file ({ext}) needs LibreOffice to be checked and LibreOffice was not found: "
        f"install it (e.g. apt install libreoffice-writer, or name it with the soffice setting or "
        f"{ENVIRONMENT_VARIABLE}), or save the file as .docx in Word/WPS and check again"))


def converted_note(ext: str) -> Finding:
    return Finding("I014", Message(
        f"该文件为旧版 Word/WPS 二进制格式（{ext}），已用 LibreOffice 转换为 .docx 后检查；"
        f"所报段落、表格位置指转换后的文档（与在 Word/WPS 中看到的一般一致）",
        f"a legacy Word/WPS binary file ({ext}), converted to .docx with LibreOffice and checked; "
        f"paragraph and table positions refer to the converted document"),
        details={"extension": ext, "converter": "LibreOffice"})


def _failed(zh: str, en: str) -> InputProblem:
    return InputProblem("I001", Message(
        f"LibreOffice 无法转换该文件：{zh}；请在 Word/WPS 中另存为 .docx 后再检查",
        f"LibreOffice could not convert the file: {en}; save it as .docx and check again"))


def to_docx(data: bytes, ext: str, settings: OfficeSettings) -> bytes:
    """The .docx LibreOffice makes of `data` (the bytes of a `ext` file), from the cache when
    this content was converted before. Raises InputProblem when it cannot be converted."""
    soffice = settings.soffice
    if soffice is None:
        raise not_installed(ext)
    key = hashlib.sha256(data).hexdigest()
    if settings.cache_dir is None:
        return _convert(data, ext, soffice, settings.timeout)
    cached = settings.cache_dir / f"{key}.docx"
    # One lock per content: a worker reaching a copy while another converts it waits for that
    # conversion instead of starting LibreOffice a second time.
    with open(settings.cache_dir / f"{key}.lock", "wb") as lock:
        _lock(lock)
        if cached.is_file():
            return cached.read_bytes()
        docx = _convert(data, ext, soffice, settings.timeout)
        # Written under a private name and renamed: no reader ever sees a half-written file.
        handle, partial = tempfile.mkstemp(dir=settings.cache_dir, suffix=".partial")
        with os.fdopen(handle, "wb") as fh:
            fh.write(docx)
        os.replace(partial, cached)
        return docx


def _lock(fh) -> None:
    try:
        import fcntl
    except ImportError:         # Windows: no advisory locks; a copy may be converted twice
        return
    fcntl.flock(fh, fcntl.LOCK_EX)


def _convert(data: bytes, ext: str, soffice: str, timeout: float) -> bytes:
    with tempfile.TemporaryDirectory(prefix="xxgk-lint-office-") as work:
        folder = Path(work)
        profile = folder / "profile"
        (profile / "user").mkdir(parents=True)
        (profile / "user" / "registrymodifications.xcu").write_text(_PROFILE_SETTINGS, encoding="utf-8")
        # A fixed plain name: LibreOffice never sees the (possibly hostile) original name.
        source = folder / f"report{ext}"
        source.write_bytes(data)
        out = folder / "out"
        command = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                   "--invisible", "--norestore", "--nolockcheck", "--nodefault", "--nologo",
                   "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out), str(source)]
        env = {**os.environ, "HOME": work, "TMPDIR": work}
        _run(command, env, timeout)
        converted = out / "report.docx"
        if not converted.is_file():
            raise _failed("文件可能已损坏或设有密码", "the file may be damaged or password-protected")
        return converted.read_bytes()


def _run(command: list[str], env: dict[str, str], timeout: float) -> None:
    """Run soffice in a process group of its own; on a timeout, or when the caller is
    interrupted (the audit's per-file timer), the whole group is killed."""
    try:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, env=env, start_new_session=True)
    except OSError as exc:
        raise _failed(f"无法启动 LibreOffice（{exc.strerror or exc}）",
                      f"LibreOffice could not be started ({exc.strerror or exc})") from exc
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(process)
        raise _failed(f"转换超过 {timeout:g} 秒仍未完成", f"the conversion took longer than {timeout:g} s") from None
    except BaseException:
        _kill_group(process)
        raise
    # oosplash may leave soffice.bin behind in the group for a moment; nothing of it is needed.
    _kill_group(process)


def _kill_group(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    process.wait()
