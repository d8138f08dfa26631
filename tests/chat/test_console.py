"""The console chat and the `daftar` command, run as a user would run them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.shared import CHECKOUT

DAFTAR = [sys.executable, "-m", "bot.cli"]


def run(
    args: list[str], stdin: str, tmp_path: Path, **env: str
) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DAFTAR_")}
    environment.update(
        DAFTAR_CONSOLE_DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'console.db'}",
        DAFTAR_DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'daftar.db'}",
        PYTHONPATH=str(CHECKOUT),
    )
    environment.update(env)
    return subprocess.run(
        [*DAFTAR, *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=environment,
        timeout=120,
        check=False,
    )


def test_start_without_a_token_opens_the_persian_console_chat(tmp_path: Path) -> None:
    done = run(["start"], "/start\n", tmp_path)
    assert done.returncode == 0, done.stderr
    assert "DAFTAR_TELEGRAM_TOKEN" in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert "چه کاری می‌خواهید انجام دهید؟" in done.stdout
    assert "] سنجش شرایط احراز سمت" in done.stdout and "] راهنما" in done.stdout


def test_help_in_english_after_switching(tmp_path: Path) -> None:
    done = run(["chat"], "/start\n/language en\n/help\n", tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Daftar helps with the Judiciary's directive" in done.stdout
    assert "100/9970/9000 of 1392/2/28" in done.stdout


def test_buttons_are_pressed_by_number_or_label(tmp_path: Path) -> None:
    # The language button by its label, English by its number (۲), then Help by its label.
    done = run(["chat"], "/start\nزبان / Language\n۲\nHelp\n", tmp_path)
    assert done.returncode == 0, done.stderr
    assert "زبان خود را انتخاب کنید:" in done.stdout
    assert "From now on I will speak English." in done.stdout
    # The help is the last reply, and offers its way on.
    assert done.stdout.rstrip().endswith(
        "Daftar gives information; it is not legal advice or a ruling.\n   [1] Main menu"
    )


def test_update_ids_keep_increasing_and_users_are_separate(tmp_path: Path) -> None:
    first = run(["chat"], "/language en\n", tmp_path)
    second = run(["chat"], "/help\n", tmp_path)
    other = run(["chat", "--user", "2"], "/help\n", tmp_path)
    assert first.returncode == second.returncode == other.returncode == 0
    # A second run is not mistaken for a redelivery of the first run's update 1.
    assert "Daftar helps" in second.stdout
    # User 2 never chose English.
    assert "«دفتر» در کارهای مربوط" in other.stdout


def test_a_sticker_and_a_missing_file_are_answered_politely(tmp_path: Path) -> None:
    done = run(["chat"], "/sticker\n/file /no/such/file\n", tmp_path)
    assert done.returncode == 0
    assert done.stdout.count("این نوع پیام را اینجا نمی‌توانم بپذیرم") == 2


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("DAFTAR_DEFAULT_LOCALE", "de"),
        ("DAFTAR_TIMEZONE", "Mars/Olympus"),
        ("DAFTAR_DATABASE_URL", "mysql://x"),
        ("DAFTAR_CONVERSATION_IDLE_HOURS", "-1"),
    ],
)
def test_a_bad_setting_stops_start_up_naming_the_variable(
    tmp_path: Path, variable: str, value: str
) -> None:
    done = run(["chat"], "/start\n", tmp_path, **{variable: value})
    assert done.returncode == 2
    assert variable in done.stderr
    assert done.stdout == ""


def test_secrets_are_never_printed(tmp_path: Path) -> None:
    from bot.config import Settings

    settings = Settings(_env_file=None, telegram_token="123:SECRET")  # type: ignore[call-arg]
    assert "SECRET" not in repr(settings) and "SECRET" not in str(settings.model_dump())


def test_db_upgrade_creates_the_store(tmp_path: Path) -> None:
    done = run(["db", "upgrade"], "", tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "daftar.db").exists()


def test_settings_come_from_a_dotenv_file(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("DAFTAR_DEFAULT_LOCALE=en\n", encoding="utf-8")
    done = run(["chat"], "/help\n", tmp_path)
    assert "Daftar helps with the Judiciary's directive" in done.stdout
