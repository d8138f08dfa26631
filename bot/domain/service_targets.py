"""The Association's service targets: complaints past them reminded to the desk, then reported
to the Directorate.

The directive sets no time for the Association's review (Art. 15(e)); these targets are the
Association's own, settings in `bot/config.py`, and every message says so. Past
`desk_first_response_days` a complaint still `received` is reminded to its Association's desk;
past `desk_referral_days` one neither referred to the Board nor closed is reminded to the desk;
past `desk_escalation_days` one still so is reported to the Directorate (Art. 9(d): it
supervises every Association). Each target of each complaint is told once: a `TargetNotice`
row, written in the same transaction as the outbox rows, so a restart does not repeat it. A
complaint whose Association has no linked member to tell is tried again on the next round.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Final

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.data import bundled_provinces
from bot.domain.complaint_thread import Render, staff_notice
from bot.notices.complainants import STATUS_LABELS, shown_code
from bot.text.i18n import Translator
from bot.text.jalali import format_jalali_date
from bot.text.markers import N_
from storage import threads
from storage.models import Complaint
from storage.statuses import ComplaintStatus, Role


class Target(StrEnum):
    """A service target of the Association (configuration, not law); stored in TargetNotice."""

    FIRST_RESPONSE = "first_response"
    REFERRAL = "referral"
    ESCALATION = "escalation"


@dataclass(frozen=True)
class TargetRule:
    """Which complaints a target reaches, after which setting, told to whom, in which words."""

    statuses: frozenset[ComplaintStatus]
    setting: str  # the name of the days' setting in bot.config.Settings
    role: Role
    text: str  # msgid


_UNREFERRED = frozenset({ComplaintStatus.RECEIVED, ComplaintStatus.UNDER_REVIEW})

TARGETS: Final[dict[Target, TargetRule]] = {
    Target.FIRST_RESPONSE: TargetRule(
        frozenset({ComplaintStatus.RECEIVED}),
        "desk_first_response_days",
        Role.DESK,
        N_(
            "⏰ Service target passed: complaint {code} of {association}, filed {date}, is still "
            "“{status}”. The Association aims to respond within {days} days of filing: its own "
            "service target (a setting), not a deadline of the directive."
        ),
    ),
    Target.REFERRAL: TargetRule(
        _UNREFERRED,
        "desk_referral_days",
        Role.DESK,
        N_(
            "⏰ Service target passed: complaint {code} of {association}, filed {date}, is still "
            "“{status}”. The Association aims to refer a complaint to the Board or close it "
            "within {days} days of filing: its own service target (a setting), not a deadline "
            "of the directive."
        ),
    ),
    Target.ESCALATION: TargetRule(
        _UNREFERRED,
        "desk_escalation_days",
        Role.DIRECTORATE,
        N_(
            "⚠ For the Directorate's supervision (Article 9(d)): complaint {code} of "
            "{association}, filed {date}, is still “{status}”, neither referred to the Board nor "
            "closed, past {days} days. That is a service target of the Association (a setting), "
            "not a deadline of the directive."
        ),
    ),
}


def _association(key: str, locale: str) -> str:
    province = next((p for p in bundled_provinces() if p.key == key), None)
    name = key if province is None else province.name_fa if locale == "fa" else province.name_en
    return name


async def remind(session: AsyncSession, settings: Settings, now: datetime) -> int:
    """Tell the desk, or the Directorate, of every complaint past a target not told before;
    return how many complaints were told of."""
    told = 0
    for target, rule in TARGETS.items():
        days = int(getattr(settings, rule.setting))
        for complaint in await threads.overdue(
            session, rule.statuses, now - timedelta(days=days), target
        ):
            links = await threads.staff_links_for(
                session, [rule.role], complaint.association_province
            )
            if not links:
                continue  # no one to tell yet: tried again next round
            for link in links:
                await staff_notice(
                    session, settings, link, _render(rule, complaint, days, settings), now
                )
            await threads.add_target_notice(session, complaint.id, target, len(links), now)
            told += 1
    return told


def _render(rule: TargetRule, complaint: Complaint, days: int, settings: Settings) -> Render:
    def render(t: Translator, locale: str) -> str:
        filed = complaint.created_at.astimezone(settings.zone).date()
        return t(
            rule.text,
            code=shown_code(complaint.tracking_code, locale),
            association=t(
                N_("the Offices' Association of {province}"),
                province=_association(complaint.association_province, locale),
            ),
            date=format_jalali_date(filed, locale),
            status=t(STATUS_LABELS[complaint.status]),
            days=days,
        )

    return render
