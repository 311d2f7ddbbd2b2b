"""Every page carries a Content Security Policy (core.pagework.csp, put in by the MkDocs adapter's
SitePlugin): computed from the finished page, first in <head> after the charset, allowing the template's
inline scripts by hash and never any inline script by 'unsafe-inline'. tests/browser/test_csp.py checks
that Chromium enforces it and that the site works under it; tests/engines/test_mkdocs_csp.py that
`mkdocs serve` gets none; tests/realsite/test_both_engines.py that Zensical's pages get it too."""

from __future__ import annotations

import base64
import hashlib
import re

import lxml.html
import pytest

from core.pagework.csp import policy, with_policy

META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
FIXED = {
    "default-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "worker-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'none'"],
}


def directives(text: str) -> dict[str, list[str]]:
    parts = [part.split() for part in text.split(";")]
    return {part[0]: part[1:] for part in parts if part}


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def page(head: str = "", body: str = "") -> str:
    return f'<!doctype html><html><head><meta charset="utf-8">{head}</head><body>{body}</body></html>'


def test_every_built_page_has_the_policy_first_in_its_head(real_site):
    pages = sorted(real_site.rglob("*.html"))
    assert {p.relative_to(real_site).as_posix() for p in pages} >= {
        "404.html",
        "index.html",
        "glossary/index.html",
        "book-index/index.html",
        "scaling-laws/index.html",
    }
    for path in pages:
        html = path.read_text(encoding="utf-8")
        found = META.findall(html)
        assert len(found) == 1, path
        head = html[: html.index("</head>")]
        first = min(head.index(tag) for tag in ("<script", "<style", "<link") if tag in head)
        assert head.index("<meta charset") < head.index(META.pattern[:40]) < first, path
        policy_ = directives(found[0])
        assert {name: policy_[name] for name in FIXED} == FIXED, path
        assert "'unsafe-inline'" not in policy_["script-src"], path
        assert "'unsafe-eval'" not in policy_["script-src"], path
        # Read again with another parser: each inline script of the template has its hash, nothing else does.
        tree = lxml.html.fromstring(html)
        scripts = [s for s in tree.iter("script") if s.get("src") is None and s.get("type") is None]
        assert policy_["script-src"] == ["'self'", *dict.fromkeys(sha256(s.text or "") for s in scripts)], path
        assert len(scripts) >= 3, path  # Material's and overrides' inline scripts: not an empty check
        styles = [sha256(s.text or "") for s in tree.iter("style")]
        attributes = [sha256(el.get("style")) for el in tree.iter() if isinstance(el.tag, str) and el.get("style")]
        unsafe_hashes = ["'unsafe-hashes'"] if attributes else []
        assert policy_["style-src"] == ["'self'", *unsafe_hashes, *dict.fromkeys(styles + attributes)], path


def test_chart_pages_allow_their_style_attributes_by_hash(real_site):
    html = (real_site / "scaling-laws/index.html").read_text(encoding="utf-8")
    style_src = directives(META.findall(html)[0])["style-src"]
    assert "'unsafe-hashes'" in style_src
    assert "'unsafe-inline'" not in style_src
    assert sha256("fill: currentColor; stroke: currentColor; stroke-width: 0.6") in style_src


def test_an_inline_script_in_the_article_gets_no_hash():
    """A script in the content is blocked even if a non-strict build let it through."""
    html = page("<script>template()</script>", "<article><p>Text</p><script>content()</script></article>")
    script_src = directives(policy(html))["script-src"]
    assert script_src == ["'self'", sha256("template()")]


def test_data_scripts_get_no_hash_and_inline_styles_do():
    html = page(
        '<script id="__config" type="application/json">{"a": 1}</script><style>b{}</style>',
        '<p style="color: red">x</p><p style="color: red">y</p>',
    )
    found = directives(policy(html))
    assert found["script-src"] == ["'self'"]
    assert found["style-src"] == ["'self'", "'unsafe-hashes'", sha256("b{}"), sha256("color: red")]


def test_a_page_without_inline_styles_needs_no_unsafe_hashes():
    assert directives(policy(page("<script>a()</script>")))["style-src"] == ["'self'"]


def test_zensicals_pages_may_allow_any_inline_style_and_still_no_inline_script():
    found = directives(policy(page("<script>a()</script><style>b{}</style>"), any_inline_style=True))
    assert found["style-src"] == ["'self'", "'unsafe-inline'"]
    assert found["script-src"] == ["'self'", sha256("a()")]


def test_the_policy_goes_right_after_the_charset_once():
    once = with_policy(page("<title>T</title><script>a()</script>"))
    assert once.startswith(
        '<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy"'
    )
    assert with_policy(once) == once


def test_a_page_without_a_charset_gets_it_first_in_head_and_one_without_head_is_refused():
    assert with_policy("<html><head><title>T</title></head></html>").startswith(
        '<html><head><meta http-equiv="Content-Security-Policy"'
    )
    with pytest.raises(ValueError, match="no <head>"):
        with_policy("just text")
