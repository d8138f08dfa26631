"""The wizard's own buttons and words: Back, Cancel, "I don't know", Confirm, Edit, Done.

Their values are persisted in stored conversations and button tokens: never rename them.
"""

from __future__ import annotations

from bot.flows.framework.inputs import Input, Picked, Text
from bot.text.i18n import Translator
from bot.text.markers import N_
from bot.text.persian import match_key

BACK = "__back"
CANCEL = "__cancel"
UNKNOWN = "__unknown"
CONFIRM = "__confirm"
EDIT = "__edit:"
REVIEW = "__review"
RECONFIRM = "__reconfirm"
DONE = "__done"

CONTROL_LABELS = {
    N_("Back"): (N_("Back"), N_("« Back")),
    N_("Cancel"): (N_("Cancel"), N_("✖ Cancel")),
    N_("I don't know / prefer not to say"): (N_("I don't know / prefer not to say"),),
}


def is_control(t: Translator, text: str, control: str) -> bool:
    """Whether typed *text* is a control's word or its button's label, in either language."""
    key = match_key(text)
    labels = CONTROL_LABELS[control]
    return key in {match_key(t(label)) for label in labels} | {match_key(x) for x in labels}


def picks_unknown(t: Translator, received: Input) -> bool:
    """Whether the input is "I don't know / prefer not to say", pressed or typed."""
    if isinstance(received, Picked):
        return received.value == UNKNOWN
    if isinstance(received, Text):
        return is_control(t, received.text, N_("I don't know / prefer not to say"))
    return False
