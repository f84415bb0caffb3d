//! Kotlin: one file of enum classes, standard library only (fits Kotlin
//! Multiplatform common code), in `kotlin/<package path>/`.
//! Spelling: UpperCamel types, SCREAMING_SNAKE enum constants, lowerCamel
//! members in backticks when they are keywords.

use std::collections::HashMap;
use std::fmt::Write as _;

use askama::Template;
use heck::{ToShoutySnakeCase, ToUpperCamelCase};

use super::naming::{
    self, AttrType, AttributeNames, Oracle, PackageKey, PackageNames, PackageProblem, Reserved,
    lower_camel,
};
use super::view::{CatalogView, SetView};
use super::{Backend, Catalog};
use crate::model::{AttrKind, Code, CodeSet, KeyKind, Model, Text, Value};
use crate::output::GeneratedFile;

pub struct Kotlin;

/// Hard keywords, plus soft and modifier keywords that read badly unescaped.
const KEYWORDS: &[&str] = &[
    "as",
    "break",
    "class",
    "continue",
    "do",
    "else",
    "false",
    "for",
    "fun",
    "if",
    "in",
    "interface",
    "is",
    "null",
    "object",
    "package",
    "return",
    "super",
    "this",
    "throw",
    "true",
    "try",
    "typealias",
    "typeof",
    "val",
    "var",
    "when",
    "while",
];
/// Members of every Kotlin enum entry; constants and accessors may not shadow them.
const ENUM_MEMBERS: &[&str] = &[
    "name",
    "ordinal",
    "entries",
    "values",
    "valueOf",
    "compareTo",
    "equals",
    "hashCode",
    "toString",
];

/// Types the file declares, and standard types it uses unqualified.
const RESERVED_TYPES: &[&str] = &[
    "CatalogLocale",
    "Past",
    "List",
    "Map",
    "String",
    "Int",
    "Boolean",
    "Pair",
    "Any",
    "Unit",
    "Nothing",
    "Companion",
    "Enum",
    "Comparable",
    "Array",
    "IntArray",
    "Throwable",
    "Exception",
    "Class",
];
/// Members of every set enum class, its companion, and every Kotlin enum entry.
const SET_MEMBERS: &[&str] = &[
    "code",
    "codes",
    "identifier",
    "messages",
    "hints",
    "message",
    "messageIn",
    "hint",
    "hintIn",
    "byCode",
    "fromCode",
    "describe",
    "name",
    "ordinal",
    "entries",
    "values",
    "valueOf",
    "compareTo",
    "equals",
    "hashCode",
    "toString",
    "declaringJavaClass",
];

/// The names this language treats specially; validation checks catalog names against them.
const RESERVED: Reserved = Reserved {
    keywords: &[KEYWORDS, ENUM_MEMBERS],
    types: RESERVED_TYPES,
    set_members: SET_MEMBERS,
    enum_members: &[
        "identifier",
        "labels",
        "label",
        "labelIn",
        "name",
        "ordinal",
        "entries",
        "values",
        "valueOf",
        "compareTo",
        "equals",
        "hashCode",
        "toString",
    ],
    locale_members: &[
        "tag", "DEFAULT", "fromTag", "name", "ordinal", "entries", "values", "valueOf",
    ],
};

impl Oracle for Kotlin {
    fn language(&self) -> &'static str {
        "Kotlin"
    }

    fn type_name(&self, name: &str) -> String {
        name.to_string()
    }

    fn variant(&self, name: &str) -> String {
        name.to_shouty_snake_case()
    }

    fn member(&self, snake: &str) -> String {
        let name = lower_camel(snake);
        if ENUM_MEMBERS.contains(&name.as_str()) {
            format!("{name}Value")
        } else if KEYWORDS.contains(&name.as_str()) {
            format!("`{name}`")
        } else {
            name
        }
    }

    fn string(&self, text: &str) -> String {
        // Kotlin has no \u{…}: code points outside the BMP stay literal (UTF-8 source).
        naming::c_like_string(
            text,
            |n| format!("\\u{n:04X}"),
            &[('$', "\\$"), ('\u{8}', "\\b")],
        )
    }

    /// KDoc is Markdown in a block comment, and Kotlin block comments nest: both
    /// `/*` and `*/` are broken up; `@` would start a KDoc tag.
    fn doc(&self, text: &str) -> Vec<String> {
        naming::markdown_prose(text)
            .iter()
            .map(|l| naming::block_comment_safe(l).replace('@', "&#64;"))
            .collect()
    }

    fn list(&self, items: &[String]) -> String {
        format!("listOf({})", items.join(", "))
    }

    fn enum_value(&self, type_name: &str, value: &str) -> String {
        format!("{type_name}.{value}")
    }

    fn code_type(&self, key: KeyKind) -> &'static str {
        match key {
            KeyKind::Int => "Int",
            KeyKind::Str => "String",
        }
    }

    fn code_to_text(&self, key: KeyKind) -> &'static str {
        match key {
            KeyKind::Int => "code.toString()",
            KeyKind::Str => "code",
        }
    }

    fn value_type(&self, kind: &AttrType) -> String {
        match kind {
            AttrType::Bool => "Boolean".into(),
            AttrType::Enum(name) => name.clone(),
            AttrType::List(name) => format!("List<{name}>"),
            AttrType::Text => "List<String>".into(),
        }
    }

    fn reserved(&self) -> &'static Reserved {
        &RESERVED
    }

    fn attribute_members<'n>(&self, names: &'n AttributeNames) -> Vec<&'n str> {
        let mut members = vec![names.accessor.as_str()];
        if names.is_text {
            members.extend([names.field.as_str(), names.in_accessor.as_str()]);
        }
        if let Some(on) = &names.on_accessor {
            members.extend([on.as_str(), names.history_field.as_str()]);
        }
        members
    }

    fn package_problems(&self, names: &PackageNames) -> Vec<PackageProblem> {
        let (package, key) = match names.kotlin_package {
            Some(package) => (package.to_string(), PackageKey::KotlinPackage),
            None => (names.name.replace('-', "."), PackageKey::Name),
        };
        let from = match key {
            PackageKey::Name => " (from the catalog name; set `kotlin_package` to choose another)",
            _ => "",
        };
        let problem = |message: String| {
            PackageProblem {
            key,
            message: format!("{message}{from}"),
            hint: "use dot-separated lower-case segments that are not keywords, e.g. `com.example.codes`".into(),
        }
        };
        let mut problems = Vec::new();
        if package == "kotlin"
            || ["kotlin.", "java.", "javax."]
                .iter()
                .any(|p| package.starts_with(p))
        {
            problems.push(problem(format!(
                "the Kotlin package `{package}` is reserved for the platform"
            )));
        }
        for segment in package.split('.') {
            if KEYWORDS.contains(&segment) {
                problems.push(problem(format!(
                    "the Kotlin package `{package}` has the keyword `{segment}` as a segment"
                )));
            } else if !segment.starts_with(|c: char| c.is_ascii_alphabetic()) {
                problems.push(problem(format!("the Kotlin package `{package}` has a segment `{segment}` that does not start with a letter")));
            }
        }
        problems
    }

    fn text_type(&self) -> &'static str {
        "String"
    }
}

impl Backend for Kotlin {
    fn name(&self) -> &'static str {
        "kotlin"
    }

    fn oracle(&self) -> Option<&dyn Oracle> {
        Some(self)
    }

    fn render(&self, catalog: &Catalog) -> Vec<GeneratedFile> {
        let model = catalog.model;
        let view = CatalogView::build(model, catalog.source, self);
        let package = package(model);
        let path = format!(
            "kotlin/{}/{}.kt",
            package.replace('.', "/"),
            file_name(model)
        );
        vec![super::file(
            &path,
            &KotlinFile {
                sets: model
                    .sets
                    .iter()
                    .zip(&view.sets)
                    .map(|(set, set_view)| set_code(model, set, set_view))
                    .collect(),
                view: &view,
                package,
                enum_limit: ENUM_LIMIT,
            },
        )]
    }
}

/// The package: `kotlin_package`, or one derived from the catalog name.
pub fn package(model: &Model) -> String {
    model
        .kotlin_package
        .clone()
        .unwrap_or_else(|| model.name.replace('-', "."))
}

/// The file name (without `.kt`), e.g. `FaceidCodes`.
pub fn file_name(model: &Model) -> String {
    model.name.to_upper_camel_case()
}

#[derive(Template)]
#[template(path = "kotlin/Codes.kt", escape = "none")]
struct KotlinFile<'a> {
    view: &'a CatalogView,
    package: String,
    sets: Vec<SetCode>,
    enum_limit: usize,
}

/// A set of at most this many entries is an `enum class`; a larger one is a
/// final class of shared instances, so that the enum's static initializer (one
/// constructor call and one array slot per constant) stays far below the JVM's
/// 64 KB method limit, which it reaches at about 2,900 bare constants.
pub const ENUM_LIMIT: usize = 1000;

/// Table functions hold at most this many entries per chunk object ...
const ROWS_PER_CHUNK: usize = 500;
/// ... and at most this many literals (strings, list items) per chunk, so no
/// function nears the 64 KB method limit and no class the 65,535 constants of
/// its constant pool, whatever the locales and attributes.
const LITERALS_PER_CHUNK: usize = 3000;
/// Codes per lookup chunk: one `when` (a JVM lookupswitch) each.
const CODES_PER_CHUNK: usize = 1000;

/// One set, ready to print: the data lives in `when` tables of private nested
/// objects (no static initializer holds it), the type only names the entries.
struct SetCode {
    name: String,
    doc: Vec<String>,
    code_type: &'static str,
    code_to_text: &'static str,
    /// Above [`ENUM_LIMIT`]: a class with preallocated instances.
    large: bool,
    count: usize,
    entries: Vec<EntryCode>,
    attributes: Vec<AttributeCode>,
    /// The body of `fromCode` up to a local `i`, the entry index or -1.
    find: Vec<String>,
    /// The private objects holding the tables, indented one level.
    tables: String,
}

struct EntryCode {
    variant: String,
    doc: Vec<String>,
    index: usize,
}

struct AttributeCode {
    accessor: String,
    in_accessor: String,
    on_accessor: Option<String>,
    is_text: bool,
    value_type: String,
    on_type: String,
    summary: String,
    /// The table function, e.g. `a0`; dated attributes also have `a0Past`.
    column: String,
}

/// One table: a value per entry (per entry and locale when localized).
struct Column {
    name: String,
    ty: String,
    /// Per entry, one literal per locale (one only when not localized).
    values: Vec<Vec<String>>,
    localized: bool,
    /// Literals this column holds for an entry (strings and list items).
    weights: Vec<usize>,
}

/// A dated attribute's earlier values: per entry, the expression giving the
/// value on day (`year`, `month`, `day`), or `null` when today's applies.
struct PastColumn {
    name: String,
    ty: String,
    values: Vec<String>,
}

fn set_code(model: &Model, set: &CodeSet, view: &SetView) -> SetCode {
    let k = &Kotlin;
    let locales = &model.locales;
    let default = model.default_locale();
    let localized = |text: &Text| -> Vec<String> {
        locales.iter().map(|l| k.string(text.get(l))).collect()
    };
    let code = |c: &Code| match c {
        Code::Int(n) => n.to_string(),
        Code::Str(s) => k.string(s),
    };
    let value = |v: &Value| -> String {
        match v {
            Value::Bool(b) => b.to_string(),
            Value::Enum(e) => k.enum_value(&k.type_name(&e.type_name), &k.variant(&e.name)),
            Value::List(items) => k.list(
                &items
                    .iter()
                    .map(|e| k.enum_value(&k.type_name(&e.type_name), &k.variant(&e.name)))
                    .collect::<Vec<_>>(),
            ),
            Value::Text(t) => k.string(t.get(default)),
        }
    };
    let weight = |v: &Value| match v {
        Value::List(items) => items.len() + 1,
        _ => 1,
    };
    let large = set.entries.len() > ENUM_LIMIT;
    let code_type = view.code_type;
    let single = |name: &str, ty: String, values: Vec<String>, weights: Vec<usize>| Column {
        name: name.into(),
        ty,
        values: values.into_iter().map(|v| vec![v]).collect(),
        localized: false,
        weights,
    };
    let ones = vec![1; set.entries.len()];
    let mut columns = Vec::new();
    if large {
        columns.push(single(
            "name",
            "String".into(),
            view.entries.iter().map(|e| k.string(&e.variant)).collect(),
            ones.clone(),
        ));
    }
    columns.push(single(
        "code",
        code_type.into(),
        view.entries.iter().map(|e| e.canonical.clone()).collect(),
        ones.clone(),
    ));
    columns.push(single(
        "codes",
        format!("List<{code_type}>"),
        set.entries
            .iter()
            .map(|e| k.list(&e.codes.iter().map(code).collect::<Vec<_>>()))
            .collect(),
        set.entries.iter().map(|e| e.codes.len()).collect(),
    ));
    columns.push(single(
        "identifier",
        "String".into(),
        set.entries.iter().map(|e| k.string(&e.name)).collect(),
        ones.clone(),
    ));
    let texts = |name: &str, ty: &str, values: Vec<Vec<String>>| Column {
        name: name.into(),
        ty: ty.into(),
        weights: vec![locales.len(); values.len()],
        values,
        localized: true,
    };
    columns.push(texts(
        "message",
        "String",
        set.entries.iter().map(|e| localized(&e.message)).collect(),
    ));
    columns.push(texts(
        "hint",
        "String?",
        set.entries
            .iter()
            .map(|e| match &e.hint {
                Some(h) => localized(h),
                None => vec!["null".to_string(); locales.len()],
            })
            .collect(),
    ));
    let mut pasts = Vec::new();
    let mut attributes = Vec::new();
    for (index, (attribute, a)) in set.attributes.iter().zip(&view.attributes).enumerate() {
        let column = format!("a{index}");
        let is_text = attribute.kind == AttrKind::Text;
        if is_text {
            columns.push(texts(
                &column,
                "String",
                set.entries
                    .iter()
                    .map(|e| match &e.values[index].current {
                        Value::Text(t) => localized(t),
                        other => vec![value(other)],
                    })
                    .collect(),
            ));
        } else {
            columns.push(single(
                &column,
                a.value_type.clone(),
                set.entries
                    .iter()
                    .map(|e| value(&e.values[index].current))
                    .collect(),
                set.entries
                    .iter()
                    .map(|e| weight(&e.values[index].current))
                    .collect(),
            ));
        }
        if attribute.has_changes {
            let values = set
                .entries
                .iter()
                .map(|e| {
                    let history = &e.values[index].history;
                    if history.is_empty() {
                        return "null".to_string();
                    }
                    let mut expr = String::new();
                    for past in history {
                        let _ = write!(
                            expr,
                            "if (_before(year, month, day, {}, {}, {})) {} else ",
                            past.until.year,
                            past.until.month,
                            past.until.day,
                            value(&past.value)
                        );
                    }
                    expr.push_str("null");
                    expr
                })
                .collect();
            pasts.push(PastColumn {
                name: format!("{column}Past"),
                ty: format!("{}?", a.on_type),
                values,
            });
        }
        attributes.push(AttributeCode {
            accessor: a.names.accessor.clone(),
            in_accessor: a.names.in_accessor.clone(),
            on_accessor: a.names.on_accessor.clone(),
            is_text,
            value_type: a.value_type.clone(),
            on_type: a.on_type.clone(),
            summary: a.summary.clone(),
            column,
        });
    }
    // Rows per chunk: the same for the whole set, so dispatch is `i / rows`.
    let heaviest = (0..set.entries.len())
        .map(|i| {
            columns.iter().map(|c| c.weights[i]).sum::<usize>()
                + pasts.iter().map(|p| usize::from(p.values[i] != "null") * 2).sum::<usize>()
        })
        .max()
        .unwrap_or(1);
    let rows = (LITERALS_PER_CHUNK / heaviest).clamp(1, ROWS_PER_CHUNK);
    let chunks = set.entries.len().div_ceil(rows).max(1);
    let mut tables = String::new();
    data_object(&mut tables, &columns, &pasts, rows, chunks);
    for chunk in 0..chunks {
        let range = chunk * rows..((chunk + 1) * rows).min(set.entries.len());
        rows_object(&mut tables, chunk, range, &columns, &pasts);
    }
    let find = find_code(&mut tables, set);
    SetCode {
        name: view.name.clone(),
        doc: view.doc.clone(),
        code_type,
        code_to_text: view.code_to_text,
        large,
        count: set.entries.len(),
        entries: view
            .entries
            .iter()
            .enumerate()
            .map(|(index, e)| EntryCode {
                variant: e.variant.clone(),
                doc: e.doc.clone(),
                index,
            })
            .collect(),
        attributes,
        find,
        tables,
    }
}

/// `private object _Data`: one function per column choosing the chunk of row `i`.
fn data_object(out: &mut String, columns: &[Column], pasts: &[PastColumn], rows: usize, chunks: usize) {
    out.push_str("\n    /** Every table, by entry index. */\n    private object _Data {\n");
    let dispatch = |out: &mut String, head: String, call: &str| {
        if chunks == 1 {
            let _ = writeln!(out, "        {head} = _Rows0.{call}");
            return;
        }
        let _ = writeln!(out, "        {head} = when (i / {rows}) {{");
        for chunk in 0..chunks {
            let label = if chunk + 1 == chunks {
                "else".to_string()
            } else {
                chunk.to_string()
            };
            let _ = writeln!(out, "            {label} -> _Rows{chunk}.{call}");
        }
        out.push_str("        }\n");
    };
    for column in columns {
        let (params, args) = if column.localized {
            ("i: Int, l: Int", "i, l")
        } else {
            ("i: Int", "i")
        };
        dispatch(
            out,
            format!("fun {}({params}): {}", column.name, column.ty),
            &format!("{}({args})", column.name),
        );
    }
    for past in pasts {
        dispatch(
            out,
            format!(
                "fun {}(i: Int, year: Int, month: Int, day: Int): {}",
                past.name, past.ty
            ),
            &format!("{}(i, year, month, day)", past.name),
        );
    }
    out.push_str("    }\n");
}

/// `private object _Rows<chunk>`: the columns' values of the rows in `range`.
fn rows_object(
    out: &mut String,
    chunk: usize,
    range: std::ops::Range<usize>,
    columns: &[Column],
    pasts: &[PastColumn],
) {
    let _ = writeln!(
        out,
        "\n    /** Entries {} to {}. */\n    private object _Rows{chunk} {{",
        range.start,
        range.end - 1
    );
    for column in columns {
        let locales = column.values.first().map_or(1, Vec::len);
        if column.localized && locales > 1 {
            let _ = writeln!(
                out,
                "        fun {name}(i: Int, l: Int): {ty} = when (l) {{",
                name = column.name,
                ty = column.ty
            );
            for l in 0..locales {
                let label = if l + 1 == locales { "else".to_string() } else { l.to_string() };
                let _ = writeln!(out, "            {label} -> {}{l}(i)", column.name);
            }
            out.push_str("        }\n");
            for l in 0..locales {
                let arms = range.clone().map(|i| (i, column.values[i][l].clone()));
                when_function(out, &format!("private fun {}{l}(i: Int): {}", column.name, column.ty), arms, None);
            }
        } else {
            let params = if column.localized { "i: Int, @Suppress(\"UNUSED_PARAMETER\") l: Int" } else { "i: Int" };
            let arms = range.clone().map(|i| (i, column.values[i][0].clone()));
            when_function(out, &format!("fun {}({params}): {}", column.name, column.ty), arms, None);
        }
    }
    for past in pasts {
        let arms = range.clone().map(|i| (i, past.values[i].clone()));
        when_function(
            out,
            &format!(
                "fun {}(i: Int, year: Int, month: Int, day: Int): {}",
                past.name, past.ty
            ),
            arms,
            Some("null"),
        );
    }
    out.push_str("    }\n");
}

/// `head = when (i) { … }`, equal values sharing an arm; the most frequent
/// value (or `fallback`) is the `else` arm.
fn when_function(
    out: &mut String,
    head: &str,
    arms: impl Iterator<Item = (usize, String)>,
    fallback: Option<&str>,
) {
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    let mut position: HashMap<String, usize> = HashMap::new();
    for (i, value) in arms {
        let at = *position.entry(value.clone()).or_insert_with(|| {
            groups.push((value, Vec::new()));
            groups.len() - 1
        });
        groups[at].1.push(i);
    }
    let otherwise = match fallback {
        Some(f) => f.to_string(),
        None => groups
            .iter()
            .enumerate()
            .max_by_key(|(at, (_, keys))| (keys.len(), std::cmp::Reverse(*at)))
            .map(|(_, (v, _))| v.clone())
            .unwrap_or_default(),
    };
    let listed: Vec<&(String, Vec<usize>)> = groups.iter().filter(|(v, _)| *v != otherwise).collect();
    if listed.is_empty() {
        let _ = writeln!(out, "        {head} = {otherwise}");
        return;
    }
    let _ = writeln!(out, "        {head} = when (i) {{");
    for (value, keys) in listed {
        let keys: Vec<String> = keys.iter().map(usize::to_string).collect();
        let _ = writeln!(out, "            {} -> {value}", keys.join(", "));
    }
    let _ = writeln!(out, "            else -> {otherwise}\n        }}");
}

/// The hash `String.hashCode()` gives on the JVM and in Kotlin/JS.
fn string_hash(text: &str) -> i32 {
    text.encode_utf16()
        .fold(0i32, |h, unit| h.wrapping_mul(31).wrapping_add(i32::from(unit)))
}

/// Lookup chunks (`private object _Find<n>`, a `when` over codes each, written
/// to `out`) and the lines of `fromCode` that pick the chunk by binary search
/// over the key (the code, or the hash of a string code) and set `i`.
fn find_code(out: &mut String, set: &CodeSet) -> Vec<String> {
    let k = &Kotlin;
    let mut keyed: Vec<(i32, String, usize)> = set
        .entries
        .iter()
        .enumerate()
        .flat_map(|(index, e)| e.codes.iter().map(move |c| (c, index)))
        .map(|(c, index)| match c {
            Code::Int(n) => (*n, n.to_string(), index),
            Code::Str(s) => (string_hash(s), k.string(s), index),
        })
        .collect();
    keyed.sort();
    // Chunks never split one key (strings of equal hash stay together).
    let mut chunks: Vec<&[(i32, String, usize)]> = Vec::new();
    let mut start = 0;
    for at in 1..=keyed.len() {
        let full = at - start >= CODES_PER_CHUNK;
        if at == keyed.len() || (full && keyed[at].0 != keyed[at - 1].0) {
            chunks.push(&keyed[start..at]);
            start = at;
        }
    }
    let ty = match set.key {
        KeyKind::Int => "Int",
        KeyKind::Str => "String",
    };
    for (n, chunk) in chunks.iter().enumerate() {
        let _ = writeln!(out, "\n    /** Codes to entry indices, part {n}. */\n    private object _Find{n} {{");
        let _ = writeln!(out, "        fun index(code: {ty}): Int = when (code) {{");
        let mut arms: Vec<(usize, Vec<&str>)> = Vec::new();
        for (_, literal, index) in chunk.iter() {
            match arms.last_mut() {
                Some((last, codes)) if *last == *index => codes.push(literal),
                _ => arms.push((*index, vec![literal])),
            }
        }
        for (index, codes) in arms {
            let _ = writeln!(out, "            {} -> {index}", codes.join(", "));
        }
        out.push_str("            else -> -1\n        }\n    }\n");
    }
    let key = match set.key {
        KeyKind::Int => "code",
        KeyKind::Str => "h",
    };
    let mut lines = Vec::new();
    if set.key == KeyKind::Str && chunks.len() > 1 {
        lines.push("val h = code.hashCode()".to_string());
    }
    let bounds: Vec<i32> = chunks.iter().map(|c| c[0].0).collect();
    lines.push(format!("val i = {}", search(key, &bounds, 0, chunks.len())));
    lines
}

/// A nested `if` picking chunk `lo..hi` whose first key is at most `key`.
fn search(key: &str, bounds: &[i32], lo: usize, hi: usize) -> String {
    if hi - lo <= 1 {
        return format!("_Find{lo}.index(code)");
    }
    let mid = (lo + hi) / 2;
    format!(
        "if ({key} < {}) {} else {}",
        bounds[mid],
        search(key, bounds, lo, mid),
        search(key, bounds, mid, hi)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_literals() {
        assert_eq!(Kotlin.variant("LivenessFailed5026"), "LIVENESS_FAILED5026");
        assert_eq!(Kotlin.member("in"), "`in`");
        assert_eq!(Kotlin.member("name"), "nameValue");
        assert_eq!(Kotlin.string("$x ${x} \"\\"), "\"\\$x \\${x} \\\"\\\\\"");
        assert_eq!(Kotlin.string("\u{7}"), "\"\\u0007\"");
        assert_eq!(
            Kotlin.doc("a */ b /* c @suppress"),
            vec!["a *\\/ b /\\* c &#64;suppress"]
        );
    }
}
