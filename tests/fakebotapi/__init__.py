"""A fake Bot API server (Telegram or Bale) for Daftar's end-to-end tests; see server.py."""

from tests.fakebotapi.media import SentFile
from tests.fakebotapi.server import (
    DEFAULT_TOKEN,
    ApiError,
    Call,
    FakeBotApi,
    StoredFile,
    WebhookDelivery,
)
from tests.fakebotapi.spec import (
    SpecUnavailable,
    Upload,
    Validator,
    botapi_dir,
    load_bale_profile,
    load_telegram_spec,
    missing_specs,
    require_specs,
)
from tests.fakebotapi.updates import BOT_ID, BOT_USERNAMES

__all__ = [
    "BOT_ID",
    "BOT_USERNAMES",
    "DEFAULT_TOKEN",
    "ApiError",
    "Call",
    "FakeBotApi",
    "SentFile",
    "SpecUnavailable",
    "StoredFile",
    "Upload",
    "Validator",
    "WebhookDelivery",
    "botapi_dir",
    "load_bale_profile",
    "load_telegram_spec",
    "missing_specs",
    "require_specs",
]
