"""Writes tests/vectors/hj212-*.json.

Inputs are built and checksummed with hj212crc.py (independent of the Rust code); the
expected outputs are written here from the same source values (times: Asia/Shanghai is
UTC+8 with no DST since 1991), so the vectors test the Rust decoder rather than echo it.
Run from the repository root: python3 core/tests/tools/gen_hj212_vectors.py
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from hj212crc import crc16, packet  # noqa: E402

OUT = "tests/vectors"
MN = "010000A8900016F000169DC0"
IND = "Checksums computed independently by core/tests/tools/hj212crc.py (Appendix A pseudo-code), not by the Rust code."


def ts(y, mo, d, h, mi, s=0):
    import calendar
    return calendar.timegm((y, mo, d, h, mi, s)) - 8 * 3600


def minute_seg(qn, mn, t, factors, cn="2051", flag="4", st="31", suffix="Avg", extra_header=""):
    items = []
    for code, vals in factors:
        fields = []
        for k, v in vals:
            fields.append("%s-%s=%s" % (code, k, v))
        items.append(",".join(fields))
    return "QN=%s;ST=%s;CN=%s;PW=123456;MN=%s;Flag=%s;%sCP=&&DataTime=%s;%s&&" % (
        qn, st, cn, mn, flag, extra_header, t, ";".join(items))


def diag(kind, offset, qn, message, severity="error"):
    return {"kind": kind, "severity": severity, "offset": offset, "qn": qn, "message": message}


def series(outlet, pollutant, times, values, flags):
    return {"outlet": outlet, "pollutant": pollutant, "time": times, "values": values, "flags": flags}


def write(name, description, source, text, expected, map_=None, **extra):
    inp = {"text": text, "time_zone": "Asia/Shanghai", "map": map_ if map_ is not None else {MN: "DA001"}}
    inp.update(extra)
    doc = {"id": name, "description": description + " " + IND, "source": source, "kind": "hj212_decode",
           "input": inp, "expected": expected}
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump(doc, f, indent=2, ensure_ascii=False)
        f.write("\n")


def out(accepted, rejected, used, ser, diags):
    return {"accepted": accepted, "rejected": rejected, "packets_used": used, "series": ser, "diagnostics": diags}


STACK = [
    # minute, SO2 avg, SO2 zs, NOx avg, NOx zs, PM avg, PM zs, O2
    (0, "38.2", "44.1", "52.7", "61.0", "3.4", "3.9", "8.9"),
    (1, "36.9", "42.8", "50.1", "58.2", "3.3", "3.8", "9.0"),
    (2, "41.5", "48.3", "55.0", "64.0", "3.6", "4.2", "9.1"),
]


def stack_packet(m, so2, so2z, nox, noxz, pm, pmz, o2, flags=("N", "N", "N", "N")):
    t = "202503011%03d00" % m  # 10:0m:00
    qn = "202503011%03d00123" % m
    seg = minute_seg(qn, MN, t, [
        ("a21026", [("Avg", so2), ("ZsAvg", so2z), ("Flag", flags[0])]),
        ("a21002", [("Avg", nox), ("ZsAvg", noxz), ("Flag", flags[1])]),
        ("a34013", [("Avg", pm), ("ZsAvg", pmz), ("Flag", flags[2])]),
        ("a19001", [("Avg", o2), ("Flag", flags[3])]),
    ])
    return packet(seg), qn


def main():
    os.makedirs(OUT, exist_ok=True)

    # 1. The standard's own example (CN 1062, set real-time interval): accepted, not data.
    ex = "QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&"
    assert "%04X" % crc16(ex.encode()) == "1C80"
    write("hj212-standard-example", "The example packet printed in HJ 212-2017 (checksum 1C80): a CN 1062 command, accepted but carrying no monitoring data.",
          "HJ 212-2017 §6.3 and Appendix A", packet(ex), out(1, 0, 0, [], []))

    # 2. Three minutes of a boiler stack, measured values.
    pk = [stack_packet(*row) for row in STACK]
    text = "".join(p for p, _ in pk)
    times = [ts(2025, 3, 1, 10, m) for m, *_ in STACK]
    fl = lambda col: [float(r[col]) for r in STACK]
    exp = out(3, 0, 3, [
        series("DA001", "a19001", times, fl(7), "NNN"),
        series("DA001", "a21002", times, fl(3), "NNN"),
        series("DA001", "a21026", times, fl(1), "NNN"),
        series("DA001", "a34013", times, fl(5), "NNN"),
    ], [])
    write("hj212-minute-stack", "Three CN 2051 minute packets from one stack (SO2, NOx, PM with -Avg/-ZsAvg/-Flag, O2); measured -Avg values become series of outlet DA001, time = DataTime (period start) in Asia/Shanghai.",
          "HJ 212-2017 §6.3, Table 4 (field suffixes), Table 9 (CN 2051)", text, exp)

    # 3. The same with converted values chosen: -ZsAvg; O2 has none.
    exp = out(3, 0, 3, [
        series("DA001", "a21002", times, fl(4), "NNN"),
        series("DA001", "a21026", times, fl(2), "NNN"),
        series("DA001", "a34013", times, fl(6), "NNN"),
    ], [])
    write("hj212-minute-converted", "The stack capture with values = converted: the -ZsAvg (折算) fields are used; O2, which has none, gives no series.",
          "HJ 212-2017 Table 4 (-ZsAvg)", text, exp, values="converted")

    # 4. A bad checksum followed by a good packet.
    p0, q0 = stack_packet(*STACK[0])
    p1, q1 = stack_packet(*STACK[1])
    want = crc16(p0[6:-6].encode())
    bad = p0[:-6] + "%04X" % (want ^ 0x0001) + "\r\n"
    text = bad + p1
    exp = out(1, 1, 1, [
        series("DA001", "a19001", [times[1]], [9.0], "N"),
        series("DA001", "a21002", [times[1]], [50.1], "N"),
        series("DA001", "a21026", [times[1]], [36.9], "N"),
        series("DA001", "a34013", [times[1]], [3.3], "N"),
    ], [diag("bad_crc", 0, q0, "checksum %04X does not match the computed %04X" % (want ^ 1, want))])
    write("hj212-bad-crc-then-good", "A packet whose checksum is off by one bit is rejected with its byte offset and QN; the good packet right after it is kept.",
          "HJ 212-2017 Appendix A; §6.3", text, exp)

    # 5. Garbage, good packets, lower-case checksum, and a partial packet at the end.
    g = "AT+CIPSEND\r\n"
    low = p1[:-6] + p1[-6:-2].lower() + "\r\n"
    tail = p0[:40]
    text = g + p0 + "\x00\x01zz#" + low + tail
    o1 = len(g)
    o2 = o1 + len(p0)
    o3 = o2 + 5
    o4 = o3 + len(low)
    exp = out(2, 1, 2, [
        series("DA001", "a19001", times[:2], [8.9, 9.0], "NN"),
        series("DA001", "a21002", times[:2], [52.7, 50.1], "NN"),
        series("DA001", "a21026", times[:2], [38.2, 36.9], "NN"),
        series("DA001", "a34013", times[:2], [3.4, 3.3], "NN"),
    ], [
        diag("garbage", 0, None, "skipped %d bytes that are not part of a packet" % len(g)),
        diag("garbage", o2, None, "skipped 5 bytes that are not part of a packet"),
        diag("truncated", o4, None, "stream ended inside a packet: 40 of %d bytes" % len(p0)),
    ])
    write("hj212-garbage-resync", "Modem noise before the first packet and binary bytes between packets are skipped and reported as garbage runs; a lower-case checksum (a device tolerance) is accepted; a partial packet at the end of the stream is reported as truncated.",
          "HJ 212-2017 §6.3 (framing)", text, exp)

    # 6. Declared length wrong, followed by a good packet.
    seg = p0[6:-6]
    wrong = "##%04d" % (len(seg) - 3) + p0[6:]
    text = wrong + p1
    exp = out(1, 1, 1, [
        series("DA001", "a19001", [times[1]], [9.0], "N"),
        series("DA001", "a21002", [times[1]], [50.1], "N"),
        series("DA001", "a21026", [times[1]], [36.9], "N"),
        series("DA001", "a34013", [times[1]], [3.3], "N"),
    ], [diag("bad_length", 0, None, "declared data-segment length %d but the packet ends after %d characters" % (len(seg) - 3, len(seg)))])
    write("hj212-bad-length", "A packet whose 4-digit length is 3 short of its data segment is rejected as bad_length; the next packet is kept.",
          "HJ 212-2017 §6.3, Table 2", text, exp)

    # 7. HJ/T 212-2005 packets: no QN, no Flag, 14-character MN, 2005 codes.
    mn05 = "88888880000001"
    segs = []
    for m, so2, nox, pm, o2 in [(0, "25.1", "80.2", "5.5", "10.1"), (1, "26.3", "78.0", "5.4", "10.0")]:
        segs.append("ST=32;CN=2051;PW=123456;MN=%s;CP=&&DataTime=2025030108%02d00;02-Avg=%s,02-Flag=N;03-Avg=%s,03-Flag=N;01-Avg=%s,01-Flag=N;S01-Avg=%s,S01-Flag=N&&" % (mn05, m, so2, nox, pm, o2))
    text = "".join(packet(s) for s in segs)
    t05 = [ts(2025, 3, 1, 8, 0), ts(2025, 3, 1, 8, 1)]
    exp = out(2, 0, 2, [
        series("DA002", "a19001", t05, [10.1, 10.0], "NN"),
        series("DA002", "a21002", t05, [80.2, 78.0], "NN"),
        series("DA002", "a21026", t05, [25.1, 26.3], "NN"),
        series("DA002", "a34013", t05, [5.5, 5.4], "NN"),
    ], [])
    write("hj212-2005-packets", "HJ/T 212-2005 style packets (no QN, no Flag, 14-character MN, old codes 02/03/01/S01) are accepted and mapped to the 2017 codes a21026/a21002/a34013/a19001.",
          "HJ 212-2017 Appendix B (原编码); HJ/T 212-2005", text, exp, map_={mn05: "DA002"})

    # 8. Structure checks behind a weak checksum: every packet here has a CORRECT checksum.
    base_qn = "20250301100500000"
    s_badnum = minute_seg(base_qn, MN, "20250301100500", [("a21026", [("Avg", "2O.5"), ("Flag", "N")])])
    s_badcn = minute_seg("20250301100600000", MN, "20250301100600", [("a21026", [("Avg", "20.5")])], cn="2951")
    s_badtime = minute_seg("20250301100700000", MN, "20250230100700", [("a21026", [("Avg", "20.5")])])
    s_badflag = minute_seg("20250301100800000", MN, "20250301100800", [("a21026", [("Avg", "20.5"), ("Flag", "X")])])
    s_good = minute_seg("20250301100900000", MN, "20250301100900", [("a21026", [("Avg", "20.5"), ("Flag", "N")])])
    pkts = [packet(s) for s in (s_badnum, s_badcn, s_badtime, s_badflag, s_good)]
    offs = [sum(len(p) for p in pkts[:i]) for i in range(len(pkts))]
    text = "".join(pkts)
    exp = out(1, 4, 1, [series("DA001", "a21026", [ts(2025, 3, 1, 10, 9)], [20.5], "N")], [
        diag("malformed_field", offs[0], base_qn, "`a21026-Avg=2O.5` is not a decimal number"),
        diag("unknown_cn", offs[1], "20250301100600000", "unknown command code CN=2951"),
        diag("bad_time", offs[2], "20250301100700000", "DataTime `20250230100700` is not a valid YYYYMMDDhhmmss time"),
        diag("malformed_field", offs[3], "20250301100800000", "`a21026-Flag=X` is not a data flag (N, F, M, S, D, C, T, B)"),
    ])
    write("hj212-structure-checks", "Four packets with correct checksums but broken content (letter O in a number, CN 2951, 30 February, flag X) are rejected: the Appendix A checksum has only 256 values, so structure is validated; the good packet after them is kept.",
          "HJ 212-2017 Appendix A; Table 4; Table 8; Table 9", text, exp)

    # 9. Real-time data (CN 2011, -Rtd) selected; minute packets in the same stream are ignored.
    r1 = "QN=20250301100000500;ST=31;CN=2011;PW=123456;MN=%s;Flag=4;CP=&&DataTime=20250301100000;a21026-Rtd=37.4,a21026-ZsRtd=43.0,a21026-Flag=N;a19001-Rtd=8.8,a19001-Flag=N&&" % MN
    r2 = "QN=20250301100030500;ST=31;CN=2011;PW=123456;MN=%s;Flag=4;CP=&&DataTime=20250301100030;a21026-Rtd=39.0,a21026-ZsRtd=45.1,a21026-Flag=N;a19001-Rtd=8.9,a19001-Flag=N&&" % MN
    text = packet(r1) + pk[0][0] + packet(r2)
    tr = [ts(2025, 3, 1, 10, 0, 0), ts(2025, 3, 1, 10, 0, 30)]
    exp = out(3, 0, 2, [
        series("DA001", "a19001", tr, [8.8, 8.9], "NN"),
        series("DA001", "a21026", tr, [37.4, 39.0], "NN"),
    ], [])
    write("hj212-realtime", "With data = realtime, CN 2011 packets give -Rtd values at their acquisition instants (DataTime); the CN 2051 packet in between is accepted but not used.",
          "HJ 212-2017 Table 9 (CN 2011), Table 4 (-Rtd)", text, exp, data="realtime")

    # 10. Flags, default flag, unknown code, unmapped MN.
    f1 = minute_seg("20250301110000000", MN, "20250301110000", [
        ("a21026", [("Avg", "120.0"), ("Flag", "C")]),
        ("a19001", [("Avg", "9.0")]),
        ("a99999", [("Avg", "1.0"), ("Flag", "N")]),
    ])
    other_mn = "ABCDEF0123456789ABCDEF01"
    f2 = minute_seg("20250301110000001", other_mn, "20250301110000", [("a21026", [("Avg", "10.0"), ("Flag", "M")])])
    pa, pb = packet(f1), packet(f2)
    text = pa + pb
    t11 = [ts(2025, 3, 1, 11, 0)]
    exp = out(2, 0, 2, [
        series("ABCDEF0123456789ABCDEF01", "a21026", t11, [10.0], "M"),
        series("DA001", "a19001", t11, [9.0], "N"),
        series("DA001", "a21026", t11, [120.0], "C"),
    ], [
        diag("unknown_code", 0, "20250301110000000", "unknown monitoring-factor code `a99999` (further occurrences not reported)", "warning"),
        diag("unmapped_mn", len(pa), "20250301110000001", "MN `%s` is not in the MN map; its data are kept under outlet `%s`" % (other_mn, other_mn), "warning"),
    ])
    write("hj212-flags-and-codes", "Data flags are kept per value (C calibration, M maintenance) and default to N when -Flag is absent; an unknown factor code is a warning and the packet is kept; an MN missing from the map becomes its own outlet with a warning.",
          "HJ 212-2017 §6.6.4 Table 8 (flags), Appendix B (codes)", text, exp)

    # 11. A resend with a different value, and a split packet (Flag=7, PNUM/PNO) with a lower-case checksum.
    d1 = minute_seg("20250301120000000", MN, "20250301120000", [("a21026", [("Avg", "30.0"), ("Flag", "N")])])
    d2 = minute_seg("20250301120000999", MN, "20250301120000", [("a21026", [("Avg", "31.5"), ("Flag", "N")])])
    s1 = minute_seg("20250301120100000", MN, "20250301120100", [("a21026", [("Avg", "33.0"), ("Flag", "N")])], flag="7", extra_header="PNUM=2;PNO=1;")
    s2 = minute_seg("20250301120100000", MN, "20250301120100", [("a19001", [("Avg", "9.5"), ("Flag", "N")])], flag="7", extra_header="PNUM=2;PNO=2;")
    pa, pb, pc, pd = packet(d1), packet(d2), packet(s1), packet(s2)
    pd = pd[:-6] + pd[-6:-2].lower() + "\r\n"
    text = pa + pb + pc + pd
    t12 = [ts(2025, 3, 1, 12, 0), ts(2025, 3, 1, 12, 1)]
    exp = out(4, 0, 4, [
        series("DA001", "a19001", [t12[1]], [9.5], "N"),
        series("DA001", "a21026", t12, [31.5, 33.0], "NN"),
    ], [diag("duplicate_time", len(pa), "20250301120000999", "outlet `DA001` a21026 at %d sent again with 31.5/N instead of 30/N; keeping the later packet" % t12[0], "warning")])
    write("hj212-resend-and-split", "A resend of the same minute with another value keeps the later packet and warns; a message split over two packets (Flag=7: version 2017, D and A bits, PNUM=2, PNO=1/2) contributes its factors from both parts.",
          "HJ 212-2017 §6.3.2 (Flag bits, PNUM/PNO)", text, exp)

    print("wrote", len([n for n in os.listdir(OUT) if n.startswith("hj212-")]), "vectors")


main()
