"""What the fake Bot API does with a sent photo or document (sendPhoto, sendDocument).

The bot sends a file either by a file_id the platform already holds or as a multipart upload
(an ``InputFile``). Each is answered as the Bot API answers it: a Message carrying a ``photo``
(its PhotoSizes) or a ``document``, with a fresh file_id; a file_id the platform does not know
(another platform's, say), one of the other kind, a URL (the fake never fetches one), an upload
over the platform's limit, or a "photo" that is no image is refused with the API's own error.
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass
from typing import Any

from tests.fakebotapi.spec import BaleProfile, Upload

# Telegram's documented upload limits; Bale's profile states its own (the same today).
PHOTO_UPLOAD_MB = 10
OTHER_UPLOAD_MB = 50
IMAGE_MAGIC = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a", b"RIFF")
MEDIA_FOLDERS = {"photo": "photos", "document": "documents"}
WRONG_FILE = "Bad Request: wrong file identifier/HTTP URL specified"


@dataclass(frozen=True)
class SentFile:
    """One photo or document the bot sent, as a test asserts it."""

    method: str  # "sendPhoto" or "sendDocument"
    chat_id: int
    kind: str  # "photo" or "document"
    message_id: int
    file_id: str  # the file_id of the message the API answered with (a new one)
    by_file_id: str | None  # the file_id the bot sent it by; None for an upload
    filename: str | None  # an upload's file name
    data: bytes  # the file's bytes: the upload's, or those the platform held for the id
    caption: str | None = None


def upload_limit_bytes(kind: str, bale: BaleProfile | None) -> int:
    """The largest upload of *kind* the platform takes."""
    limits = bale.limits if bale is not None else {}
    if kind == "photo":
        return int(limits.get("upload_photo_mb", PHOTO_UPLOAD_MB)) * 1024 * 1024
    return int(limits.get("upload_other_mb", OTHER_UPLOAD_MB)) * 1024 * 1024


def upload_problem(kind: str, upload: Upload, bale: BaleProfile | None) -> str | None:
    """The API's error for an upload it would refuse, or None."""
    if not upload.data:
        return "Bad Request: file must be non-empty"
    if len(upload.data) > upload_limit_bytes(kind, bale):
        return "Request Entity Too Large"
    if kind == "photo" and not upload.data.startswith(IMAGE_MAGIC):
        return "Bad Request: IMAGE_PROCESS_FAILED"
    return None


def by_id_problem(kind: str, held_as: str | None) -> str | None:
    """The API's error for a file sent by its id, held (if at all) as a file of *held_as*."""
    if held_as is None:
        return WRONG_FILE
    if held_as != kind:
        shown = {"photo": "Photo", "document": "Document"}
        held = shown.get(held_as, held_as.capitalize())
        return f"Bad Request: can't use file of type {held} as {shown[kind]}"
    return None


def mime_type_of(upload: Upload) -> str:
    """An upload's MIME type: as its part says, else guessed from its name."""
    if upload.content_type and upload.content_type != "application/octet-stream":
        return upload.content_type
    guessed, _ = mimetypes.guess_type(upload.filename or "")
    return guessed or "application/octet-stream"


def photo_sizes(file_id: str, unique_id: str, size: int) -> list[dict[str, Any]]:
    """A sent photo's PhotoSizes: the fake keeps one size, the file as sent."""
    return [
        {
            "file_id": file_id,
            "file_unique_id": unique_id,
            "file_size": size,
            "width": 1280,
            "height": 960,
        }
    ]


def document_object(
    file_id: str, unique_id: str, size: int, file_name: str | None, mime_type: str | None
) -> dict[str, Any]:
    """A sent document, as the Message carries it."""
    document: dict[str, Any] = {
        "file_id": file_id,
        "file_unique_id": unique_id,
        "file_size": size,
    }
    if file_name:
        document["file_name"] = file_name
    if mime_type:
        document["mime_type"] = mime_type
    return document
