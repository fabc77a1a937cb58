// Overhead of the binding: one year of minute data (525 600 samples, SO2) evaluated
// through the typed API (columns, and JSON text) from the JVM. Run with `bench` as the
// first argument; the native Rust peer is bindings/mobile/examples/bench_native.rs.
package ecorules.test

import uniffi.ecorules_mobile.*

const val BENCH_PERMIT = """
id = "P-BENCH"
enterprise = { name = "Bench" }
[[outlets]]
id = "DA001"
kind = "air"
limits = [{ pollutant = "so2", max = 35, periods = ["hour", "day"] }]
"""

fun benchData(): Triple<List<Long>, List<Double>, String> {
    val n = 525_600
    val t0 = 1_735_660_800L
    val time = List(n) { t0 + 60L * it }
    val values = List(n) { 20.0 + (it % 97) * 0.25 }
    return Triple(time, values, "N".repeat(n))
}

fun <T> best(runs: Int, f: () -> T): Pair<Double, T> {
    var bestMs = Double.MAX_VALUE
    var last: T? = null
    repeat(runs) {
        val t = System.nanoTime()
        last = f()
        bestMs = minOf(bestMs, (System.nanoTime() - t) / 1e6)
    }
    @Suppress("UNCHECKED_CAST")
    return bestMs to (last as T)
}

fun bench() {
    val plan = Plan.compile("permit.toml", BENCH_PERMIT, emptyList())
    val (time, values, flags) = benchData()
    val (msSeries, rep) = best(10) { plan.evaluateSeries(listOf(Series("DA001", "so2", time, values, flags)), DuplicatePolicy.ERROR, null) }
    val json = buildString {
        append("{\"series\":[{\"outlet\":\"DA001\",\"pollutant\":\"so2\",\"time\":[")
        time.forEachIndexed { i, t -> if (i > 0) append(','); append(t) }
        append("],\"values\":[")
        values.forEachIndexed { i, v -> if (i > 0) append(','); append(v) }
        append("]}]}")
    }
    val (msJson, _) = best(3) { plan.evaluate(json, DataFormat.JSON, null, null) }
    println("bench kotlin: evaluateSeries ${"%.1f".format(msSeries)} ms, evaluate(JSON text) ${"%.1f".format(msJson)} ms, " +
        "${rep.findings.size} findings, ${rep.statistics[0].windows.valid} valid hours")
    plan.close()
}
