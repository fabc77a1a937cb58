// Plan listings (rules, judged windows), flat tables and schemas, checked against vectors.
package ecorules.test

import java.io.File
import uniffi.ecorules_mobile.*

fun listingsWalk(dir: File) {
    // day-20-valid-hours: SO2 of DA001, hour + day limits, 24 hours of which 20 exceed.
    val v = obj(parseJson(File(dir, "day-20-valid-hours.json").readText()))
    val input = obj(v["input"])
    val plan = Plan.compile("permit.json", toJson(input["permit"]), emptyList())
    val rules = plan.rules()
    val hour = "cn-ultra-low-2015/coal/a21026/hour"
    check(rules.map { it.ruleId } == listOf(hour, "cn-ultra-low-2015/coal/a21026/day"), "rules: ${rules.map { it.ruleId }}")
    val r0 = rules[0]
    check(r0.outlet == "DA001" && r0.pollutant == "a21026" && r0.period == "hour" && r0.timeZone == "Asia/Shanghai" &&
        r0.standard.isNotEmpty() && r0.max != null, "rule 0: $r0")

    val data = toJson(input["data"])
    val windows = plan.judgedWindows(data, DataFormat.JSON, "DA001", hour, null, null)
    check(windows.size == 24, "judged hour windows: ${windows.size}")
    check(windows.count { it.breach == FindingKind.EXCEEDANCE } == 20, "exceeding windows: ${windows.count { it.breach != null }}")
    check(windows.zipWithNext().all { (a, b) -> a.end <= b.start } && windows.all { it.end - it.start == 3600L }, "windows in time order, one hour each")
    check(windows.filter { it.status == WindowStatus.VALID }.all { it.value != null }, "valid windows carry a value")
    try { plan.judgedWindows(data, DataFormat.JSON, "DA001", "no/such/rule", null, null); check(false, "unknown rule accepted") }
    catch (e: EcorulesException.Permit) { check(e.envelope.code == "permit.unknown_rule" && e.envelope.help != null, "unknown rule: ${e.envelope}") }
    plan.close()

    // flat tables, from the report JSON of the JSON-level calls
    val report = evaluateRequest(toJson(input))
    check(jsonDiff(v["expected"], parseJson(report)) == null, "evaluateRequest equals the vector's expected")
    val findings = reportTable(report, "findings")
    // the head of every findings table (23 columns), then the limit detail (9)
    check(findings.columns.size == 32 && findings.columns.take(4) == listOf("id", "rule_id", "kind", "severity") &&
        findings.columns[22] == "message_en" && findings.columns.last() == "evidence_ref_o2" && "basis_standard" in findings.columns,
        "findings columns: ${findings.columns}")
    check(findings.rows.size == 21, "findings rows: ${findings.rows.size}")
    val row0 = parseJson(findings.rows[0]) as List<*>
    check(row0.size == 32 && row0[1] == hour && row0[2] == "exceedance", "findings row 0: $row0")
    check(reportTable(report, "statistics").rows.size == 2 && reportTable(report, "notes").rows.isEmpty(), "statistics / notes rows")
    try { reportTable(report, "finding"); check(false, "unknown table accepted") }
    catch (e: EcorulesException) { check(envelopeJson(e)["kind"] == "data", "unknown table: ${envelopeJson(e)}") }

    val cv = obj(parseJson(File(dir, "comply-cn-hour-exceedance.json").readText()))
    val cr = comply(toJson(cv["input"]))
    val conditions = complianceTable(cr, "conditions")
    val nConditions = (obj(cv["expected"])["methods"] as List<*>).sumOf { m ->
        (obj(m)["subjects"] as List<*>).sumOf { s -> (obj(s)["conditions"] as List<*>).size }
    }
    check(nConditions > 0 && conditions.rows.size == nConditions && conditions.columns.take(4) == listOf("method", "method_version", "pack_hash", "method_outcome") &&
        conditions.rows.all { (parseJson(it) as List<*>).size == conditions.columns.size }, "conditions table: ${conditions.columns} ${conditions.rows.size}")
    val cfindings = complianceTable(cr, "findings")
    val nFindings = (obj(cv["expected"])["methods"] as List<*>).sumOf { m ->
        (obj(m)["subjects"] as List<*>).sumOf { s -> (obj(s)["conditions"] as List<*>).sumOf { c -> (obj(c)["findings"] as List<*>).size } }
    }
    check(nFindings > 0 && cfindings.rows.size == nFindings && cfindings.columns.take(23) == findings.columns.take(23) &&
        cfindings.columns.drop(23) == listOf("condition", "clause") &&
        (parseJson(cfindings.rows[0]) as List<*>)[2] == "condition", "compliance findings table: ${cfindings.columns} ${cfindings.rows.size}")

    val wv = obj(parseJson(File(dir, "warn-cems-approach-80.json").readText()))
    val wr = warnings(toJson(wv["input"]))
    val alarms = warningsTable(wr, "alarms")
    check(alarms.rows.size == (obj(wv["expected"])["alarms"] as List<*>).size && alarms.columns.take(23) == findings.columns.take(23) &&
        alarms.columns.drop(23) == listOf("event", "subject", "at", "duration_s", "peak", "peak_at", "signals"), "alarms table: ${alarms.columns} ${alarms.rows.size}")

    // schemas: JSON documents describing what the core reads
    for ((name, text) in listOf("pack" to packSchema(), "permit" to permitSchema(), "checklist" to checklistSchema(), "method" to methodSchema())) {
        val s = parseJson(text)
        check(s is Map<*, *> && s.containsKey("\$schema"), "$name schema is a JSON schema")
    }
    check(obj(obj(parseJson(permitSchema()))["properties"]).containsKey("outlets"), "permit schema lists outlets")
    println("listings walk: ${rules.size} rules, ${windows.size} windows, ${findings.rows.size} finding rows, done")
}
