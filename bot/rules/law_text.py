"""The law's Persian text as it is shown to people: the lost zero-width non-joiners restored.

The extracted text of the directive lost every ZWNJ (U+200C): it prints «رشتههای» for
«رشته‌های» and «هزینههای» for «هزینه‌های». The rule modules keep the published text as it is, so
that a word-for-word search of the directive finds each clause; whatever shows a clause to a
person passes it through `shown(text)`, which puts the ZWNJ back in the forms this directive
uses. Only a ZWNJ is ever inserted — `shown(text).replace(ZWNJ, "") == text` — so the words, and
the law, stay as published.

    >>> shown("در رشتههای مرتبط") == "در رشته\u200cهای مرتبط"
    True
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final

ZWNJ: Final = "\u200c"

#: Every word of the directive that lost its ZWNJ, written with the ZWNJ as a "|".
_FORMS: Final = (
    # the prefix «می» / «نمی» of a verb
    "می|باشد",
    "می|باشند",
    "می|تواند",
    "نمی|توانند",
    "می|دهد",
    "می|رسد",
    "می|شود",
    "می|شوند",
    "می|گردد",
    "می|گیرد",
    # «ها» / «های» after a final «ه»
    "آیین|نامه|های",
    "برنامه|های",
    "بخشنامه|های",
    "حوزه|های",
    "دانشگاه|ها",
    "دوره|های",
    "رشته|های",
    "شیوه|نامه|ها",
    "نظام|نامه|ها",
    "نظام|نامه|های",
    "هزینه|های",
    # compounds
    "تمام|وقت",
    "ثبت|نام",
    "جابه|جایی",
    "نزدیک|ترین",
)

#: The published form of each word → the form shown, with its ZWNJ.
RESTORED: Final[Mapping[str, str]] = {
    form.replace("|", ""): form.replace("|", ZWNJ) for form in _FORMS
}

# A form is replaced only as a whole word (a ZWNJ or a «،» ends a word: neither is a \w).
_WORD: Final = re.compile(r"\w+")


def shown(text: str) -> str:
    """*text* as shown to a person: the known forms that lost their ZWNJ have it back."""
    return _WORD.sub(lambda found: RESTORED.get(found.group(), found.group()), text)
