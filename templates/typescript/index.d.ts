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

/**
 * A code as received: `known` is its entry, or `undefined` for a code this
 * catalog does not know (newer than it); `raw` is the code exactly as received,
 * an alias stays the alias.
 */
export type Decoded<Entry, Code> =
  | { readonly known: Entry; readonly raw: Code }
  | { readonly known: undefined; readonly raw: Code };

/** The version of the catalog this module was generated from. */
export declare const CATALOG_VERSION: string;
/** The catalog's content hash: equal hashes, equal catalogs, whatever the TOML layout. */
export declare const CATALOG_HASH: string;
/** Every locale, the default first. */
export declare const CATALOG_LOCALES: readonly CatalogLocale[];
/** The default locale. */
export declare const DEFAULT_LOCALE: CatalogLocale;

/**
 * The catalog locale for the first of `tags` (most preferred first, as in
 * `navigator.languages` or `Accept-Language`) that {@link matchLocale} matches
 * without falling back, else {@link DEFAULT_LOCALE}.
 */
export declare function matchLocales(tags: readonly string[]): CatalogLocale;

/**
 * The catalog locale for the BCP 47 tag `tag` (`en-US`, `zh_Hans_CN`), never
 * failing: `_` reads as `-` and case is ignored; the locale with the whole tag,
 * else one with the same language and region (a script subtag ignored), else the
 * first with the same language, else {@link DEFAULT_LOCALE}.
 */
export declare function matchLocale(tag: string): CatalogLocale;

/** Whether `tag` is exactly one of the catalog's locales (no matching). */
export declare function isCatalogLocale(tag: string): tag is CatalogLocale;
{%- for e in view.enums %}

/** The values of {{ e.doc_name }}. */
export declare class {{ e.name }} {
{%- for value in e.values %}
  /**
{%- call m::doc(value.doc, "   *") %}{% endcall %}
   */
  static readonly {{ value.variant }}: {{ e.name }};
{%- endfor %}

  /** Every value, in catalog order. */
  static readonly ALL: readonly {{ e.name }}[];

  /** The value's identifier in the catalog: a literal union, for exhaustive `switch`. */
  readonly identifier: {% for value in e.values %}{{ value.name }}{% if !loop.last %} | {% endif %}{% endfor %};
  private readonly labels;

  private constructor();

  /** The label in the default locale. */
  get label(): string;

  /** The label in `locale`. */
  labelIn(locale: CatalogLocale): string;

  toString(): string;
}
{%- endfor %}
{%- for set in sets.iter() %}

/**
 * The identifiers of `{{ set.name }}`'s entries, for a `switch` that the
 * compiler proves exhaustive (end it with a `never` check).
 */
export type {{ set.union_name }} =
{%- for member in set.union %}
  | {{ member }}
{%- endfor %};

/**
{%- call m::doc(set.doc, " *") %}{% endcall %}
 *
 * `fromCode` accepts every code of an entry, aliases included.
 */
export declare class {{ set.name }} {
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
  static readonly {{ entry.variant }}: {{ set.name }};
{%- endfor %}

  /** The entry's identifier in the catalog. */
  readonly identifier: {{ set.union_name }};
  /** Every code of this entry, the canonical one first. */
  readonly codes: readonly {{ set.code_type }}[];
  private readonly messages;
  private readonly hints;
{%- if set.has_doc_urls %}
  /** This entry's row in the published HTML docs. */
  readonly docUrl: string;
{%- endif %}
{%- for attribute in set.attributes %}
{%- if attribute.names.is_text %}
  private readonly {{ attribute.names.accessor_texts }};
{%- else %}
  /** {{ attribute.summary }}. */
  readonly {{ attribute.names.accessor }}: {{ attribute.value_type }};
{%- endif %}
{%- if attribute.names.on_accessor.is_some() %}
  private readonly {{ attribute.names.accessor_history }};
{%- endif %}
{%- endfor %}

  private constructor();

  /** The entry one of whose codes is `code`, or `undefined` for a code the catalog does not know. */
  static fromCode(code: {{ set.code_type }}): {{ set.name }} | undefined;

  /**
   * `raw` with its entry if the catalog knows it: never fails, and keeps the
   * code as received (an alias, or a code newer than the catalog).
   */
  static decode(raw: {{ set.code_type }}): Decoded<{{ set.name }}, {{ set.code_type }}>;

  /** Every entry, in catalog order. */
  static all(): readonly {{ set.name }}[];

  /** The message for `code` in `locale`, or a text naming the unknown code. */
  static describe(code: {{ set.code_type }}, locale?: CatalogLocale): string;

  /** The canonical code. */
  get code(): {{ set.code_type }};

  /** The message in the default locale. */
  get message(): string;

  /** The message in `locale`. */
  messageIn(locale: CatalogLocale): string;

  /** The handling hint in the default locale, if the entry has one. */
  get hint(): string | undefined;

  /** The handling hint in `locale`, if the entry has one. */
  hintIn(locale: CatalogLocale): string | undefined;
{%- for attribute in set.attributes %}
{%- if attribute.names.is_text %}

  /** {{ attribute.summary }}, in the default locale. */
  get {{ attribute.names.accessor }}(): string;

  /** {{ attribute.summary }}, in `locale`. */
  {{ attribute.names.in_accessor }}(locale: CatalogLocale): string;
{%- endif %}
{%- if let Some(on_accessor) = attribute.names.on_accessor %}

  /**
   * {{ attribute.summary }} on a calendar day (month 1–12) in the catalog's
   * time zone: values before a dated change differ from now.
   */
  {{ on_accessor }}(year: number, month: number, day: number): {{ attribute.on_type }};
{%- endif %}
{%- endfor %}

  /** The message in the default locale. */
  toString(): string;
}
{%- if set.is_error %}

/**
 * An `Error` for a code of `{{ set.name }}`: `message` is the entry's message in
 * the locale asked for (matched with {@link matchLocale}), else the default locale.
 * Built from an entry or from a raw code, known or not.
 */
export declare class {{ set.error_name }} extends Error {
  /** The entry, or `undefined` for a code the catalog does not know. */
  readonly entry: {{ set.name }} | undefined;
  /** The code as received (an alias stays the alias). */
  readonly raw: {{ set.code_type }};
  /** The catalog locale `message` is written in. */
  readonly locale: CatalogLocale;

  constructor(
    code: {{ set.name }} | {{ set.code_type }},
    options?: {
      readonly raw?: {{ set.code_type }} | undefined;
      readonly locale?: string | undefined;
      readonly cause?: unknown;
    },
  );

  /** The canonical code of the entry, else the raw code. */
  get code(): {{ set.code_type }};

  /**
   * A plain object for `JSON.stringify`, in this shape whatever the version:
   * `name`, `code` (canonical), `raw`, `identifier` (`null` for an unknown code),
   * `message` and `locale`.
   */
  toJSON(): {
    name: string;
    code: {{ set.code_type }};
    raw: {{ set.code_type }};
    identifier: {{ set.union_name }} | null;
    message: string;
    locale: CatalogLocale;
  };
}
{%- endif %}
{%- endfor %}
