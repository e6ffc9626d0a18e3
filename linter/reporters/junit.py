"""``junit``: JUnit XML for CI test-report views.

One ``<testsuite>`` per file; one failing ``<testcase>`` per finding (``<error>`` when the
file could not be read at all), or a single passing testcase for a clean file.
"""

from __future__ import annotations

import re
from typing import TextIO

from ..model import FileResult
from .common import RenderContext, annotation, expected_actual, logical, physical, visible

# characters XML 1.0 cannot carry, even escaped
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _XML_INVALID.sub("\ufffd", text)


def render(results: list[FileResult], out: TextIO, ctx: RenderContext) -> None:
    import xml.etree.ElementTree as ET

    root = ET.Element("testsuites", name="xxgk-lint")
    total_tests = total_failures = total_errors = 0
    for r in results:
        suite = ET.SubElement(root, "testsuite", name=_clean(r.path))
        diags = visible(r, ctx)
        failures = errors = 0
        for d in diags:
            loc = d.location
            where = " ".join(p for p in (physical(loc, ctx.lang), logical(loc)) if p)
            case = ET.SubElement(suite, "testcase", classname=_clean(r.path),
                                 name=_clean(f"{d.code} {where}".strip()), file=_clean(r.path))
            if loc.line is not None:
                case.set("line", str(loc.line))
            message = _clean(d.message.text(ctx.lang))
            note = annotation(d, ctx)
            if note:
                ET.SubElement(case, "skipped", message=_clean(f"{message} [{note}]"))
                continue
            body = [f"{d.code} {d.name} ({d.severity})", message]
            if where:
                body.append(where)
            values = expected_actual(d, ctx)
            if values:
                body.append(values)
            tag = "failure" if r.checked else "error"
            ET.SubElement(case, tag, message=message, type=d.code).text = _clean("\n".join(body))
            if r.checked:
                failures += 1
            else:
                errors += 1
        if not diags:
            ET.SubElement(suite, "testcase", classname=_clean(r.path), name="xxgk-lint",
                          file=_clean(r.path))
        tests = max(len(diags), 1)
        suite.set("tests", str(tests))
        suite.set("failures", str(failures))
        suite.set("errors", str(errors))
        suite.set("skipped", str(sum(1 for d in diags if annotation(d, ctx))))
        total_tests += tests
        total_failures += failures
        total_errors += errors
    root.set("tests", str(total_tests))
    root.set("failures", str(total_failures))
    root.set("errors", str(total_errors))
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode") + "\n")
