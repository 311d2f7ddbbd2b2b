"""The engines' adapters: the only code that knows an engine (ARCHITECTURE.md, "Who owns a build").

mkdocs_plugin       SitePlugin: the MkDocs events (hooks/mkdocs_hooks.py exposes them), one SiteBuild per build
mkdocs_log          MkDocs' link, anchor and nav warnings, read back ...
mkdocs_messages     ... and worded as the rest of the site's messages
mkdocs_project      a Project read by MkDocs' own reader (load_config, get_files, the nav)
zensical_project    a Project read by Zensical's own reader (zensical.config.parse_config)
zensical_extension  the Markdown extension zensical.yml names: one SiteBuild, with the pre-build step's state
reader              which engine reads a config outside a build: MkDocs where it is installed, else Zensical
check               `python -m adapters.check [mkdocs.yml]`: the engine-free checks, without building
prebuild            `python -m adapters.prebuild`: Zensical's pre-build step (checks, generated pages, data files)
"""
