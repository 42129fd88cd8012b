"""Charts: the legend never covers the plot, in any language."""

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from investbridge.statistics import charts

pytestmark = pytest.mark.unit

LABELS = {
    "zh-hans": ("2020年1月1日至2020年11月30日", "2019年1月1日至2019年11月30日"),
    "ru": ("1 января 2020 г. – 30 ноября 2020 г.", "1 января 2019 г. – 30 ноября 2019 г."),
    "en": ("Jan 1, 2020 – Nov 30, 2020", "Jan 1, 2019 – Nov 30, 2019"),
}
DISTRICTS = {
    "zh-hans": ["秀英区", "龙华区", "琼山区", "美兰区"],
    "ru": ["Сюин", "Лунхуа", "Цюншань", "Мэйлань"],
    "en": ["Xiuying", "Longhua", "Qiongshan", "Meilan"],
}


def _boxes(figure):
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    renderer = canvas.get_renderer()
    (legend,) = figure.legends
    return legend.get_window_extent(renderer), figure.axes[0].get_window_extent(renderer), canvas


@pytest.mark.parametrize("language", ["zh-hans", "ru", "en"])
def test_district_chart_legend_does_not_overlap_the_plot(language):
    figure = charts.breakdown_figure(
        names=DISTRICTS[language],
        current=[133, 171, 98, 128],
        previous=[51, 66, 40, 48],
        labels=LABELS[language],
        title="按区",
    )

    legend, plot, canvas = _boxes(figure)

    assert not legend.overlaps(plot)
    assert legend.y1 < plot.y0  # below the plot
    assert legend.x0 >= 0  # whole, inside the picture
    assert legend.x1 <= canvas.get_width_height()[0]
    assert [text.get_text() for text in figure.legends[0].get_texts()] == list(LABELS[language])


def test_monthly_chart_legend_does_not_overlap_the_plot():
    months = [f"2020-{month:02d}" for month in range(1, 12)]
    figure = charts.monthly_figure(
        months=months,
        current=list(range(40, 51)),
        previous=list(range(10, 21)),
        labels=LABELS["zh-hans"],
        title="按月新增",
    )

    legend, plot, _canvas = _boxes(figure)

    assert not legend.overlaps(plot)
    assert legend.y1 < plot.y0


def test_breakdown_chart_is_a_png():
    png = charts.breakdown_chart(
        names=DISTRICTS["zh-hans"],
        current=[1, 2, 3, 4],
        previous=[0, 1, 2, 3],
        labels=LABELS["zh-hans"],
        title="按区",
    )

    assert png[:8] == b"\x89PNG\r\n\x1a\n"
