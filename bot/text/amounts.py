"""Sums of money as people type them: digits or Persian words, thousands and millions, and the
unit (tomans or rials) when they say it.

    >>> parse_amount("۱۲۳ هزار تومان")
    TypedAmount(value=123000, currency='toman')
    >>> parse_amount("صد و بیست هزار تومان")
    TypedAmount(value=120000, currency='toman')
    >>> parse_amount("۱۲۰۰۰۰ ریال")
    TypedAmount(value=120000, currency='rial')
    >>> parse_amount("۱٫۵ میلیون")
    TypedAmount(value=1500000, currency=None)

Digits may be Persian, Arabic-Indic or ASCII, grouped by «٬», «،», "," or a space (groups of
three); a fraction («۱٫۵», "1.5", «۱/۵») only before هزار, میلیون or میلیارد, and only where the
result is a whole number. Number words follow Persian order ("دو میلیون و پانصد هزار"); a
larger word after a smaller scale ("هزار میلیون") or two numbers side by side ("بیست سی") are
refused rather than guessed. Whether a sum is a sensible payment (more than zero, say) is for
the caller.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Final, Literal

from bot.text.markers import N_
from bot.text.persian import ZWNJ, InputError, normalize, strip_bidi

__all__ = ["RIALS_PER_TOMAN", "AmountError", "Currency", "TypedAmount", "parse_amount"]

Currency = Literal["rial", "toman"]

#: The toman is a name for ten rials (the rial is the legal unit; prices are often in tomans).
RIALS_PER_TOMAN: Final = 10

_UNITS: Final[dict[str, Currency]] = {
    "تومان": "toman",
    "تومن": "toman",
    "toman": "toman",
    "tomans": "toman",
    "ریال": "rial",
    "rial": "rial",
    "rials": "rial",
}

_WORDS: Final[dict[str, int]] = {
    "صفر": 0,
    "یک": 1,
    "یه": 1,
    "دو": 2,
    "سه": 3,
    "چهار": 4,
    "چار": 4,
    "پنج": 5,
    "شش": 6,
    "شیش": 6,
    "هفت": 7,
    "هشت": 8,
    "نه": 9,
    "ده": 10,
    "یازده": 11,
    "دوازده": 12,
    "سیزده": 13,
    "چهارده": 14,
    "پانزده": 15,
    "پونزده": 15,
    "شانزده": 16,
    "شونزده": 16,
    "هفده": 17,
    "هیفده": 17,
    "هجده": 18,
    "هیجده": 18,
    "نوزده": 19,
    "بیست": 20,
    "سی": 30,
    "چهل": 40,
    "پنجاه": 50,
    "شصت": 60,
    "هفتاد": 70,
    "هشتاد": 80,
    "نود": 90,
    "صد": 100,
    "یکصد": 100,
    "دویست": 200,
    "سیصد": 300,
    "چهارصد": 400,
    "پانصد": 500,
    "پونصد": 500,
    "ششصد": 600,
    "هفتصد": 700,
    "هشتصد": 800,
    "نهصد": 900,
}

_SCALES: Final[dict[str, int]] = {
    "هزار": 1_000,
    "thousand": 1_000,
    "میلیون": 1_000_000,
    "ملیون": 1_000_000,
    "million": 1_000_000,
    "میلیارد": 1_000_000_000,
    "ملیارد": 1_000_000_000,
    "billion": 1_000_000_000,
}

_AND: Final = {"و", "and"}

# Every word a sum may be made of, longest first: "صدوبیست" typed without spaces splits too.
_VOCABULARY: Final = sorted({*_UNITS, *_WORDS, *_SCALES, *_AND}, key=len, reverse=True)

_GROUPED = re.compile(r"[0-9]{1,3}(?:[,\u066c\u060c][0-9]{3})+")
_PLAIN = re.compile(r"[0-9]+")
_DOTTED = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})+")  # "120.000": thousands, unless a scale follows
_FRACTION = re.compile(r"([0-9]+)[.\u066b/]([0-9]+)")
_SPACE_GROUP = re.compile(r"[0-9]{3}")
# A digit beside a letter ("۱۲۳هزار", "۵۰۰تومان"): split them.
_DIGIT_LETTER = re.compile(r"(?<=[0-9])(?=[^\W\d_])|(?<=[^\W\d_])(?=[0-9])")
_TRAILING = ".!؟?،,؛;:"

_UNREADABLE = N_(
    "I could not read that amount. Please send it in digits with its unit, for example "
    "123,000 tomans or 120,000 rials."
)


class AmountError(InputError):
    """A typed sum of money that cannot be read."""


@dataclass(frozen=True)
class TypedAmount:
    """A sum as typed: its value in the unit said, and that unit (None: not said)."""

    value: int
    currency: Currency | None


def parse_amount(text: str) -> TypedAmount:
    """Read a typed sum of money; AmountError when it cannot be read without guessing."""
    words = _tokens(text)
    currency: Currency | None = None
    if words and words[-1] in _UNITS:
        currency = _UNITS[words.pop()]
    if not words:
        if currency is not None:
            raise AmountError(N_("Please send the amount as well as its unit."))
        raise AmountError(_UNREADABLE)
    return TypedAmount(_value(words), currency)


def _tokens(text: str) -> list[str]:
    cleaned = normalize(strip_bidi(text)).casefold().rstrip(_TRAILING)
    if cleaned.startswith(("-", "\u2212")):
        raise AmountError(N_("An amount paid cannot be negative."))
    cleaned = _DIGIT_LETTER.sub(" ", cleaned.replace(ZWNJ, ""))
    tokens: list[str] = []
    for token in cleaned.split():
        if token[0].isdigit():
            # A space between groups of three digits groups thousands ("۱۲۳ ۰۰۰").
            previous = tokens[-1] if tokens else ""
            leading = _PLAIN.fullmatch(previous) is not None and len(previous) <= 3
            if _SPACE_GROUP.fullmatch(token) and (leading or _GROUPED.fullmatch(previous)):
                tokens[-1] = f"{previous},{token}"
                continue
            tokens.append(token)
        else:
            tokens += _split_words(token)
    return tokens


def _split_words(token: str) -> list[str]:
    """A run of letters as the words of a sum ("صدوبیست" → صد، و، بیست); itself if unknown."""
    found: list[str] = []
    rest = token
    while rest:
        word = next((w for w in _VOCABULARY if rest.startswith(w)), None)
        if word is None:
            return [token]  # not a sum's word: _value refuses it by name
        found.append(word)
        rest = rest[len(word) :]
    return found


def _number(token: str, before_scale: bool) -> Decimal | None:
    """The value of a token of digits, or None when it is not one."""
    if _PLAIN.fullmatch(token) or _GROUPED.fullmatch(token):
        return Decimal(re.sub(r"[^0-9]", "", token))
    if _DOTTED.fullmatch(token) and not before_scale:
        return Decimal(token.replace(".", ""))
    fraction = _FRACTION.fullmatch(token)
    if fraction is not None:
        if not before_scale:
            raise AmountError(
                N_("Please send a whole amount (a fraction only before thousand or million).")
            )
        try:
            return Decimal(f"{fraction.group(1)}.{fraction.group(2)}")
        except InvalidOperation:
            return None
    return None


def _room_after(value: Decimal) -> Decimal:
    """How large a number may follow *value* in the same group: 20 takes 5, 100 takes 20."""
    if value != value.to_integral_value() or value == 0:
        return Decimal(0)
    room, whole = Decimal(1), int(value)
    while whole % 10 == 0:
        room, whole = room * 10, whole // 10
    return room


def _value(words: list[str]) -> int:
    total = Decimal(0)
    group: Decimal | None = None  # the number being built before its scale word
    room = Decimal("Infinity")
    last_scale = Decimal("Infinity")
    expecting = True  # a number or a scale must come next (at the start, after "و")
    for index, word in enumerate(words):
        following = words[index + 1] if index + 1 < len(words) else None
        if word in _AND:
            if expecting or following is None:
                raise AmountError(_UNREADABLE)
            expecting = True
            continue
        if word in _SCALES:
            scale = Decimal(_SCALES[word])
            part = (Decimal(1) if group is None else group) * scale
            if scale >= last_scale or part >= last_scale:
                raise AmountError(_UNREADABLE)  # "هزار میلیون", "دو میلیون و ۱۲۰۰ هزار"
            total += part
            group, room, last_scale, expecting = None, Decimal("Infinity"), scale, False
            continue
        if word == "صد" and group is not None and 0 < group < 10 and room == 1:
            group, room = group * 100, Decimal(100)  # "دو صد", "یک صد"
            expecting = False
            continue
        digits = word[0].isdigit()
        value = (
            _number(word, following in _SCALES)
            if digits
            else (Decimal(_WORDS[word]) if word in _WORDS else None)
        )
        if value is None and not digits:
            raise AmountError(
                N_('I could not read "{word}" as part of an amount. Please send it in digits.'),
                word=word,
            )
        if value is None or value >= room:
            raise AmountError(_UNREADABLE)  # "بیست سی", "۱۲۰ ۵۰"
        group = value if group is None else group + value
        # Words add up ("صد و بیست"); digits are the whole number before their scale.
        room = Decimal(0) if digits else _room_after(value)
        expecting = False
    if expecting:
        raise AmountError(_UNREADABLE)
    if group is not None:
        if group >= last_scale:
            raise AmountError(_UNREADABLE)
        total += group
    if total != total.to_integral_value():
        raise AmountError(
            N_("Please send a whole amount (a fraction only before thousand or million).")
        )
    return int(total)
