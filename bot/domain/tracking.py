"""Complaint tracking codes: ten digits, the last a Verhoeff check digit.

A code is nine random digits (the first never 0, so that no spreadsheet or number parser drops
it) and a Verhoeff check digit, which catches every single mistyped digit and every swap of two
neighbouring digits — the two commonest errors when a code is read out or copied.

    >>> import random
    >>> code = new_tracking_code(random.Random(7))
    >>> len(code), is_valid(code)
    (10, True)
    >>> normalize_tracking_code("۱۲۳-۴۵۶ ۷۸۹۰")
    '1234567890'
    >>> normalize_tracking_code("1234567809")
    Traceback (most recent call last):
    ...
    bot.text.persian.InputError: That tracking code is not valid: please check the digits.

The check digit is python-stdnum's Verhoeff (`stdnum.verhoeff`); what users type is normalised
here first (digits of any script, spaces, dashes). Pure: the randomness comes in as an argument
(by default the system's secure source, because a code must not be guessable from the ones
before it).
"""

from __future__ import annotations

import random
import re
from typing import Final

from stdnum import verhoeff

from bot.text.markers import N_
from bot.text.persian import InputError, to_ascii_digits

__all__ = [
    "TRACKING_CODE_LENGTH",
    "check_digit",
    "is_valid",
    "new_tracking_code",
    "normalize_tracking_code",
]

TRACKING_CODE_LENGTH: Final = 10

# Spaces and every dash-like character people put between digit groups.
_SEPARATORS: Final = re.compile(r"[\s\-\u2010-\u2015\u2212\u200c\u200e\u200f\u061c]")
_DIGITS: Final = re.compile(r"[0-9]+")
_EXAMPLE: Final = "4827305160"


def check_digit(digits: str) -> str:
    """The Verhoeff check digit to append to the ASCII *digits*."""
    # stdnum reads any Unicode digit with int(): only ASCII digits are a code's body.
    if _DIGITS.fullmatch(digits) is None:
        raise ValueError(f"not ASCII digits: {digits!r}")
    return verhoeff.calc_check_digit(digits)


def is_valid(code: str) -> bool:
    """Whether the ASCII digits *code* end in their Verhoeff check digit."""
    return _DIGITS.fullmatch(code) is not None and verhoeff.is_valid(code)


def new_tracking_code(rng: random.Random | None = None) -> str:
    """A new code: nine random digits (the first not 0) and the check digit, ASCII."""
    source = rng if rng is not None else random.SystemRandom()
    body = str(source.randint(1, 9)) + "".join(str(source.randint(0, 9)) for _ in range(8))
    return body + check_digit(body)


def normalize_tracking_code(text: str) -> str:
    """The 10 ASCII digits of a typed code (any digits, spaces or dashes) or `InputError`."""
    compact = _SEPARATORS.sub("", to_ascii_digits(text))
    if len(compact) != TRACKING_CODE_LENGTH or _DIGITS.fullmatch(compact) is None:
        raise InputError(N_("A tracking code has 10 digits, like {example}."), example=_EXAMPLE)
    if not is_valid(compact):
        raise InputError(N_("That tracking code is not valid: please check the digits."))
    return compact
