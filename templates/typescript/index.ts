{%- import "macros.txt" as m -%}
// {{ view.header }}
/**
{%- call m::doc(view.title, " *") %}{% endcall %}
 *
 * Look a raw code up with `fromCode`: an unknown code gives `undefined`, never a throw.
 *
 * @module
 */

/** A locale the catalog's texts are written in (BCP 47 tag). */
export type CatalogLocale = {% for locale in view.locales %}{{ locale.literal }}{% if !loop.last %} | {% endif %}{% endfor %};

/** The version of the catalog this module was generated from. */
export const CATALOG_VERSION: string = {{ view.version }};
/** The catalog's content hash: equal hashes, equal catalogs, whatever the TOML layout. */
export const CATALOG_HASH: string = {{ view.hash }};

/** Every locale, the default first. */
export const CATALOG_LOCALES: readonly CatalogLocale[] = [{% for locale in view.locales %}{{ locale.literal }}{% if !loop.last %}, {% endif %}{% endfor %}];

/** The default locale. */
export const DEFAULT_LOCALE: CatalogLocale = {{ view.default_locale_literal }};

const UNKNOWN_CODE: readonly string[] = [{{ view.unknown|join(", ") }}];

/**
 * `tag` in ASCII lower case with `_` read as `-`, its language, and its region
 * (two letters or three digits, after a four-letter script if any).
 */
function localeParts(tag: string): readonly [tag: string, language: string, region: string | undefined] {
  const lowered = tag.replace(/[A-Z_]/g, (c) => (c === "_" ? "-" : String.fromCharCode(c.charCodeAt(0) + 32)));
  const subtags = lowered.split("-");
  let at = 1;
  if (/^[a-z]{4}$/.test(subtags[at] ?? "")) {
    at += 1;
  }
  const next = subtags[at] ?? "";
  return [lowered, subtags[0] ?? "", /^([a-z]{2}|[0-9]{3})$/.test(next) ? next : undefined];
}

/** The locale `tag` matches by whole tag, language and region, or language. */
function lookupLocale(tag: string): CatalogLocale | undefined {
  const [wanted, language, region] = localeParts(tag);
  const parts = CATALOG_LOCALES.map((locale) => [locale, ...localeParts(locale)] as const);
  return (
    parts.find((p) => p[1] === wanted) ??
    parts.find((p) => p[2] === language && p[3] === region) ??
    parts.find((p) => p[2] === language)
  )?.[0];
}

/**
 * The catalog locale for the first of `tags` (most preferred first, as in
 * `navigator.languages` or `Accept-Language`) that {@link matchLocale} matches
 * without falling back, else {@link DEFAULT_LOCALE}.
 */
export function matchLocales(tags: readonly string[]): CatalogLocale {
  for (const tag of tags) {
    const locale = lookupLocale(tag);
    if (locale !== undefined) {
      return locale;
    }
  }
  return DEFAULT_LOCALE;
}

/**
 * The catalog locale for the BCP 47 tag `tag` (`en-US`, `zh_Hans_CN`), never
 * failing: `_` reads as `-` and case is ignored; the locale with the whole tag,
 * else one with the same language and region (a script subtag ignored), else the
 * first with the same language, else {@link DEFAULT_LOCALE}.
 */
export function matchLocale(tag: string): CatalogLocale {
  return matchLocales([tag]);
}

// A string that is no catalog locale (passed from JavaScript, or cast) is matched,
// so a text accessor never answers "" for `"en-US"`.
function localeIndex(locale: CatalogLocale): number {
  const index = CATALOG_LOCALES.indexOf(locale);
  return index >= 0 ? index : CATALOG_LOCALES.indexOf(matchLocale(locale));
}

function describeUnknown(code: string, locale: CatalogLocale): string {
  // split/join: String.replace would expand `$&` patterns found in the code.
  return (UNKNOWN_CODE[localeIndex(locale)] ?? "").split("{code}").join(code);
}

function textIn(texts: readonly string[], locale: CatalogLocale): string {
  return texts[localeIndex(locale)] ?? "";
}
{%- if view.has_history %}

/** Earlier values: before day (year, month, day) the value was `value`. */
type History<T> = readonly (readonly [year: number, month: number, day: number, value: T])[];

function valueOn<T>(history: History<T>, current: T, year: number, month: number, day: number): T {
  for (const [y, m, d, value] of history) {
    if (year < y || (year === y && (month < m || (month === m && day < d)))) {
      return value;
    }
  }
  return current;
}
{%- endif %}
{%- for e in view.enums %}

/** The values of {{ e.doc_name }}. */
export class {{ e.name }} {
{%- for value in e.values %}
  /**
{%- call m::doc(value.doc, "   *") %}{% endcall %}
   */
  static readonly {{ value.variant }}: {{ e.name }} = new {{ e.name }}({{ value.name }}, {{ value.labels }});
{%- endfor %}

  /** Every value, in catalog order. */
  static readonly ALL: readonly {{ e.name }}[] = [{% for value in e.values %}{{ e.name }}.{{ value.variant }}{% if !loop.last %}, {% endif %}{% endfor %}];

  /** The value's identifier in the catalog. */
  readonly identifier: string;
  private readonly labels: readonly string[];

  private constructor(identifier: string, labels: readonly string[]) {
    this.identifier = identifier;
    this.labels = labels;
  }

  /** The label in the default locale. */
  get label(): string {
    return this.labelIn(DEFAULT_LOCALE);
  }

  /** The label in `locale`. */
  labelIn(locale: CatalogLocale): string {
    return textIn(this.labels, locale);
  }

  toString(): string {
    return this.identifier;
  }
}
{%- endfor %}
{%- for set in view.sets %}

/**
{%- call m::doc(set.doc, " *") %}{% endcall %}
 *
 * `fromCode` accepts every code of an entry, aliases included.
 */
export class {{ set.name }} {
{%- for entry in set.entries %}
  /**
{%- call m::doc(entry.doc, "   *") %}{% endcall %}
{%- for line in entry.deprecated_doc %}
{%- if loop.first %}
   *
   * @deprecated{{ line }}
{%- else %}
   *{{ line }}
{%- endif %}
{%- endfor %}
   */
  static readonly {{ entry.variant }}: {{ set.name }} = new {{ set.name }}(
    {{ entry.identifier }},
    {{ entry.codes_list }},
    {{ entry.messages }},
    {% match entry.hints %}{% when Some(hints) %}{{ hints }}{% when None %}undefined{% endmatch %},
{%- for value in entry.values %}
    {{ value.literal }},
{%- if value.dated %}
    [{% for past in value.history %}[{{ past.year }}, {{ past.month }}, {{ past.day }}, {{ past.literal }}]{% if !loop.last %}, {% endif %}{% endfor %}],
{%- endif %}
{%- endfor %}
  );
{%- endfor %}

  private static readonly ENTRIES: readonly {{ set.name }}[] = [
{%- for entry in set.entries %}
    {{ set.name }}.{{ entry.variant }},
{%- endfor %}
  ];

  private static readonly BY_CODE: ReadonlyMap<{{ set.code_type }}, {{ set.name }}> = new Map(
    {{ set.name }}.ENTRIES.flatMap((entry) => entry.codes.map((code) => [code, entry] as const)),
  );

  /** The entry's identifier in the catalog. */
  readonly identifier: string;
  /** Every code of this entry, the canonical one first. */
  readonly codes: readonly {{ set.code_type }}[];
  private readonly messages: readonly string[];
  private readonly hints: readonly string[] | undefined;
{%- for attribute in set.attributes %}
{%- if attribute.names.is_text %}
  private readonly {{ attribute.names.accessor_texts }}: {{ attribute.value_type }};
{%- else %}
  /** {{ attribute.summary }}. */
  readonly {{ attribute.names.accessor }}: {{ attribute.value_type }};
{%- endif %}
{%- if attribute.names.on_accessor.is_some() %}
  private readonly {{ attribute.names.accessor_history }}: History<{{ attribute.value_type }}>;
{%- endif %}
{%- endfor %}

  private constructor(
    identifier: string,
    codes: readonly {{ set.code_type }}[],
    messages: readonly string[],
    hints: readonly string[] | undefined,
{%- for attribute in set.attributes %}
    {{ attribute.names.accessor_value }}: {{ attribute.value_type }},
{%- if attribute.names.on_accessor.is_some() %}
    {{ attribute.names.accessor_history }}: History<{{ attribute.value_type }}>,
{%- endif %}
{%- endfor %}
  ) {
    this.identifier = identifier;
    this.codes = codes;
    this.messages = messages;
    this.hints = hints;
{%- for attribute in set.attributes %}
{%- if attribute.names.is_text %}
    this.{{ attribute.names.accessor_texts }} = {{ attribute.names.accessor_value }};
{%- else %}
    this.{{ attribute.names.accessor }} = {{ attribute.names.accessor_value }};
{%- endif %}
{%- if attribute.names.on_accessor.is_some() %}
    this.{{ attribute.names.accessor_history }} = {{ attribute.names.accessor_history }};
{%- endif %}
{%- endfor %}
  }

  /** The entry one of whose codes is `code`, or `undefined` for a code the catalog does not know. */
  static fromCode(code: {{ set.code_type }}): {{ set.name }} | undefined {
    return {{ set.name }}.BY_CODE.get(code);
  }

  /** Every entry, in catalog order. */
  static all(): readonly {{ set.name }}[] {
    return {{ set.name }}.ENTRIES;
  }

  /** The message for `code` in `locale`, or a text naming the unknown code. */
  static describe(code: {{ set.code_type }}, locale: CatalogLocale = DEFAULT_LOCALE): string {
    const entry = {{ set.name }}.fromCode(code);
    return entry === undefined ? describeUnknown(String(code), locale) : entry.messageIn(locale);
  }

  /** The canonical code. */
  get code(): {{ set.code_type }} {
    return this.codes[0] as {{ set.code_type }};
  }

  /** The message in the default locale. */
  get message(): string {
    return this.messageIn(DEFAULT_LOCALE);
  }

  /** The message in `locale`. */
  messageIn(locale: CatalogLocale): string {
    return textIn(this.messages, locale);
  }

  /** The handling hint in the default locale, if the entry has one. */
  get hint(): string | undefined {
    return this.hintIn(DEFAULT_LOCALE);
  }

  /** The handling hint in `locale`, if the entry has one. */
  hintIn(locale: CatalogLocale): string | undefined {
    return this.hints === undefined ? undefined : textIn(this.hints, locale);
  }
{%- for attribute in set.attributes %}
{%- if attribute.names.is_text %}

  /** {{ attribute.summary }}, in the default locale. */
  get {{ attribute.names.accessor }}(): string {
    return this.{{ attribute.names.in_accessor }}(DEFAULT_LOCALE);
  }

  /** {{ attribute.summary }}, in `locale`. */
  {{ attribute.names.in_accessor }}(locale: CatalogLocale): string {
    return textIn(this.{{ attribute.names.accessor_texts }}, locale);
  }
{%- endif %}
{%- if let Some(on_accessor) = attribute.names.on_accessor %}

  /**
   * {{ attribute.summary }} on a calendar day (month 1–12) in the catalog's
   * time zone: values before a dated change differ from now.
   */
  {{ on_accessor }}(year: number, month: number, day: number): {{ attribute.on_type }} {
{%- if attribute.names.is_text %}
    return textIn(valueOn(this.{{ attribute.names.accessor_history }}, this.{{ attribute.names.accessor_texts }}, year, month, day), DEFAULT_LOCALE);
{%- else %}
    return valueOn(this.{{ attribute.names.accessor_history }}, this.{{ attribute.names.accessor }}, year, month, day);
{%- endif %}
  }
{%- endif %}
{%- endfor %}

  /** The message in the default locale. */
  toString(): string {
    return this.message;
  }
}
{%- endfor %}

