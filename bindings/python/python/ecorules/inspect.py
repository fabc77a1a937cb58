"""Site inspections and on-site spot checks (the core's ``ecorules::inspect``), JSON level.

An inspector walks a checklist generated from the permit (``rules/checklists/``), answers
each item (compliant / non-compliant / not applicable, notes, evidence), may save and
resume, and finishes with findings; a spot check converts one portable-analyser reading
(ppm → mg/m3, O2 correction) and judges it against the permit. Each function takes the
request dict of its conformance-vector kind (``tests/vectors/README.md``) and returns the
core's JSON output as a dict; errors raise :class:`ecorules.Error` subclasses.
:func:`findings` gives an inspection report's findings as typed :class:`ecorules.Finding`
objects (kind ``inspection``, the checklist item in :class:`ecorules.InspectionDetail`).
"""

from __future__ import annotations

import json
from typing import Any, Dict, List, Mapping

from . import _ecorules
from ._report import Finding
from ._report import findings as _findings


def _call(kind: str, request: Mapping[str, Any]) -> Dict[str, Any]:
    out: Dict[str, Any] = json.loads(_ecorules.inspect_json(kind, json.dumps(request)))
    return out


def run_inspection(request: Mapping[str, Any]) -> Dict[str, Any]:
    """Start, answer, save / restore, finish: ``{items, report}`` (kind ``inspection``)."""
    return _call("inspection", request)


def restore(request: Mapping[str, Any]) -> Dict[str, Any]:
    """Restores saved inspection state (``{state, finished_at}``) and finishes it."""
    return _call("inspection_restore", request)


def load_checklist(request: Mapping[str, Any]) -> Dict[str, Any]:
    """Adds a checklist pack (``{pack, expected_hash?}``) to the embedded set; its listing."""
    return _call("checklist_load", request)


def onsite_check(request: Mapping[str, Any]) -> Dict[str, Any]:
    """Judges one spot measurement (``{permit, packs?, measurement}``) against the permit."""
    return _call("onsite_check", request)


def findings(result: Mapping[str, Any]) -> List[Finding]:
    """The findings of an inspection report as typed objects: ``result`` is what
    :func:`run_inspection` returns (``{items, report}``) or the report itself (:func:`restore`)."""
    report = result["report"] if "report" in result else result
    return _findings(report["findings"])


__all__ = ["findings", "load_checklist", "onsite_check", "restore", "run_inspection"]
