"""A long fuzz campaign against `Linter.lint_file` (not run in CI).

    python bench/fuzz_campaign.py                     # 100,000 inputs, 2 workers
    python bench/fuzz_campaign.py --inputs 5000 --seed 7 --save-failures /tmp/fuzz-failures

Inputs, each written to a file and linted from disk:
- random bytes under every extension (plain noise, or noise behind a real magic number:
  zip, PDF, OLE2, BOMs, <html>, {\\rtf, YAML/JSON openers), and random text;
- the reports' data mutated (hostile numbers, dates, texts, deleted and copied parts) and
  rendered as well-formed .txt .md .html, which is what reaches extraction and rules;
- mutations of the project's reports (examples/sample-2021.yaml and sample-2019.yaml
  rendered as .txt .md .html .docx .pdf, plus .yaml, .json, the seed and the corpus texts):
  deleted/duplicated/swapped lines, cells and table rows, swapped and replaced numbers,
  random Unicode, other encodings, truncation, flipped bytes, syntax of each format
  (tests/fixtures/hostile/hostile_mutations.py);
- the malicious fixtures (zip and entity bombs, deep nesting …), once each.

A failure is: an exception escaping `lint_file`, a result that is not a `FileResult`, an
internal error caught by the engine (I007: a crash the safety net turned into a finding),
a message that cannot be written as UTF-8, the JSON report failing to render, a time over
`--time-limit`, or the input file changed. Each failure is printed with what replays it
(kind, base file, mutation steps or random seed); `--save-failures` keeps the inputs.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import multiprocessing
import os
import random
import resource
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
sys.path[:0] = [str(FIXTURES), str(FIXTURES / "hostile")]

import hostile_fixtures  # noqa: E402
import hostile_mutations  # noqa: E402

EXTENSIONS = (".txt", ".md", ".markdown", ".html", ".htm", ".yaml", ".yml", ".json", ".docx", ".pdf", ".doc",
              ".wps", ".et", ".xyz", "")
MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"%PDF-1.7\n", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\xef\xbb\xbf",
          b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00", b"<html>", b"<!DOCTYPE html><html><body>", b"{\\rtf1",
          b"---\n", b"{", b"[", b"<?xml version='1.0'?>", b"# ", b"| a | b |\n|---|---|\n")
# Share of each input kind in a campaign: the cheap kinds dominate, PDFs (~0.1 s each) are few.
MIX = (("random", 26), ("txt", 13), ("md", 10), ("html", 11), ("yaml", 11), ("json", 10), ("docx", 9), ("pdf", 2),
       ("rendered", 8))
KIND_OF_SUFFIX = {".txt": "txt", ".md": "md", ".html": "html", ".yaml": "yaml", ".json": "json", ".docx": "docx",
                  ".pdf": "pdf"}


class Hang(Exception):
    pass


def _on_alarm(signum, frame):
    raise Hang()


# ---------------------------------------------------------------- base documents

def make_bases(folder: Path) -> dict[str, list[Path]]:
    """Every kind of the project's reports, as files in `folder`."""
    import make_documents
    import yaml

    bases: dict[str, list[Path]] = defaultdict(list)
    for sample in ("sample-2021.yaml", "sample-2019.yaml"):
        source = ROOT / "examples" / sample
        for kind, path in make_documents.render_all(source, folder / sample.split(".")[0]).items():
            bases[kind].append(path)
        copy = folder / sample
        copy.write_bytes(source.read_bytes())
        bases["yaml"].append(copy)
        with open(source, encoding="utf-8") as fh:
            data = yaml.safe_load(fh)
        as_json = folder / sample.replace(".yaml", ".json")
        as_json.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        bases["json"].append(as_json)
    bases["txt"].append(ROOT / "examples" / "jianning-suixi-2021.txt")
    bases["txt"] += sorted((FIXTURES / "corpus").glob("*.txt"))
    return dict(bases)


# ---------------------------------------------------------------- making one input

def random_input(rng: random.Random) -> tuple[str, bytes, str]:
    ext = rng.choice(EXTENSIONS)
    size = rng.choice((0, 1, 2, 8, 64, 512, 4096, 65536))
    style = rng.random()
    if style < 0.5:
        body = rng.randbytes(rng.randrange(size + 1))
    elif style < 0.75:
        body = "".join(chr(rng.choice((rng.randrange(0x20, 0x7f), rng.randrange(0x4e00, 0x9fa6), 0x0a, 0x09,
                                       rng.randrange(0, 0x20))))
                       for _ in range(rng.randrange(size + 1))).encode("utf-8")
    else:
        body = rng.randbytes(rng.randrange(size + 1))
    if rng.random() < 0.5:
        body = rng.choice(MAGICS) + body
    return f"random{ext}", body, f"{ext or '(none)'} {style:.2f} {len(body)}B"


class Maker:
    def __init__(self, bases: dict[str, list[Path]]):
        import make_documents

        self.bases = {kind: [(p, p.read_bytes()) for p in paths] for kind, paths in bases.items()}
        self.kinds = [kind for kind, weight in MIX for _ in range(weight)]
        self.reports = [(name, make_documents.load(ROOT / "examples" / name))
                        for name in ("sample-2021.yaml", "sample-2019.yaml")]

    def make(self, seed: int) -> tuple[str, str, bytes, str]:
        """(kind, file name, bytes, how to replay) of input number `seed`."""
        rng = random.Random(seed)
        kind = rng.choice(self.kinds)
        if kind == "random":
            name, data, how = random_input(rng)
            return kind, name, data, f"random_input(random.Random({seed})): {how}"
        if kind == "rendered":
            # hostile values and texts in a well-formed document: what reaches the rules
            source, report = rng.choice(self.reports)
            doc_kind = rng.choice(("txt", "md", "html"))     # python-docx takes ~0.8 s to render a .docx
            steps = [(rng.choice(hostile_mutations.RENDERABLE_OPERATORS), rng.getrandbits(32))
                     for _ in range(rng.randint(1, 3))]
            data = hostile_mutations.render_mutant(report, doc_kind, steps)
            if data is None:
                data, steps = hostile_mutations.render_mutant(report, doc_kind, []), []
            return kind, f"rendered.{doc_kind}", data, f"render_mutant({source}, {doc_kind!r}, {steps})"
        path, data = rng.choice(self.bases[kind])
        steps = hostile_mutations.random_steps(kind, rng)
        name = f"mutant{path.suffix}"
        return kind, name, hostile_mutations.mutate(kind, data, steps), f"{path.name} {steps}"


# ---------------------------------------------------------------- the worker

_STATE: dict = {}


def _init(bases: dict[str, list[Path]], time_limit: float, workdir: Path) -> None:
    from xxgk_lint.engine import Linter

    _STATE["linter"] = Linter()
    _STATE["maker"] = Maker(bases)
    _STATE["dir"] = workdir / f"worker-{os.getpid()}"
    _STATE["dir"].mkdir()
    _STATE["time_limit"] = time_limit
    signal.signal(signal.SIGALRM, _on_alarm)


def check(linter, path: Path, time_limit: float) -> tuple[list[str], float, bool]:
    """Lint one file; (failures, seconds, whether the file was checked)."""
    from xxgk_lint.model import FileResult
    from xxgk_lint.reporters import render

    before = hashlib.sha256(path.read_bytes()).digest()
    failures: list[str] = []
    start = time.perf_counter()
    signal.setitimer(signal.ITIMER_REAL, max(60.0, time_limit * 4))
    try:
        result = linter.lint_file(str(path))
    except Hang:
        return [f"hang: no answer after {max(60.0, time_limit * 4):g} s"], time.perf_counter() - start, False
    except BaseException as exc:  # noqa: BLE001 - that is what is being looked for
        return [f"exception escaped lint_file: {type(exc).__name__}: {exc}\n{traceback.format_exc()}"], \
            time.perf_counter() - start, False
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    elapsed = time.perf_counter() - start
    if not isinstance(result, FileResult):
        return [f"result is {type(result).__name__}, not FileResult"], elapsed, False
    if elapsed > time_limit:
        failures.append(f"took {elapsed:.2f} s (limit {time_limit:g} s)")
    for d in result.diagnostics:
        if d.code == "I007":
            failures.append(f"internal error: {d.message.en}")
        try:
            (d.message.zh + d.message.en).encode("utf-8")
        except UnicodeEncodeError as exc:
            failures.append(f"{d.code} message cannot be written as UTF-8: {exc}")
    try:
        out = io.StringIO()
        render("json", [result], out)
        out.getvalue().encode("utf-8")
    except Exception as exc:  # noqa: BLE001
        failures.append(f"JSON report failed: {type(exc).__name__}: {exc}")
    if hashlib.sha256(path.read_bytes()).digest() != before:
        failures.append("input file modified")
    return failures, elapsed, result.checked


def _run(task: tuple[str, int | str]) -> dict:
    what, key = task
    folder: Path = _STATE["dir"]
    if what == "hostile":
        make, _ = hostile_fixtures.ALL[key]
        kind, name, data, how = "hostile", key, make(), f"hostile_fixtures.ALL[{key!r}]"
    else:
        try:
            kind, name, data, how = _STATE["maker"].make(key)
        except Exception:  # noqa: BLE001 - a bug of the generator, not of the linter: reported apart
            return {"kind": "generator", "seconds": 0.0, "checked": False, "failures": [],
                    "generator_error": f"input {key}: {traceback.format_exc()}"}
    path = folder / name
    path.write_bytes(data)
    try:
        failures, elapsed, checked = check(_STATE["linter"], path, _STATE["time_limit"])
    finally:
        path.unlink()
    record = {"kind": kind, "seconds": elapsed, "checked": checked, "failures": failures}
    if failures:
        record.update(input=data, name=name, how=how, seed=key)
    return record


def _peak_rss(_=None) -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


# ---------------------------------------------------------------- main

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=100_000, help="inputs to try (default 100000)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=20240601, help="campaign seed (inputs are seed+0, seed+1, …)")
    parser.add_argument("--time-limit", type=float, default=10.0, help="seconds allowed per input (default 10)")
    parser.add_argument("--no-hostile", action="store_true", help="skip the malicious fixtures")
    parser.add_argument("--save-failures", type=Path, metavar="DIR", help="write failing inputs here")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write the figures as JSON")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="xxgk-fuzz-bases-") as tmp:
        bases = make_bases(Path(tmp))
        tasks: list[tuple[str, int | str]] = [] if args.no_hostile else [("hostile", n) for n in hostile_fixtures.ALL]
        tasks += [("mutant", args.seed + i) for i in range(args.inputs)]
        per_kind: dict[str, Counter] = defaultdict(Counter)
        seconds: dict[str, list[float]] = defaultdict(list)
        failures: list[dict] = []
        generator_errors: list[str] = []
        ctx = multiprocessing.get_context("spawn")
        with ctx.Pool(args.workers, initializer=_init, initargs=(bases, args.time_limit, Path(tmp))) as pool:
            done = 0
            for record in pool.imap_unordered(_run, tasks, chunksize=64):
                done += 1
                kind = record["kind"]
                per_kind[kind]["inputs"] += 1
                per_kind[kind]["failed"] += bool(record["failures"])
                per_kind[kind]["checked"] += record["checked"]
                seconds[kind].append(record["seconds"])
                if "generator_error" in record:
                    generator_errors.append(record["generator_error"])
                    print(f"GENERATOR ERROR {record['generator_error'][-300:]}", flush=True)
                    continue
                if record["failures"]:
                    failures.append(record)
                    print(f"FAIL {kind} {record['how']}: {record['failures'][0][:300]}", flush=True)
                if done % 10_000 == 0:
                    print(f"… {done:,} inputs, {len(failures)} failures, {time.perf_counter() - started:.0f} s",
                          flush=True)
            peaks = pool.map(_peak_rss, range(args.workers * 4), chunksize=1)
    wall = time.perf_counter() - started

    print(f"\n{'kind':10s} {'inputs':>8s} {'checked':>8s} {'failed':>7s} {'mean ms':>8s} {'max s':>7s}")
    for kind in sorted(per_kind, key=lambda k: -per_kind[k]["inputs"]):
        times = seconds[kind]
        counts = per_kind[kind]
        print(f"{kind:10s} {counts['inputs']:>8,} {counts['checked']:>8,} {counts['failed']:>7} "
              f"{1000 * sum(times) / len(times):>8.1f} {max(times):>7.2f}")
    total = sum(c["inputs"] for c in per_kind.values())
    print(f"{'total':10s} {total:>8,} {len(failures):>7}")
    print(f"\n{total:,} inputs in {wall:.0f} s ({total / wall:.0f}/s) with {args.workers} workers; "
          f"{len(failures)} failures; worker peak RSS {max(peaks)} MB"
          + (f"; {len(generator_errors)} inputs not made (generator errors)" if generator_errors else ""))
    if args.save_failures and failures:
        args.save_failures.mkdir(parents=True, exist_ok=True)
        for n, record in enumerate(failures):
            (args.save_failures / f"{n:04d}-{record['name']}").write_bytes(record["input"])
            (args.save_failures / f"{n:04d}.txt").write_text(
                f"{record['how']}\n\n" + "\n\n".join(record["failures"]), encoding="utf-8")
    if args.json:
        args.json.write_text(json.dumps({
            "inputs": total, "failures": len(failures), "generator_errors": generator_errors,
            "seconds": round(wall, 1), "workers": args.workers,
            "seed": args.seed, "time_limit": args.time_limit, "peak_rss_mb": max(peaks),
            "per_kind": {k: {**v, "mean_ms": round(1000 * sum(seconds[k]) / len(seconds[k]), 1),
                             "max_s": round(max(seconds[k]), 2)} for k, v in per_kind.items()},
            "failed": [{"kind": r["kind"], "how": r["how"], "failures": r["failures"]} for r in failures],
        }, ensure_ascii=False, indent=2), encoding="utf-8")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
