"""Persian text handling for Daftar: letters, digits, numbers, national IDs and mobiles.

Everything a user types passes through here before it is compared, stored or
validated, and everything the bot shows with numbers is formatted here, so the
rules for Persian text live in one place. Jalali dates (typed, shown and stored)
are in `bot.text.jalali`.

Errors for typed answers are :class:`InputError` subclasses whose ``message`` is
an English msgid marked with ``N_`` and whose ``params`` fill its ``{placeholders}``;
the caller translates the msgid and then formats it (and localises the digits).
Numeric params are passed as ``int`` so the caller can choose the digit shapes.
"""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import Decimal

from bot.text.markers import N_

__all__ = [
    "InputError",
    "MobileError",
    "NationalIdError",
    "format_number",
    "is_persian_locale",
    "is_valid_national_id",
    "localize_digits",
    "match_key",
    "normalize",
    "normalize_letters",
    "normalize_mobile",
    "normalize_national_id",
    "parse_int",
    "strip_bidi",
    "to_ascii_digits",
    "to_persian_digits",
]


# ---------------------------------------------------------------------------
# Errors
# ---------------------------------------------------------------------------


class InputError(ValueError):
    """A typed answer that cannot be accepted; `message` is an English msgid (N_), `params` fill its {placeholders}."""  # noqa: E501

    def __init__(self, message: str, **params: object) -> None:
        """Keep the untranslated msgid and its parameters for the caller to localise."""
        super().__init__(message)
        self.message = message
        self.params: dict[str, object] = params

    def __str__(self) -> str:
        """Return the English message with its parameters filled in (for logs)."""
        try:
            return self.message.format(**self.params)
        except (KeyError, IndexError, ValueError):
            # A log line must never raise; fall back to the bare msgid.
            return self.message


class NationalIdError(InputError):
    """A typed Iranian national ID (کد ملی) that is not valid."""


class MobileError(InputError):
    """A typed number that is not an Iranian mobile number."""


# ---------------------------------------------------------------------------
# Letters and digits
# ---------------------------------------------------------------------------

ZWNJ = "\u200c"
TATWEEL = "\u0640"

# Arabic keyboards (and text pasted from Arabic sites) produce these look-alikes;
# Persian text must use ی and ک or searches and comparisons silently miss.
# ئ, ۀ and ة are real, distinct letters in Persian text, so they are kept.
_LETTERS = str.maketrans({"\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9"})

_PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
_ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
_ASCII_DIGITS = "0123456789"

_TO_ASCII = str.maketrans(_PERSIAN_DIGITS + _ARABIC_INDIC_DIGITS, _ASCII_DIGITS * 2)
_TO_PERSIAN = str.maketrans(_ASCII_DIGITS + _ARABIC_INDIC_DIGITS, _PERSIAN_DIGITS * 2)

# Invisible direction marks creep in when numbers are copied out of RTL apps;
# they carry no meaning in a typed answer and would break digit-only parsing.
_BIDI_MARKS = dict.fromkeys(
    [0x200E, 0x200F, 0x061C, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
)

# Harakat, tanvin, shadda, sukun, hamza/madda marks and superscript alef: optional
# in Persian writing, so a search key must not depend on them.
_DIACRITICS = [*range(0x064B, 0x0660), 0x0670]
_MATCH_DROP = dict.fromkeys([ord(ZWNJ), ord(TATWEEL), ord(" "), *_DIACRITICS])

_ZWNJ_RUN = re.compile(ZWNJ + "{2,}")


def is_persian_locale(locale: str) -> bool:
    """Tell whether *locale* ("fa", "fa_IR", "fa-IR") asks for Persian formatting."""
    return locale.replace("-", "_").split("_", 1)[0].lower() == "fa"


def strip_bidi(text: str) -> str:
    """Remove invisible bidi control characters."""
    return text.translate(_BIDI_MARKS)


def normalize_letters(text: str) -> str:
    """Replace Arabic ي ى ك with Persian ی ک; everything else is unchanged."""
    return text.translate(_LETTERS)


def to_ascii_digits(text: str) -> str:
    """Turn Persian and Arabic-Indic digits into ASCII 0-9; everything else is unchanged."""
    return text.translate(_TO_ASCII)


def to_persian_digits(text: str) -> str:
    """Turn ASCII and Arabic-Indic digits into Persian ۰-۹; everything else is unchanged."""
    return text.translate(_TO_PERSIAN)


def localize_digits(text: str, locale: str) -> str:
    """Use Persian digits for a Persian locale and ASCII digits for any other."""
    return to_persian_digits(text) if is_persian_locale(locale) else to_ascii_digits(text)


def normalize(text: str) -> str:
    """Canonical form of typed text: Persian letters, ASCII digits, single spaces, tidy ZWNJ."""
    text = to_ascii_digits(normalize_letters(text))
    words: list[str] = []
    # split() both trims and collapses every kind of Unicode whitespace; ZWNJ is
    # not whitespace, so it survives inside words and is only tidied here.
    for word in text.split():
        # A ZWNJ beside a space or at an end joins nothing, and doubled ones are typos.
        word = _ZWNJ_RUN.sub(ZWNJ, word).strip(ZWNJ)
        if word:
            words.append(word)
    return " ".join(words)


def match_key(text: str) -> str:
    """Search key that ignores spacing, ZWNJ, tatweel, diacritics, Arabic letter forms and case."""
    # NFKC folds Arabic presentation forms and ligatures (from PDFs and old
    # keyboards) into ordinary letters before anything else looks at them.
    text = normalize(unicodedata.normalize("NFKC", text))
    # NFD splits آ أ إ ؤ ئ ۀ into base letter + mark, so dropping the marks below
    # treats the composed and decomposed spellings alike and matches a user who
    # types ا for آ (the common case on Persian keyboards).
    text = unicodedata.normalize("NFD", text).translate(_MATCH_DROP)
    # ئ decomposes to Arabic ي and ۀ to ە; bring both back to Persian letters.
    text = normalize_letters(text).replace("\u06d5", "\u0647")
    return unicodedata.normalize("NFC", text.casefold())


# ---------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------

_FA_GROUP = "\u066c"  # ٬ Arabic thousands separator
_FA_DECIMAL = "\u066b"  # ٫ Arabic decimal separator

# People type thousands separators as ",", "٬", "،" (the Persian comma key) or a
# space; groups must still be three digits, so "1,5" (a decimal comma?) is refused.
_INT_PATTERN = re.compile(r"([-\u2212]?) ?([0-9]+|[0-9]{1,3}(?:[,\u066c\u060c ][0-9]{3})+)")
_INT_EXAMPLE = 1250


def _group_digits(digits: str, separator: str) -> str:
    """Insert *separator* between groups of three digits, counted from the right."""
    head = len(digits) % 3 or 3
    groups = [digits[:head], *(digits[i : i + 3] for i in range(head, len(digits), 3))]
    return separator.join(groups)


def format_number(value: int | float | Decimal, locale: str, *, grouping: bool = True) -> str:
    """Format a number for *locale*: fa "۱٬۲۳۴٫۵", otherwise "1,234.5"."""
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"cannot format {value!r}")
        # repr() is the shortest text that round-trips, so 0.1 stays "0.1".
        number = Decimal(repr(value))
    elif isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"cannot format {value!r}")
        number = value
    else:
        number = Decimal(int(value))
    # "f" never uses exponent notation, whatever the Decimal's exponent.
    text = format(number, "f")
    negative = text.startswith("-")
    whole, _, fraction = text.lstrip("-").partition(".")
    fraction = fraction.rstrip("0")
    if negative and not whole.strip("0") and not fraction:
        negative = False  # never show "-0"
    persian = is_persian_locale(locale)
    if grouping:
        whole = _group_digits(whole, _FA_GROUP if persian else ",")
    result = whole
    if fraction:
        result += (_FA_DECIMAL if persian else ".") + fraction
    if negative:
        result = "-" + result
    return to_persian_digits(result) if persian else result


def parse_int(text: str) -> int:
    """Read a whole number typed with any digits and optional thousands separators."""
    cleaned = normalize(strip_bidi(text))
    found = _INT_PATTERN.fullmatch(cleaned)
    if found is None:
        raise InputError(
            N_("Please send a whole number, for example {example}."), example=_INT_EXAMPLE
        )
    sign, digits = found.groups()
    number = int(re.sub(r"[^0-9]", "", digits))
    return -number if sign else number


# ---------------------------------------------------------------------------
# National ID (کد ملی)
# ---------------------------------------------------------------------------

# Spaces and every dash-like character people paste between digit groups.
_ID_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212]")
_ONLY_DIGITS = re.compile(r"[0-9]*")


def normalize_national_id(text: str) -> str:
    """Return the 10 ASCII digits of a valid national ID or raise NationalIdError."""
    digits = _ID_SEPARATORS.sub("", to_ascii_digits(strip_bidi(text)))
    if _ONLY_DIGITS.fullmatch(digits) is None:
        raise NationalIdError(N_("Please send the national ID using digits only."))
    if len(digits) != 10:
        # Short IDs are not left-padded: a missing digit may be anywhere, so ask.
        raise NationalIdError(
            N_("A national ID has 10 digits; you sent {count}."), count=len(digits)
        )
    if len(set(digits)) == 1:
        # 1111111111 and the like pass the checksum but are never issued.
        raise NationalIdError(N_("That national ID is not valid."))
    total = sum(int(digit) * (10 - index) for index, digit in enumerate(digits[:9]))
    remainder = total % 11
    check = remainder if remainder < 2 else 11 - remainder
    if int(digits[9]) != check:
        raise NationalIdError(N_("That national ID is not valid: please check the digits."))
    return digits


def is_valid_national_id(text: str) -> bool:
    """Tell whether *text* is a valid Iranian national ID."""
    try:
        normalize_national_id(text)
    except NationalIdError:
        return False
    return True


# ---------------------------------------------------------------------------
# Mobile numbers
# ---------------------------------------------------------------------------

_MOBILE_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212().]")
# Country code as +98, 0098 or 98, or the trunk 0; "+98 0912..." is a common
# mix of both, so a 0 after the country code is tolerated too.
_MOBILE = re.compile(r"(?:(?:\+|00)?980?|0)?(9[0-9]{9})")


def normalize_mobile(text: str) -> str:
    """Return an Iranian mobile number as "09XXXXXXXXX" or raise MobileError."""
    compact = _MOBILE_SEPARATORS.sub("", to_ascii_digits(strip_bidi(text)))
    found = _MOBILE.fullmatch(compact)
    if found is None:
        raise MobileError(N_("Please send an Iranian mobile number like 09121234567."))
    return "0" + found.group(1)
