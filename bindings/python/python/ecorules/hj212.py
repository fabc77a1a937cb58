"""HJ 212-2017 ingestion: decode a capture of data-logger packets into readings.

HJ 212 is the line protocol between a site's data logger and the authority's platform
(``##0101QN=...;CN=2051;MN=...;CP=&&DataTime=...;a21026-Avg=38.2,a21026-Flag=N&&1C80``).
:func:`decode` hands the bytes to the core, which frames, checks (checksum, length),
resynchronises after garbage and reports every rejected packet as a diagnostic; accepted
data packets become readings keyed by outlet (MN through ``map``) and pollutant. A
:class:`Capture` can be evaluated directly: ``plan.evaluate(capture)``.
"""

from __future__ import annotations

import json
import os
from typing import Any, Dict, List, Mapping, Optional, Union

from . import _ecorules


class Capture:
    """A decoded capture: packet counts, diagnostics and the readings (kept in Rust)."""

    def __init__(self, native: _ecorules.Capture) -> None:
        self._native = native

    @property
    def accepted(self) -> int:
        """Packets accepted (all commands)."""
        return self._native.accepted

    @property
    def rejected(self) -> int:
        """Packets rejected (see :attr:`diagnostics`)."""
        return self._native.rejected

    @property
    def packets_used(self) -> int:
        """Accepted packets of the selected data kind that contributed samples."""
        return self._native.packets_used

    @property
    def diagnostics(self) -> List[Dict[str, Any]]:
        """Rejected or assumed packets in stream order: kind, severity, message, offset, qn."""
        return list(self.to_dict()["diagnostics"])

    def to_dict(self) -> Dict[str, Any]:
        """The core's decode output: accepted, rejected, packets_used, series, diagnostics."""
        return json.loads(self._native.json())  # type: ignore[no-any-return]

    def series_document(self) -> Dict[str, Any]:
        """The readings as a data document (``{"series": [...]}``)."""
        return {"series": self.to_dict()["series"]}

    def __repr__(self) -> str:
        return repr(self._native)


def decode(
    capture: Union[bytes, str, "os.PathLike[str]"],
    *,
    time_zone: Optional[str] = None,
    map: Optional[Mapping[str, str]] = None,
    data: str = "minute",
    values: str = "measured",
    max_diagnostics: Optional[int] = None,
) -> Capture:
    """Decodes HJ 212 packets.

    ``capture``: bytes, text, or a path to a capture file. ``time_zone``: zone of the
    devices' DataTime (default ``Asia/Shanghai``). ``map``: MN → permit outlet id.
    ``data``: ``realtime``, ``minute`` (default), ``hourly`` or ``daily`` packets.
    ``values``: ``measured`` (``-Avg``) or ``converted`` (``-ZsAvg``). Bad packets never raise;
    they are counted and listed in ``diagnostics``. Raises :class:`ecorules.Error` only for
    a bad option or a size bound.
    """
    if isinstance(capture, os.PathLike):
        with open(capture, "rb") as fh:
            raw = fh.read()
    elif isinstance(capture, str):
        raw = capture.encode("utf-8")
    else:
        raw = bytes(capture)
    opts: Dict[str, Any] = {"data": data, "values": values, "map": dict(map or {})}
    if time_zone is not None:
        opts["time_zone"] = time_zone
    if max_diagnostics is not None:
        opts["max_diagnostics"] = max_diagnostics
    return Capture(_ecorules.hj212_decode(raw, json.dumps(opts)))


__all__ = ["Capture", "decode"]
