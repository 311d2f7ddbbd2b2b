"""Deterministic synthetic documentation sites for the hooks benchmark.

One call writes three variants of the same site, all from one seed:

    hooks/   the project's glossary format (docs/data/glossary.yml) and hooks
    plain/   the same Markdown, no hooks: MkDocs + Material alone
    ez/      the same pages with each term mention written as an mkdocs-ezglossary
             reference (`<g:Term|text>`), a definition-list glossary page and a
             summary page, built with the ezglossary plugin instead of the hooks

Pages have a title, an intro, five `##` sections (~1,200 words in all), a list, a
fenced code block naming terms, and one index marker (not in the ezglossary variant, which
would take it for a reference); about 3% of the word slots
are term mentions (by name, plural form, alias or abbreviation, in varying case).
Pages sit in folders of 20, ten folders to a part, so MkDocs' automatic navigation has
sections and subsections, which Material's `navigation.prune` keeps out of other parts' pages.
"""

from __future__ import annotations

import itertools
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]  # the repository
GREEK = [
    "alpha",
    "beta",
    "gamma",
    "delta",
    "epsilon",
    "zeta",
    "eta",
    "theta",
    "iota",
    "kappa",
    "lambda",
    "mu",
    "nu",
    "xi",
    "omicron",
    "pi",
    "rho",
    "sigma",
    "tau",
    "upsilon",
    "phi",
    "chi",
    "psi",
    "omega",
]
FILLER = [
    "the",
    "of",
    "and",
    "to",
    "in",
    "is",
    "that",
    "for",
    "on",
    "with",
    "as",
    "by",
    "at",
    "from",
    "this",
    "be",
    "are",
    "it",
    "an",
    "or",
    "which",
    "was",
    "can",
    "model",
    "data",
    "training",
    "each",
    "more",
    "than",
    "these",
    "their",
    "when",
    "where",
    "how",
    "what",
    "between",
    "over",
    "into",
    "under",
    "during",
    "while",
    "after",
    "before",
    "about",
    "system",
    "method",
    "result",
    "value",
    "layer",
    "token",
    "sequence",
    "weight",
    "batch",
    "step",
    "rate",
    "loss",
    "score",
    "test",
    "set",
    "run",
    "scale",
    "size",
    "number",
    "large",
    "small",
    "early",
    "late",
    "first",
    "second",
    "third",
    "new",
    "old",
    "high",
    "low",
    "long",
    "short",
    "better",
    "worse",
    "same",
    "other",
    "paper",
    "report",
    "table",
    "figure",
    "section",
    "chapter",
    "appendix",
    "note",
    "example",
    "case",
    "study",
    "design",
    "choice",
    "trade",
    "cost",
    "compute",
    "memory",
    "budget",
    "time",
    "speed",
    "quality",
    "error",
    "signal",
    "noise",
    "sample",
    "prompt",
    "answer",
    "question",
    "task",
    "benchmark",
    "measure",
    "observe",
    "compare",
    "reduce",
    "increase",
    "improve",
    "train",
    "evaluate",
    "predict",
    "generate",
    "select",
    "filter",
    "mix",
    "tune",
    "shows",
    "suggests",
    "finds",
    "uses",
    "needs",
    "gives",
    "makes",
    "keeps",
    "takes",
    "brings",
    "holds",
    "turns",
    "moves",
    "runs",
    "grows",
    "falls",
    "stays",
    "we",
    "they",
    "our",
    "one",
    "two",
    "three",
    "four",
    "five",
    "many",
    "most",
    "some",
    "few",
    "all",
    "any",
    "every",
    "much",
    "little",
    "only",
    "also",
    "even",
    "still",
    "however",
    "therefore",
    "because",
    "although",
    "since",
    "unless",
    "until",
    "whether",
    "either",
    "neither",
    "both",
    "such",
    "very",
    "quite",
    "rather",
    "often",
    "rarely",
    "always",
    "never",
    "sometimes",
    "usually",
    "mostly",
    "largely",
    "partly",
    "fully",
    "nearly",
    "almost",
    "roughly",
    "exactly",
    "simple",
    "complex",
    "stable",
    "fragile",
    "robust",
    "sparse",
    "dense",
    "linear",
    "curved",
    "steady",
    "sudden",
    "gradual",
    "careful",
    "rough",
    "open",
    "closed",
    "public",
    "private",
    "shared",
    "local",
    "global",
    "final",
    "initial",
    "average",
    "typical",
    "common",
    "unusual",
    "clear",
]
TOPICS = [f"Topic {w}" for w in GREEK] + [f"Theme {i}" for i in range(26)]
SECTIONS = 5
WORDS_PER_PAGE = 1200
TERM_RATE = 0.03  # share of word slots that are a term mention
PAGES_PER_FOLDER = 20  # pages in a folder; folders of 10 folders above them
EZ_SECTION = "g"


@dataclass(frozen=True)
class SynthTerm:
    index: int
    name: str
    abbr: str = ""
    alias: str = ""
    form: str = ""

    def surfaces(self) -> list[str]:
        return [s for s in (self.name, self.form, self.alias, self.abbr) if s]


@dataclass
class SiteInfo:
    pages: int
    terms: int
    seed: int
    base: Path
    page_paths: list[str]  # docs-relative .md paths of the content pages
    mentions: int  # term mentions written in prose

    def config(self, variant: str) -> Path:
        return self.base / variant / "mkdocs.yml"

    def docs(self, variant: str) -> Path:
        return self.base / variant / "docs"


def make_terms(count: int) -> list[SynthTerm]:
    terms = []
    for i in range(count):
        greek = GREEK[i % len(GREEK)]
        terms.append(
            SynthTerm(
                index=i,
                name=f"Term{i:04d} {greek}",
                abbr=f"T{i:04d}{greek[0].upper()}" if i % 5 == 0 else "",
                alias=f"{greek} concept {i}" if i % 7 == 3 else "",
                form=f"Term{i:04d} {greek}s" if i % 3 == 1 else "",
            )
        )
    return terms


def glossary_yaml(terms: list[SynthTerm], rng: random.Random) -> str:
    entries = []
    for t in terms:
        entry: dict = {"term": t.name}
        if t.abbr:
            entry["abbr"] = [t.abbr]
        if t.alias:
            entry["aliases"] = [t.alias]
        if t.form:
            entry["forms"] = [t.form]
        entry["short"] = _sentence(rng, 14, 24)
        entry["long"] = " ".join(_sentence(rng, 10, 20) for _ in range(3))
        if len(terms) > 3 and t.index % 2 == 0:
            others = rng.sample([o for o in terms if o.index != t.index], 2)
            entry["see_also"] = [o.name for o in others]
        entry["source"] = f"Synthetic source {t.index}, section {rng.randint(1, 9)}"
        entries.append(entry)
    return yaml.safe_dump({"terms": entries}, sort_keys=False, allow_unicode=True, width=100)


def _sentence(rng: random.Random, lo: int, hi: int) -> str:
    words = rng.choices(FILLER, k=rng.randint(lo, hi))
    return " ".join(words).capitalize() + "."


class _PageWriter:
    """Writes one page twice at once: plain Markdown and the ezglossary variant."""

    def __init__(self, rng: random.Random, terms: list[SynthTerm], cum_weights: list[float], ez_refs: str):
        self.rng, self.terms, self.weights, self.ez_refs = rng, terms, cum_weights, ez_refs
        self.plain: list[str] = []
        self.ez: list[str] = []
        self.ez_seen: set[int] = set()
        self.mentions = 0

    def both(self, text: str) -> None:
        self.plain.append(text)
        self.ez.append(text)

    def pick_term(self, topic: list[SynthTerm]) -> SynthTerm:
        if topic and self.rng.random() < 0.8:
            return self.rng.choice(topic)
        return self.rng.choices(self.terms, cum_weights=self.weights)[0]

    def mention(self, term: SynthTerm) -> tuple[str, str]:
        """(plain text, ezglossary text) of one mention of term."""
        r = self.rng.random()
        if term.abbr and r < 0.15:
            surface = term.abbr
        elif term.alias and r < 0.3:
            surface = term.alias
        elif term.form and r < 0.45:
            surface = term.form
        else:
            surface = term.name
        if surface != term.abbr and self.rng.random() < 0.2:
            surface = surface.lower()
        self.mentions += 1
        if self.ez_refs == "all" or term.index not in self.ez_seen:
            self.ez_seen.add(term.index)
            return surface, f"<{EZ_SECTION}:{term.name}|{surface}>"
        return surface, surface

    def paragraph(self, words: int, topic: list[SynthTerm]) -> None:
        plain, ez = [], []
        sentence_left = self.rng.randint(8, 20)
        first = True
        for _ in range(words):
            if self.rng.random() < TERM_RATE:
                p, e = self.mention(self.pick_term(topic))
            else:
                w = self.rng.choice(FILLER)
                if first:
                    w = w.capitalize()
                r = self.rng.random()
                if r < 0.01:
                    w = f"**{w}**"
                elif r < 0.02:
                    w = f"*{w}*"
                elif r < 0.025:
                    w = f"`{w}`"
                p = e = w
            first = False
            sentence_left -= 1
            if sentence_left == 0:
                p, e = p + ".", e + "."
                sentence_left, first = self.rng.randint(8, 20), True
            plain.append(p)
            ez.append(e)
        end = "" if plain[-1].endswith(".") else "."
        self.plain.append(" ".join(plain) + end + "\n")
        self.ez.append(" ".join(ez) + end + "\n")

    def code_block(self, topic: list[SynthTerm]) -> None:
        lines = ["```python"]
        for term in self.rng.sample(topic, min(3, len(topic))):
            var = term.name.lower().replace(" ", "_")
            lines.append(f'{var} = lookup("{term.name}")  # {term.abbr or term.name} in code is not prose')
        lines.append("```\n")
        self.both("\n".join(lines))


def write_site(base: Path, pages: int, terms_count: int, seed: int = 42, ez_refs: str = "first") -> SiteInfo:
    """Write the three variants under base (replacing what was there); return what was written."""
    rng = random.Random(f"{seed}:{pages}:{terms_count}")
    terms = make_terms(terms_count)
    # Zipf-like popularity: a few terms are everywhere, most are used on a handful of pages.
    order = list(range(terms_count))
    rng.shuffle(order)
    weights = [0.0] * terms_count
    for rank, i in enumerate(order):
        weights[i] = 1.0 / (rank + 1) ** 0.8
    cum_weights = list(itertools.accumulate(weights))

    if base.exists():
        shutil.rmtree(base)
    for variant in ("hooks", "plain", "ez"):
        (base / variant / "docs").mkdir(parents=True)

    page_paths: list[str] = []
    mentions = 0
    words_per_section = (WORDS_PER_PAGE - 60) // SECTIONS
    for p in range(pages):
        folder = p // PAGES_PER_FOLDER
        path = f"part-{folder // 10:02d}/chapter-{folder:03d}/page-{p:04d}.md" if p else "index.md"
        page_paths.append(path)
        w = _PageWriter(rng, terms, cum_weights, ez_refs)
        topic = rng.sample(terms, min(12, terms_count))
        title = " ".join(rng.choices(FILLER, k=3)).capitalize()
        w.both(f"# Page {p}: {title}\n")
        w.paragraph(60, topic)
        # An index marker for the cross-reference hook; ezglossary would read it as a reference.
        w.plain.append(f"<!-- index: {rng.choice(TOPICS)} -->\n")
        for s in range(SECTIONS):
            w.both(f"## {' '.join(rng.choices(FILLER, k=rng.randint(2, 4))).capitalize()} {s + 1}\n")
            budget = words_per_section
            if s == 1:
                items = []
                for _ in range(4):
                    t = w.pick_term(topic)
                    plain, ez = w.mention(t)
                    tail = " ".join(rng.choices(FILLER, k=8))
                    items.append((f"- {plain} {tail}", f"- {ez} {tail}"))
                w.plain.append("\n".join(i[0] for i in items) + "\n")
                w.ez.append("\n".join(i[1] for i in items) + "\n")
                budget -= 36
            if s == 2:
                w.code_block(topic)
            for words in _split(rng, budget, 3):
                w.paragraph(words, topic)
        mentions += w.mentions
        for variant, chunks in (("hooks", w.plain), ("plain", w.plain), ("ez", w.ez)):
            target = base / variant / "docs" / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text("\n".join(chunks), encoding="utf-8")

    # The project's glossary format, for the hooks variant.
    data = base / "hooks/docs/data"
    data.mkdir()
    shutil.copy(ROOT / "docs/data/strings.yml", data / "strings.yml")
    shutil.copy(ROOT / "docs/data/models.yml", data / "models.yml")  # the hook's key numbers: no page uses them
    (data / "glossary.yml").write_text(glossary_yaml(terms, random.Random(f"{seed}:glossary:{terms_count}")), "utf-8")

    # ezglossary: a definition-list glossary page and a summary page that lists references.
    glossary = yaml.safe_load((data / "glossary.yml").read_text("utf-8"))["terms"]
    defs = ["# Glossary\n"]
    for entry in glossary:
        defs.append(f"{EZ_SECTION}:{entry['term']}\n:   {entry['short']} {entry['long']}\n")
    (base / "ez/docs/glossary.md").write_text("\n".join(defs), encoding="utf-8")
    (base / "ez/docs/book-index.md").write_text(f"# Index\n\n<glossary::{EZ_SECTION}>\n", encoding="utf-8")

    for variant in ("hooks", "plain", "ez"):
        (base / variant / "mkdocs.yml").write_text(
            yaml.safe_dump(site_config(variant, pages, terms_count), sort_keys=False, allow_unicode=True), "utf-8"
        )
    return SiteInfo(pages, terms_count, seed, base, page_paths, mentions)


def _split(rng: random.Random, total: int, parts: int) -> list[int]:
    cuts = sorted(rng.randint(total // 5, total - total // 5) for _ in range(parts - 1))
    edges = [0, *cuts, total]
    return [max(20, b - a) for a, b in itertools.pairwise(edges)]


def real_settings(root: Path = ROOT) -> dict:
    """The real site's mkdocs.yml (of root, another checkout of the project if given): its theme, Markdown
    extensions and extra are reused."""
    return yaml.safe_load((root / "mkdocs.yml").read_text("utf-8"))


def site_config(variant: str, pages: int, terms: int) -> dict:
    real = real_settings()
    theme = dict(real.get("theme") or {"name": "material"})
    theme["custom_dir"] = str(ROOT / "overrides")
    # Large sites prune the navigation: without it Material renders every page's link into
    # every page, and the baseline grows with pages squared, drowning what is measured here.
    theme["features"] = [*(theme.get("features") or []), "navigation.prune"]
    # Material with search only: the baseline is "MkDocs alone", whatever else the real site adds.
    plugins: list = ["search"]
    config: dict = {
        "site_name": f"Synthetic site, {pages} pages x {terms} terms ({variant})",
        "site_url": "https://example.org/bench/",
        "theme": theme,
        "markdown_extensions": real.get("markdown_extensions") or [],
        "exclude_docs": "data/\n",
        "validation": {"omitted_files": "info", "unrecognized_links": "info", "anchors": "info"},
    }
    if real.get("extra"):
        config["extra"] = real["extra"]
    if variant == "hooks":
        config["hooks"] = [str(ROOT / "hooks/mkdocs_hooks.py")]
    if variant == "ez":
        plugins = [*plugins, {"ezglossary": {"tooltip": "short", "sections": [EZ_SECTION]}}]
    config["plugins"] = plugins
    return config


def real_site_configs(
    base: Path, docs: Path = ROOT / "docs", nav: list | None = None, name: str = "real", root: Path = ROOT
) -> dict[str, Path]:
    """The real site's mkdocs.yml with and without the hooks, paths made absolute; written to
    base/<name>-<variant>.yml. Another docs directory and nav may stand in for the real ones, and another
    checkout of the project (root) for this one: its mkdocs.yml, hooks and overrides."""
    real = real_settings(root)
    real["docs_dir"] = str(docs)
    if nav is not None:
        real["nav"] = nav
    real["strict"] = False  # both variants alike; without the hooks, `term:` links would be errors
    theme = real.setdefault("theme", {"name": "material"})
    if theme.get("custom_dir"):
        theme["custom_dir"] = str(root / theme["custom_dir"])
    hooks = [str(root / h) for h in real.get("hooks") or []]
    out = {}
    base.mkdir(parents=True, exist_ok=True)
    for variant in ("hooks", "plain"):
        config = dict(real)
        if variant == "hooks":
            config["hooks"] = hooks
        else:
            config.pop("hooks", None)
            config["nav"] = _drop_generated(real.get("nav"), _generated_pages(real))
        path = base / f"{name}-{variant}.yml"
        path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), "utf-8")
        out[variant] = path
    return out


def _generated_pages(real: dict) -> set[str]:
    extra = real.get("extra") or {}
    return {
        (extra.get("glossary") or {}).get("page", "glossary.md"),
        (extra.get("xref") or {}).get("page", "book-index.md"),
    }


def _drop_generated(nav: list | None, generated: set[str]) -> list | None:
    """The nav without entries for the pages the hooks generate."""
    if nav is None:
        return None
    out: list = []
    for item in nav:
        if isinstance(item, str):
            if item not in generated:
                out.append(item)
            continue
        ((title, value),) = item.items()
        if isinstance(value, list):
            value = _drop_generated(value, generated)
            if value:
                out.append({title: value})
        elif value not in generated:
            out.append({title: value})
    return out
