"""W1 through the Python wheel: a year of CEMS minute data, read with pyarrow, judged by ecorules.

    python w1.py IN.parquet OUT.csv [--compare EXPECTED.csv] [--native W1_BIN IN.csv] [--polars PEER.py]

Reads the parquet with ``pyarrow.parquet.read_table`` (the "load" step, as the peers'
``read_parquet``), compiles the W1 permit (``examples/w1/permit.toml``, one outlet per stack
found in the data, pack ``examples/w1/w1-pack.toml``) and evaluates the table through
``Plan.evaluate`` (findings off: the summary needs statistics only). ``compute_s`` is the
time from the loaded table to the summary rows, conversion to columns included, as the
peers print it. The summary rows come from the report exactly as the native
``examples/w1`` builds them: hour statistic → valid_hours (windows.valid), exceed_hours
(exceedances), events, longest_event_hours, max_ratio; day statistic → valid_days,
exceed_days.

With ``--native`` and ``--polars`` the same run also times the native Rust example and the
polars peer (each run ``--repeat`` times, median) and prints the ratios.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import pyarrow.compute as pc
import pyarrow.parquet as pq

import ecorules

try:
    import tomllib
except ImportError:  # Python < 3.11
    import tomli as tomllib  # type: ignore[no-redef]

REPO = Path(__file__).resolve().parents[3]
W1 = REPO / "examples" / "w1"
POLLUTANTS = [("nox", "a21002"), ("pm", "a34013"), ("so2", "a21026")]
HEADER = "stack_id,pollutant,valid_hours,exceed_hours,events,longest_event_hours,max_ratio,valid_days,exceed_days\n"


def compile_plan(stacks: List[str]) -> ecorules.Plan:
    permit: Dict[str, Any] = tomllib.loads((W1 / "permit.toml").read_text(encoding="utf-8"))
    template = permit["outlets"][0]
    permit["outlets"] = [dict(template, id=s) for s in stacks]
    return ecorules.Plan.compile(permit, packs=[W1 / "w1-pack.toml"])


def summary(stacks: List[str], report: ecorules.Report) -> str:
    stats = {(s.outlet, s.pollutant, s.period): s for s in report.statistics}
    out = [HEADER]
    for stack in sorted(stacks, key=lambda s: (int(s) if s.isdigit() else sys.maxsize, s)):
        for name, code in POLLUTANTS:
            h, d = stats.get((stack, code, "hour")), stats.get((stack, code, "day"))
            if h is None or d is None or h.windows.present == 0:
                continue
            ratio = "" if h.max_ratio is None else "%.6f" % h.max_ratio
            out.append(
                f"{stack},{name},{h.windows.valid},{h.exceedances},{h.events},"
                f"{h.longest_event_windows},{ratio},{d.windows.valid},{d.exceedances}\n"
            )
    return "".join(out)


def run_python(inp: str) -> Tuple[str, float, float]:
    """(summary, compute_s from the table as read, compute_s from a contiguous table)."""
    table = pq.read_table(inp)
    stacks = [str(s) for s in pc.unique(table["stack_id"]).to_pylist()]
    plan = compile_plan(stacks)
    t = time.perf_counter()
    report = plan.evaluate(table, findings=False)
    text = summary(stacks, report)
    as_read = time.perf_counter() - t
    table = table.combine_chunks()  # one chunk per column: no concatenation left to do
    t = time.perf_counter()
    report = plan.evaluate(table, findings=False)
    summary(stacks, report)
    contiguous = time.perf_counter() - t
    return text, as_read, contiguous


def compute_s(cmd: List[str]) -> float:
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return float(next(l for l in out.splitlines() if l.startswith("compute_s=")).split("=")[1])


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("input")
    ap.add_argument("output")
    ap.add_argument("--compare")
    ap.add_argument("--native", nargs=2, metavar=("W1_BIN", "IN_CSV"))
    ap.add_argument("--polars", metavar="PEER_POLARS_PY")
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()

    runs: List[float] = []
    evals: List[float] = []
    text = ""
    for _ in range(a.repeat):
        text, c, e = run_python(a.input)
        runs.append(c)
        evals.append(e)
    Path(a.output).write_text(text, encoding="utf-8", newline="\n")
    py = statistics.median(runs)
    print(f"compute_s={py:.6f}  (python wheel from the pyarrow table as read; median of {a.repeat}: {', '.join(f'{r:.3f}' for r in runs)})")
    print(f"python wheel from a contiguous (combine_chunks) table: median {statistics.median(evals):.3f} s, min {min(evals):.3f} s")
    ok = True
    if a.compare:
        same = Path(a.compare).read_bytes() == Path(a.output).read_bytes()
        print(f"byte-identical to {a.compare}: {same}")
        ok = same
    native: Optional[float] = None
    if a.native:
        bin_, csv = a.native
        tmp = str(Path(a.output).with_suffix(".native.csv"))
        nat = [compute_s([bin_, csv, tmp]) for _ in range(a.repeat)]
        native = statistics.median(nat)
        print(f"native examples/w1 compute_s={native:.6f} (min {min(nat):.3f})  python/native = {py / native:.2f}x "
              f"(contiguous {statistics.median(evals) / native:.2f}x; mins {min(runs) / min(nat):.2f}x / {min(evals) / min(nat):.2f}x)")
    if a.polars:
        tmp = str(Path(a.output).with_suffix(".polars.csv"))
        pols = [compute_s([sys.executable, a.polars, a.input, tmp]) for _ in range(a.repeat)]
        pol = statistics.median(pols)
        print(f"polars peer compute_s={pol:.6f} (min {min(pols):.3f})  python/polars = {py / pol:.2f}x (mins {min(runs) / min(pols):.2f}x)")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
