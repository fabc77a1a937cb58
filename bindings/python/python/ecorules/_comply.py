"""Compliance methods: from judged windows to a verdict over a period.

An hourly average above the limit is an exceedance; whether a plant *complies* over a
year is decided by a published method: China's rules on automatic monitoring data as
evidence, EU IED Annex V (large combustion plants: validated averages, 110 % daily,
95 % of hours ≤ 200 %) and Annex VI (incineration, columns A/B), US NPDES significant
non-compliance on DMR months (chronic 4 of 6, TRC 2 of 6, late reports), the 40 CFR 403.8
pretreatment shares, NSPS 30-boiler-operating-day averages, and annual mass caps. The
methods' numbers live in method packs (``ecorules.methods()``); the logic is the core's.

A :class:`ComplianceReport` gives, per method, subject and condition, pass / fail /
not_assessed with the numbers that decided it and the findings behind a failure (each an
:class:`ecorules.Finding` of kind ``condition``).
:meth:`ComplianceReport.to_dict` is exactly the core's JSON.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Dict, List, Mapping, Optional, Sequence, Union

from . import _data, _ecorules
from ._report import Finding, PackRef
from ._report import findings as _findings
from ._table import Table

if TYPE_CHECKING:  # pragma: no cover
    import pandas

    from ._plan import Document, Plan


@dataclass(frozen=True)
class ConditionResult:
    """The verdict of one condition, with the numbers that decided it (only those that
    apply: ``limit``, ``threshold``, ``judged``, ``above``, ``share_observed``, ...)."""

    id: str
    title: str
    clause: str
    status: str
    outcome: str
    numbers: Dict[str, float]
    findings: List[Finding]
    """The findings behind a failure (kind ``condition``; at most the core's cap, ``findings_total`` counts all)."""
    findings_total: int
    note: Optional[str]


@dataclass(frozen=True)
class SubjectResult:
    """One outlet (or DMR outfall, industrial user) and pollutant under one method."""

    subject: str
    pollutant: str
    rule_id: Optional[str]
    outcome: str
    conditions: List[ConditionResult]


@dataclass(frozen=True)
class MonthMass:
    """Mass of one month, t."""

    month: str
    measured_t: float
    estimated_t: float


@dataclass(frozen=True)
class CapResult:
    """An annual mass cap and how much of it is used (mass method)."""

    pollutant: str
    outlets: List[str]
    cap_t: float
    measured_t: float
    estimated_t: float
    total_t: float
    used_share: float
    measured_hours: int
    estimated_hours: int
    stopped_hours: int
    missing_hours: int
    estimation: str
    months: List[MonthMass]
    exhausted_on: Optional[str]
    forecast: bool
    outcome: str
    clause: Optional[str]


@dataclass(frozen=True)
class MethodResult:
    """The result of one method."""

    pack: PackRef
    title: str
    jurisdiction: str
    standard: str
    status: str
    outcome: str
    subjects: List[SubjectResult]
    caps: List[CapResult]
    notes: List[str]


def _condition(d: Dict[str, Any]) -> ConditionResult:
    return ConditionResult(
        id=d["id"], title=d["title"], clause=d["clause"], status=d["status"], outcome=d["outcome"],
        numbers=dict(d["numbers"]), findings=_findings(d["findings"]),
        findings_total=d["findings_total"], note=d.get("note"),
    )


def _cap(d: Dict[str, Any]) -> CapResult:
    fields: Dict[str, Any] = {k: d.get(k) for k in CapResult.__dataclass_fields__ if k != "months"}
    return CapResult(months=[MonthMass(**m) for m in d["months"]], **fields)


def _method(d: Dict[str, Any]) -> MethodResult:
    return MethodResult(
        pack=PackRef(**d["pack"]), title=d["title"], jurisdiction=d["jurisdiction"], standard=d["standard"],
        status=d["status"], outcome=d["outcome"],
        subjects=[
            SubjectResult(
                subject=s["subject"], pollutant=s["pollutant"], rule_id=s.get("rule_id"), outcome=s["outcome"],
                conditions=[_condition(c) for c in s["conditions"]],
            )
            for s in d["subjects"]
        ],
        caps=[_cap(c) for c in d.get("caps", [])],
        notes=list(d.get("notes", [])),
    )




class ComplianceReport:
    """A compliance verdict for one permit and period (the core's ``ComplianceReport``)."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._doc: Dict[str, Any] = json.loads(text)
        self.permit: str = self._doc["permit"]
        self.enterprise: str = self._doc["enterprise"]
        self.from_: str = self._doc["from"]
        """First day of the period (local date)."""
        self.to: str = self._doc["to"]
        """Last day of the period (inclusive)."""
        self.outcome: str = self._doc["outcome"]
        """``pass``, ``fail`` or ``not_assessed``."""
        self.methods: List[MethodResult] = [_method(m) for m in self._doc["methods"]]
        self.packs: List[PackRef] = [PackRef(**p) for p in self._doc["packs"]]

    def to_dict(self) -> Dict[str, Any]:
        """The report as the core's JSON structure (a fresh dict each call)."""
        return json.loads(self._text)  # type: ignore[no-any-return]

    def to_json(self) -> str:
        """The report as compact JSON text."""
        return self._text

    def table(self, table: str = "conditions") -> Table:
        """One of the core's flat tables: ``conditions`` (one row per condition of each subject,
        the numbers as ``n_<name>`` columns), ``findings`` (one per finding: the finding head
        of every findings table, then ``condition``, ``clause``) or ``caps`` (one per mass cap)."""
        return Table(_ecorules.compliance_table_json(self._text, table))

    def rows(self, table: str = "conditions") -> List[Dict[str, Any]]:
        """:meth:`table` as dicts."""
        return self.table(table).records()

    def to_pandas(self, table: str = "conditions") -> "pandas.DataFrame":
        """:meth:`table` as a pandas DataFrame."""
        return self.table(table).to_pandas()

    def __repr__(self) -> str:
        return f"ComplianceReport(permit={self.permit!r}, {self.from_}..{self.to}, outcome={self.outcome!r}, methods={len(self.methods)})"


def run(
    plan: "Plan",
    data: Any,
    period: str,
    methods: Union[str, Sequence[str], None],
    records: Optional[Mapping[str, Any]],
    method_packs: Optional[Sequence["Document"]],
    as_of: Optional[str],
    duplicates: str,
    naive_time_zone: Optional[str],
) -> ComplianceReport:
    """The body of :meth:`Plan.comply`."""
    ids = [methods] if isinstance(methods, str) else list(methods or [])
    opts: Dict[str, Any] = {"period": str(period), "methods": ids}
    if as_of is not None:
        opts["as_of"] = as_of
    proto = None if data is None else _data.protocol(data, naive_time_zone)
    custom = [_data.source(p, f"method_packs[{i}]") for i, p in enumerate(method_packs or [])]
    text = _ecorules.comply(
        plan._native,
        proto,
        _data.load_json(duplicates, naive_time_zone),
        custom,
        None if records is None else _data.dumps(dict(records)),
        json.dumps(opts),
    )
    return ComplianceReport(text)


def methods() -> List[Dict[str, Any]]:
    """The embedded compliance-method packs: id, version, method, title, jurisdiction,
    standard, status, hash, conditions."""
    return json.loads(_ecorules.methods_json())  # type: ignore[no-any-return]


__all__ = ["CapResult", "ComplianceReport", "ConditionResult", "MethodResult", "MonthMass", "SubjectResult",
           "methods"]
