"""One line of the `eventwire clean` contract (docs/event-record.md): id + html [+url] or id + text in,
the cleaned text and page metadata out, or a ValueError whose message fits the line's "error" field."""

from __future__ import annotations

from pipeline.clean.html import clean_html
from pipeline.clean.residue import clean_text

OUTPUT_FIELDS = ("id", "text", "title", "author", "published", "language")


def clean_record(rec: dict) -> dict:
    """One `eventwire clean` input line (id + html [+url], or id + text) to its output line.

    Raises ValueError with a message fit for the output's "error" field when the record is bad.
    """
    if not isinstance(rec, dict):
        raise ValueError(f"record must be a JSON object, got {type(rec).__name__}")
    rec_id = rec.get("id")
    if rec_id is None or (isinstance(rec_id, str) and not rec_id.strip()):
        raise ValueError("record has no 'id'")
    if not isinstance(rec_id, (str, int)) or isinstance(rec_id, bool):
        raise ValueError(f"'id' must be a string, got {type(rec_id).__name__}")
    html, text = rec.get("html"), rec.get("text")
    url = rec.get("url")
    if url is not None and not isinstance(url, str):
        raise ValueError(f"'url' must be a string, got {type(url).__name__}")
    if html is not None:
        if not isinstance(html, str):
            raise ValueError(f"'html' must be a string, got {type(html).__name__}")
        result = clean_html(html, url=url or None)
    elif text is not None:
        if not isinstance(text, str):
            raise ValueError(f"'text' must be a string, got {type(text).__name__}")
        result = {"text": clean_text(text), "title": _optional_str(rec, "title"), "author": _optional_str(rec, "author"),
                  "published": _optional_str(rec, "published"), "language": _optional_str(rec, "language")}
    else:
        raise ValueError("record needs 'html' (a fetched page) or 'text' (extracted text)")
    return {"id": rec_id, **{key: result.get(key) for key in OUTPUT_FIELDS if key != "id"}}


def _optional_str(rec: dict, key: str) -> str | None:
    value = rec.get(key)
    return value.strip() or None if isinstance(value, str) else None
