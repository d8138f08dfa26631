"""The desk's actions on a waiting complaint: take it (or give it to a colleague), refer it to the
Primary Board, propose an inspection, close it on a ground with its reasons, mark it a repeat of
another.

```mermaid
flowchart LR
    V[✖ Close it] --> G[the ground] --> R[the reasons, typed: CloseReasons] --> C[✔ Close it, once]
    R -- « Back --> G
```

Each is a guarded staff action (its row in `bot/domain/staff_actions.py`), done by
`bot/domain/desk.py` in the update's transaction; the ones that move the complaint tell its
complainant, and an acceptance tells the office. What a button's payload adds (a colleague, a
ground, the earlier complaint) is checked against the store, never trusted.
"""

from __future__ import annotations

from typing import Any, ClassVar, Final

from bot.domain import desk
from bot.domain.staff import Grant
from bot.domain.staff_actions import SubjectRef
from bot.flows.framework.context import Answers, Context
from bot.flows.framework.controls import BACK, is_control
from bot.flows.framework.inputs import Input, Picked, Text
from bot.flows.framework.messages import Action, Button, Message
from bot.flows.framework.steps import Step
from bot.flows.framework.typed_steps import TextStep
from bot.flows.framework.wizard import Wizard
from bot.flows.staff.desk_lists import MINE, open_button
from bot.flows.staff.guard import run
from bot.flows.staff.home import WAITING
from bot.flows.staff.replies import association_name, ways_on
from bot.notices.complainants import shown_code
from bot.text.markers import N_
from bot.text.persian import localize_digits
from storage import complaints
from storage import staff as staff_store
from storage.models import Complaint
from storage.statuses import ComplaintStatus, Role

ASSIGN: Final = "desk.assign"
CLOSE_ASK: Final = "desk.close_ask"
CLOSE_REASONS: Final = "desk.close_reasons"
CLOSE: Final = "desk.close"
REASONS_FLOW: Final = "desk_close_reasons"
DUPLICATE: Final = "desk.duplicate"
_GROUND_LABELS: Final = {
    "outside": N_("Outside the directive"),
    "unfounded": N_("Unfounded"),
}


def _complaint(grant: Grant) -> Complaint:
    assert grant.subject is not None and isinstance(grant.subject.row, Complaint)
    return grant.subject.row


def _code(ctx: Context, complaint: Complaint) -> str:
    return shown_code(complaint.tracking_code, ctx.locale)


def _after(ctx: Context, complaint: Complaint, *, still_open: bool) -> list[list[Button]]:
    """The way on after an action: the complaint again (if still the desk's), the lists."""
    where = SubjectRef("association", complaint.association_province).as_payload()
    rows: list[list[Button]] = [open_button(ctx, complaint)] if still_open else []
    rows.append(
        [
            Action(
                ctx.t(
                    N_("« Waiting complaints: {association}"),
                    association=association_name(complaint.association_province, ctx),
                ),
                WAITING,
                where,
            )
        ]
    )
    rows.append([Action(ctx.t(N_("🙋 Mine")), MINE, where)])
    return rows + ways_on(ctx, member=True)


def _told(ctx: Context, complaint: Complaint, before: str) -> str:
    if before == ComplaintStatus.RECEIVED:
        return ctx.t(
            N_(
                "Its complainant was told, and the office's manager is sent the notice of an "
                "accepted complaint."
            )
        )
    return ctx.t(N_("Its complainant was told."))


async def take(ctx: Context, grant: Grant) -> list[Message]:
    """Take the complaint for review (a received one goes under review: accepted)."""
    complaint = _complaint(grant)
    before = complaint.status
    await desk.take(
        ctx.session, ctx.settings, ctx.now, complaint=complaint, member_id=grant.member.id
    )
    lines = [ctx.t(N_("🙋 You took complaint {code}."), code=_code(ctx, complaint))]
    if before != complaint.status:
        lines.append(_told(ctx, complaint, before))
    return [Message("\n".join(lines), buttons=_after(ctx, complaint, still_open=True))]


async def _colleagues(ctx: Context, complaint: Complaint) -> dict[int, str]:
    """The desk members of the complaint's Association now, by id: name."""
    links = await staff_store.links_of_role(ctx.session, Role.DESK, complaint.association_province)
    found: dict[int, str] = {}
    for link in links:
        member = await staff_store.member(ctx.session, link.member_id)
        if member is not None:
            found[member.id] = member.name
    return found


async def ask_assign(ctx: Context, grant: Grant) -> list[Message]:
    """Which colleague of the Association's desk gets the complaint."""
    complaint = _complaint(grant)
    others = {k: v for k, v in (await _colleagues(ctx, complaint)).items() if k != grant.member.id}
    if not others:
        text = ctx.t(N_("No other member of this Association's desk has a linked chat now."))
        return [Message(text, buttons=_after(ctx, complaint, still_open=True))]
    subject = SubjectRef("complaint", str(complaint.id)).as_payload()
    rows: list[list[Button]] = [
        [Action(name, ASSIGN, {**subject, "member": str(member_id)})]
        for member_id, name in others.items()
    ]
    text = ctx.t(N_("Give complaint {code} to:"), code=_code(ctx, complaint))
    return [Message(text, buttons=rows + _after(ctx, complaint, still_open=True))]


async def assign(ctx: Context, grant: Grant, payload: dict[str, Any]) -> list[Message]:
    """Give the complaint to the colleague the button names, if they are still on the desk."""
    complaint = _complaint(grant)
    wanted = str(payload.get("member", ""))
    colleagues = await _colleagues(ctx, complaint)
    member_id = int(wanted) if wanted.isdigit() else None
    if member_id is None or member_id not in colleagues:
        text = ctx.t(
            N_("That colleague is no longer on this Association's desk. Nothing was done.")
        )
        return [Message(text, buttons=_after(ctx, complaint, still_open=True))]
    before = complaint.status
    await desk.take(ctx.session, ctx.settings, ctx.now, complaint=complaint, member_id=member_id)
    lines = [
        ctx.t(
            N_("👥 Complaint {code} is now with {name}."),
            code=_code(ctx, complaint),
            name=colleagues[member_id],
        )
    ]
    if before != complaint.status:
        lines.append(_told(ctx, complaint, before))
    return [Message("\n".join(lines), buttons=_after(ctx, complaint, still_open=True))]


async def refer(ctx: Context, grant: Grant) -> list[Message]:
    """Refer the complaint to the Primary Board: the open case against its office, or a new one."""
    complaint = _complaint(grant)
    before = complaint.status
    referred = await desk.refer(ctx.session, ctx.settings, ctx.now, complaint=complaint)
    said = (
        N_(
            "⚖ Complaint {code} was referred to the Primary Board (Article 22): case {case} was "
            "opened on it."
        )
        if referred.opened
        else N_(
            "⚖ Complaint {code} was referred to the Primary Board (Article 22): it was added "
            "to case {case}, open against the same office."
        )
    )
    lines = [
        ctx.t(
            said,
            code=_code(ctx, complaint),
            case=localize_digits(str(referred.case.id), ctx.locale),
        ),
        _told(ctx, complaint, before),
    ]
    return [Message("\n".join(lines), buttons=_after(ctx, complaint, still_open=False))]


async def propose_inspection(ctx: Context, grant: Grant) -> list[Message]:
    """Record the desk's proposal of an inspection of the complaint's office."""
    complaint = _complaint(grant)
    await desk.propose_inspection(ctx.session, ctx.settings, ctx.now, complaint=complaint)
    text = ctx.t(
        N_(
            "🔍 An inspection of office {office} was proposed on complaint {code} (Articles "
            "15(b) and 21); the inspectors schedule it. The complaint stays waiting."
        ),
        office=localize_digits(complaint.office_code, ctx.locale),
        code=_code(ctx, complaint),
    )
    return [Message(text, buttons=_after(ctx, complaint, still_open=True))]


async def ask_close(ctx: Context, grant: Grant) -> list[Message]:
    """On which ground the complaint is closed."""
    complaint = _complaint(grant)
    subject = SubjectRef("complaint", str(complaint.id)).as_payload()
    lines = [ctx.t(N_("Close complaint {code} on which ground?"), code=_code(ctx, complaint))]
    lines += [f"• {ctx.t(_GROUND_LABELS[g])}: {ctx.t(text)}" for g, text in desk.GROUNDS.items()]
    lines.append(
        ctx.t(
            N_(
                "Then you write your reasons. Its complainant is told the ground and the reasons; "
                "the Association still reports it (Article 15(e))."
            )
        )
    )
    rows: list[list[Button]] = [
        [Action(ctx.t(_GROUND_LABELS[g]), CLOSE_REASONS, {**subject, "ground": g})]
        for g in desk.GROUNDS
    ]
    return [Message("\n".join(lines), buttons=rows + _after(ctx, complaint, still_open=True))]


def _undone(ctx: Context, complaint: Complaint, said: str) -> list[Message]:
    """The msgid *said* of an action not done, with the way back to the complaint."""
    return [Message(ctx.t(said), buttons=_after(ctx, complaint, still_open=True))]


_NOT_A_GROUND: Final = N_("That is not a ground for closing a complaint. Nothing was done.")


async def ask_reasons(ctx: Context, grant: Grant, payload: dict[str, Any]) -> list[Message]:
    """The ground chosen: ask the reasons (the conversation `CloseReasons`)."""
    complaint = _complaint(grant)
    ground = str(payload.get("ground", ""))
    if ground not in desk.GROUNDS:
        return _undone(ctx, complaint, _NOT_A_GROUND)
    flow = ctx.registry.flows[REASONS_FLOW]
    await flow.start(ctx)
    ctx.state.answers.update(complaint_id=complaint.id, code=complaint.tracking_code, ground=ground)
    # Back from the reasons is the choice of the ground again (CloseReasons.handle).
    ctx.state.trail["stack"] = [CLOSE_ASK]
    return await flow.prompt(ctx)


class ReasonsStep(TextStep):
    """The reasons for closing, asked with the complaint's code and the ground chosen."""

    def prompt_text(self, ctx: Context) -> str:
        ground = str(ctx.state.answers.get("ground", ""))
        return ctx.t(
            self.prompt,
            code=shown_code(str(ctx.state.answers.get("code", "")), ctx.locale),
            ground=ctx.t(_GROUND_LABELS[ground]) if ground in _GROUND_LABELS else ground,
        )


class CloseReasons(Wizard):
    """The desk's reasons for closing a complaint on the ground it chose; then the confirm."""

    name = REASONS_FLOW
    title = N_("Close a complaint")
    in_menu = False
    review = False
    # The keys of these steps are persisted with unfinished conversations: never rename them.
    steps: ClassVar[tuple[Step, ...]] = (
        ReasonsStep(
            key="reasons",
            label=N_("The reasons"),
            prompt=N_(
                "Write the reasons for closing complaint {code} as “{ground}” (10 to 1,000 "
                "characters). Its complainant reads them with the ground."
            ),
            min_length=desk.REASONS_CHARS.start,
            max_length=desk.REASONS_CHARS.stop - 1,
        ),
    )

    def kept_answers(self, answers: Answers) -> Answers:
        # The complaint and its ground came with the start: no questions of the form.
        kept = {key: answers.get(key) for key in ("complaint_id", "code", "ground")}
        return {**super().kept_answers(answers), **kept}

    async def handle(self, ctx: Context, received: Input) -> list[Message]:
        back = (isinstance(received, Picked) and received.value == BACK) or (
            isinstance(received, Text) and is_control(ctx.t, received.text, N_("Back"))
        )
        if not back:
            return await super().handle(ctx, received)
        subject = SubjectRef("complaint", str(ctx.state.answers.get("complaint_id")))
        ctx.state.end()
        return await run(ctx, CLOSE_ASK, subject, ask_close)

    async def finish(self, ctx: Context, answers: Answers) -> list[Message]:
        complaint = await complaints.by_id(ctx.session, int(answers["complaint_id"]))
        if complaint is None:
            return [
                Message(
                    ctx.t(N_("What this button is about no longer exists. Nothing was done.")),
                    buttons=ways_on(ctx, member=True),
                )
            ]
        ground, reasons = str(answers["ground"]), str(answers["reasons"])
        subject = SubjectRef("complaint", str(complaint.id)).as_payload()
        text = ctx.t(
            N_(
                "Close complaint {code} as “{ground}” for these reasons?\n\n{reasons}\n\nIts "
                "complainant is told the ground and the reasons."
            ),
            code=_code(ctx, complaint),
            ground=ctx.t(_GROUND_LABELS[ground]),
            reasons=reasons,
        )
        chosen = {**subject, "ground": ground}
        rows: list[list[Button]] = [
            # The reasons ride on the button (kept on the server): the confirm acts once.
            [Action(ctx.t(N_("✔ Close it")), CLOSE, {**chosen, "reasons": reasons})],
            [Action(ctx.t(N_("✎ Write the reasons again")), CLOSE_REASONS, chosen)],
        ]
        return [Message(text, buttons=rows + _after(ctx, complaint, still_open=True))]


async def close(ctx: Context, grant: Grant, payload: dict[str, Any]) -> list[Message]:
    """Close the complaint on the ground, for the reasons, the confirm's button carries."""
    complaint = _complaint(grant)
    ground = str(payload.get("ground", ""))
    if ground not in desk.GROUNDS:
        return _undone(ctx, complaint, _NOT_A_GROUND)
    reasons = str(payload.get("reasons", "")).strip()
    if len(reasons) not in desk.REASONS_CHARS:
        said = N_(
            "A complaint is closed with its reasons, and this button has none. Nothing was "
            "done: choose the ground again."
        )
        return _undone(ctx, complaint, said)
    await desk.close(
        ctx.session, ctx.settings, ctx.now, complaint=complaint, ground=ground, reasons=reasons
    )
    text = ctx.t(
        N_(
            "✖ Complaint {code} was closed: {ground}. Its complainant was told the ground and "
            "your reasons."
        ),
        code=_code(ctx, complaint),
        ground=ctx.t(_GROUND_LABELS[ground]),
    )
    return [Message(text, buttons=_after(ctx, complaint, still_open=False))]


async def ask_duplicate(ctx: Context, grant: Grant) -> list[Message]:
    """Which earlier complaint against the same office this one repeats."""
    complaint = _complaint(grant)
    earlier = [
        c
        for c in await complaints.of_office(ctx.session, complaint.office_code)
        if c.id != complaint.id and c.closed_as != desk.DUPLICATE
    ]
    subject = SubjectRef("complaint", str(complaint.id)).as_payload()
    rows: list[list[Button]] = [
        [Action(_code(ctx, c), DUPLICATE, {**subject, "original": str(c.id)})] for c in earlier[-8:]
    ]
    text = (
        ctx.t(
            N_("Complaint {code} repeats which complaint against the same office?"),
            code=_code(ctx, complaint),
        )
        if rows
        else ctx.t(N_("There is no other complaint against this office."))
    )
    return [Message(text, buttons=rows + _after(ctx, complaint, still_open=True))]


async def duplicate(ctx: Context, grant: Grant, payload: dict[str, Any]) -> list[Message]:
    """Close the complaint as a repeat of the one the button names."""
    complaint = _complaint(grant)
    wanted = str(payload.get("original", ""))
    original = await complaints.by_id(ctx.session, int(wanted)) if wanted.isdigit() else None
    try:
        if original is None:
            raise desk.DeskRefused(
                N_("There is no other complaint with tracking code {code}."), code="?"
            )
        await desk.mark_duplicate(
            ctx.session,
            ctx.settings,
            ctx.now,
            complaint=complaint,
            original_code=original.tracking_code,
        )
    except desk.DeskRefused as refused:
        text = ctx.t(refused.reason, **refused.values) + " " + ctx.t(N_("Nothing was done."))
        return [Message(text, buttons=_after(ctx, complaint, still_open=True))]
    text = ctx.t(
        N_("♊ Complaint {code} was closed as a repeat of {original}. Its complainant was told."),
        code=_code(ctx, complaint),
        original=_code(ctx, original),
    )
    return [Message(text, buttons=_after(ctx, complaint, still_open=False))]
