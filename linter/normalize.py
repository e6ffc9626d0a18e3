"""Text normalisation: one place that knows how published reports mangle their own text.

Real copies of the same report differ in ways that are not defects (docs/FORMAT.md §5):
full-width vs ASCII punctuation (`（一）` / `(一)`, `：` / `:`), traditional characters from
mirror sites (`第二十條第(一)項`), pinyin injected after characters (`報(bào)告`), spaces left
inside words by PDF/Word extraction (`商业 企业`, `2021 年`), CR/LF line ends.

- `label_key(text)`: an aggressive key for matching labels and headings: simplified, no
  pinyin, no whitespace, no punctuation, ASCII digits, lower-case Latin.
- `normalize_text(text)`: for prose rules: keeps every word and number, simplifies characters,
  removes injected pinyin, folds full-width ASCII to half-width, LF line ends.
- `simplify(text)`: only the character-level repairs (pinyin, traditional → simplified, CR/LF),
  keeping the punctuation as printed; used for the text stored in the structured report.
- `squeeze_cjk_spaces(text)`: drops spaces between CJK characters and digits (`2021 年`).

All functions are called per line or per cell, so they avoid per-call regex compilation
and only pay for OpenCC when a string is not pure ASCII.
"""

from __future__ import annotations

import re

# -- traditional → simplified (OpenCC, loaded on first use: it costs a few ms)

_converter = None


def to_simplified(text: str) -> str:
    """Traditional → simplified with OpenCC's t2s configuration (phrase-aware)."""
    global _converter
    if text.isascii():
        return text
    if _converter is None:
        import opencc  # heavy C extension: imported only when a non-ASCII string needs it

        _converter = opencc.OpenCC("t2s")
    return _converter.convert(text)


# -- injected pinyin: `報(bào)告`, `項(xiàng)`; only after a CJK character, only with a tone mark,
# so that `(一)`, `(www)` or `(PDF)` are never touched. Unmarked syllables (`們(men)`) are
# removed only in a string that already had marked ones.

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_PINYIN_TONED = re.compile(rf"(?<=[{_CJK}])[(（][a-zü]*[{_TONED}][a-zü{_TONED}]*[)）]")
_PINYIN_PLAIN = re.compile(rf"(?<=[{_CJK}])[(（](?:[bcdfghjklmnpqrstwxyz]h?)?[aeiouü][a-z]{{0,4}}[)）]")


def strip_pinyin(text: str) -> str:
    if "(" not in text and "（" not in text:
        return text
    stripped, found = _PINYIN_TONED.subn("", text)
    if found:
        stripped = _PINYIN_PLAIN.sub("", stripped)
    return stripped


# -- width folding: full-width ASCII (U+FF01–FF5E) → ASCII, odd spaces → space, zero-width → gone

_WIDTH_TABLE: dict[int, int | None] = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_WIDTH_TABLE.update({0x3000: 0x20, 0x00A0: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0x2009: 0x20,
                     0x200B: None, 0x200C: None, 0x200D: None, 0xFEFF: None, 0x2212: 0x2D})


_NEEDS_FOLDING = re.compile("[\uff01-\uff5e\u3000\u00a0\u2002\u2003\u2009\u200b-\u200d\ufeff\u2212]")


_FOLDED = {chr(cp): "" if to is None else chr(to) for cp, to in _WIDTH_TABLE.items()}


def _fold_match(match: re.Match) -> str:
    return _FOLDED[match.group()]


def fold_width(text: str) -> str:
    # Prose has a few full-width characters per line: replacing just those is several times
    # cheaper than str.translate(), which looks up every character of the text in a dict.
    return _NEEDS_FOLDING.sub(_fold_match, text)


# -- label keys: only CJK, ASCII letters (lower-case) and digits survive

_KEY_DROP = (" \t\r\n\f\v!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
             "、。，．；：？！“”‘’「」『』《》〈〉【】〔〕（）［］｛｝…—–－・•﹏～＿￣·‧")
_KEY_TABLE: dict[int, int | None] = dict(_WIDTH_TABLE)
_KEY_TABLE.update({ord(c): None for c in _KEY_DROP})
_KEY_TABLE.update({cp: cp + 0x20 for cp in range(0x41, 0x5B)})           # A-Z → a-z
_KEY_TABLE.update({cp: cp - 0xFEE0 + 0x20 for cp in range(0xFF21, 0xFF3B)})  # Ａ-Ｚ → a-z
for _c in _KEY_DROP:
    if 0xFF01 <= ord(_c) <= 0xFF5E:
        _KEY_TABLE[ord(_c)] = None
for _cp in range(0xFF01, 0xFF5F):
    if chr(_cp - 0xFEE0) in _KEY_DROP:
        _KEY_TABLE[_cp] = None


def label_key(text: str) -> str:
    """Aggressive key for label/heading matching: `（三） 不予公開` and `(三)不予公开` give the same."""
    return to_simplified(strip_pinyin(text)).translate(_KEY_TABLE)


def key_of_normalized(text: str) -> str:
    """`label_key` of a string that is already simplified (no OpenCC call): for per-character work."""
    return text.translate(_KEY_TABLE)


def simplify(text: str) -> str:
    """Character-level repairs only: CR/LF, injected pinyin, traditional → simplified."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return to_simplified(strip_pinyin(text))


def normalize_text(text: str) -> str:
    """Text for prose rules: `simplify` plus full-width → half-width folding."""
    return fold_width(simplify(text))


_CJK_SPACE = re.compile(rf"(?<=[{_CJK}0-9])[ \t\u3000\u00a0]+(?=[{_CJK}])|(?<=[{_CJK}])[ \t\u3000\u00a0]+(?=[0-9])")


def squeeze_cjk_spaces(text: str) -> str:
    """`建宁县濉溪镇人民政府 2021 年` → `建宁县濉溪镇人民政府2021年` (Latin words keep their spaces)."""
    if " " not in text and "\t" not in text and "\u3000" not in text and "\u00a0" not in text:
        return text
    return _CJK_SPACE.sub("", text)


# -- Chinese numerals: the one definition of their digits and of how to read and write them.
# Regular expressions build their character classes from these strings.

CN_ZEROS = "〇零"
CN_DIGITS = "一二三四五六七八九"                 # 1 … 9, in order
CN_NUMERALS = CN_DIGITS + "十"                  # numbering 一 … 九十九: 一、 （三） 第十二
CN_COUNT_NUMERALS = CN_DIGITS + "两十"           # a small count: 两个 六大部分
CN_NUMBER_CHARS = CN_ZEROS + CN_DIGITS + "两十百千万"   # any count in prose: 一百零五 一万二千
# a year written digit by digit (二〇二二): a circle (○) or a letter O is often typed for 〇
_TYPED_ZEROS = "○ＯO"
CN_YEAR_DIGITS = CN_ZEROS + _TYPED_ZEROS + CN_DIGITS

_DIGIT_VALUE = {c: i for i, c in enumerate(CN_DIGITS, 1)}
_YEAR_DIGIT_VALUE = {c: 0 for c in CN_ZEROS + _TYPED_ZEROS} | _DIGIT_VALUE
_COUNT_DIGIT_VALUE = {c: 0 for c in CN_ZEROS} | _DIGIT_VALUE | {"两": 2}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}


def cn_digits_value(text: str) -> int | None:
    """A number written digit by digit (`二〇二二` → 2022); None when any character is not a digit."""
    if not text or any(c not in _YEAR_DIGIT_VALUE for c in text):
        return None
    return int("".join(str(_YEAR_DIGIT_VALUE[c]) for c in text))


def number_value(token: str) -> int | None:
    """`16`, `一`, `两`, `十二`, `二十`, `一百零五`, `一万二千` → int; None when not a number."""
    if token.isdigit():
        try:
            return int(token)
        except ValueError:      # "²" (a digit to isdigit(), not to int()), or 4300+ digits: no count
            return None
    total, section, digit = 0, 0, None
    for ch in token:
        if ch in _COUNT_DIGIT_VALUE:
            if digit is not None and ch not in CN_ZEROS:
                return None       # two digits in a row (一二) is not a count
            digit = _COUNT_DIGIT_VALUE[ch] if ch not in CN_ZEROS else None
        elif ch in _CN_UNITS:
            section += (digit if digit is not None else 1) * _CN_UNITS[ch]
            digit = None
        elif ch == "万":
            total += (section + (digit or 0)) * 10000
            section, digit = 0, None
        else:
            return None
    return total + section + (digit or 0)


def cn_numeral(n: int) -> str:
    """1 … 99 as counted in Chinese (`十二`, `二十一`); other numbers in Arabic digits."""
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    if tens == 0:
        return CN_DIGITS[ones - 1]
    return ("" if tens == 1 else CN_DIGITS[tens - 1]) + "十" + (CN_DIGITS[ones - 1] if ones else "")


def cn_digit_string(n: int) -> str:
    """A non-negative number digit by digit (`2022` → `二〇二二`)."""
    return "".join(CN_ZEROS[0] if d == "0" else CN_DIGITS[int(d) - 1] for d in str(n))
