"""Bytes → text for text-like inputs, without silent mojibake.

Order (docs/ECOSYSTEM.md §7): BOM → UTF-16 without BOM (NUL pattern) → strict UTF-8 → strict
GB18030 (checked for plausibility, since Big5 bytes also decode as GBK) → an almost-clean
UTF-8/GB18030 with a few bad bytes → charset_normalizer (imported only here) → give up.
Anything but a BOM or a clean strict decode is a guess and yields an `I003` note.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ..model import Finding, InputProblem, Message

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32", "utf-32"),
    (b"\xff\xfe", "utf-16", "utf-16"),
    (b"\xfe\xff", "utf-16", "utf-16"),
)

# Share of bad bytes a file may have and still be read as UTF-8/GB18030 (with a note):
# a truncated download or one pasted foreign character, not a wrongly guessed encoding.
_LOSSY_LIMIT = 0.002
# Share of control characters above which a decode is judged to be binary garbage.
_CONTROL_LIMIT = 0.01


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _guess_note(encoding: str, why_zh: str, why_en: str, **details) -> Finding:
    return Finding("I003", Message(
        f"未声明文件编码，按 {encoding} 读取（{why_zh}）；如出现乱码，请将文件另存为 UTF-8 编码",
        f"file encoding not declared; read as {encoding} ({why_en}); if the text looks garbled, "
        f"save the file as UTF-8"), details={"encoding": encoding, **details})


def _unreadable(why_zh: str, why_en: str) -> InputProblem:
    return InputProblem("I001", Message(f"无法识别文件的文字编码（{why_zh}），请另存为 UTF-8 编码的文本",
                                        f"cannot determine the text encoding ({why_en}); save the file as UTF-8 text"))


# Categories Cc (but \t \n \f \r), Cs and Co: fixed ranges under Unicode's stability policy,
# matched at C speed (a per-character category lookup cost ~1/8 of a YAML report's check).
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff"
                      "\U000f0000-\U000ffffd\U00100000-\U0010fffd]")


def _control_share(text: str) -> float:
    if not text or _CONTROL.search(text) is None:
        return 0.0
    return len(_CONTROL.findall(text)) / len(text)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 LE/BE without BOM: ASCII characters (digits, newlines, spaces — plenty in a
    report) put NUL bytes at odd (LE) or even (BE) offsets. Text in any 8-bit encoding
    has no NULs at all."""
    if len(data) < 4 or len(data) % 2:
        return None
    even = data[0::2].count(0)
    odd = data[1::2].count(0)
    pairs = len(data) // 2
    if odd > max(4 * even, pairs // 20):
        return "utf-16-le"
    if even > max(4 * odd, pairs // 20):
        return "utf-16-be"
    return None


_NOT_HAN = re.compile("[^\u2e81-\U0010ffff]+")


def _gb_plausible(text: str) -> bool:
    """Simplified-Chinese text is almost entirely GB2312; Big5 (or other) bytes read as
    GBK land on rare extension characters. Traditional text in GBK fails too, which only
    sends it on to charset_normalizer."""
    han = _NOT_HAN.sub("", text)        # the characters above U+2E80, at C speed
    if len(han) < 20:
        return True
    # None of them is "?", so each "?" of the encoding is a character GB2312 lacks.
    rare = han.encode("gb2312", errors="replace").count(b"?")
    return rare / len(han) < 0.05


def _lossy(data: bytes, encoding: str) -> tuple[str, int] | None:
    text = data.decode(encoding, errors="replace")
    bad = text.count("\ufffd") - data.decode(encoding, errors="ignore").count("\ufffd")
    if bad and bad <= max(1, int(len(data) * _LOSSY_LIMIT)) and _control_share(text) < _CONTROL_LIMIT:
        return text, bad
    return None


class Decoded(NamedTuple):
    text: str                    # with LF newlines
    encoding: str                # the encoding's name
    note: Finding | None         # I003 when the encoding was guessed


def decode(data: bytes) -> Decoded:
    """Decode a text file: (text with LF newlines, encoding name, I003 note or None).

    Raises InputProblem("I001") when no encoding gives sensible text (binary data)."""
    by_bom = _by_bom(data)
    if by_bom is not None:
        return by_bom
    if b"\x00" in data:
        return _utf16_without_bom_or_binary(data)
    utf8 = _strict(data, "utf-8")
    if utf8 is not None:
        if _control_share(utf8) >= _CONTROL_LIMIT:
            raise _unreadable("含有二进制数据", "the file contains binary data")
        return Decoded(normalise_newlines(utf8), "utf-8", None)
    gb_text = _strict(data, "gb18030")
    if gb_text is not None and _control_share(gb_text) < _CONTROL_LIMIT and _gb_plausible(gb_text):
        return Decoded(normalise_newlines(gb_text), "gb18030", None)
    guessed = _almost_clean(data) or _detected(data)
    if guessed is not None:
        return guessed
    if gb_text is not None and _control_share(gb_text) < _CONTROL_LIMIT:
        # Decodes strictly but looks odd (e.g. traditional characters): keep it, say so.
        return Decoded(normalise_newlines(gb_text), "gb18030", _guess_note(
            "gb18030", "含较多生僻字，编码可能判断有误", "many rare characters; the guess may be wrong"))
    raise _unreadable("不是 UTF-8、GB18030 或其他可识别的编码", "not UTF-8, GB18030 or any detectable encoding")


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _by_bom(data: bytes) -> Decoded | None:
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            text = _strict(data, codec)
            if text is None:
                raise _unreadable("字节顺序标记与内容不符", "byte-order mark does not match the content")
            return Decoded(normalise_newlines(text.lstrip("\ufeff")), name, None)
    return None


def _utf16_without_bom_or_binary(data: bytes) -> Decoded:
    """Data with NUL bytes: UTF-16 without a BOM, or else binary."""
    codec = _utf16_without_bom(data)
    text = _strict(data, codec) if codec else None
    if codec and text is not None and _control_share(text) < _CONTROL_LIMIT:
        return Decoded(normalise_newlines(text), codec, None)
    raise _unreadable("含有二进制数据", "the file contains binary data")


def _almost_clean(data: bytes) -> Decoded | None:
    """UTF-8 or GB18030 with a few bad bytes, replaced by U+FFFD and noted."""
    for codec in ("utf-8", "gb18030"):
        got = _lossy(data, codec)
        if got and (codec == "utf-8" or _gb_plausible(got[0])):
            text, bad = got
            return Decoded(normalise_newlines(text), codec, Finding("I003", Message(
                f"文件按 {codec} 编码读取，但有 {bad} 处字节无效，已替换为“\ufffd”；请检查文件是否损坏或混用了编码",
                f"file read as {codec}, but {bad} invalid byte sequence(s) were replaced by U+FFFD; "
                f"the file may be damaged or mix encodings"), details={"encoding": codec, "replaced": bad}))
    return None


def _detected(data: bytes) -> Decoded | None:
    """What charset_normalizer detects, when it gives clean text."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None
    text = str(best)
    if _control_share(text) >= _CONTROL_LIMIT or "\ufffd" in text:
        return None
    name = best.encoding.replace("_", "-")
    return Decoded(normalise_newlines(text), name, _guess_note(
        name, f"自动识别，可信度约 {round((1 - best.chaos) * 100)}%",
        f"detected, confidence about {round((1 - best.chaos) * 100)}%", chaos=round(best.chaos, 3)))
