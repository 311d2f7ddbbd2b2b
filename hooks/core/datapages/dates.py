"""Dates in the data files ("2025-05-15", "May 15, 2025", "April 2025") and as a language writes them
(strings.yml: `months`, `date_day`, `date_month`). Imports nothing else of datapages: every module that
shows a date, the translation of a data file's texts included, can use it."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date

from core.sourcefile import say

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
ISO_DATE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")
WRITTEN_DATE = re.compile(r"^(?:[a-z ]*?)(" + "|".join(MONTHS) + r")(?: (\d{1,2}),)? (\d{4})$", re.IGNORECASE)


def iso_date(text: str) -> str | None:
    """'2023-07-18', '2025-04', 'July 18, 2023' or 'previewed April 5, 2025' as an ISO date (None if none)."""
    text = str(text).strip()
    match = ISO_DATE.match(text)
    if match:
        year, month, day = match.groups()
        try:
            date(int(year), int(month), int(day or 1))
        except ValueError:
            return None
        return text
    match = WRITTEN_DATE.match(text)
    if not match:
        return None
    month = next(i for i, name in enumerate(MONTHS, 1) if name.lower() == match.group(1).lower())
    day = match.group(2)
    return f"{match.group(3)}-{month:02d}" + (f"-{int(day):02d}" if day else "")


def show_date(iso: str, words: Mapping[str, str]) -> str:
    """'2023-07-18' -> 'July 18, 2023'; '2025-04' -> 'April 2025' (month names and order from strings.yml)."""
    year, month, *day = iso.split("-")
    names = say(words, "months").split(", ")
    if len(names) != len(MONTHS):
        raise ValueError(f"strings.yml: months must name the 12 months, separated by ', ', not {len(names)}")
    name = names[int(month) - 1]
    if day:
        return say(words, "date_day", month=name, day=int(day[0]), year=year)
    return say(words, "date_month", month=name, year=year)
