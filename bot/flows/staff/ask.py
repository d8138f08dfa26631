"""Asking a complainant a question: the desk's side of the thread (Art. 15(e)).

```mermaid
flowchart LR
    M[staff menu: ✍ Ask a complainant] --> C[tracking code] --> Q[the question] --> R[review]
    V([start_asking: from a complaint's view]) --> Q
    R -- ✔ Confirm --> A{desk.ask authorised on the complaint now?}
    A -- yes --> S[sent: the answer will reach this chat]
    A -- no --> X[the refusal's line: nothing was sent]
```

The menu item is guarded (`desk.ask_start`: a desk role); the question itself is authorised on
the complaint when it is confirmed (`desk.ask`: the member's Association, the complaint still
pursued), so a code of another Association, or a complaint closed meanwhile, is refused and
audited like any staff button. What is sent, and to whom, is `bot.domain.complaint_thread`'s.
"""

from __future__ import annotations

from typing import Any, ClassVar, Final

from bot.domain import complaint_thread
from bot.domain.staff import Grant, Refusal
from bot.domain.staff_actions import ACTIONS, SubjectRef
from bot.flows.complaint.follow import TrackingCodeStep
from bot.flows.framework.context import Answers, Context
from bot.flows.framework.messages import Action, Button, Message
from bot.flows.framework.steps import Step
from bot.flows.framework.typed_steps import TextStep
from bot.flows.framework.wizard import Wizard
from bot.flows.staff.desk_lists import open_button
from bot.flows.staff.desk_view import file_messages
from bot.flows.staff.guard import authorise
from bot.flows.staff.home import ASK_START
from bot.flows.staff.replies import refusal_message, ways_on
from bot.notices.complainants import shown_code
from bot.text.markers import N_
from storage import complaints, threads
from storage.models import Complaint
from storage.statuses import Role

__all__ = [
    "ANSWER_FILES",
    "ASK",
    "ASK_START",
    "AskAbout",
    "AskByCode",
    "ask_button",
    "ask_from_view",
    "send_answer_files",
    "show_ask",
    "start_asking",
]

ASK: Final = "desk.ask"
ANSWER_FILES: Final = complaint_thread.ANSWER_FILES
BY_CODE: Final = "staff_ask"
ABOUT: Final = "staff_ask_about"


class CodeStep(TrackingCodeStep):
    """The tracking code of the complaint asked about, shown in the locale's digits."""

    def show(self, ctx: Context, value: Any) -> str:
        return shown_code(str(value), ctx.locale)


QUESTION = TextStep(
    key="question",
    label=N_("Your question"),
    prompt=N_(
        "Write your question to the complainant (at most 1,000 characters). They read it as "
        "the Association's complaints desk's, without your name or this chat."
    ),
    min_length=5,
    max_length=complaint_thread.QUESTION_CHARS,
)


class AskByCode(Wizard):
    """Ask the complainant of a complaint, found by its tracking code, a question."""

    name = BY_CODE
    title = N_("Ask a complainant")
    in_menu = False
    # The keys of these steps are persisted with unfinished conversations: never rename them.
    steps: ClassVar[tuple[Step, ...]] = (
        CodeStep(
            key="code",
            label=N_("Tracking code"),
            prompt=N_("Please send the complaint's tracking code."),
        ),
        QUESTION,
    )

    def kept_answers(self, answers: Answers) -> Answers:
        # The complaint asked about, when it came with the start, is no question of the form.
        return {**super().kept_answers(answers), "complaint_id": answers.get("complaint_id")}

    async def finish(self, ctx: Context, answers: Answers) -> list[Message]:
        if answers.get("complaint_id") is not None:
            complaint = await complaints.by_id(ctx.session, int(answers["complaint_id"]))
        else:
            complaint = await complaints.by_code(ctx.session, str(answers["code"]))
        if complaint is None:
            return [
                Message(
                    ctx.t(N_("No complaint has that tracking code. Nothing was sent.")),
                    buttons=ways_on(ctx, member=True),
                )
            ]
        outcome = await authorise(ctx, ASK, SubjectRef("complaint", str(complaint.id)))
        if isinstance(outcome, Refusal):
            return [refusal_message(ctx, outcome)]
        await complaint_thread.ask(
            ctx.session, outcome, complaint, str(answers["question"]), ctx.now
        )
        return [
            Message(
                ctx.t(
                    N_(
                        "✅ Your question was sent to the complainant of complaint {code}. "
                        "Their answer will reach this chat. They see neither your name nor "
                        "this chat, and the office is not told of the question."
                    ),
                    code=shown_code(complaint.tracking_code, ctx.locale),
                ),
                buttons=ways_on(ctx, member=True),
            )
        ]


class AskAbout(AskByCode):
    """Ask the complainant of a complaint already chosen (from its view) a question."""

    name = ABOUT
    steps: ClassVar[tuple[Step, ...]] = (QUESTION,)


async def show_ask(ctx: Context, grant: Grant) -> list[Message]:
    """The staff menu's "Ask a complainant": the tracking code, then the question."""
    return await ctx.registry.flows[BY_CODE].start(ctx)


async def start_asking(ctx: Context, grant: Grant, complaint_id: int) -> list[Message]:
    """Start asking about *complaint_id* (for a complaint's view, under a granted action).

    The question is authorised again on the complaint when it is confirmed."""
    messages = await ctx.registry.flows[ABOUT].start(ctx)
    ctx.state.answers["complaint_id"] = complaint_id
    return messages


async def ask_button(ctx: Context, grant: Grant, complaint: Complaint) -> list[list[Button]]:
    """The complaint view's "Ask the complainant" row, for a desk member while it is pursued.

    Only shown where `desk.ask` would be granted; the press is authorised again all the same."""
    if grant.role is None or grant.role.role is not Role.DESK:
        return []
    if ACTIONS[ASK].states is not None and complaint.status not in ACTIONS[ASK].states:
        return []
    subject = SubjectRef("complaint", str(complaint.id)).as_payload()
    return [[Action(ctx.t(N_("✍ Ask the complainant")), ASK, subject)]]


async def ask_from_view(ctx: Context, grant: Grant) -> list[Message]:
    """The press of "Ask the complainant": the question about the granted complaint."""
    assert grant.subject is not None
    return await start_asking(ctx, grant, int(grant.subject.id))


async def send_answer_files(ctx: Context, grant: Grant, payload: dict[str, Any]) -> list[Message]:
    """The press of "Send the files" under an answer's notice: that answer's files, as files.

    The question the button names must be of the granted complaint; its files are read from
    the store (those kept with the complaint), never from the button."""
    assert grant.subject is not None and isinstance(grant.subject.row, Complaint)
    complaint: Complaint = grant.subject.row
    ident = str(payload.get("question_id", ""))
    question = await threads.question_by_id(ctx.session, int(ident)) if ident.isdigit() else None
    back: list[list[Button]] = [open_button(ctx, complaint), *ways_on(ctx, member=True)]
    if question is None or question.complaint_id != complaint.id:
        text = ctx.t(N_("What this button is about no longer exists. Nothing was done."))
        return [Message(text, buttons=back)]
    wanted = set(question.evidence_ids)
    pieces = [e for e in await complaints.evidence_of(ctx.session, complaint.id) if e.id in wanted]
    return file_messages(ctx, complaint, pieces, back)
