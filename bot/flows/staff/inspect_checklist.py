"""The on-site checklist of an inspection, and its reasoned report to the Council (Art. 21).

```mermaid
flowchart LR
    C([📝 The checklist, or a visit just recorded]) --> I[item k of n: met · not met · unchecked]
    I --> E[a note, photos, or Next »] --> I
    E -- after the last --> R[the inspector's reasons and conclusion, typed]
    R --> V[the report's summary] -- ✔ Record and send, once --> S[recorded; sent to the Council]
    I -- « Back --> E
    V -- « Back --> R
```

The items are `bot.rules.inspection_checklist.CHECKLIST` (each citing its article and clause).
The draft lives in the chat's conversation (the store), so it survives a restart; a photo sent
at an item is kept like a complaint's evidence (an `Evidence` row with the inspection's id,
fetched after the commit by the evidence job). The confirm is the guarded, one-time action
`inspection.record`: its button carries the checklist (kept on the server), and
`bot.domain.inspection_report.file_report` checks it again before anything is written.
"""

from __future__ import annotations

from typing import Any, Final

from bot.domain.inspection_report import (
    CONCLUSION_CHARS,
    NOTE_MAX_CHARS,
    RESULT_LABELS,
    file_report,
)
from bot.domain.refusals import DisciplineError
from bot.domain.staff import Grant
from bot.domain.staff_actions import SubjectRef
from bot.flows.complaint.evidence import FETCH_EVIDENCE, REMOVE_EVIDENCE_FILES
from bot.flows.framework.context import Context, Flow
from bot.flows.framework.controls import BACK, CANCEL, is_control
from bot.flows.framework.inputs import Attachment, Input, Picked, Text, Unsupported
from bot.flows.framework.messages import Action, Button, Choice, Message
from bot.flows.framework.outcomes import FlowCancelled
from bot.flows.framework.steps import match_label
from bot.flows.staff.inspect_lists import list_button, number
from bot.flows.staff.replies import ways_on
from bot.rules.inspection_checklist import (
    CHECKLIST,
    ITEMS,
    MET,
    NOT_CHECKED,
    NOT_MET,
    findings_of,
)
from bot.text.markers import N_, NP_
from storage import complaints as evidence_store
from storage import inspections as inspection_store

FLOW: Final = "staff_inspection_checklist"
RECORD: Final = "inspection.record"
NEXT: Final = "__next"
MAX_PHOTOS: Final = 5  # at one item, like a complaint's evidence
RESULT, EXTRA, CONCLUSION, REVIEW = "result", "extra", "conclusion", "review"
_MARKS: Final = {MET: N_("✅ Met"), NOT_MET: N_("❌ Not met"), NOT_CHECKED: N_("➖ Not checked")}


def _place(ctx: Context) -> dict[str, Any]:
    # Where the checklist stands (its inspection, item, phase) is the trail; the answers are
    # one per item answered, and the conclusion: what /cancel counts before it asks.
    return ctx.state.trail


def _go(ctx: Context, phase: str, index: int) -> None:
    # The step names the item too, so that an earlier item's buttons go stale (engine).
    ctx.state.trail.update(phase=phase, index=index)
    ctx.state.step = f"{phase}:{index}"


def _results(ctx: Context) -> dict[str, dict[str, Any]]:
    return {k: dict(v) for k, v in ctx.state.answers.items() if k in ITEMS}


def _conclusion(ctx: Context) -> str | None:
    value = ctx.state.answers.get("conclusion")
    return str(value) if value is not None else None


def _set_item(ctx: Context, item_id: str, **fields: Any) -> None:
    before = _results(ctx).get(item_id, {"note": None, "photos": []})
    ctx.state.answers[item_id] = {**before, **fields}


def _controls(ctx: Context, *, back: bool = True) -> list[Button]:
    row: list[Button] = [Choice(ctx.t(N_("« Back")), BACK)] if back else []
    return [*row, Choice(ctx.t(N_("✖ Cancel")), CANCEL)]


def _heading(ctx: Context) -> str:
    return ctx.t(
        N_("📝 Inspection no. {number}, office {office}"),
        number=number(ctx, _place(ctx).get("inspection_id", "")),
        office=number(ctx, _place(ctx).get("office", "")),
    )


class InspectionChecklist(Flow):
    """The checklist item by item, the inspector's reasons, and the report's confirm."""

    name = FLOW
    title = N_("The on-site checklist")
    in_menu = False

    def takes_text(self, ctx: Context) -> bool:
        return _place(ctx).get("phase") in (EXTRA, CONCLUSION)

    async def start(self, ctx: Context) -> list[Message]:
        return await self.prompt(ctx)

    async def discard(self, ctx: Context) -> None:
        # The photos of a checklist thrown away go with it (rows now, files after the commit).
        ids = [p for given in _results(ctx).values() for p in given.get("photos", [])]
        paths = await evidence_store.discard_evidence(ctx.session, ctx.platform, ctx.user_id, ids)
        if paths:
            ctx.defer(REMOVE_EVIDENCE_FILES, {"paths": paths})

    async def prompt(self, ctx: Context, problem: str | None = None) -> list[Message]:
        phase, index = str(_place(ctx).get("phase")), int(_place(ctx).get("index", 0))
        lines = [problem, ""] if problem else []
        lines.append(_heading(ctx))
        if phase in (RESULT, EXTRA):
            item = CHECKLIST[index]
            given = _results(ctx).get(item.id, {})
            lines.append(
                ctx.t(
                    N_("Item {k} of {n}: {item}"),
                    k=number(ctx, index + 1),
                    n=number(ctx, len(CHECKLIST)),
                    item=ctx.t(item.label),
                )
            )
            if phase == RESULT:
                marks: list[Button] = [Choice(ctx.t(_MARKS[r]), r) for r in _MARKS]
                return [Message("\n".join(lines), buttons=[marks, _controls(ctx, back=index > 0)])]
            lines.append(
                ctx.t(N_("Result: {result}"), result=ctx.t(RESULT_LABELS[given["result"]]))
            )
            if given.get("note"):
                lines.append(ctx.t(N_("Note: {note}"), note=given["note"]))
            if given.get("photos"):
                lines.append(
                    ctx.t(NP_("{count} photo", "{count} photos"), count=len(given["photos"]))
                )
            lines += [
                "",
                ctx.t(
                    N_(
                        "If you wish, write a note or send photos for this item (up to 5); "
                        "then press “Next »”."
                    )
                ),
            ]
            buttons: list[list[Button]] = [[Choice(ctx.t(N_("Next »")), NEXT)], _controls(ctx)]
            return [Message("\n".join(lines), buttons=buttons)]
        if phase == CONCLUSION:
            lines.append(
                ctx.t(
                    N_(
                        "Write your reasons and conclusion for the report to the Council (10 to "
                        "3,000 characters): Article 21 asks for a reasoned report."
                    )
                )
            )
            return [Message("\n".join(lines), buttons=[_controls(ctx)])]
        return [self._review(ctx, lines)]

    def _review(self, ctx: Context, lines: list[str]) -> Message:
        results = _results(ctx)
        lines.append(ctx.t(N_("The report, before it is recorded and sent:")))
        for item in CHECKLIST:
            given = results[item.id]
            line = f"{ctx.t(_MARKS[given['result']])}: {ctx.t(item.label)}"
            if given.get("photos"):
                line += " · " + ctx.t(
                    NP_("{count} photo", "{count} photos"), count=len(given["photos"])
                )
            lines.append(line)
        lines += [
            "",
            ctx.t(N_("Your reasons and conclusion:")),
            str(ctx.state.answers["conclusion"]),
        ]
        found = findings_of({k: str(v["result"]) for k, v in results.items()})
        lines.append(
            ctx.t(
                N_("Findings: Article 25, clauses {clauses}"),
                clauses=ctx.t.join([number(ctx, c.split(".")[-1]) for c in found]),
            )
            if found
            else ctx.t(N_("Findings: none under Article 25"))
        )
        lines.append(
            ctx.t(
                N_(
                    "Recording it opens a case for the Primary Board on the findings, and sends "
                    "the report to the Council's members (Article 21)."
                )
            )
        )
        payload = {
            **SubjectRef("inspection", str(_place(ctx)["inspection_id"])).as_payload(),
            # The checklist rides on the button (kept on the server): the confirm acts once.
            "results": results,
            "conclusion": ctx.state.answers["conclusion"],
        }
        confirm = Action(ctx.t(N_("✔ Record and send the report to the Council")), RECORD, payload)
        return Message("\n".join(lines), buttons=[[confirm], _controls(ctx)])

    async def handle(self, ctx: Context, received: Input) -> list[Message]:
        if (isinstance(received, Picked) and received.value == CANCEL) or (
            isinstance(received, Text) and is_control(ctx.t, received.text, N_("Cancel"))
        ):
            raise FlowCancelled
        if (isinstance(received, Picked) and received.value == BACK) or (
            isinstance(received, Text) and is_control(ctx.t, received.text, N_("Back"))
        ):
            return await self._back(ctx)
        if isinstance(received, Unsupported):
            return await self.prompt(
                ctx, ctx.t(N_("Sorry, I can't use that kind of message here."))
            )
        phase, index = str(_place(ctx).get("phase")), int(_place(ctx).get("index", 0))
        if phase == RESULT:
            choices = [Choice(ctx.t(_MARKS[r]), r) for r in _MARKS]
            value = match_label(received, choices)
            if value is None:
                return await self.prompt(ctx, ctx.t(N_("Please choose one of the buttons.")))
            _set_item(ctx, CHECKLIST[index].id, result=value)
            _go(ctx, EXTRA, index)
            return await self.prompt(ctx)
        if phase == EXTRA:
            return await self._extra(ctx, received, index)
        if phase == CONCLUSION:
            text = received.text.strip() if isinstance(received, Text) else ""
            if len(text) not in CONCLUSION_CHARS:
                problem = ctx.t(
                    N_("Please write your reasons in 10 to 3,000 characters (this was {length}).")
                    if text
                    else N_("Please answer with text."),
                    length=number(ctx, len(text)),
                )
                return await self.prompt(ctx, problem)
            ctx.state.answers["conclusion"] = text
            _go(ctx, REVIEW, index)
            return await self.prompt(ctx)
        return await self.prompt(ctx, ctx.t(N_("Please choose one of the buttons.")))

    async def _extra(self, ctx: Context, received: Input, index: int) -> list[Message]:
        item = CHECKLIST[index]
        given = _results(ctx).get(item.id, {})
        if isinstance(received, Picked) and received.value == NEXT:
            if index + 1 < len(CHECKLIST):
                _go(ctx, RESULT, index + 1)
            else:
                _go(ctx, CONCLUSION, index)
            return await self.prompt(ctx)
        if isinstance(received, Text):
            note = received.text.strip()
            if len(note) > NOTE_MAX_CHARS:
                problem = ctx.t(
                    N_("That is too long: please keep it to {maximum} characters at most."),
                    maximum=NOTE_MAX_CHARS,
                )
                return await self.prompt(ctx, problem)
            _set_item(ctx, item.id, note=note or None)
            return await self.prompt(ctx, ctx.t(N_("Note kept.")))
        if isinstance(received, Attachment):
            photos = list(given.get("photos", []))
            limit = ctx.settings.evidence_max_mb * 1024 * 1024
            if len(photos) >= MAX_PHOTOS:
                problem = ctx.t(
                    N_("That is the most I can take ({maximum}); press Done."), maximum=MAX_PHOTOS
                )
                return await self.prompt(ctx, problem)
            if received.size is not None and received.size > limit:
                problem = ctx.t(
                    N_("That file is too large ({size} MB); the limit is {limit} MB."),
                    size=round(received.size / 1_048_576, 1),
                    limit=ctx.settings.evidence_max_mb,
                )
                return await self.prompt(ctx, problem)
            evidence = await evidence_store.add_evidence(
                ctx.session,
                platform=ctx.platform,
                platform_user_id=ctx.user_id,
                complaint_id=None,
                inspection_id=int(_place(ctx)["inspection_id"]),
                file_id=received.file_id,
                kind=received.kind,
                file_name=received.file_name,
                mime_type=received.mime_type,
                size=received.size,
                received_at=ctx.now,
            )
            ctx.defer(FETCH_EVIDENCE, {"evidence_id": evidence.id})
            _set_item(ctx, item.id, photos=[*photos, evidence.id])
            return await self.prompt(ctx, ctx.t(N_("Photo kept.")))
        return await self.prompt(ctx, ctx.t(N_("Please choose one of the buttons.")))

    async def _back(self, ctx: Context) -> list[Message]:
        phase, index = str(_place(ctx).get("phase")), int(_place(ctx).get("index", 0))
        if phase == RESULT and index == 0:
            raise FlowCancelled
        if phase == RESULT:
            _go(ctx, EXTRA, index - 1)
        elif phase == EXTRA:
            _go(ctx, RESULT, index)
        elif phase == CONCLUSION:
            _go(ctx, EXTRA, len(CHECKLIST) - 1)
        else:
            _go(ctx, CONCLUSION, index)
        return await self.prompt(ctx)


async def begin_checklist(ctx: Context, inspection_id: int) -> list[Message]:
    """Open the checklist of *inspection_id* in this chat: where it was left, or afresh."""
    flow = ctx.registry.flows[FLOW]
    if ctx.state.flow == FLOW and _place(ctx).get("inspection_id") == inspection_id:
        said = Message(ctx.t(N_("Your checklist of this inspection continues where you left it.")))
        return [said, *await flow.prompt(ctx)]
    inspection = await inspection_store.by_id(ctx.session, inspection_id)
    draft = ctx.registry.flows.get(ctx.state.flow) if ctx.state.flow else None
    if draft is not None:
        await draft.discard(ctx)
    ctx.state.begin(FLOW, None)
    ctx.state.trail.update(
        inspection_id=inspection_id,
        office=inspection.office_code if inspection is not None else "",
    )
    _go(ctx, RESULT, 0)
    return await flow.prompt(ctx)


async def show_checklist(ctx: Context, grant: Grant) -> list[Message]:
    """The inspection's "📝 The on-site checklist": once it has taken place."""
    assert grant.subject is not None
    inspection = grant.subject.row
    if inspection.at > ctx.now:
        text = ctx.t(N_("It has not taken place yet; its checklist opens once it has."))
        rows = [[list_button(ctx, grant.subject.association or "")], *ways_on(ctx, member=True)]
        return [Message(text, buttons=rows)]
    return await begin_checklist(ctx, inspection.id)


async def record(ctx: Context, grant: Grant, payload: dict[str, Any]) -> list[Message]:
    """The confirm: record the checklist the button carries, open the case, send the report."""
    assert grant.subject is not None
    inspection_id = int(grant.subject.id)
    where = grant.subject.association or ""
    back: list[list[Button]] = [[list_button(ctx, where)], *ways_on(ctx, member=True)]
    results = payload.get("results")
    here = ctx.state.flow == FLOW and _place(ctx).get("inspection_id") == inspection_id
    if here and (results != _results(ctx) or payload.get("conclusion") != _conclusion(ctx)):
        # An earlier summary's confirm, after the checklist changed: only the latest records.
        text = ctx.t(
            N_(
                "The checklist changed after this summary was shown: please confirm the latest "
                "summary. Nothing was done."
            )
        )
        return [Message(text, buttons=back)]
    try:
        filed = await file_report(
            ctx.session,
            ctx.settings,
            ctx.now,
            inspection_id=inspection_id,
            results=results if isinstance(results, dict) else {},
            conclusion=str(payload.get("conclusion", "")),
            inspector_member_id=grant.member.id,
            inspector_name=grant.member.name,
        )
    except DisciplineError:
        text = ctx.t(N_("This report could not be recorded as it is. Nothing was done."))
        return [Message(text, buttons=back)]
    if ctx.state.flow == FLOW and _place(ctx).get("inspection_id") == inspection_id:
        ctx.state.end()
    lines = [
        ctx.t(
            N_("✅ Inspection no. {number} was recorded with its reasoned report."),
            number=number(ctx, inspection_id),
        )
    ]
    if filed.council_rows:
        lines.append(
            ctx.t(
                NP_(
                    "The report was sent to the Council's members ({count} chat).",
                    "The report was sent to the Council's members ({count} chats).",
                ),
                count=len(filed.council_rows),
            )
        )
    else:
        lines.append(
            ctx.t(
                N_(
                    "No member of the Council has a linked chat now: the report is kept with "
                    "the inspection, not sent yet."
                )
            )
        )
    if filed.case is not None:
        lines.append(
            ctx.t(
                N_("Case no. {case} was opened for the Primary Board (Article 22)."),
                case=number(ctx, filed.case.id),
            )
        )
    else:
        lines.append(ctx.t(N_("No finding under Article 25: no case was opened.")))
    return [Message("\n".join(lines), buttons=back)]
