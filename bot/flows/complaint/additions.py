"""Adding information to an open complaint: a text, photos or documents, or both, kept with
their moment and shown in the complaint's view (and to the Association, `daftar complaints show`).

A decided or dismissed complaint takes nothing more: the button is not offered, and a stale one,
or a complaint closed while the citizen was writing, is refused politely with a way on. The
files are recorded as they arrive, like the filing's evidence, and fetched after the commit.

```mermaid
flowchart LR
    V([Add information, on an open complaint]) --> X{open, and under the limit?}
    X -- no --> R[refused, with the way on]
    X -- yes --> T[text, or files only] --> F[files, up to 5] --> C[review] --> K{still open?}
    K -- yes --> S[kept with its moment] --> D[the complaint's view]
    K -- no --> R
```
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from bot.flows.complaint.details import (
    ADD_INFORMATION,
    OPEN_COMPLAINT,
    details,
    is_open,
    not_found,
    own,
    shortened,
    ways_on,
)
from bot.flows.complaint.evidence import EvidenceStep
from bot.flows.framework.context import Answers, Context
from bot.flows.framework.inputs import Input, Picked
from bot.flows.framework.messages import Action, Choice, Message
from bot.flows.framework.steps import Step
from bot.flows.framework.typed_steps import TextStep
from bot.flows.framework.wizard import Wizard
from bot.flows.registry import Registry
from bot.notices.complainants import STATUS_LABELS, shown_code
from bot.text.markers import N_, NP_
from storage import complaints as store
from storage.models import Complaint

FLOW = "complaint_add"
NO_TEXT = "no_text"
#: A bound of this service (not of the law): how many additions one complaint takes.
MAX_ADDITIONS = 20


@dataclass(frozen=True, kw_only=True)
class AdditionTextStep(TextStep):
    """What the citizen writes to add, or a button to send files only."""

    def choices(self, ctx: Context) -> list[Choice]:
        return [Choice(ctx.t(N_("No text: only files")), NO_TEXT)]

    async def parse(self, ctx: Context, received: Input) -> Any:
        if isinstance(received, Picked) and received.value == NO_TEXT:
            return ""
        return await super().parse(ctx, received)

    def show(self, ctx: Context, value: Any) -> str:
        return shortened(str(value), 200) if value else ctx.t(N_("none"))


class AddInformation(Wizard):
    """Add a text or files to one of the user's open complaints."""

    name = FLOW
    title = N_("Add information to a complaint")
    in_menu = False
    # The keys of these steps are persisted with unfinished conversations: never rename them.
    steps: ClassVar[tuple[Step, ...]] = (
        AdditionTextStep(
            key="text",
            label=N_("What you add"),
            prompt=N_(
                "Write what you want to add to your complaint (at most 3,000 characters), or "
                "press the button to send only photos or documents."
            ),
            min_length=5,
            max_length=3000,
        ),
        EvidenceStep(
            key="files",
            label=N_("Files"),
            prompt=N_(
                "If you have photos or documents to add, send up to 5 now. Otherwise press the "
                "button below."
            ),
            maximum=5,
        ),
    )

    def kept_answers(self, answers: Answers) -> Answers:
        # The complaint added to is no question of the form, but the addition needs it.
        return {**super().kept_answers(answers), "complaint_id": answers.get("complaint_id")}

    async def finish(self, ctx: Context, answers: Answers) -> list[Message]:
        complaint = await own(ctx, answers.get("complaint_id"))
        if complaint is None:
            return [not_found(ctx)]
        if not is_open(complaint):
            return [closed(ctx, complaint)]
        text = str(answers.get("text") or "").strip() or None
        files = [int(f["evidence_id"]) for f in answers.get("files") or []]
        if text is None and not files:
            return [
                Message(
                    ctx.t(N_("You added neither a text nor a file, so nothing was saved.")),
                    buttons=back_to(ctx, complaint),
                )
            ]
        await store.add_addition(ctx.session, complaint.id, text, files, ctx.now)
        if files:
            await store.link_evidence(ctx.session, ctx.platform, ctx.user_id, files, complaint.id)
        done = Message(
            ctx.t(
                N_(
                    "✅ Added to complaint {code}. The Association sees it with the complaint; "
                    "the office is not told of it."
                ),
                code=shown_code(complaint.tracking_code, ctx.locale),
            )
        )
        return [done, await details(ctx, complaint)]


def back_to(ctx: Context, complaint: Complaint) -> list[list[Action | Choice]]:
    """The way back to *complaint*, then my complaints and the menu."""
    return [
        [Action(ctx.t(N_("Back to the complaint")), OPEN_COMPLAINT, {"id": complaint.id})],
        *ways_on(ctx),
    ]


def closed(ctx: Context, complaint: Complaint) -> Message:
    """Nothing may be added to a decided or dismissed complaint."""
    return Message(
        ctx.t(
            N_(
                "Complaint {code} is {status}: it is closed, so nothing more can be added to it "
                "here."
            ),
            code=shown_code(complaint.tracking_code, ctx.locale),
            status=ctx.t(STATUS_LABELS[complaint.status]),
        ),
        buttons=back_to(ctx, complaint),
    )


async def add_information(ctx: Context, payload: dict[str, Any]) -> list[Message]:
    """The "Add information" button: start adding, if the complaint is the user's and open."""
    complaint = await own(ctx, payload.get("id"))
    if complaint is None:
        return [not_found(ctx)]
    if not is_open(complaint):
        return [closed(ctx, complaint)]
    if len(await store.additions_of(ctx.session, complaint.id)) >= MAX_ADDITIONS:
        return [
            Message(
                ctx.t(
                    NP_(
                        "Complaint {code} already has {count} addition, the most this service "
                        "takes on one complaint.",
                        "Complaint {code} already has {count} additions, the most this service "
                        "takes on one complaint.",
                    ),
                    code=shown_code(complaint.tracking_code, ctx.locale),
                    count=MAX_ADDITIONS,
                ),
                buttons=back_to(ctx, complaint),
            )
        ]
    intro = Message(
        ctx.t(
            N_("Adding to complaint {code}. Nothing is added until you confirm."),
            code=shown_code(complaint.tracking_code, ctx.locale),
        )
    )
    messages = await ctx.registry.flows[FLOW].start(ctx)
    ctx.state.answers["complaint_id"] = complaint.id
    return [intro, *messages]


def register(registry: Registry) -> None:
    """Add adding information to complaints to *registry*."""
    registry.add_flow(AddInformation())
    registry.add_action(ADD_INFORMATION, add_information)
