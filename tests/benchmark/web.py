"""`make bench-web`: what a reader experiences on every page type, against stock Material.

    .venv/bin/python tests/benchmark/web.py                       # 5 rounds, then Lighthouse (~40 min)
    .venv/bin/python tests/benchmark/web.py --lighthouse-runs 0   # the reader tables only (~15 min)
    .venv/bin/python tests/benchmark/web.py --runs 3 --pages "home,glossary" --conditions phone
    .venv/bin/python tests/benchmark/web.py --also "before=/tmp/old-site"   # another built site too

It builds in the same run the real site and the reference, "stock Material": the same docs/ with
the same settings, plugins and Markdown extensions, but no hooks, no custom_dir (overrides), no
extra CSS or JavaScript. Its glossary and book index are the hand-written pages that `make bench`
builds too (tests/benchmark/static.py: what the hooks generate, as static Markdown), so every page
type has a stock counterpart. Both are served gzip-compressed from 127.0.0.1 under site_url's path.

The headline is measured as a reader meets it, in Debian's Chromium driven by Playwright
(tests/support/reader.py): each load in a fresh browser context, the variants of a page one after
the other, round by round, under two conditions: a phone (4x CPU slowdown, slow 4G) and an
unthrottled desktop. Per page type and variant it reports the medians of

- shown: the first animation frame in which the article has a non-zero opacity and a height;
- LCP: largest contentful paint;
- TBT: every main-thread task's time over 50 ms, from navigation start to 6 s (from a DevTools
  trace; not only after the first paint, as Lighthouse counts it),

and their ratios to stock. Targets (for this benchmark only, never a test): on every page type in
both conditions shown and LCP at most 1.05x stock, TBT at most 1.0x.

Lighthouse 12.2.3 (mobile and desktop presets) then audits the same pages, for information only;
`--lighthouse-runs 0` skips it. Lighthouse counts blocking time only after the first contentful
paint, so a page that holds its first paint until its scripts have run scores better there while
the reader waits longer: the reader tables are what counts.

Nothing here is a test: timings on a shared machine move from run to run; the ratios to stock
measured in the same rounds are what to compare. `make test` asserts only what does not depend on
the machine's speed (tests/browser/test_first_paint.py, tests/browser/test_lighthouse.py).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import static

from support import ROOT, lighthouse, reader
from support.site_server import SiteServer, base_path
from support.sites import build_real_site

PAGES = {  # page -> path under the site: every page type, and two theme pages (the table had both)
    "home": "",
    "architecture": "architecture/",
    "evaluation": "evaluation/",
    "what happened next": "what-happened-next/",
    "sources": "sources/",
    "glossary": "glossary/",
    "book index": "book-index/",
}
SITE, STOCK = "site", "stock"
# Targets against stock Material in the same run (the issue's): at most these ratios.
TARGETS = {"shown": 1.05, "lcp": 1.05, "tbt": 1.0}
METRICS = {"shown": "shown", "lcp": "LCP", "tbt": "TBT"}


def stock_site(site: Path, out: Path) -> Path:
    """The same docs/ built with stock Material; the glossary and book index hand-written from site's.

    No hooks but static_hook.py, which only adds the two hand-written pages; no custom_dir, no
    extra CSS or JavaScript. The theme's settings (palette, features, language, no web fonts),
    plugins and Markdown extensions are the real site's.
    """
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    pages = static.write_static(ROOT / "docs", site, out.parent / "stock-pages")
    config = static.static_config(config, pages)
    config["theme"] = {key: value for key, value in config["theme"].items() if key != "custom_dir"}
    for key in ("extra_css", "extra_javascript"):
        config.pop(key, None)
    # The language switch is the site's own (overrides/partials/alternate.html); Material's partial would
    # read `extra.alternate` as a list of editions.
    config["extra"] = {k: v for k, v in (config.get("extra") or {}).items() if k not in ("alternate", "languages")}
    config["docs_dir"] = str(ROOT / "docs")
    config["strict"] = False  # `term:` links and [[...]] markers stay as they are, unresolved
    path = out.parent / "stock-mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(path), "-d", str(out)],
        check=True,
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    return out


def chromium_version() -> str:
    done = subprocess.run([str(lighthouse.CHROMIUM), "--version"], check=False, capture_output=True, text=True)
    return done.stdout.strip() or "unknown"


def load_average() -> str:
    return ", ".join(f"{x:.1f}" for x in os.getloadavg())


Results = dict[tuple[str, str, str], list[reader.Load]]  # (condition, variant, page) -> loads


def reader_rounds(
    urls: dict[str, dict[str, str]], pages: list[str], conditions: list[str], runs: int, traces: Path
) -> Results:
    """Every page of every variant under every condition once per round, variants one after the other.

    urls: variant -> page type -> URL. The variants' order is reversed every other round.
    """
    from playwright.sync_api import sync_playwright

    results: Results = {}
    variants = list(urls)
    with sync_playwright() as playwright:
        browser = reader.launch(playwright)
        try:
            for round_no in range(runs):
                order = variants if round_no % 2 == 0 else variants[::-1]
                for condition in conditions:
                    for page in pages:
                        for variant in order:
                            trace = traces / f"{round_no}-{condition}-{variant}-{page.replace(' ', '-')}.json"
                            done = reader.load(browser, urls[variant][page], reader.CONDITIONS[condition], trace)
                            results.setdefault((condition, variant, page), []).append(done)
                            print(
                                f"  round {round_no + 1}/{runs} {condition:<8}{page:<20}{variant:<10}"
                                f"shown {_ms(done.shown_ms):>9}  LCP {_ms(done.lcp_ms):>9}  TBT {_ms(done.tbt_ms):>8}",
                                file=sys.stderr,
                                flush=True,
                            )
        finally:
            browser.close()
    return results


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:,.0f} ms"


def medians(loads: list[reader.Load]) -> dict[str, float | None]:
    """Median shown, LCP and TBT; a figure that is missing from any load (never seen) is None."""
    columns: dict[str, list[float | None]] = {
        "shown": [load.shown_ms for load in loads],
        "lcp": [load.lcp_ms for load in loads],
        "tbt": [load.tbt_ms for load in loads],
    }
    out: dict[str, float | None] = {}
    for name, values in columns.items():
        seen = [value for value in values if value is not None]
        out[name] = statistics.median(seen) if len(seen) == len(values) else None
    return out


def ratio(ours: float | None, stock: float | None) -> float | None:
    """ours / stock; 1.0 when both are 0 (no blocking time either way); None when it cannot be said."""
    if ours is None or stock is None:
        return None
    if stock == 0:
        return 1.0 if ours == 0 else None
    return ours / stock


def reader_table(results: Results, condition: str, variant: str, pages: list[str]) -> tuple[list[str], list[str]]:
    """The Markdown table for one variant under one condition, and the targets it misses."""
    head = " | ".join(f"{METRICS[m]} {variant} | {METRICS[m]} stock | ratio" for m in METRICS)
    lines = [f"| page | {head} |", "| --- |" + " ---: |" * (3 * len(METRICS))]
    missed = []
    for page in pages:
        ours, stock = medians(results[condition, variant, page]), medians(results[condition, STOCK, page])
        cells = []
        for metric, limit in TARGETS.items():
            r = ratio(ours[metric], stock[metric])
            cells += [_ms(ours[metric]), _ms(stock[metric]), "n/a" if r is None else f"{r:.2f}x"]
            if r is None or r > limit:
                missed.append(f"{page}: {METRICS[metric]} {'n/a' if r is None else f'{r:.2f}x'} (target {limit}x)")
        lines.append(f"| {page} | " + " | ".join(cells) + " |")
    return lines, missed


def lighthouse_rounds(urls: dict[str, dict[str, str]], pages: list[str], runs: int, work: Path) -> dict:
    """Lighthouse on every page of every variant, both presets, round by round: {(preset, variant, page): [timings]}.

    A run that fails or reports no performance score (as happens on an overloaded machine) is left
    out of the medians and reported; the table says how many runs each median has.
    """
    results: dict[tuple[str, str, str], list[dict]] = {}
    for round_no in range(runs):
        for preset in lighthouse.PRESETS:
            for page in pages:
                for variant, by_page in urls.items():
                    out = work / f"{round_no}-{preset}-{variant}-{page.replace(' ', '-')}.json"
                    results.setdefault((preset, variant, page), [])
                    try:
                        timings = lighthouse.timings(lighthouse.run(by_page[page], preset, out))
                    except (lighthouse.LighthouseError, TypeError, KeyError) as error:
                        print(f"  lighthouse: no result for {page} ({variant}, {preset}): {error}", file=sys.stderr)
                        continue
                    results[preset, variant, page].append(timings)
                    print(
                        f"  lighthouse {round_no + 1}/{runs} {preset:<8}{page:<20}{variant:<10}"
                        f"{timings['performance']:>4}  TBT {timings['tbt_ms']:>6.0f} ms",
                        file=sys.stderr,
                        flush=True,
                    )
    return results


def lighthouse_table(results: dict, variants: list[str], pages: list[str]) -> list[str]:
    lines = [
        "| page | preset | runs | "
        + " | ".join(f"performance {v}" for v in variants)
        + " | "
        + " | ".join(f"TBT {v}" for v in variants)
        + " | "
        + " | ".join(f"LCP {v}" for v in variants)
        + " |",
        "| --- | --- | --- |" + " ---: |" * (3 * len(variants)),
    ]

    def median(runs: list[dict], key: str, unit: bool) -> str:
        if not runs:
            return "n/a"
        value = statistics.median(r[key] for r in runs)
        return _ms(value) if unit else f"{value:.0f}"

    for preset in lighthouse.PRESETS:
        for page in pages:
            runs = {v: results[preset, v, page] for v in variants}
            counts = "/".join(str(len(runs[v])) for v in variants)
            perf = [median(runs[v], "performance", False) for v in variants]
            tbt = [median(runs[v], "tbt_ms", True) for v in variants]
            lcp = [median(runs[v], "lcp_ms", True) for v in variants]
            lines.append(f"| {page} | {preset} | {counts} | " + " | ".join(perf + tbt + lcp) + " |")
    return lines


def parse_also(values: list[str]) -> dict[str, Path]:
    also = {}
    for value in values:
        label, sep, directory = value.partition("=")
        if not sep or not label or label in (SITE, STOCK) or not Path(directory, "index.html").is_file():
            raise SystemExit(f"--also {value!r}: expected LABEL=DIR, DIR a built site, LABEL not {SITE!r} or {STOCK!r}")
        also[label] = Path(directory)
    return also


def arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--runs", type=int, default=5, help="reader loads of each page per variant and condition (0: Lighthouse only)"
    )
    parser.add_argument("--lighthouse-runs", type=int, default=3, help="Lighthouse rounds afterwards (0: none)")
    parser.add_argument("--pages", default=",".join(PAGES), help=f"pages, comma-separated (of {', '.join(PAGES)})")
    parser.add_argument("--conditions", default=",".join(reader.CONDITIONS), help=f"of {', '.join(reader.CONDITIONS)}")
    parser.add_argument(
        "--also",
        action="append",
        default=[],
        metavar="LABEL=DIR",
        help="another built site (e.g. of an older commit) measured in the same rounds, with its own table",
    )
    parser.add_argument("--keep", type=Path, help="keep every load's figures (loads.json) and DevTools trace here")
    args = parser.parse_args(argv)
    args.pages = [name.strip() for name in args.pages.split(",") if name.strip()]
    args.conditions = [name.strip() for name in args.conditions.split(",") if name.strip()]
    unknown = [name for name in args.pages if name not in PAGES]
    unknown += [name for name in args.conditions if name not in reader.CONDITIONS]
    if unknown:
        parser.error(f"unknown pages or conditions {unknown}")
    args.also = parse_also(args.also)
    if args.lighthouse_runs and shutil.which("node") is None:
        parser.error(
            "the Lighthouse table needs Node.js 20 and `npm ci` (make bench-web does that); or --lighthouse-runs 0"
        )
    return args


def serve(args: argparse.Namespace, work: Path) -> dict[str, SiteServer]:
    """Build the site and stock Material; serve them and the --also sites: {variant: server}."""
    print("building the site and stock Material ...", file=sys.stderr, flush=True)
    site = build_real_site(work / "site")
    roots = {SITE: site, **args.also, STOCK: stock_site(site, work / "stock")}
    for name, root in roots.items():
        missing = [page for page in args.pages if not (root / PAGES[page] / "index.html").is_file()]
        if missing:
            raise SystemExit(f"{name} ({root}) has no page for {missing}")
    return {name: SiteServer(root, base_path()).start() for name, root in roots.items()}


def print_reader_tables(args: argparse.Namespace, results: Results, started: datetime.datetime, loads: str) -> None:
    command = " ".join(["tests/benchmark/web.py", *args.argv])
    print(
        f"`{command}`, {started:%Y-%m-%d %H:%M} UTC, {chromium_version()}, Playwright; "
        f"{args.runs} loads of each page per variant and condition, interleaved, medians; "
        f"load average (1, 5, 15 min) {loads} on {os.cpu_count()} cores\n",
        flush=True,
    )
    for condition in args.conditions:
        for variant in [SITE, *args.also]:
            lines, missed = reader_table(results, condition, variant, args.pages)
            title = "this checkout" if variant == SITE else f"{variant}, {args.also[variant]}"
            verdict = "all met" if not missed else "missed: " + "; ".join(missed)
            print(f"Reader, {reader.CONDITIONS[condition].name}: {title} against stock Material\n")
            print("\n".join(lines))
            print(f"\nTargets (shown, LCP <= 1.05x stock; TBT <= 1.0x): {verdict}\n", flush=True)


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    args.argv = sys.argv[1:] if argv is None else argv
    with tempfile.TemporaryDirectory(prefix="bench-web-") as tmp:
        keep = args.keep or Path(tmp, "kept")
        (keep / "traces").mkdir(parents=True, exist_ok=True)
        servers = serve(args, Path(tmp))
        urls = {name: {page: server.base_url + PAGES[page] for page in args.pages} for name, server in servers.items()}
        try:
            if args.runs:
                started, load_before = datetime.datetime.now(datetime.UTC), load_average()
                results = reader_rounds(urls, args.pages, args.conditions, args.runs, keep / "traces")
                raw = {"|".join(key): [vars(load) for load in loads] for key, loads in results.items()}
                (keep / "loads.json").write_text(json.dumps(raw, indent=1), encoding="utf-8")
                print_reader_tables(args, results, started, f"{load_before} at the start, {load_average()} at the end")
            if args.lighthouse_runs:
                (Path(tmp) / "lighthouse").mkdir()
                audits = lighthouse_rounds(urls, args.pages, args.lighthouse_runs, Path(tmp) / "lighthouse")
                print(
                    f"Lighthouse 12.2.3, for information only: medians of {args.lighthouse_runs} rounds "
                    f"(runs: how many gave a result, per variant); load average {load_average()} at the end\n"
                )
                print("\n".join(lighthouse_table(audits, [SITE, *args.also, STOCK], args.pages)))
        finally:
            for server in servers.values():
                server.shutdown()
                server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
