"""Count the SQL statements a connection sends, for the benchmark and the tests that bound them.

The embedded server has no pg_stat_statements (not in pgserver's build, and it needs
shared_preload_libraries), so the count is taken client-side: every execute is one statement,
an executemany one per parameter set (pipelined or not, each is parsed and run), a COPY one.
"""

from __future__ import annotations

from collections import Counter

import psycopg


class CountingCursor(psycopg.Cursor):
    """A cursor that adds what it sends to its connection's `statements` counter (by first keyword)."""

    def _count(self, query, n: int = 1) -> None:
        counter = getattr(self.connection, "statements", None)
        if counter is not None and n:
            text = query.decode() if isinstance(query, bytes) else query if isinstance(query, str) else "composed"
            counter[(text.split() or ["?"])[0].upper()] += n

    def execute(self, query, params=None, **kwargs):
        self._count(query)
        return super().execute(query, params, **kwargs)

    def executemany(self, query, params_seq, **kwargs):
        params_seq = list(params_seq)
        self._count(query, len(params_seq))
        return super().executemany(query, params_seq, **kwargs)

    def copy(self, statement, params=None, **kwargs):
        self._count(statement)
        return super().copy(statement, params, **kwargs)


class CountingConnection(psycopg.Connection):
    """A psycopg connection whose `statements` Counter holds the statements sent through it, by kind."""

    statements: Counter

    @classmethod
    def connect(cls, conninfo: str = "", **kwargs) -> "CountingConnection":
        conn = super().connect(conninfo, cursor_factory=CountingCursor, **kwargs)
        conn.statements = Counter()
        return conn


def total(conn: psycopg.Connection) -> int:
    """Statements sent so far through `conn` (a CountingConnection), 0 for a plain connection."""
    return sum(getattr(conn, "statements", Counter()).values())
