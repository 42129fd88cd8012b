"""Labels in the reader's language for the registry's codes, and registry file errors rendered as sentences."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from investbridge.directory import isic
from investbridge.statistics.engine import industries
from investbridge.statistics.engine.schema import INDUSTRY_SECTIONS, ErrorCode, RowError

DISTRICTS: dict[str, Promise] = {
    "460105": _("Xiuying District, Haikou"),
    "460106": _("Longhua District, Haikou"),
    "460107": _("Qiongshan District, Haikou"),
    "460108": _("Meilan District, Haikou"),
    "460202": _("Haitang District, Sanya"),
    "460203": _("Jiyang District, Sanya"),
    "460204": _("Tianya District, Sanya"),
    "460205": _("Yazhou District, Sanya"),
    "460400": _("Danzhou"),
    "469002": _("Qionghai"),
    "469005": _("Wenchang"),
    "469006": _("Wanning"),
    "469023": _("Chengmai County"),
}

#: Sections of GB/T 4754-2017, the national industry classification.
INDUSTRIES: dict[str, Promise] = {
    "A": _("Agriculture, forestry, animal husbandry and fishery"),
    "B": _("Mining"),
    "C": _("Manufacturing"),
    "D": _("Electricity, heat, gas and water production and supply"),
    "E": _("Construction"),
    "F": _("Wholesale and retail trade"),
    "G": _("Transport, storage and postal services"),
    "H": _("Accommodation and catering"),
    "I": _("Information transmission, software and information technology services"),
    "J": _("Finance"),
    "K": _("Real estate"),
    "L": _("Leasing and business services"),
    "M": _("Scientific research and technical services"),
    "N": _("Water conservancy, environment and public facilities management"),
    "O": _("Resident services, repair and other services"),
    "P": _("Education"),
    "Q": _("Health and social work"),
    "R": _("Culture, sports and entertainment"),
    "S": _("Public administration, social security and social organizations"),
    "T": _("International organizations"),
}


def district_label(code: str) -> str:
    label = DISTRICTS.get(code)
    return f"{label} ({code})" if label is not None else code


#: Why a GB/T section spreads over several ISIC Rev.4 sections (engine/industries.py has the mapping itself).
INDUSTRY_SPLITS: dict[str, Promise] = {
    "C": _("Recycling of waste resources is materials recovery, in ISIC E."),
    "D": _("Water supply and sewage treatment are in ISIC E."),
    "K": _("Development of building projects for sale is construction, in ISIC F."),
    "L": _(
        "Head offices, legal and accounting services, consultancy, advertising and market research are in ISIC M; "
        "leasing, employment, security, fairs and travel agencies in ISIC N."
    ),
    "N": _(
        "Sanitation and remediation are in ISIC E, landscape care in ISIC N, parks, scenic areas and nature "
        "reserves in ISIC R."
    ),
    "O": _(
        "Repair of motor vehicles is in ISIC G, cleaning in ISIC N, child day-care in ISIC Q, domestic services "
        "in ISIC T; the rest in ISIC S."
    ),
    "R": _("News, publishing, radio, television and film are in ISIC J."),
    "S": _("Membership organizations are in ISIC S; the rest in ISIC O."),
}


def industry_label(code: str) -> str:
    label = INDUSTRIES.get(code)
    return f"{code} · {label}" if label is not None else code


def industry_chart_label(code: str) -> str:
    """A GB/T section with its ISIC Rev.4 sections, for the charts: "C · Manufacturing (ISIC C, E)"."""
    sections = industries.isic_text(code)
    if not sections:
        return industry_label(code)
    return gettext("%(label)s (ISIC %(sections)s)") % {"label": industry_label(code), "sections": sections}


@dataclass(frozen=True)
class IndustryCorrespondence:
    """One row of the GB/T 4754-2017 ↔ ISIC Rev.4 table on the statistics pages."""

    code: str
    name: str
    isic: list[tuple[str, str]]  # (section, name), the principal one first
    note: str  # why the section spreads over several ISIC sections; empty when it does not


def industry_correspondence() -> list[IndustryCorrespondence]:
    """Every GB/T 4754-2017 section with its ISIC Rev.4 sections, in the active language."""
    return [
        IndustryCorrespondence(
            code=code,
            name=str(INDUSTRIES[code]),
            isic=[(section, isic.label(section)) for section in industries.isic_sections(code)],
            note=str(INDUSTRY_SPLITS.get(code, "")),
        )
        for code in INDUSTRY_SECTIONS
    ]


_ERRORS: dict[str, Promise] = {
    ErrorCode.UNREADABLE: _("The file cannot be read: %(detail)s"),
    ErrorCode.ARCHIVE_TOO_LARGE: _(
        "The file would unpack to more than %(limit)s MB; it may be a damaged or malicious archive. "
        "Save it again, or split it into smaller files."
    ),
    ErrorCode.ENCODING: _("The file is not in UTF-8 encoding. Save it as “CSV UTF-8” and upload it again."),
    ErrorCode.EMPTY: _("The file has no data rows."),
    ErrorCode.MISSING_COLUMN: _("This column is missing from the header."),
    ErrorCode.UNKNOWN_COLUMN: _("Unknown column. The columns are: %(expected)s."),
    ErrorCode.DUPLICATE_COLUMN: _("This column appears twice in the header."),
    ErrorCode.REQUIRED: _("A value is required."),
    ErrorCode.TOO_LONG: _("The value is longer than %(max)s characters."),
    ErrorCode.USCC_LENGTH: _("“%(value)s” is not 18 characters long, as a unified social credit code is."),
    ErrorCode.USCC_FORMAT: _("“%(value)s” contains characters a unified social credit code cannot have."),
    ErrorCode.USCC_CHECKSUM: _("“%(value)s” has a wrong check digit (the last character)."),
    ErrorCode.USCC_DUPLICATE: _("The code %(value)s is already on line %(first_line)s."),
    ErrorCode.DATE_FORMAT: _("“%(value)s” is not a date written as YYYY-MM-DD."),
    ErrorCode.DISTRICT_FORMAT: _("“%(value)s” is not the 6-digit code of a county-level division."),
    ErrorCode.INDUSTRY_UNKNOWN: _("“%(value)s” is not a section letter from A to T of GB/T 4754-2017."),
    ErrorCode.BOOLEAN: _("“%(value)s” is neither true nor false."),
    ErrorCode.COUNTRY_UNKNOWN: _("Unknown ISO 3166-1 country code: %(value)s."),
    ErrorCode.COUNTRIES_FOR_DOMESTIC: _("An entity without foreign capital cannot have investor countries."),
    ErrorCode.COUNTRIES_MISSING: _("An entity with foreign capital needs at least one investor country."),
    ErrorCode.DECIMAL: _("“%(value)s” is not a number."),
    ErrorCode.DECIMAL_NEGATIVE: _("The amount cannot be negative."),
    ErrorCode.DECIMAL_PLACES: _("At most %(max)s decimal places are allowed."),
    ErrorCode.DECIMAL_TOO_LARGE: _("The amount has more than %(max)s digits before the decimal point."),
    ErrorCode.CURRENCY_UNKNOWN: _("“%(value)s” is not an ISO 4217 currency code."),
}


def error_message(error: RowError) -> str:
    """The reason of a file error as a sentence in the active language."""
    template = _ERRORS.get(error.code)
    if template is None:
        return error.code
    return str(template) % dict(error.params)


def error_line(error: RowError) -> str:
    """A whole error as one sentence: the line, the column and the reason (for the command line)."""
    if error.line and error.column:
        return gettext("Line %(line)s, column %(column)s: %(reason)s") % {
            "line": error.line,
            "column": error.column,
            "reason": error_message(error),
        }
    if error.line:
        return gettext("Line %(line)s: %(reason)s") % {"line": error.line, "reason": error_message(error)}
    return error_message(error)


#: The registry file's columns and what each holds (the upload page's format table).
COLUMN_HELP: list[tuple[str, Promise]] = [
    ("uscc", _("Unified social credit code, 18 characters, with a valid check digit")),
    ("name", _("Registered name")),
    ("registered_on", _("Registration date, YYYY-MM-DD")),
    ("district", _("6-digit administrative division code, for example 460105")),
    ("industry", _("Section letter A–T of GB/T 4754-2017")),
    ("foreign_capital", _("true or false")),
    ("investor_countries", _("ISO 3166-1 alpha-2 codes separated by “;” (empty for domestic capital)")),
    ("registered_capital", _("Amount, with a decimal point and at most two decimals")),
    ("currency", _("ISO 4217 currency code, for example CNY")),
]
