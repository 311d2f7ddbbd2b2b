"""Browser tests: the built site in Debian's Chromium (Playwright), axe-core, Lighthouse, linkinator.

A package, so that this folder's conftest does not shadow tests/conftest.py as module `conftest`.
"""
