"""Shared fixtures: a small permit and a day of minute data for two stacks."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict

import numpy as np
import pytest

REPO = Path(__file__).resolve().parents[3]

PERMIT = """
id = "PERMIT-PY-1"
enterprise = { name = "Example Power Co." }

[[outlets]]
id = "DA001"
kind = "air"
standard = "cn-ultra-low-2015/coal"
limits = [{ pollutant = "so2" }, { pollutant = "nox" }]

[[outlets]]
id = "DA002"
kind = "air"
standard = "cn-ultra-low-2015/coal"
limits = [{ pollutant = "so2" }]
"""

T0 = 1_740_758_400  # 2025-03-01T00:00:00+08:00


def wide_arrays(minutes: int = 24 * 60) -> Dict[str, Any]:
    """Two stacks, sorted by stack then time; SO2 exceeds during hours 10-12 of DA001."""
    ts = T0 + 60 * np.arange(minutes, dtype=np.int64)
    hour = (ts - T0) // 3600
    so2_a = np.where((hour >= 10) & (hour < 13), 50.0, 20.0)
    so2_b = np.full(minutes, 30.0)
    so2_b[100:130] = np.nan
    flags_b = np.full(minutes, "N")
    flags_b[200:220] = "C"
    return {
        "outlet": np.array(["DA001"] * minutes + ["DA002"] * minutes),
        "time": np.concatenate([ts, ts]),
        "so2": np.concatenate([so2_a, so2_b]),
        "nox": np.concatenate([np.full(minutes, 40.0), np.full(minutes, 10.0)]),
        "o2": np.full(2 * minutes, 6.0),
        "flag": np.concatenate([np.full(minutes, "N"), flags_b]),
    }


@pytest.fixture
def permit_text() -> str:
    return PERMIT


@pytest.fixture
def wide() -> Dict[str, Any]:
    return wide_arrays()
