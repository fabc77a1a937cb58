// The mobile binding's test suite, run on the JVM with JNA:
//  1. replays EVERY tests/vectors/*.json and compares with `expected` / `expected_error`
//     (deep JSON equality); `evaluate`, `onsite_check` and `hj212_decode` go through the typed API
//     (Plan handle, records, EcorulesException), `comply`, `warnings`, `inspection`,
//     `inspection_restore` and `checklist_load` through the exported JSON-level request calls;
//     a kind this suite does not know fails;
//  2. walks an inspection: answer, serialise, restore, finish; and the error paths; replays the
//     dyeing walkthrough vector through the Inspection handle and the monitor's alarms (typed
//     `Finding` records) against a warnings vector;
//  3. the plan listings (rules, judged windows), flat tables and schemas.
package ecorules.test

import java.io.File
import uniffi.ecorules_mobile.*

var failures = 0
var passes = 0

fun check(cond: Boolean, what: String) {
    if (cond) passes++ else { failures++; System.err.println("FAIL: $what") }
}

@Suppress("UNCHECKED_CAST")
fun obj(v: Any?): Map<String, Any?> = v as Map<String, Any?>

fun long(v: Any?): Long? = (v as JsonNumber?)?.text?.toDouble()?.toLong()

fun packDocs(v: Any?, prefix: String): List<PackDocument> =
    ((v as List<*>?) ?: emptyList<Any?>()).mapIndexed { i, p ->
        if (p is String) PackDocument("$prefix[$i].toml", p, null) else PackDocument("$prefix[$i].json", toJson(p), null)
    }

/** `evaluate` through the typed API: Plan handle, data text, records. */
fun evaluateTyped(input: Map<String, Any?>): Any? {
    val plan = Plan.compile("permit.json", toJson(input["permit"]), packDocs(input["packs"], "packs"))
    val load = (input["load"] as Map<*, *>?)?.let { l ->
        LoadOptions(
            duplicates = if (l["duplicates"] == "keep_last") DuplicatePolicy.KEEP_LAST else DuplicatePolicy.ERROR,
            naiveTimeZone = l["naive_time_zone"] as String?,
            sourceName = l["source_name"] as String?,
        )
    }
    val options = (input["options"] as Map<*, *>?)?.let { o ->
        EvaluateOptions(from = long(o["from"]), to = long(o["to"]), findings = (o["findings"] as Boolean?) ?: true)
    }
    val report = plan.evaluate(toJson(input["data"]), DataFormat.JSON, load, options)
    plan.close()
    return reportJson(report)
}

/** `onsite_check` through the typed API. */
fun onsiteTyped(input: Map<String, Any?>): Any? {
    val plan = Plan.compile("permit.json", toJson(input["permit"]), packDocs(input["packs"], "packs"))
    val m = obj(input["measurement"])
    val result = plan.onsiteCheck(
        SpotMeasurement(
            outlet = m["outlet"] as String, pollutant = m["pollutant"] as String,
            value = (m["value"] as JsonNumber).value, unit = m["unit"] as String,
            o2 = (m["o2"] as JsonNumber?)?.value, time = long(m["time"])!!,
        )
    )
    plan.close()
    return onsiteJson(result)
}

/** `hj212_decode` through the typed API: bytes in, `Hj212Decoded` record out. */
fun hj212Typed(input: Map<String, Any?>): Any? {
    val opts = Hj212Options(
        timeZone = input["time_zone"] as String?,
        data = when (input["data"] as String?) {
            null, "minute" -> Hj212DataKind.MINUTE
            "realtime" -> Hj212DataKind.REALTIME
            "hourly" -> Hj212DataKind.HOURLY
            "daily" -> Hj212DataKind.DAILY
            else -> throw IllegalArgumentException("data ${input["data"]}")
        },
        values = if (input["values"] == "converted") Hj212Values.CONVERTED else Hj212Values.MEASURED,
        mnMap = ((input["map"] as Map<*, *>?) ?: emptyMap<String, String>()).entries.associate { (k, v) -> k as String to v as String },
        maxDiagnostics = null,
    )
    val d = decodeHj212((input["text"] as String).toByteArray(Charsets.UTF_8), opts)
    return mapOf(
        "accepted" to d.accepted.toLong(), "rejected" to d.rejected.toLong(), "packets_used" to d.packetsUsed.toLong(),
        "series" to d.series.map { s ->
            mapOf("outlet" to s.outlet, "pollutant" to s.pollutant, "time" to s.time,
                "values" to s.values.map { if (it.isNaN()) null else it }, "flags" to s.flags)
        },
        "diagnostics" to d.diagnostics.map {
            mapOf("kind" to it.kind, "severity" to it.severity, "offset" to it.offset.toLong(), "qn" to it.qn, "message" to it.message)
        },
    )
}

fun replayVectors(dir: File) {
    val files = dir.listFiles { f -> f.name.endsWith(".json") }!!.sortedBy { it.name }
    check(files.isNotEmpty(), "no vectors in $dir")
    val byKind = sortedMapOf<String, Int>()
    for (f in files) {
        val v = obj(parseJson(f.readText()))
        val kind = v["kind"] as String? ?: ""
        val input = obj(v["input"])
        byKind[kind] = (byKind[kind] ?: 0) + 1
        val (key, actual) = try {
            "expected" to when (kind) {
                "evaluate" -> evaluateTyped(input)
                "onsite_check" -> onsiteTyped(input)
                "hj212_decode" -> hj212Typed(input)
                "comply" -> parseJson(comply(toJson(input)))
                "warnings" -> parseJson(warnings(toJson(input)))
                "inspection" -> parseJson(inspectionRequest(toJson(input)))
                "inspection_restore" -> parseJson(inspectionRestoreRequest(toJson(input)))
                "checklist_load" -> parseJson(checklistLoadRequest(toJson(input)))
                else -> throw IllegalArgumentException("unknown vector kind `$kind`")
            }
        } catch (e: EcorulesException) {
            "expected_error" to envelopeJson(e)
        } catch (e: Exception) {
            check(false, "${f.name}: ${e::class.simpleName}: ${e.message}")
            continue
        }
        if (!v.containsKey(key)) {
            check(false, "${f.name}: got `$key` but the vector has none: ${toJson(actual)}")
            continue
        }
        val diff = jsonDiff(v[key], actual)
        check(diff == null, "${f.name} ($kind): $key differs at $diff")
    }
    println("vectors: ${files.size} files replayed, by kind $byKind")
}

fun inspectionDetail(f: Finding): InspectionDetail? = (f.detail as? FindingDetail.Inspection)?.inspection

/** The dyeing walkthrough vector through the typed Inspection handle: the report must equal `expected.report`. */
fun inspectionVectorTyped(dir: File) {
    val v = obj(parseJson(File(dir, "inspect-dyeing-walkthrough.json").readText()))
    val input = obj(v["input"])
    val start = obj(input["start"])
    val plan = Plan.compile("permit.json", toJson(input["permit"]), emptyList())
    val insp = Inspection.start(
        plan, input["checklist"] as String,
        StartOptions(start["id"] as String?, start["inspector"] as String?, ((start["facilities"] as List<*>?) ?: emptyList<Any?>()).map { it as String }),
        long(input["started_at"])!!, emptyList(),
    )
    for (a in (input["answers"] as List<*>).map { obj(it) }) {
        val status = when (a["status"]) {
            "compliant" -> AnswerStatus.COMPLIANT
            "non_compliant" -> AnswerStatus.NON_COMPLIANT
            "not_applicable" -> AnswerStatus.NOT_APPLICABLE
            else -> throw IllegalArgumentException("status ${a["status"]}")
        }
        insp.answer(Answer(a["item"] as String, status, a["note"] as String?, ((a["evidence"] as List<*>?) ?: emptyList<Any?>()).map { it as String }, long(a["at"])!!))
    }
    val restored = Inspection.restore(insp.toBytes())
    val report = restored.finish(long(input["finished_at"])!!)
    val diff = jsonDiff(obj(v["expected"])["report"], inspectionReportJson(report))
    check(diff == null, "inspect-dyeing-walkthrough through the typed API: report differs at $diff")
    insp.close(); restored.close(); plan.close()
}

fun inspectionWalk() {
    val permit = """
        id = "P-DYE-1"
        enterprise = { name = "Example Dyeing Co." }
        [[outlets]]
        id = "DW001"
        kind = "water"
        standard = "gb4287-2012/direct"
        limits = [{ pollutant = "cod" }, { pollutant = "nh3n" }]
    """.trimIndent()
    val plan = Plan.compile("permit.toml", permit, emptyList())
    val t0 = 1_740_787_200L
    val insp = Inspection.start(plan, "cn-permit-dyeing", StartOptions("case-1", "inspector 7", listOf("WWTP")), t0, emptyList())
    val items = insp.items()
    check(items.size == 26, "dyeing items for 1 outfall, 2 pollutants, 1 facility: 15 + 5 + 2×2 + 2 = 26, got ${items.size}")
    val cod = items.first { it.pollutant == "w01018" && it.item == "2.3" }
    check(cod.text.zh.contains("≤ 80 mg/L"), "item text carries the permit limit: ${cod.text.zh}")
    insp.answer(Answer(cod.id, AnswerStatus.NON_COMPLIANT, "COD 132 mg/L on the spot", listOf("IMG_1", "IMG_2"), t0 + 60))
    insp.answer(Answer("1.1", AnswerStatus.COMPLIANT, null, emptyList(), t0 + 120))
    insp.answer(Answer("3.1@facility:WWTP", AnswerStatus.NOT_APPLICABLE, "stopped", emptyList(), t0 + 180))

    // the app is killed: only the bytes survive
    val bytes = insp.toBytes()
    insp.close()
    val back = Inspection.restore(bytes)
    check(back.answers().size == 3, "answers survive restore")
    check(back.openItems().size == 23, "open items after restore: ${back.openItems().size}")
    back.answer(Answer("5.1", AnswerStatus.NON_COMPLIANT, "no ledger", emptyList(), t0 + 240))
    val report = back.finish(t0 + 3600)
    val s = report.summary
    check(s.items == 26u && s.checked == 4u && s.compliant == 1u && s.nonCompliant == 2u && s.notApplicable == 1u && s.unanswered == 22u,
        "summary: $s")
    check(s.nonCompliantBySeverity.high == 1u && s.nonCompliantBySeverity.low == 1u, "by severity: ${s.nonCompliantBySeverity}")
    val details = report.findings.map { inspectionDetail(it) }
    check(report.findings.all { it.kind == FindingKind.INSPECTION }, "inspection findings are of kind inspection: ${report.findings.map { it.kind }}")
    check(details.map { it?.item } == listOf(cod.id, "5.1"), "findings in checklist order: ${details.map { it?.item }}")
    check(report.findings[0].basis?.standard?.isNotEmpty() == true && details[0]?.evidence == listOf("IMG_1", "IMG_2") &&
        report.findings[0].start == "2025-03-01T00:01:00+00:00" && report.findings[0].pack?.id == "cn-permit-dyeing",
        "finding carries basis, evidence, start and pack: ${report.findings[0]}")
    check(report.checklist.hash.startsWith("sha256:"), "report cites the checklist hash")

    // error paths: typed exceptions carrying the envelope
    try { back.answer(Answer("9.9", AnswerStatus.COMPLIANT, null, emptyList(), t0)); check(false, "unknown item accepted") }
    catch (e: EcorulesException.Data) { check(e.envelope.code == "data.unknown_item", "unknown item code ${e.envelope.code}") }
    try { Inspection.restore("not an inspection".toByteArray()); check(false, "bad bytes restored") }
    catch (e: EcorulesException.State) { check(e.envelope.code == "state.bad_inspection" && e.envelope.help != null, "bad bytes: ${e.envelope}") }
    val tampered = PackDocument("paper.json", """{"schema_version":1,"id":"cn-permit-paper","version":"2099.1","title":{"zh":"x","en":"x"},"jurisdiction":"CN","industry":{"zh":"x","en":"x"},"source":{"document":"d","issuer":"i","status":"unverified"},"items":[{"id":"1","group":"major","text":{"zh":"x","en":"x"}}]}""", "sha256:" + "0".repeat(64))
    try { Inspection.start(plan, "cn-permit-paper", StartOptions(null, null, emptyList()), t0, listOf(tampered)); check(false, "tampered pack accepted") }
    catch (e: EcorulesException.Pack) { check(e.envelope.code == "pack.hash_mismatch", "tampered pack: ${e.envelope.code}") }

    // on-site check through the plan handle
    val spot = plan.onsiteCheck(SpotMeasurement("DW001", "cod", 132.0, "mg/L", null, t0))
    check(spot.verdict == SpotVerdict.EXCEEDS && spot.ratio == 1.65, "spot check: ${spot.verdict} ${spot.ratio}")
    check(listChecklists(emptyList()).map { it.reference.id }.toSet() == setOf("cn-permit-dyeing", "cn-permit-chemicals", "cn-permit-paper"), "embedded checklists")
    back.close(); plan.close()
    println("inspection walk: done")
}

fun hj212Walk() {
    val capture = ("##0120QN=20250301000000000;ST=31;CN=2051;PW=123456;MN=AB12;Flag=4;CP=&&DataTime=20250301000000;a21026-Avg=20.5,a21026-Flag=N&&3740\r\n" +
        "##garbage\r\n").toByteArray()
    val d = decodeHj212(capture, defaultHj212Options())
    check(d.accepted == 1uL && d.series.size == 1 && d.series[0].values == listOf(20.5) && d.series[0].flags == "N",
        "hj212 decode: accepted=${d.accepted} series=${d.series}")
    check(d.diagnostics.isNotEmpty() && d.diagnostics.all { it.kind.isNotEmpty() }, "hj212 garbage is reported: ${d.diagnostics}")
    val plan = Plan.compile("permit.toml", """
        id = "P-ULE"
        enterprise = { name = "Example Power Co." }
        [[outlets]]
        id = "DA001"
        kind = "air"
        limits = [{ pollutant = "so2", max = 35, periods = ["hour"] }]
    """.trimIndent(), emptyList())
    val opts = defaultHj212Options().copy(mnMap = mapOf("AB12" to "DA001"))
    val ev = plan.evaluateHj212(capture, opts, null)
    check(ev.decoded.series[0].outlet == "DA001" && ev.report.statistics.isNotEmpty(), "hj212 evaluate: ${ev.report.statistics.size} statistics")
    plan.close()
    println("hj212 walk: done")
}

/** The streaming monitor through its handle, on the data of a warnings vector. */
fun monitorWalk(dir: File) {
    val v = obj(parseJson(File(dir, "warn-cems-approach-80.json").readText()))
    val input = obj(v["input"])
    val expected = (obj(v["expected"])["alarms"] as List<*>).map { obj(it) }
    val plan = Plan.compile("permit.json", toJson(input["permit"]), emptyList())
    val series = (obj(input["data"])["series"] as List<*>).map { obj(it) }.map { s ->
        val values = (s["values"] as List<*>).map { (it as JsonNumber?)?.value ?: Double.NaN }
        Series(s["outlet"] as String, s["pollutant"] as String, (s["time"] as List<*>).map { long(it)!! }, values, (s["flags"] as String?) ?: "")
    }
    val mon = Monitor.create(plan, listOf("cn-cems-warnings"), emptyList())
    // first half, snapshot, restore (the app was killed), second half
    val half = series.map { s -> val n = s.time.size / 2; s.copy(time = s.time.take(n), values = s.values.take(n), flags = s.flags.take(n)) }
    val rest = series.map { s -> val n = s.time.size / 2; s.copy(time = s.time.drop(n), values = s.values.drop(n), flags = s.flags.drop(n)) }
    val alarms = mon.pushSeries(half).toMutableList()
    val bytes = mon.snapshot()
    mon.close()
    val resumed = Monitor.restore(plan, listOf("cn-cems-warnings"), emptyList(), bytes)
    alarms += resumed.pushSeries(rest)
    alarms += resumed.flush()
    check(alarms.all { it.kind == FindingKind.ALARM && it.detail is FindingDetail.Alarm }, "monitor alarms are findings of kind alarm")
    val opened = alarms.firstOrNull { (it.detail as? FindingDetail.Alarm)?.alarm?.event == AlarmEvent.OPENED }
    check(opened != null && opened.ruleId == "cn-cems-warnings/approach-80", "monitor: first opened alarm ${opened?.ruleId}")
    // the streamed alarms, snapshot and restore in the middle, are the batch run's
    val diff = jsonDiff(expected, alarms.map { findingJson(it) })
    check(diff == null, "monitor alarms equal the warnings vector's `expected.alarms`: differ at $diff")
    try { Monitor.restore(plan, listOf("cn-cems-warnings"), emptyList(), "junk".toByteArray()); check(false, "junk snapshot restored") }
    catch (e: EcorulesException) { check(envelopeJson(e)["kind"] == "state", "junk snapshot: ${envelopeJson(e)}") }
    resumed.close(); plan.close()
    println("monitor walk: ${alarms.size} alarm events, done")
}

fun main(args: Array<String>) {
    if (args.firstOrNull() == "bench") { bench(); return }
    val dir = File(args.getOrElse(0) { "tests/vectors" })
    println("ecorules-mobile ${version()} on the JVM")
    replayVectors(dir)
    inspectionWalk()
    inspectionVectorTyped(dir)
    hj212Walk()
    monitorWalk(dir)
    listingsWalk(dir)
    println("KOTLIN: $passes checks passed, $failures failed")
    if (failures > 0) kotlin.system.exitProcess(1)
}
