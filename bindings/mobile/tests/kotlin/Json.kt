// A minimal JSON reader/writer for the tests (the Kotlin stdlib has none, and the tests
// should need nothing but JNA). Numbers keep their source text for re-serialisation and
// compare as IEEE doubles, as tests/vectors/README.md prescribes.
package ecorules.test

class JsonNumber(val text: String) {
    val value: Double get() = text.toDouble()
    override fun toString() = text
}

class JsonParseException(msg: String) : Exception(msg)

class JsonReader(private val s: String) {
    private var i = 0

    fun parseDocument(): Any? {
        val v = value()
        ws()
        if (i != s.length) throw JsonParseException("trailing text at $i")
        return v
    }

    private fun ws() { while (i < s.length && s[i].isWhitespace()) i++ }

    private fun value(): Any? {
        ws()
        if (i >= s.length) throw JsonParseException("unexpected end")
        return when (val c = s[i]) {
            '{' -> obj()
            '[' -> arr()
            '"' -> str()
            't' -> lit("true", true)
            'f' -> lit("false", false)
            'n' -> lit("null", null)
            else -> if (c == '-' || c.isDigit()) num() else throw JsonParseException("bad char '$c' at $i")
        }
    }

    private fun lit(word: String, v: Any?): Any? {
        if (!s.startsWith(word, i)) throw JsonParseException("bad literal at $i")
        i += word.length
        return v
    }

    private fun num(): JsonNumber {
        val start = i
        while (i < s.length && (s[i].isDigit() || s[i] in "+-.eE")) i++
        return JsonNumber(s.substring(start, i))
    }

    private fun str(): String {
        i++ // opening quote
        val sb = StringBuilder()
        while (true) {
            if (i >= s.length) throw JsonParseException("unterminated string")
            val c = s[i++]
            when (c) {
                '"' -> return sb.toString()
                '\\' -> {
                    val e = s[i++]
                    when (e) {
                        '"' -> sb.append('"'); '\\' -> sb.append('\\'); '/' -> sb.append('/')
                        'b' -> sb.append('\b'); 'f' -> sb.append('\u000C'); 'n' -> sb.append('\n')
                        'r' -> sb.append('\r'); 't' -> sb.append('\t')
                        'u' -> { sb.append(s.substring(i, i + 4).toInt(16).toChar()); i += 4 }
                        else -> throw JsonParseException("bad escape \\$e")
                    }
                }
                else -> sb.append(c)
            }
        }
    }

    private fun arr(): List<Any?> {
        i++
        val out = ArrayList<Any?>()
        ws()
        if (s[i] == ']') { i++; return out }
        while (true) {
            out.add(value()); ws()
            when (s[i++]) { ',' -> continue; ']' -> return out; else -> throw JsonParseException("expected , or ] at ${i - 1}") }
        }
    }

    private fun obj(): Map<String, Any?> {
        i++
        val out = LinkedHashMap<String, Any?>()
        ws()
        if (s[i] == '}') { i++; return out }
        while (true) {
            ws(); val k = str(); ws()
            if (s[i++] != ':') throw JsonParseException("expected : at ${i - 1}")
            out[k] = value(); ws()
            when (s[i++]) { ',' -> continue; '}' -> return out; else -> throw JsonParseException("expected , or } at ${i - 1}") }
        }
    }
}

fun parseJson(text: String): Any? = JsonReader(text).parseDocument()

/** Compact JSON with object keys sorted, as serde_json writes a `Value`. */
fun toJson(v: Any?): String = StringBuilder().also { write(it, v) }.toString()

private fun write(sb: StringBuilder, v: Any?) {
    when (v) {
        null -> sb.append("null")
        is Boolean -> sb.append(v.toString())
        is JsonNumber -> sb.append(v.text)
        is Double -> sb.append(if (v == Math.floor(v) && !v.isInfinite() && Math.abs(v) < 1e15) v.toLong().toString() + ".0" else v.toString())
        is Number -> sb.append(v.toString())
        is String -> {
            sb.append('"')
            for (c in v) when {
                c == '"' -> sb.append("\\\"")
                c == '\\' -> sb.append("\\\\")
                c == '\n' -> sb.append("\\n")
                c == '\r' -> sb.append("\\r")
                c == '\t' -> sb.append("\\t")
                c < ' ' -> sb.append(String.format("\\u%04x", c.code))
                else -> sb.append(c)
            }
            sb.append('"')
        }
        is Map<*, *> -> {
            sb.append('{')
            v.keys.map { it as String }.sorted().forEachIndexed { n, k ->
                if (n > 0) sb.append(',')
                write(sb, k); sb.append(':'); write(sb, v[k])
            }
            sb.append('}')
        }
        is List<*> -> {
            sb.append('[')
            v.forEachIndexed { n, x -> if (n > 0) sb.append(','); write(sb, x) }
            sb.append(']')
        }
        else -> throw IllegalArgumentException("not JSON: ${v::class}")
    }
}

private fun num(v: Any?): Double? = when (v) {
    is JsonNumber -> v.value
    is Number -> v.toDouble()
    else -> null
}

/** Deep equality: objects key by key, arrays in order, numbers as doubles. Returns the first difference, or null. */
fun jsonDiff(a: Any?, b: Any?, path: String = ""): String? {
    val na = num(a); val nb = num(b)
    if (na != null || nb != null) {
        return if (na != null && nb != null && (na == nb || (na.isNaN() && nb.isNaN()))) null else "$path: $a != $b"
    }
    return when {
        a is Map<*, *> && b is Map<*, *> -> {
            for (k in (a.keys + b.keys)) {
                if (!a.containsKey(k)) return "$path/$k: missing on the left"
                if (!b.containsKey(k)) return "$path/$k: missing on the right"
                jsonDiff(a[k], b[k], "$path/$k")?.let { return it }
            }
            null
        }
        a is List<*> && b is List<*> -> {
            if (a.size != b.size) return "$path: length ${a.size} != ${b.size}"
            for (n in a.indices) jsonDiff(a[n], b[n], "$path/$n")?.let { return it }
            null
        }
        else -> if (a == b) null else "$path: $a != $b"
    }
}
