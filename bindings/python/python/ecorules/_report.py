"""Typed views of the core's report (findings, events, statistics, notes).

The core's report is the truth; these frozen dataclasses mirror its JSON structure field
for field (``Report.to_dict()`` returns that JSON structure itself). A **finding** is one
judged window that broke a limit, with value, limit, ratio, legal basis, the packs (id,
version, content hash) and the evidence (valid / present / required inputs, the raw mean,
the O2 used for correction). An **event** merges consecutive breaching windows. A
**statistic** says, per rule, how many windows could be judged at all.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Type, TypeVar

from . import _ecorules
from ._table import Table

if TYPE_CHECKING:  # pragma: no cover
    import pandas
    import pyarrow

T = TypeVar("T")


def _build(cls: Type[T], d: Dict[str, Any]) -> T:
    kwargs: Dict[str, Any] = {}
    nested: Dict[str, Any] = getattr(cls, "_nested", {})
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        v = d.get(f.name)
        sub = nested.get(f.name)
        if sub is not None and isinstance(v, dict):
            v = _build(sub, v)
        kwargs[f.name] = v
    return cls(**kwargs)


@dataclass(frozen=True)
class Message:
    """A message in Chinese and English."""

    zh: str
    en: str


@dataclass(frozen=True)
class PackRef:
    """Identity of a pack: id, version and content hash."""

    id: str
    version: str
    hash: str


@dataclass(frozen=True)
class LegalBasis:
    """The legal basis of a judged limit."""

    standard: str
    clause: Optional[str]
    status: str


@dataclass(frozen=True)
class Evidence:
    """The inputs a window was computed from."""

    n_valid: int
    n_total: int
    n_required: int
    raw_value: float
    o2: Optional[float]
    ref_o2: Optional[float]


@dataclass(frozen=True)
class Finding:
    """One judged window that broke a limit."""

    rule_id: str
    kind: str
    severity: str
    outlet: str
    pollutant: str
    period: str
    start: str
    end: str
    value: float
    limit: float
    unit: str
    ratio: Optional[float]
    method: str
    basis: LegalBasis
    pack: Optional[PackRef]
    validity_pack: PackRef
    evidence: Evidence
    message: Message

    _nested = {"basis": LegalBasis, "pack": PackRef, "validity_pack": PackRef, "evidence": Evidence, "message": Message}


@dataclass(frozen=True)
class Event:
    """Consecutive breaching windows of one rule, merged."""

    rule_id: str
    kind: str
    outlet: str
    pollutant: str
    period: str
    start: str
    end: str
    duration_s: int
    windows: int
    peak_value: float
    peak_ratio: Optional[float]
    limit: float
    message: Message

    _nested = {"message": Message}


@dataclass(frozen=True)
class WindowCounts:
    """Counts of windows by validity."""

    present: int
    valid: int
    too_few_valid: int
    o2_invalid: int
    outside_period: int
    expected: int


@dataclass(frozen=True)
class SampleCounts:
    """Samples by validity; ``by_flag`` counts excluded samples per HJ 212 flag letter."""

    total: int
    valid: int
    by_flag: Dict[str, int]
    not_finite: int
    negative: int
    out_of_range: int


@dataclass(frozen=True)
class Statistic:
    """Statistics of one rule over the data."""

    rule_id: str
    outlet: str
    pollutant: str
    period: str
    max: Optional[float]
    min: Optional[float]
    windows: WindowCounts
    capture_rate: float
    exceedances: int
    below_range: int
    events: int
    longest_event_windows: int
    max_value: Optional[float]
    max_ratio: Optional[float]
    samples: SampleCounts

    _nested = {"windows": WindowCounts, "samples": SampleCounts}


@dataclass(frozen=True)
class Note:
    """A remark that is not a finding (data for an unknown outlet, a limit without data)."""

    code: str
    outlet: Optional[str]
    pollutant: Optional[str]
    message: Message

    _nested = {"message": Message}


@dataclass(frozen=True)
class Rule:
    """One compiled limit of one outlet (see ``Plan.rules()``)."""

    outlet: str
    outlet_name: Optional[str]
    time_zone: str
    rule_id: str
    pollutant: str
    pollutant_name: str
    period: str
    max: Optional[float]
    min: Optional[float]
    unit: str
    ref_o2: Optional[float]
    standard: str


class Report:
    """The result of one evaluation.

    ``to_dict()`` is exactly the core's JSON structure; ``findings``, ``events``,
    ``statistics`` and ``notes`` are typed objects; ``to_pandas()`` / ``to_arrow()`` give one
    flat row per finding (or event, statistic, note), nested fields joined with ``_``
    (``basis_standard``, ``evidence_n_valid``, ``message_en``).
    """

    def __init__(self, native: _ecorules.Report) -> None:
        self._native = native
        self._dict: Optional[Dict[str, Any]] = None

    def to_dict(self) -> Dict[str, Any]:
        """The report as the core's JSON structure (a fresh dict each call)."""
        return json.loads(self._native.json())  # type: ignore[no-any-return]

    def _data(self) -> Dict[str, Any]:
        if self._dict is None:
            self._dict = self.to_dict()
        return self._dict

    def to_json(self, indent: Optional[int] = None) -> str:
        """The report as JSON text."""
        return self._native.json() if indent is None else self._native.json_pretty()

    @property
    def permit(self) -> str:
        """Permit id."""
        return str(self._data()["permit"])

    @property
    def enterprise(self) -> str:
        """Enterprise name."""
        return str(self._data()["enterprise"])

    @property
    def findings(self) -> List[Finding]:
        """Findings, ordered by outlet, rule, window."""
        return [_build(Finding, f) for f in self._data()["findings"]]

    @property
    def events(self) -> List[Event]:
        """Events (consecutive breaching windows merged)."""
        return [_build(Event, e) for e in self._data()["events"]]

    @property
    def statistics(self) -> List[Statistic]:
        """One statistic per rule."""
        return [_build(Statistic, s) for s in self._data()["statistics"]]

    @property
    def notes(self) -> List[Note]:
        """Remarks about the input."""
        return [_build(Note, n) for n in self._data()["notes"]]

    @property
    def packs(self) -> List[PackRef]:
        """Packs the plan cites."""
        return [_build(PackRef, p) for p in self._data()["packs"]]

    def statistic(self, outlet: str, pollutant: str, period: str) -> Optional[Statistic]:
        """The statistic of one rule (pollutant by HJ 212-2017 code, e.g. ``a21026``)."""
        for s in self._data()["statistics"]:
            if s["outlet"] == outlet and s["pollutant"] == pollutant and s["period"] == period:
                return _build(Statistic, s)
        return None

    def table(self, table: str = "findings") -> Table:
        """One of the core's flat tables: ``findings``, ``events``, ``statistics`` or ``notes``
        (an unknown name is a :class:`ecorules.DataError`, ``data.unknown_table``)."""
        return Table(self._native.table_json(table))

    def rows(self, table: str = "findings") -> List[Dict[str, Any]]:
        """Flat rows of ``findings``, ``events``, ``statistics`` or ``notes``."""
        return self.table(table).records()

    def to_arrow(self, table: str = "findings") -> "pyarrow.Table":
        """One flat row per finding (or event, statistic, note) as a pyarrow Table."""
        return self.table(table).to_arrow()

    def to_pandas(self, table: str = "findings") -> "pandas.DataFrame":
        """One flat row per finding (or event, statistic, note) as a pandas DataFrame."""
        return self.table(table).to_pandas()

    def __len__(self) -> int:
        return self._native.n_findings

    def __repr__(self) -> str:
        return repr(self._native)
