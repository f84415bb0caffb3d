{%- import "macros.txt" as m -%}
// {{ view.header }}
package {{ package }}

/** The version of the catalog this code was generated from. */
const val CATALOG_VERSION: String = {{ view.version }}

/** The catalog's content hash: equal hashes, equal catalogs, whatever the TOML layout. */
const val CATALOG_HASH: String = {{ view.hash }}

/** A locale the catalog's texts are written in. */
enum class CatalogLocale(
    /** The BCP 47 tag. */
    val tag: String,
) {
{%- for locale in view.locales %}
    /** {{ locale.doc_tag }} */
    {{ locale.variant }}({{ locale.literal }}),
{%- endfor %}
    ;

    /** Lookup by tag, and the default locale. */
    companion object {
        /** The default locale. */
        val DEFAULT: CatalogLocale = {{ view.default_locale }}

        /** The locale whose BCP 47 tag is [tag], or null if the catalog has none. */
        fun fromTag(tag: String): CatalogLocale? = entries.firstOrNull { it.tag == tag }
    }
}

private val UNKNOWN_CODE: List<String> = listOf({{ view.unknown|join(", ") }})

private fun describeUnknown(code: String, locale: CatalogLocale): String =
    UNKNOWN_CODE[locale.ordinal].replace("{code}", code)
{%- if view.has_history %}

/** An earlier value: before day ([year], [month], [day]) the value was [value]. */
internal class Past<out T>(val year: Int, val month: Int, val day: Int, val value: T)

private fun <T> valueOn(history: List<Past<T>>, current: T, year: Int, month: Int, day: Int): T {
    for (past in history) {
        val before = year < past.year ||
            (year == past.year && (month < past.month || (month == past.month && day < past.day)))
        if (before) return past.value
    }
    return current
}
{%- endif %}
{%- for e in view.enums %}

/** The values of {{ e.doc_name }}. */
enum class {{ e.name }}(
    /** The value's identifier in the catalog. */
    val identifier: String,
    private val labels: List<String>,
) {
{%- for value in e.values %}
    /**
{%- call m::doc(value.doc, "     *") %}{% endcall %}
     */
    {{ value.variant }}({{ value.name }}, {{ value.labels }}),
{%- endfor %}
    ;

    /** The label in the default locale. */
    val label: String get() = labelIn(CatalogLocale.DEFAULT)

    /** The label in [locale]. */
    fun labelIn(locale: CatalogLocale): String = labels[locale.ordinal]
}
{%- endfor %}
{%- for set in view.sets %}

/**
{%- call m::doc(set.doc, " *") %}{% endcall %}
 *
 * [fromCode] accepts every code of an entry, aliases included.
 */
enum class {{ set.name }}(
    /** The canonical code. */
    val code: {{ set.code_type }},
    /** Every code of this entry, the canonical one first. */
    val codes: List<{{ set.code_type }}>,
    /** The entry's identifier in the catalog. */
    val identifier: String,
    private val messages: List<String>,
    private val hints: List<String>?,
{%- for attribute in set.attributes %}
{%- if attribute.names.is_text %}
    private val {{ attribute.names.field }}: {{ attribute.value_type }},
{%- else %}
    /** {{ attribute.summary }}. */
    val {{ attribute.names.accessor }}: {{ attribute.value_type }},
{%- endif %}
{%- if attribute.names.on_accessor.is_some() %}
    private val {{ attribute.names.history_field }}: List<Past<{{ attribute.value_type }}>>,
{%- endif %}
{%- endfor %}
) {
{%- for entry in set.entries %}
    /**
{%- call m::doc(entry.doc, "     *") %}{% endcall %}
     */
    {{ entry.variant }}(
        {{ entry.canonical }},
        {{ entry.codes_list }},
        {{ entry.identifier }},
        {{ entry.messages }},
        {% match entry.hints %}{% when Some(hints) %}{{ hints }}{% when None %}null{% endmatch %},
{%- for value in entry.values %}
        {{ value.literal }},
{%- if value.dated %}
        listOf({% for past in value.history %}Past({{ past.year }}, {{ past.month }}, {{ past.day }}, {{ past.literal }}){% if !loop.last %}, {% endif %}{% endfor %}),
{%- endif %}
{%- endfor %}
    ),
{%- endfor %}
    ;

    /** The message in the default locale. */
    val message: String get() = messageIn(CatalogLocale.DEFAULT)

    /** The message in [locale]. */
    fun messageIn(locale: CatalogLocale): String = messages[locale.ordinal]

    /** The handling hint in the default locale, or null if the entry has none. */
    val hint: String? get() = hintIn(CatalogLocale.DEFAULT)

    /** The handling hint in [locale], or null if the entry has none. */
    fun hintIn(locale: CatalogLocale): String? = hints?.get(locale.ordinal)
{%- for attribute in set.attributes %}
{%- if attribute.names.is_text %}

    /** {{ attribute.summary }}, in the default locale. */
    val {{ attribute.names.accessor }}: String get() = {{ attribute.names.in_accessor }}(CatalogLocale.DEFAULT)

    /** {{ attribute.summary }}, in [locale]. */
    fun {{ attribute.names.in_accessor }}(locale: CatalogLocale): String = {{ attribute.names.field }}[locale.ordinal]
{%- endif %}
{%- if let Some(on_accessor) = attribute.names.on_accessor %}

    /**
     * {{ attribute.summary }} on a calendar day (month 1–12) in the catalog's
     * time zone: values before a dated change differ from now.
     */
{%- if attribute.names.is_text %}
    fun {{ on_accessor }}(year: Int, month: Int, day: Int): String =
        valueOn({{ attribute.names.history_field }}, {{ attribute.names.field }}, year, month, day)[CatalogLocale.DEFAULT.ordinal]
{%- else %}
    fun {{ on_accessor }}(year: Int, month: Int, day: Int): {{ attribute.value_type }} =
        valueOn({{ attribute.names.history_field }}, {{ attribute.names.accessor }}, year, month, day)
{%- endif %}
{%- endif %}
{%- endfor %}

    /** Lookup by code. */
    companion object {
        private val byCode: Map<{{ set.code_type }}, {{ set.name }}> = buildMap {
            for (entry in {{ set.name }}.entries) {
                for (code in entry.codes) put(code, entry)
            }
        }

        /** The entry one of whose codes is [code], or null for a code the catalog does not know. */
        fun fromCode(code: {{ set.code_type }}): {{ set.name }}? = byCode[code]

        /** The message for [code] in [locale], or a text naming the unknown code. */
        fun describe(code: {{ set.code_type }}, locale: CatalogLocale = CatalogLocale.DEFAULT): String =
            fromCode(code)?.messageIn(locale) ?: describeUnknown({{ set.code_to_text }}, locale)
    }
}
{%- endfor %}

