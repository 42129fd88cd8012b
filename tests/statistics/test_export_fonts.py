"""The statistics PDF embeds its CJK + Cyrillic font; charts and exports whose text needs a font that is not
installed are refused with the reason on the dashboard instead of boxes."""

import io

import pytest
from pypdf import PdfReader

from investbridge.core import fonts
from investbridge.statistics import services
from tests.factories.statistics import row, write_csv

pytestmark = pytest.mark.integration

QUERY = "date_from=2020-01-01&date_to=2020-12-31"
NO_FONTS = {
    "ru": (
        "Документ нельзя сформировать: на сервере не установлены шрифты для текста на китайском и русском "
        "языках. Сообщите администратору (в журнале сервера указано, что установить)."
    ),
    "zh-hans": "无法生成该文档：服务器未安装中文和俄文文本所需的字体。请告知管理员（服务器日志中写明了需要安装的内容）。",
}


@pytest.fixture
def no_fonts(monkeypatch, tmp_path):
    """The font lookup sees an empty directory: no font package is installed (DejaVu Sans, which ships with
    matplotlib, remains for Latin and Cyrillic in charts)."""
    empty = tmp_path / "no-fonts"
    empty.mkdir()
    monkeypatch.setattr(fonts, "FONT_DIRECTORIES", [empty])


@pytest.fixture
def registry(files):
    services.registry_import(
        path=write_csv(files / "r.csv", [row(investor_countries="RU"), row(investor_countries="KZ")]),
        file_name="r.csv",
    )


def _text_and_fonts(pdf: bytes) -> tuple[str, set[tuple[str, bool]]]:
    """The PDF's text, and (base font without the subset prefix, whether its TrueType program is embedded) of
    every font that draws some of it."""
    used: set[tuple[str, bool]] = set()

    def visit(text, _cm, _tm, font, _size):
        if text.strip() and font is not None:
            name = str(font["/BaseFont"]).lstrip("/").split("+")[-1]
            descriptor = font.get("/FontDescriptor")
            used.add((name, descriptor is not None and "/FontFile2" in descriptor.get_object()))

    text = "".join(page.extract_text(visitor_text=visit) for page in PdfReader(io.BytesIO(pdf)).pages)
    return text, used


def test_export_pdf_embeds_its_font_and_shows_chinese_and_russian_text(client_for, registry):
    chinese = client_for("officer").get(f"/zh-hans/statistics/export.pdf?{QUERY}")
    russian = client_for("officer").get(f"/ru/statistics/export.pdf?{QUERY}")

    chinese_text, chinese_fonts = _text_and_fonts(chinese.content)
    russian_text, russian_fonts = _text_and_fonts(russian.content)
    assert chinese_fonts == russian_fonts == {("WenQuanYiZenHei-0", True)}
    assert "登记注册的市场主体" in chinese_text
    assert "哈萨克斯坦" in chinese_text
    assert "Зарегистрированные субъекты рынка" in russian_text
    assert "Казахстан" in russian_text


@pytest.mark.parametrize("export", ["export.pdf", "export.xlsx"])
def test_export_without_fonts_shows_the_reason_on_the_dashboard(client_for, registry, no_fonts, export):
    response = client_for("officer").get(f"/zh-hans/statistics/{export}?{QUERY}")

    assert response.status_code == 503
    assert response["Content-Type"] == "text/html; charset=utf-8"
    page = response.content.decode()
    assert page.count(NO_FONTS["zh-hans"]) == 1
    assert "哈萨克斯坦" in page  # the tables are still there
    assert "data:image/png" not in page


def test_dashboard_in_chinese_without_cjk_font_shows_the_reason_instead_of_charts(
    client_for, registry, no_fonts
):
    response = client_for("officer").get(f"/zh-hans/statistics/?{QUERY}")

    assert response.status_code == 503
    page = response.content.decode()
    assert NO_FONTS["zh-hans"] in page
    assert "data:image/png" not in page
    assert "哈萨克斯坦" in page


def test_dashboard_in_russian_without_cjk_font_still_draws_its_charts(client_for, registry, no_fonts):
    response = client_for("officer").get(f"/ru/statistics/?{QUERY}")

    assert response.status_code == 200
    page = response.content.decode()
    assert NO_FONTS["ru"] not in page
    assert page.count('<img src="data:image/png;base64,') == 4
