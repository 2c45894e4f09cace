"""Validate stage: Great Expectations decides which rows load. `suite` holds what the article and
event checks share (the GX context and runner, the flat event row); `articles` and `events` hold
the suites themselves; `docs` renders the validations as offline Data Docs."""
