"""Early warnings and compliance methods through the Python API (beyond the vector replay):
a monitor killed and restored mid-stream equals an uninterrupted one and the batch run;
typed alarms and reports mirror the core's JSON; errors arrive as typed envelopes."""

from __future__ import annotations

import json
from typing import Any, Dict, List

import numpy as np
import pandas as pd
import pytest

import ecorules

from conftest import PERMIT, REPO, T0, wide_arrays

VECTORS = REPO / "tests" / "vectors"
#: The columns every findings table starts with (limits, compliance methods, alarms).
FINDING_HEAD = ["id", "rule_id", "kind", "severity", "outlet", "pollutant", "facility", "period", "start", "end",
                "value", "limit", "unit", "ratio", "method", "basis_standard", "basis_clause", "basis_status",
                "pack_id", "pack_version", "pack_hash", "message_zh", "message_en"]


def vector(name: str) -> Dict[str, Any]:
    return json.loads((VECTORS / name).read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def chunks(doc: Dict[str, Any], n: int) -> List[Dict[str, Any]]:
    """The series document cut into `n` consecutive time slices."""
    times = sorted({t for s in doc["series"] for t in s["time"]})
    edges = [times[len(times) * k // n] for k in range(n)] + [times[-1] + 1]
    out = []
    for lo, hi in zip(edges, edges[1:]):
        series = []
        for s in doc["series"]:
            idx = [i for i, t in enumerate(s["time"]) if lo <= t < hi]
            if not idx:
                continue
            part = {"outlet": s["outlet"], "pollutant": s["pollutant"],
                    "time": [s["time"][i] for i in idx], "values": [s["values"][i] for i in idx]}
            if s.get("flags"):
                part["flags"] = "".join(s["flags"][i] for i in idx)
            series.append(part)
        if series:
            out.append({"series": series})
    return out


def alarm_dicts(alarms: List[ecorules.Finding]) -> List[Dict[str, Any]]:
    return [a.to_dict() for a in alarms]


@pytest.mark.parametrize("name", ["warn-lang-constructs.json", "warn-facility-fan-stopped.json",
                                  "warn-cems-approach-80.json", "warn-cems-flat-line.json"])
def test_monitor_snapshot_restore_mid_stream_equals_uninterrupted(name: str) -> None:
    inp = vector(name)["input"]
    plan = ecorules.Plan.compile(inp["permit"], packs=inp.get("packs"))
    packs = inp["warnings"]
    parts = chunks(inp["data"], 7)
    assert len(parts) >= 5

    straight = ecorules.Monitor(plan, packs)
    a: List[ecorules.Finding] = []
    for p in parts:
        a += straight.push(p)
    a += straight.flush()

    for cut in range(1, len(parts)):
        m = ecorules.Monitor(plan, packs)
        b: List[ecorules.Finding] = []
        for p in parts[:cut]:
            b += m.push(p)
        state = m.snapshot()
        del m  # the process "dies"; only the bytes survive
        m2 = ecorules.Monitor.restore(plan, packs, state)
        for p in parts[cut:]:
            b += m2.push(p)
        b += m2.flush()
        assert alarm_dicts(b) == alarm_dicts(a), f"cut after chunk {cut}"
        assert [s.to_dict() for s in m2.stats()] == [s.to_dict() for s in straight.stats()]

    # streaming equals batch (which sorts events by time, outlet, rule instance)
    batch = plan.warnings(inp["data"], packs)
    key = lambda d: (d["detail"]["alarm"]["at"], d["id"], d["detail"]["alarm"]["event"])  # noqa: E731
    assert sorted(alarm_dicts(a), key=key) == sorted(alarm_dicts(batch.alarms), key=key)
    if "now" not in inp:
        assert batch.to_dict() == vector(name)["expected"]


def test_monitor_tick_and_typed_alarms() -> None:
    v = vector("warn-cems-no-data.json")
    inp = v["input"]
    plan = ecorules.Plan.compile(inp["permit"])
    m = ecorules.Monitor(plan, inp["warnings"])
    got = m.push(inp["data"]) + m.flush() + m.tick(inp["now"])
    assert alarm_dicts(got) == v["expected"]["alarms"]
    assert len(got) == 1
    al = got[0]
    assert isinstance(al, ecorules.Finding) and isinstance(al.detail, ecorules.AlarmDetail)
    assert al.id == "DA001/a21026/cn-cems-warnings/no-data@2025-03-01T03:00:00+08:00"
    assert (al.kind, al.rule_id, al.severity) == ("alarm", "cn-cems-warnings/no-data", "high")
    assert (al.outlet, al.pollutant, al.start, al.end) == ("DA001", "a21026", "2025-03-01T03:00:00+08:00", None)
    assert (al.value, al.limit, al.basis, al.method) == (7260.0, 100.0, None, None)
    assert al.pack is not None and al.pack.id == "cn-cems-warnings"
    assert al.message.en == "DA001 sulphur dioxide: no data for more than 1 hour as of 2025-03-01T03:00:00+08:00"
    assert al.message.zh == "DA001 二氧化硫 已超过1小时无数据（截至 2025-03-01T03:00:00+08:00）"
    d = al.alarm_detail()
    assert d is not None and al.limit_detail() is None
    assert (d.event, d.subject, d.at, d.duration_s) == ("opened", "a21026", "2025-03-01T03:00:00+08:00", 0)
    assert (d.peak, d.peak_at, d.signals) == (7260.0, "2025-03-01T03:00:00+08:00", ["a21026"])
    assert "Monitor(" in repr(m)
    assert isinstance(m.open_alarms(), list)


def test_deadlines_with_records_and_iso_now() -> None:
    v = vector("warn-deadline-records.json")
    inp = v["input"]
    plan = ecorules.Plan.compile(inp["permit"])
    # records as the list of items, now as an aware datetime: same result
    from datetime import datetime, timezone, timedelta

    now = datetime.fromisoformat(inp["now"]).astimezone(timezone(timedelta(hours=8)))
    r = plan.warnings(None, inp["warnings"], records=inp["records"]["items"], now=now)
    assert r.to_dict() == v["expected"]
    m = ecorules.Monitor(plan, inp["warnings"], records=inp["records"])
    assert alarm_dicts(m.tick(inp["now"])) == v["expected"]["alarms"]


def test_monitor_pushes_a_dataframe() -> None:
    plan = ecorules.Plan.compile(PERMIT)
    df = pd.DataFrame(wide_arrays())
    df["time"] = pd.to_datetime(df["time"], unit="s", utc=True)
    m = ecorules.Monitor(plan, ["cn-cems-warnings"])
    streamed: List[ecorules.Finding] = []
    for (_, part) in df.groupby((df["time"] - df["time"].min()) // pd.Timedelta(hours=1), sort=True):
        streamed += m.push(part.sort_values(["outlet", "time"]))
    streamed += m.flush()
    batch = plan.warnings(df, ["cn-cems-warnings"])
    assert sorted(map(repr, streamed)) == sorted(map(repr, batch.alarms))
    assert len(batch) > 0  # SO2 at 50 vs 35 during hours 10-12 of DA001
    frame = batch.to_pandas()
    assert list(frame["rule_id"]) == [a.rule_id for a in batch.alarms]
    assert list(frame["id"]) == [a.id for a in batch.alarms]
    assert list(frame["event"]) == [a.detail.event for a in batch.alarms if isinstance(a.detail, ecorules.AlarmDetail)]
    assert list(frame.columns) == batch.table().columns == FINDING_HEAD + [
        "event", "subject", "at", "duration_s", "peak", "peak_at", "signals"]
    assert any(p["id"] == "cn-cems-warnings" for p in ecorules.warning_packs())


def test_monitor_errors() -> None:
    plan = ecorules.Plan.compile(PERMIT)
    with pytest.raises(ecorules.StateError) as e:
        ecorules.Monitor.restore(plan, ["cn-cems-warnings"], b"not a snapshot")
    assert e.value.kind == "state"
    state = ecorules.Monitor(plan, ["cn-cems-warnings"]).snapshot()
    with pytest.raises(ecorules.StateError):
        ecorules.Monitor.restore(plan, ["cn-water-warnings"], state)
    with pytest.raises(ecorules.PackError) as p:
        ecorules.Monitor(plan, ["no-such-pack"])
    assert p.value.code == "pack.unknown_pack" and "cn-cems-warnings" in (p.value.help or "")
    bad = vector("warn-error-syntax.json")
    with pytest.raises(ecorules.RuleError) as r:
        ecorules.Monitor(plan, bad["input"]["warnings"])
    assert r.value.envelope() == bad["expected_error"]
    assert r.value.line is not None and r.value.column is not None
    m = ecorules.Monitor(plan, ["cn-cems-warnings"])
    doc = {"series": [{"outlet": "DA001", "pollutant": "so2", "time": [T0 + 600], "values": [10.0]}]}
    m.push(doc)
    late = {"series": [{"outlet": "DA001", "pollutant": "so2", "time": [T0], "values": [10.0]}]}
    with pytest.raises(ecorules.DataError) as d:
        m.push(late)
    assert d.value.code == "data.late_sample"


def test_comply_report_objects_and_tables() -> None:
    v = vector("comply-mass-cap-exceeded.json")
    inp = v["input"]
    plan = ecorules.Plan.compile(inp["permit"], packs=inp["packs"])
    rep = plan.comply(inp["data"], period=inp["options"]["period"], methods=inp["options"]["methods"],
                      as_of=inp["options"].get("as_of"))
    assert rep.to_dict() == v["expected"]
    assert isinstance(rep, ecorules.ComplianceReport)
    assert rep.outcome == v["expected"]["outcome"]
    assert isinstance(rep.methods[0], ecorules.MethodResult)
    assert rep.methods[0].caps and isinstance(rep.methods[0].caps[0], ecorules.CapResult)
    assert not rep.to_pandas("caps").empty
    assert rep.table("caps").columns[:4] == ["method", "method_version", "pack_hash", "method_outcome"]
    conds = rep.to_pandas()
    assert {"method", "subject", "condition", "outcome"} <= set(conds.columns)

    v2 = vector("comply-ied-lcp-hourly-below-95.json")
    inp2 = v2["input"]
    plan2 = ecorules.Plan.compile(inp2["permit"], packs=inp2["packs"])
    rep2 = plan2.comply(inp2["data"], period=inp2["options"]["period"], methods=inp2["options"]["methods"][0])
    assert rep2.to_dict() == v2["expected"]
    c = rep2.methods[0].subjects[0].conditions
    assert all(isinstance(x, ecorules.ConditionResult) for x in c)
    assert rep2.outcome == "fail"
    f = c[0].findings[0]
    assert isinstance(f, ecorules.Finding) and isinstance(f.detail, ecorules.ConditionDetail)
    assert f.id == "DA001/a21026/eu-ied-annex-v-lcp/a-monthly@2025-01-01T00:00:00+00:00"
    assert (f.kind, f.rule_id, f.severity, f.method) == ("condition", "eu-ied-annex-v-lcp/a-monthly", "high",
                                                         "eu-ied-annex-v-lcp")
    assert (f.outlet, f.pollutant, f.period, f.value, f.limit, f.unit, f.ratio) == (
        "DA001", "a21026", "month", 208.0, 100.0, "mg/m3", 2.08)
    assert (f.start, f.end) == ("2025-01-01T00:00:00+00:00", "2025-02-01T00:00:00+00:00")
    assert f.basis is not None and (f.basis.standard, f.basis.clause, f.basis.status) == (
        "Directive 2010/75/EU", "Annex V Part 4 point 1(a)", "secondary")
    d = f.condition_detail()
    assert d is not None and (d.condition, d.clause) == ("a-monthly", "Annex V Part 4 point 1(a)")
    ft = rep2.table("findings")
    assert ft.columns == FINDING_HEAD + ["condition", "clause"]
    rows = ft.records()
    assert len(rows) == sum(len(x.findings) for s in rep2.methods[0].subjects for x in s.conditions)
    assert (rows[0]["id"], rows[0]["limit"], rows[0]["condition"]) == (f.id, 100.0, "a-monthly")
    ids = {m["id"] for m in ecorules.methods()}
    assert set(inp2["options"]["methods"]) <= ids and "cn-auto-monitoring" in ids


def test_comply_with_a_dataframe() -> None:
    plan = ecorules.Plan.compile(PERMIT)
    df = pd.DataFrame(wide_arrays())
    rep = plan.comply(df, period="2025-03", methods=["cn-auto-monitoring"])
    assert rep.outcome == "fail"  # DA001 SO2 50 > 35 for three hours
    series = []
    for o in ("DA001", "DA002"):
        part = df[df.outlet == o]
        for p in ("so2", "nox", "o2"):
            series.append({"outlet": o, "pollutant": p, "time": [int(t) for t in part["time"]],
                           "values": [None if np.isnan(x) else float(x) for x in part[p]],
                           "flags": "".join(part["flag"])})
    doc = plan.comply({"series": series}, period="2025-03", methods="cn-auto-monitoring")
    assert rep.to_dict() == doc.to_dict()


def test_comply_error_envelopes() -> None:
    plan = ecorules.Plan.compile(PERMIT)
    with pytest.raises(ecorules.DataError) as e:
        plan.comply(None, period="2025-13-99", methods=["cn-auto-monitoring"])
    assert e.value.code == "data.comply.bad_period" and e.value.path == "options.period" and e.value.help
    with pytest.raises(ecorules.DataError) as e:
        plan.comply(None, period=2025)
    assert e.value.code == "data.comply.no_methods" and "cn-auto-monitoring" in (e.value.help or "")
    with pytest.raises(ecorules.DataError) as e:
        plan.comply(None, period=2025, methods=["cn-auto-monitorin"])
    assert e.value.code == "data.comply.unknown_method" and e.value.path == "options.methods[0]"
    assert "cn-auto-monitoring" in (e.value.help or "")
    with pytest.raises(ecorules.DataError) as e:
        plan.comply(None, period=2025, methods=["cn-auto-monitoring"], as_of="soon")
    assert e.value.code == "data.comply.bad_date"
    with pytest.raises(ecorules.Error) as e:
        plan.comply(None, period=2025, methods=["cn-auto-monitoring"], method_packs=[{"id": 3}])
    assert e.value.file == "method_packs[0].json"
