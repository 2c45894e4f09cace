"""Fetch stage: poll feeds for new article links and download their pages.

Everything here reports failures as data (a status and an error string) rather than raising,
so one dead feed or page never stops a batch.
"""
