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
    return report.to_dict()


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


RUNNERS = {"evaluate": run_evaluate, "hj212_decode": run_hj212_decode}


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
