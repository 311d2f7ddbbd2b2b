"""Reading a built glossary page: an entry's lines of other names, related entries, sources, "Used on"."""

from __future__ import annotations

import lxml.html


def entry_refs(root, term_id: str) -> dict[str, tuple[str, list[tuple[str, str]]]]:
    """label -> (the line's text after the label, its links as (text, href)), from the entry's last paragraph.

    The paragraph holds a line each ("See also: ...", "Used on: ..."), shown as lines by extra.css.
    """
    para = root.xpath(f".//h3[@id='{term_id}']/following-sibling::p[@class='glossary-refs'][1]")[0]
    inner = lxml.html.tostring(para, encoding="unicode", with_tail=False)
    inner = inner[inner.index(">") + 1 : inner.rindex("</p>")]
    result = {}
    for line in inner.split("\n"):
        label, _, rest = line.partition(": ")
        part = lxml.html.fragment_fromstring(rest, create_parent="div")
        links = [(a.text_content(), a.get("href")) for a in part.iter("a")]
        result[label] = (" ".join(part.text_content().split()), links)
    return result
