"""The search separators (mkdocs.yml, mkdocs.de.yml) in Material's own search worker, run in Node: which
words a query looks for. The browser test of the query sets (test_search.py) shows the effect on the real
site; these show the causes on documents made for them.

Material adds a trailing wildcard to every word typed, and lunr skips its stop-word filter for such
words, so a stop word in a question ("how", "as", "a") matched every word that begins with it; its
camel-case rule split "GPUs" into "GP" and "Us" ("us*": "use", "used", ...). The separator now drops
lunr's stop words itself and has no camel-case rule.

The German separator does the same with the stop words of lunr.de ("ein" looked for "Einsatz",
"einfach", ...), followed by the English ones it lacks: German pages quote English and use English
names ("Model-as-a-Judge", "Mixture of Experts"). It marks a word's ends with lookarounds over letters
with umlauts, where the English one has `\b`: JavaScript's `\b` counts "ü" as no letter, so it never
dropped "über" and cut "es" off "Maßes". The German worker itself loads lunr.de with importScripts, which
the Node runner lacks; these tests run the English worker with the German separator, whose effect on the
words of a query is the same.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from support import ROOT

MATERIAL = ROOT / ".venv/lib"
RUNNER = ROOT / "tests/support/material_search.js"
STOP_WORDS = re.compile(r"generateStopWordFilter\((\[[^\]]*\])\)")
GERMAN_STOP_WORDS = re.compile(r'generateStopWordFilter\("([^"]*)"\.split\(" "\)\)')
# The separator's stop words: an alternation of words written with both cases of their first letter.
ALTERNATION = re.compile(r"\(\?:(\[[^()]*)\)")
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


# German documents: words that begin with a German stop word, umlauts next to one, English names.
GERMAN_DOCS = {
    "gesetz": ("Skalierungsgesetz", "Was ein Skalierungsgesetz ist: eine Kurve."),
    "einsatz": ("Einsatz", "Der Einsatz im Betrieb ist einfach."),
    "ueberblick": ("Überblick", "Ein Überblick über die Themen."),
    "anpassung": ("Überanpassung", "Überanpassung an einen Benchmark."),
    "mass": ("Maßeinheit", "Das Maß des Maßes."),
    "massstab": ("Maßstab", "Ein Maßstab für Tests."),
    "judge": ("Model-as-a-Judge", "Ein Modell als Bewerter."),
    "architektur": ("Architektur", "Aufbau und Ablauf der Architektur."),
}


def javascripts() -> Path:
    found = sorted(MATERIAL.glob("python3*/site-packages/material/templates/assets/javascripts"))
    assert found, "Material's scripts are missing: `make test` installs mkdocs-material into .venv"
    return found[0]


def worker() -> Path:
    found = sorted(javascripts().glob("workers/search.*.min.js"))
    assert found, "Material's search worker is missing: `make test` installs mkdocs-material into .venv"
    return found[0]


def separator(config_file: str = "mkdocs.yml") -> str:
    config = yaml.load((ROOT / config_file).read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    search = next(plugin["search"] for plugin in config["plugins"] if isinstance(plugin, dict) and "search" in plugin)
    return search["separator"]


def english_stop_words() -> list[str]:
    found = STOP_WORDS.search(worker().read_text(encoding="utf-8"))
    assert found, f"{worker().name} no longer holds lunr's stop words where this test looks for them"
    return json.loads(found.group(1))


def german_stop_words() -> list[str]:
    found = GERMAN_STOP_WORDS.search((javascripts() / "lunr/min/lunr.de.min.js").read_text(encoding="utf-8"))
    assert found, "lunr.de.min.js no longer holds its stop words where this test looks for them"
    return found.group(1).split(" ")


def searcher(separator_pattern: str, documents: dict[str, tuple[str, str]]):
    """Material's worker in Node over the documents, with a separator: query -> the documents found, best first."""
    if shutil.which("node") is None:
        pytest.fail(
            "Node.js is not installed; the search worker runs in it (Node 20, as for Lighthouse).", pytrace=False
        )
    config = {
        "lang": ["en"],
        "separator": separator_pattern,
        "pipeline": ["stopWordFilter"],
        "fields": {"title": {"boost": 1000}, "text": {"boost": 1}},
    }
    docs = [{"location": f"{key}/", "title": title, "text": text} for key, (title, text) in documents.items()]

    def run(*queries: str) -> dict[str, list[str]]:
        payload = {"worker": str(worker()), "index": {"config": config, "docs": docs}, "queries": list(queries)}
        out = subprocess.run(
            ["node", str(RUNNER)], input=json.dumps(payload), capture_output=True, text=True, check=True
        )
        return {
            query: [location.rstrip("/") for location, _ in found] for query, found in json.loads(out.stdout).items()
        }

    return run


@pytest.fixture(scope="module")
def search():
    return searcher(separator(), DOCS)


@pytest.fixture(scope="module")
def german_search():
    return searcher(separator("mkdocs.de.yml"), GERMAN_DOCS)


@pytest.mark.parametrize(
    ("config_file", "stop_words"),
    [
        ("mkdocs.yml", english_stop_words),
        # lunr.de's, then the English ones it lacks, each list in lunr's order
        ("mkdocs.de.yml", lambda: [*german_stop_words(), *english_stop_words()]),
    ],
    ids=["en", "de"],
)
def test_the_separator_drops_exactly_the_stop_words_lunr_leaves_out_of_the_index(config_file, stop_words):
    lunr = list(dict.fromkeys(stop_words()))
    alternation = ALTERNATION.search(separator(config_file)).group(1).split("|")
    written = [re.sub(r"^\[(\w)(\w)\]", lambda m: m.group(2), word) for word in alternation]
    assert written == lunr, (
        f"the stop words of {config_file}'s separator differ from lunr's; write them in lunr's order"
    )
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


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("Was ist ein Skalierungsgesetz", ["gesetz"]),  # not "ein*" (Einsatz, einfach) nor "was*", "ist*"
        ("über Überanpassung", ["anpassung"]),  # "über" goes, though JavaScript's \b sees no letter in "ü"
        ("Maßes", ["mass"]),  # one word, not "Maß" and the stop word "es": "maß*" finds "Maßstab" too
        ("Model as a Judge", ["judge"]),  # English stop words go too: not "a*" (Aufbau, Ablauf) nor "as*"
    ],
)
def test_a_german_query_looks_for_its_own_words(german_search, query, found):
    assert german_search(query)[query] == found
