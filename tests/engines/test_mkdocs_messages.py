"""The MkDocs adapter's wording of MkDocs' own link, anchor and navigation warnings
(adapters.mkdocs_messages, read back from MkDocs' log by adapters.mkdocs_log). Whole builds with
these mistakes are in test_friendly_errors.py."""

from __future__ import annotations

from adapters import mkdocs_messages as messages
from adapters.mkdocs_log import rewrite


def view(sources: dict[str, str], anchors: dict[str, list[str]] | None = None, config: str = "") -> messages.SiteView:
    return messages.SiteView(
        source=lambda src: sources.get(src, ""),
        files=lambda: list(sources),
        pages=lambda: [src for src in sources if src.endswith(".md")],
        anchors=lambda src: (anchors or {}).get(src, []),
        config_text=config,
    )


def test_link_to_a_missing_file_guesses_the_closest_page():
    site = view({"a.md": "# A\n\nOne [x](othr.md).\n", "other.md": "# Other\n"})
    assert messages.link_not_found(site, "a.md", "othr.md") == (
        "docs/a.md:3: link 'othr.md' points to docs/othr.md, which does not exist; fix: did you mean 'other.md'?"
    )


def test_missing_anchor_lists_the_anchors_and_an_unused_footnote_is_said_once():
    site = view({"a.md": "[x](b.md#presnt)\n"}, {"b.md": ["b", "present"]})
    assert messages.anchor_missing(site, "a.md", "b.md#presnt", "b.md", "presnt") == (
        "docs/a.md:1: link 'b.md#presnt' points to the anchor '#presnt', which docs/b.md does not have; "
        "fix: did you mean '#present'? The anchors of docs/b.md: #b, #present"
    )
    site.unused_footnotes.add(("a.md", "n"))
    assert messages.anchor_missing(site, "a.md", "#fnref:n") is None


def test_ordered_anchors_puts_headings_first_and_leaves_out_footnotes():
    assert messages.ordered_anchors(["t", "b"], {"b", "z", "a", "fn:1", "fnref:1", "t"}) == ["t", "b", "a", "z"]


def test_nav_messages_name_the_config_line():
    site = view({"index.md": "# Home\n", "draft.md": "# Draft: later\n"}, config="site_name: X\nnav:\n  - index.md\n")
    assert messages.nav_omitted(site, ["draft.md"]) == (
        "docs/draft.md: this page is not in the navigation; fix: add a line '- \"Draft: later\": draft.md' under "
        "nav: in mkdocs.yml (line 2), or list it under not_in_nav: if readers reach it only through links"
    )
    assert messages.nav_not_found(site, "index.md").startswith("mkdocs.yml:3: the nav: entry 'index.md'")


def test_mkdocs_warnings_are_rewritten_and_others_left_alone():
    site = view({"a.md": "See [x](othr.md).\n", "other.md": "# Other\n"})
    raw = "Doc file 'a.md' contains a link 'othr.md', but the target is not found among documentation files."
    assert rewrite(site, raw) == (
        "docs/a.md:1: link 'othr.md' points to docs/othr.md, which does not exist; fix: did you mean 'other.md'?"
    )
    assert rewrite(site, "Something else.") == "Something else."
