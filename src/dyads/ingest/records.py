"""The schema of a JSON / JSONL record (and of a feed item once read): a typed model.

A field of the wrong type is an error naming the field, the expected type and what was given
("field 'text': expected a string, got int"), never a silent ``str(...)`` of a number or a list.
Unknown fields are ignored; empty strings count as absent.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from dyads.ingest.errors import IngestError
from dyads.ingest.language import normalise_code


class Record(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore", frozen=True)

    id: str | int | None = None
    url: str | None = None
    title: str | None = None
    date: str | None = None
    outlet: str | None = None
    lang: str | None = None  # ISO 639-1 ("es", also "es-MX"); given, it wins over detection
    text: str | None = None
    html: str | None = None

    @field_validator("id", mode="after")
    @classmethod
    def _id_as_text(cls, value: str | int | None) -> str | None:
        return str(value).strip() or None if value is not None else None

    @field_validator("url", "title", "date", "outlet", mode="after")
    @classmethod
    def _blank_is_absent(cls, value: str | None) -> str | None:
        return value.strip() or None if value is not None else None

    @field_validator("lang", mode="after")
    @classmethod
    def _language_code(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        code = normalise_code(value)
        if code is None:
            raise ValueError(f"expected a two-letter ISO 639-1 code such as en or es, got {value.strip()[:40]!r}")
        return code


_EXPECTED = {"id": "a string or an integer"}


def validate_record(raw: object, where: str, line: int | None) -> Record:
    if not isinstance(raw, dict):
        raise IngestError(where, f"expected a JSON object, got {_json_type(raw)}", line)
    try:
        return Record.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        field = str(err["loc"][0]) if err["loc"] else "?"
        if err["type"] == "value_error":  # a validator's own message ("expected a two-letter ...")
            raise IngestError(where, f"field {field!r}: {str(err['ctx']['error'])}", line) from None
        given = raw.get(field)
        raise IngestError(where, f"field {field!r}: expected {_EXPECTED.get(field, 'a string')} or null, "
                                 f"got {_json_type(given)}", line) from None


def _json_type(value: object) -> str:
    """The JSON name of a parsed value's type."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__
