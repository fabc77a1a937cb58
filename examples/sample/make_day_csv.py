#!/usr/bin/env python3
"""Writes examples/sample/day.csv: the stack DA001 of hj212-day.txt (via `ecorules ingest`)
plus a day of 10-minute wastewater records for outfall DW001. Deterministic.

    cargo run -p ecorules-cli -- ingest --format hj212 examples/sample/hj212-day.txt \
        --map examples/sample/hj212-map.toml > /tmp/da001.csv
    python3 examples/sample/make_day_csv.py /tmp/da001.csv > examples/sample/day.csv
"""
import math
import sys

rows = open(sys.argv[1], encoding="utf-8").read().splitlines()
out = [rows[0]] + rows[1:]
for k in range(144):  # 10-minute records, 2025-03-01 local
    h, m = divmod(k * 10, 60)
    t = f"2025-03-01T{h:02d}:{m:02d}:00+08:00"
    # pH dips below 6 between 14:00 and 15:59 (hourly means 5.6 and 5.8)
    ph = 7.2 + 0.3 * math.sin(k / 9.0)
    if h == 14:
        ph = 5.6
    elif h == 15:
        ph = 5.8
    # COD 84 mg/L all day: the daily mean exceeds the direct-discharge 80
    cod = 84.0 + (2.0 if k % 2 else -2.0)
    nh3n = 6.0
    flag = "C" if h == 2 and m == 0 else "N"
    out.append(f"DW001,w01001,{t},{ph:.2f},{flag}")
    out.append(f"DW001,w01018,{t},{cod:.1f},{flag}")
    out.append(f"DW001,w21003,{t},{nh3n:.2f},{flag}")
sys.stdout.write("\n".join(out) + "\n")
