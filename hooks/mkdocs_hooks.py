"""The file mkdocs.yml names under `hooks:`: the site's MkDocs events, all served by one SitePlugin
(adapters.mkdocs_plugin), which makes a fresh SiteBuild for every build in on_config.

MkDocs loads this file once per process and looks its events up by name; each is a method of the one
`plugin`, which holds the build's state. Nothing else here keeps any.
"""

from adapters.mkdocs_plugin import SitePlugin

plugin = SitePlugin()

on_startup = plugin.on_startup
on_config = plugin.on_config
on_files = plugin.on_files
on_nav = plugin.on_nav
on_page_markdown = plugin.on_page_markdown
on_page_content = plugin.on_page_content
on_env = plugin.on_env
on_page_context = plugin.on_page_context
on_post_page = plugin.on_post_page
on_post_template = plugin.on_post_template
on_post_build = plugin.on_post_build
on_build_error = plugin.on_build_error
