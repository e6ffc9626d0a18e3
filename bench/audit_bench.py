"""Audit benchmark (not a timed test): throughput per input kind, peak memory, and the ratio
against check-jsonschema on the same reports' YAML form, all measured in one run.

    python bench/audit_bench.py --n 1000 10000 [--jobs 2] [--out DIR] [--keep]

For each N it generates N reports from examples/sample-2021.yaml — organs of a made-up
county (乡镇, 街道, 县级部门), one to three consecutive years each, tables with consistent
figures, prose composed from phrase pools so that reports really differ — and plants
defects: broken totals, a missing section, a bad phone number, a missing table row, a
carry-over that does not match last year's report (X101), a text copied from another organ
(X102), a report filed twice in two formats (X103), plus a few unreadable files.

Every report is written in its YAML form (yaml-all/) and once more in a mixed folder
(mixed/<kind>/: YAML, JSON, .txt, .md, .html, .docx, .pdf; documents rendered with
tests/fixtures/make_documents.py). Then, timing each as a separate process:

1. check-jsonschema on yaml-all/ against schemas/annual-report-2021.schema.json;
2. `xxgk-lint audit yaml-all/` (every rule on);
3. `xxgk-lint audit mixed/<kind>/` for each kind;
4. `xxgk-lint audit mixed/` as a county would run it, with a JSON export to count what the
   cross-report checks found against what was planted.

Peak memory is the largest sum of RSS over the audit's whole process tree (parent and
workers), sampled every 20 ms with psutil. Prints a Markdown table for the README.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "sample-2021.yaml"
SCHEMA = ROOT / "schemas" / "annual-report-2021.schema.json"
KIND_SHARE = {"yaml": 0.22, "json": 0.08, "txt": 0.22, "md": 0.20, "html": 0.20, "pdf": 0.05, "docx": 0.03}
DOCUMENT_KINDS = ("txt", "md", "html", "docx", "pdf")
YEARS = (2021, 2022, 2023, 2024)

sys.path.insert(0, str(ROOT / "tests" / "fixtures"))
import make_documents  # noqa: E402  (the fixture renderer, shared with the tests)

# ---------------------------------------------------------------- a made-up county

COUNTIES = ("青山", "白水", "临河", "东岭", "南屏", "西塘", "北坪", "云溪", "松阳", "桃源", "石门", "清泉",
            "凤鸣", "龙泉", "金沙", "银湖", "玉屏", "梅岭", "竹溪", "兰亭")
COUNTY_KINDS = ("县", "区", "市")
PLACES = ("城关", "西坪", "南岗", "东湖", "北山", "新桥", "古城", "柳林", "花园", "长岭", "大坪", "沙河",
          "平安", "和平", "永丰", "安乐", "双溪", "三合", "五里", "七星", "八角", "九龙", "洪山", "黄土")
PLACE_ENDS = ("", "坪", "岗", "桥", "湾", "口", "坝", "庄", "塘", "铺")
DEPARTMENTS = ("市场监督管理局", "教育局", "自然资源局", "卫生健康局", "财政局", "审计局", "统计局",
               "住房和城乡建设局", "交通运输局", "农业农村局", "司法局", "民政局", "人力资源和社会保障局",
               "生态环境局", "文化和旅游局", "应急管理局", "林业局", "水利局", "医疗保障局", "退役军人事务局")

OPENINGS = (
    "{year}年，{organ}认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，扎实推进政府信息公开工作。",
    "{year}年，{organ}在县委县政府的领导下，严格执行《中华人民共和国政府信息公开条例》，围绕中心工作持续深化政务公开。",
    "{year}年，{organ}以习近平新时代中国特色社会主义思想为指导，把政府信息公开作为建设法治政府的重要抓手，各项工作稳步推进。",
    "{year}年以来，{organ}按照上级关于政务公开工作的部署，健全制度、规范流程，政府信息公开质量进一步提升。",
    "{year}年，{organ}紧扣群众关切，不断拓展公开领域、丰富公开形式，保障人民群众的知情权、参与权和监督权。",
    "{year}年，{organ}把政务公开与优化营商环境、乡村振兴等重点工作结合起来，推动决策、执行、管理、服务、结果公开。",
)
PROACTIVE = (
    "（一）主动公开。全年通过政府门户网站主动公开政府信息{items}条，涉及{topics}等内容。",
    "（一）主动公开。本年度依托政府信息公开专栏发布各类信息{items}条，重点公开了{topics}等信息。",
    "（一）主动公开。围绕{topics}等重点领域，全年主动公开政府信息{items}条，做到应公开尽公开。",
    "（一）主动公开。坚持公开为常态，全年主动公开{topics}等方面信息{items}条，及时回应社会关切。",
)
TOPICS = ("财政预决算", "重大建设项目", "公共资源配置", "社会救助", "教育", "医疗卫生", "生态环境",
          "食品药品监管", "安全生产", "征地拆迁", "乡村振兴", "疫情防控", "就业创业", "养老服务", "住房保障",
          "农村人居环境整治", "河湖长制", "森林防火", "防汛抗旱", "营商环境", "行政审批", "双随机一公开")
APPLICATIONS = (
    "（二）依申请公开。本年度共收到政府信息公开申请{new}件，上年结转{over}件，办结{done}件，结转下年度继续办理{forward}件。",
    "（二）依申请公开。严格按照法定时限答复申请，本年度新收政府信息公开申请{new}件，上年结转{over}件，已办结{done}件，结转下年度继续办理{forward}件。",
    "（二）依申请公开。畅通申请渠道，规范答复文书，全年共收到政府信息公开申请{new}件，上年结转{over}件，办结{done}件，结转下年度继续办理{forward}件。",
)
MANAGEMENT = (
    "（三）政府信息管理。严格落实公开前保密审查制度，动态更新政府信息公开目录，规范性文件均按规定进行合法性审查并及时公开。",
    "（三）政府信息管理。建立健全信息发布审核机制，对拟公开信息逐条审查，做到先审查后公开、一事一审。",
    "（三）政府信息管理。开展政策文件清理，及时调整公开目录，对失效文件作出标注，确保公开信息准确有效。",
    "（三）政府信息管理。完善政府信息管理台账，明确信息产生、审核、发布各环节责任人，实现全流程留痕。",
)
PLATFORMS = (
    "（四）政府信息公开平台建设。依托政府门户网站政府信息公开专栏和政务新媒体发布信息，及时更新栏目内容。",
    "（四）政府信息公开平台建设。优化网站栏目设置，开通微信公众号，在便民服务中心设置公开栏，拓宽公开渠道。",
    "（四）政府信息公开平台建设。加强政务新媒体管理，整合公开专栏，推动政务公开专区标准化建设。",
    "（四）政府信息公开平台建设。在村（社区）设立公开栏，并通过门户网站和政府公报同步发布，方便群众查阅。",
)
SAFEGUARDS = (
    "（五）监督保障。成立政务公开工作领导小组，将政务公开纳入年度绩效考核，开展业务培训{train}次，未发生责任追究情况。",
    "（五）监督保障。主要负责同志亲自过问，分管领导具体负责，组织开展业务培训{train}次，强化监督考核。",
    "（五）监督保障。把政务公开纳入目标管理考核，邀请群众代表开展评议，全年组织培训{train}次。",
    "（五）监督保障。健全工作责任制和考核评议制度，全年开展专题培训{train}次，对发现的问题及时督促整改。",
)
ISSUES = ("主动公开信息分类不够细化", "政策解读形式较为单一", "部分栏目更新不及时", "基层工作人员业务能力有待提升",
          "依申请公开答复文书不够规范", "公开内容与群众需求结合不够紧密", "政务新媒体互动回应不足",
          "公开目录编制不够规范", "信息发布审核流程不够严密", "图解类解读材料偏少")
MEASURES = ("丰富图解、视频等解读形式", "加强业务培训，提升工作人员能力", "建立栏目更新提醒机制",
            "规范答复文书模板", "完善公开目录并定期清理", "加强与群众的互动交流", "健全信息发布三级审核制度",
            "开展政务公开进基层活动", "建立政策解读与文件同步起草机制", "定期开展自查自纠")
OTHER = (
    "本机关认真落实{year}年政务公开工作要点，人大代表建议和政协提案办理结果均已按规定公开。",
    "本年度积极推进基层政务公开标准化规范化建设，完成{n}个领域公开事项标准目录的编制。",
    "本年度组织开展政府开放日活动{n}次，邀请群众代表参与，听取意见建议。",
    "本年度办理上级交办的政务公开工作事项{n}件，均按时办结。",
    "本年度按要求开展政务公开第三方评估整改工作，整改问题{n}个。",
)


@dataclass
class Plan:
    reports: list[dict] = field(default_factory=list)   # structured reports, in generation order
    kinds: list[str] = field(default_factory=list)      # input kind for the mixed folder
    duplicates: list[int] = field(default_factory=list)  # indexes written a second time (X103)
    planted: Counter = field(default_factory=Counter)


def _split(total: int, parts: int, rng: random.Random) -> list[int]:
    cuts = sorted(rng.randint(0, total) for _ in range(parts - 1))
    return [b - a for a, b in zip([0] + cuts, cuts + [total], strict=True)]


def _applications(template: dict, carried_over: dict, rng: random.Random) -> dict:
    from xxgk_lint.spec import APPLICANT_PARTS, result_row_ids

    rows = result_row_ids("2021")
    table = {row: {c: 0 for c in APPLICANT_PARTS} for row in template}
    for c in APPLICANT_PARTS:
        if c in ("natural_person", "commercial"):
            new = rng.choice((0, 0, 1, 2, 3, 5, 8, 12, 20))
        else:
            new = rng.choice((0, 0, 0, 1))
        over = carried_over.get(c, 0)
        forward = rng.randint(0, min(2, new + over))
        done = new + over - forward
        table["new"][c], table["carried_over"][c], table["carried_forward"][c] = new, over, forward
        weights = [rng.random() ** 3 for _ in rows]
        assigned = [0] * len(rows)
        for _ in range(done):
            assigned[rng.choices(range(len(rows)), weights)[0]] += 1
        for row, n in zip(rows, assigned, strict=True):
            table[row][c] = n
        table["results_total"][c] = done
    for row in table.values():
        row["total"] = sum(row[c] for c in APPLICANT_PARTS)
    return table


def _reviews(rng: random.Random) -> dict:
    out = {}
    for row in ("review", "litigation_direct", "litigation_after_review"):
        parts = {k: rng.choice((0, 0, 0, 1, 2)) for k in ("upheld", "corrected", "other", "pending")}
        out[row] = {**parts, "total": sum(parts.values())}
    return out


def _prose(organ: str, year: int, tables: dict, rng: random.Random) -> dict:
    apps = tables["applications"]
    pro = tables["proactive"]
    items = pro["item5"]["licensing"]["decisions"] + pro["item6"]["penalty"]["decisions"] + rng.randint(20, 400)
    topics = "、".join(rng.sample(TOPICS, 3))
    overview = "\n".join((
        rng.choice(OPENINGS).format(year=year, organ=organ),
        rng.choice(PROACTIVE).format(items=items, topics=topics),
        rng.choice(APPLICATIONS).format(new=apps["new"]["total"], over=apps["carried_over"]["total"],
                                        done=apps["results_total"]["total"], forward=apps["carried_forward"]["total"]),
        rng.choice(MANAGEMENT), rng.choice(PLATFORMS), rng.choice(SAFEGUARDS).format(train=rng.randint(1, 6))))
    rv = tables["reviews"]
    litigation = rv["litigation_direct"]["total"] + rv["litigation_after_review"]["total"]
    issues = rng.sample(ISSUES, 3)
    measures = rng.sample(MEASURES, 2)
    problems = "\n".join((
        f"（一）上年度问题整改情况。针对{year - 1}年度报告所列“{issues[0]}”的问题，"
        f"本年度{rng.choice(measures)}，已整改到位。",
        f"（二）存在的主要问题。一是{issues[1]}；二是{issues[2]}。",
        f"（三）改进措施。一是{measures[0]}；二是{measures[1]}。"))
    other = "\n".join(["本年度未收取信息处理费。"]
                      + [s.format(year=year, n=rng.randint(1, 9)) for s in rng.sample(OTHER, 2)])
    return {"overview": overview, "proactive": "主动公开政府信息情况如下表。",
            "applications": "收到和处理政府信息公开申请情况如下表。",
            "reviews": f"本年度因政府信息公开工作被申请行政复议{rv['review']['total']}件，"
                       f"被提起行政诉讼{litigation}件，详见下表。",
            "problems": problems, "other": other}


def _report(sample: dict, organ: str, level: str, year: int, carried_over: dict, rng: random.Random) -> dict:
    r = copy.deepcopy(sample)
    meta = r["meta"]
    meta.update(organ=organ, organ_level=level, year=year, title=f"{organ}{year}年政府信息公开工作年度报告",
                statistics_period={"start": f"{year}-01-01", "end": f"{year}-12-31"},
                report_date=f"{year + 1}-01-{rng.randint(10, 28):02d}",
                publication_url=f"https://www.example.gov.cn/xxgk/ndbg/{year}/{rng.randrange(10**6):06d}.html")
    meta["contact"] = {**meta["contact"], "phone": f"0591-{rng.randint(2000_0000, 8999_9999)}",
                       "postcode": f"35{rng.randint(0, 9999):04d}"}
    t = r["tables"]
    t["proactive"]["item1"]["normative_documents"] = {"issued": (i := rng.randint(0, 6)),
                                                      "repealed": (p := rng.randint(0, 2)),
                                                      "in_force": i + rng.randint(p, 20)}
    t["proactive"]["item5"]["licensing"]["decisions"] = rng.randint(0, 600)
    t["proactive"]["item6"]["penalty"]["decisions"] = rng.randint(0, 120)
    t["proactive"]["item6"]["enforcement"]["decisions"] = rng.randint(0, 8)
    t["proactive"]["item8"]["fees"]["amount"] = round(rng.uniform(0, 50), 1)
    t["applications"] = _applications(sample["tables"]["applications"], carried_over, rng)
    t["reviews"] = _reviews(rng)
    r["sections"] = _prose(organ, year, t, rng)
    return r


def _organs(rng: random.Random):
    """Organ names of 60 made-up counties: ~30,000 towns, ~14,000 streets, 1,200 departments."""
    while True:
        county = rng.choice(COUNTIES) + rng.choice(COUNTY_KINDS)
        place = rng.choice(PLACES) + rng.choice(PLACE_ENDS)
        kind = rng.random()
        if kind < 0.45:
            yield f"{county}{place}{rng.choice(('镇', '乡'))}人民政府", "乡镇"
        elif kind < 0.55:
            yield f"{county}{place}街道办事处", "街道"
        else:
            yield f"{county}{rng.choice(DEPARTMENTS)}", "县级部门"


def plan(n: int, seed: int = 2021) -> Plan:
    """N files' worth of reports (duplicates count as files) with defects planted."""
    import yaml as _  # noqa: F401  (make_documents.load needs PyYAML)

    rng = random.Random(seed)
    sample = make_documents.load(SAMPLE)
    out = Plan()
    seen: set[str] = set()
    organs = _organs(rng)
    files = 0
    while files < n:
        organ, level = next(organs)
        if organ in seen:
            continue
        seen.add(organ)
        span = rng.choice((1, 1, 2, 2, 3))
        first = rng.choice(YEARS[: len(YEARS) - span + 1])
        carried: dict = {}
        for year in range(first, first + span):
            if files >= n:
                break
            r = _report(sample, organ, level, year, carried, rng)
            carried = dict(r["tables"]["applications"]["carried_forward"])
            _plant(r, out, rng, has_previous=year > first)
            out.reports.append(r)
            out.kinds.append(rng.choices(list(KIND_SHARE), weights=list(KIND_SHARE.values()))[0])
            files += 1
            if files < n and rng.random() < 0.01:
                out.duplicates.append(len(out.reports) - 1)
                out.planted["X103"] += 1
                files += 1
    return out


def _plant(r: dict, out: Plan, rng: random.Random, *, has_previous: bool) -> None:
    roll = rng.random()
    apps = r["tables"]["applications"]
    if roll < 0.06:
        apps["results_total"]["natural_person"] += 1        # row total ≠ its parts
        out.planted["total"] += 1
    elif roll < 0.10:
        del r["sections"]["reviews"]
        del r["tables"]["reviews"]                          # section 四 and table 四 missing
        out.planted["section"] += 1
    elif roll < 0.14:
        r["meta"]["contact"]["phone"] = "12345"
        out.planted["phone"] += 1
    elif roll < 0.17:
        del apps["withheld_3"]                              # a table row missing
        out.planted["row"] += 1
    elif roll < 0.22 and has_previous:
        apps["carried_over"]["natural_person"] += 1         # ≠ last year's carried_forward
        apps["carried_over"]["total"] += 1
        apps["new"]["natural_person"] -= 1 if apps["new"]["natural_person"] else 0
        apps["new"]["total"] = sum(v for k, v in apps["new"].items() if k != "total")
        out.planted["X101"] += 1
    elif roll < 0.24 and out.reports:
        donor = rng.choice(out.reports[-200:])              # another organ's text, name swapped
        donor_organ = donor["meta"]["organ"]
        if donor_organ != r["meta"]["organ"]:
            r["sections"] = {k: v.replace(donor_organ, r["meta"]["organ"]) for k, v in donor["sections"].items()}
            out.planted["X102"] += 1


# ---------------------------------------------------------------- writing files

def _render(job: tuple[str, str, dict]) -> None:
    kind, path, report = job
    items = make_documents.build_items(report)
    if kind == "txt":
        Path(path).write_text(make_documents.render_txt(items), encoding="utf-8")
    elif kind == "md":
        Path(path).write_text(make_documents.render_md(items), encoding="utf-8")
    elif kind == "html":
        Path(path).write_text(make_documents.render_html(items, report), encoding="utf-8")
    elif kind == "docx":
        Path(path).write_bytes(make_documents.render_docx(items, report))
    else:
        Path(path).write_bytes(make_documents.render_pdf(items, report))


def _yaml(report: dict) -> str:
    import yaml

    return yaml.dump(report, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), allow_unicode=True,
                     sort_keys=False)


def write(p: Plan, root: Path, jobs: int) -> dict[str, int]:
    yaml_all, mixed = root / "yaml-all", root / "mixed"
    yaml_all.mkdir(parents=True)
    for kind in KIND_SHARE:
        (mixed / kind).mkdir(parents=True)
    renders = []
    counts: Counter = Counter()

    def place(i: int, r: dict, kind: str, suffix: str = "") -> None:
        path = mixed / kind / f"{i:05d}{suffix}.{kind}"
        counts[kind] += 1
        if kind == "yaml":
            path.write_text(_yaml(r), encoding="utf-8")
        elif kind == "json":
            path.write_text(json.dumps(r, ensure_ascii=False, indent=1), encoding="utf-8")
        else:
            renders.append((kind, str(path), r))

    for i, (r, kind) in enumerate(zip(p.reports, p.kinds, strict=True)):
        (yaml_all / f"{i:05d}.yaml").write_text(_yaml(r), encoding="utf-8")
        place(i, r, kind)
    for i in p.duplicates:
        other = next(k for k in ("html", "txt", "md") if k != p.kinds[i])
        place(i, p.reports[i], other, "-copy")
    with ProcessPoolExecutor(jobs) as pool:
        list(pool.map(_render, renders, chunksize=16))
    broken = mixed / "txt"
    (broken / "broken-empty.txt").write_bytes(b"")
    (broken / "broken-random.docx").write_bytes(random.Random(1).randbytes(4096))
    (broken / "broken-legacy.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096))
    (broken / "broken-truncated.pdf").write_bytes(b"%PDF-1.4\n1 0 obj\n<<")
    counts["broken"] = 4
    return dict(counts)


# ---------------------------------------------------------------- measuring

@dataclass
class Measure:
    seconds: float
    peak_rss_mb: float | None
    returncode: int
    cpu_seconds: float = 0.0      # user + system time of the whole process tree


def _children_cpu() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(cmd: list[str]) -> Measure:
    """Run `cmd`, timing it and sampling the RSS of its whole process tree."""
    import psutil

    cpu_before = _children_cpu()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        try:
            parent = psutil.Process(proc.pid)
        except psutil.NoSuchProcess:
            return
        while not done.is_set():
            total = 0
            try:
                for p in [parent, *parent.children(recursive=True)]:
                    try:
                        total += p.memory_info().rss
                    except psutil.NoSuchProcess:
                        pass
            except psutil.NoSuchProcess:
                break
            peak = max(peak, total)
            done.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    code = proc.wait()
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    return Measure(seconds, peak / 1024 / 1024 if peak else None, code, _children_cpu() - cpu_before)


def check_jsonschema(files: list[Path]) -> Measure:
    exe = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent) + os.pathsep + os.environ["PATH"])
    if exe is None:
        raise SystemExit("check-jsonschema is not installed (pip install -e '.[test]')")
    total, peak, cpu = 0.0, 0.0, 0.0
    for i in range(0, len(files), 2000):     # keep the command line within ARG_MAX
        m = measure([exe, "--schemafile", str(SCHEMA), *map(str, files[i:i + 2000])])
        total += m.seconds
        cpu += m.cpu_seconds
        peak = max(peak, m.peak_rss_mb or 0)
    return Measure(total, peak, 0, cpu)


def audit_cmd(folder: Path, jobs: int, *extra: str) -> list[str]:
    return [sys.executable, "-m", "xxgk_lint", "audit", str(folder), "--isolated", "--quiet",
            "--jobs", str(jobs), *extra]


def compile_bytecode() -> None:
    """Byte-compile xxgk_lint where it is imported from, as `pip install` does. A checkout
    installed in editable mode under PYTHONDONTWRITEBYTECODE (set on some machines) would
    otherwise compile every module anew in each audit process, which no installed copy does
    and check-jsonschema (installed normally) does not pay either."""
    import compileall

    import xxgk_lint

    compileall.compile_dir(Path(xxgk_lint.__file__).parent, quiet=1)
    for name in ("xxgk_lint.rules", "xxgk_lint.schemas"):
        module = __import__(name, fromlist=["_"])
        compileall.compile_dir(Path(module.__file__).parent, quiet=1)


def run_one(n: int, jobs: int, root: Path) -> list[str]:
    t0 = time.perf_counter()
    p = plan(n)
    counts = write(p, root, jobs)
    gen = time.perf_counter() - t0
    print(f"\n[N={n}] generated in {gen:.0f} s: {counts}; planted {dict(p.planted)}", file=sys.stderr)

    yaml_files = sorted((root / "yaml-all").glob("*.yaml"))
    cj = check_jsonschema(yaml_files)
    ours = measure(audit_cmd(root / "yaml-all", jobs))
    rows = [("check-jsonschema (YAML form)", len(yaml_files), cj),
            ("xxgk-lint audit (YAML form, every rule)", len(yaml_files), ours)]
    per_kind = {}
    for kind in KIND_SHARE:
        folder = root / "mixed" / kind
        files = [f for f in folder.iterdir() if not f.name.startswith("broken-")]
        if not files:
            continue
        if kind == "txt":   # the broken files live there; time the reports only
            clean = root / "txt-only"
            clean.mkdir()
            for f in files:
                os.link(f, clean / f.name)
            folder = clean
        m = measure(audit_cmd(folder, jobs))
        per_kind[kind] = (len(files), m)
        rows.append((f"xxgk-lint audit, .{kind} only", len(files), m))
    export = root / "audit.json"
    mixed_files = sum(1 for f in (root / "mixed").rglob("*") if f.is_file())
    whole = measure(audit_cmd(root / "mixed", jobs, "--export", str(export)))
    rows.append(("xxgk-lint audit, mixed folder (+ JSON export)", mixed_files, whole))

    found = Counter()        # reports with the finding (X101 gives one finding per column)
    with open(export, encoding="utf-8") as fh:
        data = json.load(fh)
    for r in data["rules"]:
        found[r["code"]] = r["reports"]
    not_checked = data["totals"]["not_checked"]

    yaml_rate = len(yaml_files) / ours.seconds
    cj_rate = len(yaml_files) / cj.seconds
    lines = [f"### {n} reports ({jobs} workers, {os.cpu_count()} CPUs)", "",
             "| run | files | seconds | files/s | CPU seconds (process tree) | peak RSS (process tree) |",
             "|---|---:|---:|---:|---:|---:|"]
    for name, files, m in rows:
        rss = f"{m.peak_rss_mb:.0f} MB" if m.peak_rss_mb else "–"
        lines.append(f"| {name} | {files} | {m.seconds:.1f} | {files / m.seconds:.0f} | {m.cpu_seconds:.1f} | {rss} |")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    lines += ["", f"- YAML: xxgk-lint audit / check-jsonschema = **{yaml_rate / cj_rate:.1f}×** "
                  f"({yaml_rate:.0f} vs {cj_rate:.0f} files/s; target ≥ 10×)",
              f"- CPU per file on the YAML form: xxgk-lint {ours.cpu_seconds / len(yaml_files) * 1000:.1f} ms, "
              f"check-jsonschema {cj.cpu_seconds / len(yaml_files) * 1000:.1f} ms "
              f"(load average {load:.1f} at the end: other work on the machine lowers a 2-worker run more than "
              f"a 1-process one)"]
    for kind in ("txt", "md", "html"):
        if kind in per_kind and "yaml" in per_kind:
            files, m = per_kind[kind]
            yfiles, ym = per_kind["yaml"]
            slower = (yfiles / ym.seconds) / (files / m.seconds)
            lines.append(f"- .{kind} is {slower:.2f}× slower than the YAML form (same-size folders; target ≤ 3×)")
    peak = max((m.peak_rss_mb or 0) for _, _, m in rows[1:])
    lines.append(f"- peak memory of an audit: {peak:.0f} MB (target < 500 MB)")
    lines.append(f"- reports flagged by the cross-report checks in the mixed folder: X101 {found['X101']} "
                 f"(planted {p.planted['X101']}), "
                 f"X102 {found['X102']} (planted {p.planted['X102']}), X103 {found['X103']} "
                 f"(planted {p.planted['X103']}); not checked {not_checked} (planted broken files 4)")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, nargs="+", default=[1000], help="numbers of reports (default 1000)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--out", type=Path, help="work folder (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the generated files")
    args = parser.parse_args()
    base = args.out or Path(tempfile.mkdtemp(prefix="xxgk-audit-bench-"))
    compile_bytecode()
    output = []
    try:
        for n in args.n:
            root = base / f"n{n}"
            if root.exists():
                shutil.rmtree(root)
            output += run_one(n, args.jobs, root) + [""]
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
    print("\n".join(output))
    return 0


if __name__ == "__main__":
    sys.exit(main())
