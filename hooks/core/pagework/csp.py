"""The Content Security Policy of a finished page, for any engine: a `<meta http-equiv>` in its
`<head>`, right after `<meta charset>` and so before any script, because a static host such as
GitHub Pages sets no headers.

    default-src 'self'                     everything from the site itself, nothing from another host
    script-src 'self' 'sha256-...'         the site's script files, and each inline script of the page's
                                           template (Material's and overrides/) by the hash of its text;
                                           never 'unsafe-inline', and none in the article: an inline
                                           script there comes from content, and stays blocked
    style-src 'self' 'unsafe-hashes' 'sha256-...'
                                           the style sheets, and each inline style of the page by its
                                           hash: the `<style>` elements (charts, the template's) and
                                           the values of style attributes (the charts' SVG, the index's
                                           lists), which 'unsafe-hashes' lets hashes allow; Material
                                           itself sets styles only from its script (element.style),
                                           which the policy does not restrict
    img-src 'self' data:                   Material's icons are data: SVG images in its style sheet
    worker-src 'self'                      search runs in a Web Worker loaded from the site
    object-src 'none'; base-uri 'self'; form-action 'none'

The hashes are computed from the page itself, after every other step has changed it, so they fit
whatever inline scripts and styles the template and the hooks put in. frame-ancestors, report-uri
and sandbox have no effect in a `<meta>` policy and are left out.

MkDocs: the SitePlugin (adapters.mkdocs_plugin) calls `with_policy` on each page. Zensical:
`python -m core.pagework.csp SITE_DIR` rewrites every HTML file of the built site (make build-zensical
runs it).
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import re
import sys
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser, LexborNode

# The policy's fixed part, in order; script-src and style-src get the page's hashes.
DIRECTIVES = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "worker-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'none'"],
}
# What a browser runs as a script (no type, a JavaScript MIME type, a module); anything else is data.
SCRIPT_TYPES = {"", "module", "text/javascript", "application/javascript", "application/ecmascript", "text/ecmascript"}
CHARSET = re.compile(r"<meta\s+charset\s*=[^>]*>", re.IGNORECASE)
HEAD = re.compile(r"<head(?:\s[^>]*)?>", re.IGNORECASE)
OURS = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">')


def policy(html: str, any_inline_style: bool = False) -> str:
    """The policy for a finished page (its whole HTML). any_inline_style: allow every inline style
    ('unsafe-inline' in style-src, which no hash may join), for a theme whose script writes a style
    element (Zensical's search)."""
    tree = LexborHTMLParser(html)
    scripts = [
        _hash(node.text(deep=True))
        for node in tree.css("script")
        if "src" not in node.attributes
        and (node.attributes.get("type") or "").strip().lower() in SCRIPT_TYPES
        and not _in_article(node)
    ]
    styles = [_hash(node.text(deep=True)) for node in tree.css("style")]
    attributes = [_hash(node.attributes.get("style") or "") for node in tree.css("[style]")]
    directives = {name: list(sources) for name, sources in DIRECTIVES.items()}
    directives["script-src"] += dict.fromkeys(scripts)
    if any_inline_style:
        directives["style-src"].append("'unsafe-inline'")
    else:
        directives["style-src"] += (["'unsafe-hashes'"] if attributes else []) + list(
            dict.fromkeys(styles + attributes)
        )
    return "; ".join(" ".join([name, *sources]) for name, sources in directives.items())


def with_policy(html: str, any_inline_style: bool = False) -> str:
    """The page with its policy as the first element after `<meta charset>` (or after `<head>`), in
    place of a policy put in before."""
    html = OURS.sub("", html, count=1)
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy(html, any_inline_style)}">'
    anchor = CHARSET.search(html) or HEAD.search(html)
    if anchor is None:
        raise ValueError("the page has no <head>, so it cannot carry a Content Security Policy")
    return html[: anchor.end()] + tag + html[anchor.end() :]


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def _in_article(node: LexborNode) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.tag == "article":
            return True
        parent = parent.parent
    return False


def main(argv: list[str] | None = None) -> int:
    """`python -m core.pagework.csp [--any-inline-style] SITE_DIR`: put the policy into every page of a built site."""
    parser = argparse.ArgumentParser(prog="python -m core.pagework.csp", description=main.__doc__)
    parser.add_argument("site", type=Path, help="the built site's folder")
    parser.add_argument("--any-inline-style", action="store_true", help="allow every inline style (see policy)")
    args = parser.parse_args(argv)
    if not args.site.is_dir():
        parser.error(f"{args.site} is not a folder")
    pages = sorted(args.site.rglob("*.html"))
    for page in pages:
        page.write_text(with_policy(page.read_text(encoding="utf-8"), args.any_inline_style), encoding="utf-8")
    print(f"core.pagework.csp: a Content Security Policy in {len(pages)} page(s) of {args.site}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
