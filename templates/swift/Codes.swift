{%- import "macros.txt" as m -%}
{%- import "swift/layout.txt" as s -%}
// {{ view.header }}
{%- call m::doc(view.title_comment, "//") %}{% endcall %}
//
// Look a raw code up with `init?(code:)`: an unknown code gives nil, never a crash.
// Per-entry data sits in typed static tables of at most {{ bound }} elements, and a
// case finds its row through `switch` statements of at most {{ bound }} arms, so the
// compiler never meets a large switch or literal, however large the catalog.

import Foundation

/// The version of the catalog this module was generated from.
public let catalogVersion: String = {{ view.version }}

/// The catalog's content hash: equal hashes, equal catalogs, whatever the TOML layout.
public let catalogHash: String = {{ view.hash }}

/// A locale the catalog's texts are written in.
public enum CatalogLocale: String, CaseIterable, Hashable, Sendable {
{%- for locale in view.locales %}
    /// {{ locale.doc_tag }}
    case {{ locale.variant }} = {{ locale.literal }}
{%- endfor %}

    /// The default locale.
    public static let `default`: CatalogLocale = .{{ view.default_locale }}

    /// The BCP 47 tag.
    public var tag: String { rawValue }

    /// The locale whose BCP 47 tag is `tag`, or nil if the catalog has none.
    public init?(tag: String) {
        self.init(rawValue: tag)
    }

    /// The catalog locale for the BCP 47 tag `tag` (`en-US`, `zh_Hans_CN`), never
    /// failing: `_` reads as `-` and case is ignored; the locale with the whole tag,
    /// else one with the same language and region (a script subtag ignored), else
    /// the first with the same language, else `default`.
    public static func matching(_ tag: String) -> CatalogLocale {
        matching([tag])
    }

    /// The catalog locale for the first of `tags` (most preferred first, as in
    /// `Locale.preferredLanguages`) that `matching(_:)` matches without falling
    /// back, else `default`.
    public static func matching(_ tags: [String]) -> CatalogLocale {
        for tag in tags {
            if let locale = _lookup(tag) {
                return locale
            }
        }
        return .default
    }

    /// The catalog locale for the platform's preferred languages
    /// (`Locale.preferredLanguages`), read on every access.
    public static var current: CatalogLocale {
        matching(Locale.preferredLanguages)
    }

    /// A tag in ASCII lower case with `_` read as `-`, its language, and its region
    /// (two letters or three digits, after a four-letter script if any).
    private struct _Parts {
        let tag: String
        let language: String
        let region: String?

        init(_ raw: String) {
            var scalars = String.UnicodeScalarView()
            for scalar in raw.unicodeScalars {
                if scalar == "_" {
                    scalars.append("-")
                } else if (0x41...0x5A).contains(scalar.value) {
                    scalars.append(Swift.Unicode.Scalar(Swift.UInt8(scalar.value + 0x20)))
                } else {
                    scalars.append(scalar)
                }
            }
            let lowered = String(scalars)
            let subtags = lowered.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
            let letters = { (s: String, count: Int) in
                s.unicodeScalars.count == count && s.unicodeScalars.allSatisfy { (0x61...0x7A).contains($0.value) }
            }
            let digits = { (s: String, count: Int) in
                s.unicodeScalars.count == count && s.unicodeScalars.allSatisfy { (0x30...0x39).contains($0.value) }
            }
            tag = lowered
            language = subtags[0]
            var at = 1
            if at < subtags.count && letters(subtags[at], 4) {
                at += 1
            }
            if at < subtags.count && (letters(subtags[at], 2) || digits(subtags[at], 3)) {
                region = subtags[at]
            } else {
                region = nil
            }
        }
    }

    /// The Apple localization of the locale's texts in the package's String Catalog
    /// (`zh-Hans` for `zh-CN`): the `.lproj` folder `Bundle` reads them from.
    public var localization: String { Self.{{ layout.localization }}({{ layout.locale_row }}) }

    /// The String Catalog's text `key` in this locale, read through `Bundle.module`,
    /// or `fallback` (the built-in text) if the bundle lacks the localization or key.
    fileprivate func _localized(_ key: String, _ fallback: String) -> String {
        guard let path = Bundle.module.path(forResource: localization, ofType: "lproj"),
              let bundle = Bundle(path: path) else {
            return fallback
        }
        return bundle.localizedString(forKey: key, value: fallback, table: "Localizable")
    }

    /// The locale `tag` matches by whole tag, language and region, or language.
    private static func _lookup(_ tag: String) -> CatalogLocale? {
        let wanted = _Parts(tag)
        let all = allCases.map { ($0, _Parts($0.rawValue)) }
        if let hit = all.first(where: { $0.1.tag == wanted.tag }) {
            return hit.0
        }
        if let hit = all.first(where: { $0.1.language == wanted.language && $0.1.region == wanted.region }) {
            return hit.0
        }
        return all.first(where: { $0.1.language == wanted.language })?.0
    }


{%- call s::chain(layout.locales.as_slice(), "fileprivate", "The locale's position in `allCases`.") %}{% endcall %}
{%- call s::tables(layout.locale_tables.as_slice()) %}{% endcall %}
}

private func describeUnknown(_ code: String, _ locale: CatalogLocale) -> String {
    CatalogLocale.{{ layout.unknown_code }}(locale.{{ layout.locale_row }}).replacingOccurrences(of: "{code}", with: code)
}

/// A set type `CatalogCode` can hold: every generated set conforms.
public protocol CatalogCodeSet: Codable, Hashable, Sendable {
    /// How the set's codes are written: `Int` or `String`.
    associatedtype RawCode: Codable & Hashable & Sendable
    /// The entry one of whose codes is `code`, or nil.
    init?(code: RawCode)
    /// The canonical code.
    var code: RawCode { get }
}

/// A code as received, for `Decodable` payloads that must not fail on a code the
/// catalog does not know yet (a newer server): `.known` with the code exactly as
/// received (an alias stays that alias when encoded back), or `.unknown` with it.
/// Decoding a set type itself is strict and throws for an unknown code.
public enum CatalogCode<Known: CatalogCodeSet>: Codable, Hashable, Sendable {
    case known(Known, raw: Known.RawCode)
    case unknown(Known.RawCode)

    /// `.known` if the catalog knows `raw` (aliases included), else `.unknown`.
    public init(raw: Known.RawCode) {
        if let known = Known(code: raw) {
            self = .known(known, raw: raw)
        } else {
            self = .unknown(raw)
        }
    }

    /// `value` under its canonical code.
    public init(_ value: Known) {
        self = .known(value, raw: value.code)
    }

    /// The code as received.
    public var raw: Known.RawCode {
        switch self {
        case .known(_, let raw): return raw
        case .unknown(let raw): return raw
        }
    }

    /// The entry, or nil for a code the catalog does not know.
    public var value: Known? {
        switch self {
        case .known(let value, _): return value
        case .unknown: return nil
        }
    }

    /// Decodes a bare code (`66660023`, `"tag"`); only a value of another type throws.
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        self.init(raw: try container.decode(Known.RawCode.self))
    }

    /// Encodes the code as received.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(raw)
    }
}
{%- if view.has_history %}

/// The value on the day `date` (year, month, day): the earlier value of the first of
/// the history rows `rows` (until year, month, day, value; oldest first) whose
/// end date is after the day, or `current`.
private func valueOn<T>(_ rows: Range<Int>, _ row: (Int) -> (Int, Int, Int, T), _ current: T, _ date: DateComponents) -> T {
    // A missing component reads as the latest possible one.
    let day = (date.year ?? Int.max, date.month ?? Int.max, date.day ?? Int.max)
    for index in rows {
        let (untilYear, untilMonth, untilDay, value) = row(index)
        if day < (untilYear, untilMonth, untilDay) {
            return value
        }
    }
    return current
}
{%- if let Some(zone) = layout.date_zone %}

/// The calendar day (Gregorian year, month, day) of `instant` in the catalog's time
/// zone, {{ zone }} (UTC if the platform does not know it): what the dated
/// accessors take, e.g. `isBillable(on: catalogDay(of: Date()))`.
public func catalogDay(of instant: Date) -> DateComponents {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: {{ zone }}) ?? TimeZone(secondsFromGMT: 0)!
    return calendar.dateComponents([.year, .month, .day], from: instant)
}
{%- endif %}
{%- endif %}
{%- for e in view.enums %}
{%- let el = layout.enums[loop.index0] %}

/// The values of {{ e.doc_name }}.
public enum {{ e.name }}: CaseIterable, Hashable, Sendable {
{%- for value in e.values %}
{%- call m::doc(value.doc, "    ///") %}{% endcall %}
    case {{ value.variant }}
{%- endfor %}

    /// The value's identifier in the catalog.
    public var identifier: String { Self.{{ el.identifiers }}({{ layout.row }}) }

    /// The label in the default locale.
    public var label: String { label(in: .default) }

    /// The label in `locale`.
    public func label(in locale: CatalogLocale) -> String {
        Self.{{ el.labels }}({% call s::in_locale(layout) %}{% endcall %})
    }
{%- call s::chain(el.position.as_slice(), "private", "The value's row in the tables below: its position in `allCases`.") %}{% endcall %}
{%- call s::tables(el.tables.as_slice()) %}{% endcall %}
}
{%- endfor %}
{%- for set in view.sets %}
{%- let sl = layout.sets[loop.index0] %}
{% call m::doc(set.doc, "///") %}{% endcall %}
///
/// `init?(code:)` accepts every code of an entry, aliases included.
public enum {{ set.name }}: CaseIterable, Hashable, Sendable {
{%- for entry in set.entries %}
{%- call m::doc(entry.doc, "    ///") %}{% endcall %}
{%- if let Some(message) = entry.deprecated_message %}
    @available(*, deprecated, message: {{ message }})
{%- endif %}
    case {{ entry.variant }}
{%- endfor %}

    /// The entry one of whose codes is `code`, or nil for a code the catalog does not know.
    /// A binary search of the sorted code table: O(log n), no allocation.
    public init?(code: {{ set.code_type }}) {
        var low = 0
        var high = {{ sl.lookup_count }}
        while low < high {
            let middle = (low + high) / 2
            let found = Self.{{ sl.lookup_code }}(middle)
            if found < code {
                low = middle + 1
            } else if code < found {
                high = middle
            } else {
                self = Self.{{ sl.lookup_case }}(middle)
                return
            }
        }
        return nil
    }

    /// The canonical code.
    public var code: {{ set.code_type }} { Self.{{ sl.codes }}(Self.{{ sl.code_starts }}({{ layout.row }})) }

    /// Every code of this entry, the canonical one first.
    public var codes: [{{ set.code_type }}] {
        let row = {{ layout.row }}
        return ({% call s::rows(sl.code_starts) %}{% endcall %}).map(Self.{{ sl.codes }})
    }

    /// The entry's identifier in the catalog.
    public var identifier: String { Self.{{ sl.identifiers }}({{ layout.row }}) }

    /// The message in the default locale.
    public var message: String { message(in: .default) }

    /// The message in `locale`.
    public func message(in locale: CatalogLocale) -> String {
        Self.{{ sl.messages }}({% call s::in_locale(layout) %}{% endcall %})
    }

    /// The message in the platform's locale, `CatalogLocale.current`, from the
    /// package's String Catalog (the built-in text if the bundle lacks it).
    public var localizedMessage: String {
        let locale = CatalogLocale.current
        return locale._localized({{ sl.key_prefix }} + identifier + ".message", message(in: locale))
    }

    /// The handling hint in the default locale, or nil if the entry has none.
    public var hint: String? { hint(in: .default) }

    /// The handling hint in the platform's locale, `CatalogLocale.current`, from the
    /// package's String Catalog (the built-in text if the bundle lacks it), or nil
    /// if the entry has none.
    public var localizedHint: String? {
        let locale = CatalogLocale.current
        guard let text = hint(in: locale) else {
            return nil
        }
        return locale._localized({{ sl.key_prefix }} + identifier + ".hint", text)
    }

    /// The handling hint in `locale`, or nil if the entry has none.
    public func hint(in locale: CatalogLocale) -> String? {
{%- if let Some(hints) = sl.hints %}
        Self.{{ hints }}({% call s::in_locale(layout) %}{% endcall %})
{%- else %}
        nil
{%- endif %}
    }
{%- if let Some(doc_urls) = sl.doc_urls %}

    /// This entry's row in the published HTML docs.
    public var docURL: String { Self.{{ doc_urls }}({{ layout.row }}) }
{%- endif %}
{%- for attribute in set.attributes %}
{%- let al = sl.attributes[loop.index0] %}
{%- if attribute.names.is_text %}

    /// {{ attribute.summary }}, in the default locale.
    public var {{ attribute.names.accessor }}: String { {{ attribute.names.accessor }}(in: .default) }

    /// {{ attribute.summary }}, in `locale`.
    public func {{ attribute.names.accessor }}(in locale: CatalogLocale) -> String {
{%- else %}

    /// {{ attribute.summary }}.
    public var {{ attribute.names.accessor }}: {{ attribute.value_type }} {
{%- endif %}
{%- if let Some(starts) = al.starts %}
        let row = {{ layout.row }}
        return ({% call s::rows(starts) %}{% endcall %}).map(Self.{{ al.values }})
{%- else if attribute.names.is_text %}
        Self.{{ al.values }}({% call s::in_locale(layout) %}{% endcall %})
{%- else %}
        Self.{{ al.values }}({{ layout.row }})
{%- endif %}
    }
{%- if let Some(history) = al.history %}

    /// {{ attribute.summary }} on the calendar day `date` (Gregorian year, month 1–12,
    /// day) in the catalog's time zone: values before a dated change differ from now.
    /// A missing component reads as the latest possible one.
    public func {{ attribute.names.accessor }}(on date: DateComponents) -> {{ attribute.on_type }} {
        let row = {{ layout.row }}
{%- if let Some(starts) = al.starts %}
        let items = valueOn({% call s::rows(history.starts) %}{% endcall %}, Self.{{ history.rows }}, {% call s::rows(starts) %}{% endcall %}, date)
        return items.map(Self.{{ al.values }})
{%- else if attribute.names.is_text %}
        return valueOn({% call s::rows(history.starts) %}{% endcall %}, Self.{{ history.rows }}, {{ attribute.names.accessor }}(in: .default), date)
{%- else %}
        {#- The table, not the accessor: `isBillable` alone also names `isBillable(on:)`. #}
        return valueOn({% call s::rows(history.starts) %}{% endcall %}, Self.{{ history.rows }}, Self.{{ al.values }}(row), date)
{%- endif %}
    }
{%- endif %}
{%- endfor %}

    /// The message for `code` in `locale`, or a text naming the unknown code.
    public static func describe(_ code: {{ set.code_type }}, in locale: CatalogLocale = .default) -> String {
        {{ set.name }}(code: code)?.message(in: locale) ?? describeUnknown({{ set.code_to_text }}, locale)
    }
{%- call s::chain(sl.position.as_slice(), "private", "The entry's row in the tables below: its position in `allCases`.") %}{% endcall %}
{%- call s::tables(sl.tables.as_slice()) %}{% endcall %}
}

extension {{ set.name }}: CatalogCodeSet {
    public typealias RawCode = {{ set.code_type }}

    /// Decodes any code of an entry, aliases included; a code the catalog does not
    /// know throws `DecodingError.dataCorrupted` (decode `CatalogCode<{{ set.name }}>`
    /// to accept it).
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let raw = try container.decode({{ set.code_type }}.self)
        guard let value = Self(code: raw) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "\(Self.self) has no code \(raw)")
        }
        self = value
    }

    /// Encodes the canonical code.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }
}
{%- if set.is_error %}

extension {{ set.name }}: Error, LocalizedError, CustomNSError, CustomStringConvertible {
    /// The message in the platform's locale, `CatalogLocale.current`; `message(in:)`
    /// names a locale explicitly.
    public var errorDescription: String? { localizedMessage }

    /// The handling hint in the platform's locale, `CatalogLocale.current`.
    public var recoverySuggestion: String? { localizedHint }

    /// `{{ sl.domain }}`: the module and the set's catalog name.
    public static var errorDomain: String { {{ sl.domain_literal }} }
{%- if let Some(error_codes) = sl.error_codes %}

    /// FNV-1a (32 bits, top bit cleared) of the canonical code's UTF-8 bytes, stable while the code is; `errorUserInfo["code"]` holds the code.
    public var errorCode: Int { Self.{{ error_codes }}({{ layout.row }}) }
{%- else %}

    /// The canonical code: `(error as NSError).code == error.code`.
    public var errorCode: Int { code }
{%- endif %}

    /// The canonical code under `"code"` and the identifier under `"identifier"`.
    public var errorUserInfo: [String: Any] { ["code": code, "identifier": identifier] }

    /// The message in the default locale.
    public var description: String { message }
}
{%- else %}

extension {{ set.name }}: CustomStringConvertible {
    /// The message in the default locale.
    public var description: String { message }
}
{%- endif %}
{%- endfor %}

