"""The news summary's claims, one verdict each, from docs/data/claims.yml; no MkDocs import.

    claims:
      - id: overtraining                 # short and stable: [[claim: overtraining]] places its box
        topic: Neubewertung des Skalierungsgesetzes      # the summary's heading, as written
        original: "Meta entschied sich ..."             # the summary's bullet(s), as written
        claim: Meta raised the token count ...          # the claim in English, paraphrased
        verdict: Overstated                             # one of VERDICTS
        reason: One sentence on what the sources say.
        source: [llama3-paper §1, interview 09:57–12:15]  # keys of `sources:` in models.yml
        section: scaling-laws.md#training-past-compute-optimal   # where the site discusses it
        box:                                            # required for a correction
          title: overtraining describes the 8B and 70B, not the 405B
          text: Markdown, cited like the rest of the page.

A claim whose verdict is in CORRECTIONS gets a "Correction: ..." box (a warning) right after
"In short" on its section's page ([[claims: PAGE]]); any other box is a "Context: ..." box
(info), placed in a section with [[claim: ID]]; each box is anchored as "claim-ID". The verdict list
([[claims]]: a card per claim with its verdict and reason, the verdict linking to the claim's box, or to
its section where it has none), the list of corrections ([[corrections]]) and the German register
([[claims-register]]) read the same list.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from core.sourcefile import LineDict, Yaml, fenced, line_at

from .cite import check_target, cite_markdown, data_list, parse_refs, section_link
from .model import KeyNumbers, Ref
from .pages import DIRECTIVE
from .tables import link_from

VERDICTS = ("Accurate", "Accurate, with context", "Overstated", "Wrong", "Said by the host, not by Scialom")
CORRECTIONS = ("Overstated", "Wrong", "Said by the host, not by Scialom")
KEYS = {"id", "topic", "original", "claim", "verdict", "reason", "source", "section", "box"}
REQUIRED = ("id", "topic", "original", "claim", "verdict", "reason", "source", "section")
PHRASES = {"Accurate": "verdict_accurate", "Accurate, with context": "verdict_accurate_with_context"}  # strings.yml
BOX_OPENING = r'^[ \t]*[!?]{3}\+?[ \t]+\w+[ \t]+"'  # an admonition or details line, up to its title
# The verdict table's link until the page that holds it is converted (datapages.site.NumberSite.fill).
VERDICT_TABLE = "kn-verdict-table:"


@dataclass(frozen=True)
class Claim:
    id: str
    topic: str
    original: tuple[str, ...]
    claim: str
    verdict: str
    reason: str
    refs: tuple[Ref, ...]
    section: str  # "page.md#anchor"
    line: int
    section_line: int
    box_title: str = ""
    box_text: str = ""

    @property
    def page(self) -> str:
        return self.section.partition("#")[0]

    @property
    def is_correction(self) -> bool:
        return self.verdict in CORRECTIONS


def load(text: str, path: str, data: KeyNumbers) -> tuple[list[Claim], list[str]]:
    """The claims that are usable, and every problem found (each starting with path:line)."""
    items, problems = data_list(text, path, "claims", "claims")
    claims: list[Claim] = []
    seen: dict[str, int] = {}
    for entry, line in zip(items, items.item_lines, strict=False):
        claim = _claim(entry, line, path, data, problems)
        if claim is None:
            continue
        if claim.id in seen:
            problems.append(f"{path}:{line}: claim id {claim.id!r} is used twice (also line {seen[claim.id]})")
            continue
        seen[claim.id] = line
        claims.append(claim)
    return claims, problems


def _claim(entry: Yaml, line: int, path: str, data: KeyNumbers, problems: list[str]) -> Claim | None:
    if not isinstance(entry, LineDict):
        problems.append(f"{path}:{line}: each claim is a mapping with {', '.join(REQUIRED)}")
        return None
    where = f"{path}:{line}"
    for key in sorted(set(entry) - KEYS):
        problems.append(f"{path}:{entry.key_lines[key]}: unknown key {key!r}; known: {', '.join(sorted(KEYS))}")
    missing = [key for key in REQUIRED if not entry.get(key)]
    if missing:
        problems.append(f"{where}: claim {entry.get('id', '?')!r} has no {', '.join(missing)}")
        return None
    verdict = str(entry["verdict"])
    if verdict not in VERDICTS:
        close = difflib.get_close_matches(verdict, VERDICTS, n=1, cutoff=0.4)
        hint = f"did you mean {close[0]!r}?" if close else "use one of the verdicts below"
        problems.append(
            f"{path}:{entry.key_lines['verdict']}: unknown verdict {verdict!r}; fix: {hint} "
            f"Verdicts: {'; '.join(VERDICTS)}"
        )
        return None
    original = entry["original"]
    refs = parse_refs(entry["source"], data, f"{path}:{entry.key_lines['source']}", problems)
    box = entry.get("box") or LineDict()
    if not isinstance(box, LineDict):
        problems.append(f"{path}:{entry.key_lines['box']}: a box is a mapping with a title and a text")
        box = LineDict()
    title, text = str(box.get("title") or "").strip(), str(box.get("text") or "").strip()
    if box and not (title and text):
        problems.append(f"{path}:{entry.key_lines['box']}: a box needs a title and a text")
    if '"' in title:
        problems.append(f"{path}:{entry.key_lines['box']}: box title must not contain '\"' (use “ ”)")
        title = title.replace('"', "”")
    if verdict in CORRECTIONS and not (title and text):
        problems.append(
            f"{where}: claim {entry['id']!r} is a correction ({verdict}) and needs a box with a title and a text"
        )
    return Claim(
        str(entry["id"]),
        str(entry["topic"]),
        tuple(map(str, original if isinstance(original, list) else [original])),
        str(entry["claim"]).strip(),
        verdict,
        str(entry["reason"]).strip(),
        refs,
        str(entry["section"]),
        line,
        entry.key_lines["section"],
        title,
        text,
    )


def check_sections(claims: list[Claim], anchors: Mapping[str, Mapping[str, str]], path: str) -> list[str]:
    return [
        f"{path}:{c.section_line}: claim {c.id!r}: {problem}"
        for c in claims
        if (problem := check_target(c.section, anchors))
    ]


def handwritten_corrections(markdown: str, words: Mapping[str, str]) -> list[int]:
    """Lines of a page that open a "Correction: …" box by hand (they must come from the claims file);
    the box title's words are the site's (strings.yml: claim_correction)."""
    label = words["claim_correction"].split("{", 1)[0]
    opening = re.compile(BOX_OPENING + re.escape(label), re.MULTILINE)
    return [line_at(markdown, m.start()) for m in opening.finditer(markdown)]


# --- Rendering (Markdown; links relative to page_path, a docs-relative path) ----------------------


@dataclass
class Site:
    """What rendering needs to know about the site: the data file, its pages and their titles, and the
    headings of their sections (known once each page is converted: datapages.site.NumberSite)."""

    data: KeyNumbers
    titles: dict[str, str]  # page src path -> title for links
    pages: frozenset[str]  # every page of the site, by src path
    heading: Callable[[str], str]  # 'page.md#anchor' -> the heading a link to it shows (see cite.section_link)
    table: str = ""  # link target of the verdict table ([[claims]]) from the site's root, if the site has one
    boxes: dict[str, str] = field(default_factory=dict)  # claim id -> "page.md#claim-ID" of its box (box_places)


def box(claim: Claim, site: Site, page_path: str, link_section: bool = True) -> str:
    """The claim's box: a warning titled "Correction: ..." or an info box titled "Context: ..."."""
    data = site.data
    kind, label = ("warning", "claim_correction") if claim.is_correction else ("info", "claim_context")
    tail = [data.say("claim_verdict", verdict=claim.verdict), _sources(claim.refs, site, page_path)]
    if link_section:
        tail.append(data.say("claim_more", link=_section(claim, site, page_path)))
    body = f"{claim.box_text}\n\n{' '.join(tail)}"
    admonition = f'!!! {kind} "{data.say(label, title=claim.box_title)}"\n\n' + _indent(body) + "\n"
    # The verdict list links here: an element of its own carries the anchor (an admonition takes no id).
    return f'<div class="kn-claim" id="{box_id(claim.id)}" markdown>\n\n{admonition}\n</div>\n'


def box_id(claim_id: str) -> str:
    """The anchor of a claim's box."""
    return f"claim-{claim_id}"


def box_places(claims: list[Claim], sources: Mapping[str, str]) -> dict[str, str]:
    """Claim id -> "page.md#claim-ID" of the page that shows the claim's box: the page with its
    [[claim: ID]] line, or for a correction the page with [[claims: PAGE]] for the claim's page."""
    corrections: dict[str, list[str]] = {}
    for c in claims:
        if c.is_correction and c.box_title:
            corrections.setdefault(c.page, []).append(c.id)
    boxed = {c.id for c in claims if c.box_title}
    places: dict[str, str] = {}
    for src, text in sources.items():
        for line, code in fenced(text.split("\n")):
            match = None if code or not line.startswith("[[") else DIRECTIVE.match(line)
            if match is None or match.group(1) not in ("claim", "claims") or not match.group(2):
                continue
            arg = match.group(2)
            if match.group(1) == "claim":
                ids = [arg] if arg in boxed else []
            else:
                ids = corrections.get(arg if arg.endswith(".md") else f"{arg}.md", [])
            for claim_id in ids:
                places.setdefault(claim_id, f"{src}#{box_id(claim_id)}")
    return places


def page_boxes(claims: list[Claim], page: str, site: Site) -> str:
    """Every correction whose section is on page, for the place right after "In short".

    A page with none says so in one line, with the verdicts of the claims it discusses.
    """
    boxes = [box(c, site, page) for c in claims if c.page == page and c.is_correction]
    if boxes:
        return "\n".join(boxes)
    counts = Counter(c.verdict for c in claims if c.page == page)
    if not counts:
        return ""
    say = site.data.say
    held = say("claims_and").join(
        say("claims_held", n=counts[v], verdict=say(PHRASES[v]) if v in PHRASES else v.lower())
        for v in VERDICTS
        if counts[v]
    )
    link = site.table if site.table == VERDICT_TABLE else link_from(page, site.table)
    table = say("claims_all_verdicts", link=link) if site.table else ""
    return say("claims_none_here", held=held, table=table) + "\n"


def summary(claims: list[Claim], data: KeyNumbers) -> str:
    """ "25 claims. Accurate: 11; Accurate, with context: 10; Overstated: 3; ..." (verdicts in fixed order)."""
    counts = Counter(c.verdict for c in claims)
    return (
        data.say("claims_summary", n=len(claims))
        + " "
        + "; ".join(f"{v}: {counts[v]}" for v in VERDICTS if counts[v])
        + "."
    )


def verdict_table(claims: list[Claim], site: Site, page_path: str) -> str:
    """The verdicts as a numbered list in the summary's order, one card per claim: the claim, then its
    verdict and one-line reason side by side. The verdict links to the box that explains it (the
    section that discusses the claim if it has none) and carries a class per verdict, which gives it
    its icon: each verdict reads as its word and a shape of its own, never as a colour alone."""
    say = site.data.say
    cards = []
    for number, c in enumerate(claims, start=1):
        target = site.boxes.get(c.id, c.section)
        href = f"#{target.partition('#')[2]}" if target.partition("#")[0] == page_path else link_from(page_path, target)
        verdict = f"[{c.verdict}]({href}){{: .kn-verdict .kn-verdict--{verdict_class(c.verdict)} }}"
        reason = say("claims_card_reason", verdict=verdict, reason=c.reason)
        cards.append(f"{number}.  {_one_line(c.claim)}\n\n    {_one_line(reason)}\n")
    cards_list = "\n".join(cards)
    return f'{summary(claims, site.data)}\n\n<div class="kn-verdicts" markdown>\n\n{cards_list}\n</div>\n'


def verdict_class(verdict: str) -> str:
    """ "Said by the host, not by Scialom" -> "said-by-the-host-not-by-scialom" (the card's CSS class)."""
    return re.sub(r"[^a-z0-9]+", "-", verdict.lower()).strip("-")


def corrections_list(claims: list[Claim], site: Site, page_path: str) -> str:
    """The corrections as a list: claim, the summary's wording, verdict, reason, sources and section."""
    items = []
    for c in claims:
        if not c.is_correction:
            continue
        say = site.data.say
        original = " / ".join(say("german_quote", text=o) for o in c.original)
        sources, link = _sources(c.refs, site, page_path), _section(c, site, page_path)
        item = say(
            "correction_item",
            claim=c.claim,
            original=original,
            verdict=c.verdict,
            reason=c.reason,
            sources=sources,
            link=link,
        )
        items.append(f"- {item}")
    return "\n".join(items) + "\n"


def register(claims: list[Claim], site: Site, page_path: str) -> str:
    """Every bullet of the summary as written (German), with its verdict, in a collapsed block."""
    say = site.data.say
    rows = [[say("claims_heading"), say("claims_bullet"), say("claims_verdict"), say("claims_discussed")], ["---"] * 4]
    for c in claims:
        rows.append([c.topic, " / ".join(c.original), c.verdict, _section(c, site, page_path)])
    table = "\n".join(_row(r) for r in rows)
    return f'??? note "{say("claims_register", n=len(claims))}"\n\n' + _indent(table) + "\n"


def as_json(claims: list[Claim], site: Site, url_of: Callable[[str], str]) -> list[dict[str, object]]:
    """The claims for machines (claims.json); url_of turns 'page.md#anchor' into an absolute URL."""
    out = []
    for c in claims:
        sources = [
            {"source": site.data.sources[r.key].title, "where": r.locator, "url": url_of(site.data.sources[r.key].link)}
            for r in c.refs
        ]
        out.append(
            {
                "id": c.id,
                "topic": c.topic,
                "original": list(c.original),
                "claim": c.claim,
                "verdict": c.verdict,
                "correction": c.is_correction,
                "reason": c.reason,
                "sources": sources,
                "section": url_of(c.section),
            }
        )
    return out


def _sources(refs: tuple[Ref, ...], site: Site, page_path: str) -> str:
    """ "Sources: [Llama 3 paper](...) §1." (strings.yml: sources)."""
    return site.data.say("sources", sources=cite_markdown(refs, site.data, page_path))


def _section(claim: Claim, site: Site, page_path: str) -> str:
    """A link to the section that discusses the claim."""
    return section_link(claim.section, site.heading, site.titles, page_path, site.data)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _indent(text: str) -> str:
    return "\n".join(f"    {line}" if line.strip() else "" for line in text.split("\n"))


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |"
