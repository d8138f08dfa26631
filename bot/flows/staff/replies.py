"""What the staff's chat says: roles and Associations by name, a refusal as one polite line.

Every refusal says that nothing was done and offers the way on: the staff menu to someone who is
still a member, the main menu to everyone.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from bot.data import bundled_provinces
from bot.domain.staff import Refusal, Refused
from bot.domain.staff_actions import CHAIR_LABEL, PRESIDING_LABEL, ROLES
from bot.flows.framework.context import Context
from bot.flows.framework.messages import Action, Button, Message
from bot.flows.menu import MENU
from bot.notices.complainants import STATUS_LABELS
from bot.text.jalali import format_jalali_date
from bot.text.markers import N_
from storage.models import StaffRole
from storage.statuses import Role

STAFF_MENU: Final = "staff.menu"

_REASONS: Final[Mapping[Refused, str]] = {
    Refused.NOT_STAFF: N_(
        "This is for the Association's staff, and this chat is not linked to a staff member. "
        "Nothing was done."
    ),
    Refused.UNLINKED: N_(
        "This chat is no longer linked to your staff membership, so nothing was done. To act "
        "from here again, ask for a new code and send /staff."
    ),
    Refused.NO_ROLE: N_(
        "None of your roles may do this: {what} is for {roles} ({cites}). Nothing was done."
    ),
    Refused.OTHER_ASSOCIATION: N_(
        "This belongs to {theirs}, and your role is held for {yours} (Article 12). Nothing was "
        "done."
    ),
    Refused.NOT_CHAIR: N_(
        "Only the Board's chair may do this: the chair writes the majority's ruling (Article "
        "22, note 2). Nothing was done."
    ),
    Refused.NO_SUBJECT: N_("What this button is about no longer exists. Nothing was done."),
    Refused.SUBJECT_STATE: N_(
        "This can no longer be done: its status is now “{state}”. Nothing was done."
    ),
    Refused.REPLAYED: N_("This button was used already; it works once. Nothing was done again."),
    Refused.FOREIGN_BUTTON: N_("This button does not belong to this chat. Nothing was done."),
    Refused.UNKNOWN_BUTTON: N_("That button is no longer valid. Nothing was done."),
    Refused.EXPIRED_BUTTON: N_(
        "This button has expired. Nothing was done; please open the staff menu again."
    ),
    Refused.UNKNOWN_ACTION: N_("I don't know that action. Nothing was done."),
}
#: The states of subjects that are no complaint, as a refusal names them (an inspection's).
_OTHER_STATES: Final[Mapping[str, str]] = {
    "scheduled": N_("scheduled, not recorded yet"),
    "recorded": N_("recorded"),
}
_REVOKED: Final = N_("Your staff membership was revoked on {date}, so nothing was done.")


def association_name(key: str | None, ctx: Context) -> str:
    """An Association by the province it sits in (Art. 12), or "national" for none."""
    if key is None:
        return ctx.t(N_("national"))
    province = next((p for p in bundled_provinces() if p.key == key), None)
    name = key if province is None else province.name_fa if ctx.locale == "fa" else province.name_en
    return ctx.t(N_("the Offices' Association of {province}"), province=name)


def role_line(ctx: Context, role: StaffRole) -> str:
    """A role as its holder reads it: what, where, by which article, since when."""
    rule = ROLES[role.role]
    what = ctx.t(rule.label)
    if role.chair:
        chair = PRESIDING_LABEL if role.role is Role.APPEALS_BOARD else CHAIR_LABEL
        what = ctx.t(N_("{role}, {chair}"), role=what, chair=ctx.t(chair))
    return ctx.t(
        N_("• {role}: {scope} ({cites}), since {date}"),
        role=what,
        scope=association_name(role.association, ctx),
        cites=ctx.t(rule.cites),
        date=format_jalali_date(role.granted_at.astimezone(ctx.settings.zone).date(), ctx.locale),
    )


def ways_on(ctx: Context, *, member: bool) -> list[list[Button]]:
    """The buttons every staff message ends with."""
    rows: list[list[Button]] = []
    if member:
        rows.append([Action(ctx.t(N_("🛡 Staff menu")), STAFF_MENU)])
    rows.append([Action(ctx.t(N_("Main menu")), MENU)])
    return rows


#: The Appeals Board's own: Art. 24 names no chair, so Art. 22 note 2 is not cited as binding it.
_NOT_PRESIDING = N_(
    "Only the member who presides over the Appeals Board may do this (Article 24 names no chair: "
    "this service's practice is the member marked chair). Nothing was done."
)


def refusal_message(ctx: Context, refusal: Refusal) -> Message:
    """A refused action as one polite line, with the way on."""
    member = refusal.member
    if refusal.reason is Refused.REVOKED and member is not None and member.revoked_at:
        day = member.revoked_at.astimezone(ctx.settings.zone).date()
        text = ctx.t(_REVOKED, date=format_jalali_date(day, ctx.locale))
    elif refusal.reason is Refused.REVOKED:
        text = ctx.t(_REASONS[Refused.NOT_STAFF])
    elif refusal.reason is Refused.CONDITION and refusal.action and refusal.action.condition_text:
        text = ctx.t(refusal.action.condition_text)
    elif (
        refusal.reason is Refused.NOT_CHAIR
        and refusal.action
        and refusal.action.name.startswith("appeals.")
    ):
        text = ctx.t(_NOT_PRESIDING)
    else:
        text = ctx.t(_REASONS[refusal.reason], **_details(ctx, refusal))
    return Message(text, buttons=ways_on(ctx, member=refusal.linked))


def _details(ctx: Context, refusal: Refusal) -> dict[str, str]:
    action, subject = refusal.action, refusal.subject
    if refusal.reason is Refused.NO_ROLE and action is not None:
        roles = [ctx.t(ROLES[r].label) for r in sorted(action.roles or ())]
        return {
            "what": ctx.t(action.summary),
            "roles": ctx.t.join(roles),
            "cites": ctx.t(action.cites) if action.cites else "",
        }
    if refusal.reason is Refused.OTHER_ASSOCIATION and subject is not None:
        yours = refusal.role.association if refusal.role is not None else None
        return {
            "theirs": association_name(subject.association, ctx),
            "yours": association_name(yours, ctx),
        }
    if refusal.reason is Refused.SUBJECT_STATE and subject is not None:
        label = STATUS_LABELS.get(str(subject.state)) or _OTHER_STATES.get(str(subject.state))
        return {"state": ctx.t(label) if label else str(subject.state)}
    return {}
