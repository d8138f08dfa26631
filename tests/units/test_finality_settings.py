"""The two settings of final sanctions: the public chat a degree-4 reprimand is also posted to
(the service's extra; Art. 23.4's venue is the Center's website), and the Appeals Board's raise
on the manager's own appeal (not decided by the directive, Art. 24: off by default)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from bot.config import Settings


def settings(**values: object) -> Settings:
    return Settings(_env_file=None, **values)  # type: ignore[arg-type]


def test_the_defaults_post_nowhere_and_refuse_a_raise() -> None:
    default = settings()
    assert default.publication_chat is None and default.publication_target is None
    assert default.appeals_board_may_raise_on_own_appeal is False


@pytest.mark.parametrize(
    ("typed", "target"),
    [
        ("telegram:-1001234567890", ("telegram", -1_001_234_567_890)),
        (" bale:123 ", ("bale", 123)),
        ("", None),
    ],
)
def test_a_public_chat_is_a_platform_and_a_chat_number(
    typed: str, target: tuple[str, int] | None
) -> None:
    assert settings(publication_chat=typed).publication_target == target


@pytest.mark.parametrize("typed", ["telegram:@channel", "whatsapp:123", "-100123", "bale:"])
def test_anything_else_stops_start_up_with_the_form_it_takes(typed: str) -> None:
    with pytest.raises(ValidationError) as refused:
        settings(publication_chat=typed)
    assert "PLATFORM:CHAT_ID" in str(refused.value)
