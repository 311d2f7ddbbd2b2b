"""Compare a page's article built with the glossary hooks to the same article built without them.

The hooks may add two things to an article: term links (`<a class="glossary-term">` around a
word of the text, only where a reader expects a plain word) and their own boxes (the related
pages and terms after the content, and the "Report an error" line, which the template writes
with the hooks' words). `hook_problems` removes both, reporting every term link in a place where
none belongs; `differences` then lists every other difference, element by element and text by
text.
"""

from __future__ import annotations

import re

import lxml.html

# Characters lxml refuses in text (Python-Markdown's placeholders use \x02 and \x03): shown as U+FFFD.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
LINK_CLASS = "glossary-term"
HOOK_BOXES = ("xref-page", "site-report")  # classes of the hooks' own boxes after the article's content
# Where a term link never belongs: code, headings, links, titles and labels, abbreviations.
NO_LINK_TAGS = frozenset(
    {
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "a",
        "code",
        "pre",
        "kbd",
        "samp",
        "abbr",
        "summary",
        "label",
        "button",
        "dfn",
        "script",
        "style",
        "textarea",
        "svg",
        "math",
        "title",
    }
)
NO_LINK_CLASSES = frozenset(
    {"admonition-title", "footnote", "no-glossary", "headerlink", "arithmatex", "tabbed-labels", "annotate"}
)


def article(html: str):
    """The <article> element of a built page."""
    return lxml.html.fromstring(html).find(".//article")


def hook_problems(linked, tooltips: dict[str, str]) -> list[str]:
    """Remove the hooks' boxes and unwrap their term links, in place; report links that should not be there.

    tooltips: term id -> its definition, the title every link to the term must carry.
    """
    problems = []
    for name in HOOK_BOXES:
        for box in linked.xpath(f".//*[contains(concat(' ', @class, ' '), ' {name} ')]"):
            parent = box.getparent()
            _remove(box)
            if parent.tag == "aside" and not len(parent) and not (parent.text or "").strip():
                _remove(parent)  # the box that held only the hooks' line
    for link in [a for a in linked.iter("a") if a.get("class") == LINK_CLASS]:
        where = path_of(link)
        if len(link):
            problems.append(f"{where}: a term link holds markup")
        wrong = next(
            (
                p
                for p in link.iterancestors()
                if p.tag in NO_LINK_TAGS or not NO_LINK_CLASSES.isdisjoint((p.get("class") or "").split())
            ),
            None,
        )
        if wrong is not None:
            problems.append(f"{where}: a term link inside <{wrong.tag} class={wrong.get('class')!r}>")
        term = (link.get("href") or "").rpartition("#")[2]
        if term not in tooltips or link.get("title") != tooltips[term]:
            problems.append(f"{where}: a term link to {link.get('href')!r} with the tooltip {link.get('title')!r}")
        _remove(link, keep_text=True)
    return problems


def differences(plain, linked, path: str = "article") -> list[str]:
    """Every difference between two elements and their descendants (tails of the roots are not compared)."""
    if plain.tag != linked.tag:
        return [f"{path}: <{_tag(plain)}> became <{_tag(linked)}>"]
    out = []
    if dict(plain.attrib) != dict(linked.attrib):
        out.append(f"{path}: attributes {dict(plain.attrib)} became {dict(linked.attrib)}")
    if (plain.text or "") != (linked.text or ""):
        out.append(f"{path}: text {plain.text!r} became {linked.text!r}")
    if [_tag(c) for c in plain] != [_tag(c) for c in linked]:
        out.append(f"{path}: children {[_tag(c) for c in plain]} became {[_tag(c) for c in linked]}")
        return out
    for index, (a, b) in enumerate(zip(plain, linked, strict=False)):
        child = f"{path}/{_tag(a)}[{index}]"
        out += differences(a, b, child)
        if (a.tail or "") != (b.tail or ""):
            out.append(f"{child}: the text after it {a.tail!r} became {b.tail!r}")
    return out


def compare(plain_html: str, linked_html: str, tooltips: dict[str, str]) -> list[str]:
    """Problems of the term links, then every other difference between the two pages' articles."""
    return compare_articles(article(plain_html), article(linked_html), tooltips)


def compare_articles(plain, linked, tooltips: dict[str, str]) -> list[str]:
    """compare() for two <article> elements; changes both."""
    problems = hook_problems(linked, tooltips)
    for root in (plain, linked):  # the template's line breaks where the box was, before </article>
        _trim_end(root)
    return problems + differences(plain, linked)


def path_of(el) -> str:
    parts = []
    while el is not None and el.tag != "article":
        parent = el.getparent()
        parts.append(f"{_tag(el)}[{parent.index(el) if parent is not None else 0}]")
        el = parent
    return "article/" + "/".join(reversed(parts))


def _remove(el, keep_text: bool = False) -> None:
    """Take el out of the tree; its tail (and, if keep_text, its text) joins the text before it."""
    parent, previous = el.getparent(), el.getprevious()
    text = ((el.text or "") if keep_text else "") + (el.tail or "")
    if previous is not None:
        previous.tail = CONTROL.sub("\ufffd", (previous.tail or "") + text)
    else:
        parent.text = CONTROL.sub("\ufffd", (parent.text or "") + text)
    parent.remove(el)


def _trim_end(root) -> None:
    if len(root):
        root[-1].tail = (root[-1].tail or "").rstrip()
    else:
        root.text = (root.text or "").rstrip()


def _tag(el) -> str:
    return el.tag if isinstance(el.tag, str) else "!--"
