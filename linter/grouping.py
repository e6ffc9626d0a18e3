"""A finding that only follows from another one is told with its cause, once.

The schema rule already tells a truncated table as one T201 and a table's blank cells as one
T202 (see `validate`). The totals rule then finds the same rows and cells in its way: "表三收支平衡
无法核验：缺少（七）总计…" (A405). When every gap an A405 names is a row or cell that a T201/T202/
V301/V302 finding of the same file reports, the A405 adds nothing the clerk must fix: it is folded
into the first of those findings, whose message then says which relations cannot be checked until
it is fixed, and whose details keep the folded relations.
"""

from __future__ import annotations

from dataclasses import replace

from .model import Finding, Message

# code of a consequence → codes of the findings that can be its cause
CAUSES = {"A405": ("T201", "T202", "V301", "V302")}


def members(finding: Finding) -> set[str]:
    """Pointers a finding reports: its own and those of the group it tells."""
    group = (finding.details or {}).get("group") or ()
    return {finding.pointer, *(m["pointer"] for m in group if isinstance(m, dict) and "pointer" in m)}


def gaps(finding: Finding) -> set[str] | None:
    """Rows and cells an A405 could not use; None when it names none (nothing to fold)."""
    details = finding.details or {}
    pointers = {*details.get("missing_rows", ()), *details.get("blank_rows", ()),
                *(c["pointer"] for c in details.get("cells", ()) if isinstance(c, dict))}
    return pointers or None


def fold_consequences(findings: list[Finding]) -> list[Finding]:
    """`findings` with each consequence merged into its cause when every gap it names is reported."""
    out = list(findings)
    for code, cause_codes in CAUSES.items():
        covered: dict[str, int] = {}
        for i, f in enumerate(out):
            if f.code in cause_codes:
                for pointer in members(f):
                    covered.setdefault(pointer, i)
        folded: dict[int, list[Finding]] = {}
        dropped: set[int] = set()
        for i, f in enumerate(out):
            needed = gaps(f) if f.code == code else None
            if needed and needed <= covered.keys():
                folded.setdefault(min(covered[p] for p in needed), []).append(f)
                dropped.add(i)
        for i, consequences in folded.items():
            out[i] = _with_consequences(out[i], consequences)
        out = [f for i, f in enumerate(out) if i not in dropped]
    return out


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
