"""Daftar's settings: the command line, environment variables prefixed DAFTAR_, a config file.

Each setting is taken from the first of these that names it:

1. the command line: `--database-url` of any `daftar` command (`command_line` holds it while
   the command runs, so every `load_settings()` inside sees it);
2. the environment: `DAFTAR_DATABASE_URL=…`;
3. the config file, in the .env format: the file `DAFTAR_CONFIG` names, else the first `.env`
   in the working directory or one of its parents (`config_file`). A relative SQLite path or
   evidence folder written in that file is taken from the file's folder, so a command run
   from a subfolder reaches the same store;
4. the default below.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import timedelta
from pathlib import Path
from types import MappingProxyType
from typing import Literal, NoReturn
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dotenv import dotenv_values
from pydantic import Field, SecretStr, ValidationError, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.data import bundled_provinces
from bot.text.i18n import Locale

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///var/daftar.db"
CONSOLE_DATABASE_URL = "sqlite+aiosqlite:///var/console.db"
SQLITE_PREFIX = "sqlite+aiosqlite:///"
#: The variable that names the config file (then no .env is looked for).
CONFIG_VARIABLE = "DAFTAR_CONFIG"
CONFIG_NAME = ".env"
#: Settings whose relative path, written in the config file, is taken from the file's folder.
_PATHS_FROM_THE_FILE = ("database_url", "console_database_url", "evidence_dir")


class Settings(BaseSettings):
    """Everything Daftar reads from its environment; a bad value stops start-up."""

    model_config = SettingsConfigDict(
        env_prefix="DAFTAR_", env_file=None, env_file_encoding="utf-8", extra="ignore"
    )

    database_url: str = DEFAULT_DATABASE_URL
    console_database_url: str = CONSOLE_DATABASE_URL
    telegram_token: SecretStr | None = None
    telegram_api_url: str = "https://api.telegram.org"
    bale_token: SecretStr | None = None
    bale_api_url: str = "https://tapi.bale.ai"
    telegram_framework: Literal["direct", "aiogram", "ptb"] = "direct"
    bale_framework: Literal["direct", "aiogram", "ptb"] = "direct"
    webhook_base_url: str | None = None
    webhook_listen: str = "127.0.0.1:8080"
    # HOST:PORT for /healthz, /readyz and /metrics (bot/app/ops.py); unset: not served.
    ops_listen: str | None = None
    # Redis, for what several processes must share (redis://[:PASSWORD@]HOST:PORT/DB): the rate
    # limit of each bot (bot/handlers/ratelimit_redis.py); `daftar doctor` checks it answers.
    redis_url: str | None = None
    poll_timeout: int = Field(default=25, ge=0, le=50)
    workers: int = Field(default=32, ge=1, le=1000)
    inbox_lease_seconds: float = Field(default=60.0, gt=0)
    rate_per_second: float = Field(default=30.0, gt=0)
    rate_per_chat_per_second: float = Field(default=1.0, gt=0)
    send_attempts: int = Field(default=5, ge=1, le=20)
    resend_every_seconds: float = Field(default=30.0, gt=0)
    # A reply still unsent this long after it was decided is resent by the sweep.
    resend_after_seconds: float = Field(default=120.0, ge=0)
    # The directive sets no appeal deadline (Art. 24): this period is configuration, in days.
    appeal_window_days: int = Field(default=20, ge=1, le=365)
    # NOT decided by the directive (Art. 24 names who may appeal, not what the Appeals Board may
    # rule): whether the Board may replace a sanction with a heavier one when only the sanctioned
    # manager appealed. Off: refused; an appeal by the Center's head allows any ruling.
    appeals_board_may_raise_on_own_appeal: bool = False
    # The service's extra, not the law's venue: a public chat ("telegram:-1001234567890",
    # "bale:123") where a final degree-4 reprimand is also posted. Art. 23, degree 4 publishes it
    # on the Center's website; without a chat it is recorded as to be published there.
    publication_chat: str | None = None
    # How long a manager's or a staff member's invite code is valid: configuration, not law.
    invite_days: int = Field(default=7, ge=1, le=90)
    notice_reminders: int = Field(default=2, ge=0, le=10)
    notice_remind_after_hours: float = Field(default=48.0, gt=0)
    notice_attempts: int = Field(default=8, ge=1, le=100)
    notice_backoff_seconds: float = Field(default=2.0, gt=0)
    notice_lease_seconds: float = Field(default=60.0, gt=0)
    default_locale: Locale = "fa"
    timezone: str = "Asia/Tehran"
    conversation_idle_hours: float = Field(default=24.0, gt=0)
    processed_updates_keep_days: float = Field(default=7.0, gt=0)
    action_button_days: float = Field(default=14.0, gt=0)
    # Provinces with an Association of their own (Art. 12: Tehran, and others as formed):
    # configuration, comma-separated province keys; the others go to the nearest one.
    association_provinces: str = "tehran"
    complaints_per_day: int = Field(default=3, ge=1, le=100)
    # The directive sets no time for the Association's review (Art. 15(e)): after how many days
    # the desk lists a waiting complaint as overdue is configuration, in days.
    desk_overdue_days: int = Field(default=10, ge=1, le=365)
    # How long a complaint's personal details are kept: configuration, not law.
    complaint_retention_days: int = Field(default=1825, ge=1)
    evidence_dir: str = "var/evidence"
    evidence_max_mb: int = Field(default=20, ge=1, le=50)
    # A plausibility check, not law: an incident dated before this Jalali year is asked about
    # once ("Did you mean …?"); the directive is of 1392 and sets no such limit.
    incident_plausible_from_year: int = Field(default=1390, ge=1200, le=1500)
    # A plausibility check, not law: a birth date making an applicant older than this is asked
    # about once ("Is … right?"); Art. 5 sets no upper age.
    plausible_maximum_age: int = Field(default=100, ge=50, le=150)
    # Configuration, not law: see issue 4 (the directive sets no such age).
    eligibility_reference_date: str | None = None
    minimum_working_age: int = Field(default=15, ge=0, le=40)
    # The Association's service targets, in days from filing: configuration, not law (the
    # directive sets no time for the Association's review, Art. 15(e)). Shown to users as such.
    # A complaint still `received` after the first is reminded to the desk; one neither
    # referred to the Board nor closed after the second is reminded to the desk; one still so
    # after the third is reported to the Directorate (Art. 9(d): it supervises).
    desk_first_response_days: int = Field(default=7, ge=1, le=365)
    desk_referral_days: int = Field(default=30, ge=1, le=365)
    desk_escalation_days: int = Field(default=45, ge=1, le=730)
    # The service's configuration, not law (the directive sets no reporting calendar; Arts.
    # 9(d), 15 have the Association report to the Directorate): on the first day of each
    # Jalali month, from this hour in `timezone`, the previous month's report goes to every
    # chat of the directorate role, once. The scopes: a comma list of national,
    # association:KEY, province:KEY, or "associations" (one report for each Association).
    monthly_report: bool = True
    monthly_report_scopes: str = "national"
    monthly_report_hour: int = Field(default=8, ge=0, le=23)

    @field_validator("monthly_report_scopes")
    @classmethod
    def _report_scopes(cls, value: str, info: ValidationInfo) -> str:
        names = [name.strip() for name in value.split(",") if name.strip()]
        provinces = {province.key for province in bundled_provinces()}
        # association_provinces is validated before (it comes first): absent, it was refused.
        associations = str(info.data.get("association_provinces", "")).split(",")
        wrong = [
            name
            for name in names
            if name not in ("national", "associations")
            and not (name.startswith("province:") and name.partition(":")[2] in provinces)
            and not (name.startswith("association:") and name.partition(":")[2] in associations)
        ]
        if wrong:
            raise ValueError(
                f"unknown report scopes: {', '.join(wrong)}; use national, associations, "
                "association:KEY (a province of DAFTAR_ASSOCIATION_PROVINCES) or province:KEY"
            )
        return ",".join(dict.fromkeys(names))

    @property
    def monthly_report_scope_names(self) -> tuple[str, ...]:
        """The scopes of the monthly report, "associations" spelt out as each Association's."""
        names: list[str] = []
        for name in self.monthly_report_scopes.split(","):
            spelt = (
                [f"association:{key}" for key in self.association_keys]
                if name == "associations"
                else [name]
            )
            names += [n for n in spelt if n and n not in names]
        return tuple(names)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError(f"unknown time zone {value!r}") from error
        return value

    @field_validator("database_url", "console_database_url")
    @classmethod
    def _supported_store(cls, value: str) -> str:
        if not value.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
            raise ValueError("use sqlite+aiosqlite:///PATH or postgresql+asyncpg://USER@HOST/DB")
        return value

    @field_validator("publication_chat")
    @classmethod
    def _public_chat(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        platform, _, chat = value.strip().partition(":")
        if platform not in ("telegram", "bale") or not chat.lstrip("-").isdigit():
            raise ValueError(
                "PLATFORM:CHAT_ID, the chat's number, for example telegram:-1001234567890"
            )
        return f"{platform}:{int(chat)}"

    @property
    def publication_target(self) -> tuple[str, int] | None:
        """The public chat a degree-4 reprimand is also posted to, as (platform, chat id)."""
        if self.publication_chat is None:
            return None
        platform, _, chat = self.publication_chat.partition(":")
        return platform, int(chat)

    @field_validator("webhook_listen")
    @classmethod
    def _host_port(cls, value: str) -> str:
        host, _, port = value.rpartition(":")
        if not host or not port.isdigit():
            raise ValueError("HOST:PORT, for example 127.0.0.1:8080")
        return value

    @field_validator("webhook_base_url")
    @classmethod
    def _public_url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("http://", "https://")):
            raise ValueError("the public base URL the platform posts to, https://…")
        return value.rstrip("/") if value else value

    @field_validator("telegram_api_url", "bale_api_url")
    @classmethod
    def _base_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("a base URL starting with http:// or https://, without /bot")
        return value.rstrip("/")

    @field_validator("association_provinces")
    @classmethod
    def _province_keys(cls, value: str) -> str:
        keys = [key.strip() for key in value.split(",") if key.strip()]
        if not keys:
            raise ValueError("at least one province key, for example tehran")
        unknown = sorted(set(keys) - {province.key for province in bundled_provinces()})
        if unknown:
            raise ValueError(f"unknown province keys: {', '.join(unknown)}")
        return ",".join(keys)

    @property
    def association_keys(self) -> tuple[str, ...]:
        """The provinces that have an Association of their own."""
        return tuple(self.association_provinces.split(","))

    @property
    def zone(self) -> ZoneInfo:
        """The time zone dates are shown in."""
        return ZoneInfo(self.timezone)

    @property
    def conversation_idle(self) -> timedelta:
        """How long a conversation may sit untouched before it restarts."""
        return timedelta(hours=self.conversation_idle_hours)


class SettingsError(SystemExit):
    """Start-up stopped by a bad setting; the message names the variable."""


_COMMAND_LINE: ContextVar[Mapping[str, object]] = ContextVar(
    "daftar_command_line", default=MappingProxyType({})
)


@contextmanager
def command_line(**given: object) -> Iterator[None]:
    """Settings given on the command line (None: not given), seen by every `load_settings()`
    while the block runs; they win over the environment and the config file."""
    token = _COMMAND_LINE.set({name: value for name, value in given.items() if value is not None})
    try:
        yield
    finally:
        _COMMAND_LINE.reset(token)


def config_file(cwd: Path | None = None) -> Path | None:
    """The config file: the one DAFTAR_CONFIG names, else the nearest .env from *cwd* up."""
    here = (cwd or Path.cwd()).resolve()
    named = os.environ.get(CONFIG_VARIABLE)
    if named:
        path = here / Path(named).expanduser()
        if not path.is_file():
            _stop([f"{CONFIG_VARIABLE}: no such file: {path}"])
        return path
    for folder in (here, *here.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    return None


def _in_environment(field: str) -> bool:
    # pydantic-settings reads the environment without regard to case, so this does too.
    name = f"daftar_{field}"
    return any(key.lower() == name for key in os.environ)


def _written_in(path: Path) -> dict[str, str]:
    """The file's settings, by lower-case variable name."""
    values = dotenv_values(path, encoding="utf-8")
    return {key.lower(): value for key, value in values.items() if value is not None}


def _paths_from_the_file(path: Path) -> dict[str, str]:
    """The path settings the file names and the environment does not, from the file's folder."""
    written = _written_in(path)
    found = {}
    for field in _PATHS_FROM_THE_FILE:
        value = written.get(f"daftar_{field}")
        if value is not None and not _in_environment(field):
            found[field] = _rebased(value, path.parent)
    return found


def _rebased(value: str, folder: Path) -> str:
    """*value* (an SQLite URL or a folder) with a relative path taken from *folder*."""
    if value.startswith("sqlite"):
        path = sqlite_path(value)
        if path is None or path.is_absolute():
            return value
        return SQLITE_PREFIX + str(folder / path)
    if "://" in value or Path(value).expanduser().is_absolute():
        return value
    return str(folder / value)


def setting_source(field: str) -> str:
    """Where the value of *field* that `load_settings()` reads comes from, as the operator
    would change it: an option, a variable, a variable in the config file, or the default."""
    if field in _COMMAND_LINE.get():
        return "--" + field.replace("_", "-")
    if _in_environment(field):
        return f"DAFTAR_{field.upper()}"
    path = config_file()
    if path is not None and f"daftar_{field}" in _written_in(path):
        return f"DAFTAR_{field.upper()} in {path}"
    return "the default"


def load_settings(**overrides: object) -> Settings:
    """Read the settings (the command line, the environment, the config file, the defaults: see
    the module), turning a validation error into a message that names the variable."""
    path = config_file()
    given = {**(_paths_from_the_file(path) if path else {}), **_COMMAND_LINE.get(), **overrides}
    try:
        return Settings(_env_file=path, **given)  # type: ignore[arg-type]
    except ValidationError as error:
        lines = []
        for problem in error.errors():
            field = str(problem["loc"][0]) if problem["loc"] else "?"
            lines.append(f"DAFTAR_{field.upper()}: {problem['msg']}")
        _stop(lines)


def _stop(lines: list[str]) -> NoReturn:
    print("daftar: bad configuration\n  " + "\n  ".join(lines), file=sys.stderr)
    raise SettingsError(2) from None


def sqlite_path(url: str) -> Path | None:
    """The file behind an SQLite URL, or None for another store (or one in memory)."""
    if not url.startswith(SQLITE_PREFIX):
        return None
    path = url[len(SQLITE_PREFIX) :].split("?", 1)[0]
    if path in {"", ":memory:"}:
        return None
    return Path(path)
