"""The Python API: inputs of every supported type give the same report; outputs; errors."""

from __future__ import annotations

import io
import json
import threading
from pathlib import Path
from typing import Any, Dict

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import ecorules

from conftest import PERMIT, T0, wide_arrays


@pytest.fixture
def plan() -> ecorules.Plan:
    return ecorules.Plan.compile(PERMIT)


def csv_text(w: Dict[str, Any]) -> str:
    buf = io.StringIO()
    pd.DataFrame(w).to_csv(buf, index=False)
    return buf.getvalue()


def test_packs_and_schemas() -> None:
    ids = [p["id"] for p in ecorules.packs()]
    assert "cn-ultra-low-2015" in ids and "cn-cems-validity" in ids
    assert "properties" in ecorules.permit_schema() or "$defs" in ecorules.permit_schema()
    assert isinstance(ecorules.pack_schema(), dict)
    assert ecorules.__version__ == "0.1.0"


def test_compile_from_text_path_dict(tmp_path: Path, plan: ecorules.Plan) -> None:
    p = tmp_path / "permit.toml"
    p.write_text(PERMIT, encoding="utf-8")
    assert ecorules.Plan.compile(p).outlets == ["DA001", "DA002"]
    assert ecorules.Plan.compile(str(p)).permit_id == "PERMIT-PY-1"
    as_dict = {
        "id": "P-2",
        "enterprise": {"name": "E"},
        "outlets": [{"id": "DA001", "kind": "air", "standard": "cn-ultra-low-2015/coal", "limits": [{"pollutant": "so2"}]}],
    }
    d = ecorules.Plan.compile(as_dict)
    assert d.enterprise == "E"
    assert ecorules.Plan.compile(json.dumps(as_dict)).rules() == d.rules()
    rules = plan.rules()
    assert [r.rule_id for r in rules if r.outlet == "DA001"] == [
        "cn-ultra-low-2015/coal/a21026/hour",
        "cn-ultra-low-2015/coal/a21002/hour",
    ]
    assert rules[0].max == 35.0 and rules[0].unit == "mg/m3"


def test_every_input_type_gives_the_same_report(plan: ecorules.Plan, wide: Dict[str, Any], tmp_path: Path) -> None:
    ref = plan.evaluate(wide).to_dict()
    assert len(ref["findings"]) == 3
    assert [f["start"] for f in ref["findings"]][0] == "2025-03-01T10:00:00+08:00"
    df = pd.DataFrame(wide)
    table = pa.table(wide)
    inputs = {
        "pandas": df,
        "pandas-datetime": df.assign(time=pd.to_datetime(df["time"], unit="s", utc=True)),
        "pandas-int-outlet": df.assign(outlet=df["outlet"].str.slice(2).astype("int64")),
        "arrow": table,
        "arrow-chunked": pa.concat_tables([table.slice(0, 1000), table.slice(1000)]),
        "recordbatch": table.to_batches()[0],
        "polars": pl.DataFrame(wide),
        "csv-text": csv_text(wide),
    }
    path = tmp_path / "data.csv"
    path.write_text(csv_text(wide), encoding="utf-8")
    inputs["csv-path"] = path
    inputs["csv-str-path"] = str(path)
    pq_path = tmp_path / "data.parquet"
    import pyarrow.parquet as pq

    pq.write_table(table, pq_path)
    inputs["parquet-path"] = pq_path
    for name, data in inputs.items():
        got = plan.evaluate(data).to_dict()
        if name == "pandas-int-outlet":
            assert got["notes"][0]["code"] == "unknown_outlet", name
            continue
        assert got == ref, name


def test_long_shape_and_series_document(plan: ecorules.Plan, wide: Dict[str, Any]) -> None:
    ref = plan.evaluate(wide).to_dict()
    df = pd.DataFrame(wide)
    long = df.melt(id_vars=["outlet", "time", "flag"], value_vars=["so2", "nox", "o2"], var_name="pollutant")
    # interleaved (sorted by time): the core copies and sorts
    long = long.sort_values(["time", "outlet", "pollutant"])
    assert plan.evaluate(long).to_dict() == ref
    doc = {
        "series": [
            {
                "outlet": o,
                "pollutant": p,
                "time": [int(t) for t in g["time"]],
                "values": [None if np.isnan(v) else float(v) for v in g[p]],
                "flags": "".join(g["flag"]),
            }
            for o, g in df.groupby("outlet")
            for p in ("so2", "nox", "o2")
        ]
    }
    assert plan.evaluate(doc).to_dict() == ref


def test_report_objects_and_tables(plan: ecorules.Plan, wide: Dict[str, Any]) -> None:
    r = plan.evaluate(wide)
    f = r.findings[0]
    assert isinstance(f, ecorules.Finding)
    assert (f.outlet, f.pollutant, f.period, f.value, f.limit) == ("DA001", "a21026", "hour", 50.0, 35.0)
    assert f.id == "DA001/a21026/exceedance/hour@2025-03-01T10:00:00+08:00"
    assert (f.kind, f.severity, f.facility, f.method) == ("exceedance", "low", None, "window_limit")
    assert (f.start, f.end) == ("2025-03-01T10:00:00+08:00", "2025-03-01T11:00:00+08:00")
    assert f.basis is not None and f.basis.standard and f.pack is not None and f.pack.id == "cn-ultra-low-2015"
    d = f.limit_detail()
    assert isinstance(f.detail, ecorules.LimitDetail) and d is f.detail and f.alarm_detail() is None
    assert d.validity_pack.id == "cn-cems-validity"
    assert (d.evidence.n_valid, d.evidence.n_total, d.evidence.n_required) == (60, 60, 45)
    assert (d.evidence.raw_value, d.evidence.o2, d.evidence.ref_o2) == (50.0, 6.0, 6.0)
    assert f.to_dict() == r.to_dict()["findings"][0]
    assert len(r) == 3
    assert r.events[0].windows == 3
    s = r.statistic("DA002", "a21026", "hour")
    assert s is not None and s.windows.present == 24 and s.samples.by_flag["C"] == 20
    df = r.to_pandas()
    assert list(df["value"]) == [50.0, 50.0, 50.0] and list(df["id"]) == [x.id for x in r.findings]
    assert list(df.columns) == [
        "id", "rule_id", "kind", "severity", "outlet", "pollutant", "facility", "period", "start", "end",
        "value", "limit", "unit", "ratio", "method", "basis_standard", "basis_clause", "basis_status",
        "pack_id", "pack_version", "pack_hash", "message_zh", "message_en",
        "validity_pack_id", "validity_pack_version", "validity_pack_hash", "evidence_n_valid",
        "evidence_n_total", "evidence_n_required", "evidence_raw_value", "evidence_o2", "evidence_ref_o2",
    ]
    assert list(df["evidence_n_valid"]) == [60, 60, 60] and list(df["facility"]) == [None] * 3
    t = r.to_arrow("statistics")
    assert t.num_rows == 3 and "windows_valid" in t.column_names
    assert r.to_arrow("events").num_rows == 1
    assert r.table("notes").columns == ["code", "outlet", "pollutant", "message_zh", "message_en"]
    assert r.rows()[0]["basis_standard"] == f.basis.standard
    with pytest.raises(ecorules.DataError) as bad:
        r.table("finding")
    assert bad.value.code == "data.unknown_table" and bad.value.help == "did you mean `findings`?"
    empty = plan.evaluate(wide, findings=False)
    assert empty.findings == [] and empty.to_arrow().num_rows == 0 and len(empty.events) == 1
    assert json.loads(r.to_json(indent=2)) == r.to_dict()


def test_from_to_and_judged_windows(plan: ecorules.Plan, wide: Dict[str, Any]) -> None:
    r = plan.evaluate(wide, from_=T0 + 11 * 3600, to=T0 + 12 * 3600)
    assert [f.start for f in r.findings] == ["2025-03-01T11:00:00+08:00"]
    w = plan.judged_windows(wide, "DA001", "cn-ultra-low-2015/coal/a21026/hour")
    assert len(w["start"]) == 24 and w["exceeds"].sum() == 3 and w["valid"].all()
    assert w["value"][10] == 50.0 and w["start"][0] == T0
    with pytest.raises(ecorules.PermitError) as e:
        plan.judged_windows(wide, "DA001", "nope")
    assert e.value.code == "permit.unknown_rule"


def test_permit_error_envelope() -> None:
    with pytest.raises(ecorules.PermitError) as info:
        ecorules.Plan.compile(PERMIT.replace('pollutant = "nox"', 'pollutant = "nox2"'))
    e = info.value
    assert isinstance(e, ecorules.Error)
    assert (e.kind, e.code) == ("permit", "permit.unknown_pollutant")
    assert e.path == "outlets[0].limits[1].pollutant"
    assert e.file == "permit.toml" and e.line == 9 and e.column is not None
    assert e.help == "did you mean `nox`?"
    assert e.envelope()["code"] == e.code and "nox2" in str(e)


def test_pack_error() -> None:
    with pytest.raises(ecorules.PackError) as info:
        ecorules.Plan.compile(PERMIT, packs=['id = "x"\nkind = "standard"\n'])
    assert info.value.kind == "pack" and info.value.file == "packs[0].toml"


def test_data_errors(plan: ecorules.Plan, wide: Dict[str, Any]) -> None:
    with pytest.raises(ecorules.DataError) as info:
        plan.evaluate("outlet,time,so3\nDA001,0,1\n")
    assert info.value.code == "data.unknown_pollutant" and (info.value.line, info.value.column) == (1, 3)
    with pytest.raises(ecorules.DataError) as info:
        plan.evaluate({**wide, "flag": np.full(len(wide["time"]), "X")})
    assert info.value.code == "data.unknown_flag"
    dup = {k: np.concatenate([v, v[:1]]) for k, v in wide.items()}
    with pytest.raises(ecorules.DataError) as info:
        plan.evaluate(dup)
    assert info.value.code == "data.duplicate_timestamp"
    assert plan.evaluate(dup, duplicates="keep_last").to_dict() == plan.evaluate(wide).to_dict()
    naive = pd.DataFrame(wide).assign(time=pd.to_datetime(wide["time"], unit="s"))
    with pytest.raises(ecorules.DataError) as info:
        plan.evaluate(naive)
    assert info.value.code == "data.naive_time"
    shanghai = naive.assign(time=naive["time"] + pd.Timedelta(hours=8))
    assert plan.evaluate(shanghai, naive_time_zone="Asia/Shanghai").to_dict() == plan.evaluate(wide).to_dict()
    with pytest.raises(ecorules.DataError) as info:
        plan.evaluate(42)
    assert info.value.code == "data.unsupported_input"
    with pytest.raises(ecorules.DataError):
        plan.evaluate({"time": wide["time"], "so2": wide["so2"]})


def test_panic_is_an_ecorules_error() -> None:
    with pytest.raises(ecorules.Error) as info:
        ecorules._ecorules._panic_for_test()
    assert type(info.value) is ecorules.Error
    assert (info.value.kind, info.value.code) == ("internal", "internal.panic")


def test_threads_share_a_plan(plan: ecorules.Plan) -> None:
    data = wide_arrays()
    ref = plan.evaluate(data).to_dict()
    out: list = []

    def work() -> None:
        out.append(plan.evaluate(data).to_dict())

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert out == [ref] * 4


HJ212 = b"##0120QN=20250301000000000;ST=31;CN=2051;PW=123456;MN=AB12;Flag=4;CP=&&DataTime=20250301000000;a21026-Avg=20.5,a21026-Flag=N&&3740\r\n"


def test_hj212_capture_evaluates_directly(plan: ecorules.Plan) -> None:
    cap = ecorules.hj212.decode(HJ212 + b"garbage##0010bad\r\n", map={"AB12": "DA001"})
    assert (cap.accepted, cap.packets_used) == (1, 1) and cap.rejected >= 0
    doc = cap.series_document()
    assert doc["series"][0]["outlet"] == "DA001" and doc["series"][0]["values"] == [20.5]
    assert plan.evaluate(cap).to_dict() == plan.evaluate(doc).to_dict()
    with pytest.raises(ecorules.Error):
        ecorules.hj212.decode(HJ212, time_zone="Mars/Olympus")
