# ruff: noqa: E501
# The clauses are the law as printed: one string each, never wrapped, so that a search of the
# published text finds them.
"""The Persian text of Articles 4–8 of directive 100/9970/9000 (1392/2/28), as printed.

Copied from the published text word for word, including its defects: 6.1 prints "کارشناسی با
بالاتر" ("with" for "or"), 5.1, 6.1 and 7.1 print "با مدرک سطح دو" ("with" a seminary level-2
degree), Article 8 prints "۳" for both its third and fourth clauses, and the extracted text lost
its zero-width non-joiners ("رشتههای"). This is the law, not a message: it is stored and shown as
is, never translated. Readings of the defects live with the conditions that apply them
(`bot.rules.edition_1392`).

`ARTICLE_OPENINGS` holds each article's opening words; `CLAUSES` every numbered clause and the
note of Article 5, under the id the product cites (`8.4` for the clause printed "۳").
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from bot.rules.model import PrintedClause

TITLE: Final = "دستورالعمل ضوابط و شرایط تأسیس، فعالیت و انحلال دفتر خدمات الکترونیک قضایی"

ARTICLE_OPENINGS: Final[Mapping[int, str]] = {
    4: "شرایط عمومی مدیر دفتر، کارشناس حقوقی، کارشناس فناوری اطلاعات و کارمندان دفتر به شرح ذیل است:",
    5: "شرایط اختصاصی مدیر دفتر به شرح ذیل است:",
    6: "شرایط اختصاصی کارشناس حقوقی به شرح ذیل است:",
    7: "شرایط اختصاصی کارشناس فناوری و کارمندان دفتر به شرح ذیل است:",
    8: "دریافت پروانه و اشتغال در دفتر برای افراد ذیل ممنوع میباشد:",
}

CLAUSES: Final[tuple[PrintedClause, ...]] = (
    PrintedClause("4.1", "۱", "تابعیت کشور جمهوری اسلامی ایران"),
    PrintedClause("4.2", "۲", "التزام عملی به قانون اساسی و ولایت فقیه"),
    PrintedClause("4.3", "۳", "تدین به دین مبین اسلام و التزام عملی به احکام و اخلاق اسلامی"),
    PrintedClause("4.4", "۴", "عدم اعتیاد به مواد مخدر"),
    PrintedClause("4.5", "۵", "عدم سوء پیشینه کیفری"),
    PrintedClause(
        "4.6", "۶", "دارا بودن کارت پایان خدمت یا معافیت دائم از خدمت نظام وظیفه برای داوطلبان مرد"
    ),
    PrintedClause("4.7", "۷", "توانایی جسمی و روحی لازم"),
    PrintedClause(
        "5.1",
        "۱",
        "دارا بودن مدرک کارشناسی یا بالاتر در رشتههای مرتبط با حقوق، فقه و علوم قضایی از دانشگاهها و مؤسسات آموزش عالی با مدرک سطح دو یا بالاتر از حوزههای علمیه",
    ),
    PrintedClause("5.2", "۲", "داشتن حداقل بیست و پنج سال سن"),
    PrintedClause("5.3", "۳", "دارا بودن پنج سال سابقه کار مرتبط"),
    PrintedClause(
        "5.4", "۴", "دارا بودن اطلاعات پایه و مهارت کار با رایانه مورد تأیید اداره کل برای این سمت"
    ),
    PrintedClause(
        "5.note",
        "تبصره",
        "علاوه بر شرایط عمومی و اختصاصی فوق، افرادی که دارای سوابق خدمتی تایید شده باشند به تشخیص اداره کل، در اولویت قرار دارند.",
    ),
    PrintedClause(
        "6.1",
        "۱",
        "دارا بودن مدرک کارشناسی با بالاتر در رشتههای مرتبط با حقوق، فقه و علوم قضایی از دانشگاهها و مؤسسات آموزش عالی با مدرک سطح دو یا بالاتر از حوزههای علمیه",
    ),
    PrintedClause("6.2", "۲", "داشتن حداقل بیست و پنج سال سن"),
    PrintedClause(
        "6.3", "۳", "دارا بودن اطلاعات پایه و مهارت کار با رایانه مورد تأیید اداره کل برای این سمت"
    ),
    PrintedClause(
        "7.1",
        "۱",
        "دارا بودن مدرک کارشناسی یا بالاتر در رشتههای مرتبط با حقوق، فقه و علوم قضایی از دانشگاهها و مؤسسات آموزش عالی با مدرک سطح دو یا بالاتر از حوزههای علمیه",
    ),
    PrintedClause("7.2", "۲", "داشتن حداقل بیست و پنج سال سن"),
    PrintedClause(
        "7.3", "۳", "دارا بودن اطلاعات پایه و مهارت کار با رایانه مورد تأیید اداره کل برای این سمت"
    ),
    PrintedClause("8.1", "۱", "وکلای دادگستری و مشاوران موضوع ماده ۱۸۷ و کارشناسان رسمی دادگستری"),
    PrintedClause(
        "8.2", "۲", "قضات و سردفترانی که به انفصال دائم محکوم شده و این محکومیت قطعیت یافته است."
    ),
    PrintedClause("8.3", "۳", "شاغلان به امر تجارت طبق تعریف ماده ۲ قانون تجارت"),
    PrintedClause("8.4", "۳", "کارمندان و مستخدمان دولت و کارمندان مؤسسات عمومی غیردولتی"),
)
