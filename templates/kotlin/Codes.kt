{%- import "macros.txt" as m -%}
{#- An accessor's head: its name, parameters and return type. -#}
{%- macro head(f) -%}
fun {{ f.name }}({% match f.params %}{% when Params::Row %}i: Int{% when Params::Localized %}i: Int, l: Int{% when Params::Dated %}i: Int, year: Int, month: Int, day: Int{% endmatch %}): {{ f.ty }}{% if f.nullable %}?{% endif %}
{%- endmacro -%}
{#- The arguments passing an accessor's parameters on. -#}
{%- macro args(f) -%}
{% match f.params %}{% when Params::Row %}i{% when Params::Localized %}i, l{% when Params::Dated %}i, year, month, day{% endmatch %}
{%- endmacro -%}
{#- Row `i` inside chunk `c`. -#}
{%- macro row(c) -%}
{% if c.base == 0 %}i{% else %}i - {{ c.base }}{% endif %}
{%- endmacro -%}
{#- The text of row `i` in packed text table `t` of chunk `c`. -#}
{%- macro text(t, c, f) -%}
_text({{ t.data }}, {{ t.offsets }}, {% call row(c) %}{% endcall %}){% if f.nullable %}.let { if (it.isEmpty()) null else it }{% endif %}
{%- endmacro -%}
{#- Code `it` of a set's packed codes. -#}
{%- macro code(table) -%}
{% match table %}{% when CodeTable::Texts(t) %}_text({{ t.data }}, {{ t.offsets }}, it){% when CodeTable::Ints(data) %}_int({{ data }}, it * 3){% endmatch %}
{%- endmacro -%}
{#- A string constant, or its pieces and their join. -#}
{%- macro constant(c) %}
{%- for p in c.pieces %}
        private const val {{ p.name }} = {{ p.literal }}
{%- endfor %}
{%- if c.pieces.len() > 1 %}
        private val {{ c.name }}: String = _join({% for p in c.pieces %}{% if !loop.first %}, {% endif %}{{ p.name }}{% endfor %})
{%- endif %}
{%- endmacro -%}
{#- A table's private objects: `_Data` dispatching by row, and its chunks. -#}
{%- macro tables(t) %}

    /** Every table, by entry index. */
    private object _Data {
{%- for f in t.functions %}
{%- if t.chunks.len() == 1 %}
        {% call head(f) %}{% endcall %} = _Rows0.{{ f.name }}({% call args(f) %}{% endcall %})
{%- else %}
        {% call head(f) %}{% endcall %} = when (i / {{ t.rows }}) {
{%- for c in t.chunks %}
            {% if loop.last %}else{% else %}{{ loop.index0 }}{% endif %} -> _Rows{{ loop.index0 }}.{{ f.name }}({% call args(f) %}{% endcall %})
{%- endfor %}
        }
{%- endif %}
{%- endfor %}
    }
{%- for c in t.chunks %}

    /** {% if let Some(last) = c.last %}Entries {{ c.base }} to {{ last }}.{% else %}No entries.{% endif %} */
    private object _Rows{{ loop.index0 }} {
{%- for read in c.reads %}
{%- for k in read.constants %}{% call constant(k) %}{% endcall %}{% endfor %}
{%- match read.body %}
{%- when Body::Texts { localized, tables } %}
{%- if !localized %}
        {% call head(read.function) %}{% endcall %} = {% call text(tables[0], c, read.function) %}{% endcall %}
{%- else if tables.len() == 1 %}
        @Suppress("UNUSED_PARAMETER")
        {% call head(read.function) %}{% endcall %} = {% call text(tables[0], c, read.function) %}{% endcall %}
{%- else %}
        {% call head(read.function) %}{% endcall %} = when (l) {
{%- for table in tables %}
            {% if loop.last %}else{% else %}{{ loop.index0 }}{% endif %} -> {% call text(table, c, read.function) %}{% endcall %}
{%- endfor %}
        }
{%- endif %}
{%- when Body::Codes { list, starts, table } %}
        {% call head(read.function) %}{% endcall %} = _num({{ starts }}, ({% call row(c) %}{% endcall %}) * 2).let { {% call code(table) %}{% endcall %} }
        {% call head(list) %}{% endcall %} {
            val first = _num({{ starts }}, ({% call row(c) %}{% endcall %}) * 2)
            return List(_num({{ starts }}, ({% call row(c) %}{% endcall %}) * 2 + 2) - first) { (first + it).let { {% call code(table) %}{% endcall %} } }
        }
{%- when Body::Bools { data } %}
        {% call head(read.function) %}{% endcall %} = {{ data }}[{% call row(c) %}{% endcall %}] == '1'
{%- when Body::Enum { type_name, data } %}
        {% call head(read.function) %}{% endcall %} = {{ type_name }}.entries[_digit({{ data }}, {% call row(c) %}{% endcall %})]
{%- when Body::List { type_name, starts, items } %}
        {% call head(read.function) %}{% endcall %} = _list({{ starts }}, {{ items }}, {% call row(c) %}{% endcall %}, {{ type_name }}.entries)
{%- endmatch %}
{%- endfor %}
{%- for p in c.pasts %}
{%- if p.arms.is_empty() %}
        @Suppress("UNUSED_PARAMETER")
        {% call head(p.function) %}{% endcall %} = null
{%- else %}
        {% call head(p.function) %}{% endcall %} = when (i) {
{%- for arm in p.arms %}
            {{ arm.rows|join(", ") }} -> {% for s in arm.steps %}if (_before(year, month, day, {{ s.year }}, {{ s.month }}, {{ s.day }})) {{ s.literal }} else {% endfor %}null
{%- endfor %}
            else -> null
        }
{%- endif %}
{%- endfor %}
    }
{%- endfor %}
{%- endmacro -%}
// {{ view.header }}
package {{ package }}

// Common (Multiplatform) code: these annotations only act on the JVM.
import kotlin.jvm.JvmField
import kotlin.jvm.JvmOverloads
import kotlin.jvm.JvmStatic

/** The version of the catalog this code was generated from. */
public const val CATALOG_VERSION: String = {{ view.version }}

/** The catalog's content hash: equal hashes, equal catalogs, whatever the TOML layout. */
public const val CATALOG_HASH: String = {{ view.hash }}

/** A locale the catalog's texts are written in. */
public enum class CatalogLocale(
    /** The BCP 47 tag. */
    public val tag: String,
) {
{%- for locale in view.locales %}
    /** {{ locale.doc_tag }} */
    {{ locale.variant }}({{ locale.literal }}),
{%- endfor %}
    ;

    /** Lookup and matching by tag, and the default locale. */
    public companion object {
        /** The default locale. */
        @JvmField
        public val DEFAULT: CatalogLocale = {{ view.default_locale }}

        /** The locale whose BCP 47 tag is [tag], or null if the catalog has none. */
        @JvmStatic
        public fun fromTag(tag: String): CatalogLocale? = entries.firstOrNull { it.tag == tag }

        /**
         * The catalog locale for the BCP 47 tag [tag] (`en-US`, `zh_Hans_CN`), never
         * failing: `_` reads as `-` and case is ignored; the locale with the whole tag,
         * else one with the same language and region (a script subtag ignored), else
         * the first with the same language, else [DEFAULT].
         */
        @JvmStatic
        public fun matching(tag: String): CatalogLocale = matchingAny(listOf(tag))

        /**
         * The catalog locale for the first of [tags] (most preferred first, as in
         * `Accept-Language`) that [matching] matches without falling back, else [DEFAULT].
         */
        @JvmStatic
        public fun matchingAny(tags: List<String>): CatalogLocale {
            for (tag in tags) {
                lookup(tag)?.let { return it }
            }
            return DEFAULT
        }

        /** The locale [tag] matches by whole tag, language and region, or language. */
        private fun lookup(tag: String): CatalogLocale? {
            val wanted = Parts.of(tag)
            val all = entries.map { it to Parts.of(it.tag) }
            return (
                all.firstOrNull { it.second.tag == wanted.tag }
                    ?: all.firstOrNull { it.second.language == wanted.language && it.second.region == wanted.region }
                    ?: all.firstOrNull { it.second.language == wanted.language }
            )?.first
        }

        /**
         * A tag in ASCII lower case with `_` read as `-`, its language, and its region
         * (two letters or three digits, after a four-letter script if any).
         */
        private class Parts(val tag: String, val language: String, val region: String?) {
            companion object {
                fun of(raw: String): Parts {
                    val tag = buildString {
                        for (c in raw) append(if (c == '_') '-' else if (c in 'A'..'Z') c + 32 else c)
                    }
                    val subtags = tag.split('-')
                    var at = 1
                    if (subtags.getOrNull(at)?.let { s -> s.length == 4 && s.all { it in 'a'..'z' } } == true) at += 1
                    val region = subtags.getOrNull(at)?.takeIf { s ->
                        (s.length == 2 && s.all { it in 'a'..'z' }) || (s.length == 3 && s.all { it in '0'..'9' })
                    }
                    return Parts(tag, subtags[0], region)
                }
            }
        }
    }
}

private val UNKNOWN_CODE: List<String> = listOf({{ view.unknown|join(", ") }})

private fun describeUnknown(code: String, locale: CatalogLocale): String =
    UNKNOWN_CODE[locale.ordinal].replace("{code}", code)

/** The 15-bit digit packed in char [at] of [s] (digits start at U+0100). */
private fun _digit(s: String, at: Int): Int = s[at].code - 0x100

/** The number packed in two 15-bit digits of [s] at [at]. */
private fun _num(s: String, at: Int): Int = (_digit(s, at) shl 15) or _digit(s, at + 1)

/** Text [i] of texts packed into [data], their bounds in [offsets]. */
private fun _text(data: String, offsets: String, i: Int): String =
    data.substring(_num(offsets, 2 * i), _num(offsets, 2 * i + 2))
{%- if helpers.joins %}

/** A packed string too long for one class-file constant (65,535 bytes), from its pieces. */
private fun _join(vararg pieces: String): String = pieces.joinToString("")
{%- endif %}
{%- if helpers.ints %}

/** The Int packed in three 15-bit chars of [s] at [at] (sign bit flipped, so order is kept). */
private fun _int(s: String, at: Int): Int =
    ((_digit(s, at) shl 30) or (_digit(s, at + 1) shl 15) or _digit(s, at + 2)) xor Int.MIN_VALUE

/** Binary search of [code] in the sorted packed [keys]: its entry index from [indices], or -1. */
private fun _find(keys: String, indices: String, code: Int): Int {
    var low = 0
    var high = keys.length / 3 - 1
    while (low <= high) {
        val middle = (low + high) ushr 1
        val key = _int(keys, middle * 3)
        if (key < code) low = middle + 1 else if (key > code) high = middle - 1 else return _num(indices, middle * 2)
    }
    return -1
}
{%- endif %}
{%- if helpers.text_tables %}

/**
 * Binary search of [code] in the packed [codes] (sorted by UTF-16 unit, their
 * bounds in [offsets]): its entry index from [indices], or -1. No allocation.
 */
private fun _findText(codes: String, offsets: String, indices: String, code: String): Int {
    var low = 0
    var high = offsets.length / 2 - 2
    while (low <= high) {
        val middle = (low + high) ushr 1
        val start = _num(offsets, middle * 2)
        val length = _num(offsets, middle * 2 + 2) - start
        var order = 0
        var at = 0
        while (order == 0 && at < length && at < code.length) {
            order = codes[start + at].compareTo(code[at])
            at += 1
        }
        if (order == 0) order = length.compareTo(code.length)
        if (order < 0) low = middle + 1 else if (order > 0) high = middle - 1 else return _num(indices, middle * 2)
    }
    return -1
}
{%- endif %}
{%- if helpers.lists %}

/** Row [i]'s list: values of [values] at the ordinals packed in [items], bounded by [starts]. */
private fun <T> _list(starts: String, items: String, i: Int, values: List<T>): List<T> {
    val first = _num(starts, 2 * i)
    return List(_num(starts, 2 * i + 2) - first) { values[_digit(items, first + it)] }
}
{%- endif %}
{%- if view.has_history %}

/** True when day ([year], [month], [day]) comes before day ([y], [m], [d]). */
private fun _before(year: Int, month: Int, day: Int, y: Int, m: Int, d: Int): Boolean =
    year < y || (year == y && (month < m || (month == m && day < d)))
{%- endif %}
{%- for e in enums %}

/** The values of {{ e.view.doc_name }}. */
public enum class {{ e.view.name }} {
{%- for value in e.view.values %}
    /**
{%- call m::doc(value.doc, "     *") %}{% endcall %}
     */
    {{ value.variant }},
{%- endfor %}
    ;

    /** The value's identifier in the catalog. */
    public val identifier: String get() = _Data.identifier(ordinal)

    /** The label in the default locale. */
    public val label: String get() = labelIn(CatalogLocale.DEFAULT)

    /** The label in [locale]. */
    public fun labelIn(locale: CatalogLocale): String = _Data.label(ordinal, locale.ordinal)
{%- call tables(e.tables) %}{% endcall %}
}
{%- endfor %}
{%- for set in sets %}

/**
{%- call m::doc(set.view.doc, " *") %}{% endcall %}
 *
 * [fromCode] accepts every code of an entry, aliases included.
{%- if set.large %}
 * With more than {{ enum_limit }} entries this is a class of shared instances, not an enum class.
{%- endif %}
 */
{%- if set.large %}
public class {{ set.view.name }} private constructor(
    /** The entry's position in [entries]. */
    public val ordinal: Int,
) : Comparable<{{ set.view.name }}> {
    /** The entry's constant name. */
    public val name: String get() = _Data.name(ordinal)
{%- else %}
public enum class {{ set.view.name }} {
{%- for entry in set.view.entries %}
    /**
{%- call m::doc(entry.doc, "     *") %}{% endcall %}
     */
{%- if let Some(message) = entry.deprecated_message %}
    @Deprecated({{ message }}{% if let Some(replacement) = entry.deprecated_replacement %}, ReplaceWith("{{ set.view.name }}.{{ replacement }}"){% endif %})
{%- endif %}
    {{ entry.variant }},
{%- endfor %}
    ;
{%- endif %}

    /** The canonical code. */
    public val code: {{ set.view.code_type }} get() = _Data.code(ordinal)

    /** Every code of this entry, the canonical one first. */
    public val codes: List<{{ set.view.code_type }}> get() = _Data.codes(ordinal)

    /** The entry's identifier in the catalog. */
    public val identifier: String get() = _Data.identifier(ordinal)

    /** The message in the default locale. */
    public val message: String get() = messageIn(CatalogLocale.DEFAULT)

    /** The message in [locale]. */
    public fun messageIn(locale: CatalogLocale): String = _Data.message(ordinal, locale.ordinal)

    /** The handling hint in the default locale, or null if the entry has none. */
    public val hint: String? get() = hintIn(CatalogLocale.DEFAULT)

    /**
     * The name of the message in the generated Android string resources, for
     * `Resources.getIdentifier(name, "string", packageName)`: texts in the device's language.
     */
    public val messageResourceName: String get() = {{ set.resource_prefix }} + _Data.resource(ordinal) + "__message"

    /** The name of the hint in the Android string resources, or null if the entry has none. */
    public val hintResourceName: String? get() =
        if (hint == null) null else {{ set.resource_prefix }} + _Data.resource(ordinal) + "__hint"

    /** The handling hint in [locale], or null if the entry has none. */
    public fun hintIn(locale: CatalogLocale): String? = _Data.hint(ordinal, locale.ordinal)
{%- if let Some(prefix) = set.doc_url_prefix %}

    /** This entry's row in the published HTML docs. */
    public val docUrl: String get() = {{ prefix }} + _Data.docAnchor(ordinal)
{%- endif %}
{%- for a in set.attributes %}
{%- if a.view.names.is_text %}

    /** {{ a.view.summary }}, in the default locale. */
    public val {{ a.view.names.accessor }}: String get() = {{ a.view.names.in_accessor }}(CatalogLocale.DEFAULT)

    /** {{ a.view.summary }}, in [locale]. */
    public fun {{ a.view.names.in_accessor }}(locale: CatalogLocale): String = _Data.{{ a.column }}(ordinal, locale.ordinal)
{%- else %}

    /** {{ a.view.summary }}. */
    public val {{ a.view.names.accessor }}: {{ a.view.value_type }} get() = _Data.{{ a.column }}(ordinal)
{%- endif %}
{%- if let Some(on_accessor) = a.view.names.on_accessor %}

    /**
     * {{ a.view.summary }} on a calendar day (month 1–12) in the catalog's
     * time zone: values before a dated change differ from now.
     */
    public fun {{ on_accessor }}(year: Int, month: Int, day: Int): {{ a.view.on_type }} =
        _Data.{{ a.column }}Past(ordinal, year, month, day) ?: {{ a.view.names.accessor }}
{%- endif %}
{%- endfor %}
{%- if set.large %}

    /** Orders entries as the catalog lists them. */
    override fun compareTo(other: {{ set.view.name }}): Int = ordinal.compareTo(other.ordinal)

    /** The constant name, as an enum constant prints. */
    override fun toString(): String = name
{%- endif %}

    /**
     * A code as received, known to the catalog or not, for decoding payloads newer
     * than the catalog: [raw] is the code exactly as received (an alias stays that
     * alias) and [known] its entry, or null. Equal when the raw codes are equal.
     */
    public class Received private constructor(
        /** The code exactly as received. */
        public val raw: {{ set.view.code_type }},
        /** The entry one of whose codes is [raw], or null for a code the catalog does not know. */
        public val known: {{ set.view.name }}?,
    ) {
        /** The message of [known] in [locale], or a text naming the unknown code. */
        @JvmOverloads
        public fun messageIn(locale: CatalogLocale = CatalogLocale.DEFAULT): String = describe(raw, locale)

        override fun equals(other: Any?): Boolean = other is Received && other.raw == raw

        override fun hashCode(): Int = raw.hashCode()

        override fun toString(): String = "{{ set.view.name }}.Received(raw=" + raw + ", known=" + known + ")"

        /** Wrapping a raw code, or an entry. */
        public companion object {
            /** The code [raw] as received, with its entry if the catalog knows it. */
            @JvmStatic
            public fun of(raw: {{ set.view.code_type }}): Received = Received(raw, fromCode(raw))

            /** The canonical code of [entry]. */
            @JvmStatic
            public fun of(entry: {{ set.view.name }}): Received = Received(entry.code, entry)
        }
    }

    /** Lookup by code{% if set.large %}, every entry, and the named constants{% endif %}. */
    public companion object {
{%- if set.large %}
        /** Every entry in catalog order, each created once: compare them with `==` or `===`. */
        @JvmStatic
        public val entries: List<{{ set.view.name }}> = List({{ set.view.entries.len() }}) { {{ set.view.name }}(it) }
{%- for entry in set.view.entries %}

        /**
{%- call m::doc(entry.doc, "         *") %}{% endcall %}
         */
{%- if let Some(message) = entry.deprecated_message %}
        @Deprecated({{ message }}{% if let Some(replacement) = entry.deprecated_replacement %}, ReplaceWith("{{ set.view.name }}.{{ replacement }}"){% endif %})
{%- endif %}
        public val {{ entry.variant }}: {{ set.view.name }} get() = entries[{{ loop.index0 }}]
{%- endfor %}
{%- endif %}

        /** The entry one of whose codes is [code], or null for a code the catalog does not know. */
        @JvmStatic
        public fun fromCode(code: {{ set.view.code_type }}): {{ set.view.name }}? {
{%- if set.lookup.search.is_empty() %}
            val i = -1
{%- else %}
{%- if set.lookup.hashed %}
            val h = code.hashCode()
{%- endif %}
            val i = {% for s in set.lookup.search %}{% match s %}{% when Search::Below(bound) %}if ({% if set.lookup.hashed %}h{% else %}code{% endif %} < {{ bound }}) {% when Search::Else %} else {% when Search::Chunk(n) %}_Find{{ n }}.index(code){% endmatch %}{% endfor %}
{%- endif %}
            return if (i < 0) null else entries[i]
        }

        /** The message for [code] in [locale], or a text naming the unknown code. */
        @JvmStatic
        @JvmOverloads
        public fun describe(code: {{ set.view.code_type }}, locale: CatalogLocale = CatalogLocale.DEFAULT): String =
            fromCode(code)?.messageIn(locale) ?: describeUnknown({{ set.view.code_to_text }}, locale)
    }
{%- call tables(set.tables) %}{% endcall %}
{%- for chunk in set.lookup.chunks %}

    /** Codes to entry indices, part {{ loop.index0 }}. */
    private object _Find{{ loop.index0 }} {
{%- match chunk %}
{%- when FindChunk::Ints { constants, keys, indices } %}
{%- for k in constants %}{% call constant(k) %}{% endcall %}{% endfor %}
        fun index(code: Int): Int = _find({{ keys }}, {{ indices }}, code)
{%- when FindChunk::Sorted { constants, codes, offsets, indices } %}
{%- for k in constants %}{% call constant(k) %}{% endcall %}{% endfor %}
        fun index(code: String): Int = _findText({{ codes }}, {{ offsets }}, {{ indices }}, code)
{%- when FindChunk::When(arms) %}
        fun index(code: String): Int = when (code) {
{%- for arm in arms %}
            {{ arm.codes|join(", ") }} -> {{ arm.index }}
{%- endfor %}
            else -> -1
        }
{%- endmatch %}
    }
{%- endfor %}
}
{%- if let Some(exception) = set.exception %}

/**
 * A failure reported with a [{{ set.view.name }}] code, known to the catalog or not
 * ([received]); its message is the code's message in [locale].
 */
public class {{ exception }} @JvmOverloads public constructor(
    /** The code as received. */
    public val received: {{ set.view.name }}.Received,
    /** The locale of the message. */
    public val locale: CatalogLocale = CatalogLocale.DEFAULT,
    cause: Throwable? = null,
) : kotlin.RuntimeException(received.messageIn(locale), cause) {
    /** A failure with the canonical code of [code]. */
    @JvmOverloads
    public constructor(
        code: {{ set.view.name }},
        locale: CatalogLocale = CatalogLocale.DEFAULT,
        cause: Throwable? = null,
    ) : this({{ set.view.name }}.Received.of(code), locale, cause)

    /** The entry of the code, or null for a code the catalog does not know. */
    public val code: {{ set.view.name }}? get() = received.known
}
{%- endif %}
{%- endfor %}
