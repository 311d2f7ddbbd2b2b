"""docs/data/models.yml read independently of the renderer (plain PyYAML), and what a page shows parsed
back into numbers: the tests of the key numbers check the pages against the data file with these, not
with the renderer's own formatting."""

from __future__ import annotations

import re

import pytest
import yaml

from . import ROOT

DATA = ROOT / "docs/data/models.yml"


def raw_data() -> dict:
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))


def subjects(raw: dict) -> dict[str, dict]:
    sections = ("models", "projections", "laws", "facts")
    return {sid: entry for section in sections for sid, entry in (raw.get(section) or {}).items()}


def number(value) -> float:
    return float(value)  # PyYAML reads 405e9 as a string: float() takes both


SUPER = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
MARKERS = {
    "more than": ("", "+"),
    "about": ("~", ""),
    "nearly": ("nearly ", ""),
    "at least": ("≥", ""),
    "up to": ("up to ", ""),
}


def parse_shown(text: str) -> tuple[float | None, str | None]:
    """A value as a page shows it, back to (number, qualifier): "15T+" -> (15e12, "more than")."""
    text = text.strip()
    if text == "not stated":
        return None, None
    qualifier = None
    for name, (before, after) in MARKERS.items():
        if before and text.startswith(before):
            qualifier, text = name, text[len(before) :]
        if after and text.endswith(after):
            qualifier, text = name, text[: -len(after)]
    text = text.removesuffix(" FLOPs").removesuffix("%").replace(",", "")
    sci = re.fullmatch(r"(?:([\d.]+) × )?10([⁰¹²³⁴⁵⁶⁷⁸⁹⁻]+)", text)
    if sci:
        return float(sci.group(1) or 1) * 10 ** int(sci.group(2).translate(SUPER)), qualifier
    scale = {"K": 1e3, "M": 1e6, "B": 1e9, "T": 1e12}
    if text and text[-1] in scale:
        return float(text[:-1]) * scale[text[-1]], qualifier
    return float(text), qualifier


def assert_shows(shown: str, figure: dict, where: str) -> None:
    """The text on the page says exactly what the data file's figure says."""
    if "text" in figure:
        assert shown == figure["text"], f"{where}: {shown!r} != {figure['text']!r}"
        return
    value, qualifier = parse_shown(shown)
    if figure.get("value") is None:
        assert value is None, f"{where}: shows {shown!r} for a value the data file leaves open"
        return
    assert value == pytest.approx(number(figure["value"]), rel=1e-9), f"{where}: {shown!r} vs {figure['value']!r}"
    assert qualifier == figure.get("qualifier"), f"{where}: {shown!r} qualifier vs {figure.get('qualifier')!r}"


def resolve(raw: dict, ref: str) -> dict:
    sid, _, name = ref.partition(".")
    entry = subjects(raw)[sid]
    if name == "tokens_per_param" and name not in entry:
        return {"derived": True, "tokens": entry["tokens"], "params": entry["params"]}
    if sid in (raw.get("models") or {}) and name == "active_params" and entry.get("type") == "dense":
        return entry["params"]
    return entry[name]
