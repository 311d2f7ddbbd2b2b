"""The search separator (mkdocs.yml) in Material's own search worker, run in Node: which words a query
looks for. The browser test of the query set (test_search.py) shows the effect on the real site; these
show the causes on documents made for them.

Material adds a trailing wildcard to every word typed, and lunr skips its stop-word filter for such
words, so a stop word in a question ("how", "as", "a") matched every word that begins with it; its
camel-case rule split "GPUs" into "GP" and "Us" ("us*": "use", "used", ...). The separator now drops
lunr's stop words itself and has no camel-case rule.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
import yaml

from support import ROOT

MATERIAL = ROOT / ".venv/lib"
RUNNER = ROOT / "tests/support/material_search.js"
STOP_WORDS = re.compile(r"generateStopWordFilter\((\[[^\]]*\])\)")
DOCS = {
    "gpus": ("Hardware", "How many GPUs trained it: 16,384 H100 GPUs."),
    "use": ("Serving", "The model was used by us and others to serve users."),
    "judge": ("Judging", "Model-as-a-judge grades answers."),
    "attention": ("Attention", "Attention layers, adapters and an archive."),
    "llama32": ("Llama 3.2", "Llama 3.2 came in September."),
    "llama31": ("Llama 3.1", "Llama 3.1 came in July; 3.17 characters per token."),
    "livecodebench": ("LiveCodeBench", "LiveCodeBench results of Maverick."),
    "benchmarks": ("Benchmarks", "Benchmark results: code, live tests."),
}


def worker():
    found = sorted(
        MATERIAL.glob("python3*/site-packages/material/templates/assets/javascripts/workers/search.*.min.js")
    )
    assert found, "Material's search worker is missing: `make test` installs mkdocs-material into .venv"
    return found[0]


def separator() -> str:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    search = next(plugin["search"] for plugin in config["plugins"] if isinstance(plugin, dict) and "search" in plugin)
    return search["separator"]


@pytest.fixture(scope="module")
def search():
    if shutil.which("node") is None:
        pytest.fail(
            "Node.js is not installed; the search worker runs in it (Node 20, as for Lighthouse).", pytrace=False
        )
    config = {
        "lang": ["en"],
        "separator": separator(),
        "pipeline": ["stopWordFilter"],
        "fields": {"title": {"boost": 1000}, "text": {"boost": 1}},
    }
    docs = [{"location": f"{key}/", "title": title, "text": text} for key, (title, text) in DOCS.items()]

    def run(*queries: str) -> dict[str, list[str]]:
        payload = {"worker": str(worker()), "index": {"config": config, "docs": docs}, "queries": list(queries)}
        out = subprocess.run(
            ["node", str(RUNNER)], input=json.dumps(payload), capture_output=True, text=True, check=True
        )
        return {
            query: [location.rstrip("/") for location, _ in found] for query, found in json.loads(out.stdout).items()
        }

    return run


def test_the_separator_drops_exactly_the_stop_words_lunr_leaves_out_of_the_index():
    lunr = json.loads(STOP_WORDS.search(worker().read_text(encoding="utf-8")).group(1))
    alternation = re.search(r"\\b\(\?:(.*)\)\\b", separator()).group(1).split("|")
    written = [re.sub(r"^\[(\w)(\w)\]", lambda m: m.group(2), word) for word in alternation]
    assert written == lunr, "the separator's stop words differ from lunr's; write them in lunr's order"
    assert all(re.fullmatch(r"\[(\w)(\w)\]\w*", word) and word[1] == word[2].upper() for word in alternation)


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("how many GPUs", ["gpus"]),  # not "us*": used, users
        ("GPUs", ["gpus"]),
        ("model as a judge", ["judge", "use"]),  # not "a*" (attention, adapters) nor "as*"
        ("Why Llama 3.2", ["llama32", "llama31"]),  # 3.2 is one word; "why" is no word
        ("LiveCodeBench", ["livecodebench"]),  # typed whole, not "live*", "code*", "bench*"
    ],
)
def test_a_query_looks_for_its_own_words(search, query, found):
    assert search(query)[query] == found
