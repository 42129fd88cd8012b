"""The registry file format: its columns, the codes it may hold and the error codes validation returns.

Error codes are stable identifiers with parameters; the Django layer renders them in the reader's language.
"""

from dataclasses import dataclass, field

#: The columns of a registry file, in the documented order.
COLUMNS: tuple[str, ...] = (
    "uscc",
    "name",
    "registered_on",
    "district",
    "industry",
    "foreign_capital",
    "investor_countries",
    "registered_capital",
    "currency",
)

#: Sections of the national industry classification GB/T 4754-2017.
INDUSTRY_SECTIONS: tuple[str, ...] = tuple("ABCDEFGHIJKLMNOPQRST")

#: Hainan's county-level administrative divisions (GB/T 2260) that the labels know; any 6-digit code of a
#: county-level division is accepted in files, unknown ones are shown as the code itself.
HAINAN_DISTRICTS: tuple[str, ...] = (
    "460105",  # Xiuying District, Haikou
    "460106",  # Longhua District, Haikou
    "460107",  # Qiongshan District, Haikou
    "460108",  # Meilan District, Haikou
    "460202",  # Haitang District, Sanya
    "460203",  # Jiyang District, Sanya
    "460204",  # Tianya District, Sanya
    "460205",  # Yazhou District, Sanya
    "460400",  # Danzhou
    "469002",  # Qionghai
    "469005",  # Wenchang
    "469006",  # Wanning
    "469023",  # Chengmai County
)
HAIKOU_DISTRICTS: tuple[str, ...] = HAINAN_DISTRICTS[:4]

NAME_MAX_LENGTH = 300
CAPITAL_MAX_DIGITS = 18
CAPITAL_DECIMAL_PLACES = 2


class ErrorCode:
    """Why a file or a value was rejected. File-level errors have line 1 (the header) or line 0 (the file)."""

    UNREADABLE = "unreadable"
    ARCHIVE_TOO_LARGE = "archive_too_large"
    ENCODING = "encoding"
    EMPTY = "empty"
    MISSING_COLUMN = "missing_column"
    UNKNOWN_COLUMN = "unknown_column"
    DUPLICATE_COLUMN = "duplicate_column"
    REQUIRED = "required"
    TOO_LONG = "too_long"
    USCC_LENGTH = "uscc_length"
    USCC_FORMAT = "uscc_format"
    USCC_CHECKSUM = "uscc_checksum"
    USCC_DUPLICATE = "uscc_duplicate"
    DATE_FORMAT = "date_format"
    DISTRICT_FORMAT = "district_format"
    INDUSTRY_UNKNOWN = "industry_unknown"
    BOOLEAN = "boolean"
    COUNTRY_UNKNOWN = "country_unknown"
    COUNTRIES_FOR_DOMESTIC = "countries_for_domestic"
    COUNTRIES_MISSING = "countries_missing"
    DECIMAL = "decimal"
    DECIMAL_NEGATIVE = "decimal_negative"
    DECIMAL_PLACES = "decimal_places"
    DECIMAL_TOO_LARGE = "decimal_too_large"
    CURRENCY_UNKNOWN = "currency_unknown"


@dataclass(frozen=True)
class RowError:
    """One problem in a file: its line (the header is line 1; 0 for the file as a whole), column, code."""

    line: int
    column: str
    code: str
    params: dict[str, str | int] = field(default_factory=dict)
