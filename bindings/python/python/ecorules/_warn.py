"""Early warnings: warning rules over live data (:class:`Monitor`) and over history.

Platforms warn before a violation: an hourly average nearing 80 % of its limit, an
analyser's output gone flat, data that stopped arriving, a dust-collector fan stopped
while production runs, a permit about to expire. Such *warning rules* live in warning
packs (embedded ones by id, e.g. ``"cn-cems-warnings"``, or your own TOML/JSON) written
in the core's small rule language (``docs/warnings.md``).

An alarm *opens* when a rule's condition has held long enough, may be *updated* at a new
peak, and *closes* when its clear condition holds. Each event is an :class:`ecorules.Finding`
of kind ``alarm`` (the one finding shape of every engine; the event, the time of the event,
the peak and the signals in its :class:`ecorules.AlarmDetail`); :meth:`Finding.to_dict` is
exactly the core's JSON alarm (the same in every binding). Streaming and batch give the
same alarms; a monitor's :meth:`Monitor.snapshot` restores bit-for-bit after a crash.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Dict, Iterator, List, Mapping, Optional, Sequence, Tuple, Union

from . import _data, _ecorules
from ._report import Finding
from ._report import findings as _findings
from ._table import Table

if TYPE_CHECKING:  # pragma: no cover
    import pandas

    from ._plan import Plan

#: A warning pack: an embedded pack id (``"cn-cems-warnings"``), a path, a dict or TOML/JSON text.
WarningPack = Union[str, "os.PathLike[str]", Dict[str, Any], bytes]
#: Enterprise records for deadline rules: ``{"items": [{id, kind, title?, due, done?}]}`` or the list of items.
Records = Union[Mapping[str, Any], Sequence[Mapping[str, Any]]]
#: "Now": Unix seconds, an aware datetime, or ISO text (read in the first outlet's zone without an offset).
Now = Union[int, datetime, str]

_PACK_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")


@dataclass(frozen=True)
class RuleStats:
    """Per-rule totals: instances, evaluations, hits, alarms opened / closed / open now."""

    rule: str
    instances: int
    evaluations: int
    hits: int
    opened: int
    closed: int
    open: int

    def to_dict(self) -> Dict[str, Any]:
        """The core's JSON form."""
        return dataclasses.asdict(self)


def _alarms(text: str) -> List[Finding]:
    return _findings(json.loads(text))


def _stats(items: List[Dict[str, Any]]) -> List[RuleStats]:
    return [RuleStats(**s) for s in items]


class WarningsReport:
    """Alarms of a batch run over history (time order) and per-rule totals."""

    def __init__(self, doc: Dict[str, Any]) -> None:
        self._doc = doc
        self.alarms: List[Finding] = _findings(doc["alarms"])
        """Alarm events in time order (findings of kind ``alarm``)."""
        self.stats: List[RuleStats] = _stats(doc["stats"])

    def to_dict(self) -> Dict[str, Any]:
        """The core's ``WarningsReport`` JSON (``{"alarms": [...], "stats": [...]}``)."""
        return json.loads(json.dumps(self._doc))  # type: ignore[no-any-return]

    def table(self, table: str = "alarms") -> Table:
        """The core's ``alarms`` table: one row per alarm event."""
        return Table(_ecorules.warnings_table_json(json.dumps(self._doc), table))

    def to_pandas(self) -> "pandas.DataFrame":
        """One row per alarm event."""
        return self.table().to_pandas()

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.alarms)

    def __len__(self) -> int:
        return len(self.alarms)

    def __repr__(self) -> str:
        return f"WarningsReport(alarms={len(self.alarms)}, rules={len(self.stats)})"


def pack_specs(packs: Sequence[WarningPack]) -> List[Tuple[str, Optional[str]]]:
    """``(name, text)`` per pack; ``text`` is None for an embedded pack id."""
    if isinstance(packs, (str, bytes, dict)) or isinstance(packs, os.PathLike):
        packs = [packs]
    out: List[Tuple[str, Optional[str]]] = []
    for i, p in enumerate(packs):
        if isinstance(p, str) and _PACK_ID.match(p) and not p.lower().endswith((".toml", ".json")):
            out.append((p, None))
        else:
            name, text = _data.source(p, f"warnings[{i}]")
            out.append((name, text))
    return out


def records_json(records: Optional[Records]) -> Optional[str]:
    """Enterprise records as the core's JSON (``{"items": [...]}``)."""
    if records is None:
        return None
    doc = dict(records) if isinstance(records, Mapping) else {"items": [dict(r) for r in records]}
    return _data.dumps(doc)


def now_json(now: Now) -> str:
    """``now`` as JSON (Unix seconds, or text the core reads)."""
    if isinstance(now, str):
        return json.dumps(now)
    return json.dumps(_data.seconds(now))


def _options(lateness: int) -> str:
    return json.dumps({"lateness": int(lateness)})


class Monitor:
    """The streaming warning monitor.

    >>> m = ecorules.Monitor(plan, ["cn-cems-warnings"])          # doctest: +SKIP
    >>> for alarm in m.push(minute_df): print(alarm.message.en)   # doctest: +SKIP
    >>> state = m.snapshot()                                      # persist; after a crash:
    >>> m = ecorules.Monitor.restore(plan, ["cn-cems-warnings"], state)  # doctest: +SKIP

    Rows are evaluated once, in time order; with ``lateness`` (seconds) rows may arrive
    that late (they are held back until sealed; :meth:`flush` evaluates the rest), older
    rows raise :class:`ecorules.DataError` (``data.late_sample``). :meth:`tick` advances
    time without data (missing-data and deadline rules).
    """

    def __init__(
        self,
        plan: "Plan",
        packs: Sequence[WarningPack],
        *,
        records: Optional[Records] = None,
        lateness: int = 0,
    ) -> None:
        self._plan = plan
        self._native = _ecorules.Monitor(plan._native, pack_specs(packs), records_json(records), _options(lateness))

    @classmethod
    def restore(cls, plan: "Plan", packs: Sequence[WarningPack], snapshot: bytes) -> "Monitor":
        """A monitor continuing from :meth:`snapshot` bytes made with the same plan and
        packs; raises :class:`ecorules.StateError` otherwise."""
        self = cls.__new__(cls)
        self._plan = plan
        self._native = _ecorules.Monitor.restore(plan._native, pack_specs(packs), bytes(snapshot))
        return self

    def push(
        self,
        data: Any,
        *,
        duplicates: str = "error",
        naive_time_zone: Optional[str] = None,
    ) -> List[Finding]:
        """Feeds data (any input :meth:`Plan.evaluate` takes; a data document dict may also
        carry operating signals such as ``fan``); returns the alarm events it caused."""
        proto = _data.protocol(data, naive_time_zone)
        return _alarms(self._native.push(proto, _data.load_json(duplicates, naive_time_zone)))

    def tick(self, now: Now) -> List[Finding]:
        """Advances time to ``now`` without data; returns the alarm events it caused."""
        return _alarms(self._native.tick(now_json(now)))

    def flush(self) -> List[Finding]:
        """Evaluates the rows held back for late data."""
        return _alarms(self._native.flush())

    def set_records(self, records: Records) -> None:
        """Replaces the enterprise records deadline rules watch."""
        self._native.set_records(records_json(records) or '{"items":[]}')

    def snapshot(self) -> bytes:
        """The monitor's state as versioned bytes (see :meth:`restore`)."""
        return self._native.snapshot()

    def open_alarms(self) -> List[Finding]:
        """The alarms open now (their latest state)."""
        return _alarms(self._native.open_alarms())

    def stats(self) -> List[RuleStats]:
        """Per-rule totals so far."""
        return _stats(json.loads(self._native.stats()))

    def __repr__(self) -> str:
        return repr(self._native)


def run_batch(
    plan: "Plan",
    data: Any,
    packs: Sequence[WarningPack],
    records: Optional[Records],
    now: Optional[Now],
    lateness: int,
    duplicates: str,
    naive_time_zone: Optional[str],
) -> WarningsReport:
    """The body of :meth:`Plan.warnings`."""
    proto = None if data is None else _data.protocol(data, naive_time_zone)
    text = _ecorules.warnings(
        plan._native,
        proto,
        _data.load_json(duplicates, naive_time_zone),
        pack_specs(packs),
        records_json(records),
        None if now is None else now_json(now),
        _options(lateness),
    )
    return WarningsReport(json.loads(text))


def warning_packs() -> List[Dict[str, Any]]:
    """The embedded warning packs: id, version, title and rule ids."""
    return json.loads(_ecorules.warning_packs_json())  # type: ignore[no-any-return]


__all__ = ["Monitor", "RuleStats", "WarningsReport", "warning_packs"]
