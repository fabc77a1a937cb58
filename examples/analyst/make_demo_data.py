"""Writes a year of synthetic CEMS minute data for the demo enterprises (one parquet each).

    python make_demo_data.py DATA_DIR [--year 2025]

Wide shape (``outlet, time, so2, nox, pm, o2, flag``), times as aware timestamps. Each
outlet gets a diurnal load cycle, lognormal noise, a few multi-hour spikes and one or two
multi-day episodes above the limits, daily 15-minute calibrations (flag C), maintenance
days (flag M) and some missing values, so the analysis has something to find.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Dict, List

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

OUTLETS: Dict[str, List[str]] = {
    "huadong-power": ["DA001", "DA002"],
    "jiangnan-thermal": ["DA001"],
    "beihai-steam": ["DA001"],
}
LIMITS = {"so2": 35.0, "nox": 50.0, "pm": 10.0}
SEVERITY = {"huadong-power": 1.0, "jiangnan-thermal": 0.4, "beihai-steam": 2.0}


def outlet_table(name: str, outlet: str, seed: int, year: int) -> pa.Table:
    rng = np.random.default_rng(seed)
    start = np.datetime64(f"{year}-01-01T00:00:00", "s") - np.timedelta64(8, "h")  # local midnight, UTC+8
    n = 365 * 24 * 60
    minute = np.arange(n)
    hours = minute / 60.0
    load = 0.75 + 0.2 * np.sin(2 * np.pi * (hours % 24 - 9) / 24) + 0.05 * rng.standard_normal(n).cumsum() / np.sqrt(n)
    o2 = np.clip(9.0 - 3.0 * (load - 0.75) + 0.3 * rng.standard_normal(n), 3.0, 15.0)
    day = minute // 1440
    season = 1.0 + 0.15 * np.cos(2 * np.pi * (day - 15) / 365)
    cols: Dict[str, np.ndarray] = {}
    for p, limit in LIMITS.items():
        daily = np.repeat(rng.lognormal(0.0, 0.15, 365), 1440)
        base = limit * rng.uniform(0.45, 0.7) * season * daily * load * rng.lognormal(0.0, 0.12, n)
        for _ in range(int(12 * SEVERITY[name])):  # spikes of 2-8 h
            s, d = rng.integers(0, n - 600), rng.integers(120, 480)
            base[s : s + d] *= rng.uniform(1.6, 2.6)
        for _ in range(int(round(1 + SEVERITY[name]))):  # episodes of 1-3 days
            s, d = rng.integers(0, n - 5000), rng.integers(1440, 4320)
            base[s : s + d] *= rng.uniform(1.8, 2.4)
        actual = base * (21.0 - o2) / 15.0  # measured at actual O2
        actual[rng.integers(0, n, 300)] = np.nan
        cols[p] = np.round(actual, 3)
    flag = np.full(n, "N", dtype="<U1")
    cal = (minute % 1440 >= 540) & (minute % 1440 < 555)  # 09:00-09:15 local calibration
    flag[cal] = "C"
    for _ in range(4):
        s = rng.integers(0, n - 1440)
        flag[s : s + 1440] = "M"
    return pa.table(
        {
            "outlet": pa.array([outlet] * n),
            "time": pa.array(start + (60 * minute).astype("timedelta64[s]")).cast(pa.timestamp("s", tz="UTC")),
            **{p: pa.array(v) for p, v in cols.items()},
            "o2": pa.array(np.round(o2, 2)),
            "flag": pa.array(flag),
        }
    )


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "data")
    year = int(sys.argv[3]) if len(sys.argv) > 3 and sys.argv[2] == "--year" else 2025
    out.mkdir(parents=True, exist_ok=True)
    for i, (name, outlets) in enumerate(OUTLETS.items()):
        tables = [outlet_table(name, o, seed=100 * i + j, year=year) for j, o in enumerate(outlets)]
        if name == "beihai-steam":
            tables = [t.drop_columns(["pm"]) for t in tables]
        pq.write_table(pa.concat_tables(tables), out / f"{name}.parquet")
        print(f"wrote {out / (name + '.parquet')}: {sum(t.num_rows for t in tables):,} rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
