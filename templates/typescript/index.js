{%- import "macros.txt" as m -%}
// {{ view.header }}
// ES2020 module; the types are in index.d.ts. Each class is built inside a
// function call marked pure, so a bundler drops the sets an application never uses.

export const CATALOG_VERSION = {{ view.version }};
export const CATALOG_HASH = {{ view.hash }};
export const CATALOG_LOCALES = [{% for locale in view.locales %}{{ locale.literal }}{% if !loop.last %}, {% endif %}{% endfor %}];
export const DEFAULT_LOCALE = {{ view.default_locale_literal }};

const UNKNOWN_CODE = [{{ view.unknown|join(", ") }}];

// `tag` in ASCII lower case with `_` read as `-`, its language, and its region
// (two letters or three digits, after a four-letter script if any).
function localeParts(tag) {
  const lowered = tag.replace(/[A-Z_]/g, (c) => (c === "_" ? "-" : String.fromCharCode(c.charCodeAt(0) + 32)));
  const subtags = lowered.split("-");
  let at = 1;
  if (/^[a-z]{4}$/.test(subtags[at] ?? "")) {
    at += 1;
  }
  const next = subtags[at] ?? "";
  return [lowered, subtags[0] ?? "", /^([a-z]{2}|[0-9]{3})$/.test(next) ? next : undefined];
}

// The locale `tag` matches by whole tag, language and region, or language.
function lookupLocale(tag) {
  const [wanted, language, region] = localeParts(String(tag));
  const parts = CATALOG_LOCALES.map((locale) => [locale, ...localeParts(locale)]);
  return (
    parts.find((p) => p[1] === wanted) ??
    parts.find((p) => p[2] === language && p[3] === region) ??
    parts.find((p) => p[2] === language)
  )?.[0];
}

export function matchLocales(tags) {
  for (const tag of tags) {
    const locale = lookupLocale(tag);
    if (locale !== undefined) {
      return locale;
    }
  }
  return DEFAULT_LOCALE;
}

export function matchLocale(tag) {
  return matchLocales([tag]);
}

export function isCatalogLocale(tag) {
  return CATALOG_LOCALES.includes(tag);
}

// A string that is no catalog locale (from JavaScript, or cast) is matched,
// so a text accessor never answers "" for `"en-US"`.
function localeIndex(locale) {
  const index = CATALOG_LOCALES.indexOf(locale);
  return index >= 0 ? index : CATALOG_LOCALES.indexOf(matchLocale(locale));
}

function describeUnknown(code, locale) {
  // split/join: String.replace would expand `$&` patterns found in the code.
  return (UNKNOWN_CODE[localeIndex(locale)] ?? "").split("{code}").join(code);
}

function textIn(texts, locale) {
  return texts[localeIndex(locale)] ?? "";
}
{%- if view.has_history %}

// Earlier values: before day (year, month, day) the value was `value`.
function valueOn(history, current, year, month, day) {
  for (const [y, m, d, value] of history) {
    if (year < y || (year === y && (month < m || (month === m && day < d)))) {
      return value;
    }
  }
  return current;
}
{%- endif %}
{%- for e in view.enums %}

export const {{ e.name }} = /*#__PURE__*/ (() => {
  class {{ e.name }} {
    constructor(identifier, labels) {
      this.identifier = identifier;
      this.labels = labels;
    }

    get label() {
      return this.labelIn(DEFAULT_LOCALE);
    }

    labelIn(locale) {
      return textIn(this.labels, locale);
    }

    toString() {
      return this.identifier;
    }
  }
{%- for value in e.values %}
  {{ e.name }}.{{ value.variant }} = new {{ e.name }}({{ value.name }}, {{ value.labels }});
{%- endfor %}
  {{ e.name }}.ALL = Object.freeze([{% for value in e.values %}{{ e.name }}.{{ value.variant }}{% if !loop.last %}, {% endif %}{% endfor %}]);
  return {{ e.name }};
})();
{%- endfor %}
{%- for set in sets.iter() %}

export const {{ set.name }} = /*#__PURE__*/ (() => {
  class {{ set.name }} {
    constructor(identifier, codes, messages, hints{% if set.has_doc_urls %}, docUrl{% endif %}{% for attribute in set.attributes %}, {{ attribute.names.accessor_value }}{% if attribute.names.on_accessor.is_some() %}, {{ attribute.names.accessor_history }}{% endif %}{% endfor %}) {
      this.identifier = identifier;
      this.codes = codes;
      this.messages = messages;
      this.hints = hints;
{%- if set.has_doc_urls %}
      this.docUrl = docUrl;
{%- endif %}
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

    static fromCode(code) {
      return byCode.get(code);
    }

    static decode(raw) {
      return { known: byCode.get(raw), raw };
    }

    static all() {
      return entries;
    }

    static describe(code, locale = DEFAULT_LOCALE) {
      const entry = byCode.get(code);
      return entry === undefined ? describeUnknown(String(code), locale) : entry.messageIn(locale);
    }

    get code() {
      return this.codes[0];
    }

    get message() {
      return this.messageIn(DEFAULT_LOCALE);
    }

    messageIn(locale) {
      return textIn(this.messages, locale);
    }

    get hint() {
      return this.hintIn(DEFAULT_LOCALE);
    }

    hintIn(locale) {
      return this.hints === undefined ? undefined : textIn(this.hints, locale);
    }
{%- for attribute in set.attributes %}
{%- if attribute.names.is_text %}

    get {{ attribute.names.accessor }}() {
      return this.{{ attribute.names.in_accessor }}(DEFAULT_LOCALE);
    }

    {{ attribute.names.in_accessor }}(locale) {
      return textIn(this.{{ attribute.names.accessor_texts }}, locale);
    }
{%- endif %}
{%- if let Some(on_accessor) = attribute.names.on_accessor %}

    {{ on_accessor }}(year, month, day) {
{%- if attribute.names.is_text %}
      return textIn(valueOn(this.{{ attribute.names.accessor_history }}, this.{{ attribute.names.accessor_texts }}, year, month, day), DEFAULT_LOCALE);
{%- else %}
      return valueOn(this.{{ attribute.names.accessor_history }}, this.{{ attribute.names.accessor }}, year, month, day);
{%- endif %}
    }
{%- endif %}
{%- endfor %}

    toString() {
      return this.message;
    }
  }
{%- for entry in set.entries %}
  {{ set.name }}.{{ entry.variant }} = new {{ set.name }}(
    {{ entry.identifier }},
    {{ entry.codes_list }},
    {{ entry.messages }},
    {% match entry.hints %}{% when Some(hints) %}{{ hints }}{% when None %}undefined{% endmatch %},
{%- if let Some(url) = entry.doc_url_literal %}
    {{ url }},
{%- endif %}
{%- for value in entry.values %}
    {{ value.literal }},
{%- if value.dated %}
    [{% for past in value.history %}[{{ past.year }}, {{ past.month }}, {{ past.day }}, {{ past.literal }}]{% if !loop.last %}, {% endif %}{% endfor %}],
{%- endif %}
{%- endfor %}
  );
{%- endfor %}
  const entries = Object.freeze([
{%- for entry in set.entries %}
    {{ set.name }}.{{ entry.variant }},
{%- endfor %}
  ]);
  const byCode = new Map(entries.flatMap((entry) => entry.codes.map((code) => [code, entry])));
  return {{ set.name }};
})();
{%- if set.is_error %}

export const {{ set.error_name }} = /*#__PURE__*/ (() => {
  class {{ set.error_name }} extends Error {
    constructor(code, options = {}) {
      const entry = code instanceof {{ set.name }} ? code : {{ set.name }}.fromCode(code);
      const raw = options.raw ?? (code instanceof {{ set.name }} ? code.code : code);
      const locale = options.locale === undefined ? DEFAULT_LOCALE : matchLocale(options.locale);
      const message = entry === undefined ? describeUnknown(String(raw), locale) : entry.messageIn(locale);
      super(message, ...("cause" in options ? [{ cause: options.cause }] : []));
      this.entry = entry;
      this.raw = raw;
      this.locale = locale;
    }

    get code() {
      return this.entry === undefined ? this.raw : this.entry.code;
    }

    toJSON() {
      return {
        name: this.name,
        code: this.code,
        raw: this.raw,
        identifier: this.entry === undefined ? null : this.entry.identifier,
        message: this.message,
        locale: this.locale,
      };
    }
  }
  Object.defineProperty({{ set.error_name }}.prototype, "name", { value: {{ set.error_name_literal }}, writable: true, configurable: true });
  return {{ set.error_name }};
})();
{%- endif %}
{%- endfor %}
