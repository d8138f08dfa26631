"""The deployment recipes in deploy/ (issue #15), read as a deployer's tools would read them:
they name only settings the product has, run as an unprivileged user with the store and the
evidence on volumes, and the compose recipe's balancer reaches every bot process it starts.
Nothing here runs Docker (there is none on the test machines): what the recipes rest on is
run for real by tests/e2e/test_two_processes.py and tests/e2e/test_shared_limiter.py."""

from __future__ import annotations

import configparser
import re
from typing import Any

import yaml

from bot.config import Settings
from tests.conftest import is_product_setting
from tests.shared import CHECKOUT

DEPLOY = CHECKOUT / "deploy"
# The settings, and the two the command line reads before them (bot/cli.py: the log's level
# and format, for the settings' own errors).
SETTINGS = {f"DAFTAR_{name.upper()}" for name in Settings.model_fields} | {
    "DAFTAR_LOG_LEVEL",
    "DAFTAR_LOG_FORMAT",
}


def compose() -> dict[str, Any]:
    found: dict[str, Any] = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
    return found


def named_settings(text: str) -> set[str]:
    return {name for name in re.findall(r"\bDAFTAR_[A-Z0-9_]+", text) if is_product_setting(name)}


def test_every_recipe_names_only_settings_the_product_has() -> None:
    for path in sorted(DEPLOY.iterdir()):
        unknown = named_settings(path.read_text(encoding="utf-8")) - SETTINGS
        assert not unknown, f"{path.name}: {sorted(unknown)}"


def test_the_image_runs_daftar_unprivileged_with_its_data_on_a_volume() -> None:
    lines = (DEPLOY / "Dockerfile").read_text(encoding="utf-8").splitlines()
    instructions = [line.split(None, 1) for line in lines if line and not line.startswith("#")]
    users = [rest for word, *rest in instructions if word == "USER"]
    assert users and users[-1] != ["root"]
    assert any(word == "VOLUME" and "/srv/daftar/var" in rest[0] for word, *rest in instructions)
    for word, *rest in instructions:
        if word == "COPY":
            *sources, _target = rest[0].split()
            assert all((CHECKOUT / source).exists() for source in sources), sources
    assert instructions[-1] == ["CMD", '["daftar", "run"]']


def test_the_systemd_unit_runs_daftar_as_its_user_and_migrates_first() -> None:
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.read_string((DEPLOY / "daftar.service").read_text(encoding="utf-8"))
    service = unit["Service"]
    assert service["User"] == "daftar"
    assert service["ExecStartPre"].endswith("daftar db upgrade")
    assert service["ExecStart"].endswith("daftar run")
    assert service["KillSignal"] == "SIGTERM"


def test_compose_runs_two_bots_on_one_postgresql_store_and_one_redis() -> None:
    services = compose()["services"]
    bots = {name: s for name, s in services.items() if s.get("command") is None and "build" in s}
    assert sorted(bots) == ["bot-1", "bot-2"]
    for bot in bots.values():
        environment = bot["environment"]
        assert environment["DAFTAR_DATABASE_URL"].startswith("postgresql+asyncpg://")
        assert "@postgres:5432/" in environment["DAFTAR_DATABASE_URL"]
        assert environment["DAFTAR_REDIS_URL"] == "redis://redis:6379/0"
        assert "evidence:/srv/daftar/var/evidence" in bot["volumes"]  # shared by both
        # The schema is brought up once, by `migrate`, before either bot starts.
        assert bot["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert services["migrate"]["command"] == ["daftar", "db", "upgrade"]
    assert {"postgres", "redis", "caddy"} <= set(services)


def test_the_balancer_reaches_each_bot_on_its_webhook_and_checks_its_health() -> None:
    services = compose()["services"]
    caddyfile = (DEPLOY / "Caddyfile").read_text(encoding="utf-8")
    [upstreams] = re.findall(r"reverse_proxy ([^{]+)\{", caddyfile)
    health_port = re.search(r"health_port (\d+)", caddyfile)
    assert health_port is not None
    for name in ("bot-1", "bot-2"):
        environment = services[name]["environment"]
        webhook_port = environment["DAFTAR_WEBHOOK_LISTEN"].rpartition(":")[2]
        assert f"{name}:{webhook_port}" in upstreams.split()
        assert environment["DAFTAR_OPS_LISTEN"].endswith(f":{health_port[1]}")
    assert "health_uri /healthz" in caddyfile
    assert "./Caddyfile:/etc/caddy/Caddyfile:ro" in services["caddy"]["volumes"]
