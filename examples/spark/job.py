"""Evaluating a province's CEMS readings on Spark with the ecorules wheel.

    spark-submit job.py --permits PERMITS_DIR --readings READINGS.parquet --out FINDINGS_DIR

* ``PERMITS_DIR``: one permit per enterprise (``*.toml`` / ``*.json``); custom packs in
  ``PERMITS_DIR/packs/`` are added to the embedded ones.
* ``READINGS``: Parquet (a file or a directory, e.g. partitioned ``permit=<id>/``) in the
  wide shape plus a ``permit`` column naming the permit id: ``permit, outlet, time, so2,
  nox, pm, o2, flag`` — or the long shape ``permit, outlet, pollutant, time, value, flag``.
* ``FINDINGS_DIR``: the findings as Parquet, one row per exceeding window (with the
  finding's stable ``id``: the same breach found by another run has the same id).

How it scales: the readings are grouped by (permit, outlet) and each group — one outlet's
year of minute data, ~0.5 M rows per pollutant — is evaluated by ``applyInPandas`` in a
Python worker. The permit texts are **broadcast** once; each worker process compiles a
permit into a ``Plan`` the first time it meets it and keeps it (plans are immutable and
thread-safe, but not picklable, so the text travels and the compiled plan stays put).
Evaluation releases the GIL, and Arrow batches reach the core without a per-sample copy.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, Dict, Iterable, List, Tuple

import pandas as pd

import ecorules

FINDING_FIELDS: List[Tuple[str, str]] = [
    ("permit", "string"),
    ("enterprise", "string"),
    ("id", "string"),
    ("outlet", "string"),
    ("rule_id", "string"),
    ("kind", "string"),
    ("severity", "string"),
    ("pollutant", "string"),
    ("period", "string"),
    ("start", "string"),
    ("end", "string"),
    ("value", "double"),
    ("limit", "double"),
    ("unit", "string"),
    ("ratio", "double"),
    ("basis_standard", "string"),
    ("evidence_n_valid", "long"),
    ("message_zh", "string"),
    ("message_en", "string"),
]
SCHEMA = ", ".join(f"`{n}` {t}" for n, t in FINDING_FIELDS)
COLUMNS = [n for n, _ in FINDING_FIELDS]

_PLANS: Dict[str, ecorules.Plan] = {}


def read_permits(folder: Path) -> Tuple[Dict[str, str], List[str]]:
    """Permit texts by permit id, and custom pack texts."""
    packs = [p.read_text(encoding="utf-8") for p in sorted((folder / "packs").glob("*.toml"))] if (folder / "packs").is_dir() else []
    permits: Dict[str, str] = {}
    for p in sorted(folder.glob("*.toml")) + sorted(folder.glob("*.json")):
        text = p.read_text(encoding="utf-8")
        plan = ecorules.Plan.compile(text, packs=packs)  # fail fast on the driver
        permits[plan.permit_id] = text
    return permits, packs


def plan_for(permit_id: str, permits: Dict[str, str], packs: List[str]) -> ecorules.Plan:
    """The compiled plan of a permit, compiled once per worker process."""
    plan = _PLANS.get(permit_id)
    if plan is None:
        plan = ecorules.Plan.compile(permits[permit_id], packs=packs)
        _PLANS[permit_id] = plan
    return plan


def evaluate_group(pdf: pd.DataFrame, permits: Dict[str, str], packs: List[str], time_zone: str = "UTC") -> pd.DataFrame:
    """The findings of one (permit, outlet) group, in the output schema.

    Spark hands timestamps to pandas as naive wall-clock times of the session time zone,
    so those are localized in ``time_zone`` (the session's); Unix seconds pass as they are.
    """
    if pdf.empty:
        return pd.DataFrame(columns=COLUMNS)
    permit_id = str(pdf["permit"].iloc[0])
    plan = plan_for(permit_id, permits, packs)
    report = plan.evaluate(pdf.drop(columns=["permit"]), naive_time_zone=time_zone)
    out = report.to_pandas()
    out.insert(0, "permit", permit_id)
    out.insert(1, "enterprise", plan.enterprise)
    out = out.reindex(columns=COLUMNS)
    out["evidence_n_valid"] = out["evidence_n_valid"].astype("int64")
    return out


def run(spark: Any, permits_dir: Path, readings: str, out: str) -> Any:
    """Builds and runs the job; returns the findings DataFrame (also written to ``out``)."""
    permits, packs = read_permits(permits_dir)
    # ship this module to the executors (the UDF refers to its functions)
    spark.sparkContext.addPyFile(str(Path(__file__).resolve()))
    tz = spark.conf.get("spark.sql.session.timeZone")
    bc = spark.sparkContext.broadcast((permits, packs, tz))

    def per_group(pdf: pd.DataFrame) -> pd.DataFrame:
        p, k, z = bc.value
        return evaluate_group(pdf, p, k, z)

    df = spark.read.parquet(readings)
    findings = df.groupBy("permit", "outlet").applyInPandas(per_group, schema=SCHEMA)
    findings.write.mode("overwrite").parquet(out)
    return spark.read.parquet(out)


def session(master: str = "local[2]") -> Any:
    """A quiet local session (on a cluster, spark-submit provides master and config)."""
    import os
    import sys

    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    return (
        SparkSession.builder.master(master)
        .appName("ecorules-findings")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .getOrCreate()
    )


def main(argv: Iterable[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--permits", type=Path, required=True)
    ap.add_argument("--readings", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--master", default=None, help="e.g. local[2]; omit under spark-submit")
    a = ap.parse_args(list(argv) if argv is not None else None)
    if a.master:
        spark = session(a.master)
    else:
        from pyspark.sql import SparkSession

        spark = SparkSession.builder.appName("ecorules-findings").getOrCreate()
    n = run(spark, a.permits, a.readings, a.out).count()
    print(f"{n} findings written to {a.out}")
    spark.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
