"""The Bot API as data, and requests checked against it.

Two third-party documents describe what the fake accepts; neither is copied into the project.
Both are read at test time from the workspace's shared folder (``botapi/`` in the folder that
tests/shared.py finds, ``../shared`` beside the checkout):

- ``telegram-bot-api-10.1.json``: every method, its parameters and every object type of
  Telegram's Bot API 10.1;
- ``bale-profile.json``: what Bale documents of it, and where Bale differs.

A request is read the way the Bot API server reads it: every parameter arrives as a form field,
that is a string (a JSON body's scalars are read as their text), and a parameter of a complex
type (an object or an array) is a JSON-serialized value that is decoded and checked field by
field, recursively, against the object types of the spec.
"""

from __future__ import annotations

import functools
import html
import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from tests.shared import shared_dir, unavailable

TELEGRAM_SPEC_FILE = "telegram-bot-api-10.1.json"
BALE_PROFILE_FILE = "bale-profile.json"

SCALAR_TYPES = frozenset({"Integer", "Float", "Boolean", "String", "True", "InputFile"})

# Parameters Bale documents that Telegram's 10.1 no longer does (replaced by reply_parameters).
BALE_EXTRA_PARAMETERS: dict[str, tuple[str, ...]] = {"reply_to_message_id": ("Integer",)}

# Object types a Bale request may carry: those the profile documents, and those its documented
# fields imply (InlineKeyboardButton implies its InlineKeyboardMarkup; web_app and copy_text
# imply WebAppInfo and CopyTextButton). Everything else, ReplyKeyboardRemove and ForceReply
# included, is undocumented on Bale.
BALE_REQUEST_TYPES = frozenset(
    {
        "InlineKeyboardMarkup",
        "InlineKeyboardButton",
        "ReplyKeyboardMarkup",
        "KeyboardButton",
        "WebAppInfo",
        "CopyTextButton",
    }
)

CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
PARSE_MODES = frozenset({"html", "markdown", "markdownv2"})
INLINE_BUTTON_ACTIONS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
TEXT_METHODS = frozenset({"sendMessage", "editMessageText"})
CAPTION_METHODS = frozenset(
    {
        "sendPhoto",
        "sendDocument",
        "sendVideo",
        "sendAudio",
        "sendAnimation",
        "sendVoice",
        "sendPaidMedia",
        "copyMessage",
        "editMessageCaption",
    }
)
_CHAT_REF_FIELDS = frozenset({"chat_id", "from_chat_id"})
_USERNAME = re.compile(r"@[A-Za-z0-9_]{1,64}")
_INTEGER = re.compile(r"[+-]?[0-9]+")
_BOT_COMMAND = re.compile(r"[a-z0-9_]{1,32}")
_SECRET_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,256}")
_DISCRIMINATOR = re.compile(r"(?:must be|always) [\"“]?([a-z_]+)")


class SpecUnavailable(RuntimeError):
    """The shared Bot API documents are not where the fake looks for them."""


def botapi_dir() -> Path:
    """Where the fake looks for the documents: ``botapi/`` in the shared folder."""
    return shared_dir() / "botapi"


def missing_specs(directory: Path | None = None) -> str | None:
    """Why the fake cannot run here (a reason to print), or None when both documents exist."""
    directory = directory or botapi_dir()
    absent = [
        name for name in (TELEGRAM_SPEC_FILE, BALE_PROFILE_FILE) if not (directory / name).is_file()
    ]
    if not absent:
        return None
    return (
        f"the shared Bot API documents are absent: {', '.join(absent)} not in {directory} "
        "(the fake Bot API validates every request against them)"
    )


def require_specs(directory: Path | None = None) -> None:
    """Skip the calling test, with the reason printed, when the shared documents are absent;
    in CI, fail it with that reason (CI has the shared folder)."""
    reason = missing_specs(directory)
    if reason is not None:
        unavailable(reason)


@dataclass(frozen=True)
class FieldDef:
    name: str
    types: tuple[str, ...]
    required: bool
    description: str = ""


@dataclass(frozen=True)
class TypeDef:
    name: str
    fields: Mapping[str, FieldDef]
    subtypes: tuple[str, ...] = ()
    discriminator: tuple[str, str] | None = None  # (field, value) a subtype is recognised by


@dataclass(frozen=True)
class MethodDef:
    name: str
    fields: Mapping[str, FieldDef]
    returns: tuple[str, ...]


def _fields(raw: Iterable[Mapping[str, Any]]) -> dict[str, FieldDef]:
    return {
        item["name"]: FieldDef(
            name=item["name"],
            types=tuple(item["types"]),
            required=bool(item["required"]),
            description=str(item.get("description", "")),
        )
        for item in raw
    }


def _discriminator(fields: Mapping[str, FieldDef]) -> tuple[str, str] | None:
    for definition in fields.values():
        if definition.required and definition.types == ("String",):
            match = _DISCRIMINATOR.search(definition.description)
            if match:
                return definition.name, match.group(1)
    return None


class TelegramSpec:
    """Telegram's Bot API, as the 10.1 JSON describes it."""

    def __init__(self, raw: Mapping[str, Any]) -> None:
        self.version = str(raw.get("version", "?"))
        self.methods: dict[str, MethodDef] = {
            name: MethodDef(name, _fields(item.get("fields", [])), tuple(item.get("returns", [])))
            for name, item in raw["methods"].items()
        }
        types: dict[str, TypeDef] = {}
        for name, item in raw["types"].items():
            fields = _fields(item.get("fields", []))
            types[name] = TypeDef(
                name, fields, tuple(item.get("subtypes", [])), _discriminator(fields)
            )
        self.types = types
        self._lower = {name.lower(): name for name in self.methods}
        update = types["Update"].fields
        self.update_kinds = frozenset(name for name in update if name != "update_id")

    def canonical_method(self, name: str) -> str | None:
        """The method's documented name; the Bot API reads method names case-insensitively."""
        return self._lower.get(name.lower())


@dataclass(frozen=True)
class BaleProfile:
    """What Bale documents of the Bot API, from bale-profile.json."""

    methods: Mapping[str, tuple[str, ...]]
    objects: Mapping[str, Mapping[str, Any]]
    not_documented: tuple[str, ...]
    limits: Mapping[str, Any]
    update_fields: tuple[str, ...]

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> BaleProfile:
        return cls(
            methods={name: tuple(params) for name, params in raw["methods"].items()},
            objects=dict(raw.get("objects", {})),
            not_documented=tuple(raw.get("not_documented", [])),
            limits=dict(raw.get("limits", {})),
            update_fields=tuple(raw.get("update_fields", [])),
        )

    def documented_fields(self, type_name: str) -> frozenset[str] | None:
        entry = self.objects.get(type_name, {})
        documented = entry.get("documented")
        return frozenset(documented) if documented is not None else None

    def omitted_fields(self, type_name: str) -> frozenset[str]:
        return frozenset(
            self.objects.get(type_name, {}).get("telegram_requires_but_bale_omits", [])
        )

    def allowed_values(self, type_name: str, key: str) -> frozenset[str] | None:
        values = self.objects.get(type_name, {}).get(key)
        return frozenset(values) if values is not None else None


def load_telegram_spec(directory: Path | None = None) -> TelegramSpec:
    """Telegram's spec from *directory* (default: the shared folder's botapi/), read once."""
    return _telegram_spec(directory or botapi_dir())


def load_bale_profile(directory: Path | None = None) -> BaleProfile:
    """Bale's profile from *directory* (default: the shared folder's botapi/), read once."""
    return _bale_profile(directory or botapi_dir())


# Cached by the folder actually read, so a test that names another folder reads that one.
@functools.lru_cache(maxsize=4)
def _telegram_spec(directory: Path) -> TelegramSpec:
    path = directory / TELEGRAM_SPEC_FILE
    if not path.is_file():
        raise SpecUnavailable(missing_specs(directory) or str(path))
    return TelegramSpec(json.loads(path.read_text(encoding="utf-8")))


@functools.lru_cache(maxsize=4)
def _bale_profile(directory: Path) -> BaleProfile:
    path = directory / BALE_PROFILE_FILE
    if not path.is_file():
        raise SpecUnavailable(missing_specs(directory) or str(path))
    return BaleProfile.from_json(json.loads(path.read_text(encoding="utf-8")))


@dataclass(frozen=True)
class Upload:
    """A file that arrived as a multipart part."""

    name: str
    filename: str
    content_type: str
    data: bytes


@dataclass
class Checked:
    """What checking one request found."""

    method: str | None
    params: dict[str, Any] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _short(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def form_text(value: Any) -> str:
    """A JSON body's scalar as the Bot API reads it: the text a form field would have carried."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return json.dumps(value)
    return json.dumps(value, ensure_ascii=False)


class _HtmlText(HTMLParser):
    """Reads Telegram's HTML subset: reports unsupported or unbalanced tags; collects the text."""

    ALLOWED = frozenset(
        {
            "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler",
            "a", "code", "pre", "blockquote", "tg-emoji", "tg-time",
        }
    )  # fmt: skip

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.ALLOWED:
            self.errors.append(f'unsupported start tag "{tag}"')
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f'unexpected end tag "{tag}"')
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if "<" in data:
            self.errors.append('a bare "<" must be written &lt;')
        self.parts.append(data)

    def handle_entityref(self, name: str) -> None:
        self.parts.append(html.unescape(f"&{name};"))

    def handle_charref(self, name: str) -> None:
        self.parts.append(html.unescape(f"&#{name};"))


def html_plain_text(text: str) -> tuple[str, list[str]]:
    """The text Telegram would show for parse_mode HTML, and why it could not parse it."""
    parser = _HtmlText()
    parser.feed(text)
    parser.close()
    errors = list(parser.errors)
    if parser.stack:
        errors.append(f'unclosed tag "{parser.stack[-1]}"')
    return "".join(parser.parts), errors


def bale_markdown_warnings(text: str) -> list[str]:
    """Marks Bale may read as Markdown although they are probably meant literally."""
    warnings = []
    for mark in ("*", "_", "`"):
        if text.count(mark) % 2:
            warnings.append(f"an unpaired {mark!r} (Bale reads every text as Markdown)")
    if text.count("[") != text.count("]"):
        warnings.append("unbalanced square brackets (Bale reads [text](url) as a link)")
    return warnings


class Validator:
    """Checks requests against Telegram's spec and, for Bale, the Bale profile as well."""

    def __init__(self, spec: TelegramSpec, bale: BaleProfile | None = None) -> None:
        self.spec = spec
        self.bale = bale
        limits = bale.limits if bale is not None else {}
        self.text_limit = int(limits.get("text_chars", 4096))
        self.caption_limit = int(limits.get("caption_chars_send", 1024))
        self.callback_data_limit = int(limits.get("callback_data_bytes", 64))
        self.callback_answer_limit = int(limits.get("answerCallbackQuery_text_chars", 200))

    @property
    def platform(self) -> str:
        return "Bale" if self.bale is not None else "Telegram"

    # -- requests -------------------------------------------------------------------------

    def check_request(
        self, method: str, raw: Mapping[str, Any], uploads: Mapping[str, Upload] | None = None
    ) -> Checked:
        """Check one request's parameters (form strings, JSON values or uploads)."""
        uploads = uploads or {}
        canonical = self.spec.canonical_method(method)
        checked = Checked(canonical)
        problems = checked.problems
        if canonical is None:
            problems.append(f'unknown method "{method}"')
            return checked
        definition = self.spec.methods[canonical]
        bale_params: tuple[str, ...] | None = None
        if self.bale is not None:
            bale_params = self.bale.methods.get(canonical)
            if bale_params is None:
                problems.append(f"method {canonical} is not documented by Bale")
        referenced = {
            value[len("attach://") :]
            for value in raw.values()
            if isinstance(value, str) and value.startswith("attach://")
        }
        for name, value in raw.items():
            if value is None:
                continue
            if isinstance(value, Upload) and name not in definition.fields and name in referenced:
                continue  # a part named by an attach:// reference elsewhere
            field_def = definition.fields.get(name)
            types = field_def.types if field_def is not None else None
            if bale_params is not None:
                if name not in bale_params:
                    problems.append(f'parameter "{name}" is not documented by Bale for {canonical}')
                    continue
                if types is None:
                    types = BALE_EXTRA_PARAMETERS.get(name)
            if types is None:
                problems.append(f'unknown parameter "{name}" for {canonical}')
                continue
            decoded, errors = self._parameter(name, value, types, uploads)
            problems.extend(errors)
            if not errors:
                checked.params[name] = decoded
        for name, field_def in definition.fields.items():
            if field_def.required and raw.get(name) is None:
                problems.append(f'missing required parameter "{name}" for {canonical}')
        if not problems:
            self._limits(canonical, checked)
        return checked

    def _parameter(
        self, name: str, value: Any, types: Sequence[str], uploads: Mapping[str, Upload]
    ) -> tuple[Any, list[str]]:
        expected = " or ".join(types)
        if isinstance(value, Upload):
            if "InputFile" in types:
                return value, []
            return None, [f"{name}: a file upload where {expected} is expected"]
        scalars = [t for t in types if t in SCALAR_TYPES]
        complex_types = [t for t in types if t not in SCALAR_TYPES]
        if isinstance(value, dict | list):
            if complex_types:
                return value, self._value(name, value, complex_types, name)
            return None, [f"{name}: expected {expected}, got {_kind(value)}"]
        text = form_text(value)
        for scalar in scalars:
            ok, decoded = self._form_scalar(name, text, scalar, uploads)
            if ok:
                return decoded, []
        if not complex_types:
            return None, [f"{name}: expected {self._describe(name, types)}, got {_short(text)}"]
        try:
            decoded = json.loads(text)
        except ValueError:
            return None, [f"{name}: expected JSON-serialized {expected}, got {_short(text)}"]
        return decoded, self._value(name, decoded, complex_types, name)

    @staticmethod
    def _describe(name: str, types: Sequence[str]) -> str:
        if name in _CHAT_REF_FIELDS and set(types) == {"Integer", "String"}:
            return "Integer or String (@username)"
        return " or ".join(types)

    @staticmethod
    def _form_scalar(
        name: str, text: str, scalar: str, uploads: Mapping[str, Upload]
    ) -> tuple[bool, Any]:
        if scalar == "Integer":
            if _INTEGER.fullmatch(text) and abs(int(text)) < 2**63:
                return True, int(text)
            return False, None
        if scalar == "Float":
            try:
                number = float(text)
            except ValueError:
                return False, None
            return math.isfinite(number), number
        if scalar == "Boolean":
            if text.lower() in {"true", "false"}:
                return True, text.lower() == "true"
            return False, None
        if scalar == "True":
            return text.lower() == "true", True
        if scalar == "InputFile":
            if text.startswith("attach://"):
                return text[len("attach://") :] in uploads, text
            return bool(text), text
        # String
        if name in _CHAT_REF_FIELDS:
            return bool(_USERNAME.fullmatch(text)), text
        return True, text

    # -- values inside JSON-serialized parameters ---------------------------------------------

    def _expand(self, types: Sequence[str]) -> list[str]:
        expanded: list[str] = []
        for name in types:
            definition = self.spec.types.get(name)
            if definition is not None and definition.subtypes:
                expanded.extend(self._expand(definition.subtypes))
            else:
                expanded.append(name)
        return expanded

    def _fit(self, value: Any, type_name: str) -> int:
        """How well a JSON value fits a type before looking closer: 2 surely, 1 kind only, 0 not."""
        if type_name.startswith("Array of "):
            return 2 if isinstance(value, list) else 0
        if type_name in SCALAR_TYPES:
            return 2 if not isinstance(value, dict | list) else 0
        if not isinstance(value, dict):
            return 0
        definition = self.spec.types.get(type_name)
        if definition is None:
            return 1
        if definition.discriminator is not None:
            key, expected = definition.discriminator
            return 2 if value.get(key) == expected else 1
        required = [f for f, d in definition.fields.items() if d.required]
        if required and all(value.get(f) is not None for f in required):
            return 2
        return 1 if required else 2

    def _value(self, path: str, value: Any, types: Sequence[str], field_name: str) -> list[str]:
        candidates = self._expand(types)
        reports: list[tuple[int, str, list[str]]] = []
        for type_name in candidates:
            errors = self._one(path, value, type_name, field_name)
            if not errors:
                return []
            reports.append((self._fit(value, type_name), type_name, errors))
        best = max(score for score, _name, _errors in reports)
        fitting = [report for report in reports if report[0] == best]
        if best == 0:
            expected = self._describe(field_name, types)
            return [f"{path}: expected {expected}, got {_kind(value)} {_short(value)}"]
        if len(fitting) == 1 or best == 2:
            return fitting[0][2]
        names = ", ".join(name for _score, name, _errors in fitting)
        return [f"{path}: an object that fits none of {names} (missing required fields)"]

    def _one(self, path: str, value: Any, type_name: str, field_name: str) -> list[str]:
        if type_name.startswith("Array of "):
            if not isinstance(value, list):
                return [f"{path}: expected {type_name}, got {_kind(value)}"]
            item_type = type_name[len("Array of ") :]
            errors: list[str] = []
            for index, item in enumerate(value):
                errors.extend(self._value(f"{path}[{index}]", item, [item_type], field_name))
            return errors
        if type_name in SCALAR_TYPES:
            return self._json_scalar(path, value, type_name, field_name)
        return self._object(path, value, type_name)

    @staticmethod
    def _json_scalar(path: str, value: Any, type_name: str, field_name: str) -> list[str]:
        ok = False
        if type_name == "Integer":
            ok = isinstance(value, int) and not isinstance(value, bool)
        elif type_name == "Float":
            ok = isinstance(value, int | float) and not isinstance(value, bool)
        elif type_name == "Boolean":
            ok = isinstance(value, bool)
        elif type_name == "True":
            ok = value is True
        elif type_name == "InputFile":
            ok = isinstance(value, str) and bool(value)
        elif type_name == "String":
            ok = isinstance(value, str)
            if ok and field_name in _CHAT_REF_FIELDS:
                ok = bool(_USERNAME.fullmatch(value))
        if ok:
            return []
        return [f"{path}: expected {type_name}, got {_kind(value)} {_short(value)}"]

    def _object(self, path: str, value: Any, type_name: str) -> list[str]:
        definition = self.spec.types.get(type_name)
        if definition is None:
            return [f"{path}: the spec has no type {type_name}"]
        if not isinstance(value, dict):
            return [f"{path}: expected {type_name} (an object), got {_kind(value)}"]
        errors: list[str] = []
        documented: frozenset[str] | None = None
        if self.bale is not None:
            if type_name not in BALE_REQUEST_TYPES:
                return [f"{path}: {type_name} is not documented by Bale"]
            documented = self.bale.documented_fields(type_name)
        for key, item in value.items():
            field_def = definition.fields.get(key)
            if field_def is None:
                errors.append(f'{path}: unknown field "{key}" for {type_name}')
                continue
            if documented is not None and key not in documented:
                errors.append(f'{path}: field "{key}" of {type_name} is not documented by Bale')
                continue
            if item is None:
                continue
            errors.extend(self._value(f"{path}.{key}", item, field_def.types, key))
        for key, field_def in definition.fields.items():
            if field_def.required and value.get(key) is None:
                errors.append(f'{path}: missing required field "{key}" for {type_name}')
        if not errors:
            errors.extend(self._object_rules(path, value, type_name))
        return errors

    def _object_rules(self, path: str, value: Mapping[str, Any], type_name: str) -> list[str]:
        errors: list[str] = []
        if type_name == "InlineKeyboardButton":
            actions = [key for key in INLINE_BUTTON_ACTIONS if key in value]
            if len(actions) != 1:
                errors.append(
                    f"{path}: an inline keyboard button needs exactly one of "
                    f"{', '.join(INLINE_BUTTON_ACTIONS)} (has {', '.join(actions) or 'none'})"
                )
            data = value.get("callback_data")
            if isinstance(data, str):
                size = len(data.encode("utf-8"))
                if not 1 <= size <= self.callback_data_limit:
                    errors.append(
                        f"{path}.callback_data: {size} bytes; it must be "
                        f"1-{self.callback_data_limit} bytes (BUTTON_DATA_INVALID)"
                    )
        elif type_name == "ReplyKeyboardRemove" and value.get("remove_keyboard") is not True:
            errors.append(f"{path}.remove_keyboard: must be true")
        elif type_name == "ForceReply" and value.get("force_reply") is not True:
            errors.append(f"{path}.force_reply: must be true")
        elif type_name == "BotCommand":
            command = value.get("command", "")
            if not _BOT_COMMAND.fullmatch(command):
                errors.append(
                    f"{path}.command: {command!r}: 1-32 lowercase letters, digits or underscores"
                )
            if not 1 <= len(value.get("description", "")) <= 256:
                errors.append(f"{path}.description: must be 1-256 characters")
        elif type_name in {"KeyboardButton", "InlineKeyboardButton"} and not value.get("text"):
            errors.append(f"{path}.text: a button's text must not be empty")
        return errors

    # -- limits that matter ---------------------------------------------------------------

    def _limits(self, method: str, checked: Checked) -> None:
        params = checked.params
        problems = checked.problems
        parse_mode = params.get("parse_mode")
        if isinstance(parse_mode, str) and parse_mode.lower() not in PARSE_MODES:
            problems.append(f"unsupported parse_mode {parse_mode!r}")
            return
        for name, limit, minimum in (
            ("text", self.text_limit, 1),
            ("caption", self.caption_limit, 0),
        ):
            if name == "text" and method not in TEXT_METHODS:
                continue
            if name == "caption" and method not in CAPTION_METHODS:
                continue
            text = params.get(name)
            if not isinstance(text, str):
                continue
            shown = text
            if isinstance(parse_mode, str) and parse_mode.lower() == "html":
                shown, errors = html_plain_text(text)
                problems.extend(f"can't parse entities in {name}: {error}" for error in errors)
            if len(shown.strip()) < minimum:
                problems.append(f"message {name} is empty")
            elif len(shown) > limit:
                problems.append(
                    f"message {name} is too long: {len(shown)} characters, at most {limit}"
                )
            if self.bale is not None:
                checked.warnings.extend(
                    f"{method} {name}: {warning}" for warning in bale_markdown_warnings(text)
                )
        if method == "answerCallbackQuery":
            text = params.get("text")
            if isinstance(text, str) and len(text) > self.callback_answer_limit:
                problems.append(
                    f"answerCallbackQuery text is {len(text)} characters, "
                    f"at most {self.callback_answer_limit}"
                )
        elif method == "sendChatAction" and params.get("action") not in CHAT_ACTIONS:
            problems.append(f"wrong parameter action in request: {params.get('action')!r}")
        elif method == "setWebhook":
            token = params.get("secret_token")
            if isinstance(token, str) and not _SECRET_TOKEN.fullmatch(token):
                problems.append("secret_token: 1-256 characters of A-Z, a-z, 0-9, _ and -")
        if method in {"getUpdates", "setWebhook"}:
            kinds = params.get("allowed_updates")
            if isinstance(kinds, list):
                unknown = [kind for kind in kinds if kind not in self.spec.update_kinds]
                if unknown:
                    problems.append(f"allowed_updates: unknown update types {unknown}")
        if method in {"editMessageText", "editMessageReplyMarkup", "editMessageCaption"}:
            by_chat = "chat_id" in params and "message_id" in params
            if not by_chat and "inline_message_id" not in params:
                problems.append(f"{method} needs chat_id and message_id, or inline_message_id")

    # -- objects the fake itself sends (updates and results) ----------------------------------

    def check_sent_object(self, value: Any, type_name: str, path: str = "") -> list[str]:
        """Check an object the fake sends (an Update, a Message...) against the spec.

        On Bale, fields the profile says Bale omits may be missing, only its documented fields
        may appear on the objects it lists, and chat and entity types are Bale's.
        """
        return _SentChecker(self.spec, self.bale).value(path or type_name, value, [type_name])


class _SentChecker:
    def __init__(self, spec: TelegramSpec, bale: BaleProfile | None) -> None:
        self.spec = spec
        self.bale = bale

    def value(self, path: str, value: Any, types: Sequence[str]) -> list[str]:
        reports: list[list[str]] = []
        for type_name in types:
            definition = self.spec.types.get(type_name)
            if definition is not None and definition.subtypes:
                errors = self.value(path, value, definition.subtypes)
            elif type_name.startswith("Array of "):
                if not isinstance(value, list):
                    errors = [f"{path}: expected {type_name}, got {_kind(value)}"]
                else:
                    errors = []
                    for index, item in enumerate(value):
                        errors.extend(self.value(f"{path}[{index}]", item, [type_name[9:]]))
            elif type_name in SCALAR_TYPES:
                errors = Validator._json_scalar(path, value, type_name, "")
            else:
                errors = self.object(path, value, type_name)
            if not errors:
                return []
            reports.append(errors)
        return min(reports, key=len)

    def object(self, path: str, value: Any, type_name: str) -> list[str]:
        definition = self.spec.types.get(type_name)
        if definition is None or not isinstance(value, dict):
            return [f"{path}: expected {type_name}, got {_kind(value)}"]
        errors: list[str] = []
        omitted: frozenset[str] = frozenset()
        documented: frozenset[str] | None = None
        if self.bale is not None:
            omitted = self.bale.omitted_fields(type_name)
            documented = self.bale.documented_fields(type_name)
        for key, item in value.items():
            field_def = definition.fields.get(key)
            if field_def is None:
                errors.append(f'{path}: unknown field "{key}" for {type_name}')
            elif documented is not None and key not in documented:
                errors.append(f'{path}: field "{key}" of {type_name} is not documented by Bale')
            else:
                errors.extend(self.value(f"{path}.{key}", item, field_def.types))
        for key, field_def in definition.fields.items():
            if field_def.required and key not in value and key not in omitted:
                errors.append(f'{path}: missing required field "{key}" for {type_name}')
        if self.bale is not None and type_name == "Update":
            extra = sorted(set(value) - set(self.bale.update_fields))
            if extra:
                errors.append(f"{path}: Bale documents no update field {extra}")
        if self.bale is not None and type_name in {"Chat", "MessageEntity"}:
            allowed = self.bale.allowed_values(type_name, "types")
            if allowed is not None and value.get("type") not in allowed:
                errors.append(f"{path}.type: {value.get('type')!r} is not a Bale {type_name} type")
        return errors
