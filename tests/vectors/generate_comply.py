#!/usr/bin/env python3
"""Writes the inputs and hand-computed values of the `comply-*.json` vectors.

Every expected number below is computed by hand from the cited rule and written out in the
vector's `description`; `hand` pins them. `expected` (the full report) is then filled by
`ECORULES_BLESS=1 cargo test -p ecorules --test vectors`, which refuses to bless while a hand
value does not hold. Existing `expected` blocks are kept when a file is regenerated.
"""
import json, os

HERE = os.path.dirname(os.path.abspath(__file__))
T0 = 1735689600  # 2025-01-01T00:00:00Z
H = 3600
D = 86400

# A validity pack for small vectors: one valid sample makes a valid hour / half-hour / day.
VT = {
    "schema_version": 1, "id": "vt", "version": "1.0.0", "kind": "validity",
    "title": "vector validity: one sample per window", "jurisdiction": "XX",
    "source": {"standard": "test", "status": "unverified"},
    "validity": {
        "valid_flags": ["N"], "sample_source": "test",
        "half_hour": {"min_valid": 1, "source": "test"},
        "hour": {"min_valid": 1, "source": "test"},
        "day": {"min_valid": 1, "source": "test"},
        "month": {"min_valid": 1, "source": "test"},
    },
}


def permit(outlets):
    return {"id": "P-1", "enterprise": {"name": "Vector Co."}, "time_zone": "UTC", "outlets": outlets}


def outlet(oid, limits, kind="air"):
    return {"id": oid, "kind": kind, "validity_pack": "vt", "limits": limits}


def series(oid, pol, times, values, flags=None):
    s = {"outlet": oid, "pollutant": pol, "time": times, "values": values}
    if flags:
        s["flags"] = flags
    return s


def write(vid, description, source, inp, hand):
    path = os.path.join(HERE, f"comply-{vid}.json")
    old = {}
    if os.path.exists(path):
        with open(path) as f:
            old = json.load(f)
    v = {"id": f"comply-{vid}", "description": description, "source": source, "kind": "comply",
         "input": inp, "hand": [{"pointer": p, "equals": e} for p, e in hand]}
    for k in ("expected", "expected_error"):
        if k in old:
            v[k] = old[k]
    with open(path, "w") as f:
        f.write(json.dumps(v, ensure_ascii=False, indent=2) + "\n")


def req(p, data=None, methods=("cn-auto-monitoring",), period="2025", records=None, method_packs=None, as_of=None):
    r = {"permit": p, "packs": [VT], "options": {"period": period, "methods": list(methods)}}
    if data is not None:
        r["data"] = {"series": data}
    if records:
        r["records"] = records
    if method_packs:
        r["method_packs"] = method_packs
    if as_of:
        r["options"]["as_of"] = as_of
    return r


M0 = "/methods/0"
S = lambda i=0: f"{M0}/subjects/{i}"
C = lambda s, c: f"{M0}/subjects/{s}/conditions/{c}"
hours = lambda n, start=0: [T0 + (start + i) * H for i in range(n)]

# ---------------------------------------------------------------- CN
cn_src = "排污许可证申请与核发技术规范 (2017) §12.2.1.1; MEE 2019 Order (incineration daily means); MEE 2022 No. 21"
so2h = lambda mx, **kw: {"pollutant": "so2", "max": mx, "periods": ["hour"], **kw}

write("cn-hour-equal-limit-complies",
      "Hourly limit 35 mg/m3. Hours 35, 35, 34: 超过 is strict, 35 is not above 35, so 0 of 3 hours exceed and the outlet complies.",
      cn_src, req(permit([outlet("DA001", [so2h(35)])]), [series("DA001", "so2", hours(3), [35, 35, 34])]),
      [(f"{M0}/outcome", "pass"), (C(0, 0) + "/numbers/judged", 3), (C(0, 0) + "/numbers/above", 0), (C(0, 0) + "/numbers/max", 35)])

write("cn-hour-exceedance",
      "Hourly limit 35. Hours 36, 30: 36 > 35, one exceedance; the finding cites the method, the clause and the pack hash.",
      cn_src, req(permit([outlet("DA001", [so2h(35)])]), [series("DA001", "so2", hours(2), [36, 30])]),
      [(f"{M0}/outcome", "fail"), (C(0, 0) + "/numbers/above", 1), (C(0, 0) + "/findings_total", 1),
       (C(0, 0) + "/findings/0/value", 36), (C(0, 0) + "/findings/0/pack/id", "cn-auto-monitoring"),
       (C(0, 0) + "/findings/0/start", "2025-01-01T00:00:00+00:00")])

write("cn-gb8170-halfway",
      "Limit 35.2 with GB/T 8170 rounding to 1 decimal (round half to even). 35.25 → 35.2 (not above 35.2); 35.35 → 35.4 (above). One exceedance, reported as 35.4.",
      "GB/T 8170-2008 §3.3 with " + cn_src,
      req(permit([outlet("DA001", [so2h(35.2, rounding={"decimals": 1, "mode": "gb8170"})])]),
          [series("DA001", "so2", hours(2), [35.25, 35.35])]),
      [(C(0, 0) + "/numbers/above", 1), (C(0, 0) + "/numbers/max", 35.4), (C(0, 0) + "/findings/0/value", 35.4)])

write("cn-marked-invalid-not-used",
      "Hour 0 is 100 mg/m3 but flagged M (maintenance): invalid data are not a basis for the exceedance judgement. Hour 1 is 30. 1 valid hour judged, 1 invalid, 0 above → pass.",
      "MEE 2022 No. 21 (标记为无效的自动监测数据,不作为超标判定依据, secondary); " + cn_src,
      req(permit([outlet("DA001", [so2h(35)])]), [series("DA001", "so2", hours(2), [100, 30], "MN")]),
      [(f"{M0}/outcome", "pass"), (C(0, 0) + "/numbers/present", 2), (C(0, 0) + "/numbers/invalid", 1), (C(0, 0) + "/numbers/judged", 1)])

write("cn-daily-incineration",
      "Daily limit 50 (incineration). Day 1 hours 40, 60 → mean 50, not above; day 2 hours 50, 52 → mean 51 > 50. One exceeding natural day.",
      cn_src, req(permit([outlet("DA001", [{"pollutant": "so2", "max": 50, "periods": ["day"]}])]),
                  [series("DA001", "so2", [T0, T0 + H, T0 + D, T0 + D + H], [40, 60, 50, 52])]),
      [(C(0, 0) + "/id", "daily-mean-not-above-limit"), (C(0, 0) + "/numbers/judged", 2), (C(0, 0) + "/numbers/above", 1),
       (C(0, 0) + "/findings/0/value", 51)])

write("cn-startup-exempt",
      "Hour 0 is 80 mg/m3 during a declared start-up (exempt state in the pack); hour 1 is 30. 1 exempt, 1 judged, 0 above → pass.",
      cn_src, req(permit([outlet("DA001", [so2h(35)])]), [series("DA001", "so2", hours(2), [80, 30])],
                  records={"states": [{"outlet": "DA001", "state": "startup", "from": "2025-01-01T00:00:00Z", "to": "2025-01-01T01:00:00Z"}]}),
      [(f"{M0}/outcome", "pass"), (C(0, 0) + "/numbers/exempt", 1), (C(0, 0) + "/numbers/judged", 1)])

write("cn-ph-below-range",
      "Outfall pH range 6–9 judged hourly: hours 5.9, 7, 9 → 5.9 is below 6 (a breach), 9 is not above 9. One breach.",
      cn_src, req(permit([outlet("DW001", [{"pollutant": "ph", "min": 6, "max": 9, "periods": ["hour"]}], kind="water")]),
                  [series("DW001", "ph", hours(3), [5.9, 7, 9])]),
      [(f"{M0}/outcome", "fail"), (C(0, 0) + "/numbers/above", 1), (C(0, 0) + "/findings/0/value", 5.9)])

write("cn-limit-tightens-on-date",
      "A renewed permit: hourly SO2 limit 100 until 2025-06-30, 50 from 2025-07-01. 80 mg/m3 on 2025-06-30 10:00 complies with 100; 80 on 2025-07-01 10:00 exceeds 50. Each window is judged against the limit in force at its time: two subjects, the second fails.",
      "permit effective ranges; " + cn_src,
      req(permit([outlet("DA001", [so2h(100, effective_to="2025-06-30"), so2h(50, effective_from="2025-07-01")])]),
          [series("DA001", "so2", [1751277600, 1751364000], [80, 80])]),
      [(S(0) + "/outcome", "pass"), (S(1) + "/outcome", "fail"), (S(1) + "/rule_id", "permit/DA001/a21026/hour@2025-07-01"),
       (C(0, 0) + "/numbers/judged", 1), (C(1, 0) + "/numbers/above", 1)])

# ---------------------------------------------------------------- EU IED Annex V (LCP)
lcp = ("eu-ied-annex-v-lcp",)
lcp_src = "Directive 2010/75/EU Annex V Part 3 points 9–10, Part 4 point 1 (secondary)"
so2_100 = lambda **kw: {"pollutant": "so2", "max": 100, "periods": ["hour"], **kw}

write("ied-lcp-daily-at-110",
      "ELV 100, CI 20 % → 20 subtracted. Two hours of 130 → validated 110 each. Daily 110 is not above 110 % × 100 = 110 (b passes); monthly 110 > 100 (a fails); hourly 110 ≤ 200 (c passes, 2 of 2).",
      lcp_src, req(permit([outlet("DA001", [so2_100()])]), [series("DA001", "so2", hours(2), [130, 130])], methods=lcp),
      [(C(0, 0) + "/outcome", "fail"), (C(0, 0) + "/numbers/max", 110), (C(0, 1) + "/outcome", "pass"),
       (C(0, 1) + "/numbers/threshold", 110), (C(0, 2) + "/outcome", "pass"), (C(0, 2) + "/numbers/ci_subtracted", 20)])

write("ied-lcp-hourly-exactly-95",
      "ELV 100, CI 20. 20 hours: 19 at 220 (validated 200 = 200 % ELV, not above) and 1 at 300 (validated 280). 19/20 = 95 % ≥ 95 % → c passes. Daily mean (19×200+280)/20 = 204 > 110 → b fails.",
      lcp_src, req(permit([outlet("DA001", [so2_100()])]), [series("DA001", "so2", hours(20), [220] * 19 + [300])], methods=lcp),
      [(C(0, 2) + "/outcome", "pass"), (C(0, 2) + "/numbers/not_above", 19), (C(0, 2) + "/numbers/share_observed", 0.95),
       (C(0, 1) + "/outcome", "fail"), (C(0, 1) + "/numbers/max", 204)])

write("ied-lcp-hourly-below-95",
      "ELV 100, CI 20. 20 hours: 18 at 220 (validated 200), 2 at 300 (280). 18/20 = 90 % < 95 % → c fails; 2 findings.",
      lcp_src, req(permit([outlet("DA001", [so2_100()])]), [series("DA001", "so2", hours(20), [220] * 18 + [300, 300])], methods=lcp),
      [(C(0, 2) + "/outcome", "fail"), (C(0, 2) + "/numbers/share_observed", 0.9), (C(0, 2) + "/findings_total", 2)])

write("ied-lcp-day-invalid-over-3-hours",
      "Day 1: 3 invalid hours (flag D) + 1 valid hour of 100 → 3 is not more than 3, the day is valid (validated 80). Day 2: 4 invalid + 1 valid → more than 3, the day is invalid. Days: 2 present, 1 judged, 1 invalid; availability passes (1 ≤ 10).",
      lcp_src, req(permit([outlet("DA001", [so2_100()])]),
                   [series("DA001", "so2", hours(4) + hours(5, 24), [100] * 9, "DDDN" + "DDDDN")], methods=lcp),
      [(C(0, 1) + "/numbers/present", 2), (C(0, 1) + "/numbers/judged", 1), (C(0, 1) + "/numbers/invalid", 1),
       (C(0, 3) + "/outcome", "pass"), (C(0, 3) + "/numbers/invalid_days", 1)])

ts11, fl11 = [], ""
for d in range(12):
    ts11 += hours(5, 24 * d)
    fl11 += "NNNNN" if d == 11 else "DDDDN"
write("ied-lcp-year-11-invalid-days",
      "11 days each with 4 invalid hours (more than 3) are invalidated; day 12 is valid. 11 > 10 invalid days in the year → the availability condition fails (the authority must require better reliability).",
      lcp_src, req(permit([outlet("DA001", [so2_100()])]), [series("DA001", "so2", ts11, [50] * 60, fl11)], methods=lcp),
      [(C(0, 3) + "/outcome", "fail"), (C(0, 3) + "/numbers/invalid_days", 11), (C(0, 3) + "/numbers/invalid_days_allowed", 10),
       (C(0, 3) + "/findings_total", 11), (f"{M0}/outcome", "fail")])

write("ied-lcp-significant-digits-halfway",
      "NOx ELV 200 (three significant digits), CI 20 % = 40. DA001 one hour of 240.4 → validated 200.4 → rounds to 200, not above (a passes). DA002 one hour of 240.5 → 200.5 → half up → 201 > 200 (a fails).",
      "rounding to the significant digits of the limit; " + lcp_src,
      req(permit([outlet("DA001", [{"pollutant": "nox", "max": 200, "periods": ["hour"]}]),
                  outlet("DA002", [{"pollutant": "nox", "max": 200, "periods": ["hour"]}])]),
          [series("DA001", "nox", hours(1), [240.4]), series("DA002", "nox", hours(1), [240.5])], methods=lcp),
      [(C(0, 0) + "/outcome", "pass"), (C(0, 0) + "/numbers/max", 200), (C(1, 0) + "/outcome", "fail"), (C(1, 0) + "/numbers/max", 201)])

write("ied-lcp-shutdown-exempt",
      "ELV 100. Hour 0 = 400 during shut-down (exempt), hours 1–2 = 100 (validated 80). The exempt hour is not counted at all: 2 hours judged, monthly 80 → all pass.",
      lcp_src, req(permit([outlet("DA001", [so2_100()])]), [series("DA001", "so2", hours(3), [400, 100, 100])], methods=lcp,
                   records={"states": [{"outlet": "DA001", "state": "shutdown", "from": "2025-01-01T00:00:00Z", "to": "2025-01-01T01:00:00Z"}]}),
      [(f"{M0}/outcome", "pass"), (C(0, 2) + "/numbers/exempt", 1), (C(0, 2) + "/numbers/judged", 2), (C(0, 0) + "/numbers/max", 80)])

# ---------------------------------------------------------------- EU IED Annex VI (WI)
wi = ("eu-ied-annex-vi-wi",)
wi_src = "Directive 2010/75/EU Annex VI Part 8 points 1.1–1.2 (verified, legislation.gov.uk)"
wi_limits = lambda: [{"pollutant": "so2", "max": 100, "periods": ["day"]},
                     {"pollutant": "so2", "max": 200, "periods": ["half_hour"], "method_limits": {"half_hour_b": 100}}]
hh = lambda n, start=0: [T0 + (start + i) * 1800 for i in range(n)]

write("ied-wi-column-a-fails-b-holds",
      "Daily ELV 100 (CI 20 % → 20), column A 200, column B 100. 41 half-hours: 39 at 80 (→60), 1 at 120 (→100), 1 at 230 (→210). A: 210 > 200 fails. B: 40/41 = 97.56 % ≥ 97 % not above 100 → holds, so the pair holds. Daily (39×60+100+210)/41 = 64.63 → 64.6 ≤ 100. Subject passes.",
      wi_src, req(permit([outlet("DA001", wi_limits())]), [series("DA001", "so2", hh(41), [80] * 39 + [120, 230])], methods=wi),
      [(C(0, 1) + "/outcome", "fail"), (C(0, 2) + "/outcome", "pass"), (S(0) + "/outcome", "pass"),
       (C(0, 0) + "/numbers/max", 64.6), (C(0, 2) + "/numbers/not_above", 40)])

write("ied-wi-column-b-exactly-97",
      "Column A 200, B 100, CI 20. 100 half-hours: 2 at 150 (→130, above B only), 1 at 230 (→210, above A and B), then 97 at 80 (→60). A fails; B: 97/100 = exactly 97 % → holds. Day 1 (48 half-hours): (130+130+210+45×60)/48 = 66.04 → 66.0 ≤ 100; days 2–3: 60. Subject passes.",
      wi_src, req(permit([outlet("DA001", wi_limits())]), [series("DA001", "so2", hh(100), [150, 150, 230] + [80] * 97)], methods=wi),
      [(C(0, 2) + "/outcome", "pass"), (C(0, 2) + "/numbers/share_observed", 0.97), (S(0) + "/outcome", "pass")])

write("ied-wi-column-b-96-percent",
      "As the 97 % case with one more half-hour above B: 96/100 = 96 % < 97 % → B fails, A fails → the pair fails.",
      wi_src, req(permit([outlet("DA001", wi_limits())]), [series("DA001", "so2", hh(100), [150, 150, 150, 230] + [80] * 96)], methods=wi),
      [(C(0, 2) + "/outcome", "fail"), (C(0, 1) + "/outcome", "fail"), (S(0) + "/outcome", "fail")])

write("ied-wi-day-6-discarded",
      "Day 1: 5 discarded half-hours (flag D) + 1 valid → at most five may be discarded, the day is valid. Day 2: 6 discarded + 1 valid → invalid. Days present 2, judged 1, invalid 1.",
      wi_src, req(permit([outlet("DA001", wi_limits())]),
                  [series("DA001", "so2", hh(6) + hh(7, 48), [80] * 13, "DDDDDN" + "DDDDDDN")], methods=wi),
      [(C(0, 0) + "/numbers/present", 2), (C(0, 0) + "/numbers/judged", 1), (C(0, 0) + "/numbers/invalid", 1), (C(0, 3) + "/numbers/invalid_days", 1)])

write("ied-wi-co-daily-97",
      "CO daily ELV 50 (CI 10 % → 5), half-hourly A 100. 33 days with one half-hour each: 32 at 40 (→35), 1 at 60 (→55 > 50). CO is judged by 1.1(d): 32/33 = 96.97 % < 97 % → fails. The (a) daily condition does not apply to CO.",
      wi_src, req(permit([outlet("DA001", [{"pollutant": "co", "max": 50, "periods": ["day"]}, {"pollutant": "co", "max": 100, "periods": ["half_hour"]}])]),
                  [series("DA001", "co", [T0 + d * D for d in range(33)], [40] * 32 + [60])], methods=wi),
      [(C(0, 2) + "/id", "d-co-daily-97"), (C(0, 2) + "/outcome", "fail"), (C(0, 2) + "/numbers/not_above", 32), (C(0, 2) + "/numbers/judged", 33)])

ts, fl = [], ""
for d in range(11):
    ts += hh(7, 48 * d)
    fl += "DDDDDDN"
write("ied-wi-11-days-discarded",
      "11 days each with 6 discarded half-hours → 11 invalid days; no more than ten daily values per year may be discarded → availability fails.",
      wi_src, req(permit([outlet("DA001", wi_limits())]), [series("DA001", "so2", ts, [80] * 77, fl)], methods=wi),
      [(C(0, 3) + "/outcome", "fail"), (C(0, 3) + "/numbers/invalid_days", 11)])

# ---------------------------------------------------------------- US NPDES (DMR)
np = ("us-npdes-snc",)
np_src = "40 CFR 123.45 App. A and (a)(2)(ii)(D) (verified, 18F/allregs)"
nperm = permit([outlet("DA001", [so2h(35)])])
dmr = lambda par, vals, lim, **kw: [{"outfall": "001", "parameter": par, "month": f"2025-{i + 1:02d}", "monthly_avg": v, "monthly_avg_limit": lim, **kw} for i, v in enumerate(vals)]

write("npdes-chronic-4-of-6",
      "BOD5 monthly-average limit 30. Jan–Jun: 31, 29, 31, 31, 28, 31 → 4 months above 30 in the 6 months Jan–Jun → chronic SNC. TRC 1.4 × 30 = 42: no month ≥ 42 → TRC passes.",
      np_src, req(nperm, methods=np, records={"dmr": dmr("BOD5", [31, 29, 31, 31, 28, 31], 30)}),
      [(C(0, 0) + "/outcome", "fail"), (C(0, 0) + "/numbers/count_max", 4), (C(0, 1) + "/outcome", "pass"), (C(0, 1) + "/numbers/threshold", 42)])

write("npdes-chronic-3-of-6",
      "BOD5 limit 30: 31, 29, 31, 28, 28, 31 → 3 months above in any 6 → not chronic.",
      np_src, req(nperm, methods=np, records={"dmr": dmr("BOD5", [31, 29, 31, 28, 28, 31], 30)}),
      [(C(0, 0) + "/outcome", "pass"), (C(0, 0) + "/numbers/count_max", 3), (C(0, 0) + "/numbers/above", 3)])

write("npdes-trc-exactly-1-4",
      "TSS (Group I, TRC 1.4) limit 30 → 42. Months 42, 20, 20, 42: equal to TRC × limit counts ('exceed or equal'), 2 months in 6 → TRC SNC. Chronic: 2 of 6 → no.",
      np_src, req(nperm, methods=np, records={"dmr": dmr("TSS", [42, 20, 20, 42], 30)}),
      [(C(0, 1) + "/outcome", "fail"), (C(0, 1) + "/numbers/count_max", 2), (C(0, 1) + "/numbers/factor", 1.4), (C(0, 0) + "/outcome", "pass")])

write("npdes-trc-group-2-rounding",
      "Copper (Group II, TRC 1.2) limit 10 → 12. Reported 11.5 rounds to 2 significant digits (as the limit 10) half up → 12 ≥ 12; 12.0 ≥ 12. 2 months → TRC SNC. 11.4 would round to 11.",
      "rounding to the significant digits of the limit; " + np_src,
      req(nperm, methods=np, records={"dmr": dmr("copper", [11.5, 12.0, 11.4], 10)}),
      [(C(0, 1) + "/outcome", "fail"), (C(0, 1) + "/numbers/count_max", 2), (C(0, 1) + "/numbers/factor", 1.2), (C(0, 1) + "/numbers/threshold", 12)])

write("npdes-late-dmr",
      "January DMR due 2025-02-28, received 2025-03-30: 30 days after → within 30 days. February DMR due 2025-03-28, received 2025-04-28: 31 days → Category I late.",
      np_src, req(nperm, methods=np, records={"dmr": [
          {"outfall": "001", "parameter": "BOD5", "month": "2025-01", "monthly_avg": 10, "monthly_avg_limit": 30, "due": "2025-02-28", "received": "2025-03-30"},
          {"outfall": "001", "parameter": "BOD5", "month": "2025-02", "monthly_avg": 10, "monthly_avg_limit": 30, "due": "2025-03-28", "received": "2025-04-28"}]}),
      [(S(1) + "/pollutant", "DMR"), (C(1, 0) + "/outcome", "fail"), (C(1, 0) + "/numbers/late", 1), (C(1, 0) + "/findings/0/value", 31)])

write("npdes-ph-exempt-and-daily-max",
      "pH is exempt from TRC (not assessed). A daily maximum of 9.5 against 9 is a Category II effluent violation; chronic: 1 month → no.",
      np_src, req(nperm, methods=np, records={"dmr": [
          {"outfall": "001", "parameter": "pH", "month": "2025-01", "monthly_avg": 7.5, "monthly_avg_limit": 9, "daily_max": 9.5, "daily_max_limit": 9}]}),
      [(C(0, 1) + "/outcome", "not_assessed"), (C(0, 2) + "/outcome", "fail"), (C(0, 2) + "/numbers/above", 1), (C(0, 0) + "/outcome", "pass")])

# ---------------------------------------------------------------- US pretreatment 403.8
pt = ("us-pretreatment-snc",)
pt_src = "40 CFR 403.8(f)(2)(viii) (verified, 18F/allregs)"
iu = lambda par, vals, lim: [{"point": "IU-7", "parameter": par, "date": f"2025-0{1 + i // 28}-{1 + i % 28:02d}", "value": v, "limit": lim} for i, v in enumerate(vals)]

write("pretreatment-2-of-3-is-66",
      "Zinc limit 2.61 mg/L (3 significant digits). Measurements 2.8, 3.2, 2.0: 2 of 3 = 66.7 % exceed → ≥ 66 % → chronic SNC. TRC (Group II) 1.2 × 2.61 = 3.132: 3.2 → 1 of 3 = 33.3 % ≥ 33 % → TRC SNC.",
      pt_src, req(nperm, methods=pt, period="2025-01-01..2025-06-30", records={"iu_samples": iu("zinc", [2.8, 3.2, 2.0], 2.61)}),
      [(C(0, 0) + "/outcome", "fail"), (C(0, 0) + "/numbers/above", 2), (C(0, 1) + "/outcome", "fail"), (C(0, 1) + "/numbers/above", 1)])

write("pretreatment-1-of-2",
      "Zinc limit 2.61: 2.8, 2.0 → 1 of 2 = 50 % < 66 % → not chronic; TRC 3.132: none → not TRC.",
      pt_src, req(nperm, methods=pt, period="2025-01-01..2025-06-30", records={"iu_samples": iu("zinc", [2.8, 2.0], 2.61)}),
      [(C(0, 0) + "/outcome", "pass"), (C(0, 0) + "/numbers/share_observed", 0.5), (C(0, 1) + "/outcome", "pass")])

write("pretreatment-exactly-66-percent",
      "Nickel limit 2.61, 50 measurements, 33 at 2.8 and 17 at 1.0: 33/50 = 66 % exactly ≥ 66 % → chronic SNC. TRC 3.132: none.",
      pt_src, req(nperm, methods=pt, period="2025-01-01..2025-06-30", records={"iu_samples": iu("nickel", [2.8] * 33 + [1.0] * 17, 2.61)}),
      [(C(0, 0) + "/outcome", "fail"), (C(0, 0) + "/numbers/share_observed", 0.66), (C(0, 1) + "/outcome", "pass")])

write("pretreatment-bod-trc-1-4",
      "BOD (TRC 1.4) limit 100: 140, 100, 100 → 140 ≥ 1.4 × 100 = 140: 1 of 3 = 33.3 % ≥ 33 % → TRC SNC. Chronic: 1 of 3 above 100 → 33 % < 66 % → no.",
      pt_src, req(nperm, methods=pt, period="2025-01-01..2025-06-30", records={"iu_samples": iu("BOD", [140, 100, 100], 100)}),
      [(C(0, 1) + "/outcome", "fail"), (C(0, 1) + "/numbers/threshold", 140), (C(0, 0) + "/outcome", "pass")])

write("pretreatment-late-45-days",
      "Report due 2025-01-15 received 2025-03-01: 45 days → within. Report due 2025-04-15 received 2025-05-31: 46 days → SNC (F).",
      pt_src, req(nperm, methods=pt, period="2025-01-01..2025-06-30", records={"iu_reports": [
          {"point": "IU-7", "report": "BMR", "due": "2025-01-15", "received": "2025-03-01"},
          {"point": "IU-7", "report": "semi-annual", "due": "2025-04-15", "received": "2025-05-31"}]}),
      [(C(0, 0) + "/outcome", "fail"), (C(0, 0) + "/numbers/late", 1), (C(0, 0) + "/findings/0/value", 46)])

write("pretreatment-not-received",
      "Report due 2025-06-01, not received; as of 2025-07-17 it is 46 days overdue → SNC.",
      pt_src, req(nperm, methods=pt, period="2025-01-01..2025-06-30", as_of="2025-07-17", records={"iu_reports": [
          {"point": "IU-7", "report": "semi-annual", "due": "2025-06-01"}]}),
      [(C(0, 0) + "/outcome", "fail"), (C(0, 0) + "/findings/0/value", 46)])

# ---------------------------------------------------------------- US NSPS 30 operating days
ns = ("us-nsps-30-operating-days",)
ns_src = "40 CFR 60.41, 60.48Da(b) (verified); hourly weighting per pack"
nox100 = lambda: permit([outlet("DA001", [{"pollutant": "nox", "max": 100, "periods": ["hour"]}])])
daily = lambda vals, start=0: [T0 + (start + i) * D + 10 * H for i in range(len(vals))]

write("nsps-29-days-not-enough",
      "29 operating days: no 30-operating-day average exists yet → not assessed.",
      ns_src, req(nox100(), [series("DA001", "nox", daily([100] * 29), [100] * 29)], methods=ns),
      [(C(0, 0) + "/outcome", "not_assessed"), (C(0, 0) + "/numbers/present", 29)])

write("nsps-30-days-exceeds",
      "30 operating days with one hour each: 29 at 100 and 1 at 131 → (2900+131)/30 = 101.03 → 101 (3 significant digits) > 100 → fails.",
      ns_src, req(nox100(), [series("DA001", "nox", daily([0] * 30), [100] * 29 + [131])], methods=ns),
      [(C(0, 0) + "/outcome", "fail"), (C(0, 0) + "/numbers/max", 101)])

write("nsps-halfway-rounding",
      "29 days at 100, 1 at 114 → 100.4667 → 100 (passes). A second outlet with 1 at 115 → 100.5 → half up → 101 (fails).",
      "rounding to the significant digits of the limit; " + ns_src,
      req(permit([outlet("DA001", [{"pollutant": "nox", "max": 100, "periods": ["hour"]}]), outlet("DA002", [{"pollutant": "nox", "max": 100, "periods": ["hour"]}])]),
          [series("DA001", "nox", daily([0] * 30), [100] * 29 + [114]), series("DA002", "nox", daily([0] * 30), [100] * 29 + [115])], methods=ns),
      [(C(0, 0) + "/outcome", "pass"), (C(0, 0) + "/numbers/max", 100), (C(1, 0) + "/outcome", "fail"), (C(1, 0) + "/numbers/max", 101)])

t_skip = daily([0] * 15) + daily([0] * 5, 15) + daily([0] * 15, 20)
write("nsps-non-operating-days-skipped",
      "15 operating days, then 5 days with the unit stopped (flag F, value 500), then 15 operating days: the 30 operating days span 35 calendar days; the F days are not operating days and do not enter the average (100) → passes with one rolling value.",
      ns_src, req(nox100(), [series("DA001", "nox", t_skip, [100] * 15 + [500] * 5 + [100] * 15, "N" * 15 + "F" * 5 + "N" * 15)], methods=ns),
      [(C(0, 0) + "/outcome", "pass"), (C(0, 0) + "/numbers/present", 30), (C(0, 0) + "/numbers/judged", 1), (C(0, 0) + "/numbers/max", 100)])

daily_pack = {
    "schema_version": 1, "id": "us-nsps-30-operating-days-daily", "version": "1.0.0", "method": "nsps_operating_days",
    "title": "30 operating days, daily weighting (vector variant)", "jurisdiction": "US",
    "rounding": {"rule": "limit_significant_digits", "mode": "half_up"},
    "source": {"standard": "40 CFR Part 60", "status": "unverified"},
    "conditions": [{"id": "rolling-30-operating-days", "title": "daily weighting", "clause": "40 CFR 60.48Da(b)", "status": "unverified",
                    "test": "rolling_operating_days", "window": 30, "weighting": "daily"}]}
ts_w = [T0 + 10 * H, T0 + 11 * H, T0 + 12 * H] + daily([0] * 29, 1)
write("nsps-hourly-vs-daily-weighting",
      "Day 1 has three hours at 110, days 2–30 one hour at 100. Hourly weighting: (330+2900)/32 = 100.94 → 101 > 100 fails. Daily weighting (custom pack): (110+2900)/30 = 100.33 → 100 passes.",
      ns_src, req(nox100(), [series("DA001", "nox", ts_w, [110] * 3 + [100] * 29)],
                  methods=("us-nsps-30-operating-days", "us-nsps-30-operating-days-daily"), method_packs=[daily_pack]),
      [(C(0, 0) + "/outcome", "fail"), (C(0, 0) + "/numbers/max", 101), ("/methods/1/subjects/0/conditions/0/outcome", "pass"),
       ("/methods/1/subjects/0/conditions/0/numbers/max", 100)])

write("nsps-rolling-second-window",
      "31 operating days: day 1 at 200, days 2–31 at 100. Window 1 (days 1–30): (200+2900)/30 = 103.3 → 103 > 100; window 2 (days 2–31): 100. One failing window.",
      ns_src, req(nox100(), [series("DA001", "nox", daily([0] * 31), [200] + [100] * 30)], methods=ns),
      [(C(0, 0) + "/numbers/judged", 2), (C(0, 0) + "/findings_total", 1), (C(0, 0) + "/findings/0/value", 103)])

# ---------------------------------------------------------------- mass caps
ms = ("cn-annual-mass-cap",)
ms_src = "HJ 212-2017 App. D (33), D.1; HJ 942-2018 (secondary); estimation by month mean (engine convention)"
mp = lambda cap: permit([outlet("DA001", [so2h(35, annual_cap_t=cap)])])
air = lambda flags=None, n=24: [series("DA001", "so2", hours(n), [100] * n, flags), series("DA001", "flow", hours(n), [10] * n, flags)]

write("mass-measured-and-forecast",
      "24 hours of SO2 100 mg/m3 at 10 m3/s (36 000 m3/h): 100 × 36 000 × 1e-6 = 3.6 kg/h, 86.4 kg = 0.0864 t on 2025-01-01 (as_of 2025-01-02). Cap 10 t: rate 0.0036 t/h, remaining 9.9136 t → 2753.78 h after 2025-01-02T00:00Z = 2025-04-26T17:46:40Z → exhausted (forecast) on 2025-04-26.",
      ms_src, req(mp(10), air(), methods=ms, as_of="2025-01-02"),
      [(f"{M0}/caps/0/measured_t", 0.0864), (f"{M0}/caps/0/measured_hours", 24), (f"{M0}/caps/0/estimated_hours", 0),
       (f"{M0}/caps/0/exhausted_on", "2025-04-26"), (f"{M0}/caps/0/forecast", True), (f"{M0}/outcome", "pass")])

write("mass-missing-hours-estimated",
      "As before with hours 0–3 flagged D (invalid, the source running): 20 measured hours × 3.6 = 72 kg; 4 missing hours estimated at the month's mean measured hourly mass 3.6 kg → 14.4 kg. Measured 0.072 t, estimated 0.0144 t, total 0.0864 t.",
      ms_src, req(mp(10), air("DDDD" + "N" * 20), methods=ms, as_of="2025-01-02"),
      [(f"{M0}/caps/0/measured_hours", 20), (f"{M0}/caps/0/estimated_hours", 4), (f"{M0}/caps/0/measured_t", 0.072), (f"{M0}/caps/0/estimated_t", 0.0144)])

write("mass-stopped-hours-zero",
      "Hours 0–3 flagged F (stopped): they emit nothing and are not estimated. 20 × 3.6 = 72 kg = 0.072 t; stopped 4 hours.",
      ms_src, req(mp(10), air("FFFF" + "N" * 20), methods=ms, as_of="2025-01-02"),
      [(f"{M0}/caps/0/stopped_hours", 4), (f"{M0}/caps/0/estimated_hours", 0), (f"{M0}/caps/0/total_t", 0.072)])

write("mass-cap-exceeded",
      "Cap 0.05 t = 50 kg. Cumulative 3.6 kg/h reaches 50 kg in hour 14 (14 × 3.6 = 50.4) → exhausted on 2025-01-01; total 0.0864 t > 0.05 t → finding.",
      ms_src, req(mp(0.05), air(), methods=ms, as_of="2025-01-02"),
      [(f"{M0}/outcome", "fail"), (f"{M0}/caps/0/exhausted_on", "2025-01-01"), (f"{M0}/caps/0/forecast", False), (C(0, 0) + "/findings_total", 1)])

write("mass-cap-exactly-reached",
      "Cap 0.0864 t and a total of exactly 0.0864 t: reached (exhausted on 2025-01-01) but not exceeded → passes.",
      ms_src, req(mp(0.0864), air(), methods=ms, as_of="2025-01-02"),
      [(f"{M0}/outcome", "pass"), (f"{M0}/caps/0/exhausted_on", "2025-01-01")])

write("mass-wastewater",
      "Outfall COD 50 mg/L at 10 L/s (36 m3/h): 50 × 36 × 1e-3 = 1.8 kg/h; 24 h = 43.2 kg = 0.0432 t, against an enterprise-wide cap of 5 t/a given as a record.",
      ms_src, req(permit([outlet("DW001", [{"pollutant": "cod", "max": 100, "periods": ["day"]}], kind="water")]),
                  [series("DW001", "cod", hours(24), [50] * 24), series("DW001", "water_flow", hours(24), [10] * 24)], methods=ms, as_of="2025-01-02",
                  records={"caps": [{"pollutant": "cod", "t_per_year": 5, "clause": "permit §3 (enterprise total)"}]}),
      [(f"{M0}/caps/0/measured_t", 0.0432), (f"{M0}/caps/0/months/0/month", "2025-01")])

print("ok")
