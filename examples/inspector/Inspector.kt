// A minimal inspector app, without the app: walk an inspection of a dyeing plant from
// start to findings, the way an Android screen would, plus one spot check.
import uniffi.ecorules_mobile.*

fun main() {
    val permit = """
        id = "91330600-DYE-001V"
        enterprise = { name = "Example Dyeing Co." }
        [[outlets]]
        id = "DW001"
        kind = "water"
        standard = "gb4287-2012/direct"
        limits = [{ pollutant = "cod" }, { pollutant = "ph" }]
    """.trimIndent()
    val now = 1_740_787_200L // the app's clock; the library has none

    val plan = Plan.compile("permit.toml", permit, emptyList())
    val inspection = Inspection.start(plan, "cn-permit-dyeing", StartOptions("2025-SX-0042", "inspector 3306-0117", listOf("wastewater treatment station")), now, emptyList())

    // One screen per major item; the inspector taps an answer per minor item.
    val items = inspection.items()
    println("${items.size} items generated for permit ${plan.permitId()}")
    items.groupBy { it.major }.forEach { (_, group) -> println("  ${group.first().majorText.zh} / ${group.first().majorText.en}: ${group.size}") }

    val spot = plan.onsiteCheck(SpotMeasurement("DW001", "cod", 132.0, "mg/L", null, now + 600))
    println("spot check: ${spot.explanation.en}")

    for (item in items) {
        val status = when {
            item.item == "2.3" && item.pollutant == "w01018" && spot.verdict == SpotVerdict.EXCEEDS -> AnswerStatus.NON_COMPLIANT
            item.item == "5.1" -> AnswerStatus.NON_COMPLIANT
            item.facility != null -> AnswerStatus.NOT_APPLICABLE
            else -> AnswerStatus.COMPLIANT
        }
        inspection.answer(Answer(item.id, status, if (status == AnswerStatus.NON_COMPLIANT) "see photos" else null, listOf("IMG_${item.id}"), now + 900))
    }

    // The phone rings, the app is killed: save, and restore later.
    val saved: ByteArray = inspection.toBytes()
    val resumed = Inspection.restore(saved)

    val report = resumed.finish(now + 3600)
    val s = report.summary
    println("checked ${s.checked}/${s.items}: ${s.nonCompliant} non-compliant (high ${s.nonCompliantBySeverity.high}, medium ${s.nonCompliantBySeverity.medium}, low ${s.nonCompliantBySeverity.low})")
    for (f in report.findings) {
        // Every engine's finding is one `Finding`; an inspection's item, note and evidence are its detail.
        val d = (f.detail as? FindingDetail.Inspection)?.inspection
        println("- [${f.severity}] ${f.id}")
        println("  ${f.message.zh}")
        println("  ${f.message.en}  basis=${f.basis?.standard} evidence=${d?.evidence}")
    }
    try {
        Inspection.restore("garbage".toByteArray())
    } catch (e: EcorulesException.State) {
        println("damaged save refused: ${e.envelope.code}: ${e.envelope.message}")
    }
}
