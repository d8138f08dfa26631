"""The markers of user-facing strings, `N_` and `NP_` (plural forms), for every room.

Defined in `bot/rules/markers.py`, since the rules import nothing of the project; see there.
"""

from bot.rules.markers import N_, NP_, Plural

__all__ = ["NP_", "N_", "Plural"]
