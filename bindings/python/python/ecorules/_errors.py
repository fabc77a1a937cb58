"""Exceptions carrying the core's error envelope.

Every error the engine reports has the same fields in every binding (the ``ErrorEnvelope``):
``kind`` (which input was wrong: ``pack``, ``permit``, ``data``, ``rule``, ``protocol``,
``limit``, ``conversion``, ``state``, or ``internal`` for a bug), a stable ``code`` (one of
``docs/errors.md``) such as ``permit.unknown_pollutant``,
a one-line ``message``, an optional ``help`` (often a "did you mean"), and where it is:
``file``, ``path`` (``outlets[0].limits[2].pollutant``), ``line`` and ``column`` (1-based).

A Rust panic never escapes as anything but :class:`Error` with ``kind == "internal"``.
"""

from __future__ import annotations

from typing import Any, Dict, Optional, Type, cast


class Error(Exception):
    """Base class of every ecorules error; the attributes are the core's error envelope."""

    kind: str
    code: str
    message: str
    help: Optional[str]
    file: Optional[str]
    path: Optional[str]
    line: Optional[int]
    column: Optional[int]

    def __init__(
        self,
        kind: str,
        code: str,
        message: str,
        help: Optional[str] = None,
        file: Optional[str] = None,
        path: Optional[str] = None,
        line: Optional[int] = None,
        column: Optional[int] = None,
    ) -> None:
        super().__init__(kind, code, message, help, file, path, line, column)
        self.kind = kind
        self.code = code
        self.message = message
        self.help = help
        self.file = file
        self.path = path
        self.line = line
        self.column = column

    def envelope(self) -> Dict[str, Any]:
        """The envelope as a dict, in the core's JSON form."""
        return {
            "kind": self.kind,
            "code": self.code,
            "message": self.message,
            "help": self.help,
            "file": self.file,
            "path": self.path,
            "line": self.line,
            "column": self.column,
        }

    def __str__(self) -> str:
        where = []
        if self.file:
            where.append(self.file)
        if self.line is not None:
            where.append(f"line {self.line}" + (f", column {self.column}" if self.column else ""))
        if self.path:
            where.append(self.path)
        text = f"[{self.code}] {self.message}"
        if where:
            text += f" ({'; '.join(where)})"
        if self.help:
            text += f"\n  help: {self.help}"
        return text


class PackError(Error):
    """A rule pack is malformed or inconsistent."""


class PermitError(Error):
    """A permit is malformed or cites something that does not exist."""


class DataError(Error):
    """Monitoring data are malformed (bad time, duplicate timestamp, unknown column)."""


class RuleError(Error):
    """A warning rule does not parse or type-check."""


class ProtocolError(Error):
    """A protocol packet (HJ 212) could not be decoded."""


class LimitError(Error):
    """Input exceeded a safety bound (series length, pack size, expression depth)."""


class ConversionError(Error):
    """A unit conversion or correction is undefined for the given values."""


class StateError(Error):
    """Saved state (a monitor snapshot) could not be restored."""


_BY_KIND: Dict[str, Type[Error]] = {
    "pack": PackError,
    "permit": PermitError,
    "data": DataError,
    "rule": RuleError,
    "protocol": ProtocolError,
    "limit": LimitError,
    "conversion": ConversionError,
    "state": StateError,
}


def from_envelope(
    kind: str,
    code: str,
    message: str,
    help: Optional[str] = None,
    file: Optional[str] = None,
    path: Optional[str] = None,
    line: Optional[int] = None,
    column: Optional[int] = None,
) -> Error:
    """The exception of the class for ``kind`` (the base :class:`Error` for unknown kinds)."""
    cls = _BY_KIND.get(kind, Error)
    return cls(kind, code, message, help, file, path, line, column)


def core_error(code: str, message: str, help: Optional[str] = None, file: Optional[str] = None) -> Error:
    """The exception for one of the core's error codes (``docs/errors.md``), raised by the
    Python side; the kind is the code's. The core builds it, so the package never invents a
    code: an unknown one comes back as ``internal.bug``."""
    from ._ecorules import error_for_code

    # The native function builds one of this module's classes (typed BaseException in the stub).
    return cast(Error, error_for_code(code, message, help, file))


def data_error(code: str, message: str, help: Optional[str] = None) -> Error:
    """A :class:`DataError` raised by the Python side (unsupported input types): ``data.<code>``."""
    return core_error(f"data.{code}", message, help)
