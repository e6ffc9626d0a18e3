"""National-scale benchmark (not a timed test): a mixed folder in the proportions counties and
portals hold, audited at 1,000 and 10,000 reports, projected to 100,000 on this machine.

    python bench/national.py --n 1000 10000 [--jobs 2] [--out DIR] [--keep] [--reuse]

Generating 10,000 reports (LibreOffice exporting 1,500 of the PDFs) takes far longer than auditing
them; `--out DIR --keep` keeps the folders and `--reuse` measures the kept ones again without
generating, so the measurement can be repeated when the machine is otherwise idle.

Reports come from the audit benchmark's generator (bench/audit_bench.py: a made-up county,
consistent tables, varied prose, planted defects) and are written as

    40 % HTML pages, 30 % PDF, 20 % .docx, 4 % .txt, 3 % .md, 3 % YAML,

with the prose lengthened at random so that PDFs run to 3–8 pages as real reports do. Half of
the PDFs are reportlab renderings, the other half are LibreOffice exports of the .docx
rendering (what Word/WPS users produce; `soffice` must be installed) — reportlab PDFs alone are
kinder than real ones.

For each N it prints one table measured in one run: per kind (each kind's folder audited on
its own) reports/s, CPU ms per report, and for PDFs CPU ms per page; then the whole mixed
folder audited as a province would, with peak memory of the whole process tree; and the wall
time projected for 100,000 reports from the mixed run's rate, and — because a wall time is only as good
as the machine was quiet — also from the CPU time alone (CPU seconds ÷ cores), which load
elsewhere on the machine barely changes.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
import audit_bench  # noqa: E402  (generator, renderer and process-tree measurement)

NATIONAL_SHARE = {"html": 0.40, "pdf": 0.30, "docx": 0.20, "txt": 0.04, "md": 0.03, "yaml": 0.03}
PROJECTED_REPORTS = 100_000
LIBREOFFICE_BATCH = 100

# paragraphs that lengthen a report's prose; how many decides a PDF's page count
FILLER = (
    "（{n}）{topic}。围绕群众关切，健全信息发布、政策解读、回应关切工作机制，及时更新公开内容，"
    "确保信息发布准确、全面、及时，并结合工作实际细化任务分工，明确责任人和完成时限。",
    "（{n}）{topic}。按照年度工作要点，梳理公开事项清单，规范公开流程，加强公开前保密审查，"
    "全年组织专题培训和业务指导，进一步提升工作人员的公开意识和业务水平。",
)


def _lengthen(report: dict, rng: random.Random) -> None:
    topics = audit_bench.TOPICS
    extra = [FILLER[i % 2].format(n=i + 7, topic=rng.choice(topics)) for i in range(rng.randint(0, 40))]
    if extra:
        report["sections"]["overview"] += "\n" + "\n".join(extra)


def write(n: int, root: Path, jobs: int) -> Counter:
    rng = random.Random(n)
    plan = audit_bench.plan(n)
    counts: Counter = Counter()
    renders, docx_for_pdf = [], []
    for kind in NATIONAL_SHARE:
        (root / kind).mkdir(parents=True)
    staging = root / "staging"
    staging.mkdir()
    for i, report in enumerate(plan.reports):
        _lengthen(report, rng)
        kind = rng.choices(list(NATIONAL_SHARE), weights=list(NATIONAL_SHARE.values()))[0]
        counts[kind] += 1
        path = root / kind / f"{i:05d}.{kind}"
        if kind == "yaml":
            path.write_text(audit_bench._yaml(report), encoding="utf-8")
        elif kind == "pdf" and rng.random() < 0.5:
            docx_for_pdf.append(staging / f"{i:05d}.docx")
            renders.append(("docx", str(docx_for_pdf[-1]), report))
        else:
            renders.append((kind, str(path), report))
    with ProcessPoolExecutor(jobs) as pool:
        list(pool.map(audit_bench._render, renders, chunksize=16))
    _libreoffice_pdfs(docx_for_pdf, root / "pdf", jobs)
    shutil.rmtree(staging)
    return counts


def _libreoffice_pdfs(sources: list[Path], out_dir: Path, jobs: int) -> None:
    if not sources:
        return
    sys.path.insert(0, str(ROOT / "tests" / "fixtures"))
    from soffice import convert

    batches = [sources[i:i + LIBREOFFICE_BATCH] for i in range(0, len(sources), LIBREOFFICE_BATCH)]
    with ProcessPoolExecutor(jobs) as pool:
        list(pool.map(convert, batches, ["pdf"] * len(batches), [out_dir] * len(batches)))


def pdf_pages(folder: Path) -> int:
    import pypdfium2

    total = 0
    for f in folder.glob("*.pdf"):
        pdf = pypdfium2.PdfDocument(str(f))
        total += len(pdf)
        pdf.close()
    return total


def generated(root: Path) -> Counter:
    """Count the reports of a folder kept from an earlier run (`--reuse`)."""
    return Counter({kind: sum(1 for _ in (root / kind).glob(f"*.{kind}")) for kind in NATIONAL_SHARE})


def run_one(n: int, jobs: int, root: Path, reuse: bool) -> list[str]:
    t0 = time.perf_counter()
    counts = generated(root) if reuse else write(n, root, jobs)
    pages = pdf_pages(root / "pdf")
    verb = "found" if reuse else "generated"
    print(f"[N={n}] {verb} in {time.perf_counter() - t0:.0f} s: {dict(counts)}, {pages} PDF pages",
          file=sys.stderr)
    lines = [f"### {n} reports ({jobs} workers, {os.cpu_count()} CPUs, {time.strftime('%Y-%m-%d')})", "",
             "| run | reports | seconds | reports/s | CPU ms per report | CPU ms per PDF page "
             "| peak RSS (process tree) |",
             "|---|---:|---:|---:|---:|---:|---:|"]

    def row(name: str, files: int, m: audit_bench.Measure, per_page: str = "") -> None:
        rss = f"{m.peak_rss_mb:.0f} MB" if m.peak_rss_mb else "–"
        lines.append(f"| {name} | {files} | {m.seconds:.1f} | {files / m.seconds:.1f} | "
                     f"{m.cpu_seconds / files * 1000:.1f} | {per_page} | {rss} |")

    for kind in NATIONAL_SHARE:
        if counts[kind]:
            m = audit_bench.measure(audit_bench.audit_cmd(root / kind, jobs))
            per_page = f"{m.cpu_seconds / pages * 1000:.1f}" if kind == "pdf" and pages else ""
            row(f".{kind} only", counts[kind], m, per_page)
    whole = audit_bench.measure(audit_bench.audit_cmd(root, jobs, "--export", str(root.parent / f"n{n}.json")))
    total = sum(counts.values())
    row("mixed folder (+ JSON export)", total, whole)
    projected = whole.seconds / total * PROJECTED_REPORTS
    cores = os.cpu_count() or 1
    cpu_projected = whole.cpu_seconds / total * PROJECTED_REPORTS / min(jobs, cores)
    lines += ["", f"- projected for {PROJECTED_REPORTS:,} reports of this mix on this machine: "
                  f"**{projected / 3600:.2f} h** ({projected / 60:.0f} min; goal < 1 h), exit code {whole.returncode}",
              f"- the same from CPU time alone ({whole.cpu_seconds / total * 1000:.0f} CPU ms per report ÷ "
              f"{min(jobs, cores)} cores): {cpu_projected / 3600:.2f} h",
              f"- PDFs: {pages} pages in {counts['pdf']} files ({pages / max(1, counts['pdf']):.1f} pages per PDF)"]
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, nargs="+", default=[1000], help="numbers of reports (default 1000)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--out", type=Path, help="work folder (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the generated files")
    parser.add_argument("--reuse", action="store_true", help="measure folders kept under --out, do not generate")
    args = parser.parse_args()
    if shutil.which("soffice") is None:
        raise SystemExit("LibreOffice (soffice) is needed for the Word-exported PDFs")
    base = args.out or Path(tempfile.mkdtemp(prefix="xxgk-national-"))
    audit_bench.compile_bytecode()
    output = []
    try:
        for n in args.n:
            root = base / f"n{n}"
            if args.reuse and not root.is_dir():
                raise SystemExit(f"--reuse: {root} does not exist")
            if root.exists() and not args.reuse:
                shutil.rmtree(root)
            output += run_one(n, args.jobs, root, args.reuse) + [""]
            print("\n".join(output), file=sys.stderr)
    finally:
        if not args.keep and not args.reuse:
            shutil.rmtree(base, ignore_errors=True)
    print("\n".join(output))
    return 0


if __name__ == "__main__":
    sys.exit(main())
