"""A 10-million-row DataFrame is evaluated without copying it.

The numeric columns reach the core as borrowed numpy/Arrow buffers and the flag column as
Arrow's own byte buffer, so the peak resident memory during `evaluate` may grow only by a
small fraction of the input (the flag column's Arrow form and the hourly windows), never by
a copy of the input. Peak RSS is read from /proc/self/status (VmHWM) after resetting it
through /proc/self/clear_refs.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import ecorules

ROWS = 10_000_000
OUTLETS = 10


def status_kib(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise KeyError(field)


def reset_peak() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_ten_million_rows_without_copying_the_input() -> None:
    per = ROWS // OUTLETS
    permit = {
        "id": "MEM",
        "enterprise": {"name": "Memory test"},
        "outlets": [
            {"id": str(i), "kind": "air", "standard": "cn-ultra-low-2015/coal", "limits": [{"pollutant": "so2"}]}
            for i in range(OUTLETS)
        ],
    }
    plan = ecorules.Plan.compile(permit)
    rng = np.random.default_rng(1)
    minute = np.arange(per, dtype=np.int64) * 60 + 1_735_660_800
    df = pd.DataFrame(
        {
            "stack_id": np.repeat(np.arange(OUTLETS, dtype=np.int32), per),
            "ts": np.tile(minute, OUTLETS),
            "so2": rng.uniform(5.0, 34.0, ROWS),
            "o2": np.full(ROWS, 6.0),
            "flag": np.full(ROWS, "N"),
        }
    )
    numeric_bytes = sum(df[c].to_numpy().nbytes for c in ("stack_id", "ts", "so2", "o2"))
    before = status_kib("VmRSS")
    if not reset_peak():
        pytest.skip("cannot reset the peak RSS")
    report = plan.evaluate(df)
    peak = status_kib("VmHWM")
    growth = (peak - before) * 1024
    stats = report.statistics
    assert len(stats) == OUTLETS and all(s.samples.total == per for s in stats)
    assert sum(s.windows.valid for s in stats) == OUTLETS * (per // 60)
    print(f"input numeric {numeric_bytes / 2**20:.0f} MiB, peak growth during evaluate {growth / 2**20:.0f} MiB")
    # A copy of the numeric input alone would be `numeric_bytes`; allow the flags' Arrow
    # form (5 bytes a row) and the windows, nothing like a second copy of the table.
    assert growth < 0.35 * numeric_bytes, (growth, numeric_bytes)
