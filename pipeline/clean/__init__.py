"""Clean stage: fetched HTML or extracted text in, article text and page metadata out.
`html.clean_html` runs trafilatura and then the residual pass of `residue`; `record.clean_record`
is one line of the `eventwire clean` contract (docs/event-record.md)."""

from pipeline.clean.html import clean_html, page_language
from pipeline.clean.record import clean_record
from pipeline.clean.residue import clean_text, is_residue_line

__all__ = ["clean_html", "clean_text", "clean_record", "is_residue_line", "page_language"]
