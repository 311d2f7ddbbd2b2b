"""The real site's strict build, as the tests run it (support.sites.build_real_site), fails on a warning
(issue #28: with `-q` MkDocs dropped warnings before strict mode counted them, so `make test` passed a
site that `make build` rejected)."""

from __future__ import annotations

import shutil

import pytest

from support import ROOT
from support.sites import build_real_site


def test_the_real_site_build_fails_on_a_planted_warning(tmp_path):
    copy = tmp_path / "copy"
    copy.mkdir()
    shutil.copytree(ROOT / "docs", copy / "docs")
    shutil.copy(ROOT / "mkdocs.yml", copy / "mkdocs.yml")
    for name in ("hooks", "overrides"):
        (copy / name).symlink_to(ROOT / name)
    page = copy / "docs/architecture.md"
    text = page.read_text(encoding="utf-8")
    planted = "\n\nSee [the run](parameter-sizing.md#no-such-section) and [a term](term:grouped-query-atention).\n"
    page.write_text(text.replace("\n## ", planted + "\n## ", 1), encoding="utf-8")
    with pytest.raises(RuntimeError) as failed:
        build_real_site(tmp_path / "site", copy)
    message = str(failed.value)
    assert "link 'parameter-sizing.md#no-such-section' points to the anchor '#no-such-section'" in message
    assert "unknown glossary term 'grouped-query-atention'" in message
    assert "Aborted with 2 warnings in strict mode!" in message
