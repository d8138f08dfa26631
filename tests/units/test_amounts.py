"""Sums of money as people type them (bot/text/amounts.py): digits, words, scales and units."""

from __future__ import annotations

import pytest

from bot.text.amounts import AmountError, TypedAmount, parse_amount
from bot.text.i18n import translator


@pytest.mark.parametrize(
    ("typed", "value", "currency"),
    [
        ("۱۲۳ هزار تومان", 123_000, "toman"),
        ("۱۲۳٬۰۰۰ تومان", 123_000, "toman"),
        ("۱۲۰۰۰۰ ریال", 120_000, "rial"),
        ("صد و بیست هزار تومان", 120_000, "toman"),
        ("صدوبیست هزار تومن", 120_000, "toman"),  # written together, the colloquial unit
        ("یک‌صد هزار تومان", 100_000, "toman"),  # with a half-space
        ("یک صد هزار", 100_000, None),
        ("دو میلیون و پانصد هزار ریال", 2_500_000, "rial"),
        ("یک میلیون و دویست و پنجاه هزار", 1_250_000, None),
        ("نود و نه هزار و نهصد و نود و نه", 99_999, None),
        ("۱٫۵ میلیون تومان", 1_500_000, "toman"),
        ("۱/۵ میلیون", 1_500_000, None),  # the slash Persian handwriting uses for a decimal
        ("۲ میلیون و ۵۰۰ هزار", 2_500_000, None),
        ("هزار تومان", 1_000, "toman"),
        ("۱۲۳هزارتومان", 123_000, "toman"),  # no spaces
        ("۱۲۳ ۰۰۰", 123_000, None),  # thousands grouped by a space
        ("120.000 تومان", 120_000, "toman"),  # thousands grouped by dots
        ("٥٠،٠٠٠", 50_000, None),  # Arabic-Indic digits, the Persian comma
        ("50,000 tomans", 50_000, "toman"),
        ("123 thousand rials", 123_000, "rial"),
        ("۵۰۰۰۰۰ ریال.", 500_000, "rial"),
        ("\u200f۵۰۰۰۰\u200e", 50_000, None),  # direction marks pasted from an app
        ("صفر", 0, None),  # read; whether zero will do is for the step to say
    ],
)
def test_sums_as_people_type_them(typed: str, value: int, currency: str | None) -> None:
    assert parse_amount(typed) == TypedAmount(value, currency)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("", "I could not read that amount."),
        ("سلام", 'I could not read "سلام" as part of an amount.'),
        ("۱۲۳ دلار", 'I could not read "دلار" as part of an amount.'),
        ("تومان", "Please send the amount as well as its unit."),
        ("-5000", "An amount paid cannot be negative."),
        ("۲٫۵ تومان", "Please send a whole amount"),
        ("۱٫۲۳۴۵ هزار", "Please send a whole amount"),  # 1,234.5
        ("بیست سی", "I could not read that amount."),  # two numbers side by side
        ("۱۲ ۳۴", "I could not read that amount."),
        ("هزار میلیون", "I could not read that amount."),  # a larger scale after a smaller
        ("دو هزار و سه هزار", "I could not read that amount."),
        ("دو میلیون و ۱۲۰۰ هزار", "I could not read that amount."),
        ("صد و", "I could not read that amount."),
        ("1,5", "I could not read that amount."),  # a decimal comma? not guessed
    ],
)
def test_what_cannot_be_read_without_guessing_is_refused(typed: str, reason: str) -> None:
    with pytest.raises(AmountError) as raised:
        parse_amount(typed)
    english = translator("en")(raised.value.message, **raised.value.params)
    assert english.startswith(reason)
    persian = translator("fa")(raised.value.message, **raised.value.params)
    assert persian != english and not any(c in persian for c in "0123456789")
