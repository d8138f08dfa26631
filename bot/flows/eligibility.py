"""The eligibility self-check: Articles 4–8 asked as questions, answered with a cited sheet.

The applicant picks a post; the flow asks only the facts that post's conditions read, in the
edition's order, skipping what cannot matter (military service for women, the seminary level once
a law degree settles the degree clause). Every question offers "I don't know / prefer not to say"
and says why it is asked, citing the clause of the chosen post (`bot.flows.eligibility_steps`
holds the questions, and the plausibility check of work experience, which the applicant may
confirm). Each clause of Article 8 is its own question. After a review, the sheet: one line per
condition with its citation and status ("as you declared" for a declaration, "barred by Art. 8
clause x" for a bar that applies), the law's text of each unmet clause (its ZWNJ restored), the
verdict ("eligible, subject to the Directorate's decision on …" while clauses wait for it), the
Art. 5 priority (for an eligible applicant), what to prepare, and the date from which age stops
standing in the way. The check is stored for its owner, who can open past checks and delete them
(`/forget`).

```mermaid
flowchart TD
    R[post?] --> Q[the post's questions, one at a time] --> V[review: change any answer]
    Q -- experience beyond the working age --> P{plausible? confirm / change}
    P -- confirm --> Q
    P -- change --> Q
    V -- confirm --> S[the sheet; the check is stored] --> H[my past checks]
    H -- open --> O[a past sheet] -- delete --> H
    F([/forget]) --> C{delete all?} -- yes --> D[deleted]
```
"""

from __future__ import annotations

from typing import Any, ClassVar

from bot.domain.eligibility_sheet import sheet_to_json, shown_params
from bot.flows.eligibility_steps import (
    ART8_KEYS,
    EXPERIENCE,
    ROLE,
    CitedChoice,
    CitedDate,
    CitedExperience,
    CitedYesNo,
    citation,
    facts_of,
    reference_date,
    role_of,
)
from bot.flows.framework.context import Answers, Context
from bot.flows.framework.messages import Action, Button, Message
from bot.flows.framework.steps import ChoiceStep, Step
from bot.flows.framework.wizard import Wizard
from bot.flows.menu import MENU, OPEN
from bot.flows.registry import Registry
from bot.rules import (
    EDITION_1392,
    EDITIONS,
    FACTS,
    Edition,
    FactType,
    NoEditionInForce,
    Role,
    Sheet,
    Status,
    Verdict,
    edition_in_force,
    evaluate,
    questions_for,
)
from bot.rules.law_text import shown
from bot.rules.model import (
    ELIGIBLE_SUBJECT_TO,
    ELIGIBLE_SUBJECT_TO_SHORT,
    ROLE_LABELS,
    VERDICT_EXPLANATIONS,
    VERDICT_LABELS,
)
from bot.text.i18n import Translator
from bot.text.markers import N_, NP_
from storage import eligibility as store

__all__ = ["NAME", "EligibilityCheck", "facts_of", "reference_date", "register", "sheet_message"]

NAME = "eligibility"
# Short names for the review screen's Edit buttons (wording, not law).
LABELS = {
    ROLE: N_("Post"),
    "citizenship": N_("Citizenship"),
    "constitution_commitment": N_("Commitment to the Constitution"),
    "islam_commitment": N_("Belief in Islam"),
    "drug_addiction": N_("Drug addiction"),
    "criminal_record": N_("Criminal record"),
    "gender": N_("Gender"),
    "military_service": N_("Military service"),
    "able_bodied": N_("Physical and mental capability"),
    "degree": N_("Degree"),
    "degree_field": N_("Field of the degree"),
    "seminary_level": N_("Seminary level"),
    "birth_date": N_("Date of birth"),
    EXPERIENCE: N_("Work experience"),
    "computer_skills": N_("Computer skills"),
    "barred_8_1": N_("Attorney, Art. 187 adviser or official expert"),
    "barred_8_2": N_("Judge or notary finally dismissed"),
    "barred_8_3": N_("Merchant"),
    "barred_8_4": N_("Government employee (judges included) or public-institution employee"),
    "approved_service_record": N_("Approved record of service"),
}
MARKS = {
    Status.MET: "✅",
    Status.NOT_MET: "❌",
    Status.UNKNOWN: "❔",
    Status.NOT_APPLICABLE: "➖",
    Status.NEEDS_OFFICIAL_DECISION: "🏛",
}
HISTORY = "eligibility_history"
OPEN_CHECK = "eligibility_open"
DELETE_CHECK = "eligibility_delete"
FORGET_ALL = "eligibility_forget_all"


def _needed(fact: str) -> Any:
    def applies(answers: Answers) -> bool:
        role = role_of(answers)
        if role is None:
            return False
        asked = [q for q in questions_for(role) if q.fact == fact]
        return bool(asked) and asked[0].applies(facts_of(answers))

    return applies


def _asks_art8(answers: Answers) -> bool:
    return role_of(answers) is not None


def _fact_step(fact: str, serves: tuple[str, ...]) -> Step:
    spec = FACTS[fact]
    common: dict[str, Any] = {
        "key": fact,
        "prompt": spec.question,
        "label": LABELS[fact],
        "allow_unknown": True,
        "when": _needed(fact),
        "serves": serves,
    }
    if spec.type is FactType.BOOLEAN:
        return CitedYesNo(**common)
    if spec.type in {FactType.CHOICE, FactType.LEVEL}:
        options = tuple((choice.value, choice.label) for choice in spec.choices)
        return CitedChoice(**common, options=options, columns=1 if len(options) > 4 else 2)
    if spec.type is FactType.DATE:
        return CitedDate(**common, shortcuts=False)
    return CitedExperience(**common)


def _steps(edition: Edition) -> tuple[Step, ...]:
    steps: list[Step] = [
        ChoiceStep(
            key=ROLE,
            prompt=N_("Which post in an office do you want to check?"),
            label=LABELS[ROLE],
            options=tuple((role.value, ROLE_LABELS[role]) for role in Role),
        )
    ]
    for question in edition.questions:
        if question.fact != "barred_occupations":
            steps.append(_fact_step(question.fact, question.serves))
            continue
        for condition in edition.conditions:
            if condition.id in ART8_KEYS:
                steps.append(
                    CitedYesNo(
                        key=ART8_KEYS[condition.id],
                        prompt=condition.question,
                        label=LABELS[ART8_KEYS[condition.id]],
                        allow_unknown=True,
                        when=_asks_art8,
                        serves=(condition.id,),
                    )
                )
    return tuple(steps)


class EligibilityCheck(Wizard):
    """Check the conditions of Articles 4–8 for a post, and keep the sheet."""

    name = NAME
    title = N_("Check my eligibility for a post")
    intro = N_(
        "I will ask about the conditions of Articles 4 to 8 of the directive for the post you "
        'choose. Answer what you know; every question has "I don\'t know / prefer not to say".'
    )
    steps: ClassVar[tuple[Step, ...]] = _steps(EDITION_1392)

    async def finish(self, ctx: Context, answers: Answers) -> list[Message]:
        on = reference_date(ctx)
        try:
            edition = edition_in_force(on)
        except NoEditionInForce:
            return [Message(ctx.t(N_("No rule set is in force on that date.")))]
        role = Role(answers[ROLE])
        sheet = evaluate(role, facts_of(answers), on, edition)
        check = await store.add_check(
            ctx.session,
            platform=ctx.platform,
            user_id=ctx.user_id,
            role=role.value,
            edition=edition.id,
            reference_date=on,
            answers=answers,
            verdict=sheet.verdict.value,
            sheet=sheet_to_json(sheet),
            now=ctx.now,
        )
        return [sheet_message(ctx, sheet, check.id, saved=True)]


def citations(t: Translator, clause_ids: tuple[str, ...]) -> str:
    """Several citations, as *t*'s locale lists them."""
    return t.join([citation(t, clause_id) for clause_id in clause_ids])


def verdict_text(t: Translator, sheet: Sheet) -> str:
    """The verdict: eligible subject to the Directorate's decision while clauses wait for it."""
    if sheet.subject_to_decision:
        return t(ELIGIBLE_SUBJECT_TO, clauses=citations(t, sheet.waiting_on))
    return t(VERDICT_LABELS[sheet.verdict])


def _condition_lines(t: Translator, sheet: Sheet) -> list[str]:
    lines = []
    for result in sheet.results:
        label, params = result.label
        lines.append(f"{MARKS[result.status]} {citation(t, result.id)}: {t(label, **params)}")
        if result.status is not Status.MET:
            lines.append("    " + t(result.reason, **shown_params(t, result.params)))
        if result.status is Status.NOT_MET:
            lines.append(f"    «{shown(result.text)}»")
        for note in result.condition.notes:
            lines.append("    ℹ️ " + t(note))
    return lines


def sheet_message(ctx: Context, sheet: Sheet, check_id: int, *, saved: bool) -> Message:
    """The verdict sheet, with what to do next."""
    t = ctx.t
    lines = [
        t(N_("📋 Eligibility sheet: {post}"), post=t(ROLE_LABELS[sheet.role])),
        t(
            N_("Directive {number} of {issued}; ages on {date}."),
            number=sheet.edition.number,
            issued=sheet.edition.issued,
            date=sheet.reference_date,
        ),
        "",
        *_condition_lines(t, sheet),
        "",
        t(N_("Verdict: {verdict}"), verdict=verdict_text(t, sheet)),
        t(VERDICT_EXPLANATIONS[sheet.verdict]),
    ]
    if sheet.eligible_from is not None:
        lines.append(
            t(
                N_("Only your age stands in the way: it is met from {date}."),
                date=sheet.eligible_from,
            )
        )
    for item in sheet.priority:
        lines.append(f"⭐ {citation(t, item.id)}: {t(item.reason)}")
    if sheet.declarations:
        lines.append(
            t(
                N_("The Directorate will verify your declarations: {clauses}."),
                clauses=citations(t, sheet.declarations),
            )
        )
    if sheet.decisions and not sheet.subject_to_decision:
        lines.append(
            t(
                N_("Only the Directorate can decide: {clauses}."),
                clauses=citations(t, sheet.decisions),
            )
        )
    evidence: list[str] = []
    for result in sheet.results:
        if result.status is not Status.NOT_APPLICABLE:
            evidence += [e for e in result.evidence if e not in evidence]
    if evidence and sheet.verdict is not Verdict.NOT_ELIGIBLE:
        lines += ["", t(N_("To prepare for your application:"))]
        lines += [f"• {t(item)}" for item in evidence]
    lines += [
        "",
        t(
            N_(
                "This sheet is information, not a decision: only the Directorate vets and "
                "approves applicants (Article 9(a))."
            )
        ),
    ]
    if saved:
        lines.append(t(N_("Saved in your past checks; /forget deletes them.")))
    buttons: list[list[Button]] = [
        [Action(t(N_("My past checks")), HISTORY)],
        [Action(t(N_("Check another post")), OPEN, {"flow": NAME})],
        [Action(t(N_("Main menu")), MENU)],
    ]
    if not saved:
        buttons.insert(0, [Action(t(N_("🗑 Delete this check")), DELETE_CHECK, {"id": check_id})])
    return Message("\n".join(lines), buttons=buttons)


# --- past checks ---------------------------------------------------------------------------


def _short(ctx: Context, check: Any) -> str:
    post = ctx.t(ROLE_LABELS[Role(check.role)])
    verdict = ctx.t(VERDICT_LABELS[Verdict(check.verdict)]).split(":")[0]
    if check.verdict == Verdict.ELIGIBLE and check.sheet.get("decisions"):
        verdict = ctx.t(ELIGIBLE_SUBJECT_TO_SHORT)
    return f"{ctx.t.value(check.reference_date)} · {post} · {verdict}"


async def history(ctx: Context, payload: dict[str, Any]) -> list[Message]:
    """The user's past checks, newest first, each a button."""
    checks = await store.checks_of(ctx.session, ctx.platform, ctx.user_id)
    if not checks:
        return [
            Message(
                ctx.t(N_("You have no stored checks.")),
                buttons=[
                    [Action(ctx.t(N_("Check my eligibility for a post")), OPEN, {"flow": NAME})],
                    [Action(ctx.t(N_("Main menu")), MENU)],
                ],
            )
        ]
    buttons: list[list[Button]] = [
        [Action(_short(ctx, check), OPEN_CHECK, {"id": check.id})] for check in checks
    ]
    buttons.append([Action(ctx.t(N_("Main menu")), MENU)])
    return [Message(ctx.t(N_("Your past checks (newest first):")), buttons=buttons)]


async def open_check(ctx: Context, payload: dict[str, Any]) -> list[Message]:
    """One past check, evaluated again from its stored answers, edition and date."""
    check = await store.check_of(ctx.session, ctx.platform, ctx.user_id, int(payload.get("id", 0)))
    if check is None or check.edition not in EDITIONS:
        return [Message(ctx.t(N_("That check is not there any more."))), *await history(ctx, {})]
    sheet = evaluate(
        Role(check.role), facts_of(check.answers), check.reference_date, EDITIONS[check.edition]
    )
    return [sheet_message(ctx, sheet, check.id, saved=False)]


async def delete_check(ctx: Context, payload: dict[str, Any]) -> list[Message]:
    """Delete one past check of the user's."""
    gone = await store.forget(ctx.session, ctx.platform, ctx.user_id, int(payload.get("id", 0)))
    text = N_("The check was deleted.") if gone else N_("That check is not there any more.")
    return [Message(ctx.t(text)), *await history(ctx, {})]


async def forget_command(ctx: Context, args: str) -> list[Message]:
    """/forget: ask before deleting every stored check."""
    checks = await store.checks_of(ctx.session, ctx.platform, ctx.user_id, limit=1000)
    if not checks:
        return await history(ctx, {})  # "no stored checks", with a check to start and the menu
    return [
        Message(
            ctx.t(
                NP_(
                    "Delete your {count} stored eligibility check? This cannot be undone.",
                    "Delete all {count} of your stored eligibility checks? This cannot be undone.",
                ),
                count=len(checks),
            ),
            buttons=[
                [Action(ctx.t(N_("🗑 Delete them all")), FORGET_ALL)],
                [Action(ctx.t(N_("Keep them")), MENU)],
            ],
        )
    ]


async def forget_all(ctx: Context, payload: dict[str, Any]) -> list[Message]:
    """Delete every stored check of the user's."""
    gone = await store.forget(ctx.session, ctx.platform, ctx.user_id)
    deleted = NP_("Deleted {count} stored check.", "Deleted {count} stored checks.")
    return [Message(ctx.t(deleted, count=gone))]


def register(registry: Registry) -> None:
    """Add the eligibility check, its past checks and /forget to *registry*."""
    registry.add_flow(EligibilityCheck())
    registry.add_menu_action(N_("My past checks"), HISTORY)
    registry.add_action(HISTORY, history)
    registry.add_action(OPEN_CHECK, open_check)
    registry.add_action(DELETE_CHECK, delete_check)
    registry.add_action(FORGET_ALL, forget_all)
    registry.add_command("forget", forget_command)
