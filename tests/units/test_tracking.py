"""Tracking codes: ten digits with a Verhoeff check digit that catches typing mistakes."""

from __future__ import annotations

import random

import pytest

from bot.domain.tracking import check_digit, is_valid, new_tracking_code, normalize_tracking_code
from bot.text.persian import InputError, to_persian_digits

CODES = [new_tracking_code(random.Random(seed)) for seed in range(300)]


def test_known_verhoeff_check_digits() -> None:
    # The textbook examples: 236 → 3, 12345 → 1, 142857 → 0.
    assert check_digit("236") == "3"
    assert check_digit("12345") == "1"
    assert check_digit("142857") == "0"
    assert is_valid("2363") and not is_valid("2364")
    with pytest.raises(ValueError):
        check_digit("12a")


def test_new_codes_are_ten_ascii_digits_not_starting_with_zero() -> None:
    for code in CODES:
        assert len(code) == 10
        assert code.isascii() and code.isdigit()
        assert code[0] != "0"
        assert is_valid(code)
        assert normalize_tracking_code(code) == code
    assert len(set(CODES)) == len(CODES)


def test_the_generator_is_reproducible_with_a_seed_and_secure_without() -> None:
    assert new_tracking_code(random.Random(1)) == new_tracking_code(random.Random(1))
    assert is_valid(new_tracking_code())


def test_every_single_digit_substitution_is_detected() -> None:
    for code in CODES:
        for position in range(10):
            for digit in "0123456789":
                if digit == code[position]:
                    continue
                wrong = code[:position] + digit + code[position + 1 :]
                assert not is_valid(wrong), (code, wrong)
                with pytest.raises(InputError, match="not valid"):
                    normalize_tracking_code(wrong)


def test_every_adjacent_transposition_is_detected() -> None:
    checked = 0
    for code in CODES:
        for position in range(9):
            a, b = code[position], code[position + 1]
            if a == b:
                continue
            swapped = code[:position] + b + a + code[position + 2 :]
            assert not is_valid(swapped), (code, swapped)
            checked += 1
    assert checked > 2000


def test_persian_and_arabic_indic_digits_spaces_and_dashes_are_accepted() -> None:
    code = CODES[0]
    persian = to_persian_digits(code)
    arabic = code.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    assert normalize_tracking_code(persian) == code
    assert normalize_tracking_code(arabic) == code
    assert normalize_tracking_code(f" {persian[:3]}-{persian[3:6]} {persian[6:]} ") == code
    assert normalize_tracking_code(f"{code[:5]}\u2013{code[5:]}") == code
    assert normalize_tracking_code("۱۲۳-۴۵۶ ۷۸۹۰") == "1234567890"


@pytest.mark.parametrize("text", ["", "123", "12345678901", "12345abcde", "۱۲۳۴۵۶۷۸۹"])
def test_a_code_of_the_wrong_shape_says_it_has_ten_digits(text: str) -> None:
    with pytest.raises(InputError) as raised:
        normalize_tracking_code(text)
    error = raised.value
    assert error.message == "A tracking code has 10 digits, like {example}."
    example = error.params["example"]
    assert isinstance(example, str) and is_valid(example)


def test_a_mistyped_code_says_to_check_the_digits() -> None:
    with pytest.raises(InputError) as raised:
        normalize_tracking_code("1234567809")
    assert raised.value.message == "That tracking code is not valid: please check the digits."
    assert raised.value.params == {}
