"""A fake Bot API server (Telegram or Bale) for Daftar's end-to-end tests; see server.py."""

from tests.fakebotapi.server import (
    DEFAULT_TOKEN,
    ApiError,
    Call,
    FakeBotApi,
    StoredFile,
    WebhookDelivery,
)
from tests.fakebotapi.spec import (
    SHARED_BOTAPI_DIR,
    SpecUnavailable,
    Upload,
    Validator,
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
    "SHARED_BOTAPI_DIR",
    "ApiError",
    "Call",
    "FakeBotApi",
    "SpecUnavailable",
    "StoredFile",
    "Upload",
    "Validator",
    "WebhookDelivery",
    "load_bale_profile",
    "load_telegram_spec",
    "missing_specs",
    "require_specs",
]
