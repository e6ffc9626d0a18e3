"""Content sniffing: what a file really is, whatever its extension says.

Reports are downloaded from portals and renamed freely: a "文件.doc" is often a Word
2003 binary, sometimes a .docx, sometimes the HTML page that linked to it. Readers are
chosen by extension and confirmed here, from the first bytes only (cheap, stdlib only).
"""

from __future__ import annotations

import re
import zipfile
from io import BytesIO

from .limits import MAX_ZIP_ENTRIES

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
# Encrypted OOXML (a password-protected .docx) is an OLE2 container with this stream name.
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")

_HTML_START = re.compile(rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*"
                         rb"<(!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|meta\s)",
                         re.IGNORECASE | re.DOTALL)
_HTML_TAGS = re.compile(rb"<(html|head|body|table|div|p)[\s>]", re.IGNORECASE)


def _head_text(data: bytes, size: int = 4096) -> bytes:
    """The first bytes with UTF-16 NULs and BOMs removed, good enough for tag sniffing."""
    head = data[:size]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or head[:200].count(b"\x00") > 20:
        head = head.replace(b"\x00", b"")
    return head.lstrip(b"\xef\xbb\xbf\xff\xfe")


def is_ole2(data: bytes) -> bool:
    return data.startswith(OLE2_MAGIC)


def is_encrypted_ooxml(data: bytes) -> bool:
    return is_ole2(data) and _ENCRYPTED_PACKAGE in data


def is_zip(data: bytes) -> bool:
    return data.startswith(ZIP_MAGICS)


def zip_entries_bound(data: bytes) -> int:
    """An upper bound of the entries of a zip archive, without reading its directory:
    every entry has a central-directory header starting with this signature."""
    return data.count(b"PK\x01\x02")


def is_docx(data: bytes) -> bool:
    """A zip archive holding word/document.xml (a .docx whatever its name)."""
    if not is_zip(data):
        return False
    if zip_entries_bound(data) > MAX_ZIP_ENTRIES:
        # Too many entries to list cheaply: the docx reader reports the archive as too large.
        return b"word/document.xml" in data
    try:
        with zipfile.ZipFile(BytesIO(data)) as zf:
            return "word/document.xml" in zf.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError):
        return False


def is_pdf(data: bytes) -> bool:
    # The spec allows junk before the header; readers tolerate up to 1 KB of it.
    return b"%PDF-" in data[:1024]


def is_rtf(data: bytes) -> bool:
    return data.lstrip()[:5] == b"{\\rtf"


def is_html(data: bytes, strict: bool = False) -> bool:
    """True for an HTML document: doctype/html/head/body at the start, or (unless `strict`)
    a start with markup and several block tags early on, as CMS fragments saved as a page
    have. Plain text that merely mentions a tag stays text."""
    head = _head_text(data)
    if _HTML_START.match(head):
        return True
    return not strict and len(_HTML_TAGS.findall(head)) >= 3 and head.lstrip()[:1] == b"<"


def has_markup(data: bytes) -> bool:
    """Any tag-like `<x`, `</x` or `<!` in the first 8 KB."""
    return re.search(rb"<[A-Za-z!/]", _head_text(data, 8192)) is not None


# PNG, JPEG, and TIFF in both byte orders: the scans and photos OCR reads.
IMAGE_MAGICS = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")


def is_image(data: bytes) -> bool:
    return data.startswith(IMAGE_MAGICS)


def kind_of(data: bytes) -> str:
    """One of: empty, ole2, docx, zip, pdf, rtf, image, html, text."""
    if not data:
        return "empty"
    if is_image(data):
        return "image"
    if is_ole2(data):
        return "ole2"
    if is_zip(data):
        return "docx" if is_docx(data) else "zip"
    if is_pdf(data):
        return "pdf"
    if is_rtf(data):
        return "rtf"
    if is_html(data):
        return "html"
    return "text"
