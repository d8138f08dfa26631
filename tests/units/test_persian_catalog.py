"""Every Persian catalog entry is written the house's way: register, spelling, punctuation, ZWNJ.

The rules, each with what to write instead (a failure lists every entry and the rule it breaks):

- Persian punctuation only: «،» «؛» «؟» and «» quotes, never `, ; ? "` — outside placeholders
  (`{name}`), commands (`/start`) and addresses (`https://…`), which are not Persian text.
- Persian digits only (۰–۹), outside placeholders and commands; «٬» separates thousands.
- Arabic «ي» and «ك» are written Persian «ی» and «ک».
- «فایل» for a file (an upload, an attachment): «پرونده» is a case file in a judicial service.
- «اظهارنامه» is a formal notice (and a tariff item of its own), never a written statement.
- «رد کردن» or «بعدی» for skipping a step, never «رد شدن» (being rejected).
- A citation is «بند ۱۲ ماده ۲۵», never «۲۵.۱۲» (read as a decimal number).
- ZWNJ (U+200C) where Persian joins a word's parts: «می‌شود», «نمی‌توان», «درخواست‌ها»,
  «نزدیک‌ترین», «رشته‌ای», «به‌عنوان», «به‌صورت», «ذی‌صلاح»; and the ezafe after a
  silent «ه» where it always comes («همه‌ی سمت‌ها», «شماره‌ی موبایل», «درباره‌ی شما»), written
  one way throughout: «ه‌ی», not «هٔ».
- An ellipsis is «…»: an id that has one keeps it (a label cut short says so), and «...» is
  not written.

`EXCEPTIONS` names the entries a rule does not apply to, each with the reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from bot.text.i18n import catalog, plural_catalog

ZWNJ = "\u200c"
# A Persian letter (the Arabic block's letters, without its digits and punctuation).
LETTER = "[\u0621-\u063a\u0641-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc\u0654]"
# The end of a word: no letter and no ZWNJ follows.
END = rf"(?!{LETTER}|{ZWNJ})"
# The start of a word: no letter and no ZWNJ comes before.
START = rf"(?<!{LETTER})(?<!{ZWNJ})"

#: What a rule does not look at: placeholders, commands and addresses are not Persian text.
NOT_TEXT = re.compile(r"\{[^{}]*\}|(?<![\w/])/[a-z_]+|https?://\S+")

# After «همه»: the words that take no ezafe («همه را», «همه از …»).
_AFTER_ALL = "را|از|با|در|به|و|هم|که|چیز|کس|جا"


@dataclass(frozen=True)
class Rule:
    """One rule of Persian text: its name, what breaks it, and what to write instead."""

    name: str
    pattern: re.Pattern[str]
    advice: str

    def hits(self, text: str) -> list[str]:
        """The pieces of *text* (placeholders, commands and addresses left out) that break it."""
        return [match.group(0) for match in self.pattern.finditer(NOT_TEXT.sub(" ", text))]


RULES = (
    Rule("latin-comma", re.compile(","), "write the Persian comma «،»"),
    Rule("latin-semicolon", re.compile(";"), "write the Persian semicolon «؛»"),
    Rule("latin-question-mark", re.compile(r"\?"), "write the Persian question mark «؟»"),
    Rule("latin-quotes", re.compile('["“”]'), "quote with «»"),
    Rule("latin-digits", re.compile("[0-9]+"), "write Persian digits ۰–۹ (and «٬» for thousands)"),
    Rule("arabic-letters", re.compile("[يك]"), "write Persian «ی» and «ک»"),
    Rule("file-as-case-file", re.compile("پرونده"), "a file is «فایل»; «پرونده» is a case file"),
    Rule(
        "formal-notice",
        re.compile("اظهار ?نامه"),
        "«اظهارنامه» is a formal notice; a written statement is «خوداظهاری کتبی»",
    ),
    Rule("skip-as-rejected", re.compile("رد شدن"), "skip is «رد کردن» or «بعدی»"),
    Rule(
        "decimal-citation",
        # «٫» is Persian's own decimal separator («۳٫۵» years is a number, rightly written);
        # a Latin dot between Persian digits is how a citation came to read as one.
        re.compile("[۰-۹]+[.][۰-۹]+"),
        "a citation is «بند ۱۲ ماده ۲۵», not a decimal number",
    ),
    Rule(
        "detached-mi",
        re.compile(rf"{START}ن?می (?={LETTER})"),
        "join the prefix with ZWNJ: «می‌شود», «نمی‌توان»",
    ),
    Rule(
        "detached-plural",
        re.compile(rf"(?<={LETTER}) ها(ی|یی|یم|یت|یش|یمان|یتان|یشان)?{END}"),
        "join the plural with ZWNJ: «درخواست‌ها», «هزینه‌های»",
    ),
    Rule(
        "detached-comparative",
        re.compile(rf"(?<={LETTER}) تر(ین)?{END}"),
        "join with ZWNJ: «نزدیک‌ترین»",
    ),
    Rule(
        "detached-indefinite",
        re.compile(rf"(?<=ه) ای{END}"),
        "join with ZWNJ: «رشته‌ای», «نامه‌ای»",
    ),
    Rule(
        "detached-compound",
        re.compile(rf"{START}(به) (عنوان|صورت|جای|وسیله|منظور){END}"),
        "join with ZWNJ: «به‌عنوان», «به‌صورت», «به‌جای»",
    ),
    Rule("detached-zi", re.compile(rf"{START}ذی (?={LETTER})"), "join with ZWNJ: «ذی‌صلاح»"),
    Rule(
        "missing-ezafe",
        re.compile(rf"{START}(همه (?!(?:{_AFTER_ALL}){END})|شماره |درباره ){LETTER}"),
        "write the ezafe: «همه‌ی سمت‌ها», «شماره‌ی موبایل», «درباره‌ی شما»",
    ),
    Rule("ezafe-hamza", re.compile("ه\u0654"), "write the ezafe «ه‌ی» (one way throughout)"),
    Rule("three-dots", re.compile(r"\.\.\."), "write the ellipsis «…»"),
)

#: (rule, msgid) → why the rule does not apply to that entry.
EXCEPTIONS: dict[tuple[str, str], str] = {
    ("file-as-case-file", "Written reprimand entered in the file"): (
        "Art. 23 clause 3's own words («توبیخ کتبی با درج در پرونده»): the manager's record"
    ),
}

# Where a rule reads the id too: «پرونده» is right where the id speaks of a case, or of the
# manager's disciplinary file (Art. 23 clause 3: «توبیخ کتبی با درج در پرونده»).
CASE_WORDS = re.compile(r"\bcase|disciplinary file", re.IGNORECASE)


@dataclass(frozen=True)
class Entry:
    """One Persian translation: the id it translates (its singular, for a plural) and the text."""

    msgid: str
    text: str


def persian_entries() -> Iterator[Entry]:
    """Every Persian translation, each form of a plural one on its own."""
    for msgid, text in catalog("fa").items():
        yield Entry(msgid, text)
    for (singular, _plural), forms in plural_catalog("fa").items():
        for form in forms:
            yield Entry(singular, form)


def applies(rule: Rule, entry: Entry) -> bool:
    """Whether *rule* is to be checked on *entry*."""
    if (rule.name, entry.msgid) in EXCEPTIONS:
        return False
    return not (rule.name == "file-as-case-file" and CASE_WORDS.search(entry.msgid))


def problems(entries: list[Entry]) -> list[str]:
    """One line per entry and rule it breaks: the id, the rule, what was found, what to write."""
    lines = []
    for entry in entries:
        for rule in RULES:
            found = rule.hits(entry.text) if applies(rule, entry) else []
            if found:
                shown = "، ".join(f"«{piece}»" for piece in dict.fromkeys(found))
                lines.append(f"{entry.msgid!r}: {rule.name}: {shown}: {rule.advice}")
        if "…" in entry.msgid and "…" not in entry.text:
            lines.append(f"{entry.msgid!r}: lost-ellipsis: the id has «…», keep it")
    return lines


def test_every_persian_entry_follows_the_house_rules() -> None:
    entries = list(persian_entries())
    assert len(entries) > 300
    found = problems(entries)
    assert not found, "Persian catalog entries to fix:\n" + "\n".join(found)


def test_every_exception_is_still_needed() -> None:
    entries = list(persian_entries())
    rules = {rule.name: rule for rule in RULES}
    stale = [
        (name, msgid)
        for name, msgid in EXCEPTIONS
        if not any(e.msgid == msgid and rules[name].hits(e.text) for e in entries)
    ]
    assert stale == []


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("لطفاً رقم‌ها را بررسی کنید, سپس", "latin-comma"),
        ("این را ببینید; سپس", "latin-semicolon"),
        ("آیا دفتر این است?", "latin-question-mark"),
        ('گزینه‌ی "نمی‌دانم"', "latin-quotes"),
        ("مبلغ 3000 ریال", "latin-digits"),
        ("مبلغ ۳۰۰۰ ريال", "arabic-letters"),
        ("این پرونده بزرگ است", "file-as-case-file"),
        ("اظهارنامه کتبی شما", "formal-notice"),
        ("«رد شدن» را بزنید", "skip-as-rejected"),
        ("تخلف است (۲۵.۱۲)", "decimal-citation"),
        ("این بند شامل زنان نمی شود", "detached-mi"),
        ("چه می شود", "detached-mi"),
        ("همه سمت ها", "detached-plural"),
        ("هزینه های خدمات", "detached-plural"),
        ("نزدیک ترین کانون", "detached-comparative"),
        ("رشته ای دیگر", "detached-indefinite"),
        ("به عنوان مدیر", "detached-compound"),
        ("مراجع ذی صلاح", "detached-zi"),
        ("همه سمت‌ها", "missing-ezafe"),
        ("شماره موبایل", "missing-ezafe"),
        ("درباره شما", "missing-ezafe"),
        ("شمارهٔ موبایل", "ezafe-hamza"),
        ("یکی را انتخاب کنید...", "three-dots"),
    ],
)
def test_each_rule_catches_its_defect(text: str, rule: str) -> None:
    [caught] = [r for r in RULES if r.name == rule]
    assert caught.hits(text), (rule, text)


@pytest.mark.parametrize(
    "text",
    [
        "لطفاً رقم‌ها را بررسی کنید، سپس «تمام» را بزنید؛ آیا درست است؟",
        "همه‌ی سمت‌ها، شماره‌ی موبایل، درباره‌ی شما، همه را دیدم، همه از آن خبر دارند",
        "می‌شود، نمی‌توان، نزدیک‌ترین، رشته‌ای، به‌عنوان، ذی‌صلاح، هزینه‌های خدمات",
        "بند ۱۲ ماده ۲۵، مبلغ ۳٬۰۰۰ ریال، تاریخ ۱۴۰۳/۰۵/۱۲",
        "۳٫۵ سال سابقه",
        "برای دیدن روند /complaints را بفرستید: {code}، {name}؟",
        "نشانی https://example.org/a,b?c=1 را ببینید",
        "یک فایل و «بعدی»؛ کمی صبر کنید…",
        "کاری می‌کنم که بدانید",
    ],
)
def test_well_written_persian_passes(text: str) -> None:
    assert [rule.name for rule in RULES if rule.hits(text)] == []


def test_a_failure_names_the_entry_and_the_rule() -> None:
    bad = Entry("That file is too large", "این پرونده بزرگ است, لطفاً")
    assert problems([bad]) == [
        "'That file is too large': latin-comma: «,»: write the Persian comma «،»",
        "'That file is too large': file-as-case-file: «پرونده»: "
        "a file is «فایل»; «پرونده» is a case file",
    ]
    assert problems([Entry("The case file", "پرونده")]) == []
    assert problems([Entry("Neither (serving…)", "هیچ‌کدام (در حال خدمت)")]) == [
        "'Neither (serving…)': lost-ellipsis: the id has «…», keep it"
    ]
