"""Every message the code shows has a translation in fa and en, with the same placeholders.

Plural ids (marked `NP_`) have every form of the locale, as its `Plural-Forms` header counts them.
"""

from __future__ import annotations

import copy
import pickle
import string

import pytest

from bot.text.i18n import catalog, plural_catalog, plural_forms, translations, translator
from bot.text.markers import NP_
from tools.catalogs import PLURAL_FORMS, nplurals, source_ids


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("locale", ["fa", "en"])
def test_every_message_id_has_a_translation(locale: str) -> None:
    translations, plurals = catalog(locale), plural_catalog(locale)
    ids = source_ids()
    assert len(ids) > 30
    missing = [
        message
        for message in ids
        if not (plurals.get(message) if isinstance(message, tuple) else translations.get(message))
    ]
    assert missing == [], f"{locale}: run `make catalogs` and translate {missing}"


def test_the_code_has_plural_ids() -> None:
    plurals = [message for message in source_ids() if isinstance(message, tuple)]
    assert ("Deleted {count} stored check.", "Deleted {count} stored checks.") in plurals


@pytest.mark.parametrize("locale", ["fa", "en"])
def test_the_plural_forms_header_is_the_one_meant(locale: str) -> None:
    count, formula = plural_forms(locale)
    assert f"nplurals={count}; plural={formula};" == PLURAL_FORMS[locale]
    assert count == nplurals(locale) == 2


@pytest.mark.parametrize("locale", ["fa", "en"])
def test_every_plural_id_has_each_form_of_its_locale(locale: str) -> None:
    plural_ids = [message for message in source_ids() if isinstance(message, tuple)]
    forms = plural_catalog(locale)
    wrong = {m: forms.get(m) for m in plural_ids if len(forms.get(m, ())) != nplurals(locale)}
    assert wrong == {}


def test_english_plural_forms_are_the_ids_themselves() -> None:
    assert all(forms == message for message, forms in plural_catalog("en").items())


@pytest.mark.parametrize("locale", ["fa", "en"])
def test_translations_keep_their_placeholders(locale: str) -> None:
    broken: dict[object, object] = {
        message: text
        for message, text in catalog(locale).items()
        if placeholders(message) != placeholders(text)
    }
    for (singular, plural), forms in plural_catalog(locale).items():
        # The plural form has every placeholder; a singular may leave the number out ("one").
        wanted = placeholders(plural)
        if placeholders(singular) - wanted or placeholders(forms[-1]) != wanted:
            broken[singular, plural] = forms
        if any(placeholders(form) - wanted for form in forms):
            broken[singular, plural] = forms
    assert broken == {}


def test_persian_translations_use_persian_digits() -> None:
    texts = list(catalog("fa").items()) + [
        (message, form) for message, forms in plural_catalog("fa").items() for form in forms
    ]
    ascii_digits = {m: t for m, t in texts if any(c in "0123456789" for c in t)}
    # Only examples that users type in ASCII anyway (commands) may keep ASCII digits.
    assert ascii_digits == {}


def test_one_file_two_files_in_english() -> None:
    t = translator("en")
    assert t.plural("{count} file", "{count} files", 1, count=1) == "1 file"
    assert t.plural("{count} file", "{count} files", 2, count=2) == "2 files"
    assert t.plural("{count} file", "{count} files", 0, count=0) == "0 files"


def test_a_plural_id_takes_its_form_from_its_count() -> None:
    deleted = NP_("Deleted {count} stored check.", "Deleted {count} stored checks.")
    en, fa = translator("en"), translator("fa")
    assert en(deleted, count=1) == "Deleted 1 stored check."
    assert en(deleted, count=3) == "Deleted 3 stored checks."
    assert en(deleted, count=2.5) == "Deleted 2.5 stored checks."
    assert fa(deleted, count=1) == "۱ سنجش ذخیره‌شده حذف شد."
    assert fa(deleted, count=3) == "۳ سنجش ذخیره‌شده حذف شد."
    months = NP_(", for {months} month", ", for {months} months", count="months")
    assert en(months, months=1) == ", for 1 month"
    assert en(months, months=6) == ", for 6 months"


def test_a_plural_id_is_english_without_the_catalogs() -> None:
    # Logs and command-line output format the id itself: the English form must still agree.
    fields = NP_(
        "This line has {found} field; the header has {expected}.",
        "This line has {found} fields; the header has {expected}.",
        count="found",
    )
    assert fields.format(found=1, expected=3) == "This line has 1 field; the header has 3."
    assert fields.format(found=2, expected=3) == "This line has 2 fields; the header has 3."
    assert fields == "This line has {found} field; the header has {expected}."


def test_persian_counts_zero_and_one_alike() -> None:
    # CLDR Persian: "one" is i = 0 or n = 1; gettext's (n > 1) picks the first form for both.
    assert [translations("fa").plural(n) for n in (0, 1, 2, 10)] == [0, 0, 1, 1]
    assert [translations("en").plural(n) for n in (0, 1, 2, 10)] == [1, 0, 1, 1]


def test_a_plural_id_survives_a_copy() -> None:
    deleted = NP_("Deleted {count} stored check.", "Deleted {count} stored checks.")
    for twin in (copy.deepcopy(deleted), pickle.loads(pickle.dumps(deleted))):
        assert translator("en")(twin, count=2) == "Deleted 2 stored checks."
