"""The complainant's side of the thread: answering the desk's question, and rating the handling.

```mermaid
flowchart LR
    Q([✍ Answer, under the desk's question]) --> X{theirs, unanswered, complaint open?}
    X -- no --> R[said why, with the way on]
    X -- yes --> T[text, or files only] --> F[files, up to 5] --> C[review] --> K{still so?}
    K -- yes --> S[kept with the complaint; the desk member who asked is told] --> D[done]
    K -- no --> R
    V([1 to 5 ⭐, under "decided" or "dismissed"]) --> G{theirs, not yet rated?}
    G -- yes --> H[kept; thanks]
    G -- no --> R
```

The text and files are taken as an addition's are (`additions.AdditionTextStep`, and
`evidence.EvidenceStep` for the files, fetched after the commit). What reaches the desk, and
that it names neither side's chat, phone or account, is `bot.domain.complaint_thread`'s.
"""

from __future__ import annotations

from typing import Any, ClassVar, Final

from bot.domain import complaint_thread
from bot.flows.complaint.additions import AdditionTextStep, back_to
from bot.flows.complaint.details import is_owner, ways_on
from bot.flows.complaint.evidence import EvidenceStep
from bot.flows.framework.context import Answers, Context
from bot.flows.framework.messages import Message
from bot.flows.framework.steps import Step
from bot.flows.framework.wizard import Wizard
from bot.flows.registry import Registry
from bot.notices.complainants import CLOSED, RATE, shown_code
from bot.text.markers import N_
from storage import complaints as store
from storage import threads
from storage.models import Complaint
from storage.thread_models import ComplaintQuestion

FLOW: Final = "complaint_answer"


async def _asked(
    ctx: Context, question_id: object
) -> tuple[ComplaintQuestion, Complaint] | Message:
    """The question and its complaint, if this account may answer it now; else why not."""
    question = (
        await threads.question_by_id(ctx.session, int(str(question_id)))
        if str(question_id).isdigit()
        else None
    )
    complaint = await store.by_id(ctx.session, question.complaint_id) if question else None
    if question is None or complaint is None or not is_owner(ctx, complaint):
        return Message(
            ctx.t(N_("That question is no longer here. Nothing was changed.")),
            buttons=ways_on(ctx),
        )
    code = shown_code(complaint.tracking_code, ctx.locale)
    if question.answered_at is not None:
        return Message(
            ctx.t(N_("You answered this question about complaint {code} already."), code=code),
            buttons=back_to(ctx, complaint),
        )
    if not complaint_thread.may_answer(complaint, question):
        return Message(
            ctx.t(
                N_("Complaint {code} is closed, so the question can no longer be answered."),
                code=code,
            ),
            buttons=back_to(ctx, complaint),
        )
    return question, complaint


class AnswerQuestion(Wizard):
    """Answer the Association's question about one's complaint: a text, files, or both."""

    name = FLOW
    title = N_("Answer the Association's question")
    in_menu = False
    # The keys of these steps are persisted with unfinished conversations: never rename them.
    steps: ClassVar[tuple[Step, ...]] = (
        AdditionTextStep(
            key="text",
            label=N_("Your answer"),
            prompt=N_(
                "Write your answer (at most 3,000 characters), or press the button to send only "
                "photos or documents."
            ),
            min_length=2,
            max_length=complaint_thread.ANSWER_CHARS,
        ),
        EvidenceStep(
            key="files",
            label=N_("Files"),
            prompt=N_(
                "If you have photos or documents to send with your answer, send up to 5 now. "
                "Otherwise press the button below."
            ),
            maximum=5,
        ),
    )

    def kept_answers(self, answers: Answers) -> Answers:
        # The question answered is no question of the form, but the answer needs it.
        return {**super().kept_answers(answers), "question_id": answers.get("question_id")}

    async def finish(self, ctx: Context, answers: Answers) -> list[Message]:
        asked = await _asked(ctx, answers.get("question_id"))
        if isinstance(asked, Message):
            return [asked]
        question, complaint = asked
        text = str(answers.get("text") or "").strip() or None
        files = [int(f["evidence_id"]) for f in answers.get("files") or []]
        if text is None and not files:
            return [
                Message(
                    ctx.t(N_("You sent neither a text nor a file, so nothing was sent.")),
                    buttons=back_to(ctx, complaint),
                )
            ]
        if files:
            await store.link_evidence(ctx.session, ctx.platform, ctx.user_id, files, complaint.id)
        await complaint_thread.answer(
            ctx.session, ctx.settings, complaint, question, text, files, ctx.now
        )
        return [
            Message(
                ctx.t(
                    N_(
                        "✅ Your answer was sent to the Association's complaints desk and kept "
                        "with complaint {code}. The office is not told of it."
                    ),
                    code=shown_code(complaint.tracking_code, ctx.locale),
                ),
                buttons=back_to(ctx, complaint),
            )
        ]


async def start_answer(ctx: Context, payload: dict[str, Any]) -> list[Message]:
    """The "Answer" button under the desk's question: start answering, if it still may be."""
    asked = await _asked(ctx, payload.get("question_id"))
    if isinstance(asked, Message):
        return [asked]
    question, complaint = asked
    intro = Message(
        ctx.t(
            N_("Answering the question about complaint {code}:\n{question}"),
            code=shown_code(complaint.tracking_code, ctx.locale),
            question=question.question,
        )
    )
    messages = await ctx.registry.flows[FLOW].start(ctx)
    ctx.state.answers["question_id"] = question.id
    return [intro, *messages]


async def rate(ctx: Context, payload: dict[str, Any]) -> list[Message]:
    """A rating button under "decided" or "dismissed": kept once, optional."""
    ident = str(payload.get("complaint_id"))
    given_stars = payload.get("stars")
    stars = given_stars if isinstance(given_stars, int) else 0
    complaint = await store.by_id(ctx.session, int(ident)) if ident.isdigit() else None
    if (
        complaint is None
        or not is_owner(ctx, complaint)
        or complaint.status not in CLOSED
        or stars not in range(1, 6)
    ):
        return [Message(ctx.t(N_("That rating is no longer open.")), buttons=ways_on(ctx))]
    code = shown_code(complaint.tracking_code, ctx.locale)
    given = await threads.rating_of(ctx.session, complaint.id)
    if given is not None:
        return [
            Message(
                ctx.t(
                    N_("You rated complaint {code} already: {stars} of 5. Thank you."),
                    code=code,
                    stars=given.stars,
                ),
                buttons=back_to(ctx, complaint),
            )
        ]
    await threads.add_rating(ctx.session, complaint.id, stars, ctx.now)
    ctx.callback_text = ctx.t(N_("Thank you."))
    return [
        Message(
            ctx.t(
                N_(
                    "Thank you: your rating of how complaint {code} was handled, {stars} of 5, "
                    "is kept. The office is not told of it."
                ),
                code=code,
                stars=stars,
            ),
            buttons=back_to(ctx, complaint),
        )
    ]


def register(registry: Registry) -> None:
    """Add answering the desk's questions and rating the handling to *registry*."""
    registry.add_flow(AnswerQuestion())
    registry.add_action(complaint_thread.ANSWER, start_answer)
    registry.add_action(RATE, rate)
