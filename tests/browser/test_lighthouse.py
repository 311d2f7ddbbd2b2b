"""Lighthouse (12.2.3, from package.json) on four pages, with the mobile and desktop presets.

Accessibility, best practices and SEO must be 100, performance at least 95 with both presets
(MIN_PERFORMANCE). Its metrics are simulated from timings taken on a shared machine, so a run
that falls short is repeated twice and the median of the three counts, as Lighthouse's own
documentation advises for noisy machines.
The measured table is printed at the end of the test run.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
from pathlib import Path

import pytest

from .conftest import CHROMIUM_ARGS, NODE_BIN, require_chromium, require_node_tool

PAGES = {"home": "", "architecture": "architecture/", "glossary": "glossary/", "book-index": "book-index/"}
PRESETS = {"mobile": ["--form-factor=mobile"], "desktop": ["--preset=desktop"]}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
EXACT = ["accessibility", "best-practices", "seo"]
# Desktop scores 100 on every page; mobile (simulated: 4x CPU throttle, slow 4G) 95-100 on all four.
# Mobile used to measure 85-97 (glossary 67-94), for three reasons, each fixed in overrides/:
# - Material's start-up restyled the whole page about eight times (palette component, the class
#   change on <html>); main.html and partials/javascripts/palette.html now do that work before
#   the body is parsed, where it is free.
# - Material's scripts ran before or after the first paint at random; when before, Lighthouse
#   counted them into First Contentful Paint and Largest Contentful Paint (1.8-2.6 s instead of
#   1.2 s). They now start once the page has been painted (partials/javascripts/after-paint.html).
# - navigation.instant restyled every link on start (TBT ~290 ms on the glossary); it is off.
# The floor stays at 95, not higher, because the timings come from this 2-core shared machine.
MIN_PERFORMANCE = 95
RUNS_WHEN_SHORT = 3
SCORES_KEY = pytest.StashKey[dict]()


def lighthouse(url: str, preset: str, out: Path) -> dict:
    command = [
        str(require_node_tool(NODE_BIN / "lighthouse")), url, "--quiet", "--output=json", f"--output-path={out}",
        f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={' '.join(CHROMIUM_ARGS)}",
        "--max-wait-for-load=30000", *PRESETS[preset],
    ]
    env = {**os.environ, "CHROME_PATH": str(require_chromium())}
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=240)
    if done.returncode != 0 or not out.exists():
        pytest.fail(f"lighthouse failed on {url} ({preset}):\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    report = json.loads(out.read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        pytest.fail(f"lighthouse could not audit {url} ({preset}): {report['runtimeError']}")
    return report


def summary(report: dict) -> dict:
    """Category scores (0-100) and the weighted audits that did not pass, with their values."""
    scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
    failing = []
    for category in CATEGORIES:
        for ref in report["categories"][category]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
                failing.append(f"{category}/{audit['id']} {audit['score']:.2f} {audit.get('displayValue', '')}".strip())
    return {"scores": scores, "failing": failing}


@pytest.fixture(scope="session")
def lighthouse_results(request, base_url, tmp_path_factory):
    """All audits once per session: {(page, preset): summary}, the median run where performance fell short."""
    out_dir = tmp_path_factory.mktemp("lighthouse")
    results = {}
    for page, path in PAGES.items():
        for preset in PRESETS:
            runs = []
            for attempt in range(RUNS_WHEN_SHORT):
                runs.append(summary(lighthouse(base_url + path, preset, out_dir / f"{page}-{preset}-{attempt}.json")))
                if runs[0]["scores"]["performance"] >= MIN_PERFORMANCE:
                    break
            median = statistics.median_low(r["scores"]["performance"] for r in runs)
            chosen = next(r for r in runs if r["scores"]["performance"] == median)
            results[page, preset] = {**chosen, "performance_runs": [r["scores"]["performance"] for r in runs]}
    request.config.stash[SCORES_KEY] = results
    if getattr(request.config, "cache", None) is not None:  # absent with -p no:cacheprovider
        request.config.cache.set("lighthouse/scores", {f"{p} {s}": r for (p, s), r in results.items()})
    return results


CASES = [pytest.param(page, preset, id=f"{page}-{preset}") for page in PAGES for preset in PRESETS]


@pytest.mark.parametrize(("page", "preset"), CASES)
def test_lighthouse_scores(lighthouse_results, page, preset):
    result = lighthouse_results[page, preset]
    scores, failing = result["scores"], "\n  ".join(result["failing"])
    for category in EXACT:
        assert scores[category] == 100, f"{category} is {scores[category]}; not passing:\n  {failing}"
    assert scores["performance"] >= MIN_PERFORMANCE, (
        f"performance {scores['performance']} (runs {result['performance_runs']}); not passing:\n  {failing}")


def format_table(results: dict) -> list[str]:
    header = f"{'page':<14}{'preset':<9}" + "".join(f"{c:>16}" for c in CATEGORIES)
    lines = [header]
    for (page, preset), result in results.items():
        lines.append(f"{page:<14}{preset:<9}" + "".join(f"{result['scores'][c]:>16}" for c in CATEGORIES))
    return lines
