"""ecorules: judge industrial emission monitoring data against discharge permits.

A permit (TOML/JSON) and the rule packs it cites compile once into a :class:`Plan`;
the plan evaluates monitoring data (pandas, polars, Arrow, numpy, CSV/JSON) into a
:class:`Report` of findings, events and statistics. Every engine (limits, compliance
methods, warnings, inspections) reports the one :class:`Finding` shape. The rules engine
is the Rust core ``ecorules``, unchanged; this package moves data in and results out.

>>> import ecorules
>>> plan = ecorules.Plan.compile("permit.toml")                 # doctest: +SKIP
>>> report = plan.evaluate(df)                                   # doctest: +SKIP
>>> report.to_pandas()                                           # doctest: +SKIP
"""

from __future__ import annotations

import json
from typing import Any, Dict, List

from . import _ecorules, hj212, inspect, warn
from ._errors import (
    ConversionError,
    DataError,
    Error,
    LimitError,
    PackError,
    PermitError,
    ProtocolError,
    RuleError,
    StateError,
)
from ._comply import (
    CapResult,
    ComplianceReport,
    ConditionResult,
    MethodResult,
    MonthMass,
    SubjectResult,
    methods,
)
from ._plan import Plan
from ._report import (
    AlarmDetail,
    ConditionDetail,
    Event,
    Evidence,
    Finding,
    FindingDetail,
    FindingKind,
    InspectionDetail,
    LegalBasis,
    LimitDetail,
    Message,
    Note,
    PackRef,
    Report,
    Rule,
    SampleCounts,
    Severity,
    Statistic,
    WindowCounts,
)

from ._table import Table
from ._warn import Monitor, RuleStats, WarningsReport, warning_packs

__version__: str = _ecorules.__version__


def packs() -> List[Dict[str, Any]]:
    """The embedded rule packs: id, version, kind, title, jurisdiction, standard, status, hash, categories."""
    return json.loads(_ecorules.packs_json())  # type: ignore[no-any-return]


def pack_schema() -> Dict[str, Any]:
    """The JSON Schema of a rule pack."""
    return json.loads(_ecorules.pack_schema())  # type: ignore[no-any-return]


def permit_schema() -> Dict[str, Any]:
    """The JSON Schema of a permit."""
    return json.loads(_ecorules.permit_schema())  # type: ignore[no-any-return]


__all__ = [
    "AlarmDetail",
    "CapResult",
    "ComplianceReport",
    "ConditionDetail",
    "ConditionResult",
    "MethodResult",
    "Monitor",
    "MonthMass",
    "RuleStats",
    "SubjectResult",
    "WarningsReport",
    "Table",
    "methods",
    "warning_packs",
    "ConversionError",
    "DataError",
    "Error",
    "Event",
    "Evidence",
    "Finding",
    "FindingDetail",
    "FindingKind",
    "InspectionDetail",
    "LegalBasis",
    "LimitDetail",
    "LimitError",
    "Message",
    "Note",
    "PackError",
    "PackRef",
    "PermitError",
    "Plan",
    "ProtocolError",
    "Report",
    "Rule",
    "RuleError",
    "SampleCounts",
    "Severity",
    "StateError",
    "Statistic",
    "WindowCounts",
    "pack_schema",
    "packs",
    "permit_schema",
    "hj212",
    "inspect",
    "warn",
]
