"""Spark local mode: the job's findings equal the single-process result.

Needs pyspark and Java 17 (`pip install pyspark`); skipped when pyspark is missing.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import ecorules

pyspark = pytest.importorskip("pyspark")
sys.path.insert(0, str(Path(__file__).parent))
import job  # noqa: E402

PERMITS = {
    "a.toml": """
id = "P-A"
enterprise = { name = "Enterprise A" }
[[outlets]]
id = "DA001"
kind = "air"
standard = "cn-ultra-low-2015/coal"
limits = [{ pollutant = "so2", periods = ["hour", "day"] }, { pollutant = "nox" }]
[[outlets]]
id = "DA002"
kind = "air"
standard = "cn-ultra-low-2015/coal"
limits = [{ pollutant = "so2" }]
""",
    "b.toml": """
id = "P-B"
enterprise = { name = "Enterprise B" }
[[outlets]]
id = "DA001"
kind = "air"
limits = [{ pollutant = "so2", max = 30.0, ref_o2 = 6.0, periods = ["hour"] }]
""",
}


def readings() -> pd.DataFrame:
    rng = np.random.default_rng(7)
    parts = []
    for permit, outlet in [("P-A", "DA001"), ("P-A", "DA002"), ("P-B", "DA001")]:
        n = 3 * 24 * 60
        so2 = rng.uniform(15, 40, n)
        for start in rng.integers(0, n - 180, 4):
            so2[start : start + 150] += 20.0
        so2[rng.integers(0, n, 50)] = np.nan
        flag = np.where(rng.random(n) < 0.05, "C", "N")
        parts.append(
            pd.DataFrame(
                {
                    "permit": permit,
                    "outlet": outlet,
                    "time": 1_740_758_400 + 60 * np.arange(n, dtype=np.int64),
                    "so2": so2,
                    "nox": rng.uniform(20, 55, n),
                    "o2": rng.uniform(5, 8, n),
                    "flag": flag,
                }
            )
        )
    return pd.concat(parts, ignore_index=True)


def single_process(permits_dir: Path, data: pd.DataFrame) -> pd.DataFrame:
    permits, packs = job.read_permits(permits_dir)
    out = []
    for pid, group in data.groupby("permit"):
        plan = ecorules.Plan.compile(permits[str(pid)], packs=packs)
        df = plan.evaluate(group.drop(columns=["permit"])).to_pandas()
        df.insert(0, "permit", pid)
        df.insert(1, "enterprise", plan.enterprise)
        out.append(df.reindex(columns=job.COLUMNS))
    return pd.concat(out, ignore_index=True)


def test_spark_job_matches_single_process(tmp_path: Path) -> None:
    permits_dir = tmp_path / "permits"
    permits_dir.mkdir()
    for name, text in PERMITS.items():
        (permits_dir / name).write_text(text, encoding="utf-8")
    data = readings()
    data.to_parquet(tmp_path / "readings.parquet", index=False)
    expected = single_process(permits_dir, data)
    assert len(expected) > 10

    spark = job.session("local[2]")
    try:
        got = job.run(spark, permits_dir, str(tmp_path / "readings.parquet"), str(tmp_path / "findings")).toPandas()
    finally:
        spark.stop()
    key = ["permit", "id"]
    got = got.sort_values(key).reset_index(drop=True)[job.COLUMNS]
    expected = expected.sort_values(key).reset_index(drop=True)
    expected["evidence_n_valid"] = expected["evidence_n_valid"].astype("int64")
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)
