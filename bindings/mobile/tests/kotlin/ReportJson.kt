// Typed records -> the JSON shape the core serialises (serde names, snake_case enums),
// so a report obtained through the typed API can be compared with a vector's `expected`.
package ecorules.test

import uniffi.ecorules_mobile.*

fun snake(e: Enum<*>): String = e.name.lowercase()

fun messageJson(m: Message) = mapOf("zh" to m.zh, "en" to m.en)

fun packRefJson(p: PackRef) = mapOf("id" to p.id, "version" to p.version, "hash" to p.hash)

fun basisJson(b: LegalBasis) = mapOf("standard" to b.standard, "clause" to b.clause, "status" to snake(b.status))

/** The one finding shape of every engine: the head, then `detail` externally tagged (`{"limit": {...}}`). */
fun findingJson(f: Finding) = mapOf(
    "id" to f.id, "rule_id" to f.ruleId, "kind" to snake(f.kind), "severity" to snake(f.severity),
    "outlet" to f.outlet, "pollutant" to f.pollutant, "facility" to f.facility, "period" to f.period,
    "start" to f.start, "end" to f.end, "value" to f.value, "limit" to f.limit, "unit" to f.unit,
    "ratio" to f.ratio, "method" to f.method, "basis" to f.basis?.let { basisJson(it) },
    "pack" to f.pack?.let { packRefJson(it) }, "message" to messageJson(f.message),
    "detail" to detailJson(f.detail),
)

fun detailJson(d: FindingDetail): Map<String, Any?> = when (d) {
    is FindingDetail.Limit -> mapOf(
        "limit" to mapOf(
            "validity_pack" to packRefJson(d.limit.validityPack),
            "evidence" to d.limit.evidence.let { e ->
                mapOf(
                    "n_valid" to e.nValid.toLong(), "n_total" to e.nTotal.toLong(), "n_required" to e.nRequired.toLong(),
                    "raw_value" to e.rawValue, "o2" to e.o2, "ref_o2" to e.refO2,
                )
            },
        )
    )
    is FindingDetail.Condition -> mapOf(
        "condition" to mapOf("condition" to d.condition.condition, "clause" to d.condition.clause)
    )
    is FindingDetail.Alarm -> mapOf(
        "alarm" to d.alarm.let { a ->
            mapOf(
                "event" to snake(a.event), "subject" to a.subject, "at" to a.at, "duration_s" to a.durationS,
                "peak" to a.peak, "peak_at" to a.peakAt, "signals" to a.signals,
            )
        }
    )
    is FindingDetail.Inspection -> mapOf(
        "inspection" to d.inspection.let { i ->
            mapOf("item" to i.item, "major" to i.major, "text" to messageJson(i.text), "note" to i.note, "evidence" to i.evidence)
        }
    )
}

fun eventJson(e: Event) = mapOf(
    "rule_id" to e.ruleId, "kind" to snake(e.kind), "outlet" to e.outlet, "pollutant" to e.pollutant,
    "period" to e.period, "start" to e.start, "end" to e.end, "duration_s" to e.durationS,
    "windows" to e.windows.toLong(), "peak_value" to e.peakValue, "peak_ratio" to e.peakRatio,
    "limit" to e.limit, "message" to messageJson(e.message),
)

fun statisticJson(s: Statistic): Map<String, Any?> {
    val w = s.windows
    val c = s.samples
    val f = c.byFlag
    return mapOf(
        "rule_id" to s.ruleId, "outlet" to s.outlet, "pollutant" to s.pollutant, "period" to s.period,
        "max" to s.max, "min" to s.min,
        "windows" to mapOf(
            "present" to w.present.toLong(), "valid" to w.valid.toLong(), "too_few_valid" to w.tooFewValid.toLong(),
            "o2_invalid" to w.o2Invalid.toLong(), "outside_period" to w.outsidePeriod.toLong(), "expected" to w.expected.toLong(),
        ),
        "capture_rate" to s.captureRate, "exceedances" to s.exceedances.toLong(), "below_range" to s.belowRange.toLong(),
        "events" to s.events.toLong(), "longest_event_windows" to s.longestEventWindows.toLong(),
        "max_value" to s.maxValue, "max_ratio" to s.maxRatio,
        "samples" to mapOf(
            "total" to c.total.toLong(), "valid" to c.valid.toLong(),
            "by_flag" to mapOf(
                "N" to f.n.toLong(), "F" to f.f.toLong(), "M" to f.m.toLong(), "S" to f.s.toLong(),
                "D" to f.d.toLong(), "C" to f.c.toLong(), "T" to f.t.toLong(), "B" to f.b.toLong(),
            ),
            "not_finite" to c.notFinite.toLong(), "negative" to c.negative.toLong(), "out_of_range" to c.outOfRange.toLong(),
        ),
    )
}

fun reportJson(r: Report) = mapOf(
    "permit" to r.permit, "enterprise" to r.enterprise,
    "findings" to r.findings.map { findingJson(it) },
    "events" to r.events.map { eventJson(it) },
    "statistics" to r.statistics.map { statisticJson(it) },
    "notes" to r.notes.map { mapOf("code" to it.code, "outlet" to it.outlet, "pollutant" to it.pollutant, "message" to messageJson(it.message)) },
    "packs" to r.packs.map { packRefJson(it) },
)

fun envelopeJson(e: EcorulesException): Map<String, Any?> {
    val env = when (e) {
        is EcorulesException.Pack -> e.envelope
        is EcorulesException.Permit -> e.envelope
        is EcorulesException.Data -> e.envelope
        is EcorulesException.Rule -> e.envelope
        is EcorulesException.Protocol -> e.envelope
        is EcorulesException.Limit -> e.envelope
        is EcorulesException.Conversion -> e.envelope
        is EcorulesException.State -> e.envelope
        is EcorulesException.Internal -> e.envelope
    }
    return mapOf(
        "kind" to snake(env.kind), "code" to env.code, "message" to env.message, "help" to env.help,
        "file" to env.file, "path" to env.path, "line" to env.line?.toLong(), "column" to env.column?.toLong(),
    )
}

fun onsiteJson(o: OnsiteResult) = mapOf(
    "outlet" to o.outlet, "pollutant" to o.pollutant, "time" to o.time, "measured" to o.measured,
    "measured_unit" to o.measuredUnit, "converted" to o.converted, "o2" to o.o2, "ref_o2" to o.refO2,
    "value" to o.value, "max" to o.max, "min" to o.min, "unit" to o.unit, "rule_id" to o.ruleId,
    "period" to o.period, "basis" to basisJson(o.basis), "verdict" to snake(o.verdict), "ratio" to o.ratio,
    "severity" to o.severity?.let { snake(it) }, "explanation" to messageJson(o.explanation),
)

fun inspectionReportJson(r: InspectionReport): Map<String, Any?> {
    val s = r.summary
    val c = s.nonCompliantBySeverity
    return mapOf(
        "id" to r.id, "inspector" to r.inspector, "permit" to r.permit, "enterprise" to r.enterprise,
        "checklist" to mapOf("id" to r.checklist.id, "version" to r.checklist.version, "hash" to r.checklist.hash),
        "started_at" to r.startedAt, "finished_at" to r.finishedAt,
        "findings" to r.findings.map { findingJson(it) },
        "unanswered" to r.unanswered,
        "summary" to mapOf(
            "items" to s.items.toLong(), "checked" to s.checked.toLong(), "compliant" to s.compliant.toLong(),
            "non_compliant" to s.nonCompliant.toLong(), "not_applicable" to s.notApplicable.toLong(),
            "unanswered" to s.unanswered.toLong(),
            "non_compliant_by_severity" to mapOf("low" to c.low.toLong(), "medium" to c.medium.toLong(), "high" to c.high.toLong()),
        ),
    )
}
