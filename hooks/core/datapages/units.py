"""Units the renderer knows, and how a value in each is written on the page.

A value keeps the text it was written with in the data file (its literal), and the page shows
no more precision than that: `7.0e6` GPU-hours reads "7.0M", `184320` reads "184,320". The words
around a number (a unit such as "FLOPs", a qualifier such as "nearly") come from strings.yml.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass

from core.sourcefile import say

SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
LITERAL = re.compile(r"^(?P<sign>[-+]?)(?P<int>\d*)(?:\.(?P<frac>\d*))?(?:[eE](?P<exp>[-+]?\d+))?$")
SCALES = ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K"))

# The qualifiers a figure may have, each with the key in strings.yml of how it is written ("15T+").
QUALIFIERS = {
    "more than": "qualifier_more_than",
    "about": "qualifier_about",
    "nearly": "qualifier_nearly",
    "at least": "qualifier_at_least",
    "up to": "qualifier_up_to",
}


@dataclass(frozen=True)
class Unit:
    name: str
    meaning: str
    style: str  # scaled | integer | scientific | percent | plain | text
    words: str = ""  # the key in strings.yml of how a value in this unit is written ("{value} FLOPs"), if not bare


UNITS = {
    u.name: u
    for u in (
        Unit("params", "model parameters", "scaled"),
        Unit("tokens", "training tokens", "scaled"),
        Unit("tokens_ctx", "context length in tokens", "scaled"),
        Unit("flops", "floating-point operations", "scientific", "unit_flops"),
        Unit("gpu_hours", "GPU-hours", "scaled"),
        Unit("count", "a count of things", "scaled"),
        Unit("ratio", "a ratio, such as tokens per parameter", "scaled"),
        Unit("percent", "a percentage", "percent"),
        Unit("lr", "a learning rate", "scientific"),
        Unit("number", "a plain number, written as in the source", "plain"),
        Unit("text", "words, not a number", "text"),
    )
}


def known_units() -> str:
    return ", ".join(name for name in UNITS if name != "text")


def digits_after_point(literal: str) -> int | None:
    """Decimal places of the least significant digit written, as a power of ten (None for plain integers).

    "15.6e12" -> 11 (the last digit is worth 10^11), "405e9" -> 9, "0.53" -> -2, "184320" -> None.
    """
    match = LITERAL.match(literal.replace("_", ""))
    if not match:
        return 0
    frac = match.group("frac") or ""
    exp = int(match.group("exp") or 0)
    if not frac and match.group("exp") is None:
        return None
    return exp - len(frac)


def format_value(value: float, unit: str, literal: str, words: Mapping[str, str]) -> str:
    """The value as the page shows it, with no more precision than its literal; words: the site's (strings.yml)."""
    style = UNITS[unit].style
    if style == "scaled":
        shown = _scaled(value, literal)
    elif style == "scientific":
        shown = _scientific(value, literal)
    elif style == "percent":
        shown = f"{_plain(value, literal)}%"
    else:
        shown = _plain(value, literal)
    return say(words, UNITS[unit].words, value=shown) if UNITS[unit].words else shown


def qualify(text: str, qualifier: str | None, words: Mapping[str, str]) -> str:
    """A value with its qualifier ("15T" more than -> "15T+"), as strings.yml writes it."""
    return say(words, QUALIFIERS[qualifier], value=text) if qualifier else text


def format_ratio(value: float, lower_bound: bool, approximate: bool) -> str:
    """A computed ratio: exact ones as integers, others rounded and marked ≈ (or ≥ for lower bounds)."""
    exact = abs(value - round(value)) < 1e-9 * max(1.0, abs(value))
    if lower_bound:
        shown = math.floor(value + 1e-9) if value >= 10 else math.floor(value * 10 + 1e-9) / 10
        return f"≥{_group(shown)}"
    if exact and not approximate:
        return _group(round(value))
    shown = round(value) if value >= 10 else round(value, 1)
    return f"≈{_group(shown)}"


def _group(number: float) -> str:
    if float(number).is_integer():
        return f"{int(number):,}"
    return f"{number:,}"


def _scaled(value: float, literal: str) -> str:
    place = digits_after_point(literal)
    if place is None:  # written as a plain integer: show it exactly, digits grouped
        return _group(value)
    for factor, letter in SCALES:
        if abs(value) >= factor:
            decimals = max(0, int(math.log10(factor)) - place)
            return f"{value / factor:.{decimals}f}{letter}"
    return f"{value:,.{max(0, -place)}f}"


def _scientific(value: float, literal: str) -> str:
    """3.8e25 -> "3.8 × 10²⁵", 1e22 -> "10²²"."""
    if value == 0:
        return "0"
    exponent = math.floor(math.log10(abs(value)) + 1e-12)
    place = digits_after_point(literal)
    decimals = max(0, exponent - place) if place is not None else 0
    mantissa = f"{value / 10**exponent:.{decimals}f}"
    power = f"10{str(exponent).translate(SUPERSCRIPT)}"
    return power if mantissa == "1" else f"{mantissa} × {power}"


def _plain(value: float, literal: str) -> str:
    place = digits_after_point(literal)
    if place is None or place >= 0:
        return _group(round(value))
    return f"{value:,.{-place}f}"
