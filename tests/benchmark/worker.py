"""One in-process MkDocs build (plus an optional live-reload rebuild), timing plugin/hook events.

Run by bench.py in a fresh interpreter each time, so nothing is shared between variants:

    python worker.py CONFIG SITE_DIR [--edit PAGE.md] [--profile OUT.prof] [--phases]

Prints one JSON object: wall and CPU time of the build, seconds (wall and CPU) spent inside the events of the
hooks (plugins that MkDocs loaded from `hooks:`, plus the glossary's Python-Markdown tree processor,
which links terms while each page is converted) and of ezglossary, per event; with
--edit, both builds are done the way `mkdocs serve` does them, and the second, after
appending a paragraph to PAGE.md, is the live-reload rebuild (a fresh config, a full
build, a warm interpreter).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
import types
from collections import defaultdict
from pathlib import Path

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

TIMED_PLUGINS = {"ezglossary"}  # besides every hook module
EDIT = "\n\n## Edited in the benchmark\n\nA new paragraph about {terms}, written during live reload.\n"


def instrument(config, acc: dict, acc_cpu: dict) -> list[str]:
    """Wrap the event handlers of hooks and timed plugins; return the names wrapped."""
    plugins = config.plugins
    targets = {name for name, p in plugins.items() if isinstance(p, types.ModuleType) or name in TIMED_PLUGINS}
    for event, methods in plugins.events.items():
        for k, method in enumerate(methods):
            origin = plugins._event_origins.get(method)
            if origin not in targets:
                continue
            wrapped = _timed(method, f"{_short(origin)}:on_{event}", acc, acc_cpu)
            methods[k] = wrapped
            plugins._event_origins[wrapped] = origin
    # The glossary links terms inside Python-Markdown's conversion, not in an event: time that too.
    markdown_ext = sys.modules.get("core.termkit.markdown_ext") or sys.modules.get("termkit.markdown_ext")
    if markdown_ext is not None:
        tree = markdown_ext._LinkTree
        tree.untimed_run = getattr(tree, "untimed_run", tree.run)  # each build times into its own totals
        tree.run = _timed(tree.untimed_run, "glossary:markdown tree", acc, acc_cpu)
    return sorted(targets)


def _timed(method, key: str, acc: dict, acc_cpu: dict):
    clock, cpu = time.perf_counter, time.process_time

    def wrapper(*args, **kwargs):
        start, start_cpu = clock(), cpu()
        try:
            return method(*args, **kwargs)
        finally:
            acc[key] += clock() - start
            acc_cpu[key] += cpu() - start_cpu

    setattr(wrapper, "mkdocs_priority", getattr(method, "mkdocs_priority", 0))  # noqa: B010 (a plain function)
    return wrapper


def _short(name: str) -> str:
    return Path(name).stem if name.endswith(".py") else name


def time_phases(acc_cpu: dict) -> None:
    """Also time (CPU) MkDocs' own phases and the garbage collector, to see what the hooks cost elsewhere."""
    import gc

    import jinja2
    import markdown
    import mkdocs.commands.build as build_module

    for owner, name, key in (
        (build_module, "_populate_page", "mkdocs:read and convert pages"),
        (build_module, "_build_page", "mkdocs:render and write pages"),
        (markdown.Markdown, "convert", "markdown:convert"),
        (jinja2.Template, "render", "jinja:render"),
    ):
        setattr(owner, name, _timed(getattr(owner, name), key, defaultdict(float), acc_cpu))
    started = []

    def collecting(phase: str, info: dict) -> None:
        if phase == "start":
            started.append(time.process_time())
        elif started:
            acc_cpu["gc"] += time.process_time() - started.pop()

    gc.callbacks.append(collecting)


def one_build(
    config_file: str, site_dir: str, serve: bool = False, profile: str | None = None, startup: bool = False
) -> dict:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    acc: dict[str, float] = defaultdict(float)
    acc_cpu: dict[str, float] = defaultdict(float)
    start, start_cpu = time.perf_counter(), time.process_time()
    config = load_config(config_file, site_dir=site_dir)
    if serve:  # like `mkdocs serve`: its own site URL
        config.site_url = "http://127.0.0.1:8000/"
    timed = instrument(config, acc, acc_cpu)
    if startup:  # once per process, as `mkdocs build` and `mkdocs serve` do
        config.plugins.on_startup(command="serve" if serve else "build", dirty=False)
    loaded = time.perf_counter()
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.runcall(build, config, serve_url=config.site_url if serve else None)
        profiler.dump_stats(profile)
    else:
        build(config, serve_url=config.site_url if serve else None)
    end, end_cpu = time.perf_counter(), time.process_time()
    return {
        "load": loaded - start,
        "build": end - loaded,
        "total": end - start,
        "total_cpu": end_cpu - start_cpu,
        "timed": timed,
        "events": dict(acc),
        "events_cpu": dict(acc_cpu),
        "plugin_time": sum(acc.values()),
        "plugin_cpu": sum(acc_cpu.values()),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("config")
    parser.add_argument("site_dir")
    parser.add_argument("--edit", help="docs-relative page to edit before a second, live-reload build")
    parser.add_argument("--edit-terms", default="", help="text mentioning terms, put in the edit")
    parser.add_argument("--profile", help="write cProfile stats of the first build here")
    parser.add_argument(
        "--phases", action="store_true", help="also report CPU seconds of MkDocs' phases, Python-Markdown, Jinja and GC"
    )
    args = parser.parse_args(argv)
    logging.getLogger("mkdocs").setLevel(logging.ERROR)

    serve = bool(args.edit)  # a live-reload measurement serves both builds, as `mkdocs serve` does
    phases: dict[str, float] = defaultdict(float)
    if args.phases:
        time_phases(phases)
    result = {"first": one_build(args.config, args.site_dir, serve=serve, profile=args.profile, startup=True)}
    if args.phases:
        result["phases_cpu"] = dict(phases)
    if args.edit:
        from mkdocs.config import load_config

        page = Path(load_config(args.config).docs_dir) / args.edit
        original = page.read_text(encoding="utf-8")
        try:
            page.write_text(original + EDIT.format(terms=args.edit_terms or "nothing in particular"), encoding="utf-8")
            result["rebuild"] = one_build(args.config, args.site_dir, serve=True)
        finally:
            page.write_text(original, encoding="utf-8")
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
