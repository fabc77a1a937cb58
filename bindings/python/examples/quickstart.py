"""Quick start: compile a permit, evaluate a DataFrame, print findings (checked by mypy --strict)."""

from __future__ import annotations

import numpy as np
import pandas as pd

import ecorules

PERMIT = """
id = "PERMIT-1"
enterprise = { name = "Example Power Co." }
[[outlets]]
id = "DA001"
kind = "air"
standard = "cn-ultra-low-2015/coal"
limits = [{ pollutant = "so2" }, { pollutant = "nox" }]
"""


def main() -> int:
    plan = ecorules.Plan.compile(PERMIT)
    minutes = np.arange(6 * 60, dtype=np.int64)
    df = pd.DataFrame(
        {
            "outlet": "DA001",
            "time": 1_740_758_400 + 60 * minutes,
            "so2": np.where(minutes // 60 == 2, 48.0, 20.0),
            "nox": 30.0,
            "o2": 6.0,
            "flag": "N",
        }
    )
    try:
        report: ecorules.Report = plan.evaluate(df)
    except ecorules.DataError as e:
        print(f"bad data: {e.code} at line {e.line}: {e.message}")
        return 1
    for f in report.findings:
        ratio = f"{f.ratio:.2f}x" if f.ratio is not None else "-"
        print(f"{f.outlet} {f.pollutant} {f.start} {f.value} > {f.limit} {f.unit} ({ratio}) [{f.rule_id}]")
        limit = f.limit_detail()
        if limit is not None:
            ev = limit.evidence
            print(f"  {ev.n_valid} of {ev.n_total} minutes valid ({ev.n_required} required), id {f.id}")
    stat = report.statistic("DA001", "a21026", "hour")
    if stat is not None:
        print(f"valid hours {stat.windows.valid}, exceedances {stat.exceedances}")
    table: pd.DataFrame = report.to_pandas()
    print(table[["outlet", "pollutant", "start", "value", "limit"]].to_string(index=False))

    # early warnings: batch over the same data, then streaming with a snapshot in between
    warned: ecorules.WarningsReport = plan.warnings(df, ["cn-cems-warnings"])
    monitor = ecorules.Monitor(plan, ["cn-cems-warnings"])
    alarms: list[ecorules.Finding] = monitor.push(df[df.time < 1_740_758_400 + 3 * 3600])
    monitor = ecorules.Monitor.restore(plan, ["cn-cems-warnings"], monitor.snapshot())
    alarms += monitor.push(df[df.time >= 1_740_758_400 + 3 * 3600]) + monitor.flush()
    for a in alarms:  # every alarm event is a Finding of kind "alarm"
        alarm = a.alarm_detail()
        event = alarm.event if alarm is not None else "-"
        print(f"{a.id} {event} {a.severity} {a.rule_id}: {a.message.en}")
    print(f"batch alarms {len(warned.alarms)}, streamed {len(alarms)}")

    # compliance: China's automatic-monitoring method over March 2025
    verdict: ecorules.ComplianceReport = plan.comply(df, period="2025-03", methods=["cn-auto-monitoring"])
    print(f"compliance {verdict.outcome}")
    for m in verdict.methods:
        for s in m.subjects:
            for c in s.conditions:
                print(f"  {m.pack.id} {s.subject} {s.pollutant} {c.id}: {c.outcome} {c.numbers}")
                for f in c.findings:  # the same Finding shape, kind "condition"
                    print(f"    {f.id} {f.severity}: {f.message.en}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
