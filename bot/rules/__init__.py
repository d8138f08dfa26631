"""The directive as data with citations; imports nothing from the rest of the project.

Eligibility (Articles 4–8 of directive 100/9970/9000 of 1392/2/28), for the chat flow and the
command line:

- `EDITIONS`, `EDITION_1392`, `edition_in_force(on)`: the rule sets. An `Edition` has an `id`
  ("1392", stored with every check), its `number`, `issued`/`approved`/`effective` dates, the
  Persian text of every clause (`clauses`), its `conditions`, `priorities` and `questions`.
- `conditions_for(role)`: a post's conditions (`Condition`: `id` like "5.2", `article`, `clause`,
  Persian `text`, `kind`, `question`, `why`, `facts`, `evidence`, `notes`).
- `questions_for(role)` / `next_question(role, facts, asked)`: the facts to ask, in order; a
  `Question` names its `fact`, the clauses it `serves`, and `applies(facts)` says whether it is
  still worth asking (e.g. military service is not asked of women). `FACTS[name]` gives its type,
  question and choices.
- `plausibility_problems(facts, today=…, reference_date=…, minimum_working_age=…)`: every
  `ImplausibleAnswer` (`field`, `message` id, `params`, `confirmable`): a birth date that cannot
  be true, or more experience than the time since the minimum working age (a setting, so a
  check the person may confirm); `check_plausibility` raises the first.
- `evaluate(role, facts, reference_date)` → `Sheet`: `results` (`ConditionResult`: `id`,
  `status`, `label` (as the sheet says the status), `reason` id + `params`, `text`, `kind`,
  `evidence`, `missing`), `verdict`, `priority` (for an eligible applicant only),
  `declarations`, `decisions` (= `waiting_on`; `subject_to_decision` when the verdict is
  eligible), `unmet`, `unknown`, `eligible_from`. Experience params are `Duration`s.
- `law_text.shown(text)`: a clause as shown to people, its lost zero-width non-joiners restored.
- `coverage()`: every printed clause of Articles 4–8 and how it is encoded.

Beside them, `bot.rules.law_coverage` lists all 26 articles and 9 notes of the directive, each
encoded (where), out of scope (why) or configuration (which setting), with the known defects of
the published text and the 1401 regulation's caveat (`daftar law coverage`, /about).

Strings meant for people are English message ids, translated in `locales/`; parameters that are
dates are `jdatetime.date` objects, to be shown in the reader's locale.
"""

from bot.rules.edition_1392 import BARRED_BY_CLAUSE, EDITION_1392
from bot.rules.eligibility import (
    DEFAULT_MINIMUM_WORKING_AGE,
    EDITIONS,
    CoverageLine,
    ImplausibleAnswer,
    NoEditionInForce,
    check_plausibility,
    conditions_for,
    coverage,
    edition_in_force,
    evaluate,
    missing_clauses,
    next_question,
    plausibility_problems,
    questions_for,
    verdict_of,
)
from bot.rules.facts import (
    FACTS,
    Citizenship,
    Degree,
    DegreeField,
    Duration,
    Facts,
    FactSpec,
    FactType,
    Gender,
    MilitaryService,
    Occupation,
    occupations,
)
from bot.rules.jalali import age_on, date_of_age
from bot.rules.model import (
    Condition,
    ConditionResult,
    Edition,
    Finding,
    Kind,
    Priority,
    PriorityResult,
    Question,
    Role,
    Sheet,
    Status,
    Verdict,
)

__all__ = [
    "BARRED_BY_CLAUSE",
    "DEFAULT_MINIMUM_WORKING_AGE",
    "EDITIONS",
    "EDITION_1392",
    "FACTS",
    "Citizenship",
    "Condition",
    "ConditionResult",
    "CoverageLine",
    "Degree",
    "DegreeField",
    "Duration",
    "Edition",
    "FactSpec",
    "FactType",
    "Facts",
    "Finding",
    "Gender",
    "ImplausibleAnswer",
    "Kind",
    "MilitaryService",
    "NoEditionInForce",
    "Occupation",
    "Priority",
    "PriorityResult",
    "Question",
    "Role",
    "Sheet",
    "Status",
    "Verdict",
    "age_on",
    "check_plausibility",
    "conditions_for",
    "coverage",
    "date_of_age",
    "edition_in_force",
    "evaluate",
    "missing_clauses",
    "next_question",
    "occupations",
    "plausibility_problems",
    "questions_for",
    "verdict_of",
]
