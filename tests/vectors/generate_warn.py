#!/usr/bin/env python3
"""Writes the inputs and hand-computed values of the `warnings` vectors (warn-*.json).

Run it, then `ECORULES_BLESS=1 cargo test -p ecorules --test vectors` fills `expected`
(only after every `hand` value holds). Times: T0 = 2025-03-01T00:00:00+08:00.
"""
import json, os
from datetime import datetime, timedelta, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
T0 = 1740758400  # 2025-03-01T00:00:00+08:00
M, H, D = 60, 3600, 86400


def iso(t):
    """An alarm's time on the wire: ISO 8601 in the outlet's zone (Asia/Shanghai, +08:00)."""
    return datetime.fromtimestamp(t, timezone(timedelta(hours=8))).isoformat()

PERMIT = {
    "id": "91330000-EX-001P",
    "enterprise": {"name": "Example Thermal Power Co."},
    "valid_from": "2020-04-01",
    "valid_to": "2025-03-31",
    "outlets": [
        {"id": "DA001", "name": "1# boiler stack", "kind": "air",
         "limits": [{"pollutant": "so2", "max": 100, "periods": ["hour"]},
                    {"pollutant": "nox", "max": 200, "periods": ["hour"]}]},
        {"id": "DW001", "name": "main outfall", "kind": "water",
         "limits": [{"pollutant": "cod", "max": 50, "periods": ["day"]}]},
    ],
}


def series(outlet, pollutant, times, values, flags=None):
    s = {"outlet": outlet, "pollutant": pollutant, "time": list(times), "values": list(values)}
    if flags:
        s["flags"] = flags
    return s


def minutes(n, start=0):
    return [T0 + (start + i) * M for i in range(n)]


def hours(n, start=0):
    return [T0 + (start + i) * H for i in range(n)]


def vector(id, description, source, inp, hand):
    return {"id": id, "description": description, "source": source, "kind": "warnings",
            "input": inp, "hand": [{"pointer": p, "equals": v} for p, v in hand]}


def req(warnings, data=None, records=None, now=None, permit=PERMIT, options=None):
    r = {"permit": permit, "warnings": warnings}
    if data is not None:
        r["data"] = {"series": data}
    if records is not None:
        r["records"] = records
    if now is not None:
        r["now"] = now
    if options is not None:
        r["options"] = options
    return r


V = []
CEMS, WATER, FAC, DL = "cn-cems-warnings", "cn-water-warnings", "cn-facility-warnings", "cn-deadline-warnings"

# --- CEMS -----------------------------------------------------------------------------
# 60 min at 70, 60 at 90, 60 at 50 (limit 100). Rolling 1h mean reaches 80 when 30 of the
# 60 samples are 90: minute 89. It drops below 70 when 31 samples are 50: minute 150.
vals = [70] * 60 + [90] * 60 + [50] * 60
V.append(vector("warn-cems-approach-80", "Rolling hourly SO2 mean reaches 80 % of the 100 mg/m3 limit at minute 89 ((30x70+30x90)/60 = 80) and clears below 70 % at minute 150 ((29x90+31x50)/60 = 69.33) - hysteresis",
    "rules/warnings/cn-cems-warnings.toml approach-80",
    req([CEMS], [series("DA001", "so2", minutes(180), vals)]),
    [("/alarms/0/detail/alarm/event", "opened"), ("/alarms/0/detail/alarm/at", iso(T0 + 89 * M)), ("/alarms/0/value", 80),
     ("/alarms/1/detail/alarm/event", "closed"), ("/alarms/1/detail/alarm/at", iso(T0 + 150 * M)), ("/alarms/1/detail/alarm/peak", 90),
     ("/alarms/1/detail/alarm/duration_s", 61 * M)]))

# flat: 30.000/30.005 alternating for 5 h, then 35. Window 4 h: first complete at minute 240.
vals = [30 + (0.005 if i % 2 else 0) for i in range(300)] + [35] * 10
V.append(vector("warn-cems-flat-line", "SO2 stays within 0.01 for 4 hours: opens at minute 240 (the first time a sample 4 h old exists), closes when the value jumps at minute 300",
    "HJ 75-2017 §7 data review (constant values); rules/warnings/cn-cems-warnings.toml flat-line",
    req([CEMS], [series("DA001", "so2", minutes(310), vals)]),
    [("/alarms/0/rule_id", "cn-cems-warnings/flat-line"), ("/alarms/0/detail/alarm/at", iso(T0 + 240 * M)),
     ("/alarms/1/detail/alarm/event", "closed"), ("/alarms/1/detail/alarm/at", iso(T0 + 300 * M))]))

# gap: minutes 0..59, then 150..169 (91 min gap)
times = minutes(60) + minutes(20, 150)
V.append(vector("warn-cems-data-gap", "No SO2 sample between minute 59 and minute 150 (91 min > 1 h): opens when data resume, closes at the next sample",
    "rules/warnings/cn-cems-warnings.toml data-gap",
    req([CEMS], [series("DA001", "so2", times, [20] * 80)]),
    [("/alarms/0/rule_id", "cn-cems-warnings/data-gap"), ("/alarms/0/detail/alarm/at", iso(T0 + 150 * M)),
     ("/alarms/1/detail/alarm/event", "closed"), ("/alarms/1/detail/alarm/at", iso(T0 + 151 * M))]))

V.append(vector("warn-cems-no-data", "Last SO2 sample at minute 59; a tick at 03:00 finds it 2 h 1 min old (> 1 h)",
    "rules/warnings/cn-cems-warnings.toml no-data",
    req([CEMS], [series("DA001", "so2", minutes(60), [20] * 60)], now=T0 + 3 * H),
    [("/alarms/0/rule_id", "cn-cems-warnings/no-data"), ("/alarms/0/detail/alarm/at", iso(T0 + 3 * H)), ("/alarms/0/detail/alarm/event", "opened")]))

flags = "N" * 10 + "T" + "N" * 9 + "N" + "N" * 9
vals = [20] * 20 + [-3] + [20] * 9
V.append(vector("warn-cems-out-of-range", "Flag T (above the analyser range) at minute 10 and a negative value at minute 20: two short alarms",
    "HJ 212-2017 Table 8 flag T; rules/warnings/cn-cems-warnings.toml out-of-range",
    req([CEMS], [series("DA001", "so2", minutes(30), vals, flags)]),
    [("/alarms/0/detail/alarm/at", iso(T0 + 10 * M)), ("/alarms/1/detail/alarm/at", iso(T0 + 11 * M)), ("/alarms/1/detail/alarm/event", "closed"),
     ("/alarms/2/detail/alarm/at", iso(T0 + 20 * M)), ("/alarms/2/value", -3)]))

# calibration: 1560 normal minutes without C: count(25h) reaches 1200 at minute 1199; a C flag at 1500 closes.
n = 1560
vals = [20 + (i % 7) for i in range(n)]
flags = "".join("C" if i == 1500 else "N" for i in range(n))
V.append(vector("warn-cems-calibration-overdue", "1200 normal minutes (20 h) with no calibration flag in 25 h: opens at minute 1199; the calibration sample at minute 1500 closes it",
    "HJ 75-2017 §8.1 daily zero/span check; rules/warnings/cn-cems-warnings.toml calibration-overdue",
    req([CEMS], [series("DA001", "so2", minutes(n), vals, flags)]),
    [("/alarms/0/rule_id", "cn-cems-warnings/calibration-overdue"), ("/alarms/0/detail/alarm/at", iso(T0 + 1199 * M)),
     ("/alarms/1/detail/alarm/at", iso(T0 + 1500 * M)), ("/alarms/1/detail/alarm/event", "closed")]))

flags = "D" * 240 + "N" * 60
V.append(vector("warn-cems-fault-flags", "240 fault-flagged minutes within 24 h: opens at the 240th (minute 239) and stays open",
    "HJ 212-2017 Table 8 flag D; rules/warnings/cn-cems-warnings.toml fault-flags",
    req([CEMS], [series("DA001", "so2", minutes(300), [20 + (i % 5) for i in range(300)], flags)]),
    [("/alarms/0/rule_id", "cn-cems-warnings/fault-flags"), ("/alarms/0/detail/alarm/at", iso(T0 + 239 * M)), ("/alarms/0/value", 240),
     ("/stats/6/open", 1)]))

# --- water ----------------------------------------------------------------------------
V.append(vector("warn-water-approach-80", "COD hourly 30, 42, 41, 45, 30, 20 vs 50 mg/L: 80 % = 40 holds at hours 1 and 2 (opens at 2, start 1); clears below 35 at hour 4",
    "rules/warnings/cn-water-warnings.toml approach-80",
    req([WATER], [series("DW001", "cod", hours(6), [30, 42, 41, 45, 30, 20])]),
    # alarms[0] is the rising trend (slope 12/h at hour 1); approach is alarms[1] and [2]
    [("/alarms/1/rule_id", "cn-water-warnings/approach-80"), ("/alarms/1/detail/alarm/at", iso(T0 + 2 * H)), ("/alarms/1/start", iso(T0 + 1 * H)),
     ("/alarms/2/detail/alarm/at", iso(T0 + 4 * H)), ("/alarms/2/detail/alarm/peak", 45)]))

V.append(vector("warn-water-exceed", "COD 45, 55, 60, 40: above 50 at hours 1-2; peak 60; closes at hour 3",
    "rules/warnings/cn-water-warnings.toml exceed",
    req([WATER], [series("DW001", "cod", hours(4), [45, 55, 60, 40])]),
    # approach (45 and 55 >= 40 at hours 0-1) opens at hour 1 too, ordered first
    [("/alarms/1/rule_id", "cn-water-warnings/exceed"), ("/alarms/1/detail/alarm/at", iso(T0 + 1 * H)), ("/alarms/3/rule_id", "cn-water-warnings/exceed"),
     ("/alarms/3/detail/alarm/at", iso(T0 + 3 * H)), ("/alarms/3/detail/alarm/peak", 60), ("/stats/1/hits", 2)]))

V.append(vector("warn-water-rising-trend", "COD 20, 24, 28, 32 (hourly): slope 4 mg/L per hour > 2.5 and value >= 25 from hour 2",
    "rules/warnings/cn-water-warnings.toml rising-trend",
    req([WATER], [series("DW001", "cod", hours(4), [20, 24, 28, 32])]),
    [("/alarms/0/rule_id", "cn-water-warnings/rising-trend"), ("/alarms/0/detail/alarm/at", iso(T0 + 2 * H)), ("/alarms/0/value", 4)]))

V.append(vector("warn-water-data-gap", "Hourly COD at hours 0, 1, 2, 8, 9: the 6 h gap (> 4 h) opens at hour 8",
    "rules/warnings/cn-water-warnings.toml data-gap",
    req([WATER], [series("DW001", "cod", [T0, T0 + H, T0 + 2 * H, T0 + 8 * H, T0 + 9 * H], [20] * 5)]),
    [("/alarms/0/detail/alarm/at", iso(T0 + 8 * H)), ("/alarms/1/detail/alarm/at", iso(T0 + 9 * H))]))

V.append(vector("warn-water-flat-line", "Hourly COD identical (21) for 14 h: flat for 12 h first at hour 12",
    "rules/warnings/cn-water-warnings.toml flat-line",
    req([WATER], [series("DW001", "cod", hours(14), [21] * 14)]),
    [("/alarms/0/rule_id", "cn-water-warnings/flat-line"), ("/alarms/0/detail/alarm/at", iso(T0 + 12 * H)), ("/alarms/0/start", iso(T0 + 12 * H))]))

# --- facility -------------------------------------------------------------------------
def stop_case(outlet, control, on, n, off_from, off_to):
    prod = [10] * n
    ctl = [0 if off_from <= i < off_to else on for i in range(n)]
    return [series(outlet, "production_line", minutes(n), prod), series(outlet, control, minutes(n), ctl)]

V.append(vector("warn-facility-fan-stopped", "Production 10 A while the fan draws 0 A from minute 10 to 29: held 15 min at minute 25 (start 10); closes at minute 30 after 20 min",
    "rules/warnings/cn-facility-warnings.toml fan-stopped",
    req([FAC], stop_case("DA001", "fan", 20, 40, 10, 30)),
    [("/alarms/0/detail/alarm/at", iso(T0 + 25 * M)), ("/alarms/0/start", iso(T0 + 10 * M)), ("/alarms/1/detail/alarm/at", iso(T0 + 30 * M)),
     ("/alarms/1/detail/alarm/duration_s", 20 * M), ("/alarms/0/detail/alarm/signals/1", "fan")]))

V.append(vector("warn-facility-esp-stopped", "Production 10 A while the precipitator draws 0 A from minute 5 to 24: opens at 20, closes at 25",
    "rules/warnings/cn-facility-warnings.toml esp-stopped",
    req([FAC], stop_case("DA001", "esp", 300, 30, 5, 25)),
    [("/alarms/0/detail/alarm/at", iso(T0 + 20 * M)), ("/alarms/1/detail/alarm/at", iso(T0 + 25 * M))]))

V.append(vector("warn-facility-treatment-stopped", "Production 10 A while the wastewater pump is off from minute 0 to 44: 30 min held at minute 30; closes at 45",
    "rules/warnings/cn-facility-warnings.toml treatment-stopped",
    req([FAC], stop_case("DW001", "wastewater_pump", 15, 50, 0, 45)),
    [("/alarms/0/detail/alarm/at", iso(T0 + 30 * M)), ("/alarms/0/start", iso(T0)), ("/alarms/1/detail/alarm/at", iso(T0 + 45 * M))]))

# --- deadlines ------------------------------------------------------------------------
V.append(vector("warn-deadline-permit-renewal", "Permit valid to 2025-03-31 (ends 2025-04-01T00:00+08:00); on 2025-03-01 31 days remain (<= 60): renewal due",
    "排污许可管理条例 Art. 14; rules/warnings/cn-deadline-warnings.toml permit-renewal-due",
    req([DL], now="2025-03-01T09:00:00+08:00"),
    [("/alarms/0/rule_id", "cn-deadline-warnings/permit-renewal-due"), ("/alarms/0/detail/alarm/at", iso(T0 + 9 * H))]))

V.append(vector("warn-deadline-permit-expired", "On 2025-04-02 the permit (valid to 2025-03-31) has expired",
    "rules/warnings/cn-deadline-warnings.toml permit-expired",
    req([DL], now="2025-04-02T00:00:00+08:00"),
    [("/alarms/0/rule_id", "cn-deadline-warnings/permit-expired")]))

records = {"items": [
    {"id": "L-2025-02", "kind": "ledger", "title": "February self-monitoring report", "due": "2025-02-28"},
    {"id": "L-2025-Q1", "kind": "ledger", "title": "Q1 execution report", "due": "2025-03-05"},
    {"id": "L-2025-01", "kind": "ledger", "title": "January report", "due": "2025-02-20", "done": "2025-02-19"},
    {"id": "A-17", "kind": "approval", "title": "EIA change approval", "due": "2025-02-27"},
    {"id": "R-3", "kind": "rectification", "title": "Stack sampling port rectification", "due": "2025-02-25"},
    {"id": "R-4", "kind": "rectification", "title": "Flow meter rectification", "due": "2025-02-25", "done": "2025-02-24"},
]}
V.append(vector("warn-deadline-records", "On 2025-03-01 09:00: February report (due 02-28) overdue; Q1 report due 03-05 within 7 days; January report done; approval A-17 and rectification R-3 overdue, R-4 done",
    "HJ 819-2017 §9; rules/warnings/cn-deadline-warnings.toml ledger-*, approval-overdue, rectification-overdue",
    req([DL], records=records, now="2025-03-01T09:00:00+08:00"),
    [("/alarms/1/detail/alarm/subject", "L-2025-Q1"), ("/alarms/1/pollutant", None), ("/alarms/1/rule_id", "cn-deadline-warnings/ledger-due-soon"),
     ("/alarms/2/detail/alarm/subject", "L-2025-02"), ("/alarms/3/detail/alarm/subject", "A-17"), ("/alarms/4/detail/alarm/subject", "R-3"),
     ("/stats/3/hits", 1), ("/alarms/2/value", 9 * H)]))  # due 02-28 ends 03-01T00:00: 9 h overdue at 09:00

# --- language constructs (inline pack) --------------------------------------------------
def pack(rules, id="test-lang"):
    return {"schema_version": 1, "id": id, "version": "1", "title": "language constructs",
            "source": {"standard": "tests"}, "rules": rules}

def rule(id, when, subject=None, **kw):
    r = {"id": id, "severity": "info", "subject": subject or {"pollutants": ["so2"]}, "when": when,
         "message": {"zh": "{rule} {subject} {value} {peak} {limit} {start} {end} {duration}", "en": "{rule} {outlet} {outlet_name} {subject} {value} {peak} {at} {signals}"}}
    r.update(kw)
    return r

lang = pack([
    rule("arith", "value(x) * 2 - 10 >= limit(x) / 2 + 5"),                 # v >= 30
    rule("shorthand", "avg_10m(x) > 40 and min_10m(x) >= 30 and max(x, 10m) <= 60"),
    rule("slope", "abs(slope(x, 30m)) >= 60"),                                 # >= 1 per minute
    rule("count", "count(x, 5m) == 5", emit="count"),
    rule("consec", "value(x) > 35 for 3 consecutive"),
    rule("duration", "value(x) > 30 for 2m", clear="value(x) < 20", updates=True),
    rule("not-or", "not (value(x) < 45) or raw(x) < -1"),
    rule("units", "current(fan) < 2 A and value(so2) > 10 mg/m3", subject={"outlets": ["DA001"]}, peak="current(fan)"),
    rule("times", "now() - 1h < now() and year_end() - now() > 30d and 2 * 15m == 30m"),
    rule("flag", "flagged(x, \"MC\")"),
])
vals = [20, 25, 30, 35, 40, 45, 50, 55, 50, 45, 40, 35, 30, 25, 20, 15]
flags = "NNNNNNNMNNNNNNNN"
fan = [5, 5, 1, 1, 1, 5, 5, 5, 1, 1, 5, 5, 5, 5, 5, 5]
V.append(vector("warn-lang-constructs", "Every operator, shorthand, window and hold form on one SO2 ramp 20..55..15 (minute data), with hand values for the simplest",
    "docs/warnings.md language reference",
    req([lang], [series("DA001", "so2", minutes(16), vals, flags), series("DA001", "fan", minutes(16), fan)], now=T0 + H),
    [("/stats/0/hits", 8),    # 2v-10 >= 100/2+5 <=> v >= 32.5: 35,40,45,50,(55 is M),50,45,40,35 = 8
     ("/stats/3/hits", 7),    # 5 normal samples in (t-5m, t]: minutes 4..15 except the 5 windows holding the M sample at minute 7
     ("/stats/7/hits", 5),    # fan < 2 A at minutes 2,3,4,8,9 while so2 > 10
     ("/stats/5/opened", 1),  # > 30 at minutes 3,4,5: held 2 min at minute 5
     ("/stats/8/hits", 2)]))  # the clock-only rule holds at the final tick (one instance per outlet)

cap = pack([rule("cap", "cap_date(x, 2400) < year_end()", peak="year_total(x)")], id="test-cap")
V.append(vector("warn-lang-cap-date", "year_total grows 10 per hour from 2025-01-01; after one hour (total 20) the 2400 cap projects to 120 h, long before year end: opens at 01:00",
    "docs/warnings.md cap_date",
    req([cap], [series("DA001", "so2", [1735660800 + i * H for i in range(3)], [10, 10, 10])]),
    # at the first sample (exactly new year) no time has elapsed: no rate yet; at 01:00 the total is 20
    # after 1 h, so 2400 is reached after 120 h, before year end
    [("/alarms/0/rule_id", "test-cap/cap"), ("/alarms/0/detail/alarm/at", iso(1735660800 + H)), ("/alarms/0/value", 20)]))

# --- errors ---------------------------------------------------------------------------
bad = pack([rule("bad", "value(x) >= 0.8 * limit(x) and")], id="test-bad")
V.append(vector("warn-error-syntax", "An expression that ends after `and`: a rule error at the end of the expression (JSON pack: line 1, column = offset + 1)",
    "docs/warnings.md errors", req([bad]), []))
bad = pack([rule("bad", "current(fan) < 2 mg/m3", subject={})], id="test-bad")
V.append(vector("warn-error-units", "Comparing amperes with mg/m3 is a type error",
    "docs/warnings.md types", req([bad]), []))
bad = pack([rule("bad", "averge(x, 1h) > 1")], id="test-bad")
V.append(vector("warn-error-unknown-function", "A misspelt function gets a did-you-mean",
    "docs/warnings.md functions", req([bad]), []))
bad = pack([rule("bad", "(" * 40 + "value(x)" + ")" * 40 + " > 1")], id="test-bad")
V.append(vector("warn-error-depth", "Nesting deeper than 32 levels is refused (bounded language)",
    "docs/warnings.md bounds", req([bad]), []))

for v in V:
    path = os.path.join(HERE, v["id"] + ".json")
    old = {}
    if os.path.exists(path):
        old = json.load(open(path))
    for k in ("expected", "expected_error"):
        if k in old:
            v[k] = old[k]
    with open(path, "w") as f:
        f.write(json.dumps(v, ensure_ascii=False, indent=2) + "\n")
print(len(V), "vectors")
