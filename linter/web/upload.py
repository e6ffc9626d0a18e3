"""Reading an upload: the multipart body, size-limited while it streams, kept in memory.

The whole request may carry at most `limit` bytes (the configuration's max-file-size-mb, the
CLI's limit): a Content-Length above it is refused before any byte is read, and a body that
grows past it (chunked, or a lying Content-Length) is refused at the chunk that crosses it.
Files are held in memory only (never spooled to disk), and the name a browser sends is only
ever a label: `clean_name` keeps its last component, never a path.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, AsyncIterator

from starlette.formparsers import MultiPartException, MultiPartParser

if TYPE_CHECKING:
    from starlette.requests import Request

MAX_FILES = 20                 # files in one request
FIELD = "file"                 # the multipart field carrying the reports (repeatable)
UNNAMED = "未命名文件"
_NAME_LENGTH = 120


class TooLarge(MultiPartException):
    """The request body passed the size limit (a MultiPartException, so that the parser
    closes what it opened before the error propagates)."""

    def __init__(self, limit: int):
        super().__init__(f"request body larger than {limit} bytes")
        self.limit = limit


class NotAnUpload(Exception):
    """The request is not a multipart form (a usage mistake: 400)."""


@dataclass
class Upload:
    name: str
    data: bytes


def clean_name(raw: str | None) -> str:
    """A label for the uploaded file: its last path component (Windows or POSIX separators),
    without control or format characters, at most `_NAME_LENGTH` characters."""
    name = (raw or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = re.sub(r"\s+", " ", name).strip().lstrip(".") or UNNAMED
    if len(name) > _NAME_LENGTH:          # keep the extension: it picks the reader
        stem, dot, ext = name.rpartition(".")
        name = (stem[:_NAME_LENGTH - len(ext) - 2] + "…." + ext) if dot and len(ext) <= 8 else name[:_NAME_LENGTH]
    return name


class _InMemoryParser(MultiPartParser):
    def __init__(self, headers, stream, limit: int):
        super().__init__(headers, stream, max_files=MAX_FILES, max_fields=MAX_FILES)
        self.spool_max_size = limit + 1     # a file never rolls over to a temporary file on disk


async def _limited(request: "Request", limit: int) -> AsyncIterator[bytes]:
    total = 0
    async for chunk in request.stream():
        total += len(chunk)
        if total > limit:
            raise TooLarge(limit)
        yield chunk


async def read_uploads(request: "Request", limit: int) -> list[Upload]:
    """The files of field `file`, in the order sent. Raises TooLarge, NotAnUpload, or
    MultiPartException for a malformed body."""
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > limit:
        raise TooLarge(limit)
    if not request.headers.get("content-type", "").lower().startswith("multipart/form-data"):
        raise NotAnUpload()
    form = await _InMemoryParser(request.headers, _limited(request, limit), limit).parse()
    try:
        uploads = []
        for item in form.getlist(FIELD):
            if isinstance(item, str):          # a text field named "file": not an upload
                continue
            uploads.append(Upload(clean_name(item.filename), await item.read()))
        return uploads
    finally:
        await form.close()
