"""For the benchmark's static baseline: add the Markdown files in `extra.static_pages` as pages.

Stands for a hand-maintained glossary and index in docs/; does nothing else.
"""

from pathlib import Path

from mkdocs.structure.files import File


def on_files(files, config):
    for path in sorted(Path(config.extra["static_pages"]).glob("*.md")):
        files.append(File.generated(config, path.name, content=path.read_text(encoding="utf-8")))
