"""MkDocs adapter for the Content Security Policy: events only; the policy is pagework.csp's.

Every page, the 404 page included, gets the policy once every other hook has changed it (the charts'
SVG, the glossary's "Used on" lines), so its hashes fit the page as written. `mkdocs serve` gets none:
it writes its live-reload script into each page as it serves it, a script no hash can allow.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from mkdocs.plugins import event_priority

from pagework.csp import with_policy

if TYPE_CHECKING:
    from mkdocs.structure.pages import Page

serving = False  # `mkdocs serve`: no policy


def on_startup(command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
    global serving
    serving = command == "serve"


@event_priority(-100)  # after every other hook
def on_post_page(output: str, page: Page, **kwargs: Any) -> str:
    return output if serving else with_policy(output)


@event_priority(-100)
def on_post_template(output_content: str, template_name: str, **kwargs: Any) -> str:
    """Pages made from a template alone: 404.html (sitemap.xml is no page)."""
    return output_content if serving or not template_name.endswith(".html") else with_policy(output_content)
