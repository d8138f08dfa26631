"""What a report's sections, groups and figures are called (msgids, translated per locale), and
how a figure's value is shown.

A section's figures fall into groups by their keys (`by_clause.…`, `by_province.…`, …): a
group is a block of the section's table under its own heading, and a charted group is drawn as a
bar chart too. A figure outside every group stands alone. The names come from the rules where
the rules name the thing (Art. 25's violations, Art. 23's sanctions, the provinces of
`bot/data`); the rest are the report's own words.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from bot.data import bundled_provinces
from bot.domain.inspection_report import KIND_LABELS, RESULT_LABELS
from bot.domain.reports import Figure, Scope, Section
from bot.rules.violations import SANCTIONS, VIOLATIONS
from bot.text.i18n import Translator
from bot.text.markers import N_
from bot.text.persian import format_number, is_persian_locale, to_persian_digits

__all__ = [
    "Group",
    "blocks_of",
    "figure_label",
    "group_of",
    "scope_label",
    "section_article",
    "section_title",
    "shown_value",
]

#: How a figure with no value (a median of nothing) is shown.
_NONE: Final = "—"

SECTION_TITLES: Final[Mapping[str, str]] = {
    "complaints": N_("Complaints"),
    "service_targets": N_("The Association's service targets"),
    "inspections": N_("Inspections"),
    "discipline": N_("Cases, rulings and appeals"),
    "notices": N_("Notices to office managers"),
    "offices": N_("Offices with the most decided complaints"),
}

#: A section's article (`Section.article`) as its heading cites it.
SECTION_ARTICLES: Final[Mapping[str, str]] = {
    "15(e)": N_("Article 15(e)"),
    "15(e), service targets (configuration)": N_(
        "Article 15(e); the targets are the Association's settings, not the directive's"
    ),
    "15(b), 21": N_("Articles 15(b) and 21"),
    "15(c)": N_("Article 15(c)"),
    "15(c), the service's practice": N_(
        "Article 15(c); delivery in chat is the service's practice"
    ),
}


@dataclass(frozen=True)
class Group:
    """Figures of one section under a heading, maybe drawn as a bar chart too: those whose key
    is one of *keys*, or starts with one ending in a dot."""

    keys: tuple[str, ...]
    title: str  # msgid
    charted: bool

    def holds(self, key: str) -> bool:
        """Whether the figure *key* belongs here."""
        return any(key.startswith(k) if k.endswith(".") else key == k for k in self.keys)


GROUPS: Final[Mapping[str, tuple[Group, ...]]] = {
    "complaints": (
        Group(("by_clause.",), N_("By clause of Article 25"), True),
        Group(("by_province.",), N_("By the office's province"), True),
        Group(("by_status.",), N_("By status now"), True),
    ),
    "service_targets": (
        Group(("first_response.",), N_("From filing to the first response"), False),
        Group(
            ("referral_or_close.",), N_("From filing to referral to the Board or closure"), False
        ),
        Group(("decision.",), N_("From filing to decision or dismissal"), False),
        Group(("overdue.",), N_("Overdue now"), False),
    ),
    "inspections": (
        Group(("by_kind.",), N_("By kind"), False),
        Group(("findings.",), N_("Findings by clause of Article 25"), True),
        Group(("checklist.",), N_("Checklist results by item"), False),
    ),
    "discipline": (
        Group(("cases.by_source.",), N_("Cases by source"), False),
        Group(("rulings.by_degree.",), N_("Rulings by degree of Article 23"), True),
        Group(("rulings.by_status.",), N_("Rulings by where they stand now"), False),
        Group(("appeals.by_ruling.",), N_("Appeals by the Appeals Board's ruling"), False),
    ),
    "notices": (
        Group(("written", "delivered", "undeliverable", "acknowledged"), N_("Delivery"), True),
    ),
    "offices": (Group(("decided.",), N_("Complaints decided, by office"), True),),
}

_FIXED: Final[Mapping[str, str]] = {
    "complaints.received": N_("Complaints received"),
    "complaints.by_clause.unclassified": N_("Left for the Association to classify"),
    "service_targets.overdue.first_response": N_("Still without a first response past the target"),
    "service_targets.overdue.referral": N_("Not referred or closed past the target"),
    "service_targets.overdue.escalation": N_("Not referred or closed past the escalation target"),
    "inspections.done": N_("Inspections done"),
    "discipline.cases.opened": N_("Cases opened"),
    "discipline.cases.by_source.complaints": N_("From complaints"),
    "discipline.cases.by_source.inspection": N_("From an inspection"),
    "discipline.rulings.made": N_("Rulings of the Primary Board"),
    "discipline.rulings.made_final": N_("Rulings that became final in the period"),
    "discipline.appeals.filed": N_("Appeals filed"),
    "discipline.appeals.by_ruling.pending": N_("Not yet ruled on"),
    "discipline.appeals.by_ruling.uphold": N_("Sanction upheld"),
    "discipline.appeals.by_ruling.replace": N_("Sanction replaced"),
    "discipline.appeals.by_ruling.overturn": N_("Decision overturned"),
    "notices.written": N_("Notices written"),
    "notices.delivered": N_("Delivered to a chat"),
    "notices.undeliverable": N_("Undeliverable"),
    "notices.acknowledged": N_("Acknowledged by the manager"),
    "notices.acknowledgement.median_days": N_("Median days to acknowledgement"),
}

#: A complaint's status now, in the words its complainant reads (bot/notices/complainants.py).
_COMPLAINT_STATUSES: Final[Mapping[str, str]] = {
    "received": N_("received"),
    "under_review": N_("under review by the Association"),
    "referred_to_board": N_("referred to the Primary Disciplinary Board"),
    "decided": N_("decided"),
    "dismissed": N_("dismissed"),
}

#: Where a Primary Board ruling stands now (storage.statuses.DecisionStatus).
_RULING_STATUSES: Final[Mapping[str, str]] = {
    "pending": N_("Within the appeal window"),
    "appealed": N_("Before the Appeals Board"),
    "final": N_("final"),
    "replaced": N_("Replaced by the Appeals Board"),
    "overturned": N_("Overturned by the Appeals Board"),
}

#: A duration's figures (bot.domain.reports._timing), under their group's heading.
_TIMING: Final[Mapping[str, str]] = {
    "count": N_("Complaints counted"),
    "median_days": N_("Median, in days"),
    "p90_days": N_("90th percentile, in days"),
    "target_days": N_("The target, in days"),
    "within_target": N_("Within the target"),
}

#: Each checklist item (bot/rules/inspection_checklist.py) in a few words.
_CHECKLIST_ITEMS: Final[Mapping[str, str]] = {
    "3.manager": N_("A full-time manager"),
    "3.legal_expert": N_("At least one legal expert"),
    "3.it_expert": N_("At least one IT expert"),
    "3.clerks": N_("At least two clerical staff"),
    "25.1": N_("Service fees posted"),
    "25.2": N_("The manager present in office hours"),
    "25.6": N_("Receipts given for money paid"),
    "25.7": N_("The Center's security rules followed"),
    "25.9": N_("Cooperation with the inspector"),
    "25.13": N_("Litigants' information kept from others"),
}


def section_title(name: str, t: Translator) -> str:
    """A section's heading."""
    return t(SECTION_TITLES[name]) if name in SECTION_TITLES else name


def section_article(article: str, t: Translator) -> str:
    """The article a section reports under, as its heading cites it."""
    if article in SECTION_ARTICLES:
        return t(SECTION_ARTICLES[article])
    return t.value(article)


def group_of(section: str, key: str) -> Group | None:
    """The group the figure *key* of *section* belongs to (None: it stands alone)."""
    return next((g for g in GROUPS.get(section, ()) if g.holds(key)), None)


def blocks_of(section: Section) -> list[tuple[Group | None, tuple[Figure, ...]]]:
    """The section's figures in order, those of a group together, each alone figure a block of
    its own (None)."""
    blocks: list[tuple[Group | None, list[Figure]]] = []
    for figure in section.figures:
        group = group_of(section.name, figure.key)
        if group is not None and blocks and blocks[-1][0] is group:
            blocks[-1][1].append(figure)
        else:
            blocks.append((group, [figure]))
    return [(group, tuple(figures)) for group, figures in blocks]


def _capital(text: str) -> str:
    # A status reused from a sentence ("decided") heads a table row.
    return text[:1].upper() + text[1:]


def _clause(clause_id: str, t: Translator) -> str:
    violation = VIOLATIONS.get(clause_id)
    if violation is None:
        return t.value(clause_id)
    return t(
        N_("Article 25, clause {clause}: {name}"), clause=violation.clause, name=t(violation.name)
    )


def _province(key: str, locale: str) -> str:
    province = next((p for p in bundled_provinces() if p.key == key), None)
    if province is None:
        return key
    return province.name_fa if is_persian_locale(locale) else province.name_en


def _checklist(rest: str, t: Translator) -> str:
    item, _, result = rest.rpartition(".")
    name = t(_CHECKLIST_ITEMS[item]) if item in _CHECKLIST_ITEMS else t.value(item)
    shown = t(RESULT_LABELS[result]) if result in RESULT_LABELS else result
    return t(N_("{what}: {part}"), what=name, part=shown)


def _degree(rest: str, t: Translator) -> str:
    sanction = SANCTIONS.get(int(rest)) if rest.isdigit() else None
    if sanction is None:
        return t.value(rest)
    name = t(sanction.name_msgid)
    return t(N_("Article 23, degree {degree}: {name}"), degree=sanction.degree, name=name)


def _labelled(table: Mapping[str, str], key: str, t: Translator) -> str:
    return _capital(t(table[key])) if key in table else t.value(key)


def figure_label(section: str, key: str, t: Translator, *, under_heading: bool = False) -> str:
    """What the figure *key* of *section* counts, in *t*'s locale; an unknown key as it is.
    *under_heading*: the row stands under its group's heading, which says the rest (a
    duration's "Median, in days" under "From filing to the first response")."""
    fixed = _FIXED.get(f"{section}.{key}")
    if fixed is not None:
        return t(fixed)
    head, _, rest = key.partition(".")
    if section == "complaints" and head == "by_clause":
        return _clause(rest, t)
    if section == "complaints" and head == "by_province":
        return _province(rest, t.locale)
    if section == "complaints" and head == "by_status":
        return _labelled(_COMPLAINT_STATUSES, rest, t)
    if section == "service_targets" and rest in _TIMING:
        part = t(_TIMING[rest])
        group = group_of(section, key)
        if under_heading or group is None:
            return part
        return t(N_("{what}: {part}"), what=t(group.title), part=part)
    if section == "inspections" and head == "by_kind":
        return _labelled(KIND_LABELS, rest, t)
    if section == "inspections" and head == "findings":
        return _clause(rest, t)
    if section == "inspections" and head == "checklist":
        return _checklist(rest, t)
    if section == "discipline" and key.startswith("rulings.by_degree."):
        return _degree(key.rpartition(".")[2], t)
    if section == "discipline" and key.startswith("rulings.by_status."):
        return _labelled(_RULING_STATUSES, key.rpartition(".")[2], t)
    if section == "offices" and head == "decided":
        return t(N_("Office {code}"), code=rest)
    return t.value(key)


def scope_label(scope: Scope, t: Translator) -> str:
    """What a report covers: the whole country, an Association (Art. 12) or a province."""
    if scope.kind == "association" and scope.key is not None:
        return t(
            N_("the Offices' Association of {province}"),
            province=_province(scope.key, t.locale),
        )
    if scope.kind == "province" and scope.key is not None:
        return t(N_("Province: {province}"), province=_province(scope.key, t.locale))
    return t(N_("the whole country"))


def shown_value(value: int | float | None, locale: str) -> str:
    """A figure's value as a table shows it: a count grouped, days with two decimals, None as
    «—»; in the locale's digits."""
    if value is None:
        return _NONE
    if isinstance(value, float):
        # Days: two decimals always ("3.50"), which format_number would trim.
        text = f"{value:.2f}"
        return to_persian_digits(text.replace(".", "\u066b")) if is_persian_locale(locale) else text
    return format_number(value, locale)
