"""Art. 26 note 3, the repeat offender, on the store: the previous final ruling and its floor.

Note 3: "در صورتی که مدیر دفتر به حسب مورد به محکومیت‌های انتظامی ردیف‌های یک تا چهار محکوم و پس
از قطعیت حکم مجدداً مرتکب تخلف گردد، درجات بالاتر از حکم قبلی محکوم خواهد شد." Read here (see
`bot.rules.violations.escalation_floor`):

- the previous ruling is the office manager's sanction of degree 1 to 4 (the one that stands:
  the Appeals Board's replacement if it replaced it) that became final most recently, on a
  Tehran date strictly before the day the new violation was committed;
- the new sanction must be of a higher degree. Note 3 is mandatory (محکوم خواهد شد): there is no
  override, in chat or on the command line;
- note 3 names the office manager: a staff member of the office charged (Art. 25) has no floor.

    previous_ruling(session, settings, *, manager_id, committed_on) -> Floor | None
    check_floor(floor, degree, committed_on)   # raises RepeatOffence
"""

from __future__ import annotations

from dataclasses import dataclass

import jdatetime
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.domain.refusals import RepeatOffence
from bot.domain.standing import earlier_final_sanctions
from bot.rules.violations import EarlierSanction, previous_final
from bot.text.jalali import format_jalali_numeric


@dataclass(frozen=True)
class Floor:
    """The previous final ruling (note 3) and the least degree a new sanction may have."""

    decision_id: int
    degree: int  # the previous ruling's degree
    final_on: jdatetime.date

    @property
    def minimum(self) -> int:
        """The least degree the new sanction may have: one above the previous ruling's."""
        return self.degree + 1


async def previous_ruling(
    session: AsyncSession, settings: Settings, *, manager_id: int, committed_on: jdatetime.date
) -> Floor | None:
    """The manager's previous final ruling before *committed_on* (note 3), if there is one."""
    earlier = await earlier_final_sanctions(session, manager_id, settings.zone)
    ordered = sorted(earlier, key=lambda e: (e.final_on, e.decision_id))
    previous = previous_final(
        [EarlierSanction(e.degree, e.final_on) for e in ordered], committed_on
    )
    if previous is None or previous.final_on is None:
        return None
    chosen = [e for e in ordered if (e.degree, e.final_on) == (previous.degree, previous.final_on)]
    return Floor(chosen[-1].decision_id, previous.degree, previous.final_on)


def check_floor(floor: Floor | None, degree: int, committed_on: jdatetime.date) -> None:
    """Refuse a sanction not above the previous final ruling (note 3; no override)."""
    if floor is None or degree >= floor.minimum:
        return
    raise RepeatOffence(
        minimum_degree=floor.minimum,
        earlier_degree=floor.degree,
        new_degree=degree,
        earlier_decision_id=floor.decision_id,
        earlier_final_on=format_jalali_numeric(floor.final_on),
        committed_on=format_jalali_numeric(committed_on),
    )
