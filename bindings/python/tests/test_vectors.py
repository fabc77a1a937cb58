"""Replays every conformance vector (`tests/vectors/*.json`) through the Python API.

Each vector must give exactly its `expected` output (compared as parsed JSON) or raise
an `ecorules.Error` whose envelope equals `expected_error`. A kind this binding does not
support fails its test: it is never skipped.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict

import pytest

import ecorules

from conftest import REPO

VECTORS = sorted((REPO / "tests" / "vectors").glob("*.json"))


def run_evaluate(inp: Dict[str, Any]) -> Dict[str, Any]:
    plan = ecorules.Plan.compile(inp["permit"], packs=inp.get("packs"))
    load = inp.get("load") or {}
    opts = inp.get("options") or {}
    report = plan.evaluate(
        inp["data"],
        from_=opts.get("from"),
        to=opts.get("to"),
        findings=opts.get("findings", True),
        duplicates=load.get("duplicates", "error"),
        naive_time_zone=load.get("naive_time_zone"),
        source_name=load.get("source_name"),
    )
    out = report.to_dict()
    # the typed findings (the one `Finding` shape) carry the same JSON
    assert [f.to_dict() for f in report.findings] == out["findings"]
    assert all(isinstance(f.detail, ecorules.LimitDetail) for f in report.findings)
    return out


def run_inspection(inp: Dict[str, Any]) -> Dict[str, Any]:
    out = ecorules.inspect.run_inspection(inp)
    typed = ecorules.inspect.findings(out)
    assert [f.to_dict() for f in typed] == out["report"]["findings"]
    assert all(f.kind == "inspection" and isinstance(f.detail, ecorules.InspectionDetail) for f in typed)
    return out


def run_hj212_decode(inp: Dict[str, Any]) -> Dict[str, Any]:
    known = {"text", "time_zone", "map", "data", "values"}
    assert set(inp) <= known, f"unknown hj212_decode input fields {set(inp) - known}"
    capture = ecorules.hj212.decode(
        inp["text"],
        time_zone=inp.get("time_zone"),
        map=inp.get("map"),
        data=inp.get("data", "minute"),
        values=inp.get("values", "measured"),
    )
    return capture.to_dict()


def run_warnings(inp: Dict[str, Any]) -> Dict[str, Any]:
    known = {"permit", "packs", "warnings", "data", "records", "now", "options"}
    assert set(inp) <= known, f"unknown warnings input fields {set(inp) - known}"
    plan = ecorules.Plan.compile(inp["permit"], packs=inp.get("packs"))
    report = plan.warnings(
        inp.get("data"),
        inp["warnings"],
        records=inp.get("records"),
        now=inp.get("now"),
        lateness=(inp.get("options") or {}).get("lateness", 0),
    )
    out = report.to_dict()
    # the typed alarms (findings of kind `alarm`) and stats carry the same JSON
    assert [a.to_dict() for a in report.alarms] == out["alarms"]
    assert all(a.kind == "alarm" and isinstance(a.detail, ecorules.AlarmDetail) for a in report.alarms)
    assert [s.to_dict() for s in report.stats] == out["stats"]
    # the JSON-level call (`ecorules.warn.evaluate`, the core's warnings_request) agrees
    assert ecorules.warn.evaluate(inp) == out
    return out


def run_comply(inp: Dict[str, Any]) -> Dict[str, Any]:
    known = {"permit", "packs", "method_packs", "data", "load", "records", "options"}
    assert set(inp) <= known, f"unknown comply input fields {set(inp) - known}"
    plan = ecorules.Plan.compile(inp["permit"], packs=inp.get("packs"))
    opts = inp["options"]
    assert set(opts) <= {"period", "methods", "as_of"}, f"unknown comply options {set(opts)}"
    load = inp.get("load") or {}
    report = plan.comply(
        inp.get("data"),
        period=opts["period"],
        methods=opts["methods"],
        records=inp.get("records"),
        method_packs=inp.get("method_packs"),
        as_of=opts.get("as_of"),
        duplicates=load.get("duplicates", "error"),
        naive_time_zone=load.get("naive_time_zone"),
    )
    out = report.to_dict()
    # the typed condition findings carry the same JSON
    typed = [[[[f.to_dict() for f in c.findings] for c in s.conditions] for s in m.subjects] for m in report.methods]
    assert typed == [[[c["findings"] for c in s["conditions"]] for s in m["subjects"]] for m in out["methods"]]
    return out


RUNNERS = {
    "inspection": run_inspection,
    "inspection_restore": ecorules.inspect.restore,
    "checklist_load": ecorules.inspect.load_checklist,
    "onsite_check": ecorules.inspect.onsite_check,
    "evaluate": run_evaluate,
    "hj212_decode": run_hj212_decode,
    "warnings": run_warnings,
    "comply": run_comply,
}


def test_vectors_exist() -> None:
    assert (REPO / "tests" / "vectors" / "README.md").exists()


@pytest.mark.parametrize("path", VECTORS, ids=[p.name for p in VECTORS])
def test_vector(path: Path) -> None:
    vec = json.loads(path.read_text(encoding="utf-8"))
    kind = vec.get("kind")
    runner = RUNNERS.get(kind)
    if runner is None:
        pytest.fail(f"{path.name}: vector kind {kind!r} is not supported by the Python binding")
    if "expected_error" in vec:
        with pytest.raises(ecorules.Error) as info:
            runner(vec["input"])
        assert info.value.envelope() == vec["expected_error"]
    else:
        assert runner(vec["input"]) == vec["expected"]
