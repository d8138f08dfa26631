"""Articles 4–8 of directive 100/9970/9000 (1392/2/28), as cases of the law.

Each case starts from an applicant who meets every condition of their post and changes the one
answer the case is about, so that the clause named in the test's name alone decides it.
"""

from __future__ import annotations

from dataclasses import fields, replace

import jdatetime
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.rules import (
    EDITION_1392,
    EDITIONS,
    FACTS,
    Citizenship,
    Degree,
    DegreeField,
    Duration,
    Facts,
    Gender,
    ImplausibleAnswer,
    Kind,
    MilitaryService,
    NoEditionInForce,
    Occupation,
    Role,
    Sheet,
    Status,
    Verdict,
    age_on,
    check_plausibility,
    conditions_for,
    coverage,
    date_of_age,
    edition_in_force,
    evaluate,
    missing_clauses,
    next_question,
    occupations,
    plausibility_problems,
    questions_for,
)
from bot.rules.directive_1392_fa import CLAUSES
from bot.rules.model import BARRED as BARRED_LABEL
from bot.rules.model import DECLARED, NOT_BARRED, STATUS_LABELS
from tests.shared import shared_file

ON = jdatetime.date(1403, 7, 1)
ALL_ROLES = tuple(Role)

ALL_IDS = (
    *(f"4.{n}" for n in range(1, 8)),
    *(f"5.{n}" for n in range(1, 5)),
    *(f"6.{n}" for n in range(1, 4)),
    *(f"7.{n}" for n in range(1, 4)),
    *(f"8.{n}" for n in range(1, 5)),
)

QUALIFIED = Facts(
    citizenship=Citizenship.IRANIAN,
    constitution_commitment=True,
    islam_commitment=True,
    drug_addiction=False,
    criminal_record=False,
    able_bodied=True,
    gender=Gender.MALE,
    military_service=MilitaryService.COMPLETED,
    degree=Degree.BACHELOR,
    degree_field=DegreeField.LAW,
    seminary_level=0,
    birth_date=jdatetime.date(1370, 6, 15),
    experience_years=8,
    computer_skills=True,
    barred_occupations=occupations(),
    approved_service_record=False,
)


def check(role: Role, on: jdatetime.date = ON, **changes: object) -> Sheet:
    """Evaluate the qualified applicant with *changes* for *role* on *on*."""
    return evaluate(role, replace(QUALIFIED, **changes), on)  # type: ignore[arg-type]


def status(sheet: Sheet, condition_id: str) -> Status:
    return sheet.result(condition_id).status


def assert_only_unmet(sheet: Sheet, *ids: str) -> None:
    assert sheet.verdict is Verdict.NOT_ELIGIBLE
    assert sheet.unmet == ids


# ---- the qualified applicant, each post ----


@pytest.mark.parametrize("role", ALL_ROLES)
def test_qualified_applicant_is_eligible_for_every_post(role: Role) -> None:
    sheet = check(role)
    assert sheet.verdict is Verdict.ELIGIBLE
    assert sheet.unmet == () and sheet.unknown == ()
    assert sheet.eligible_from is None


def test_eligible_lists_the_declarations_to_verify_and_the_decisions_to_take() -> None:
    sheet = check(Role.MANAGER)
    assert sheet.declarations == ("4.2", "4.3", "4.4", "4.5", "4.7")
    assert sheet.decisions == ("5.4",)
    assert sheet.edition.id == "1392"


# ---- clauses waiting for the Directorate's decision: eligible only subject to it ----


def test_a_related_field_makes_the_it_expert_eligible_subject_to_the_decision_on_7_1() -> None:
    sheet = check(Role.IT_EXPERT, degree_field=DegreeField.RELATED, seminary_level=0)
    assert sheet.verdict is Verdict.ELIGIBLE  # the value bulk-vetting scripts read is unchanged
    assert sheet.waiting_on == ("7.1", "7.3")
    assert sheet.subject_to_decision


def test_computer_skills_alone_keep_an_applicant_waiting_on_the_directorate_6_3() -> None:
    sheet = check(Role.LEGAL_EXPERT)
    assert sheet.waiting_on == ("6.3",) and sheet.subject_to_decision


def test_only_an_eligible_verdict_is_subject_to_a_decision() -> None:
    undetermined = check(Role.CLERK, degree_field=DegreeField.RELATED, criminal_record=None)
    assert undetermined.verdict is Verdict.UNDETERMINED
    assert undetermined.waiting_on == ("7.1", "7.3")
    assert not undetermined.subject_to_decision
    unmet = check(Role.CLERK, degree_field=DegreeField.RELATED, citizenship=Citizenship.OTHER)
    assert unmet.verdict is Verdict.NOT_ELIGIBLE and not unmet.subject_to_decision


def test_nothing_waits_when_the_directorate_has_nothing_to_decide() -> None:
    sheet = check(Role.CLERK, computer_skills=False)
    assert sheet.waiting_on == () and not sheet.subject_to_decision


# ---- how the sheet says each status ----


def test_a_declaration_met_is_as_declared_never_verified_4_2() -> None:
    sheet = check(Role.CLERK)
    for clause in ("4.2", "4.3", "4.4", "4.5", "4.7"):
        assert sheet.result(clause).label == (DECLARED, {}), clause
    assert sheet.result("4.1").label == (STATUS_LABELS[Status.MET], {})  # decided: met
    refused = check(Role.CLERK, criminal_record=True).result("4.5")
    assert refused.label == (STATUS_LABELS[Status.NOT_MET], {})


def test_a_barred_applicant_is_barred_by_the_clause_of_article_8() -> None:
    sheet = check(Role.MANAGER, barred_occupations=occupations(Occupation.GOVERNMENT_EMPLOYEE))
    assert sheet.result("8.4").label == (BARRED_LABEL, {"article": 8, "clause": 4})
    assert BARRED_LABEL.format(article=8, clause=4) == "barred by Art. 8 clause 4"
    assert sheet.result("8.1").label == (NOT_BARRED, {})
    unknown = check(Role.MANAGER, barred_occupations=None).result("8.2")
    assert unknown.label == (STATUS_LABELS[Status.UNKNOWN], {})


def test_only_article_8_holds_bars() -> None:
    assert {c.id for c in EDITION_1392.conditions if c.bars} == {"8.1", "8.2", "8.3", "8.4"}


GENERAL = "4.1 4.2 4.3 4.4 4.5 4.6 4.7 "
BARRED = " 8.1 8.2 8.3 8.4"


@pytest.mark.parametrize(
    ("role", "ids"),
    [
        (Role.MANAGER, GENERAL + "5.1 5.2 5.3 5.4" + BARRED),
        (Role.LEGAL_EXPERT, GENERAL + "6.1 6.2 6.3" + BARRED),
        (Role.IT_EXPERT, GENERAL + "7.1 7.2 7.3" + BARRED),
        (Role.CLERK, GENERAL + "7.1 7.2 7.3" + BARRED),
    ],
)
def test_each_post_has_the_conditions_of_its_articles(role: Role, ids: str) -> None:
    assert tuple(c.id for c in conditions_for(role)) == tuple(ids.split())
    assert tuple(r.id for r in check(role).results) == tuple(ids.split())


# ---- Article 4: general conditions ----


def test_a_foreign_citizen_is_not_eligible_as_clerk_4_1() -> None:
    assert_only_unmet(check(Role.CLERK, citizenship=Citizenship.OTHER), "4.1")


def test_no_commitment_to_the_constitution_is_not_eligible_as_legal_expert_4_2() -> None:
    assert_only_unmet(check(Role.LEGAL_EXPERT, constitution_commitment=False), "4.2")


def test_no_commitment_to_islam_is_not_eligible_as_it_expert_4_3() -> None:
    assert_only_unmet(check(Role.IT_EXPERT, islam_commitment=False), "4.3")


def test_drug_addiction_is_not_eligible_as_manager_4_4() -> None:
    assert_only_unmet(check(Role.MANAGER, drug_addiction=True), "4.4")


def test_a_criminal_record_is_not_eligible_as_manager_4_5() -> None:
    sheet = check(Role.MANAGER, criminal_record=True)
    assert_only_unmet(sheet, "4.5")
    assert sheet.result("4.5").evidence == ("A certificate of no criminal record",)


def test_a_man_without_service_card_or_exemption_is_not_eligible_as_clerk_4_6() -> None:
    assert_only_unmet(check(Role.CLERK, military_service=MilitaryService.OTHER), "4.6")


def test_a_man_with_a_permanent_exemption_meets_4_6() -> None:
    sheet = check(Role.CLERK, military_service=MilitaryService.PERMANENT_EXEMPTION)
    assert status(sheet, "4.6") is Status.MET
    assert sheet.verdict is Verdict.ELIGIBLE


def test_4_6_does_not_apply_to_a_woman_whatever_her_service_answer() -> None:
    for service in (None, *MilitaryService):
        sheet = check(Role.LEGAL_EXPERT, gender=Gender.FEMALE, military_service=service)
        assert status(sheet, "4.6") is Status.NOT_APPLICABLE
        assert sheet.verdict is Verdict.ELIGIBLE


def test_4_6_with_gender_unanswered_and_service_completed_is_no_obstacle() -> None:
    sheet = check(Role.CLERK, gender=None, military_service=MilitaryService.COMPLETED)
    assert status(sheet, "4.6") is Status.MET
    assert sheet.verdict is Verdict.ELIGIBLE


def test_4_6_with_gender_unanswered_and_service_not_settled_is_unknown() -> None:
    sheet = check(Role.CLERK, gender=None, military_service=MilitaryService.OTHER)
    assert status(sheet, "4.6") is Status.UNKNOWN
    assert sheet.result("4.6").missing == ("gender",)
    assert sheet.verdict is Verdict.UNDETERMINED


def test_4_6_for_a_man_who_declines_the_service_question_is_unknown() -> None:
    sheet = check(Role.CLERK, military_service=None)
    assert status(sheet, "4.6") is Status.UNKNOWN
    assert sheet.result("4.6").missing == ("military_service",)


def test_lacking_physical_and_mental_capability_is_not_eligible_as_it_expert_4_7() -> None:
    assert_only_unmet(check(Role.IT_EXPERT, able_bodied=False), "4.7")


# ---- Articles 5.1, 6.1, 7.1: the degree and its alternatives ----


@pytest.mark.parametrize(
    "field", [DegreeField.LAW, DegreeField.FIQH, DegreeField.JUDICIAL_SCIENCES]
)
@pytest.mark.parametrize("degree", [Degree.BACHELOR, Degree.MASTER, Degree.DOCTORATE])
def test_bachelor_or_higher_in_a_named_field_meets_5_1(degree: Degree, field: DegreeField) -> None:
    sheet = check(Role.MANAGER, degree=degree, degree_field=field, seminary_level=None)
    assert status(sheet, "5.1") is Status.MET
    assert sheet.verdict is Verdict.ELIGIBLE


def test_a_degree_in_a_field_believed_related_needs_the_directorates_decision_5_1() -> None:
    sheet = check(Role.MANAGER, degree_field=DegreeField.RELATED, seminary_level=0)
    assert status(sheet, "5.1") is Status.NEEDS_OFFICIAL_DECISION
    assert sheet.verdict is Verdict.ELIGIBLE
    assert sheet.decisions == ("5.1", "5.4")


def test_a_related_field_with_the_seminary_unanswered_still_needs_only_a_decision_5_1() -> None:
    sheet = check(Role.MANAGER, degree_field=DegreeField.RELATED, seminary_level=None)
    assert status(sheet, "5.1") is Status.NEEDS_OFFICIAL_DECISION


def test_an_unrelated_degree_without_seminary_level_2_is_not_eligible_as_manager_5_1() -> None:
    assert_only_unmet(check(Role.MANAGER, degree_field=DegreeField.OTHER, seminary_level=1), "5.1")


def test_an_unrelated_degree_with_seminary_level_2_meets_5_1() -> None:
    sheet = check(Role.MANAGER, degree_field=DegreeField.OTHER, seminary_level=2)
    assert status(sheet, "5.1") is Status.MET


@pytest.mark.parametrize("level", [2, 3, 4])
def test_a_diploma_with_seminary_level_2_or_higher_meets_5_1(level: int) -> None:
    sheet = check(Role.MANAGER, degree=Degree.DIPLOMA, degree_field=None, seminary_level=level)
    assert status(sheet, "5.1") is Status.MET
    assert sheet.result("5.1").params == {"level": level, "minimum": 2}


def test_a_diploma_with_the_seminary_level_unanswered_is_unknown_not_unmet_5_1() -> None:
    sheet = check(Role.MANAGER, degree=Degree.DIPLOMA, degree_field=None, seminary_level=None)
    assert status(sheet, "5.1") is Status.UNKNOWN
    assert sheet.result("5.1").missing == ("seminary_level",)
    assert sheet.verdict is Verdict.UNDETERMINED


@pytest.mark.parametrize("degree", [Degree.NONE, Degree.DIPLOMA, Degree.ASSOCIATE])
def test_below_a_bachelors_even_in_law_without_seminary_is_not_eligible_5_1(
    degree: Degree,
) -> None:
    sheet = check(Role.MANAGER, degree=degree, degree_field=DegreeField.LAW, seminary_level=1)
    assert_only_unmet(sheet, "5.1")


def test_degree_unanswered_but_seminary_level_2_meets_5_1() -> None:
    sheet = check(Role.MANAGER, degree=None, degree_field=None, seminary_level=2)
    assert status(sheet, "5.1") is Status.MET


def test_a_bachelors_with_the_field_unanswered_and_no_seminary_is_unknown_5_1() -> None:
    sheet = check(Role.MANAGER, degree_field=None, seminary_level=0)
    assert status(sheet, "5.1") is Status.UNKNOWN
    assert sheet.result("5.1").missing == ("degree_field",)


def test_nothing_answered_about_the_degree_names_every_missing_fact_5_1() -> None:
    sheet = check(Role.MANAGER, degree=None, degree_field=None, seminary_level=None)
    assert sheet.result("5.1").missing == ("degree", "seminary_level")


def test_a_legal_expert_with_an_engineering_degree_is_not_eligible_6_1() -> None:
    sheet = check(Role.LEGAL_EXPERT, degree_field=DegreeField.OTHER, seminary_level=0)
    assert_only_unmet(sheet, "6.1")


def test_an_it_expert_with_a_computing_degree_is_not_eligible_7_1_as_printed() -> None:
    # Article 7 repeats Article 6's degree clause word for word: encoded as printed.
    sheet = check(Role.IT_EXPERT, degree_field=DegreeField.OTHER, seminary_level=0)
    assert_only_unmet(sheet, "7.1")
    assert any("word for word" in note for note in sheet.result("7.1").condition.notes)


def test_article_7_prints_the_same_degree_clause_as_articles_5_and_6() -> None:
    text = {c.id: c.text for c in EDITION_1392.conditions}
    assert text["7.1"] == text["5.1"]
    assert text["6.1"] == text["5.1"].replace("کارشناسی یا بالاتر", "کارشناسی با بالاتر")
    assert "با مدرک سطح دو" in text["7.1"]


# ---- Articles 5.2, 6.2, 7.2: age ----


def test_24_year_old_with_law_degree_is_not_eligible_as_manager_5_2() -> None:
    sheet = check(Role.MANAGER, birth_date=jdatetime.date(1379, 1, 1), experience_years=5)
    assert_only_unmet(sheet, "5.2")
    assert sheet.result("5.2").params["age"] == 24
    assert sheet.eligible_from == jdatetime.date(1404, 1, 1)


def test_24_year_old_is_not_eligible_as_legal_expert_6_2() -> None:
    assert_only_unmet(check(Role.LEGAL_EXPERT, birth_date=jdatetime.date(1379, 1, 1)), "6.2")


@pytest.mark.parametrize("role", [Role.IT_EXPERT, Role.CLERK])
def test_24_year_old_is_not_eligible_as_it_expert_or_clerk_7_2(role: Role) -> None:
    assert_only_unmet(check(role, birth_date=jdatetime.date(1379, 1, 1)), "7.2")


def test_age_is_met_on_the_25th_birthday_and_not_the_day_before() -> None:
    birth = jdatetime.date(1378, 7, 1)
    assert status(check(Role.CLERK, jdatetime.date(1403, 7, 1), birth_date=birth), "7.2") is (
        Status.MET
    )
    day_before = check(Role.CLERK, jdatetime.date(1403, 6, 31), birth_date=birth)
    assert status(day_before, "7.2") is Status.NOT_MET
    assert day_before.eligible_from == jdatetime.date(1403, 7, 1)


def test_the_reference_date_decides_the_age() -> None:
    birth = jdatetime.date(1378, 9, 10)
    # The same applicant, two registration calls.
    assert check(Role.LEGAL_EXPERT, jdatetime.date(1403, 9, 9), birth_date=birth).unmet == ("6.2",)
    later = check(Role.LEGAL_EXPERT, jdatetime.date(1403, 9, 10), birth_date=birth)
    assert later.verdict is Verdict.ELIGIBLE
    assert later.reference_date == jdatetime.date(1403, 9, 10)


def test_born_on_30_esfand_turns_25_on_1_farvardin_in_a_year_without_esfand_30() -> None:
    birth = jdatetime.date(1375, 12, 30)  # 1375 is a leap year; 1400 is not
    assert age_on(birth, jdatetime.date(1400, 12, 29)) == 24
    assert age_on(birth, jdatetime.date(1401, 1, 1)) == 25
    sheet = check(Role.MANAGER, jdatetime.date(1400, 12, 29), birth_date=birth, experience_years=5)
    assert_only_unmet(sheet, "5.2")
    assert sheet.eligible_from == jdatetime.date(1401, 1, 1)
    assert check(Role.MANAGER, jdatetime.date(1401, 1, 1), birth_date=birth).unmet == ()


def test_born_on_30_esfand_turns_25_on_30_esfand_in_a_leap_year() -> None:
    birth = jdatetime.date(1370, 12, 30)  # 1395 is a leap year
    assert date_of_age(birth, 25) == jdatetime.date(1395, 12, 30)
    assert age_on(birth, jdatetime.date(1395, 12, 29)) == 24
    assert age_on(birth, jdatetime.date(1395, 12, 30)) == 25


def test_eligible_from_is_given_only_when_age_is_the_only_unmet_condition() -> None:
    young = jdatetime.date(1380, 3, 10)
    assert check(Role.MANAGER, birth_date=young, experience_years=9).eligible_from == (
        jdatetime.date(1405, 3, 10)
    )
    assert check(Role.MANAGER, birth_date=young, experience_years=2).eligible_from is None
    assert check(Role.MANAGER, birth_date=young, criminal_record=True).eligible_from is None


def test_eligible_from_stands_beside_unknown_answers() -> None:
    sheet = check(Role.CLERK, birth_date=jdatetime.date(1380, 3, 10), criminal_record=None)
    assert sheet.verdict is Verdict.NOT_ELIGIBLE
    assert sheet.unknown == ("4.5",)
    assert sheet.eligible_from == jdatetime.date(1405, 3, 10)


def test_birth_date_unanswered_leaves_age_unknown() -> None:
    sheet = check(Role.CLERK, birth_date=None)
    assert status(sheet, "7.2") is Status.UNKNOWN
    assert sheet.verdict is Verdict.UNDETERMINED
    assert sheet.eligible_from is None


# ---- Article 5.3: experience (the manager only) ----


def test_four_years_of_experience_is_not_eligible_as_manager_5_3() -> None:
    sheet = check(Role.MANAGER, experience_years=4)
    assert_only_unmet(sheet, "5.3")
    assert sheet.result("5.3").params == {"experience": Duration(48), "minimum": 5, "date": ON}


def test_four_and_a_half_years_is_still_not_five_5_3() -> None:
    sheet = check(Role.MANAGER, experience_years=4.5)
    assert sheet.unmet == ("5.3",)
    assert sheet.result("5.3").params["experience"] == Duration(54)


def test_59_months_are_not_five_years_and_60_are_5_3() -> None:
    assert check(Role.MANAGER, experience_years=59 / 12).unmet == ("5.3",)
    assert check(Role.MANAGER, experience_years=60 / 12).unmet == ()


def test_experience_is_counted_up_to_the_reference_date_5_3() -> None:
    later = jdatetime.date(1405, 1, 1)
    assert check(Role.MANAGER, later).result("5.3").params["date"] == later


@pytest.mark.parametrize(
    ("years", "months", "parts"),
    [
        (3.5, 42, (3, 6)),
        (5, 60, (5, 0)),
        (0.5, 6, (0, 6)),
        (43 / 12, 43, (3, 7)),
        (4.99, 59, (4, 11)),
    ],
)
def test_a_duration_shows_whole_months_never_more_than_the_answer(
    years: float, months: int, parts: tuple[int, int]
) -> None:
    duration = Duration.of_years(years)
    assert duration.months == months
    assert (duration.years_part, duration.months_part) == parts


def test_experience_is_not_a_condition_for_the_other_posts() -> None:
    for role in (Role.LEGAL_EXPERT, Role.IT_EXPERT, Role.CLERK):
        assert check(role, experience_years=None).verdict is Verdict.ELIGIBLE


# ---- Articles 5.4, 6.3, 7.3: computer skills approved by the Directorate ----


@pytest.mark.parametrize(
    ("role", "clause"),
    [
        (Role.MANAGER, "5.4"),
        (Role.LEGAL_EXPERT, "6.3"),
        (Role.IT_EXPERT, "7.3"),
        (Role.CLERK, "7.3"),
    ],
)
def test_computer_skills_need_the_directorates_decision_and_never_pass_alone(
    role: Role, clause: str
) -> None:
    assert status(check(role, computer_skills=True), clause) is Status.NEEDS_OFFICIAL_DECISION
    assert_only_unmet(check(role, computer_skills=False), clause)
    unknown = check(role, computer_skills=None)
    assert status(unknown, clause) is Status.UNKNOWN
    assert unknown.verdict is Verdict.UNDETERMINED
    assert EDITION_1392.condition(clause).kind is Kind.OFFICIAL_DECISION


# ---- Article 8: barred occupations ----


@pytest.mark.parametrize(
    ("occupation", "clause"),
    [
        (Occupation.ATTORNEY, "8.1"),
        (Occupation.LEGAL_ADVISER, "8.1"),
        (Occupation.OFFICIAL_EXPERT, "8.1"),
        (Occupation.DISMISSED_JUDGE, "8.2"),
        (Occupation.DISMISSED_NOTARY, "8.2"),
        (Occupation.MERCHANT, "8.3"),
        (Occupation.GOVERNMENT_EMPLOYEE, "8.4"),
        (Occupation.PUBLIC_INSTITUTION_EMPLOYEE, "8.4"),
    ],
)
@pytest.mark.parametrize("role", ALL_ROLES)
def test_each_barred_occupation_is_not_eligible_for_any_post(
    role: Role, occupation: Occupation, clause: str
) -> None:
    assert_only_unmet(check(role, barred_occupations=occupations(occupation)), clause)


def test_an_attorney_and_a_merchant_fails_8_1_and_8_3() -> None:
    sheet = check(
        Role.MANAGER, barred_occupations=occupations(Occupation.ATTORNEY, Occupation.MERCHANT)
    )
    assert_only_unmet(sheet, "8.1", "8.3")


def test_a_partial_answer_on_occupations_leaves_the_unanswered_clauses_unknown() -> None:
    partial = {
        Occupation.ATTORNEY: False,
        Occupation.LEGAL_ADVISER: False,
        Occupation.OFFICIAL_EXPERT: False,
        Occupation.MERCHANT: None,
    }
    sheet = check(Role.CLERK, barred_occupations=partial)
    assert status(sheet, "8.1") is Status.MET
    assert sheet.unknown == ("8.2", "8.3", "8.4")
    assert sheet.verdict is Verdict.UNDETERMINED


def test_one_barred_occupation_in_a_partial_answer_is_enough_to_rule_out_8_3() -> None:
    sheet = check(Role.CLERK, barred_occupations={Occupation.MERCHANT: True})
    assert sheet.verdict is Verdict.NOT_ELIGIBLE
    assert sheet.unmet == ("8.3",)
    assert sheet.unknown == ("8.1", "8.2", "8.4")


def test_occupations_unanswered_leave_all_of_article_8_unknown() -> None:
    sheet = check(Role.MANAGER, barred_occupations=None)
    assert sheet.unknown == ("8.1", "8.2", "8.3", "8.4")


# ---- unknown answers never become yes or no ----


@pytest.mark.parametrize("role", ALL_ROLES)
def test_no_answers_at_all_is_undetermined_with_every_condition_unknown(role: Role) -> None:
    sheet = evaluate(role, Facts(), ON)
    assert sheet.verdict is Verdict.UNDETERMINED
    assert {r.status for r in sheet.results} == {Status.UNKNOWN}
    assert sheet.priority == ()


@pytest.mark.parametrize(
    ("fact", "clause"),
    [
        ("citizenship", "4.1"),
        ("constitution_commitment", "4.2"),
        ("islam_commitment", "4.3"),
        ("drug_addiction", "4.4"),
        ("criminal_record", "4.5"),
        ("able_bodied", "4.7"),
        ("birth_date", "5.2"),
        ("experience_years", "5.3"),
        ("computer_skills", "5.4"),
    ],
)
def test_i_dont_know_leaves_the_condition_unknown(fact: str, clause: str) -> None:
    sheet = check(Role.MANAGER, **{fact: None})
    assert sheet.unknown == (clause,)
    assert sheet.verdict is Verdict.UNDETERMINED
    assert sheet.result(clause).missing == (fact,)


def test_not_met_outweighs_unknown() -> None:
    sheet = check(Role.MANAGER, criminal_record=True, citizenship=None)
    assert sheet.verdict is Verdict.NOT_ELIGIBLE


_FULL_FACTS = st.builds(
    Facts,
    citizenship=st.sampled_from(Citizenship),
    constitution_commitment=st.booleans(),
    islam_commitment=st.booleans(),
    drug_addiction=st.booleans(),
    criminal_record=st.booleans(),
    able_bodied=st.booleans(),
    gender=st.sampled_from(Gender),
    military_service=st.sampled_from(MilitaryService),
    degree=st.sampled_from(Degree),
    degree_field=st.sampled_from(DegreeField),
    seminary_level=st.integers(0, 4),
    birth_date=st.dates().map(lambda d: jdatetime.date(1340 + d.year % 70, d.month, 1)),
    experience_years=st.integers(0, 30),
    computer_skills=st.booleans(),
    barred_occupations=st.sets(st.sampled_from(Occupation)).map(lambda s: occupations(*s)),
    approved_service_record=st.booleans(),
)


@settings(max_examples=300, deadline=None)
@given(
    full=_FULL_FACTS,
    hidden=st.sets(st.sampled_from([f.name for f in fields(Facts)])),
    role=st.sampled_from(Role),
)
def test_more_answers_never_reverse_a_decided_condition(
    full: Facts, hidden: set[str], role: Role
) -> None:
    partial = replace(full, **dict.fromkeys(hidden))  # type: ignore[arg-type]
    before, after = evaluate(role, partial, ON), evaluate(role, full, ON)
    for early, late in zip(before.results, after.results, strict=True):
        if early.status is Status.NOT_MET:
            assert late.status is Status.NOT_MET, early.id
        if early.status is Status.MET:
            assert late.status in (Status.MET, Status.NOT_APPLICABLE), early.id
    if before.verdict is not Verdict.UNDETERMINED:
        assert after.verdict is before.verdict


# ---- the note to Article 5: a priority, never a condition ----


def test_an_approved_service_record_is_a_priority_for_the_manager_not_a_condition() -> None:
    sheet = check(Role.MANAGER, approved_service_record=True)
    assert [p.id for p in sheet.priority] == ["5.note"]
    assert "5.note" not in [r.id for r in sheet.results]
    assert check(Role.MANAGER, approved_service_record=False).priority == ()
    assert check(Role.MANAGER, approved_service_record=None).verdict is Verdict.ELIGIBLE


def test_the_priority_is_not_given_to_an_ineligible_manager() -> None:
    # "In addition to the general and specific conditions above" (علاوه بر شرایط … فوق).
    assert "علاوه بر شرایط عمومی و اختصاصی فوق" in EDITION_1392.priorities[0].text
    sheet = check(Role.MANAGER, approved_service_record=True, criminal_record=True)
    assert sheet.verdict is Verdict.NOT_ELIGIBLE
    assert sheet.priority == ()


def test_the_priority_waits_for_an_undetermined_manager_to_be_eligible() -> None:
    sheet = check(Role.MANAGER, approved_service_record=True, criminal_record=None)
    assert sheet.verdict is Verdict.UNDETERMINED
    assert sheet.priority == ()


def test_the_priority_stands_beside_a_decision_the_directorate_must_take() -> None:
    sheet = check(Role.MANAGER, approved_service_record=True, degree_field=DegreeField.RELATED)
    assert sheet.subject_to_decision
    assert [p.id for p in sheet.priority] == ["5.note"]


def test_the_note_to_article_5_is_for_the_manager_only() -> None:
    assert check(Role.CLERK, approved_service_record=True).priority == ()


# ---- kinds, texts, citations ----


def test_kinds_of_conditions() -> None:
    kinds = {c.id: c.kind for c in EDITION_1392.conditions}
    declarations = {"4.2", "4.3", "4.4", "4.5", "4.7"}
    decisions = {"5.4", "6.3", "7.3"}
    assert {i for i, k in kinds.items() if k is Kind.DECLARATION} == declarations
    assert {i for i, k in kinds.items() if k is Kind.OFFICIAL_DECISION} == decisions
    assert {i for i, k in kinds.items() if k is Kind.DECIDED} == set(ALL_IDS) - declarations - (
        decisions
    )


def test_every_condition_cites_its_clause_and_carries_the_printed_text() -> None:
    printed = {clause.id: clause.text for clause in CLAUSES}
    assert tuple(c.id for c in EDITION_1392.conditions) == ALL_IDS
    for condition in EDITION_1392.conditions:
        assert condition.id == f"{condition.article}.{condition.clause}"
        assert condition.text == printed[condition.id]
        assert condition.question and condition.why and condition.evidence
        assert set(condition.facts) <= set(FACTS)


def test_the_printed_texts_are_the_directive_word_for_word() -> None:
    source = shared_file("directive", "directive-1392.fa.txt")
    flat = " ".join(line.strip() for line in source.read_text("utf-8").splitlines())
    for clause in CLAUSES:
        assert clause.text in flat, clause.id


def test_article_8_prints_two_clauses_3_cited_as_8_3_and_8_4() -> None:
    assert EDITION_1392.condition("8.3").printed == "۳"
    assert EDITION_1392.condition("8.4").printed == "۳"
    assert EDITION_1392.condition("8.4").notes


def test_the_8_4_question_says_that_serving_judges_are_in_the_governments_service() -> None:
    condition = EDITION_1392.condition("8.4")
    assert "serving judges" in condition.question
    assert "employee or servant of the government" in condition.question
    # The reading quotes the clause's own words: «کارمندان و مستخدمان دولت».
    [reading] = [note for note in condition.notes if "serving judge" in note]
    assert "کارمندان و مستخدمان دولت" in reading and "کارمندان و مستخدمان دولت" in condition.text


def test_every_question_serves_a_clause_of_each_post_it_is_asked_of() -> None:
    for role in Role:
        own = {c.id for c in conditions_for(role)} | {
            p.id for p in EDITION_1392.priorities_for(role)
        }
        for question in questions_for(role):
            assert own.intersection(question.serves), (role, question.fact)


def test_evidence_for_4_5_and_4_6() -> None:
    assert "criminal record" in EDITION_1392.condition("4.5").evidence[0]
    assert "completion card" in EDITION_1392.condition("4.6").evidence[0]


# ---- the edition ----


def test_the_1392_edition_names_its_regulation_and_dates() -> None:
    edition = EDITIONS["1392"]
    assert edition is EDITION_1392
    assert edition.number == "100/9970/9000"
    assert edition.issued == jdatetime.date(1392, 2, 28)
    assert edition.approved == jdatetime.date(1392, 2, 26)
    assert edition.effective == jdatetime.date(1392, 2, 28)


def test_the_edition_in_force() -> None:
    assert edition_in_force(jdatetime.date(1403, 1, 1)) is EDITION_1392
    assert edition_in_force(jdatetime.date(1392, 2, 28)) is EDITION_1392
    with pytest.raises(NoEditionInForce):
        edition_in_force(jdatetime.date(1392, 2, 27))


# ---- coverage ----


def test_coverage_lists_every_clause_of_articles_4_to_8_and_none_is_missing() -> None:
    lines = coverage()
    assert tuple(line.clause.id for line in lines if line.encoded_as == "condition") == ALL_IDS
    assert [line.clause.id for line in lines if line.encoded_as == "priority"] == ["5.note"]
    assert missing_clauses() == ()


# ---- questions ----


def test_question_order_for_the_manager() -> None:
    order = """citizenship constitution_commitment islam_commitment drug_addiction criminal_record
    gender military_service able_bodied degree degree_field seminary_level birth_date
    experience_years computer_skills barred_occupations approved_service_record"""
    assert EDITION_1392.facts_for(Role.MANAGER) == tuple(order.split())


@pytest.mark.parametrize("role", [Role.LEGAL_EXPERT, Role.IT_EXPERT, Role.CLERK])
def test_the_other_posts_are_not_asked_experience_or_service_record(role: Role) -> None:
    facts = [q.fact for q in questions_for(role)]
    assert "experience_years" not in facts
    assert "approved_service_record" not in facts
    assert len(facts) == 14


def test_military_service_is_not_asked_of_women() -> None:
    question = next(q for q in questions_for(Role.CLERK) if q.fact == "military_service")
    assert question.applies(Facts(gender=Gender.MALE))
    assert question.applies(Facts())
    assert not question.applies(Facts(gender=Gender.FEMALE))


def test_the_degree_questions_skip_what_cannot_change_5_1() -> None:
    by_fact = {q.fact: q for q in questions_for(Role.MANAGER)}
    assert not by_fact["degree_field"].applies(Facts(degree=Degree.DIPLOMA))
    assert by_fact["degree_field"].applies(Facts(degree=Degree.MASTER))
    law = Facts(degree=Degree.BACHELOR, degree_field=DegreeField.LAW)
    assert not by_fact["seminary_level"].applies(law)
    assert by_fact["seminary_level"].applies(replace(law, degree_field=DegreeField.RELATED))


def test_skipped_questions_never_leave_a_condition_unknown() -> None:
    # A woman with a law degree answers everything she is asked: nothing stays unknown.
    answers = replace(QUALIFIED, gender=Gender.FEMALE, military_service=None, seminary_level=None)
    asked: set[str] = set()
    while (question := next_question(Role.MANAGER, answers, asked)) is not None:
        asked.add(question.fact)
    assert "military_service" not in asked and "seminary_level" not in asked
    assert evaluate(Role.MANAGER, answers, ON).verdict is Verdict.ELIGIBLE


def test_facts_table_matches_the_facts_dataclass() -> None:
    assert tuple(FACTS) == tuple(f.name for f in fields(Facts))


# ---- plausibility ----


def test_a_birth_date_in_the_future_is_rejected() -> None:
    facts = Facts(birth_date=jdatetime.date(1404, 1, 1))
    with pytest.raises(ImplausibleAnswer) as raised:
        check_plausibility(facts, today=jdatetime.date(1403, 7, 1))
    assert raised.value.field == "birth_date"
    assert raised.value.params == {"birth_date": jdatetime.date(1404, 1, 1)}


def test_a_birth_date_after_the_reference_date_is_rejected() -> None:
    facts = Facts(birth_date=jdatetime.date(1395, 1, 1))
    problems = plausibility_problems(
        facts, today=jdatetime.date(1403, 7, 1), reference_date=jdatetime.date(1390, 1, 1)
    )
    assert [p.field for p in problems] == ["birth_date"]


def test_a_birth_date_that_cannot_be_true_is_not_for_the_applicant_to_confirm() -> None:
    facts = Facts(birth_date=jdatetime.date(1404, 1, 1))
    [problem] = plausibility_problems(facts, today=jdatetime.date(1403, 7, 1))
    assert not problem.confirmable


def test_more_experience_than_time_since_the_minimum_working_age_is_for_confirming() -> None:
    facts = Facts(birth_date=jdatetime.date(1380, 7, 1), experience_years=8)  # 22: 7 years
    with pytest.raises(ImplausibleAnswer) as raised:
        check_plausibility(facts, today=jdatetime.date(1402, 7, 1))
    problem = raised.value
    assert problem.field == "experience_years"
    assert problem.confirmable  # a check of plausibility (a setting), not of possibility
    assert problem.params == {
        "experience": Duration(96),
        "date": jdatetime.date(1402, 7, 1),
        "minimum": 15,
        "since": jdatetime.date(1395, 7, 1),
    }
    assert "only a check of plausibility" in problem.message
    assert "not a rule of the directive" in problem.message
    check_plausibility(replace(facts, experience_years=7), today=jdatetime.date(1402, 7, 1))


def test_the_working_age_check_counts_up_to_the_reference_date() -> None:
    facts = Facts(birth_date=jdatetime.date(1380, 7, 1), experience_years=8)
    today = jdatetime.date(1402, 7, 1)  # 7 years since turning 15
    # A registration call two years on: 9 years by then, so 8 is plausible.
    assert (
        plausibility_problems(facts, today=today, reference_date=jdatetime.date(1404, 7, 1)) == ()
    )
    # A call in the past: 5 years by then, so even 6 is too many on that date.
    earlier = jdatetime.date(1400, 7, 1)
    [problem] = plausibility_problems(
        replace(facts, experience_years=6), today=today, reference_date=earlier
    )
    assert problem.params["date"] == earlier


def test_the_minimum_working_age_is_a_setting() -> None:
    facts = Facts(birth_date=jdatetime.date(1380, 7, 1), experience_years=6)
    today = jdatetime.date(1402, 7, 1)
    check_plausibility(facts, today=today)
    with pytest.raises(ImplausibleAnswer):
        check_plausibility(facts, today=today, minimum_working_age=18)


def test_experience_without_a_birth_date_cannot_be_judged_implausible() -> None:
    assert plausibility_problems(Facts(experience_years=40), today=ON) == ()


# ---- catalogs ----
