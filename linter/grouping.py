"""A finding that only follows from another one is told with its cause, once.

The schema rule already tells a truncated table as one T201 and a table's blank cells as one
T202 (see `validate`). The totals rule then finds the same rows and cells in its way: "表三收支平衡
无法核验：缺少（七）总计…" (A405), and T204 says a half-filled row's total cannot be checked. When
every gap such a finding names is a row or cell that a finding of its causes reports in the same
file, it adds nothing the clerk must fix: it is folded into the first of those findings, whose
message then says which totals cannot be checked until it is fixed, and whose details keep the
folded findings (`unverifiable`).
"""

from __future__ import annotations

from dataclasses import replace

from .model import Finding, Message

# code of a consequence → codes of the findings that can be its cause
CAUSES = {"A405": ("T201", "T202", "V301", "V302"), "T204": ("T202",)}


def members(finding: Finding) -> set[str]:
    """Pointers a finding reports: its own and those of the group it tells."""
    group = (finding.details or {}).get("group") or ()
    return {finding.pointer, *(m["pointer"] for m in group if isinstance(m, dict) and "pointer" in m)}


def gaps(finding: Finding) -> set[str] | None:
    """Rows and cells a consequence (A405, T204) could not use; None when it names none."""
    details = finding.details or {}
    pointers = {*details.get("missing_rows", ()), *details.get("blank_rows", ()),
                *(c["pointer"] for c in details.get("cells", ()) if isinstance(c, dict))}
    return pointers or None


def fold_consequences(findings: list[Finding]) -> list[Finding]:
    """`findings` with each consequence merged into its cause when every gap it names is reported."""
    covered: dict[str, dict[str, int]] = {}     # cause code → pointer → index of the finding
    for i, f in enumerate(findings):
        for pointer in members(f):
            covered.setdefault(f.code, {}).setdefault(pointer, i)
    folded: dict[int, list[Finding]] = {}
    dropped: set[int] = set()
    for i, f in enumerate(findings):
        needed = gaps(f) if f.code in CAUSES else None
        if not needed:
            continue
        where: dict[str, int] = {}
        for cause in CAUSES[f.code]:
            for pointer, index in covered.get(cause, {}).items():
                where[pointer] = min(index, where.get(pointer, index))
        if needed <= where.keys():
            folded.setdefault(min(where[p] for p in needed), []).append(f)
            dropped.add(i)
    return [_with_consequences(f, folded[i]) if i in folded else f
            for i, f in enumerate(findings) if i not in dropped]


def _with_consequences(cause: Finding, consequences: list[Finding]) -> Finding:
    texts = [(c.details or {}).get("relation_text") or {"zh": c.message.zh, "en": c.message.en}
             for c in consequences]
    zh = "；".join(t["zh"] for t in texts)
    en = "; ".join(t["en"] for t in texts)
    message = Message(f"{cause.message.zh}。在补全之前，以下合计关系无法核验：{zh}",
                      f"{cause.message.en}. Until this is fixed these totals cannot be checked: {en}")
    details = {**(cause.details or {}),
               "unverifiable": [{"code": c.code, "pointer": c.pointer, "relation": (c.details or {}).get("relation"),
                                 "message_zh": c.message.zh, "message_en": c.message.en}
                                for c in consequences]}
    return replace(cause, message=message, details=details)
