"""Dashboard charts (matplotlib, PNG) with labels in the reader's language, Chinese and Cyrillic included.

The legend sits below the plot, outside the axes (constrained layout reserves room for it), so it never
covers a bar, however long the labels are in the reader's language.
"""

import io
from collections.abc import Sequence

from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from investbridge.core.fonts import chart_text, checked_chart_rendering, configure_matplotlib

CURRENT_COLOR = "#1f6f8b"
PREVIOUS_COLOR = "#9aa9b8"


def _configure() -> None:
    configure_matplotlib()


def _png(figure: Figure) -> bytes:
    """The chart as PNG; MissingFontError (core/fonts.py) instead of a chart with boxes for missing glyphs."""
    buffer = io.BytesIO()
    with checked_chart_rendering(figure):
        figure.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    return buffer.getvalue()


def _legend_below(figure: Figure, labels: tuple[str, str]) -> None:
    """This period first, then a year earlier, in one row under the plot."""
    handles = [Patch(facecolor=CURRENT_COLOR), Patch(facecolor=PREVIOUS_COLOR)]
    figure.legend(handles, list(labels), loc="outside lower center", ncols=2, frameon=False)


def monthly_figure(
    *,
    months: Sequence[str],
    current: Sequence[int],
    previous: Sequence[int],
    labels: tuple[str, str],
    title: str,
) -> Figure:
    """Bars of this period against the same months a year earlier."""
    _configure()
    figure = Figure(figsize=(8, 3.8), layout="constrained")
    axes = figure.subplots()
    positions = range(len(months))
    width = 0.4
    axes.bar([p - width / 2 for p in positions], previous, width, color=PREVIOUS_COLOR)
    axes.bar([p + width / 2 for p in positions], current, width, color=CURRENT_COLOR)
    axes.set_xticks(list(positions), months, rotation=45, ha="right")
    axes.set_title(title)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    _legend_below(figure, labels)
    return figure


def breakdown_figure(
    *,
    names: Sequence[str],
    current: Sequence[int],
    previous: Sequence[int],
    labels: tuple[str, str],
    title: str,
) -> Figure:
    """Horizontal bars per category (country, district, industry), this period and a year earlier."""
    _configure()
    height = max(2.8, 0.45 * len(names) + 1.6)
    figure = Figure(figsize=(8, height), layout="constrained")
    axes = figure.subplots()
    positions = list(range(len(names)))
    size = 0.4
    axes.barh([p + size / 2 for p in positions], previous, size, color=PREVIOUS_COLOR)
    axes.barh([p - size / 2 for p in positions], current, size, color=CURRENT_COLOR)
    axes.set_yticks(positions, [chart_text(name) for name in names])  # names from the registry: no tabs
    axes.invert_yaxis()
    axes.set_title(title)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    _legend_below(figure, labels)
    return figure


def monthly_chart(
    *,
    months: Sequence[str],
    current: Sequence[int],
    previous: Sequence[int],
    labels: tuple[str, str],
    title: str,
) -> bytes:
    return _png(monthly_figure(months=months, current=current, previous=previous, labels=labels, title=title))


def breakdown_chart(
    *,
    names: Sequence[str],
    current: Sequence[int],
    previous: Sequence[int],
    labels: tuple[str, str],
    title: str,
) -> bytes:
    return _png(breakdown_figure(names=names, current=current, previous=previous, labels=labels, title=title))
