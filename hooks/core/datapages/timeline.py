"""The timeline from Llama 2 to Llama 4, from docs/data/timeline.yml; no MkDocs import.

    events:
      - model: llama2-70b            # the date is that model's `released` in models.yml ...
        title: Llama 2
        text: Meta releases Llama 2 in 7B, 13B and 70B sizes.
        source: [llama2-card, llama2-paper]
        kind: primary                # primary | report (known only from press reports)
      - date: 2025-05-15             # ... or the date itself: YYYY-MM-DD, or YYYY-MM
        kind: report
        text: The Wall Street Journal reported ...   # a report says who reported it
        section: what-happened-next.md#anchor        # optional: where the site says more

It renders as an ordered list in date order, each date a <time> element: plain HTML that
reads the same at any width and needs no script.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from core.sourcefile import LineDict, Yaml

from .cite import check_target, cite_markdown, data_list, iso_date, parse_refs, section_link, show_date
from .model import KeyNumbers, Ref

KINDS = {"primary": "", "report": "timeline_report"}  # kind -> its label's key in strings.yml ("": none)
KEYS = {"date", "model", "title", "text", "source", "kind", "section"}
REPORTED = ("report", "reported")


@dataclass(frozen=True)
class Event:
    date: str  # ISO: YYYY-MM-DD or YYYY-MM
    title: str
    text: str
    refs: tuple[Ref, ...]
    kind: str
    line: int
    section: str = ""
    section_line: int = 0


def load(text: str, path: str, data: KeyNumbers) -> tuple[list[Event], list[str]]:
    """The usable events in date order, and every problem found (each starting with path:line)."""
    items, problems = data_list(text, path, "events", "events")
    events = [
        e
        for entry, line in zip(items, items.item_lines, strict=False)
        if (e := _event(entry, line, path, data, problems)) is not None
    ]
    return sorted(events, key=lambda e: e.date), problems


def _event(entry: Yaml, line: int, path: str, data: KeyNumbers, problems: list[str]) -> Event | None:
    where = f"{path}:{line}"
    if not isinstance(entry, LineDict):
        problems.append(f"{where}: each event is a mapping with date (or model), title, text, source, kind")
        return None
    for key in sorted(set(entry) - KEYS):
        problems.append(f"{path}:{entry.key_lines[key]}: unknown key {key!r}; known: {', '.join(sorted(KEYS))}")
    missing = [k for k in ("title", "text", "source", "kind") if not entry.get(k)]
    if missing:
        problems.append(f"{where}: event has no {', '.join(missing)}")
        return None
    when = _date(entry, where, data, problems)
    kind = str(entry["kind"])
    if kind not in KINDS:
        problems.append(f"{path}:{entry.key_lines['kind']}: unknown kind {kind!r}; known: {', '.join(KINDS)}")
        return None
    text = str(entry["text"]).strip()
    if kind == "report" and not any(word in text.lower() for word in REPORTED):
        problems.append(
            f"{path}:{entry.key_lines['text']}: a press report must say so and name the outlet "
            '("The Wall Street Journal reported ...")'
        )
    refs = parse_refs(entry["source"], data, f"{path}:{entry.key_lines['source']}", problems)
    if when is None:
        return None
    section = str(entry.get("section") or "")
    return Event(when, str(entry["title"]).strip(), text, refs, kind, line, section, entry.key_lines.get("section", 0))


def _date(entry: LineDict, where: str, data: KeyNumbers, problems: list[str]) -> str | None:
    if ("date" in entry) == ("model" in entry):
        problems.append(f"{where}: give either a date or a model (whose `released` gives the date)")
        return None
    if "date" in entry:
        when = iso_date(str(entry["date"]))
        if when is None:
            problems.append(f"{where}: date {entry['date']!r} is not YYYY-MM-DD or YYYY-MM")
        return when
    sid = str(entry["model"])
    released = data.subjects[sid].figures.get("released") if sid in data.subjects else None
    if released is None or not released.stated:
        problems.append(f"{where}: model {sid!r} has no `released` date in {data.path}")
        return None
    when = iso_date(released.text)
    if when is None:
        problems.append(
            f"{data.path}:{released.line}: {sid}.released {released.text!r} is not a date such as 'July 23, 2024'"
        )
    return when


def check_sections(events: list[Event], anchors: Mapping[str, Mapping[str, str]], path: str) -> list[str]:
    return [
        f"{path}:{e.section_line}: event {e.title!r}: {problem}"
        for e in events
        if e.section and (problem := check_target(e.section, anchors))
    ]


def render(
    events: list[Event], data: KeyNumbers, page_path: str, titles: dict[str, str], heading: Callable[[str], str]
) -> str:
    """An ordered list in date order: the date as <time>, what happened, the kind of source, the sources."""
    lines = ['<div class="kn-timeline" markdown>', ""]
    for event in sorted(events, key=lambda e: e.date):
        label = f" *({data.say(KINDS[event.kind])})*" if KINDS[event.kind] else ""
        more = section_link(event.section, heading, titles, page_path, data) if event.section else ""
        more = f" {data.say('timeline_more', link=more)}" if more else ""
        sources = data.say("sources", sources=cite_markdown(event.refs, data, page_path))
        when = f'<time datetime="{event.date}">{show_date(event.date, data.words)}</time>'
        lines.append(f"1. {when}: **{event.title}**{label}. {event.text} {sources}{more}")
    lines += ["", "</div>", ""]
    return "\n".join(lines)


def months(events: list[Event], words: Mapping[str, str]) -> list[str]:
    """The months of the events, as the site writes them ("April 2025"), each once, in date order."""
    return list(dict.fromkeys(show_date(event.date[:7], words) for event in sorted(events, key=lambda e: e.date)))
