#!/usr/bin/env python3
"""Writes the inputs and hand-computed values of the generated `evaluate` vectors.

Run from the repo root: `python3 tests/vectors/generate.py`, then
`ECORULES_BLESS=1 cargo test -p ecorules --test vectors` fills `expected` (only after every
`hand` value holds). Each vector's `hand` list is arithmetic done here from the cited rule,
never copied from the engine.
"""
import json
import math
import os

HERE = os.path.dirname(os.path.abspath(__file__))
# 2025-03-01T00:00:00+08:00
T0 = 1740758400
HOUR = 3600


def permit(outlets, **kw):
    p = {"id": "P-TEST", "enterprise": {"name": "Test Co."}, "time_zone": kw.pop("tz", "Asia/Shanghai"), "outlets": outlets}
    p.update(kw)
    return p


def stack(limits, standard="cn-ultra-low-2015/coal", oid="DA001", **kw):
    o = {"id": oid, "kind": "air", "standard": standard, "limits": limits}
    o.update(kw)
    return o


def outfall(limits, standard="gb4287-2012/direct", oid="DW001", **kw):
    o = {"id": oid, "kind": "water", "standard": standard, "limits": limits}
    o.update(kw)
    return o


def series(outlet, pollutant, times, values, flags=None):
    s = {"outlet": outlet, "pollutant": pollutant, "time": list(times), "values": list(values)}
    if flags is not None:
        s["flags"] = flags
    return s


def minutes(start, n):
    return [start + 60 * i for i in range(n)]


def const_hours(outlet, pollutant, value, hours, start=T0, flags=None):
    ts = minutes(start, 60 * hours)
    return series(outlet, pollutant, ts, [value] * len(ts), flags)


VECTORS = []


def vec(vid, description, source, inp, hand):
    VECTORS.append({"id": vid, "description": description, "source": source, "kind": "evaluate", "input": inp, "hand": [{"pointer": p, "equals": v} for p, v in hand]})


def data(*ss):
    return {"series": list(ss)}


# ---------------------------------------------------------------- O2 correction and units
vec("o2-correction-hour", "SO2 30 mg/m3 measured at 9 % O2 for a whole hour; 30 × (21 − 6) / (21 − 9) = 37.5 > 35 (ultra-low)",
    "HJ 212-2017 App. D (28); ultra-low SO2 35 mg/m3 at 6 % O2",
    {"permit": permit([stack([{"pollutant": "so2"}])]), "data": data(const_hours("DA001", "so2", 30.0, 1), const_hours("DA001", "o2", 9.0, 1))},
    [("/findings/0/value", 37.5), ("/findings/0/limit", 35.0), ("/findings/0/ratio", 37.5 / 35.0), ("/findings/0/detail/limit/evidence/o2", 9.0),
     ("/statistics/0/exceedances", 1), ("/events/0/windows", 1)])

vec("o2-at-reference-equals-limit", "SO2 35 at exactly 6 % O2 is 35 × 15 / 15 = 35: equality complies (超过 is strict)",
    "HJ 212-2017 App. D (28); permit technical specification §12.2.1.1",
    {"permit": permit([stack([{"pollutant": "so2"}])]), "data": data(const_hours("DA001", "so2", 35.0, 1), const_hours("DA001", "o2", 6.0, 1))},
    [("/statistics/0/exceedances", 0), ("/statistics/0/max_value", 35.0), ("/statistics/0/max_ratio", 1.0)])

vec("ppm-limit-converted", "an explicit limit of 12.25 ppm SO2 is 12.25 × 64 / 22.4 = 35 mg/m3; a 36 mg/m3 hour exceeds it",
    "HJ 212-2017 App. D (20): C = M / 22.4 × ppm",
    {"permit": permit([stack([{"pollutant": "so2", "max": 12.25, "unit": "ppm", "periods": ["hour"], "ref_o2": 6.0}], standard=None)]),
     "data": data(const_hours("DA001", "so2", 36.0, 1), const_hours("DA001", "o2", 6.0, 1))},
    [("/findings/0/limit", 35.0), ("/findings/0/value", 36.0), ("/findings/0/basis/standard", "permit P-TEST")])

vec("ug-limit-converted", "an explicit limit of 10000 ug/m3 dust is 10 mg/m3; a 9.5 mg/m3 hour complies",
    "unit definition: 1 mg = 1000 ug",
    {"permit": permit([stack([{"pollutant": "pm", "max": 10000.0, "unit": "ug/m3", "periods": ["hour"]}], standard=None)]),
     "data": data(const_hours("DA001", "pm", 9.5, 1))},
    [("/statistics/0/max", 10.0), ("/statistics/0/exceedances", 0), ("/statistics/0/max_value", 9.5)])

vec("nox-no-o2-correction-without-ref", "an explicit NOx limit without reference O2 judges the measured value: 51 > 50",
    "HJ 212-2017 App. D (28) note 4: no reference O2 → use the standard dry concentration as is",
    {"permit": permit([stack([{"pollutant": "nox", "max": 50.0, "periods": ["hour"]}], standard=None)]),
     "data": data(const_hours("DA001", "nox", 51.0, 1), const_hours("DA001", "o2", 12.0, 1))},
    [("/findings/0/value", 51.0), ("/findings/0/detail/limit/evidence/o2", None)])

vec("gb13271-coal-boiler-9-percent", "coal boiler SO2 250 at 11 % O2 = 250 × 12 / 10 = 300: equals the 300 limit, complies",
    "GB 13271-2014 Table 2 and §5.2 (reference O2 9 %)",
    {"permit": permit([stack([{"pollutant": "so2"}], standard="gb13271-2014/coal/new")]),
     "data": data(const_hours("DA001", "so2", 250.0, 1), const_hours("DA001", "o2", 11.0, 1))},
    [("/statistics/0/max_value", 300.0), ("/statistics/0/exceedances", 0)])

vec("data-corrected-zsavg", "data flagged as already corrected (HJ 212 ZsAvg) are judged as they are: 36 > 35 although O2 is 9 %",
    "HJ 212-2017 Table 4: -ZsAvg is the converted (折算) average",
    {"permit": permit([stack([{"pollutant": "so2", "data_corrected": True}])]),
     "data": data(const_hours("DA001", "so2", 36.0, 1), const_hours("DA001", "o2", 9.0, 1))},
    [("/findings/0/value", 36.0), ("/findings/0/detail/limit/evidence/ref_o2", None)])

vec("float-noise-at-equality", "gas turbine NOx 40 at 16.2 % O2 is 40 × 6 / 4.8 = 50 exactly, which binary floating point computes as 50.00000000000018: equality complies, the noise must not create an exceedance",
    "GB 13223-2011 Table 1 (NOx 50, reference O2 15 %); engine rule EQUALITY_TOLERANCE (1e-12 relative)",
    {"permit": permit([stack([{"pollutant": "nox"}], standard="gb13223-2011/gas/natural-gas-turbine")]),
     "data": data(const_hours("DA001", "nox", 40.0, 1), const_hours("DA001", "o2", 16.2, 1))},
    [("/findings", []), ("/statistics/0/exceedances", 0), ("/statistics/0/windows/valid", 1)])

# ---------------------------------------------------------------- validity of hours
def flagged(n_bad, letter, total=60):
    return letter * n_bad + "N" * (total - n_bad)

vec("hour-44-valid-minutes", "16 calibration minutes leave 44 valid: the hour is invalid and not judged although SO2 is 50",
    "HJ 212-2017 App. D (24): 45 ≤ k",
    {"permit": permit([stack([{"pollutant": "so2"}])]),
     "data": data(const_hours("DA001", "so2", 50.0, 1, flags=flagged(16, "C")), const_hours("DA001", "o2", 6.0, 1))},
    [("/statistics/0/windows/too_few_valid", 1), ("/statistics/0/windows/valid", 0), ("/statistics/0/exceedances", 0),
     ("/statistics/0/samples/valid", 44), ("/statistics/0/samples/by_flag/C", 16)])

vec("hour-45-valid-minutes", "15 maintenance minutes leave exactly 45 valid: the hour is valid and SO2 50 exceeds 35",
    "HJ 212-2017 App. D (24): 45 ≤ k",
    {"permit": permit([stack([{"pollutant": "so2"}])]),
     "data": data(const_hours("DA001", "so2", 50.0, 1, flags=flagged(15, "M")), const_hours("DA001", "o2", 6.0, 1))},
    [("/statistics/0/windows/valid", 1), ("/findings/0/detail/limit/evidence/n_valid", 45), ("/findings/0/detail/limit/evidence/n_total", 60), ("/findings/0/value", 50.0)])

vec("flagged-minutes-excluded-from-mean", "45 normal minutes at 30 and 15 fault minutes at 1000: the mean is 30, not (45·30+15·1000)/60",
    "HJ 212-2017 App. D (24): the mean of valid minute values; Table 8 flag D",
    {"permit": permit([stack([{"pollutant": "so2"}])]),
     "data": data(series("DA001", "so2", minutes(T0, 60), [1000.0] * 15 + [30.0] * 45, flagged(15, "D")), const_hours("DA001", "o2", 6.0, 1))},
    [("/statistics/0/max_value", 30.0), ("/statistics/0/exceedances", 0)])

vals = [40.0] * 60
vals[0] = None          # missing
vals[1] = -1.0          # negative
vals[2] = 1e309         # +inf in JSON is not allowed; use None for NaN and a huge literal? keep finite below
vals[2] = -0.5
vec("nan-and-negative-samples-invalid", "a missing (null) value and two negative values are invalid samples with reasons; 57 valid minutes at 40 exceed 35",
    "engine rule: NaN, ±∞ and negative concentrations are invalid samples (docs: validity)",
    {"permit": permit([stack([{"pollutant": "so2"}])]),
     "data": data(series("DA001", "so2", minutes(T0, 60), vals), const_hours("DA001", "o2", 6.0, 1))},
    [("/statistics/0/samples/not_finite", 1), ("/statistics/0/samples/negative", 2), ("/statistics/0/samples/valid", 57), ("/findings/0/detail/limit/evidence/n_valid", 57)])

o2v = [21.0] * 16 + [6.0] * 44
vec("o2-out-of-range-invalidates-hour", "16 O2 minutes at 21 % (air) leave 44 valid O2 minutes: the SO2 hour cannot be corrected and is invalid",
    "HJ 212-2017 App. D (28): 21 − O2 must be > 0; W1 semantics 2 (O2 hour needs 45 valid minutes)",
    {"permit": permit([stack([{"pollutant": "so2"}])]),
     "data": data(const_hours("DA001", "so2", 50.0, 1), series("DA001", "o2", minutes(T0, 60), o2v))},
    [("/statistics/0/windows/o2_invalid", 1), ("/statistics/0/windows/valid", 0), ("/statistics/0/exceedances", 0)])

vec("o2-missing-hour", "no O2 data at all: an O2-corrected limit cannot judge the hour",
    "HJ 212-2017 App. D (28)",
    {"permit": permit([stack([{"pollutant": "so2"}])]), "data": data(const_hours("DA001", "so2", 50.0, 1))},
    [("/statistics/0/windows/o2_invalid", 1), ("/notes", [])])

# ---------------------------------------------------------------- days
def hours_with_valid(n_valid_hours, value, total_hours=24, start=T0):
    ts, vs, fl = [], [], ""
    for h in range(total_hours):
        for m in range(60):
            ts.append(start + h * HOUR + 60 * m)
            vs.append(value)
        fl += ("N" * 60) if h < n_valid_hours else ("C" * 20 + "N" * 40)
    return ts, vs, fl

ts, vs, fl = hours_with_valid(19, 36.0)
vec("day-19-valid-hours", "19 valid hours (5 hours with 20 calibration minutes): the day is invalid; the 19 valid hours at 36 exceed hourly",
    "HJ 212-2017 App. D (25): 20 ≤ m",
    {"permit": permit([stack([{"pollutant": "so2", "periods": ["hour", "day"]}])]),
     "data": data(series("DA001", "so2", ts, vs, fl), const_hours("DA001", "o2", 6.0, 24))},
    [("/statistics/0/windows/valid", 19), ("/statistics/0/exceedances", 19), ("/statistics/1/windows/too_few_valid", 1), ("/statistics/1/windows/valid", 0), ("/events/0/windows", 19)])

ts, vs, fl = hours_with_valid(20, 36.0)
vec("day-20-valid-hours", "20 valid hours: the day is valid; its mean 36 exceeds 35",
    "HJ 212-2017 App. D (25): 20 ≤ m",
    {"permit": permit([stack([{"pollutant": "so2", "periods": ["hour", "day"]}])]),
     "data": data(series("DA001", "so2", ts, vs, fl), const_hours("DA001", "o2", 6.0, 24))},
    [("/statistics/1/windows/valid", 1), ("/statistics/1/exceedances", 1), ("/findings/20/period", "day"), ("/findings/20/detail/limit/evidence/n_valid", 20), ("/findings/20/detail/limit/evidence/n_total", 24)])

# daily mean of hourly corrected values: 12 hours at 30 and 12 at 40 → 35 → complies
ts = minutes(T0, 24 * 60)
vs = [30.0 if i < 12 * 60 else 40.0 for i in range(24 * 60)]
vec("day-mean-of-hours-equal-limit", "12 hours at 30 and 12 hours at 40: the daily mean is 35 and complies; the 12 hours at 40 exceed hourly (one event)",
    "HJ 212-2017 App. D (25): the daily value is the mean of the valid hourly values",
    {"permit": permit([stack([{"pollutant": "so2", "periods": ["hour", "day"]}])]),
     "data": data(series("DA001", "so2", ts, vs), const_hours("DA001", "o2", 6.0, 24))},
    [("/statistics/1/max_value", 35.0), ("/statistics/1/exceedances", 0), ("/statistics/0/exceedances", 12), ("/events/0/windows", 12), ("/events/0/duration_s", 12 * HOUR)])

# ---------------------------------------------------------------- events
def hourly_values(hvals, start=T0, outlet="DA001", pollutant="so2"):
    ts, vs = [], []
    for h, v in enumerate(hvals):
        if v is None:
            continue
        for m in range(60):
            ts.append(start + h * HOUR + 60 * m)
            vs.append(v)
    return series(outlet, pollutant, ts, vs)

vec("events-merge-consecutive-hours", "hours 1–3 exceed (40, 45, 38): one event of 3 windows, peak 45, ratio 45/35",
    "engine rule: consecutive exceeding windows merge (docs: events)",
    {"permit": permit([stack([{"pollutant": "so2"}])]), "data": data(hourly_values([20, 40, 45, 38, 20]), const_hours("DA001", "o2", 6.0, 5))},
    [("/events/0/windows", 3), ("/events/0/peak_value", 45.0), ("/events/0/peak_ratio", 45.0 / 35.0), ("/events/0/duration_s", 3 * HOUR), ("/statistics/0/events", 1), ("/statistics/0/longest_event_windows", 3)])

vec("events-split-by-gap", "hours 0–1 exceed, hour 2 has no data, hours 3–4 exceed: two events",
    "engine rule: an absent window ends an event",
    {"permit": permit([stack([{"pollutant": "so2"}])]), "data": data(hourly_values([40, 40, None, 40, 40]), hourly_values([6, 6, 6, 6, 6], pollutant="o2"))},
    [("/statistics/0/events", 2), ("/statistics/0/exceedances", 4), ("/statistics/0/windows/expected", 5), ("/statistics/0/windows/present", 4), ("/statistics/0/capture_rate", 0.8)])

ts, vs, fl = [], [], ""
for h in range(3):
    for m in range(60):
        ts.append(T0 + h * HOUR + 60 * m); vs.append(40.0)
    fl += ("N" * 60) if h != 1 else ("F" * 30 + "N" * 30)
vec("events-split-by-invalid-hour", "hours 0 and 2 exceed; hour 1 has 30 stopped minutes and is invalid: two events",
    "engine rule: an invalid window ends an event; HJ 212-2017 App. D (24)",
    {"permit": permit([stack([{"pollutant": "so2"}])]), "data": data(series("DA001", "so2", ts, vs, fl), const_hours("DA001", "o2", 6.0, 3))},
    [("/statistics/0/events", 2), ("/statistics/0/windows/too_few_valid", 1), ("/statistics/0/samples/by_flag/F", 30)])

vec("events-split-by-compliant-hour", "40, 30, 40: two one-hour events",
    "engine rule: a compliant window ends an event",
    {"permit": permit([stack([{"pollutant": "so2"}])]), "data": data(hourly_values([40, 30, 40]), const_hours("DA001", "o2", 6.0, 3))},
    [("/statistics/0/events", 2), ("/events/1/start", "2025-03-01T02:00:00+08:00")])

# ---------------------------------------------------------------- pH ranges
def water_hours(pollutant, hvals, outlet="DW001"):
    ts, vs = [], []
    for h, v in enumerate(hvals):
        for k in range(6):
            ts.append(T0 + h * HOUR + 600 * k)
            vs.append(v)
    return series(outlet, pollutant, ts, vs)

vec("ph-below-range", "pH 5.5 for one hour is below 6: a below-range finding, no ratio",
    "GB 4287-2012 Table 2: pH 6–9",
    {"permit": permit([outfall([{"pollutant": "ph"}])]), "data": data(water_hours("ph", [7.0, 5.5, 7.0]))},
    [("/findings/0/kind", "below_range"), ("/findings/0/value", 5.5), ("/findings/0/limit", 6.0), ("/findings/0/ratio", None), ("/statistics/0/below_range", 1)])

vec("ph-above-range", "pH 9.5 is above 9: an exceedance",
    "GB 4287-2012 Table 2: pH 6–9",
    {"permit": permit([outfall([{"pollutant": "ph"}])]), "data": data(water_hours("ph", [9.5]))},
    [("/findings/0/kind", "exceedance"), ("/findings/0/limit", 9.0)])

vec("ph-range-bounds-inclusive", "pH exactly 6 and exactly 9 are inside the range",
    "GB 4287-2012 Table 2: pH 6–9 (inclusive)",
    {"permit": permit([outfall([{"pollutant": "ph"}])]), "data": data(water_hours("ph", [6.0, 9.0]))},
    [("/statistics/0/below_range", 0), ("/statistics/0/exceedances", 0), ("/statistics/0/windows/valid", 2)])

vec("water-cod-daily-mean", "COD 10-minute records: 12 hours at 70 and 12 at 92, daily mean 81 > 80; water hours need 1 record",
    "GB 4287-2012 Table 2 (COD 80 direct); HJ 212-2017 App. D.1",
    {"permit": permit([outfall([{"pollutant": "cod"}])]), "data": data(water_hours("cod", [70.0] * 12 + [92.0] * 12))},
    [("/findings/0/value", 81.0), ("/findings/0/period", "day"), ("/findings/0/detail/limit/evidence/n_valid", 24)])

# ---------------------------------------------------------------- time zones
# Shanghai day runs 16:00Z..16:00Z: hours 16:00Z-23:00Z of Feb 28 belong to Mar 1 local.
vec("shanghai-day-boundary", "24 hours starting at 2025-03-01T00:00+08:00 (= 2025-02-28T16:00Z) form one local day; no DST in Asia/Shanghai",
    "GB/T 7408 / IANA Asia/Shanghai UTC+8; HJ 212-2017 App. D (25)",
    {"permit": permit([stack([{"pollutant": "so2", "periods": ["day"]}])]), "data": data(const_hours("DA001", "so2", 36.0, 24), const_hours("DA001", "o2", 6.0, 24))},
    [("/findings/0/start", "2025-03-01T00:00:00+08:00"), ("/findings/0/end", "2025-03-02T00:00:00+08:00"), ("/statistics/0/windows/present", 1)])

# Berlin 2025-03-30 is 23 hours long: midnight CET = 2025-03-29T23:00Z = 1743289200
B0 = 1743289200
vec("berlin-dst-day-23-hours", "Europe/Berlin 2025-03-30 has 23 hours (clocks jump 02:00→03:00); 23 valid hours make a valid day",
    "IANA Europe/Berlin; HJ 212-2017 App. D (25) applied in a DST zone",
    {"permit": permit([stack([{"pollutant": "so2", "periods": ["hour", "day"]}])], tz="Europe/Berlin"),
     "data": data(const_hours("DA001", "so2", 36.0, 23, start=B0), const_hours("DA001", "o2", 6.0, 23, start=B0))},
    [("/statistics/1/windows/valid", 1), ("/statistics/0/windows/valid", 23), ("/findings/23/start", "2025-03-30T00:00:00+01:00"), ("/findings/23/end", "2025-03-31T00:00:00+02:00")])

# Berlin 2025-10-26: 25 hours; the 02:00 hour repeats. Midnight CEST = 2025-10-25T22:00Z = 1761429600
B1 = 1761429600
vec("berlin-dst-repeated-hour", "on 2025-10-26 Europe/Berlin repeats 02:00–03:00: 25 hourly windows, two of them start at local 02:00 (+02:00 and +01:00)",
    "IANA Europe/Berlin",
    {"permit": permit([stack([{"pollutant": "so2", "periods": ["hour"]}])], tz="Europe/Berlin"),
     "data": data(const_hours("DA001", "so2", 36.0, 25, start=B1), const_hours("DA001", "o2", 6.0, 25, start=B1))},
    [("/statistics/0/windows/valid", 25), ("/findings/2/start", "2025-10-26T02:00:00+02:00"), ("/findings/3/start", "2025-10-26T02:00:00+01:00")])

# ---------------------------------------------------------------- permit validity and periods
vec("window-spanning-permit-start", "the permit takes effect at 10:30 local: the 10:00–11:00 hour straddles it and is not judged; 11:00 is",
    "engine rule: a window is judged only inside the permit's validity",
    {"permit": permit([stack([{"pollutant": "so2"}])], valid_from="2025-03-01T10:30:00+08:00"),
     "data": data(const_hours("DA001", "so2", 40.0, 2, start=T0 + 10 * HOUR), const_hours("DA001", "o2", 6.0, 2, start=T0 + 10 * HOUR))},
    [("/statistics/0/windows/outside_period", 1), ("/statistics/0/exceedances", 1), ("/findings/0/start", "2025-03-01T11:00:00+08:00")])

vec("permit-valid-to-date-inclusive", "valid_to 2025-03-01 covers that whole local day; the next day's hour is outside",
    "engine rule: valid_to is an inclusive date",
    {"permit": permit([stack([{"pollutant": "so2"}])], valid_to="2025-03-01"),
     "data": data(hourly_values([40] + [None] * 23 + [40]), hourly_values([6] + [None] * 23 + [6], pollutant="o2"))},
    [("/statistics/0/windows/outside_period", 1), ("/statistics/0/exceedances", 1)])

vec("options-from-to", "options from 01:00 to 03:00 judge only hours 1 and 2 of five exceeding hours",
    "EvaluateOptions from/to",
    {"permit": permit([stack([{"pollutant": "so2"}])]), "data": data(hourly_values([40] * 5), const_hours("DA001", "o2", 6.0, 5)),
     "options": {"from": T0 + HOUR, "to": T0 + 3 * HOUR, "findings": True}},
    [("/statistics/0/windows/present", 2), ("/statistics/0/exceedances", 2)])

vec("options-no-findings", "findings: false keeps statistics and events but lists no findings",
    "EvaluateOptions.findings",
    {"permit": permit([stack([{"pollutant": "so2"}])]), "data": data(hourly_values([40] * 2), const_hours("DA001", "o2", 6.0, 2)),
     "options": {"findings": False}},
    [("/findings", []), ("/statistics/0/exceedances", 2), ("/events/0/windows", 2)])

# ---------------------------------------------------------------- longer periods (water validity: 1 record per hour/day)
VALIDITY_PACK = {
    "schema_version": 1, "id": "test-monthly", "version": "1.0.0", "kind": "validity", "title": "monthly test rules", "jurisdiction": "CN",
    "source": {"standard": "HJ 76-2017", "clause": "App. B (secondary quote)", "status": "secondary"},
    "validity": {"valid_flags": ["N"], "sample_source": "HJ 212 Table 8", "hour": {"min_valid": 1, "source": "test"},
                 "day": {"min_valid": 1, "source": "test"}, "month": {"min_valid": 25, "min_valid_february": 23, "source": "HJ 76-2017 App. B"},
                 "year": {"min_valid": 10, "source": "test"}},
}

def daily_records(pollutant, days, value, start=T0, outlet="DW001"):
    return series(outlet, pollutant, [start + d * 86400 for d in days], [value] * len(days))

water_month = lambda extra=None: permit([outfall([{"pollutant": "cod", "max": 80.0, "periods": ["month"]}], standard=None, validity_pack="test-monthly")])
vec("month-25-valid-days", "March with 25 daily records: the month is valid (≥ 25 days); mean 85 > 80",
    "HJ 76-2017 App. B (secondary quote): a month needs 25 valid days",
    {"permit": water_month(), "packs": [VALIDITY_PACK], "data": data(daily_records("cod", range(25), 85.0))},
    [("/statistics/0/windows/valid", 1), ("/findings/0/detail/limit/evidence/n_valid", 25), ("/findings/0/value", 85.0)])

vec("month-24-valid-days", "March with 24 daily records: the month is invalid",
    "HJ 76-2017 App. B (secondary quote)",
    {"permit": water_month(), "packs": [VALIDITY_PACK], "data": data(daily_records("cod", range(24), 85.0))},
    [("/statistics/0/windows/too_few_valid", 1), ("/statistics/0/exceedances", 0)])

F0 = T0 - 28 * 86400  # 2025-02-01T00:00+08:00
vec("february-23-valid-days", "February with 23 daily records is valid (February needs 23)",
    "HJ 76-2017 App. B (secondary quote): February ≥ 23",
    {"permit": water_month(), "packs": [VALIDITY_PACK], "data": data(daily_records("cod", range(23), 85.0, start=F0))},
    [("/statistics/0/windows/valid", 1), ("/findings/0/start", "2025-02-01T00:00:00+08:00")])

vec("rolling-24h", "rolling 24-hour mean: 24 hourly records at 70 then one at 250 → (23·70 + 250)/24 = 77.5; the 26th hour's window (22·70+250+250)/24 = 85 exceeds 80",
    "engine rolling window; valid with 75 % of 24 = 18 hourly values",
    {"permit": permit([outfall([{"pollutant": "cod", "max": 80.0, "periods": ["rolling_24h"]}], standard=None)]),
     "data": data(series("DW001", "cod", [T0 + h * HOUR for h in range(26)], [70.0] * 24 + [250.0, 250.0]))},
    [("/statistics/0/windows/valid", 9), ("/statistics/0/windows/too_few_valid", 17), ("/statistics/0/exceedances", 1), ("/findings/0/value", 85.0)])

vec("minute-period", "a minute limit judges each valid sample: 2 of 5 minutes above 35 (O2 6 %)",
    "engine minute period",
    {"permit": permit([stack([{"pollutant": "so2", "periods": ["minute"]}])]),
     "data": data(series("DA001", "so2", minutes(T0, 5), [30, 36, 40, 20, 35]), series("DA001", "o2", minutes(T0, 5), [6] * 5))},
    [("/statistics/0/exceedances", 2), ("/events/0/windows", 2), ("/statistics/0/windows/valid", 5)])

vec("year-period", "an annual mean over valid months needs 10 valid months (test pack); 3 months are not enough",
    "engine year period (test validity pack)",
    {"permit": permit([outfall([{"pollutant": "cod", "max": 80.0, "periods": ["year"]}], standard=None, validity_pack="test-monthly")]), "packs": [VALIDITY_PACK],
     "data": data(daily_records("cod", range(31 + 30 + 31), 90.0))},
    [("/statistics/0/windows/too_few_valid", 1), ("/statistics/0/exceedances", 0)])

# ---------------------------------------------------------------- rounding
ROUNDING_PACK = {
    "schema_version": 1, "id": "test-rounding", "version": "1.0.0", "kind": "standard", "title": "rounding test", "jurisdiction": "CN",
    "validity_pack": "cn-water-validity",
    "source": {"standard": "GB/T 8170-2008", "clause": "§3.3", "status": "secondary"},
    "categories": [{"id": "c", "title": "c", "limits": [{"pollutant": "cod", "max": 35.0, "unit": "mg/L", "periods": ["hour"], "source": "test",
                                                          "rounding": {"decimals": 1, "mode": "gb8170"}}]}],
}
vec("rounding-gb8170-half-even", "hours at 35.05 and 35.15 rounded to one decimal by GB/T 8170 (half to even): 35.0 complies, 35.2 exceeds 35",
    "GB/T 8170-2008 §3.3 (四舍六入五成双)",
    {"permit": permit([outfall([{"pollutant": "cod"}], standard="test-rounding/c")]), "packs": [ROUNDING_PACK],
     "data": data(series("DW001", "cod", [T0, T0 + HOUR], [35.05, 35.15]))},
    [("/statistics/0/exceedances", 1), ("/findings/0/value", 35.2), ("/findings/0/detail/limit/evidence/raw_value", 35.15), ("/statistics/0/max_value", 35.2)])

# ---------------------------------------------------------------- permits and notes
vec("explicit-stricter-limit", "a permit's explicit 30 mg/m3 overrides the cited 35: 32 exceeds; the rule id names the permit",
    "permit clause overrides the standard (local stricter limit)",
    {"permit": permit([stack([{"pollutant": "so2", "max": 30.0, "clause": "permit table 2"}])]), "data": data(const_hours("DA001", "so2", 32.0, 1), const_hours("DA001", "o2", 6.0, 1))},
    [("/findings/0/limit", 30.0), ("/findings/0/rule_id", "permit/DA001/a21026/hour"), ("/findings/0/basis/clause", "permit table 2")])

vec("unknown-outlet-note", "data for an outlet the permit does not list are reported in a note, not silently dropped",
    "engine rule",
    {"permit": permit([stack([{"pollutant": "so2"}])]), "data": data(const_hours("DA001", "so2", 10.0, 1), const_hours("DA001", "o2", 6.0, 1), const_hours("DA009", "so2", 99.0, 1))},
    [("/notes/0/code", "unknown_outlet"), ("/notes/0/outlet", "DA009")])

vec("out-of-order-rows-sorted", "rows arrive newest first; sorted they form one valid hour at 40",
    "engine rule: out-of-order rows are sorted",
    {"permit": permit([stack([{"pollutant": "so2"}])]),
     "data": data(series("DA001", "so2", list(reversed(minutes(T0, 60))), [40.0] * 60), const_hours("DA001", "o2", 6.0, 1))},
    [("/statistics/0/windows/valid", 1), ("/findings/0/value", 40.0)])

vec("duplicates-keep-last", "a duplicated minute with load option keep_last keeps the later value (1000 replaced by 40)",
    "LoadOptions.duplicates = keep_last",
    {"permit": permit([stack([{"pollutant": "so2"}])]),
     "data": data(series("DA001", "so2", minutes(T0, 60) + [T0], [1000.0] + [40.0] * 59 + [40.0]), const_hours("DA001", "o2", 6.0, 1)),
     "load": {"duplicates": "keep_last"}},
    [("/findings/0/value", 40.0), ("/statistics/0/samples/total", 60)])

# ---------------------------------------------------------------- errors
def err(vid, description, source, inp, code, path=None):
    hand = [("/error/code", code)]
    if path:
        hand.append(("/error/path", path))
    vec(vid, description, source, inp, hand)

err("error-duplicate-timestamp", "a duplicated minute without keep_last is refused, naming the rows", "engine rule",
    {"permit": permit([stack([{"pollutant": "so2"}])]), "data": data(series("DA001", "so2", [T0, T0 + 60, T0], [1, 2, 3]))},
    "data.duplicate_timestamp")
err("error-unknown-pollutant", "a misspelt pollutant code in the permit gets its path and a did-you-mean", "permit schema",
    {"permit": permit([stack([{"pollutant": "a21062"}])]), "data": data()}, "permit.unknown_pollutant", "outlets[0].limits[0].pollutant")
err("error-unknown-pack", "a citation of a pack that does not exist", "permit schema",
    {"permit": permit([stack([{"pollutant": "so2"}], standard="gb13223-2012/coal/new")]), "data": data()}, "permit.unknown_pack", "outlets[0].limits[0].standard (from the outlet)")
err("error-unknown-category", "a citation of a category the pack does not have", "permit schema",
    {"permit": permit([stack([{"pollutant": "so2"}], standard="gb13223-2011/coal/neww")]), "data": data()}, "permit.unknown_category")
err("error-unknown-time-zone", "a misspelt time zone", "permit schema",
    {"permit": permit([stack([{"pollutant": "so2"}])], tz="Asia/Shangai"), "data": data()}, "permit.unknown_time_zone", "time_zone")
err("error-unknown-flag", "a data flag that HJ 212 does not define", "HJ 212-2017 Table 8",
    {"permit": permit([stack([{"pollutant": "so2"}])]), "data": data(series("DA001", "so2", [T0], [1.0], "X"))}, "data.unknown_flag", "series[0].flags[0]")
err("error-permit-field-typo", "an unknown permit field gets a did-you-mean", "permit schema",
    {"permit": {**permit([stack([{"pollutant": "so2"}])]), "valid_form": "2025-01-01"}, "data": data()}, "permit.schema")
err("error-no-limit-for-pollutant", "the cited category sets no limit for CO and none is given", "permit schema",
    {"permit": permit([stack([{"pollutant": "co"}])]), "data": data()}, "permit.no_such_limit", "outlets[0].limits[0].pollutant")

for v in VECTORS:
    path = os.path.join(HERE, v["id"] + ".json")
    old = {}
    if os.path.exists(path):
        old = json.load(open(path, encoding="utf-8"))
    for k in ("expected", "expected_error"):
        if k in old:
            v[k] = old[k]
    with open(path, "w", encoding="utf-8") as f:
        json.dump(v, f, ensure_ascii=False, indent=1)
        f.write("\n")
print(f"{len(VECTORS)} vectors written")
