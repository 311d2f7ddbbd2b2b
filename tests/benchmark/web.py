"""`make bench-web`: Lighthouse timing scores of every page type, against a stock Material page.

    .venv/bin/python tests/benchmark/web.py              # 5 rounds (about 20 minutes on 2 cores)
    .venv/bin/python tests/benchmark/web.py --runs 3     # fewer rounds
    .venv/bin/python tests/benchmark/web.py --runs 2 --calibrated-runs 0 --pages "theme page,home"

It builds the real site and a reference in the same run: one page of plain text built with this
site's theme settings (palette, features, language, no web fonts) but without overrides, extra
CSS or JavaScript, or hooks; "stock Material" below. Both are served gzip-compressed from
127.0.0.1 like a static host. Each round audits every page type and the stock page once per
preset (Lighthouse 12.2.3 defaults: mobile, and the desktop preset), so both see the same load on
this shared machine; the table shows medians and ranges over the rounds.

Lighthouse's default mobile run slows the CPU down 4x whatever the machine. Its documentation
advises calibrating that to the machine's benchmarkIndex; the last table does so (mobile only,
fewer runs), labelled with the multiplier used.

Nothing here is a test: timings on a shared machine move from run to run. `make test` asserts only
what does not depend on the machine's speed (tests/browser/test_lighthouse.py).
"""

from __future__ import annotations

import argparse
import datetime
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from support import ROOT, lighthouse
from support.site_server import SiteServer, base_path
from support.sites import build_real_site

PAGES = {  # page type -> path under the site (a page type that the site does not have is left out)
    "home": "",
    "theme page": "architecture/",
    "what happened next": "what-happened-next/",
    "sources": "sources/",
    "glossary": "glossary/",
    "book index": "book-index/",
}
STOCK = "stock Material"
# Issue targets for a reader on a phone, against stock Material measured in the same run.
MAX_TBT_RATIO = 1.5
MAX_POINTS_BELOW = 3


def stock_site(out: Path) -> Path:
    """One page of plain text with the real site's theme settings and nothing of ours."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!!python", "#"))
    theme = {key: value for key, value in config["theme"].items() if key != "custom_dir"}
    project = out.parent / "stock-project"
    (project / "docs").mkdir(parents=True, exist_ok=True)
    paragraph = ("Plain text of about the length of a short page, with no tables, figures or term links. " * 8).strip()
    (project / "docs/index.md").write_text("# Stock page\n\n" + "\n\n".join([paragraph] * 6) + "\n", encoding="utf-8")
    settings = {
        "site_name": config["site_name"],
        "site_url": config["site_url"],
        "theme": theme,
        "plugins": ["search"],
        "markdown_extensions": config["markdown_extensions"],
    }
    (project / "mkdocs.yml").write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(out)], cwd=project, check=True)
    return out


def chromium_version() -> str:
    done = subprocess.run([str(lighthouse.CHROMIUM), "--version"], check=False, capture_output=True, text=True)
    return done.stdout.strip() or "unknown"


def audit_rounds(
    targets: dict[str, str],
    runs: int,
    work: Path,
    extra: list[str] | None = None,
    presets: tuple[str, ...] = ("mobile", "desktop"),
) -> dict[tuple[str, str], list[dict]]:
    """Lighthouse on every target and preset, round by round: {(target, preset): [timings per round]}."""
    results: dict[tuple[str, str], list[dict]] = {}
    for round_no in range(runs):
        for preset in presets:
            for name, url in targets.items():
                out = work / f"{round_no}-{preset}-{name.replace(' ', '-')}.json"
                report = lighthouse.run(url, preset, out, extra)
                results.setdefault((name, preset), []).append(lighthouse.timings(report))
                print(
                    f"  round {round_no + 1}/{runs} {preset:<8}{name:<20}{results[name, preset][-1]['performance']:>4}",
                    file=sys.stderr,
                    flush=True,
                )
    return results


def median_range(values: list[float], unit: str = "") -> str:
    median = statistics.median(values)
    return f"{median:.0f}{unit} ({min(values):.0f}-{max(values):.0f})"


def table(results: dict[tuple[str, str], list[dict]], presets: tuple[str, ...]) -> list[str]:
    lines = [
        "| page | preset | performance | total blocking time | TBT / stock | points below stock |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    verdicts = []
    for preset in presets:
        stock = results[STOCK, preset]
        stock_tbt = statistics.median(r["tbt_ms"] for r in stock)
        stock_perf = statistics.median(r["performance"] for r in stock)
        for (name, each), runs in results.items():
            if each != preset:
                continue
            perf = [r["performance"] for r in runs]
            tbt = [r["tbt_ms"] for r in runs]
            # A stock TBT under 10 ms (desktop) makes the ratio meaningless: shown as n/a, judged by score.
            ratio = statistics.median(tbt) / stock_tbt if stock_tbt >= 10 else None
            below = stock_perf - statistics.median(perf)
            shown = "" if name == STOCK else ("n/a" if ratio is None else f"{ratio:.2f}x")
            lines.append(
                f"| {name} | {preset} | {median_range(perf)} | {median_range(tbt, ' ms')} | "
                f"{shown} | {'' if name == STOCK else f'{below:+.0f}'} |"
            )
            if name != STOCK:
                ok = (
                    (statistics.median(perf) == 100)
                    if preset == "desktop"
                    else ((ratio is None or ratio <= MAX_TBT_RATIO) and below <= MAX_POINTS_BELOW)
                )
                verdicts.append(f"{name} ({preset}): {'ok' if ok else 'OVER'}")
    return [
        *lines,
        "",
        "Targets (mobile: TBT <= 1.5x stock and at most 3 points below it; desktop: 100): " + "; ".join(verdicts),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="rounds of the default presets (median of these)")
    parser.add_argument("--calibrated-runs", type=int, default=3, help="rounds with the calibrated CPU slowdown")
    parser.add_argument(
        "--pages",
        default=",".join(PAGES),
        help=f"page types to audit, comma-separated (default: all of {', '.join(PAGES)}); stock Material always",
    )
    args = parser.parse_args(argv)
    pages = [name.strip() for name in args.pages.split(",") if name.strip()]
    unknown = [name for name in pages if name not in PAGES]
    if unknown:
        parser.error(f"unknown page types {unknown}; known: {', '.join(PAGES)}")
    started = datetime.datetime.now(datetime.UTC)
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="bench-web-") as tmp:
        work = Path(tmp)
        site = build_real_site(work / "site")
        stock = stock_site(work / "stock")
        ours = SiteServer(site, base_path()).start()
        theirs = SiteServer(stock, base_path()).start()
        targets = {name: ours.base_url + PAGES[name] for name in pages if (site / PAGES[name] / "index.html").exists()}
        targets[STOCK] = theirs.base_url
        reports = work / "reports"
        reports.mkdir()
        try:
            default = audit_rounds(targets, args.runs, reports)
            index = statistics.median(r["benchmark_index"] for runs in default.values() for r in runs)
            slowdown = lighthouse.calibrated_cpu_slowdown(index)
            calibrated = audit_rounds(
                targets,
                args.calibrated_runs,
                reports,
                [f"--throttling.cpuSlowdownMultiplier={slowdown:.2f}"],
                ("mobile",),
            )
        finally:
            for server in (ours, theirs):
                server.shutdown()
                server.server_close()
    indexes = [r["benchmark_index"] for runs in default.values() for r in runs]
    load_after = os.getloadavg()
    print(
        f"`make bench-web`, {started:%Y-%m-%d %H:%M} UTC, {chromium_version()}, Lighthouse 12.2.3, "
        f"benchmarkIndex {median_range(indexes)}, {args.runs} rounds; load average (1, 5, 15 min) "
        f"{' '.join(f'{x:.1f}' for x in load_before)} at the start, {' '.join(f'{x:.1f}' for x in load_after)} "
        f"at the end on {os.cpu_count()} cores\n"
    )
    print("\n".join(table(default, ("mobile", "desktop"))))
    if calibrated:
        print(
            f"\nMobile with the CPU slowdown calibrated to this machine (benchmarkIndex {index:.0f} -> "
            f"{slowdown:.2f}x instead of 4x; Lighthouse's throttling calculator), {args.calibrated_runs} rounds:\n"
        )
        print("\n".join(table(calibrated, ("mobile",))))
    return 0


if __name__ == "__main__":
    if shutil.which("node") is None:
        sys.exit("bench-web needs Node.js 20 and `npm ci` (make bench-web does that)")
    sys.exit(main())
