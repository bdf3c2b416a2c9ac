"""A transaction's statements, run through SQLAlchemy or straight on SQLite's own driver.

The update's transaction (`Store.start_update`) is on the path of every reply. On SQLite it
runs on the event loop, and there SQLAlchemy's work per statement (execution context, events,
result objects) cost more than SQLite's own: so its statements, written in SQLAlchemy Core
like every other, are compiled once and run on the `sqlite3` connection, with the same
conversions of parameters and results SQLAlchemy makes, and its errors raised as SQLAlchemy
raises them (docs/throughput.md).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from sqlalchemy import Connection, Dialect, Executable, Insert, Select
from sqlalchemy.exc import DBAPIError, StatementError

T = TypeVar("T")
Row = Mapping[str, Any]
Processor = Callable[[Any], Any] | None


class Statements(Protocol):
    """What a transaction's body runs its statements through, on any backend."""

    def rowcount(self, statement: Executable, params: Row) -> int:
        """Run a writing statement; return how many rows it changed."""
        ...

    def first(self, statement: Select[Any], params: Row) -> Row | None:
        """Run a query; return its first row by column name, or None."""
        ...

    def many(self, statement: Insert, rows: Sequence[Row]) -> None:
        """Run a writing statement once per row (all rows with the same keys)."""
        ...


class ThroughSqlAlchemy:
    """Statements on a SQLAlchemy connection: PostgreSQL, and SQLite off the event loop."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def rowcount(self, statement: Executable, params: Row) -> int:
        """Run a writing statement; return how many rows it changed."""
        return int(self._connection.execute(statement, dict(params)).rowcount)

    def first(self, statement: Select[Any], params: Row) -> Row | None:
        """Run a query; return its first row by column name, or None."""
        row = self._connection.execute(statement, dict(params)).first()
        return None if row is None else dict(row._mapping)

    def many(self, statement: Insert, rows: Sequence[Row]) -> None:
        """Run a writing statement once per row."""
        self._connection.execute(statement, [dict(row) for row in rows])


@dataclass(frozen=True)
class _Compiled:
    """One statement as SQLite's driver takes it, with SQLAlchemy's conversions."""

    statement: Executable  # kept, so the id the cache is keyed by is not reused
    sql: str
    names: tuple[str, ...]  # the parameters, in order of their question marks
    fixed: Mapping[str, Any]  # values compiled into the statement (literals)
    binds: tuple[Processor, ...]
    columns: tuple[str, ...]
    results: tuple[Processor, ...]

    def parameters(self, values: Row) -> tuple[Any, ...]:
        """The driver's parameters for `values`, converted as SQLAlchemy converts them."""
        return tuple(
            value if convert is None else convert(value)
            for name, convert in zip(self.names, self.binds, strict=True)
            for value in (values[name] if name in values else self.fixed[name],)
        )

    def row(self, raw: Sequence[Any]) -> Row:
        """A result row by column name, its values converted as SQLAlchemy converts them."""
        return {
            name: value if convert is None else convert(value)
            for name, convert, value in zip(self.columns, self.results, raw, strict=True)
        }


def _compile(statement: Executable, dialect: Dialect, keys: Sequence[str]) -> _Compiled:
    """Compile a statement once for the driver; refuse one that needs SQLAlchemy at run time."""
    compiled = statement.compile(dialect=dialect, column_keys=list(keys))  # type: ignore[attr-defined]
    names = tuple(compiled.positiontup or ())
    fixed = {name: value for name, value in compiled.params.items() if value is not None}
    missing = [name for name in names if name not in keys and name not in fixed]
    if missing or "POSTCOMPILE" in compiled.string:
        msg = f"statement needs values computed when it runs: {missing or compiled.string}"
        raise ValueError(msg)
    selected = statement.selected_columns if isinstance(statement, Select) else ()
    return _Compiled(
        statement=statement,
        sql=compiled.string,
        names=names,
        fixed=fixed,
        binds=tuple(
            compiled.binds[name].type.dialect_impl(dialect).bind_processor(dialect)
            for name in names
        ),
        columns=tuple(str(column.key) for column in selected),
        results=tuple(
            column.type.dialect_impl(dialect).result_processor(dialect, None)
            for column in selected
        ),
    )


class Direct:
    """Statements on a `sqlite3` connection, each compiled once per set of parameter names."""

    def __init__(self, connection: sqlite3.Connection, dialect: Dialect) -> None:
        self._connection = connection
        self._dialect = dialect
        self._compiled: dict[tuple[int, tuple[str, ...]], _Compiled] = {}

    def transaction(self, body: Callable[[Statements], T]) -> T:
        """Run `body` in one writing transaction: commit when it returns, else roll back."""
        self._run("BEGIN IMMEDIATE", ())
        try:
            result = body(self)
            self._run("COMMIT", ())
        except BaseException:
            if self._connection.in_transaction:
                self._connection.rollback()
            raise
        return result

    def rowcount(self, statement: Executable, params: Row) -> int:
        """Run a writing statement; return how many rows it changed."""
        compiled = self._get(statement, params)
        return self._run(compiled.sql, self._parameters(compiled, params)).rowcount

    def first(self, statement: Select[Any], params: Row) -> Row | None:
        """Run a query; return its first row by column name, or None."""
        compiled = self._get(statement, params)
        row = self._run(compiled.sql, self._parameters(compiled, params)).fetchone()
        return None if row is None else compiled.row(row)

    def many(self, statement: Insert, rows: Sequence[Row]) -> None:
        """Run a writing statement once per row."""
        if not rows:
            return
        compiled = self._get(statement, rows[0])
        parameters = [self._parameters(compiled, row) for row in rows]
        try:
            self._connection.executemany(compiled.sql, parameters)
        except sqlite3.Error as exc:
            raise self._error(compiled.sql, exc) from exc

    def _get(self, statement: Executable, params: Row) -> _Compiled:
        key = (id(statement), tuple(params))
        compiled = self._compiled.get(key)
        if compiled is None:
            compiled = self._compiled[key] = _compile(statement, self._dialect, tuple(params))
        return compiled

    def _parameters(self, compiled: _Compiled, values: Row) -> tuple[Any, ...]:
        """Convert parameters; a value SQLAlchemy would refuse fails as it would there."""
        try:
            return compiled.parameters(values)
        except Exception as exc:
            raise StatementError(str(exc), compiled.sql, None, exc) from exc

    def _run(self, sql: str, parameters: Sequence[Any]) -> sqlite3.Cursor:
        try:
            return self._connection.execute(sql, parameters)
        except sqlite3.Error as exc:
            raise self._error(sql, exc) from exc

    def _error(self, sql: str, exc: sqlite3.Error) -> StatementError:
        """The error SQLAlchemy raises for this driver error (OperationalError for busy...)."""
        return DBAPIError.instance(
            sql, None, exc, sqlite3.Error, hide_parameters=True, dialect=self._dialect
        )
