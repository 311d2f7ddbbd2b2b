"""Benchmark: what the glossary and cross-reference hooks cost, against MkDocs alone and mkdocs-ezglossary.

    .venv/bin/python tests/benchmark/bench.py            # full run (about half an hour on 2 cores)
    .venv/bin/python tests/benchmark/bench.py --quick    # smoke run on tiny sites (a minute or two)

For each synthetic site (tests/benchmark/synth.py: deterministic from --seed) it builds, in
turn and --runs times, four variants with `python -m mkdocs build` in a fresh process:
MkDocs + Material alone, the same with the glossary and index pages the hooks generate written
out as static Markdown (what a hand-maintained site would have: tests/benchmark/static.py), the
same with the hooks, and with mkdocs-ezglossary linking the same terms; it records each
process's wall time and peak memory (ru_maxrss from wait4) and reports medians. The real site
is built the same way (alone, hand-written glossary and index, hooks, and a fourth variant:
hand-written with the key-number content written out too, see static.py), each edition from its
own config (hooks/adapters/editions.py: the English site, "real site", and the German one, "real
site, German"; without the hooks a page keeps its markers as text, as MkDocs alone would build it),
and so is the English site with its theme pages copied --copies times (tests/benchmark/copies.py):
content as dense in terms, index markers, charts and tables as the real pages, at a size where
fixed costs per build no longer dominate.

Because a difference of two noisy medians is itself noisy, hook time is also measured
directly: tests/benchmark/worker.py builds in-process and sums the CPU time spent inside
the hooks' event handlers ("hook events"); the scaling ratios use that measure. CPU time
(user + system, from the same wait4 call) is reported beside wall time throughout, as
other load on the machine disturbs it far less. The same worker
measures a live-reload rebuild (edit one page, build again in the warm process, as
`mkdocs serve` does) with and without the hooks. Finally it compares the built HTML of each
content page with and without the hooks.

Every build runs with Python's bytecode cache on, as on an editor's machine (an environment that
sets PYTHONDONTWRITEBYTECODE would otherwise make each build compile the hooks, and only them,
anew); the hooks are compiled before the first build.

With `--compare ROOT[=LABEL]` (repeatable) the real site and its copies are also built with the
hooks of another checkout of the project (a git worktree at an earlier commit, say), as variant
"hooks@LABEL", interleaved with the others: the same content, two versions of the code, measured in
the same minutes. `--real-only` leaves the synthetic sites out:

    git worktree add /tmp/base <commit> && ln -s "$PWD/.venv" /tmp/base/.venv
    .venv/bin/python tests/benchmark/bench.py --real-only --compare /tmp/base=base

The output is Markdown (tables ready for BENCHMARKS.md) and ends with the lines
`hooks overhead on the real site: N% (hand-written pages: S%; with key numbers: K%)`,
`hooks overhead on the German edition: N% (hand-written pages: S%; with key numbers: K%)`,
`hooks overhead on the real theme pages x40 (P pages): N% (hand-written pages: S%; with key numbers: K%)` and
`hooks overhead at 500 pages x 300 terms: N% (hand-written pages: S%; ezglossary: M%)`.
"""

from __future__ import annotations

import argparse
import compileall
import datetime
import hashlib
import importlib.util
import json
import os
import platform
import pstats
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import copies as copied  # noqa: E402
import static  # noqa: E402
import synth  # noqa: E402
import yaml  # noqa: E402

from adapters.editions import EDITIONS  # noqa: E402  # hooks/ is on the path (static.py)

ROOT = synth.ROOT
# Bytecode cache on (see above): site-packages has its .pyc files, the hooks get theirs.
ENV = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}, "NO_MKDOCS_2_WARNING": "1"}
MARKER = ".termkit-bench"  # marks a work directory as this benchmark's, so it may be replaced
EZ_VERSION = "2.1.0"  # the mkdocs-ezglossary-plugin release this benchmark was written against

Size = tuple[int, int]  # (pages, terms)


@dataclass(frozen=True)
class Plan:
    headline: Size  # the site of the headline figure
    pages_pair: tuple[Size, Size] | None  # same terms, pages doubled
    terms_pair: tuple[Size, Size] | None  # same pages, 10x the terms
    extra: tuple[Size, ...] = ()

    def sizes(self) -> list[Size]:
        out: list[Size] = []
        for s in (*self.extra, *(self.terms_pair or ()), self.headline, *(self.pages_pair or ())):
            if s not in out:
                out.append(s)
        return sorted(out)


FULL = Plan(
    headline=(500, 300),
    pages_pair=((1000, 1000), (2000, 1000)),
    terms_pair=((500, 100), (500, 1000)),
    extra=((100, 100),),
)
QUICK = Plan(headline=(50, 30), pages_pair=((25, 100), (50, 100)), terms_pair=((50, 10), (50, 100)))

LANGUAGES = {"de": "German"}  # theme.language of each edition besides the English one -> its name in the report
REAL_SITE_RUNS = 7  # the real site's builds are short: the least its medians are taken over
TARGETS = {  # name -> (limit, aim or None)
    "overhead": (20.0, None),  # against MkDocs alone at the headline size (the real site: "overhead_real")
    "overhead_real": (30.0, None),
    "overhead_static": (10.0, None),  # against the hand-written glossary and index, headline and real site
    "pages": (2.2, None),
    "terms": (1.5, None),
    "memory": (1.1, None),
    "reload": (1.1, None),
    "html": (10.0, None),
}


@dataclass
class Run:
    wall: float
    rss_kib: int
    cpu: float = 0.0  # user + system seconds of the process: far less disturbed by other load than wall time
    ok: bool = True
    note: str = ""


@dataclass
class Measured:
    runs: dict[str, list[Run]] = field(default_factory=dict)  # variant -> whole-process runs
    workers: dict[str, list[dict]] = field(default_factory=dict)  # variant -> in-process results

    def wall(self, variant: str) -> float | None:
        ok = [r.wall for r in self.runs.get(variant, []) if r.ok]
        return statistics.median(ok) if ok else None

    def cpu(self, variant: str) -> float | None:
        ok = [r.cpu for r in self.runs.get(variant, []) if r.ok]
        return statistics.median(ok) if ok else None

    def spread(self, variant: str) -> str:
        ok = [r.wall for r in self.runs.get(variant, []) if r.ok]
        return f"{min(ok):.2f}-{max(ok):.2f}" if len(ok) > 1 else ""

    def rss(self, variant: str) -> float | None:
        ok = [r.rss_kib for r in self.runs.get(variant, []) if r.ok]
        return statistics.median(ok) / 1024 if ok else None

    def worker(self, variant: str, key: str, phase: str = "first") -> float | None:
        values = [w[phase][key] for w in self.workers.get(variant, []) if phase in w]
        return statistics.median(values) if values else None

    def events(self, variant: str, phase: str = "first", key: str = "events") -> dict[str, float]:
        results = [w[phase][key] for w in self.workers.get(variant, []) if phase in w]
        names = sorted({k for r in results for k in r})
        return {n: statistics.median(r.get(n, 0.0) for r in results) for n in names}


# --------------------------------------------------------------------------- processes


def run_cli(config: Path, out: Path, timeout: float) -> Run:
    """`python -m mkdocs build -q` in a child process: wall time and the child's peak RSS."""
    cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(out)]
    start = time.perf_counter()
    # A file, not a pipe: a chatty build cannot block on a full pipe.
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, env=ENV, stdout=subprocess.DEVNULL, stderr=err, start_new_session=True)
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                os.killpg(proc.pid, signal.SIGKILL)
                pid, status, usage = os.wait4(proc.pid, 0)
                proc.returncode = -9
                return Run(
                    time.perf_counter() - start, usage.ru_maxrss, ok=False, note=f"timed out after {timeout:.0f} s"
                )
            time.sleep(0.02)
        wall = time.perf_counter() - start
        cpu = usage.ru_utime + usage.ru_stime
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read()
        if proc.returncode != 0:
            tail = stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
            return Run(wall, usage.ru_maxrss, cpu, ok=False, note=f"exit {proc.returncode}: {' | '.join(tail)}")
        return Run(wall, usage.ru_maxrss, cpu)


def write_static_variant(info: synth.SiteInfo, built: Path) -> None:
    """The synthetic site's static baseline: the plain pages, and the generated pages of a build with hooks."""
    pages = static.write_static(info.docs("hooks"), built, info.base / "static" / "pages")
    config = static.static_config(synth.site_config("plain", info.pages, info.terms), pages)
    config["docs_dir"] = str(info.docs("plain"))
    info.config("static").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), "utf-8")


def real_static_config(hooks_config: Path, built: Path) -> Path:
    """A real-content site's static baseline: its own pages, and the generated pages of a build with hooks.

    hooks_config is <name>-hooks.yml (synth.real_site_configs); the result is <name>-static.yml beside it.
    """
    config = yaml.safe_load(hooks_config.read_text("utf-8"))
    name = hooks_config.name.removesuffix("-hooks.yml")
    pages = static.write_static(
        Path(config["docs_dir"]),
        built,
        hooks_config.parent / f"{name}-static-pages",
        config["theme"].get("language", "en"),
        (config.get("extra") or {}).get("data", "data"),
    )
    config = static.static_config(config, pages)
    path = hooks_config.with_name(f"{name}-static.yml")
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), "utf-8")
    return path


def capture_config(hooks_config: Path, captured: Path) -> Path:
    """<name>-capture.yml: the config with hooks, plus capture_hook.py keeping each page's Markdown in captured."""
    config = yaml.safe_load(hooks_config.read_text("utf-8"))
    config["hooks"] = [*config["hooks"], str(HERE / "capture_hook.py")]
    config["extra"] = {**(config.get("extra") or {}), "capture_pages": str(captured)}
    path = hooks_config.with_name(hooks_config.name.replace("-hooks.yml", "-capture.yml"))
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), "utf-8")
    return path


def written_config(static_config: Path, captured: Path) -> Path:
    """<name>-written.yml: the static variant with its pages as captured (static.written_docs)."""
    config = yaml.safe_load(static_config.read_text("utf-8"))
    docs = static_config.with_name(static_config.name.replace("-static.yml", "-written-docs"))
    config["docs_dir"] = str(static.written_docs(Path(config["docs_dir"]), captured, docs))
    path = static_config.with_name(static_config.name.replace("-static.yml", "-written.yml"))
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), "utf-8")
    return path


def run_worker(
    config: Path, out: Path, timeout: float, edit: str | None = None, edit_terms: str = "", profile: Path | None = None
) -> dict | None:
    cmd = [sys.executable, str(HERE / "worker.py"), str(config), str(out)]
    if edit:
        cmd += ["--edit", edit, "--edit-terms", edit_terms]
    if profile:
        cmd += ["--profile", str(profile)]
    try:
        done = subprocess.run(cmd, check=False, env=ENV, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        log(f"    worker timed out after {timeout:.0f} s: {config}")
        return None
    if done.returncode != 0:
        log(f"    worker failed ({done.returncode}): {done.stderr.strip().splitlines()[-3:]}")
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])


def hooks_digest() -> str:
    """A short digest of the code being measured: hooks/ and the overrides."""
    return root_digest(ROOT)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- measurements


def html_growth(plain_site: Path, hooks_site: Path, pages: list[str]) -> list[float]:
    """Per content page: bytes the hooks add to its HTML, as % of the page without them."""
    growth = []
    for md in pages:
        rel = "index.html" if md == "index.md" else md[: -len(".md")] + "/index.html"
        a, b = plain_site / rel, hooks_site / rel
        if a.exists() and b.exists():
            size = a.stat().st_size
            growth.append(100.0 * (b.stat().st_size - size) / size)
    return growth


# The hooks, termkit, and the partial templates that render what they compute.
OURS = (str(ROOT / "hooks"), str(ROOT / "overrides/partials/glossary"), str(ROOT / "overrides/partials/xref"))


def profile_report(stats_file: Path, limit: int = 25) -> str:
    """Top functions by cumulative time whose code is the project's: hooks/ and the overrides' templates."""
    stats = pstats.Stats(str(stats_file))
    hooks_dir = OURS
    rows = []
    for (filename, line, name), (_cc, nc, tt, ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]  # typeshed's Stats omits .stats
        if filename.startswith(hooks_dir):
            rows.append((ct, tt, nc, f"{Path(filename).relative_to(ROOT)}:{line}({name})"))
    rows.sort(reverse=True)
    total = stats.total_tt  # type: ignore[attr-defined]  # typeshed's Stats omits .total_tt
    lines = ["| cumulative s | own s | calls | function |", "| ---: | ---: | ---: | --- |"]
    for ct, tt, nc, where in rows[:limit]:
        lines.append(f"| {ct:.3f} | {tt:.3f} | {nc} | `{where}` |")
    own = stats_own_by_file(stats)
    lines += ["", f"Whole build under the profiler: {total:.2f} s. Own time by file:", ""]
    lines += [f"- `{f}`: {t:.3f} s" for f, t in own]
    lines += ["", "Top callees outside the project's code, by the own time of the calls made from it:", ""]
    lines += [f"- `{w}`: {t:.3f} s own, {n} calls" for w, t, n in external_callees(stats, hooks_dir)[:10]]
    return "\n".join(lines)


def stats_own_by_file(stats: pstats.Stats) -> list[tuple[str, float]]:
    hooks_dir = OURS
    own: dict[str, float] = {}
    for (filename, _line, _name), (_cc, _nc, tt, _ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]  # typeshed's Stats omits .stats
        if filename.startswith(hooks_dir):
            key = str(Path(filename).relative_to(ROOT))
            own[key] = own.get(key, 0.0) + tt
    return sorted(own.items(), key=lambda kv: -kv[1])


def external_callees(stats: pstats.Stats, hooks_dir: tuple[str, ...]) -> list[tuple[str, float, int]]:
    """Functions outside the project's code, weighted by the share of their calls made from it."""
    out = []
    for (filename, line, name), (_cc, nc, tt, _ct, callers) in stats.stats.items():  # type: ignore[attr-defined]  # typeshed's Stats omits .stats
        if filename.startswith(hooks_dir) or not callers:
            continue
        from_hooks = sum(c[1] for (f, _l, _n), c in callers.items() if f.startswith(hooks_dir))
        if not from_hooks:
            continue
        share = from_hooks / max(nc, 1)
        where = f"{'/'.join(Path(filename).parts[-3:])}:{line}({name})" if filename != "~" else name
        out.append((where, tt * share, from_hooks))
    return sorted(out, key=lambda x: -x[1])


# --------------------------------------------------------------------------- formatting


def pct(new: float | None, base: float | None) -> str:
    if new is None or base is None or base == 0:
        return "n/a"
    return f"{100.0 * (new - base) / base:+.1f}%"


def num(value: float | None, fmt: str = "{:.2f}") -> str:
    return "n/a" if value is None else fmt.format(value)


def times(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}x"


def ratio(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None or b == 0 else a / b


def verdict(value: float | None, name: str) -> str:
    if value is None:
        return "n/a"
    limit, aim = TARGETS[name]
    if value > limit:
        return "**over**"
    if aim is not None and value > aim:
        return "within limit, above aim"
    return "ok"


def label(size: Size) -> str:
    return f"{size[0]} x {size[1]}"


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__
    )
    parser.add_argument("--quick", action="store_true", help="tiny sites, one run each: a smoke test")
    parser.add_argument("--runs", type=int, help="builds of each variant (median); default 3, 1 with --quick")
    parser.add_argument("--seed", type=int, default=42, help="seed of the synthetic sites (default 42)")
    parser.add_argument(
        "--work-dir",
        type=Path,
        default=Path(os.environ.get("TMPDIR", "/tmp")) / "termkit-bench",
        help="where sites and builds go (default $TMPDIR/termkit-bench); replaced on each run",
    )
    parser.add_argument("--no-ez", action="store_true", help="skip mkdocs-ezglossary")
    parser.add_argument(
        "--ez-refs",
        choices=("first", "all"),
        default="first",
        help="ezglossary references: the first mention of a term per page, as the hooks link "
        "(default), or every mention",
    )
    parser.add_argument(
        "--ez-max-pages",
        type=int,
        default=2000,
        help="build ezglossary only on sites up to this many pages (its time grows with pages squared)",
    )
    parser.add_argument(
        "--headline-only",
        action="store_true",
        help=f"only the headline site ({label(FULL.headline)}, or {label(QUICK.headline)} with --quick): "
        "no scaling ratios, a third of the time",
    )
    parser.add_argument("--no-real", action="store_true", help="skip the real site and its copies")
    parser.add_argument(
        "--real-only", action="store_true", help="only the real site and its copies: no synthetic site, no ezglossary"
    )
    parser.add_argument(
        "--compare",
        action="append",
        default=[],
        metavar="ROOT[=LABEL]",
        help="also build the real site and its copies with the hooks of another checkout of the project "
        "(variant hooks@LABEL, LABEL by default the folder's name); repeatable",
    )
    parser.add_argument(
        "--copies",
        type=int,
        help="also build the real site with its theme pages copied this many times (default 40, 4 with --quick; "
        "1: not at all)",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="also profile one in-process build of the headline site with the hooks (cProfile)",
    )
    parser.add_argument("--timeout", type=float, default=1800, help="seconds before one build is given up")
    parser.add_argument("--output", type=Path, help="also write the report (Markdown) to this file")
    args = parser.parse_args(argv)

    plan = QUICK if args.quick else FULL
    if args.headline_only:
        plan = Plan(headline=plan.headline, pages_pair=None, terms_pair=None)
    args.others = compare_roots(parser, args.compare)
    if args.real_only and args.no_real:
        parser.error("--real-only and --no-real leave nothing to build")
    runs = args.runs or (1 if args.quick else 3)
    copies = args.copies or (4 if args.quick else 40)
    work = args.work_dir.resolve()
    if work.exists() and any(work.iterdir()) and not (work / MARKER).exists():
        parser.error(f"--work-dir {work} is not empty and was not made by this benchmark; it will not be replaced")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    (work / MARKER).write_text("made by tests/benchmark/bench.py; replaced on each run\n", encoding="utf-8")
    have_ez = not args.no_ez and importlib.util.find_spec("mkdocs_ezglossary_plugin") is not None
    if not args.no_ez and not have_ez:
        log(
            f"mkdocs-ezglossary-plugin is not installed: pip install mkdocs-ezglossary-plugin=={EZ_VERSION}; "
            "skipping it"
        )

    for root in (ROOT, *args.others.values()):  # the bytecode cache the builds would make on their first run
        compileall.compile_dir(root / "hooks", quiet=1)
    started = time.perf_counter()
    load_before = os.getloadavg()
    hooks_before = hooks_digest()
    sites: dict[Size, synth.SiteInfo] = {}
    results: dict[Size, Measured] = {}
    growth: list[float] = []
    if args.real_only:
        real = measure_real_sites(work, runs, copies, args)
        report = render_real_only(
            runs,
            real,
            args,
            time.perf_counter() - started,
            (load_before, os.getloadavg()),
            (hooks_before, hooks_digest()),
        )
        return emit(report, args.output)
    for size in plan.sizes():
        log(f"generating {label(size)}")
        sites[size] = synth.write_site(
            work / "sites" / f"{size[0]}x{size[1]}", *size, seed=args.seed, ez_refs=args.ez_refs
        )
        results[size] = Measured()

    # Whole-process builds, variants interleaved so drift in the machine hits them alike.
    for size, info in sites.items():
        variants = ["plain", "hooks", "static"] + (["ez"] if have_ez and size[0] <= args.ez_max_pages else [])
        m = results[size]
        for rep in range(runs):
            for variant in variants:
                if variant == "static" and not info.config("static").exists():  # after the first build with hooks
                    write_static_variant(info, work / "out" / f"{size[0]}x{size[1]}" / "hooks")
                run = run_cli(info.config(variant), work / "out" / f"{size[0]}x{size[1]}" / variant, args.timeout)
                m.runs.setdefault(variant, []).append(run)
                log(
                    f"  {label(size):>12} {variant:5} run {rep + 1}/{runs}: {run.wall:7.2f} s, cpu {run.cpu:7.2f} s, "
                    f"{run.rss_kib / 1024:7.1f} MiB {'' if run.ok else run.note}"
                )
        # HTML of the last builds, while they are there.
        if size == plan.headline:
            growth = html_growth(
                work / "out" / f"{size[0]}x{size[1]}" / "plain",
                work / "out" / f"{size[0]}x{size[1]}" / "hooks",
                info.page_paths,
            )
        if size not in (plan.headline,):
            shutil.rmtree(work / "out" / f"{size[0]}x{size[1]}", ignore_errors=True)

    # In-process: hook event time for every site; live reload on the headline site.
    edit_page = sites[plan.headline].page_paths[min(3, len(sites[plan.headline].page_paths) - 1)]
    edit_terms = ", ".join(t.name for t in synth.make_terms(plan.headline[1])[:3])
    for size, info in sites.items():
        m = results[size]
        for rep in range(runs):
            jobs = [("hooks", size == plan.headline)]
            if size == plan.headline:
                jobs.append(("plain", True))
                if have_ez and size[0] <= args.ez_max_pages:
                    jobs.append(("ez", False))
            for variant, reload_ in jobs:
                res = run_worker(
                    info.config(variant),
                    work / "worker" / variant,
                    args.timeout,
                    edit=edit_page if reload_ else None,
                    edit_terms=edit_terms,
                )
                if res:
                    m.workers.setdefault(variant, []).append(res)
                    extra = f", rebuild {res['rebuild']['total']:.2f} s" if "rebuild" in res else ""
                    log(
                        f"  {label(size):>12} {variant:5} in-process {rep + 1}/{runs}: "
                        f"build {res['first']['total']:.2f} s, plugin events {res['first']['plugin_time']:.2f} s "
                        f"(cpu {res['first']['plugin_cpu']:.2f} s){extra}"
                    )

    # The real site, and its theme pages copied --copies times.
    real = [] if args.no_real else measure_real_sites(work, runs, copies, args)

    profile_text = ""
    if args.profile:
        stats_file = work / "hooks-profile.prof"
        log("  profiling the headline site with the hooks")
        if run_worker(
            sites[plan.headline].config("hooks"), work / "worker" / "profile", args.timeout, profile=stats_file
        ):
            profile_text = profile_report(stats_file)

    report = render(
        plan,
        runs,
        sites,
        results,
        real,
        growth,
        have_ez,
        args,
        profile_text,
        time.perf_counter() - started,
        (load_before, os.getloadavg()),
        (hooks_before, hooks_digest()),
    )
    return emit(report, args.output)


def emit(report: str, output: Path | None) -> int:
    """Print the report, and write it to --output if given; the exit status."""
    print(report)
    if output:
        output.write_text(report + "\n", encoding="utf-8")
    return 0


def compare_roots(parser: argparse.ArgumentParser, given: list[str]) -> dict[str, Path]:
    """--compare ROOT[=LABEL] -> label -> root, each a checkout of the project with its own hooks."""
    others: dict[str, Path] = {}
    for item in given:
        path, _, label = item.partition("=")
        root = Path(path).resolve()
        label = label or root.name
        if not (root / "mkdocs.yml").is_file() or not (root / "hooks").is_dir():
            parser.error(f"--compare {item}: {root} is no checkout of the project (no mkdocs.yml and hooks/)")
        if label in others:
            parser.error(f"--compare {item}: the label {label!r} is given twice")
        others[label] = root
    return others


def measure_real_sites(work: Path, runs: int, copies: int, args) -> list[tuple[str, Measured]]:
    """Each edition of the real site (adapters/editions.py) and the English theme pages copied --copies times,
    each with every variant (and --compare's, for an edition whose config the other checkout has)."""
    real = []
    for config_file in EDITIONS:
        language = synth.real_settings(config_file=config_file)["theme"].get("language", "en")
        # A folder of its own for each edition and checkout: a chart cache of its own beside the config (an
        # edition's charts, in its own words, would put the other's out of a shared one).
        name = "real" if language == "en" else f"real-{language}"
        configs = synth.real_site_configs(work / name, name=name, config_file=config_file)
        for label, root in args.others.items():
            if (root / config_file).is_file():
                configs[f"hooks@{label}"] = synth.real_site_configs(
                    work / f"{name}@{label}", name=name, root=root, config_file=config_file
                )["hooks"]
        # A build of about a second moves by a third with the machine's load: more runs of each variant.
        row = "real site" if language == "en" else f"real site, {LANGUAGES[language]}"
        real.append((row, measure_real(configs, work, name, real_site_runs(runs, args.quick), args)))
    if copies > 1:
        log(f"copying the real theme pages {copies}x")
        configs, pages = copied.write_copied_site(work / "copied", copies, args.others)
        real.append((f"real theme pages x{copies} ({pages} pages)", measure_real(configs, work, "copied", runs, args)))
    return real


def real_site_runs(runs: int, quick: bool) -> int:
    return runs if quick else max(runs, REAL_SITE_RUNS)


def measure_real(configs: dict[str, Path], work: Path, name: str, runs: int, args) -> Measured:
    """A real-content site (synth.real_site_configs): fresh-process builds of each variant, interleaved,
    and the hooks' event time in-process.

    First one untimed build with the hooks: it draws the charts into the site's chart cache (beside
    its config), as an editor's earlier builds have, and gives the static variant its pages.
    """
    m = Measured()
    out = work / "out" / name
    captured = out / "captured"
    warm_up = run_cli(capture_config(configs["hooks"], captured), out / "hooks", args.timeout)
    log(f"  {name:>12} hooks warm-up: {warm_up.wall:7.2f} s {'' if warm_up.ok else warm_up.note}")
    others = [variant for variant in configs if variant.startswith("hooks@")]
    for variant in others:  # their charts drawn into their own caches, too
        other = run_cli(configs[variant], out / variant, args.timeout)
        log(f"  {name:>12} {variant} warm-up: {other.wall:7.2f} s {'' if other.ok else other.note}")
    configs["static"] = real_static_config(configs["hooks"], out / "hooks")
    configs["written"] = written_config(configs["static"], captured)
    for rep in range(runs):
        for variant in ("plain", "hooks", "static", "written", *others):
            run = run_cli(configs[variant], out / variant, args.timeout)
            m.runs.setdefault(variant, []).append(run)
            log(
                f"  {name:>12} {variant:5} run {rep + 1}/{runs}: {run.wall:7.2f} s, cpu {run.cpu:7.2f} s, "
                f"{run.rss_kib / 1024:7.1f} MiB {'' if run.ok else run.note}"
            )
        res = run_worker(configs["hooks"], work / "worker" / name, args.timeout)
        if res:
            m.workers.setdefault("hooks", []).append(res)
    return m


def machine_line(runs: int, args, loads, digests, ez: bool) -> str:
    """Where and when the benchmark ran, on what load, measuring which code."""
    now = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    (before, after) = loads
    others = "".join(f"; hooks@{label}: {root_digest(root)} ({root})" for label, root in args.others.items())
    return (
        f"Machine: nproc {len(os.sched_getaffinity(0))}, Python {platform.python_version()}, "
        f"{platform.system()} {platform.machine()}, {now}; MkDocs {_version('mkdocs')}, "
        f"Material {_version('mkdocs-material')}"
        + (f", mkdocs-ezglossary-plugin {_version('mkdocs-ezglossary-plugin')}" if ez else "")
        + f"; {runs} run(s) each ({real_site_runs(runs, args.quick)} of the real site), medians; seed {args.seed}; "
        f"load average {before[0]:.1f} at start, "
        f"{after[0]:.1f} at end; hooks and overrides {digests[0]}"
        + (f" **but {digests[1]} at the end: they changed during the run**" if digests[1] != digests[0] else "")
        + others
        + f"{'; QUICK mode' if args.quick else ''}."
    )


def render_real_only(runs: int, real: list[tuple[str, Measured]], args, elapsed: float, loads, digests) -> str:
    """The report of --real-only: the real site and its copies against their baselines and --compare's code."""
    out = [machine_line(runs, args, loads, digests, ez=False), ""]
    out += alone_table(real)
    out += static_table(real)
    out += compare_table(real, args.others)
    out.append(f"Benchmark took {elapsed / 60:.1f} min.")
    out.append("")
    out += overhead_lines(real)
    return "\n".join(out)


def alone_table(real: list[tuple[str, Measured]]) -> list[str]:
    """Each real site built by MkDocs alone and with the hooks: median wall and CPU seconds, the overheads."""
    out = [
        "### The real sites: MkDocs alone and with the hooks",
        "",
        "Median wall seconds (min-max over runs) and CPU seconds (user + system) of the fresh-process builds, "
        "and the hooks' overhead on each; peak memory (max RSS).",
        "",
        "| site | MkDocs alone | CPU | with hooks | CPU | overhead | CPU overhead | peak MiB alone / hooks |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, m in real:
        out.append(
            f"| {name} | {num(m.wall('plain'))} s{_spread(m, 'plain')}{_failures(m, 'plain')} "
            f"| {num(m.cpu('plain'))} s | {num(m.wall('hooks'))} s{_spread(m, 'hooks')}{_failures(m, 'hooks')} "
            f"| {num(m.cpu('hooks'))} s "
            f"| {pct(m.wall('hooks'), m.wall('plain'))} | {pct(m.cpu('hooks'), m.cpu('plain'))} "
            f"| {num(m.rss('plain'), '{:.0f}')} / {num(m.rss('hooks'), '{:.0f}')} |"
        )
    return [*out, ""]


def overhead_lines(real: list[tuple[str, Measured]]) -> list[str]:
    """The closing line of each real site: the hooks' overhead on its wall time, against each baseline."""
    # An edition's row "real site, German" is "the German edition" here.
    names = {f"real site, {language}": f"{language} edition" for language in LANGUAGES.values()}
    return [
        f"hooks overhead on the {names.get(name, name)}: {num(_over(site, 'hooks'), '{:.0f}')}% "
        f"(hand-written pages: {num(_over(site, 'hooks', base='static'), '{:.0f}')}%; "
        f"with key numbers: {num(_over(site, 'hooks', base='written'), '{:.0f}')}%)"
        for name, site in real
    ]


def compare_table(real: list[tuple[str, Measured]], others: dict[str, Path]) -> list[str]:
    """The build with this tree's hooks against each --compare checkout's, on the same content."""
    if not others:
        return []
    out = [
        "### This code against other checkouts (--compare)",
        "",
        "The same pages built with the hooks of this tree and of each other checkout, interleaved: "
        "median CPU seconds (user + system) and wall seconds, and this tree's difference.",
        "",
        "| site | variant | CPU | wall | this tree vs it, CPU | wall |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for name, m in real:
        out.append(f"| {name} | hooks (this tree) | {num(m.cpu('hooks'))} s | {num(m.wall('hooks'))} s | | |")
        for label in others:
            variant = f"hooks@{label}"
            out.append(
                f"| {name} | {variant}{_failures(m, variant)} | {num(m.cpu(variant))} s | {num(m.wall(variant))} s "
                f"| {pct(m.cpu('hooks'), m.cpu(variant))} | {pct(m.wall('hooks'), m.wall(variant))} |"
            )
    return [*out, ""]


def root_digest(root: Path) -> str:
    """A short digest of another checkout's hooks/ and overrides/."""
    digest = hashlib.sha256()
    for path in sorted([*(root / "hooks").rglob("*.py"), *(root / "overrides").rglob("*.html")]):
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def render(
    plan: Plan,
    runs: int,
    sites,
    results: dict[Size, Measured],
    real: list[tuple[str, Measured]],
    growth: list[float],
    have_ez: bool,
    args,
    profile_text: str,
    elapsed: float,
    loads,
    digests,
) -> str:
    out: list[str] = [machine_line(runs, args, loads, digests, have_ez), ""]
    out.append("### Whole build: `python -m mkdocs build` in a fresh process")
    out.append("")
    out.append(
        "Wall time (min-max over runs), the overhead on it and on the process's CPU time (user + system, "
        "which other load on the machine disturbs far less), hook events (CPU seconds inside the hooks' "
        "event handlers in an in-process build) and peak memory (max RSS)."
    )
    out.append("")
    out.append(
        "| pages x terms | MkDocs alone | with hooks | overhead | CPU overhead | hook events | "
        "peak MiB alone / hooks | ezglossary | overhead | CPU overhead | peak MiB |"
    )
    out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    rows = [(label(size) + (" **(headline)**" if size == plan.headline else ""), m) for size, m in results.items()]
    rows += real
    for name, m in rows:
        plain, hooks, ez = m.wall("plain"), m.wall("hooks"), m.wall("ez")
        ev = m.worker("hooks", "plugin_cpu")
        if "ez" in m.runs:
            ez_cells = (
                f"{num(ez)} s{_spread(m, 'ez')}{_failures(m, 'ez')} | {pct(ez, plain)} "
                f"| {pct(m.cpu('ez'), m.cpu('plain'))} | {num(m.rss('ez'), '{:.0f}')}"
            )
        else:
            ez_cells = "| | |" if any(m is site for _, site in real) else "not built | | |"
        out.append(
            f"| {name} | {num(plain)} s{_spread(m, 'plain')} "
            f"| {num(hooks)} s{_spread(m, 'hooks')}{_failures(m, 'hooks')} "
            f"| {pct(hooks, plain)} | {pct(m.cpu('hooks'), m.cpu('plain'))} | {num(ev)} s "
            f"| {num(m.rss('plain'), '{:.0f}')} / {num(m.rss('hooks'), '{:.0f}')} | {ez_cells} |"
        )
    out.append("")
    info = sites[plan.headline]
    out.append(
        f"Mentions of terms per page: {info.mentions / info.pages:.0f} at {label(plan.headline)}. "
        "Hook events leave out what the hooks cause elsewhere: rendering the generated glossary and index "
        "pages and the related-pages partial, a larger search index, more HTML written."
    )
    out.append("")

    out += alone_table(real)
    out += static_table(rows)
    out += compare_table(real, args.others)

    head = results[plan.headline]
    none = Measured()  # stands in for the sites of a pair that was not run: every figure n/a
    (p1, p2) = plan.pages_pair or ((0, 0), (0, 0))
    (t1, t2) = plan.terms_pair or ((0, 0), (0, 0))
    r = lambda size: results.get(size, none)  # noqa: E731
    pages_ratio = ratio(r(p2).worker("hooks", "plugin_cpu"), r(p1).worker("hooks", "plugin_cpu"))
    terms_ratio = ratio(r(t2).worker("hooks", "plugin_cpu"), r(t1).worker("hooks", "plugin_cpu"))
    pages_ratio_wall = ratio(_diff(r(p2), "cpu"), _diff(r(p1), "cpu"))
    terms_ratio_wall = ratio(_diff(r(t2), "cpu"), _diff(r(t1), "cpu"))
    overhead = _over(head, "hooks")
    overhead_cpu = _over(head, "hooks", "cpu")
    ez_overhead = _over(head, "ez")
    mem = ratio(head.rss("hooks"), head.rss("plain"))
    reload_plain, reload_hooks = head.worker("plain", "total", "rebuild"), head.worker("hooks", "total", "rebuild")
    reload_ratio = ratio(reload_hooks, reload_plain)
    reload_cpu = ratio(head.worker("hooks", "total_cpu", "rebuild"), head.worker("plain", "total_cpu", "rebuild"))
    g_med = statistics.median(growth) if growth else None
    g_max = max(growth) if growth else None

    out.append("### Targets")
    out.append("")
    out.append("| target | measured | limit | verdict |")
    out.append("| --- | ---: | ---: | --- |")
    out.append(
        f"| build-time overhead at {label(plan.headline)}, wall (CPU: {num(overhead_cpu, '{:.1f}')}%) "
        f"| {num(overhead, '{:.1f}')}% | 20% | {verdict(overhead, 'overhead')} |"
    )
    # The hand-written target holds at the headline size and on the real site (the first of `real`).
    baselines = [(label(plan.headline), head, "overhead_static")]
    for k, (name, site) in enumerate(real):
        baselines += [(f"the {name}", site, key) for key in ("overhead_static", "overhead_real")[min(k, 1) :]]
    for name, site, key in baselines:
        base = "static" if key == "overhead_static" else "plain"
        value = _over(site, "hooks", base=base)
        against = "the hand-written glossary and index" if base == "static" else "MkDocs alone"
        # Against MkDocs alone, what the same content costs with no hook at all (the "+ key numbers" site).
        floor = _over(site, "written") if base == "plain" and "written" in site.runs else None
        floor_note = f"; + key numbers, no hooks: {num(floor, '{:.1f}')}%" if floor is not None else ""
        out.append(
            f"| build-time overhead against {against}, {name}, wall (CPU: "
            f"{num(_over(site, 'hooks', 'cpu', base), '{:.1f}')}%{floor_note}) | {num(value, '{:.1f}')}% "
            f"| {TARGETS[key][0]:.0f}% | {verdict(value, key)} |"
        )
    if plan.pages_pair:
        out.append(
            f"| hook time, {label(p2)} vs {label(p1)}: hook events (whole-process CPU difference: "
            f"{times(pages_ratio_wall)}) | {times(pages_ratio)} | 2.2x | {verdict(pages_ratio, 'pages')} |"
        )
    if plan.terms_pair:
        out.append(
            f"| hook time, {label(t2)} vs {label(t1)}: hook events (whole-process CPU difference: "
            f"{times(terms_ratio_wall)}) | {times(terms_ratio)} | 1.5x | {verdict(terms_ratio, 'terms')} |"
        )
    out.append(
        f"| peak memory with hooks / without at {label(plan.headline)} | {times(mem)} | 1.1x "
        f"| {verdict(mem, 'memory')} |"
    )
    out.append(
        f"| live-reload rebuild with hooks / without at {label(plan.headline)}, wall "
        f"({num(reload_hooks)} s vs {num(reload_plain)} s; CPU ratio {times(reload_cpu)}) "
        f"| {times(reload_ratio)} | 1.1x | {verdict(reload_ratio, 'reload')} |"
    )
    out.append(
        f"| HTML added per page by the hooks, median (max) over {len(growth)} pages | {num(g_med, '{:.1f}')}% "
        f"({num(g_max, '{:.1f}')}%) | 10% | {verdict(g_max, 'html')} |"
    )
    out.append("")

    out.append(f"### Where the hook time goes at {label(plan.headline)} (in-process, median CPU seconds)")
    out.append("")
    out.append("| event | first build | live-reload rebuild |")
    out.append("| --- | ---: | ---: |")
    first, rebuild = head.events("hooks", key="events_cpu"), head.events("hooks", "rebuild", key="events_cpu")
    for name in sorted(first, key=lambda n: -first[n]):
        out.append(f"| {name} | {first[name]:.3f} | {rebuild.get(name, 0.0):.3f} |")
    out.append(f"| **all hook events** | **{sum(first.values()):.3f}** | **{sum(rebuild.values()):.3f}** |")
    build_cpu = head.worker("hooks", "total_cpu")
    if build_cpu:
        out.append(
            f"| whole in-process build with hooks | {build_cpu:.3f} | "
            f"{num(head.worker('hooks', 'total_cpu', 'rebuild'), '{:.3f}')} |"
        )
    ez_events = head.worker("ez", "plugin_cpu")
    if ez_events is not None:
        out.append("")
        out.append(
            f"For comparison, ezglossary's own event handlers take {ez_events:.3f} CPU s in-process at "
            f"{label(plan.headline)} (with the {args.ez_refs} mention{'s' if args.ez_refs == 'all' else ''} of "
            "each term on a page written as an ezglossary reference). The rest of its overhead is outside its "
            "handlers: loading the config, which imports the plugin and its `inflect` dependency, takes "
            f"{num(head.worker('ez', 'load'))} s against {num(head.worker('plain', 'load'))} s alone "
            f"({num(head.worker('hooks', 'load'))} s with the hooks), and Material's search plugin indexes "
            "its extra anchors."
        )
    out.append("")

    if profile_text:
        out.append(
            f"### Profile of one in-process build with hooks at {label(plan.headline)} "
            "(cProfile; functions in hooks/ and the hooks' partial templates, by cumulative time)"
        )
        out.append("")
        out.append(profile_text)
        out.append("")

    out.append(
        f"Sites: ~{synth.WORDS_PER_PAGE} words in {synth.SECTIONS} sections per page, "
        f"{synth.TERM_RATE:.0%} of word slots a term mention, a code block naming terms; Material with "
        "`navigation.prune` (pages in nested folders) so the baseline stays linear in pages. "
        f"Benchmark took {elapsed / 60:.1f} min."
    )
    out.append("")
    label_ez = f"{num(ez_overhead, '{:.0f}')}%" if ez_overhead is not None else "n/a"
    static_overhead = _over(head, "hooks", base="static")
    out += overhead_lines(real)
    out.append(
        f"hooks overhead at {plan.headline[0]} pages x {plan.headline[1]} terms: "
        f"{num(overhead, '{:.0f}')}% (hand-written pages: {num(static_overhead, '{:.0f}')}%; ezglossary: {label_ez})"
    )
    return "\n".join(out)


def static_table(rows: list[tuple[str, Measured]]) -> list[str]:
    """The third baseline: the hooks against the same site with its glossary and index written by hand."""
    out = [
        "### Against a hand-written glossary and index",
        "",
        "The same site without the hooks, its glossary and index pages static Markdown files with what the "
        "hooks generate (tests/benchmark/static.py): what automation costs over maintaining them by hand.",
        "",
        "On the real site and its copies, a fourth variant also has the key-number content written out "
        "(tables, charts, claim boxes, timeline: the pages as the key-numbers hook leaves them; "
        'tests/benchmark/capture_hook.py), as a hand-maintained site would: "+ key numbers". Its overhead '
        "over MkDocs alone is what that content costs MkDocs itself, with no hook running: a floor under "
        "any target against MkDocs alone.",
        "",
        "| pages x terms | MkDocs alone | hand-written pages | with hooks | hooks over hand-written "
        "| CPU | hand-written over alone | + key numbers | over alone (CPU) | hooks over it | CPU |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, m in rows:
        written = (
            f"{num(m.wall('written'))} s{_spread(m, 'written')}{_failures(m, 'written')} "
            f"| {pct(m.wall('written'), m.wall('plain'))} ({pct(m.cpu('written'), m.cpu('plain'))}) "
            f"| {pct(m.wall('hooks'), m.wall('written'))} | {pct(m.cpu('hooks'), m.cpu('written'))}"
            if "written" in m.runs
            else "| | |"
        )
        out.append(
            f"| {name} | {num(m.wall('plain'))} s | {num(m.wall('static'))} s{_spread(m, 'static')}"
            f"{_failures(m, 'static')} | {num(m.wall('hooks'))} s | {pct(m.wall('hooks'), m.wall('static'))} "
            f"| {pct(m.cpu('hooks'), m.cpu('static'))} | {pct(m.wall('static'), m.wall('plain'))} | {written} |"
        )
    return [*out, ""]


def _spread(m: Measured, variant: str) -> str:
    s = m.spread(variant)
    return f" ({s})" if s else ""


def _diff(m: Measured, measure: str = "wall") -> float | None:
    a, b = getattr(m, measure)("hooks"), getattr(m, measure)("plain")
    return None if a is None or b is None else a - b


def _over(m: Measured, variant: str, measure: str = "wall", base: str = "plain") -> float | None:
    a, b = getattr(m, measure)(variant), getattr(m, measure)(base)
    return None if a is None or b is None or b == 0 else 100.0 * (a - b) / b


def _failures(m: Measured, variant: str) -> str:
    bad = [r for r in m.runs.get(variant, []) if not r.ok]
    return f" ({len(bad)} failed: {bad[0].note})" if bad else ""


def _version(dist: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return "?"


if __name__ == "__main__":
    sys.exit(main())
