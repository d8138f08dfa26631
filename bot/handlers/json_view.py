"""Bot API JSON read by attribute, as the frameworks' models are read, without building them.

`JsonView(raw)` wraps a dict (`update_view(raw)` an update's, checking its update_id first):
`view.message.chat.id` is `raw["message"]["chat"]["id"]`, a nested object is a view again, a list
a tuple of views, and a key the JSON leaves out is None (as an optional field of a model). The one
renamed key is the frameworks' `from_user` for the JSON's `from` (a Python keyword). Nothing is
copied or validated ahead of a read, so a view costs next to nothing; it is read-only.
`bot/handlers/convert.py:to_event` reads a view, an aiogram Update and a python-telegram-bot
Update alike.
"""

from __future__ import annotations

from typing import Any

_RENAMED = {"from_user": "from"}


def _wrap(value: Any) -> Any:
    if isinstance(value, dict):
        return JsonView(value)
    if isinstance(value, list):
        return tuple(_wrap(item) for item in value)
    return value


class JsonView:
    """A read-only attribute view of one JSON object (a dict)."""

    __slots__ = ("_raw",)

    def __init__(self, raw: dict[str, Any]) -> None:
        if not isinstance(raw, dict):
            raise ValueError(f"a JSON object is expected, not {type(raw).__name__}")
        object.__setattr__(self, "_raw", raw)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return _wrap(self._raw.get(_RENAMED.get(name, name)))

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"a JsonView is read-only ({name})")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"a JsonView is read-only ({name})")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, JsonView) and self._raw == other._raw

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"JsonView({self._raw!r})"


def update_view(raw: Any) -> JsonView:
    """A view of an update; ValueError unless *raw* is an object with an integer update_id."""
    if not isinstance(raw, dict):
        raise ValueError(f"an update must be a JSON object, not {type(raw).__name__}")
    update_id = raw.get("update_id")
    if not isinstance(update_id, int) or isinstance(update_id, bool):
        raise ValueError(f"an update needs an integer update_id, not {update_id!r}")
    return JsonView(raw)
