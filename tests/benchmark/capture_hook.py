"""For the benchmark's hand-written baseline of a real-content site: keep each page's Markdown as
the site's hooks leave it before conversion (key-number tables, charts, claim boxes and the
timeline written out), with its front matter, in the folder `extra.capture_pages`.

Added, after the site's own hooks, only to the untimed warm-up build; does nothing else.
"""

from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.utils.meta import YAML_RE


@event_priority(-100)  # after every other hook's on_page_markdown
def on_page_markdown(markdown, page, config, **kwargs):
    if page.file.generated_by is not None:  # the glossary and the index: written out by static.py
        return None
    out = Path(config.extra["capture_pages"]) / page.file.src_uri
    out.parent.mkdir(parents=True, exist_ok=True)
    front = YAML_RE.match(page.file.content_string)  # as the author wrote it (page.meta has plugins' keys too)
    out.write_text((front.group(0) + "\n" if front else "") + markdown, encoding="utf-8")
    return None
