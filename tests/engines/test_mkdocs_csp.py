"""The MkDocs adapter puts the Content Security Policy (core.pagework.csp) into every page it writes, the
404 page included, but not under `mkdocs serve`, which writes its live-reload script into each page as it
serves it: no hash can allow that script."""

from __future__ import annotations

from adapters.mkdocs_plugin import SitePlugin
from support.sites import make_site, run_build

PAGE = '<!doctype html><html><head><meta charset="utf-8"><script>a()</script></head><body></body></html>'
POLICY = '<meta http-equiv="Content-Security-Policy"'


def test_a_build_puts_the_policy_into_every_page_and_the_404_page(tmp_path):
    built = run_build(make_site(tmp_path, {"index.md": "# Home\n\nText.\n"}))
    assert built.ok, built.log
    for page in ("index.html", "404.html", "glossary/index.html", "book-index/index.html"):
        assert built.page(page).count(POLICY) == 1, page
    assert POLICY not in built.page("sitemap.xml")


def test_mkdocs_serve_gets_no_policy():
    plugin = SitePlugin()
    plugin.on_startup(command="build", dirty=False)
    assert POLICY in plugin.on_post_template(PAGE, template_name="404.html")
    assert plugin.on_post_template("<urlset/>", template_name="sitemap.xml") == "<urlset/>"
    plugin.on_startup(command="serve", dirty=False)
    assert plugin.on_post_template(PAGE, template_name="404.html") == PAGE
