"""For the benchmark's hand-written baseline of a real-content site: keep each page's Markdown as
the site's hooks have expanded it (key-number tables, chart placeholders, claim boxes and the
timeline written out), with its front matter, in the folder `extra.capture_pages`.

The `[[...]]` markers are expanded inside the conversion (PageWork's preprocessor), so the
expanded text is read after it, from the build's NumberSite, which keeps each page's result (the
build reached as another hook reaches it: adapters.mkdocs_plugin.site_build).
Added, after the site's own hook, only to the untimed warm-up build; does nothing else.
"""

from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.utils.meta import YAML_RE

from adapters.mkdocs_plugin import site_build


@event_priority(-100)  # after every other hook's on_page_content
def on_page_content(html, page, config, **kwargs):
    if page.file.generated_by is not None:  # the glossary and the index: written out by static.py
        return None
    src = page.file.src_uri
    markdown = site_build(config).numbers.markdown.get(src)
    if markdown is None:
        raise RuntimeError(f"capture_hook: no expanded Markdown for {src}")
    out = Path(config.extra["capture_pages"]) / src
    out.parent.mkdir(parents=True, exist_ok=True)
    front = YAML_RE.match(page.file.content_string)  # as the author wrote it (page.meta has plugins' keys too)
    out.write_text((front.group(0) + "\n" if front else "") + markdown, encoding="utf-8")
    return None
