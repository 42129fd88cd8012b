"""The event report PDF embeds its CJK + Cyrillic font; without the fonts its text needs, it is refused with the
reason (page, command line) instead of a PDF with boxes."""

import io

import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from investbridge.core import fonts
from investbridge.events.reports import event_report, report_pdf
from tests.factories.events import Christmas2020EventFactory, RegistrationFactory

pytestmark = pytest.mark.integration

CHINESE_NAME = "王芳"
RUSSIAN_NAME = "Пётр Иванов"
NO_FONTS_RU = (
    "Документ нельзя сформировать: на сервере не установлены шрифты для текста на китайском и русском языках. "
    "Сообщите администратору (в журнале сервера указано, что установить)."
)


@pytest.fixture
def no_fonts(monkeypatch, tmp_path):
    """The font lookup sees an empty directory: no font package is installed."""
    empty = tmp_path / "no-fonts"
    empty.mkdir()
    monkeypatch.setattr(fonts, "FONT_DIRECTORIES", [empty])


def _event_with_contacts(*names: str):
    event = Christmas2020EventFactory(slug="hm-2020")
    for arrival, name in enumerate(names, start=1):
        RegistrationFactory(event=event, arrival=arrival, full_name=name, consent_to_contact=True)
    return event


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


def test_report_pdf_embeds_its_font_and_shows_chinese_and_russian_names(db):
    event = _event_with_contacts(CHINESE_NAME, RUSSIAN_NAME)

    pdf = report_pdf(event_report(event=event, language="zh-hans"))

    text, used_fonts = _text_and_fonts(pdf)
    assert used_fonts == {("WenQuanYiZenHei-0", True)}
    assert CHINESE_NAME in text
    assert RUSSIAN_NAME in text


def test_report_pdf_with_a_name_its_font_cannot_show_is_refused(db):
    event = _event_with_contacts(CHINESE_NAME, "Ахмед عمر")

    with pytest.raises(fonts.MissingFontError) as raised:
        report_pdf(event_report(event=event, language="ru"))

    assert raised.value.characters == "رعم"


def test_report_pdf_request_without_fonts_shows_the_reason_not_a_pdf(client_for, no_fonts, caplog):
    event = _event_with_contacts(CHINESE_NAME, RUSSIAN_NAME)

    response = client_for("officer").get(f"/ru/events/office/{event.slug}/report.pdf?language=zh-hans")

    assert response.status_code == 503
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert NO_FONTS_RU in response.content.decode()
    (logged,) = [
        record.getMessage() for record in caplog.records if record.name == "investbridge.events.views"
    ]
    assert logged.startswith("The report of hm-2020 (zh-hans) was not produced: No TrueType font covering")
    assert "apt-get install fonts-wqy-zenhei" in logged


def test_report_pdf_request_with_a_name_the_font_cannot_show_names_the_characters(client_for, db):
    event = _event_with_contacts("Ахмед عمر")

    response = client_for("officer").get(f"/en/events/office/{event.slug}/report.pdf?language=ru")

    assert response.status_code == 503
    assert (
        "This document cannot be produced: the fonts on the server have no glyphs for these characters: "
        "ر (U+0631), ع (U+0639), م (U+0645)."
    ) in response.content.decode()


def test_report_xlsx_request_without_fonts_is_still_served(client_for, no_fonts):
    event = _event_with_contacts(CHINESE_NAME)

    response = client_for("officer").get(f"/ru/events/office/{event.slug}/report.xlsx?language=zh-hans")

    assert response.status_code == 200
    assert response.content.startswith(b"PK")


def test_events_report_command_without_fonts_fails_with_the_install_hint(db, no_fonts, tmp_path):
    _event_with_contacts(CHINESE_NAME)
    output = tmp_path / "report.pdf"

    with pytest.raises(CommandError, match=r"apt-get install fonts-wqy-zenhei"):
        call_command(
            "events_report", "hm-2020", "--format", "pdf", "--language", "ru", "--output", str(output)
        )

    assert not output.exists()


def test_report_pdf_draws_russian_quotes_its_cjk_font_lacks_from_the_fallback(db):
    event = Christmas2020EventFactory(slug="hm-2020")
    RegistrationFactory(
        event=event,
        arrival=1,
        full_name=RUSSIAN_NAME,
        organization_name="ООО «Языковой центр „Мост“»",
        consent_to_contact=True,
    )

    pdf = report_pdf(event_report(event=event, language="ru"))

    text, used_fonts = _text_and_fonts(pdf)
    assert used_fonts == {("WenQuanYiZenHei-0", True), ("DejaVuSans", True)}
    assert "ООО «Языковой центр „Мост“»" in " ".join(text.split())  # the cell wraps it
