"""What each platform allows, as data: flows never ask which platform they are on.

Bale is modelled on Telegram's Bot API but documents less (see the project's notes on Bale):
no parse_mode (every text is Bale Markdown), no setMyCommands, no webhook secret header, no
ReplyKeyboardRemove, callback queries without `chat_instance`, contact user ids of 32 bits.
"""

from __future__ import annotations

from dataclasses import dataclass

# Bale reads *bold*, _italic_, `code` and [links](url) in every text; these stand-ins look the
# same to a reader and are not markup.
_BALE_NEUTRAL = str.maketrans({"*": "∗", "_": "ˍ", "`": "ˋ", "[": "［", "]": "］"})


@dataclass(frozen=True)
class PlatformProfile:
    """One platform's limits and differences."""

    name: str
    text_limit: int
    callback_data_bytes: int
    callback_answer_limit: int
    download_limit_bytes: int
    set_my_commands: bool
    webhook_secret_header: bool
    remove_keyboard: bool
    markdown_everywhere: bool
    contact_id_bits: int | None

    def safe_text(self, text: str) -> str:
        """Text as the platform must receive it to show it literally."""
        return text.translate(_BALE_NEUTRAL) if self.markdown_everywhere else text

    def same_user(self, contact_user_id: int | None, sender_id: int) -> bool:
        """Whether a shared contact's user id is the sender's own."""
        if contact_user_id is None:
            return False
        if self.contact_id_bits is None:
            return contact_user_id == sender_id
        mask = (1 << self.contact_id_bits) - 1
        return (contact_user_id & mask) == (sender_id & mask)

    def can_answer_callback(self, callback_id: str) -> bool:
        """Whether the client that pressed the button can take answerCallbackQuery."""
        # Bale: an id starting with "1" comes from an old client that does not support it.
        return not (self.name == "bale" and callback_id.startswith("1"))


TELEGRAM = PlatformProfile(
    name="telegram",
    text_limit=4096,
    callback_data_bytes=64,
    callback_answer_limit=200,
    download_limit_bytes=20 * 1024 * 1024,
    set_my_commands=True,
    webhook_secret_header=True,
    remove_keyboard=True,
    markdown_everywhere=False,
    contact_id_bits=None,
)

BALE = PlatformProfile(
    name="bale",
    text_limit=4096,
    callback_data_bytes=64,
    callback_answer_limit=200,
    download_limit_bytes=20 * 1024 * 1024,
    set_my_commands=False,
    webhook_secret_header=False,
    remove_keyboard=False,
    markdown_everywhere=True,
    contact_id_bits=32,
)

PROFILES = {profile.name: profile for profile in (TELEGRAM, BALE)}


def split_text(text: str, limit: int) -> list[str]:
    """Cut *text* into pieces of at most *limit* characters, at line breaks where possible."""
    pieces: list[str] = []
    rest = text
    while len(rest) > limit:
        cut = rest.rfind("\n", 0, limit + 1)
        if cut <= 0:
            cut = rest.rfind(" ", 0, limit + 1)
        if cut <= 0:
            cut = limit
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip("\n ")
    pieces.append(rest)
    return [piece for piece in pieces if piece] or [""]
