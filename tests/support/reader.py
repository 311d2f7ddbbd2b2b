"""What a reader experiences when a page loads, measured in a real Chromium driven by Playwright.

Shared by the browser test that nothing hides the page while scripts load
(tests/browser/test_first_paint.py) and `make bench-web` (tests/benchmark/web.py), which times it.

- ARTICLE_STATE: a script that defines `articleState()`, which says whether the article can be
  seen now and, if not, what hides it (opacity 0 or display: none on <html>, <body>, the article
  or an element around it; visibility: hidden on <body> or the article; an article without height).
- load(): one page load in a fresh browser context under one of the CONDITIONS, with three figures:
  - "shown": the start of the first animation frame in which articleState() sees the article,
    from a script that runs before any of the page's own;
  - LCP: the last largest-contentful-paint entry (PerformanceObserver, from the same script);
  - total blocking time: each task's time over 50 ms, for every task of the page's main thread
    that starts within WINDOW_MS of navigation start, from a DevTools trace of the load (not only
    those after the first paint, as Lighthouse counts them). A PerformanceObserver for long tasks
    would miss the task that commits the page and parses its first bytes, which runs before any
    script of the page. Tasks that end before the page is committed (the browser setting up the
    renderer while the request is on its way) are not the page's and are left out.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import TimeoutError as PlaywrightTimeout

from .lighthouse import CHROMIUM, CHROMIUM_ARGS

ARTICLE = "article.md-content__inner"
ARTICLE_STATE = """
function articleState() {
  const hiding = [];
  const look = (element, name) => {
    const style = getComputedStyle(element);
    if (style.opacity === "0") hiding.push(name + " opacity 0");
    if (style.display === "none") hiding.push(name + " display none");
    return style;
  };
  if (document.documentElement) look(document.documentElement, "html");
  if (document.body) look(document.body, "body");
  const article = document.querySelector("ARTICLE_SELECTOR");
  if (article === null) return { article: false, shown: false, hiding, height: 0 };
  for (let element = article; element && element !== document.body; element = element.parentElement) {
    look(element, element === article ? "article" : "<" + element.tagName.toLowerCase() + "> around the article");
  }
  if (getComputedStyle(article).visibility === "hidden") hiding.push("article visibility hidden");
  if (document.body && getComputedStyle(document.body).visibility === "hidden") hiding.push("body visibility hidden");
  const height = article.getBoundingClientRect().height;
  return { article: true, shown: hiding.length === 0 && height > 0, hiding, height };
}
""".replace("ARTICLE_SELECTOR", ARTICLE)

# Runs before the page's own scripts (Playwright's add_init_script) and records in window.__reader.
# The animation-frame loop stops at the first frame that shows the article, so it costs the page
# nothing after that.
READER_METRICS = (
    ARTICLE_STATE
    + """
(() => {
  const reader = (window.__reader = { shown: null, lcp: null });
  new PerformanceObserver((list) => {
    const entries = list.getEntries();
    reader.lcp = entries[entries.length - 1].startTime;
  }).observe({ type: "largest-contentful-paint", buffered: true });
  const frame = (time) => {
    if (articleState().shown) reader.shown = time;
    else requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})();
"""
)

WINDOW_MS = 6_000  # tasks that start this long after navigation start still count
LONG_TASK_MS = 50
# DevTools' own categories: every task of the main thread (RunTask), the page's commit, navigation start.
TRACE_CATEGORIES = ["disabled-by-default-devtools.timeline", "devtools.timeline", "blink.user_timing"]


@dataclass(frozen=True)
class Condition:
    """A device and network: Playwright context options, and DevTools throttling (None: none)."""

    name: str
    context: dict[str, Any]
    cpu_slowdown: float = 1.0
    network: dict[str, Any] | None = None


CONDITIONS = {
    # A mid-range phone as Lighthouse's mobile preset describes it (412 x 823 CSS px at 1.75x),
    # its CPU 4x slower than this machine's, on slow 4G: 150 ms round trip, 1.6 Mbit/s down,
    # 750 kbit/s up (DevTools takes bytes per second).
    "phone": Condition(
        "4x CPU, slow 4G (phone, 412 x 823)",
        {"viewport": {"width": 412, "height": 823}, "device_scale_factor": 1.75, "is_mobile": True, "has_touch": True},
        cpu_slowdown=4,
        network={
            "offline": False,
            "latency": 150,
            "downloadThroughput": 1_600_000 / 8,
            "uploadThroughput": 750_000 / 8,
        },
    ),
    # A desktop at Lighthouse's desktop size, nothing throttled.
    "desktop": Condition("unthrottled (desktop, 1350 x 940)", {"viewport": {"width": 1350, "height": 940}}),
}


@dataclass
class Load:
    """One page load: milliseconds after navigation start (None: not seen in the time waited)."""

    url: str
    shown_ms: float | None
    lcp_ms: float | None
    long_tasks: list[tuple[float, float]] = field(default_factory=list)  # (start, length) of tasks over 50 ms

    @property
    def tbt_ms(self) -> float:
        """Every long task's time over 50 ms."""
        return sum(length - LONG_TASK_MS for _, length in self.long_tasks)


# Chromium 156 loads a WebUI page of its own (the omnibox pop-up) for new windows, at random during
# about one load in ten here, in a renderer that competes for the CPU with the measured page.
QUIET_FEATURES = ["WebUIOmniboxPopup", "WebUIOmniboxAimPopup"]


def launch(playwright):
    """Chromium for measuring: Playwright's switches, CHROMIUM_ARGS, and QUIET_FEATURES disabled.

    Chromium keeps only the last --disable-features on its command line, so the list must also hold
    the features Playwright disables itself; they are read from the command line of a first launch.
    """

    def start(args: list[str]):
        return playwright.chromium.launch(executable_path=str(CHROMIUM), args=[*CHROMIUM_ARGS, *args])

    probe = start([])
    try:
        page = probe.new_page()
        page.goto("chrome://version")
        command_line = page.locator("#command_line").inner_text()
    finally:
        probe.close()
    switch = "--disable-features="
    disabled = [part.removeprefix(switch) for part in command_line.split() if part.startswith(switch)]
    features = [name for names in disabled for name in names.split(",") if name] + QUIET_FEATURES
    return start([switch + ",".join(dict.fromkeys(features))])


def load(browser, url: str, condition: Condition, trace: Path, timeout_ms: float = 60_000) -> Load:
    """Load url once in a fresh context under condition, traced into the file trace.

    Waits until WINDOW_MS after navigation start, and until the article has shown (at most
    timeout_ms; after that shown_ms is None).
    """
    context = browser.new_context(**condition.context)
    try:
        context.set_default_timeout(timeout_ms)
        page = context.new_page()
        devtools = context.new_cdp_session(page)
        if condition.cpu_slowdown != 1:
            devtools.send("Emulation.setCPUThrottlingRate", {"rate": condition.cpu_slowdown})
        if condition.network is not None:
            devtools.send("Network.enable")
            devtools.send("Network.emulateNetworkConditions", condition.network)
        page.add_init_script(READER_METRICS)
        browser.start_tracing(page=page, path=trace, categories=TRACE_CATEGORIES)
        try:
            page.goto(url, wait_until="load")
            # The window is waited out here, so that no polling script runs in the page meanwhile.
            page.wait_for_timeout(max(0.0, WINDOW_MS - page.evaluate("performance.now()")))
        finally:
            browser.stop_tracing()
        with contextlib.suppress(PlaywrightTimeout):
            page.wait_for_function("() => window.__reader.shown !== null", polling=500, timeout=timeout_ms)
        figures = page.evaluate("window.__reader")
    finally:
        context.close()
    return Load(url, figures["shown"], figures["lcp"], long_tasks(json.loads(trace.read_bytes()), url))


def long_tasks(trace: dict | list, url: str) -> list[tuple[float, float]]:
    """(start, length) in ms after navigation start of the page's main-thread tasks over 50 ms
    that end after the page's commit and start within WINDOW_MS."""
    events = trace["traceEvents"] if isinstance(trace, dict) else trace
    starts = [e for e in events if e.get("name") == "navigationStart" and _data(e).get("documentLoaderURL") == url]
    if not starts:
        raise ValueError(f"the trace has no navigation to {url}")
    start = starts[0]
    thread = (start["pid"], start["tid"])
    commits = [
        e["ts"] for e in events if e.get("name") == "CommitLoad" and _data(e).get("url") == url and _on(e, thread)
    ]
    committed = min(commits, default=start["ts"])
    tasks = []
    for event in events:
        if event.get("name") != "RunTask" or event.get("ph") != "X" or not _on(event, thread):
            continue
        begin, length = (event["ts"] - start["ts"]) / 1000, event.get("dur", 0) / 1000
        if length > LONG_TASK_MS and 0 <= begin < WINDOW_MS and event["ts"] + event.get("dur", 0) > committed:
            tasks.append((begin, length))
    return sorted(tasks)


def _data(event: dict) -> dict:
    return (event.get("args") or {}).get("data") or {}


def _on(event: dict, thread: tuple[int, int]) -> bool:
    return (event.get("pid"), event.get("tid")) == thread
