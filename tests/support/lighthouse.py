"""Run Lighthouse (12.2.3, pinned in package.json) on Debian's Chromium and read its report.

Shared by the budget test (tests/browser/test_lighthouse.py: only what does not depend on the
machine's speed) and `make bench-web` (tests/benchmark/web.py: the timing scores).
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

from . import ROOT

LIGHTHOUSE = ROOT / "node_modules/.bin/lighthouse"
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PRESETS = {"mobile": ["--form-factor=mobile"], "desktop": ["--preset=desktop"]}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


class LighthouseError(RuntimeError):
    pass


def run(url: str, preset: str, out: Path, extra: list[str] | None = None) -> dict:
    """One Lighthouse run of url with a preset ("mobile", "desktop"); the JSON report."""
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={out}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={' '.join(CHROMIUM_ARGS)}",
        "--max-wait-for-load=60000",
        *PRESETS[preset],
        *(extra or []),
    ]
    env = {**os.environ, "CHROME_PATH": str(CHROMIUM)}
    done = subprocess.run(command, check=False, env=env, capture_output=True, text=True, timeout=600)
    if done.returncode != 0 or not out.exists():
        raise LighthouseError(f"lighthouse failed on {url} ({preset}):\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    report = json.loads(out.read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        raise LighthouseError(f"lighthouse could not audit {url} ({preset}): {report['runtimeError']}")
    return report


def scores(report: dict) -> dict[str, int]:
    """Category scores, 0-100."""
    return {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}


def failing_audits(report: dict, category: str) -> list[str]:
    """The weighted audits of a category that did not pass, with their values."""
    failing = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
            failing.append(f"{audit['id']} {audit['score']:.2f} {audit.get('displayValue', '')}".strip())
    return failing


def budgets(report: dict) -> dict[str, int]:
    """What a page costs a reader that does not depend on how fast the machine is."""
    summary = {item["resourceType"]: item for item in report["audits"]["resource-summary"]["details"]["items"]}
    return {
        "transfer_bytes": int(summary["total"]["transferSize"]),
        "script_bytes": int(summary.get("script", {}).get("transferSize", 0)),
        "stylesheet_bytes": int(summary.get("stylesheet", {}).get("transferSize", 0)),
        "requests": int(summary["total"]["requestCount"]),
        "dom_elements": int(report["audits"]["dom-size"]["numericValue"]),
    }


def foreign_requests(report: dict) -> list[str]:
    """Requests to any host other than the audited page's."""
    origin = urlsplit(report["finalDisplayedUrl"]).netloc
    urls = (item["url"] for item in report["audits"]["network-requests"]["details"]["items"])
    return [url for url in urls if urlsplit(url).netloc not in ("", origin) and not url.startswith("data:")]


def timings(report: dict) -> dict[str, float]:
    """The timing figures a reader feels (simulated from this machine's own run)."""
    audits = report["audits"]
    return {
        "performance": scores(report)["performance"],
        "tbt_ms": audits["total-blocking-time"]["numericValue"],
        "lcp_ms": audits["largest-contentful-paint"]["numericValue"],
        "fcp_ms": audits["first-contentful-paint"]["numericValue"],
        "benchmark_index": report["environment"]["benchmarkIndex"],
    }


def calibrated_cpu_slowdown(benchmark_index: float) -> float:
    """The CPU slowdown that makes this machine a mid-tier phone, from its benchmarkIndex.

    Lighthouse's throttling documentation (docs/throttling.md, "Calibrating the CPU slowdown")
    points to its slowdown calculator, which interpolates linearly between these points:
    index 150 -> 1x, 800 -> 2x, 1300 -> 3x, and one more x for every 233 above 1300.
    """
    if benchmark_index >= 1300:
        return 3 + (benchmark_index - 1300) / 233
    if benchmark_index >= 800:
        return 2 + (benchmark_index - 800) / 500
    return max(1.0, 1 + (benchmark_index - 150) / 650)
