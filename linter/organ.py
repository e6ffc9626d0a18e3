"""Organ names: the administrative level an organ's name implies, and its short names.

`infer_level` maps a name such as 建宁县濉溪镇人民政府 to a `spec.ORGAN_LEVELS` id. The level
drives the 第四十九条 deadline (departments 1月31日, 县级以上地方人民政府 3月31日) and the
规章 check, so a wrong guess costs more than no guess: ambiguous names give the *lenient*
answer or None, never the strict one.

How a name is read: leading place tokens (a name of 1–7 characters plus a division marker:
省/自治区/市/州/盟/地区/县/区/旗/镇/乡/街道…), then a remainder that is either the government
(人民政府, 政府, nothing) or a department (…局/委/办/厅/署/委员会/中心…). The last place
token gives the level. Documented conservative choices:

* ``X市人民政府`` is taken as 设区的市人民政府 even though ~390 county-level cities (县级市,
  e.g. 溧阳市) exist: both have the 3月31日 deadline, and only the 设区的市 reading lets a
  城市 issue 规章, so this reading never raises a false 规章 finding. A city nested in another
  city, 自治州 or 地区 (``常州市溧阳市``, ``恩施州恩施市``) is recognisably county-level.
* ``X市…局`` is 市级部门 even for a county-level city's bureau: every department level has
  the same 1月31日 deadline and none may issue 规章, so the distinction changes no finding.
* The four 直辖市 (北京/天津/上海/重庆) count as provinces: their 市人民政府 is 省级人民政府,
  their 市…局 is 省级部门, their 区/县 are county-level.
* 自治州人民政府 is 设区的市人民政府 (same deadline; 《立法法》 lets both issue 规章).
* A unit inside a 乡镇/街道 (``X镇农业服务中心``) has no level of its own in the table: None.
* A name with no place and a department suffix is 国务院部门 when it reads as a central organ
  (国务院…, 国家…, 中华人民共和国…, 中国人民银行, or a bare ministry …部/…署), else 部门.
* 人民政府办公室/办公厅 is the government's general office: a department of that level.

When no name gives a level (a report titled just 2022年政府信息公开工作年度报告),
`infer_level_from_text` reads it from how the prose names its own organ (结合我镇实际 → 乡镇,
我街道 → 街道, 我局 → 部门), deciding only when those self-references agree.
"""

from __future__ import annotations

import re

from .spec import ORGAN_LEVEL_BY_ID

# Province-level cities: their 区/县 are county-level, their bureaus provincial.
MUNICIPALITIES = ("北京", "天津", "上海", "重庆")

# Division markers, longest first so 自治区 wins over 区 and 街道办事处 over 街道.
_MARKERS = ("特别行政区", "街道办事处", "自治区", "自治州", "自治县", "自治旗", "地区", "新区",
            "林区", "特区", "街道", "苏木", "省", "市", "州", "盟", "县", "区", "旗", "镇", "乡")
_LEVEL_OF_MARKER = {
    "自治区": "P", "省": "P", "特别行政区": "SAR",
    "市": "C", "州": "C", "自治州": "C", "盟": "C", "地区": "C",
    "县": "X", "自治县": "X", "区": "X", "新区": "X", "林区": "X", "特区": "X", "旗": "X", "自治旗": "X",
    "镇": "T", "乡": "T", "苏木": "T", "街道": "S", "街道办事处": "S",
}
# Characters that never sit inside a place name: they belong to the department part.
_NOT_IN_NAME = "局委办厅部署政府和与及的、，,（）()"
_NAME = rf"(?:和[^{_NOT_IN_NAME}\s]{{0,6}}?|[^{_NOT_IN_NAME}\s]{{1,7}}?)"
_TOKEN = re.compile(
    rf"(?P<name>{_NAME})(?P<marker>{'|'.join(_MARKERS)})"
    # 州 in 杭州市/宣州区 and 旗 in 红旗镇 are part of the name, not a division of their own
    r"(?!(?<=州)[市区县])(?!(?<=旗)[镇乡街])")
# Words that end in a marker character without being a place (…城乡建设局, …城市管理局).
_NOT_PLACES = ("城乡", "城市", "乡镇", "城镇", "社区", "辖区", "小区", "片区", "景区", "山区", "湾区",
               "市区", "县区", "镇区", "都市", "街区", "园区管理")
# A bare leading marker (区统计局, 市人民政府办公室, 省教育厅) unless it starts a word.
_BARE = re.compile(r"(?P<marker>省|市|县|区)(?=(?:人民)?政府|[^场政容民级域内外直属])")
# Central organs that prefix a local branch (国家税务总局X省税务局): skip to the branch.
_CENTRAL_PREFIX = re.compile(r"^(?:国家\S{1,10}?总局|中国人民银行|海关总署)(?=\S{2,})")

_GOVERNMENT = re.compile(r"^(?:人民政府|政府|人民政府本级|政府本级)?$")
_GENERAL_OFFICE = re.compile(r"^(?:人民)?政府(?:办公室|办公厅|办)$")
_DEPARTMENT = re.compile(r"(?:局|委|办|厅|署|委员会|管委会|办公室|办公厅|中心|处|所|站|队|馆)$")
_CENTRAL = re.compile(r"^(?:国务院|国家|中华人民共和国|中国人民银行|海关总署)")
_MINISTRY = re.compile(r"^[^省市县区州旗镇乡]{1,10}(?:部|署)$")


def split_name(organ_name: str) -> tuple[list[tuple[str, str]], str]:
    """Split a name into leading place tokens ``[(name, marker)]`` and the remainder."""
    name = re.sub(r"[（(][^）)]*[）)]|\s", "", organ_name or "")
    central = _CENTRAL_PREFIX.match(name)
    if central:
        name = name[central.end():]
    elif _CENTRAL.match(name):
        return [], name
    tokens: list[tuple[str, str]] = []
    pos = 0
    bare = _BARE.match(name)
    if bare and _is_unit(name[bare.end():]):
        tokens.append(("", bare["marker"]))
        pos = bare.end()
    while pos < len(name):
        m = _TOKEN.match(name, pos)
        if not m or (m["name"] + m["marker"]).endswith(_NOT_PLACES):
            break
        tokens.append((m["name"], m["marker"]))
        pos = m.end()
    return tokens, name[pos:]


def _is_unit(rest: str) -> bool:
    return bool(_GOVERNMENT.match(rest) and rest) or bool(_GENERAL_OFFICE.match(rest)) \
        or bool(_DEPARTMENT.search(rest))


def _division_level(tokens: list[tuple[str, str]]) -> str | None:
    """P (province), C (prefecture), X (county), T (township), S (sub-district) of the last token."""
    if not tokens:
        return None
    name, marker = tokens[-1]
    level = _LEVEL_OF_MARKER[marker]
    if level == "C" and marker == "市":
        if name in MUNICIPALITIES and len(tokens) == 1:
            return "P"
        # a city inside a prefecture-level division is a county-level city
        if any(_LEVEL_OF_MARKER[m] == "C" or (n in MUNICIPALITIES and m == "市") for n, m in tokens[:-1]):
            return "X"
    return level


_GOVERNMENT_LEVEL = {"P": "省级人民政府", "C": "设区的市人民政府", "X": "县级人民政府", "T": "乡镇", "S": "街道"}
_DEPARTMENT_LEVEL = {"P": "省级部门", "C": "市级部门", "X": "县级部门"}


def infer_level(organ_name: str) -> str | None:
    """The `spec.ORGAN_LEVELS` id a name implies, or None when it cannot be told safely."""
    if not isinstance(organ_name, str):
        return None
    tokens, rest = split_name(organ_name)
    level = _division_level(tokens)
    if level == "SAR":
        return None
    if level in ("T", "S") and (rest.startswith("办事处") or _GOVERNMENT.match(rest)):
        return _GOVERNMENT_LEVEL[level]
    if _GENERAL_OFFICE.match(rest):
        return _DEPARTMENT_LEVEL.get(level) if level else "部门"
    if level and _GOVERNMENT.match(rest):
        return _GOVERNMENT_LEVEL[level]
    if not _DEPARTMENT.search(rest) and not (not level and _MINISTRY.match(rest)):
        return None
    if level is None:
        stripped = re.sub(r"[（(][^）)]*[）)]|\s", "", organ_name)
        if _CENTRAL.match(stripped) or _MINISTRY.match(rest):
            return "国务院部门"
        return "部门"
    return _DEPARTMENT_LEVEL.get(level)


def short_names(organ_name: str) -> list[str]:
    """Names a report may use for its own organ: the full name, the department part, the
    lowest place with and without its marker (濉溪镇, 濉溪). Longest first; at least 2 characters."""
    if not isinstance(organ_name, str) or not organ_name.strip():
        return []
    full = re.sub(r"[（(][^）)]*[）)]|\s", "", organ_name)
    tokens, rest = split_name(full)
    names = {full}
    if rest and not _GOVERNMENT.match(rest):
        names.add(rest)
        names.add(re.sub(r"^(?:人民)?政府", "", rest))
    if tokens:
        name, marker = tokens[-1]
        names.add(name + marker)
        names.add(name)
        names.add("".join(n + m for n, m in tokens) + rest)
        stem = re.sub(r"(?:人民政府|政府)$", "", full)
        names.add(stem)
    return sorted((n for n in names if len(n) >= 2), key=len, reverse=True)


# ---------------------------------------------------------------- level from the report's prose
#
# A report whose organ is not named (no title, or a title such as 2022年政府信息公开工作年度报告)
# still names itself in its prose: 结合我镇实际, 2024年我街未收到申请, 我局坚持…. Those
# self-references give the level when nothing else does. Precision first: a wrong level makes
# D505/V303 fire on a correct report, so every pattern below leaves out the compound words and
# the writing-from-above phrasings that contain the same characters (基本局面, 本办法, 我办理,
# 乡镇, 乡村, 各镇要结合本镇实际).

# 本 closing a word of its own (基本, 成本, 文本 …) is no self-reference.
_NOT_BEFORE_BEN = "基根资成样日课剧文版账脚范书原副标读蓝底工血老"
# 全 closing a word of its own (健全, 安全, 完全 …).
_NOT_BEFORE_QUAN = "健安完齐周保成顾万两十俱双"
_BEN = rf"(?<![{_NOT_BEFORE_BEN}])本"
_QUAN = rf"(?<![{_NOT_BEFORE_QUAN}])全"
# A township/street word followed by another division (本镇（街道）, 本乡（镇）, 镇街) speaks of
# many divisions at once: a county or district addressing its towns.
_NOT_ANOTHER_DIVISION = r"(?![（(、/和或及与]?(?:街|乡|镇|鄉|鎮))"
_TOWNSHIP_REF = re.compile(
    rf"(?:我|{_BEN}|{_QUAN})(?:镇|鎮)(?!压)" + _NOT_ANOTHER_DIVISION
    + rf"|(?:我|{_BEN}|{_QUAN})(?:乡|鄉)(?![村土亲親里]|本土)" + _NOT_ANOTHER_DIVISION)
_STREET_REF = re.compile(
    rf"(?:我|{_BEN}|{_QUAN})街(?:道(?!路)|(?![道区巷头面路景坊市镇乡鎮鄉]))" + r"(?![（(、/和或及与]?(?:乡|镇|鄉|鎮))")
# 局/委/办/厅 are the departments' own words; 本办法, 我办理, 委托, 局面 are not.
_DEPARTMENT_REF = re.compile(
    rf"(?:我|{_BEN})(?:局(?![面势])|委(?![托屈婉任派]|员(?!会))|(?:办|辦)(?:公室|(?![公理结結件事案法学學好成实實]))"
    r"|厅(?!堂)|廳)")
# Central organs (我部, 我署, 本总局) may make 规章 while a department of unknown level may not:
# their presence keeps a report from being read as a local department.
_CENTRAL_REF = re.compile(rf"(?:我|{_BEN})(?:部(?![门門分])|署|总局|總局)")
# 我县/本市/我区 …: how a government names its own jurisdiction — and how its departments name
# it too, so they only weigh against a department reading (a report saying 我县 more often than 我局
# may be the 县政府's own).
_JURISDICTION_REF = re.compile(rf"(?:我|{_BEN})(?:省|市|县|縣|区|區|州|旗|盟)(?![场委政长级直属民域])")
# A text that addresses several towns or streets (各乡镇, 各镇, 各街道, 镇街) is written from above.
_ADDRESSES_DIVISIONS = re.compile(r"各(?:乡|镇|鄉|鎮|街道)|镇街|鎮街|乡镇[（(]?街道")

_MIN_SELF_REFERENCES = 2


def self_references(text: str) -> dict[str, int]:
    """How often the prose names its own organ, by kind: 乡镇, 街道, 部门 (局/委/办/厅), central
    (部/署/总局), jurisdiction (省/市/县/区…, a government's area) and divisions (各乡镇…)."""
    # Real text puts spaces and line breaks inside words (我 镇, 我\n局): join them first.
    flat = re.sub(r"\s+", "", text or "")
    return {
        "乡镇": len(_TOWNSHIP_REF.findall(flat)),
        "街道": len(_STREET_REF.findall(flat)),
        "部门": len(_DEPARTMENT_REF.findall(flat)),
        "central": len(_CENTRAL_REF.findall(flat)),
        "jurisdiction": len(_JURISDICTION_REF.findall(flat)),
        "divisions": len(_ADDRESSES_DIVISIONS.findall(flat)),
    }


def infer_level_from_text(text: str, organ_name: str | None = None) -> str | None:
    """The `spec.ORGAN_LEVELS` id the report's references to itself imply (我镇/本乡 → 乡镇,
    我街道/我街 → 街道, 我局/本委/我办/我厅 → 部门), or None unless they agree.

    A level is decided only from at least two self-references of one kind and none of another
    kind; a department reading also needs no central self-reference (我部, 我署: those organs may
    make 规章) and more 我局-style references than 我县-style ones. A text addressing several
    towns (各乡镇, 本镇（街道）) decides no township or street. `organ_name`, when given, is a name
    that `infer_level` could not place: if it names a unit (…中心, …所, …办), its prose's 我镇
    is its town, not itself, and nothing is decided. The department level is 部门 (level
    unknown): every department level shares the 1月31日 deadline and none but 国务院部门 makes 规章.
    """
    if not isinstance(text, str):
        return None
    if isinstance(organ_name, str) and organ_name.strip():
        _tokens, rest = split_name(organ_name)
        if _DEPARTMENT.search(rest) or _GENERAL_OFFICE.match(rest):
            return None
    counts = self_references(text)
    kinds = ("乡镇", "街道", "部门", "central")
    found = [k for k in kinds if counts[k]]
    if len(found) != 1 or counts[found[0]] < _MIN_SELF_REFERENCES:
        return None
    level = found[0]
    if level in ("乡镇", "街道") and counts["divisions"]:
        return None
    if level == "部门" and counts["部门"] <= counts["jurisdiction"]:
        return None
    return level if level != "central" else None


def speaks_as_township(text: str, organ_name: str) -> bool:
    """Whether a township or street government's prose names it the way such reports do: 我镇,
    本镇, 我乡, 我街道 … at least twice, without addressing several divisions (各乡镇). A town
    has no shorter name than 我镇 in its own report; a department's 我局 is no such name."""
    level = infer_level(organ_name)
    if level not in ("乡镇", "街道"):
        return False
    counts = self_references(text)
    return counts[level] >= _MIN_SELF_REFERENCES and not counts["divisions"]


# ---------------------------------------------------------------- one organ under several names
#
# A county's roster and the organs' own reports name an organ in different ways: 建宁县濉溪镇人民政府,
# 濉溪镇人民政府, 濉溪镇; full-width letters; 街道办事处 or 街道. `match_keys` gives the forms under
# which one name may meet another, so that a roster can be matched against reports.

_NOTES = re.compile(r"[（(][^）)]*[）)]|\s")


def match_keys(organ_name: str | None) -> tuple[str, ...]:
    """The forms of a name that identify its organ, most specific first: width folded (NFKC),
    spaces and bracketed notes removed, 人民政府/政府 (and a street's 办事处) dropped, then each
    shorter form that leaves out leading places (建宁县濉溪镇 → 濉溪镇), and for a township or
    street government its bare place name (濉溪). Two names may denote one organ when the
    first form of one is among the forms of the other. Empty for no name."""
    import unicodedata

    if not isinstance(organ_name, str):
        return ()
    full = _NOTES.sub("", unicodedata.normalize("NFKC", organ_name))
    if not full:
        return ()
    tokens, rest = split_name(full)
    body = "".join(n + m for n, m in tokens) + rest
    prefix = full[:len(full) - len(body)] if full.endswith(body) else ""   # 国家税务总局 before a branch
    tokens = [(n, "街道" if m == "街道办事处" else m) for n, m in tokens if n]   # 县教育局: the bare 县 says nothing
    government = bool(tokens) and (bool(_GOVERNMENT.match(rest))
                                   or (tokens[-1][1] == "街道" and rest == "办事处"))
    unit = "" if government else rest
    last = len(tokens) if government else len(tokens) + 1
    forms = ["".join(n + m for n, m in tokens[i:]) + unit for i in range(last)]
    if prefix:
        forms.insert(0, prefix + forms[0])
    if government and len(tokens[-1][0]) >= 2:
        forms.append(tokens[-1][0])
    keys: list[str] = []
    for form in forms:
        if len(form) >= 2 and form not in keys:
            keys.append(form)
    return tuple(keys)


def level_of_report(meta: object, resolved: str | None) -> str | None:
    """The organ level of a report: `resolved` (configured, or inferred by the engine) when it
    is a level, else the metadata's organ_level, else the level its organ's name implies."""
    if resolved in ORGAN_LEVEL_BY_ID:
        return resolved
    meta = meta if isinstance(meta, dict) else {}
    if isinstance(meta.get("organ_level"), str) and meta["organ_level"] in ORGAN_LEVEL_BY_ID:
        return meta["organ_level"]
    return infer_level(meta["organ"]) if isinstance(meta.get("organ"), str) else None
