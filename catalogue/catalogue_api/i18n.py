"""Languages: choosing the answer language, labels of codes, numbers and dates for people.

Label texts live in ``data/labels.yaml``; this module only looks them up and formats them.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

import yaml

from hub_vocabulary import DEFAULT_LANGUAGE, LANGUAGES

SUPPORTED: tuple[str, ...] = LANGUAGES

_TAG_RE = re.compile(r"^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$|^\*$")


@cache
def _labels() -> dict[str, Any]:
    text = resources.files("catalogue_api").joinpath("data/labels.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def primary_language(tag: str) -> str | None:
    """Return the supported language a tag such as ``ru-RU`` or ``zh-Hans-CN`` stands for.

    Args:
        tag: A BCP 47 language tag.

    Returns:
        ``en``, ``zh`` or ``ru``, or ``None`` if the tag names another language or is malformed.
    """
    tag = tag.strip()
    if not tag or not _TAG_RE.match(tag) or tag == "*":
        return None
    primary = tag.split("-", 1)[0].lower()
    return primary if primary in SUPPORTED else None


def parse_accept_language(header: str | None) -> str:
    """Pick the answer language from an ``Accept-Language`` header.

    Ranges are sorted by their ``q`` weight (stable for equal weights); ``q=0`` means "not
    acceptable". The first supported language wins; otherwise English.

    Args:
        header: The header value, e.g. ``"ru-RU,ru;q=0.9,en-US;q=0.8"``.

    Returns:
        ``en``, ``zh`` or ``ru``.
    """
    if not header:
        return DEFAULT_LANGUAGE
    ranges: list[tuple[float, int, str]] = []
    for index, part in enumerate(header[:1000].split(",")):
        pieces = [piece.strip() for piece in part.split(";")]
        tag, weight = pieces[0], 1.0
        for param in pieces[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    weight = float(value.strip())
                except ValueError:
                    weight = 0.0
                if not 0.0 <= weight <= 1.0:
                    weight = 0.0
        if weight > 0:
            ranges.append((-weight, index, tag))
    for _, _, tag in sorted(ranges):
        language = primary_language(tag)
        if language:
            return language
    return DEFAULT_LANGUAGE


def label(kind: str, code: str | None, lang: str) -> str | None:
    """Return the label of a canonical code.

    Args:
        kind: ``sector``, ``district``, ``project_status``, ``service_type`` or ``lead_status``.
        code: The code, or ``None``.
        lang: Answer language.

    Returns:
        The label, the code itself if it has none, or ``None`` for a ``None`` code.
    """
    if code is None:
        return None
    entry = _labels().get(kind, {}).get(code)
    if not entry:
        return code
    return str(entry.get(lang) or entry[DEFAULT_LANGUAGE])


def text(key: str, lang: str, **values: str) -> str:
    """Return a fixed text (``not_disclosed``, ``placeholder``, ...) formatted with ``values``.

    Args:
        key: Key under ``text`` in labels.yaml.
        lang: Answer language.
        **values: Values for the placeholders of the template.

    Returns:
        The text.
    """
    template = _labels()["text"][key]
    return str(template.get(lang) or template[DEFAULT_LANGUAGE]).format(**values)


def format_number(value: float | Decimal, lang: str) -> str:
    """Format a number without float noise, grouped as people of ``lang`` write it.

    Args:
        value: The number.
        lang: Answer language.

    Returns:
        E.g. ``12,000`` / ``42.7`` (en), ``12000`` / ``42.7`` (zh), ``12 000`` / ``42,7`` (ru).
    """
    number = value if isinstance(value, Decimal) else Decimal(repr(float(value)))
    plain = format(number.normalize(), "f")
    sign = "-" if plain.startswith("-") else ""
    whole, _, fraction = plain.lstrip("-").partition(".")
    if lang == "en":
        whole = f"{int(whole):,}"
    elif lang == "ru" and len(whole) > 4:
        whole = f"{int(whole):,}".replace(",", "\u00a0")
    if not fraction:
        return sign + whole
    return sign + whole + ("," if lang == "ru" else ".") + fraction


def unit_label(unit: str, lang: str) -> str:
    """Return the label of a figure unit.

    Args:
        unit: Unit code (``projects``, ``billion_cny``, ...).
        lang: Answer language.

    Returns:
        The label, or the code if the unit is unknown.
    """
    spec = _labels()["unit"].get(unit)
    return str(spec[lang]["label"]) if spec else unit


def figure_display(value: float, unit: str, qualifier: str | None, lang: str) -> str:
    """Format a figure for people, e.g. ``about 42.7 billion yuan`` / ``约427亿元``.

    Args:
        value: The figure's value in its unit.
        unit: Unit code.
        qualifier: ``approximately``, ``more_than`` or ``None``.
        lang: Answer language.

    Returns:
        The figure as a sentence fragment.
    """
    spec = _labels()["unit"].get(unit)
    if spec is None:
        display = f"{format_number(value, lang)} {unit}"
    else:
        unit_spec = spec[lang]
        number = Decimal(repr(float(value))) * Decimal(str(unit_spec.get("factor", 1)))
        display = str(unit_spec["template"]).format(value=format_number(number, lang))
    if qualifier:
        template = _labels()["qualifier"].get(qualifier)
        if template:
            display = str(template[lang]).format(display=display)
    return display


def investment_label(amount: float | None, lang: str) -> str:
    """Return the investment for people, or "not disclosed" when unknown.

    Args:
        amount: Investment in yuan, or ``None``.
        lang: Answer language.

    Returns:
        The label.
    """
    if amount is None:
        return text("not_disclosed", lang)
    return text("investment", lang, amount=format_number(amount, lang))


def date_label(iso_date: str, lang: str) -> str:
    """Format an ISO date of precision day (``2020-06-29``), month (``2021-06``) or year.

    Args:
        iso_date: The date.
        lang: Answer language.

    Returns:
        E.g. ``29 June 2020``, ``2020年6月29日``, ``29 июня 2020 г.``.
    """
    labels = _labels()
    parts = iso_date.split("-")
    year = parts[0]
    if len(parts) == 1:
        return str(labels["date"]["year"][lang]).format(year=year)
    month = int(parts[1])
    names = {
        "month_en": labels["month_en"][month - 1],
        "month_ru": labels["month_ru"][month - 1],
        "month_ru_gen": labels["month_ru_gen"][month - 1],
    }
    if len(parts) == 2:
        return str(labels["date"]["month"][lang]).format(year=year, month=month, **names)
    return str(labels["date"]["day"][lang]).format(
        year=year, month=month, day=int(parts[2]), **names
    )


def short_date_label(iso_date: str, lang: str) -> str:
    """Format a full ISO date (``2021-04-20``) briefly, for one-line sources.

    Args:
        iso_date: The date, to the day.
        lang: Answer language.

    Returns:
        E.g. ``20 Apr 2021``, ``2021年4月20日``, ``20.04.2021``.
    """
    labels = _labels()
    year, month, day = (int(part) for part in iso_date.split("-"))
    return str(labels["short_date"][lang]).format(
        year=year, month=month, day=day, month_en_short=labels["month_en_short"][month - 1]
    )


def pick(row: object, field: str, lang: str) -> str | None:
    """Return ``row.<field>_<lang>``, falling back to English when that text is empty.

    Args:
        row: An ORM row with per-language columns.
        field: Column stem, e.g. ``name``.
        lang: Answer language.

    Returns:
        The text, or ``None``.
    """
    value = getattr(row, f"{field}_{lang}", None)
    if value:
        return str(value)
    fallback = getattr(row, f"{field}_{DEFAULT_LANGUAGE}", None)
    return str(fallback) if fallback else None
