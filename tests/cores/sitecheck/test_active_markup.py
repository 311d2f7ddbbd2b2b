"""No pull request can put script on the site: core.sitecheck.active finds active markup in everything
an editor writes, as a browser reads it, and names the file, the line and the fix.

Each pattern is planted in a page and in a glossary entry's `long:` (the checks of
`python -m adapters.check`, which `python -m adapters.prebuild` runs before Zensical too), and all of
them at once in a MkDocs build, which they must fail under --strict; text from the other data files,
front matter and strings.yml; the real site, the project's own markup (charts, term links, tables) and
third-party pages with legitimate raw HTML pass.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import markdown
import pytest
import yaml

from core.sitecheck.active import ActiveMarkup, css_loads, findings, url_scheme
from support import ROOT
from support.sites import MINI_GLOSSARY, check_project, make_site, run_build

NAV = ["index.md", "bad.md", "glossary.md", "book-index.md"]
SCRIPTS = "the site's own scripts are in docs/javascripts/ and overrides/, reviewed as code"
RUNS = "it would run script in every reader's browser"
LINK_FIX = "link to a page of the site (its .md file) or to an https:// address"
DATA_FIX = "put the file in docs/ and link to it by its path"
CSS_FIX = "remove it (a style that needs a file belongs in docs/stylesheets/extra.css)"
# (id, the markup as an editor writes it in Markdown, the message after "<file>:<line>: ")
CASES = [
    ("script", "<script>alert(3)</script>", f"<script> is not allowed in content: {RUNS}; fix: remove it ({SCRIPTS})"),
    (
        "iframe",
        '<iframe src="https://example.org/"></iframe>',
        "<iframe> is not allowed in content: it embeds another page, which can run script; "
        "fix: remove it and link to the page instead",
    ),
    (
        "object",
        '<object data="https://example.org/movie.swf"></object>',
        "<object> is not allowed in content: it embeds a plugin or another document, which can run script; "
        "fix: remove it and link to the file",
    ),
    (
        "embed",
        '<embed src="https://example.org/movie.swf">',
        "<embed> is not allowed in content: it embeds a plugin or another document, which can run script; "
        "fix: remove it and link to the file",
    ),
    (
        "form",
        '<form action="https://example.org/"><input name="q"></form>',
        "<form> is not allowed in content: it would send what readers type to another address; fix: remove it",
    ),
    (
        "base",
        '<base href="https://example.org/">',
        "<base> is not allowed in content: it changes where every relative link and image of the page points; "
        "fix: remove it",
    ),
    (
        "link",
        '<link rel="stylesheet" href="https://example.org/x.css">',
        "<link> is not allowed in content: it loads a style sheet or another file into the page, perhaps from "
        "another site; fix: remove it (the site's own styles are in docs/stylesheets/extra.css)",
    ),
    (
        "meta-http-equiv",
        '<meta http-equiv="refresh" content="0; url=https://example.org/">',
        "<meta http-equiv> is not allowed in content: it would redirect the page or change the browser's rules "
        "for it; fix: remove it",
    ),
    (
        "event-attribute",
        '<img src="https://example.org/x.png" alt="x" onerror="alert(1)">',
        f"the event attribute onerror= on <img> is not allowed in content: {RUNS}; "
        f"fix: remove the attribute ({SCRIPTS})",
    ),
    (
        "event-attribute-svg",
        '<svg ONLOAD="alert(1)"></svg>',
        f"the event attribute onload= on <svg> is not allowed in content: {RUNS}; "
        f"fix: remove the attribute ({SCRIPTS})",
    ),
    (
        "javascript-link",
        "A [click](javascript:alert(2)) link.",
        f'the javascript: URL in <a href="javascript:alert(2)"> is not allowed in content: {RUNS}; fix: {LINK_FIX}',
    ),
    (
        "javascript-written-with-a-reference",
        '<a href="jav&#x09;ascript:alert(5)">x</a>',
        f'the javascript: URL in <a href="jav\\tascript:alert(5)"> is not allowed in content: {RUNS}; fix: {LINK_FIX}',
    ),
    (
        "vbscript-link",
        "A [click](vbscript:msgbox) link.",
        f'the vbscript: URL in <a href="vbscript:msgbox"> is not allowed in content: {RUNS}; fix: {LINK_FIX}',
    ),
    (
        "data-image",
        "![a dot](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)",
        'the data: URL in <img src="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4="> is not allowed in content: '
        f"it can carry a whole document or a script written into the page; fix: {DATA_FIX}",
    ),
    (
        "data-srcset",
        '<img alt="x" srcset="data:text/html;base64,PHNjcmlwdD4= 2x">',
        'the data: URL in <img srcset="data:text/html;base64,PHNjcmlwdD4= 2x"> is not allowed in content: '
        f"it can carry a whole document or a script written into the page; fix: {DATA_FIX}",
    ),
    (
        "formaction",
        '<button formaction="javascript:alert(1)">Go</button>',
        f'the javascript: URL in <button formaction="javascript:alert(1)"> is not allowed in content: {RUNS}; '
        f"fix: {LINK_FIX}",
    ),
    (
        "svg-xlink-href",
        '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
        f'the javascript: URL in <a xlink:href="javascript:alert(1)"> is not allowed in content: {RUNS}; '
        f"fix: {LINK_FIX}",
    ),
    (
        "style-attribute-url",
        '<p style="background: url(https://example.org/track.png)">Text</p>',
        f"the style attribute of <p> loads a file (url(...)), which could come from another site; fix: {CSS_FIX}",
    ),
    (
        "style-element-import",
        '<style>@import "https://example.org/x.css";</style>',
        f"<style> loads a file (@import), which could come from another site; fix: {CSS_FIX}",
    ),
    (
        "noscript",
        '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></p></noscript>',
        "<noscript> is not allowed in content: browsers read what is inside it differently from this check, "
        "so it can hide script; fix: remove it",
    ),
]
IDS = [case[0] for case in CASES]


def project(tmp_path: Path, page: str, glossary: str = MINI_GLOSSARY, **config) -> Path:
    """A small site with the hook and a page bad.md."""
    config.setdefault("nav", NAV)
    return make_site(tmp_path, {"index.md": "# Home\n\nText.\n", "bad.md": page}, glossary, **config)


def line_in(path: Path, text: str, after: int = 0) -> int:
    """The line of a file the test wrote that holds text (after line `after`): asked, not hard-coded."""
    return next(
        n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if n > after and text in line
    )


def glossary_with(markups: list[str]) -> str:
    """The mini glossary plus one entry per markup, planted in its `long:`."""
    entries = "".join(
        f"  - term: Planted {n}\n    short: A term.\n    long: |\n      Before.\n\n      {markup}\n\n"
        f"      After.\n    source: A source.\n"
        for n, markup in enumerate(markups)
    )
    return MINI_GLOSSARY + entries


@pytest.mark.parametrize(("markup", "message"), [case[1:] for case in CASES], ids=IDS)
def test_each_pattern_in_a_page_and_in_a_glossary_entry_is_found_with_its_line(tmp_path, markup, message):
    site = project(tmp_path, f"# Bad\n\nSome text.\n\n{markup}\n\nMore text.\n", glossary_with([markup]))
    glossary = site / "docs/data/glossary.yml"
    long_key = line_in(glossary, "long:", after=line_in(glossary, "Planted 0"))
    assert check_project(site / "mkdocs.yml") == [
        f"docs/bad.md:5: {message}",
        f"docs/data/glossary.yml:{long_key}: {message}",
    ]


def test_every_pattern_fails_the_strict_mkdocs_build_with_the_same_messages(tmp_path):
    markups = [markup for _, markup, _ in CASES]
    page = "# Bad\n\n" + "".join(f"{markup}\n\n" for markup in markups)
    site = project(tmp_path, page, glossary_with(markups))
    built = run_build(site)
    assert not built.ok
    glossary = site / "docs/data/glossary.yml"
    expected = [f"WARNING: checks: docs/bad.md:{3 + 2 * n}: {message}" for n, (_, _, message) in enumerate(CASES)]
    long_keys = [line_in(glossary, "long:", after=line_in(glossary, f"Planted {n}")) for n in range(len(CASES))]
    messages = [message for _, _, message in CASES]
    expected += [
        f"WARNING: checks: docs/data/glossary.yml:{line}: {message}"
        for line, message in zip(long_keys, messages, strict=True)
    ]
    warnings = [line for line in built.log.splitlines() if line.startswith("WARNING")]
    assert sorted(warnings) == sorted(expected)
    assert "ABORT: Aborted with" in built.log


def test_two_of_a_kind_on_one_page_each_get_their_own_line(tmp_path):
    page = "# Bad\n\nA `<script>` in code is text.\n\n<script>one()</script>\n\nText.\n\n<script>two()</script>\n"
    site = project(tmp_path, page)
    message = f"<script> is not allowed in content: {RUNS}; fix: remove it ({SCRIPTS})"
    assert check_project(site / "mkdocs.yml") == [f"docs/bad.md:5: {message}", f"docs/bad.md:9: {message}"]


def test_front_matter_that_templates_print_is_checked(tmp_path):
    """Material prints `title:` and `description:` unescaped, into the page and into an attribute."""
    page = (
        "---\n"
        'title: "<img src=x onerror=alert(1)>"\n'
        "description: 'A page\"><script>alert(7)</script>'\n"
        "template: redirect.html\n"
        "---\n"
        "# Bad\n\nText.\n"
    )
    site = project(tmp_path, page)
    assert check_project(site / "mkdocs.yml") == [
        f"docs/bad.md:2: front matter 'title': the event attribute onerror= on <img> is not allowed in content: "
        f"{RUNS}; fix: remove the attribute ({SCRIPTS})",
        f"docs/bad.md:3: front matter 'description': <script> is not allowed in content: {RUNS}; "
        f"fix: remove it ({SCRIPTS})",
        "docs/bad.md:4: front matter 'template' is not allowed: it picks the page's template, which is code; "
        "fix: remove it (templates are in overrides/, reviewed as code)",
    ]


def test_text_of_the_other_data_files_is_found_at_its_key(tmp_path):
    """A claim's box, a timeline event, a figure's words and a word of strings.yml, planted in a copy of
    the real site: each problem at the line of its key in the data file."""
    copy = tmp_path / "site"
    shutil.copytree(ROOT / "docs", copy / "docs", ignore=shutil.ignore_patterns("glossary.md", "book-index.md"))
    shutil.copy(ROOT / "mkdocs.yml", copy / "mkdocs.yml")
    for name in ("hooks", "overrides"):  # MkDocs' reader loads the hook and checks the theme's folder
        (copy / name).symlink_to(ROOT / name)
    data = copy / "docs/data"
    plants = {
        "claims.yml": ("      text: |\n", "      text: |\n        <script>claim()</script>\n\n"),
        "timeline.yml": (
            "    text: Meta releases Llama 2",
            '    text: <img src=x onerror="event()"> Meta releases Llama 2',
        ),
        "models.yml": ("hardware: {text: A100-80GB,", "hardware: {text: '<a href=\"javascript:note()\">A100</a>',"),
        "strings.yml": ("  letters_label: Jump to letter\n", "  letters_label: 'Jump\"><script>word()</script>'\n"),
    }
    for name, (old, new) in plants.items():
        text = (data / name).read_text(encoding="utf-8")
        assert old in text, name
        (data / name).write_text(text.replace(old, new, 1), encoding="utf-8")
    script = f"<script> is not allowed in content: {RUNS}; fix: remove it ({SCRIPTS})"
    assert sorted(check_project(copy / "mkdocs.yml")) == sorted(
        [
            f"docs/data/claims.yml:{line_in(data / 'claims.yml', 'text: |')}: {script}",
            f"docs/data/timeline.yml:{line_in(data / 'timeline.yml', 'event()')}: the event attribute onerror= "
            f"on <img> is not allowed in content: {RUNS}; fix: remove the attribute ({SCRIPTS})",
            f"docs/data/models.yml:{line_in(data / 'models.yml', 'javascript:note()')}: the javascript: URL in "
            f'<a href="javascript:note()"> is not allowed in content: {RUNS}; fix: {LINK_FIX}',
            f"docs/data/strings.yml:{line_in(data / 'strings.yml', 'letters_label')}: {script}",
        ]
    )


def test_the_real_site_passes():
    assert check_project(ROOT / "mkdocs.yml") == []


def test_the_projects_own_markup_passes(real_site):
    """Every built page's article, with the charts' inline SVG (their style attributes, url(#id) fills),
    term links with their tooltips, tables, boxes and the glossary's and index's lists."""
    for page in sorted(real_site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        start, end = html.index("<article"), html.rindex("</article>")
        assert findings(html[start:end]) == [], page
    assert "<svg" in (real_site / "scaling-laws/index.html").read_text(encoding="utf-8")  # not an empty check


THIRD_PARTY = """\
# A third-party page

<div class="grid cards" markdown>

-   **Install** with <kbd>Ctrl</kbd>+<kbd>C</kbd>, H<sub>2</sub>O and E = mc<sup>2</sup>

    <small>Since version 7.0</small>

</div>

<span class="badge" data-version="7.0" title="new" id="new">New</span> and <abbr title="HyperText">HTML</abbr>.

<details><summary>More</summary><p>Hidden <mark>text</mark>, <ins>in</ins>, <del>out</del>.</p></details>

<figure markdown>
<img src="logo.png" alt="Logo" width="120" style="width: 50%; border: 1px solid">
<figcaption>A logo</figcaption>
</figure>

<a href="https://example.org/docs?a=1&amp;b=2#x" target="_blank" rel="noopener">Docs</a>,
<a href="mailto:a@example.org">mail</a>, <a href="#new">here</a>, <a href="other.md">other</a>.

<p style="color: var(--md-accent-fg-color)">Styled</p>
<svg viewBox="0 0 1 1"><use href="#icon"/><rect style="fill: url(#grad)"/></svg>
"""


def test_third_party_pages_with_legitimate_raw_html_pass(tmp_path):
    """tests/engines/adversarial's pages (written for a third-party-like corpus: grid cards with markdown, raw
    HTML blocks, shortcode comments) and a page with <small>, <kbd>, <sub>, <span>, <details>, figures."""
    extensions = ["abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "toc"]
    extensions += ["pymdownx.details", "pymdownx.superfences", "pymdownx.keys", "pymdownx.tabbed"]
    pages = {
        page.name: page.read_text(encoding="utf-8")
        for page in sorted((ROOT / "tests/engines/adversarial").glob("*.md"))
    }
    pages["third-party.md"] = THIRD_PARTY
    check_ = ActiveMarkup(tmp_path)
    for name, text in pages.items():
        html = markdown.markdown(text, extensions=extensions)
        assert check_.page(name, text, html) == [], name
    glossary = yaml.safe_load((ROOT / "tests/engines/adversarial/glossary.yml").read_text(encoding="utf-8"))
    assert any("<" in str(term.get("short", "")) for term in glossary["terms"])  # markup as text is no markup


@pytest.mark.parametrize(
    ("url", "scheme"),
    [
        ("javascript:x", "javascript"),
        (" \x01JavaScript:x", "javascript"),
        ("java\tscr\nipt:x", "javascript"),
        ("DATA:text/html,x", "data"),
        ("https://example.org/", "https"),
        ("page.md#javascript:x", ""),
        ("./javascript:x", ""),
    ],
)
def test_a_url_scheme_is_read_as_browsers_read_it(url, scheme):
    assert url_scheme(url) == scheme


@pytest.mark.parametrize(
    ("css", "loads"),
    [
        ("fill: url(#chart-1-clip); stroke: #fff", ""),
        ("fill: url( '#grad' )", ""),
        ("background: url(https://example.org/x.png)", "url(...)"),
        ("background: URL('x.png')", "url(...)"),
        ("background: u\\72l(x.png)", "url(...)"),
        ("background: u/**/rl(x.png)", ""),  # no function: the comment splits the name
        ("background: \\2f\\2a url(x.png) */", "url(...)"),  # escaped, /* opens no comment
        ("@import 'x.css'", "@import"),
        ("@\\69mport 'x.css'", "@import"),
        ("background-image: image-set('x.png' 1x)", "image-set(...)"),
        ("--entries: 3; width: 100%", ""),
    ],
)
def test_css_that_loads_a_file_is_read_through_escapes(css, loads):
    assert css_loads(css) == loads
