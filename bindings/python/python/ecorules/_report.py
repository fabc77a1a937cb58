"""Typed views of the core's report (findings, events, statistics, notes).

The core's report is the truth; these frozen dataclasses mirror its JSON structure field
for field (``Report.to_dict()`` returns that JSON structure itself). A :class:`Finding` is
the one finding shape of every engine (limits, compliance methods, warnings, inspections):
a common head — stable id, rule, kind, severity (``low``, ``medium``, ``high``), subject,
window (ISO 8601), value against limit, legal basis, pack (id, version, content hash),
message — and a typed detail; a limit finding's detail (:class:`LimitDetail`) carries the
validity pack and the evidence (valid / present / required inputs, the raw mean, the O2
used for correction). An **event** merges consecutive breaching windows. A **statistic**
says, per rule, how many windows could be judged at all.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Dict, List, Literal, Optional, Type, TypeVar, Union

from . import _ecorules
from ._table import Table

if TYPE_CHECKING:  # pragma: no cover
    import pandas
    import pyarrow

T = TypeVar("T")


def _build(cls: Type[T], d: Dict[str, Any], **given: Any) -> T:
    kwargs: Dict[str, Any] = {}
    nested: Dict[str, Any] = getattr(cls, "_nested", {})
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        if f.name in given:
            kwargs[f.name] = given[f.name]
            continue
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


# The word sets are unions of one-word Literals (the same type as one Literal of all words):
# stubtest checks a module-level alias against its runtime value and takes only a Union.
#: What kind of finding it is (the engine that spoke; names the :data:`FindingDetail` class).
FindingKind = Union[
    Literal["exceedance"], Literal["below_range"], Literal["condition"], Literal["alarm"], Literal["inspection"]
]
#: The one severity scale of every finding (the engine's triage convention, not law).
Severity = Union[Literal["low"], Literal["medium"], Literal["high"]]


@dataclass(frozen=True)
class Evidence:
    """The inputs a judged window was computed from."""

    n_valid: int
    n_total: int
    n_required: int
    raw_value: float
    o2: Optional[float]
    ref_o2: Optional[float]


@dataclass(frozen=True)
class LimitDetail:
    """Detail of a limit finding (kinds ``exceedance``, ``below_range``): the validity pack
    that decided which samples count, and the evidence."""

    validity_pack: PackRef
    evidence: Evidence

    _tag: ClassVar[str] = "limit"
    _nested: ClassVar[Dict[str, Any]] = {"validity_pack": PackRef, "evidence": Evidence}


@dataclass(frozen=True)
class ConditionDetail:
    """Detail of a compliance-method finding (kind ``condition``): the condition id in its
    method pack and the clause it comes from."""

    condition: str
    clause: str

    _tag: ClassVar[str] = "condition"


@dataclass(frozen=True)
class AlarmDetail:
    """Detail of an alarm event (kind ``alarm``); times are ISO 8601 in the outlet's zone."""

    event: str
    """``opened``, ``updated`` or ``closed``."""
    subject: Optional[str]
    """What the rule watches: a pollutant code (also the head's ``pollutant``), a record id, or none."""
    at: str
    """When this event happened."""
    duration_s: int
    peak: Optional[float]
    peak_at: Optional[str]
    signals: List[str]

    _tag: ClassVar[str] = "alarm"


@dataclass(frozen=True)
class InspectionDetail:
    """Detail of a non-compliant checklist item (kind ``inspection``)."""

    item: str
    major: str
    text: Message
    """The requirement checked."""
    note: Optional[str]
    evidence: List[str]
    """References to the evidence taken (photos, documents)."""

    _tag: ClassVar[str] = "inspection"
    _nested: ClassVar[Dict[str, Any]] = {"text": Message}


#: The typed detail of a finding: exactly one of these, by kind.
FindingDetail = Union[LimitDetail, ConditionDetail, AlarmDetail, InspectionDetail]
_DETAILS: Dict[str, Any] = {c._tag: c for c in (LimitDetail, ConditionDetail, AlarmDetail, InspectionDetail)}


@dataclass(frozen=True)
class Finding:
    """One finding of any engine (the core's ``Finding``): a limit broken in a judged window,
    a failed compliance-method condition, an alarm event or a non-compliant checklist item.

    The head is the same for every kind (``None`` where a field does not apply; times are
    ISO 8601 text); ``detail`` is the :data:`FindingDetail` of the kind. :meth:`to_dict` is
    exactly the core's JSON finding (``detail`` tagged ``{"limit": {...}}`` etc.).
    """

    id: str
    """Stable id ``<outlet>/<subject>/<what>@<start>``: the same breach found again has the same id."""
    rule_id: str
    kind: FindingKind
    severity: Severity
    outlet: Optional[str]
    pollutant: Optional[str]
    facility: Optional[str]
    period: Optional[str]
    start: Optional[str]
    end: Optional[str]
    value: Optional[float]
    limit: Optional[float]
    unit: Optional[str]
    ratio: Optional[float]
    method: Optional[str]
    basis: Optional[LegalBasis]
    pack: Optional[PackRef]
    message: Message
    detail: FindingDetail

    _nested: ClassVar[Dict[str, Any]] = {"basis": LegalBasis, "pack": PackRef, "message": Message}

    @classmethod
    def from_dict(cls, d: Dict[str, Any]) -> "Finding":
        """A finding from the core's JSON form."""
        ((tag, detail),) = d["detail"].items()
        return _build(cls, d, detail=_build(_DETAILS[tag], detail))

    def to_dict(self) -> Dict[str, Any]:
        """The core's JSON form."""
        out = dataclasses.asdict(self)
        out["detail"] = {self.detail._tag: out["detail"]}
        return out

    def limit_detail(self) -> Optional[LimitDetail]:
        """The detail of a limit finding (``exceedance``, ``below_range``), else ``None``."""
        return self.detail if isinstance(self.detail, LimitDetail) else None

    def condition_detail(self) -> Optional[ConditionDetail]:
        """The detail of a compliance-method finding, else ``None``."""
        return self.detail if isinstance(self.detail, ConditionDetail) else None

    def alarm_detail(self) -> Optional[AlarmDetail]:
        """The detail of an alarm event, else ``None``."""
        return self.detail if isinstance(self.detail, AlarmDetail) else None

    def inspection_detail(self) -> Optional[InspectionDetail]:
        """The detail of an inspection finding, else ``None``."""
        return self.detail if isinstance(self.detail, InspectionDetail) else None


def findings(items: List[Dict[str, Any]]) -> List[Finding]:
    """Typed findings from the core's JSON list of findings."""
    return [Finding.from_dict(f) for f in items]


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
        """Limit findings (kinds ``exceedance``, ``below_range``), ordered by outlet, rule, window."""
        return findings(self._data()["findings"])

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
