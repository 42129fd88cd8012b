"""Dashboard charts (matplotlib, PNG) with labels in the reader's language, Chinese and Cyrillic included."""

import io
from collections.abc import Sequence

from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from investbridge.core import i18n
from investbridge.core.fonts import configure_matplotlib


def _configure() -> None:
    configure_matplotlib()


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    return buffer.getvalue()


def monthly_chart(
    *,
    months: Sequence[str],
    current: Sequence[int],
    previous: Sequence[int],
    labels: tuple[str, str],
    title: str,
) -> bytes:
    """Bars of this period against the same months a year earlier."""
    _configure()
    figure = Figure(figsize=(8, 3.6))
    axes = figure.subplots()
    positions = range(len(months))
    width = 0.4
    axes.bar([p - width / 2 for p in positions], previous, width, label=labels[1], color="#9aa9b8")
    axes.bar([p + width / 2 for p in positions], current, width, label=labels[0], color="#1f6f8b")
    axes.set_xticks(list(positions), months, rotation=45, ha="right")
    axes.set_title(title)
    axes.legend()
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    return _png(figure)


def breakdown_chart(
    *,
    names: Sequence[str],
    current: Sequence[int],
    previous: Sequence[int],
    labels: tuple[str, str],
    title: str,
) -> bytes:
    """Horizontal bars per category (country, district, industry), this period and a year earlier."""
    _configure()
    height = max(2.4, 0.45 * len(names) + 1.2)
    figure = Figure(figsize=(8, height))
    axes = figure.subplots()
    positions = list(range(len(names)))
    size = 0.4
    axes.barh([p + size / 2 for p in positions], previous, size, label=labels[1], color="#9aa9b8")
    axes.barh([p - size / 2 for p in positions], current, size, label=labels[0], color="#1f6f8b")
    axes.set_yticks(positions, names)
    axes.invert_yaxis()
    axes.set_title(title)
    axes.legend(loc="lower right")
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    return _png(figure)


def country_names(codes: Sequence[str]) -> list[str]:
    return [i18n.country_name(code) for code in codes]
