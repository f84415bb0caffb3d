//! The Swift source's layout as view data: which `switch` chunks number the
//! cases, which tables hold the data and how they split at [`BOUND`], all as
//! names, literals (spelled by the oracle) and numbers. `templates/swift/layout.txt`
//! and `Codes.swift` write the Swift around them.

use askama::Template;

use crate::model::{
    AttrKind, AttrValue, Attribute, Code, CodeSet, EnumDef, EnumRef, KeyKind, Model, Text, Value,
};
use crate::render::naming::Oracle;
use crate::render::view::{AttributeView, CatalogView, EnumView, SetView};

/// The most arms of any generated `switch`, and the most elements of any array
/// literal, whatever the catalog's size.
///
/// Swift's type checker and optimizer are known to slow down sharply on long
/// `switch` statements and large literal expressions, and no Swift compiler runs
/// here to find the limit. So per-entry data lives in explicitly typed static
/// arrays of at most `BOUND` elements (an array of such chunks, itself at most
/// `BOUND` long, when there are more), read by index; a case finds its index in
/// a chain of `switch` statements of at most `BOUND` arms; codes are looked up by
/// binary search in a sorted table. Nothing the compiler sees grows with the
/// catalog except the number of cases, chunks and functions. 256 keeps every
/// function small while 2,000 entries need only 8 chunks per table.
pub const BOUND: usize = 256;

/// The Swift source file: the view's names and literals, and the layout.
#[derive(Template)]
#[template(path = "swift/Codes.swift", escape = "none")]
pub(super) struct SwiftFile<'a> {
    view: &'a CatalogView,
    layout: Layout,
    bound: usize,
}

impl<'a> SwiftFile<'a> {
    /// The source of `view`'s catalog `model`, spelled by `lang` (Swift's
    /// oracle), in package module `module` with Apple `localizations`.
    pub(super) fn new(
        model: &Model,
        view: &'a CatalogView,
        lang: &dyn Oracle,
        module: &str,
        localizations: &[String],
    ) -> Self {
        SwiftFile {
            view,
            layout: Layout::build(model, view, lang, module, localizations),
            bound: BOUND,
        }
    }
}

/// How the generated Swift stores its data: for the locale enum, every catalog
/// enum and every set, a chain of `switch` chunks giving each case its row, and
/// chunked tables read by row. View data only (names, literals and numbers):
/// the template writes the Swift around them.
struct Layout {
    /// The locale enum's chain: each locale's row, [`LOCALE_ROW`].
    locales: Vec<Chunk>,
    /// The locale enum's tables: unknown-code texts and Apple localizations.
    locale_tables: Vec<Table>,
    /// Their functions.
    unknown_code: String,
    localization: String,
    /// The accessors giving a case its row: [`LOCALE_ROW`] and [`ROW`].
    locale_row: &'static str,
    row: &'static str,
    /// How many locales: a text table holds row `r`, locale `l` at `r * locale_count + l`.
    locale_count: usize,
    /// One per catalog enum, in order.
    enums: Vec<EnumLayout>,
    /// One per set, in order.
    sets: Vec<SetLayout>,
    /// The catalog's `date_zone` as a literal, for `catalogDay(of:)`.
    date_zone: Option<String>,
}

/// The accessor giving an enum value or an entry its row in its type's tables.
const ROW: &str = "_position";
/// The accessor giving a locale its row (public: other types read it).
const LOCALE_ROW: &str = "index";

struct EnumLayout {
    position: Vec<Chunk>,
    tables: Vec<Table>,
    /// Functions of the tables the public members read.
    identifiers: String,
    labels: String,
}

struct SetLayout {
    position: Vec<Chunk>,
    tables: Vec<Table>,
    /// How many codes the lookup table holds.
    lookup_count: usize,
    /// Functions of the tables the public members read: the sorted codes and
    /// their cases, every entry's codes and where they start, identifiers,
    /// messages, hints and doc URLs.
    lookup_code: String,
    lookup_case: String,
    codes: String,
    code_starts: String,
    identifiers: String,
    messages: String,
    hints: Option<String>,
    doc_urls: Option<String>,
    /// The `errorCode` table of a string-keyed error set (an int code is its own).
    error_codes: Option<String>,
    /// One per attribute, in order.
    attributes: Vec<AttributeLayout>,
    /// The literal `"<set name>."` starting the set's String Catalog keys.
    key_prefix: String,
    /// `CustomNSError`'s `errorDomain`: as text (for its doc) and as a literal.
    domain: String,
    domain_literal: String,
}

/// The tables an attribute's accessors read.
struct AttributeLayout {
    /// The function reading the values.
    values: String,
    /// A list's: where each row's items start among the values.
    starts: Option<String>,
    /// A dated attribute's history rows, and where each row's start.
    history: Option<History>,
}

struct History {
    rows: String,
    starts: String,
}

/// One `switch self` of a chain: the first chunk's name is the row accessor;
/// each chunk answers its cases and hands the rest to the next one, and the
/// last answers its last case by `default`.
struct Chunk {
    name: String,
    /// Each case and its row.
    arms: Vec<(String, usize)>,
    /// What `default` answers, if the switch has one.
    default: Option<Fallback>,
}

enum Fallback {
    /// The next chunk, by name.
    Next(String),
    /// The last case's row: every other case was answered before.
    Last { row: usize, variant: String },
}

/// A table of items read through a static function `func` taking the index.
struct Table {
    /// What the table holds, for the comment above its function.
    doc: String,
    func: String,
    elem: Elem,
    /// `fileprivate` rather than `private`: read from outside its type.
    fileprivate: bool,
    /// The root array, and the indexes reading an item from it, outermost first.
    storage: String,
    index: Vec<Index>,
    /// The root array and its chunks.
    decls: Vec<Decl>,
}

/// The type of a table's items.
enum Elem {
    /// A type by name (`Int`, `String`, a set or enum).
    Named(String),
    /// A named type or nil.
    Optional(String),
    /// A history row: until year, month, day, and an earlier value of a named
    /// type, or the range of a list's earlier items in its values table.
    Until(String),
    UntilItems,
}

/// One index into a level of a table: `i`, divided by `divisor`, modulo `modulo`.
struct Index {
    divisor: Option<usize>,
    modulo: Option<usize>,
}

/// A static array of at most [`BOUND`] items, of the element type in `depth`
/// arrays (1 for a chunk of items, 2 for an array of those, ...), printed
/// several to a line while they fit [`LINE`] characters.
struct Decl {
    name: String,
    depth: usize,
    lines: Vec<Vec<Item>>,
}

/// An item of a table.
enum Item {
    /// A literal spelled by the oracle, or the name of a chunk.
    Spelled(String),
    /// No value: an entry without a hint.
    Nil,
    /// A history row: the day (year, month, day) before which `value` held.
    Until {
        year: u16,
        month: u8,
        day: u8,
        value: Earlier,
    },
}

/// The earlier value in a history row.
enum Earlier {
    Spelled(String),
    /// The rows `start..<end` of a list's items.
    Items {
        start: usize,
        end: usize,
    },
}

impl Item {
    /// How many characters the template's `item` macro prints for the item,
    /// for [`lines`] to break lines at; a test keeps the two in step.
    fn width(&self) -> usize {
        fn digits(n: usize) -> usize {
            n.to_string().len()
        }
        match self {
            Item::Spelled(text) => text.chars().count(),
            Item::Nil => 3,
            Item::Until {
                year,
                month,
                day,
                value,
            } => {
                let value = match value {
                    Earlier::Spelled(text) => text.chars().count(),
                    Earlier::Items { start, end } => digits(*start) + 3 + digits(*end),
                };
                // Parentheses and three separators around the four fields.
                let fields = [usize::from(*year), usize::from(*month), usize::from(*day)];
                fields.into_iter().map(digits).sum::<usize>() + value + 8
            }
        }
    }
}

/// How wide a line of table items grows before the next item starts a new one.
const LINE: usize = 100;

/// `items` in lines of about [`LINE`] characters, each item followed by a
/// separator and a space between them.
fn lines(items: Vec<Item>) -> Vec<Vec<Item>> {
    let mut lines: Vec<Vec<Item>> = Vec::new();
    let mut width = 0;
    for item in items {
        let item_width = item.width();
        match lines.last_mut() {
            Some(line) if width + item_width + 2 <= LINE => {
                width += item_width + 2;
                line.push(item);
            }
            _ => {
                width = item_width + 1;
                lines.push(vec![item]);
            }
        }
    }
    lines
}

/// The cases `variants` (declaration order) numbered from 0 by `switch` chunks
/// of at most [`BOUND`] arms: `first` is the entry point, `_<rest>_<k>` the others.
fn chain(first: &str, rest: &str, variants: &[&str]) -> Vec<Chunk> {
    let numbered: Vec<(String, usize)> = variants
        .iter()
        .enumerate()
        .map(|(i, v)| (v.to_string(), i))
        .collect();
    if numbered.len() <= BOUND {
        return vec![Chunk {
            name: first.to_string(),
            arms: numbered,
            default: None,
        }];
    }
    let groups: Vec<&[(String, usize)]> = numbered.chunks(BOUND - 1).collect();
    let name = |k: usize| {
        if k == 0 {
            first.to_string()
        } else {
            format!("{rest}_{k}")
        }
    };
    groups
        .iter()
        .enumerate()
        .map(|(k, group)| {
            let mut arms = group.to_vec();
            let default = if k + 1 < groups.len() {
                Fallback::Next(name(k + 1))
            } else {
                let (variant, row) = arms.pop().expect("chunks are not empty");
                Fallback::Last { row, variant }
            };
            Chunk {
                name: name(k),
                arms,
                default: Some(default),
            }
        })
        .collect()
}

impl Table {
    /// `items` of type `elem` as a tree of arrays of at most [`BOUND`] elements,
    /// the root named `storage` and the others `<storage>_<level>_<k>`.
    fn new(func: &str, storage: &str, elem: Elem, items: Vec<Item>) -> Table {
        let mut depth = 1;
        let mut capacity = BOUND;
        while capacity < items.len() {
            depth += 1;
            capacity *= BOUND;
        }
        let mut decls = Vec::new();
        let mut level = items;
        for height in 1..depth {
            let mut names = Vec::new();
            let mut rest = level.into_iter().peekable();
            let mut k = 0;
            while rest.peek().is_some() {
                let name = format!("{storage}_{height}_{k}");
                decls.push(Decl {
                    name: name.clone(),
                    depth: height,
                    lines: lines(rest.by_ref().take(BOUND).collect()),
                });
                names.push(Item::Spelled(name));
                k += 1;
            }
            level = names;
        }
        decls.push(Decl {
            name: storage.to_string(),
            depth,
            lines: lines(level),
        });
        decls.reverse();
        let index = (0..depth)
            .rev()
            .map(|power| Index {
                divisor: (power > 0).then(|| BOUND.pow(power as u32)),
                modulo: (power + 1 < depth).then_some(BOUND),
            })
            .collect();
        Table {
            doc: String::new(),
            func: func.to_string(),
            elem,
            fileprivate: false,
            storage: storage.to_string(),
            index,
            decls,
        }
    }

    fn doc(mut self, doc: impl Into<String>) -> Table {
        self.doc = doc.into();
        self
    }
}

/// `_<name>`: generated private names start with `_`, which no catalog-derived
/// Swift name does (UpperCamel and lowerCamel names hold no `_`).
fn private_name(accessor: &str) -> String {
    format!("_{}", accessor.trim_matches('`'))
}

/// Every locale's text of `text`, row by row: row `r`, locale `l` at `r * locales + l`.
fn texts_of<'a>(
    lang: &'a dyn Oracle,
    model: &'a Model,
    text: &'a Text,
) -> impl Iterator<Item = Item> + 'a {
    model
        .locales
        .iter()
        .map(|l| Item::Spelled(lang.string(text.get(l))))
}

/// Items spelled already.
fn spelled(items: impl IntoIterator<Item = String>) -> Vec<Item> {
    items.into_iter().map(Item::Spelled).collect()
}

impl Layout {
    fn build(
        model: &Model,
        view: &CatalogView,
        lang: &dyn Oracle,
        module: &str,
        localizations: &[String],
    ) -> Layout {
        let locales: Vec<&str> = view.locales.iter().map(|l| l.variant.as_str()).collect();
        let mut unknown = Table::new(
            "_unknownCode",
            "_unknownCodes",
            Elem::Named(lang.text_type().into()),
            spelled(view.unknown.clone()),
        )
        .doc("The text for an unknown code, by locale.");
        unknown.fileprivate = true;
        let mut bundles = Table::new(
            "_localization",
            "_localizations",
            Elem::Named(lang.text_type().into()),
            spelled(localizations.iter().map(|l| lang.string(l))),
        )
        .doc("The Apple localization (`.lproj`) of each locale, by locale.");
        bundles.fileprivate = true;
        Layout {
            locales: chain(LOCALE_ROW, "_index", &locales),
            unknown_code: unknown.func.clone(),
            localization: bundles.func.clone(),
            locale_tables: vec![unknown, bundles],
            locale_row: LOCALE_ROW,
            row: ROW,
            locale_count: model.locales.len(),
            date_zone: model.date_zone.as_deref().map(|zone| lang.string(zone)),
            enums: model
                .enums
                .iter()
                .zip(&view.enums)
                .map(|(e, ev)| enum_layout(lang, model, e, ev))
                .collect(),
            sets: model
                .sets
                .iter()
                .zip(&view.sets)
                .map(|(set, sv)| set_layout(lang, model, set, sv, module))
                .collect(),
        }
    }
}

/// The type name of an index or offset.
const INT: &str = "Int";

fn enum_layout(lang: &dyn Oracle, model: &Model, e: &EnumDef, view: &EnumView) -> EnumLayout {
    let variants: Vec<&str> = view.values.iter().map(|v| v.variant.as_str()).collect();
    let identifiers = Table::new(
        "_identifier",
        "_identifiers",
        Elem::Named(lang.text_type().into()),
        spelled(view.values.iter().map(|v| v.name.clone())),
    )
    .doc("Each value's identifier, by row.");
    let labels = Table::new(
        "_label",
        "_labels",
        Elem::Named(lang.text_type().into()),
        e.values
            .iter()
            .flat_map(|v| texts_of(lang, model, &v.label))
            .collect(),
    )
    .doc("Each value's label in every locale: row * locales + locale.");
    EnumLayout {
        position: chain(ROW, ROW, &variants),
        identifiers: identifiers.func.clone(),
        labels: labels.func.clone(),
        tables: vec![identifiers, labels],
    }
}

/// The `errorDomain` of a set: the module and the set's catalog name, as Swift
/// itself names a Swift error's domain, but fixed whatever the Swift spelling.
pub fn error_domain(module: &str, set: &CodeSet) -> String {
    format!("{module}.{}", set.name)
}

/// The `errorCode` of a string code: FNV-1a (32 bits) of its UTF-8 bytes, the top
/// bit cleared so it is positive on every platform. Stable while the code is.
pub fn string_error_code(code: &str) -> i64 {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in code.bytes() {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    i64::from(hash & 0x7fff_ffff)
}

/// A code as a literal.
fn code_literal(lang: &dyn Oracle, code: &Code) -> String {
    match code {
        Code::Int(n) => lang.integer(*n),
        Code::Str(s) => lang.string(s),
    }
}

fn set_layout(
    lang: &dyn Oracle,
    model: &Model,
    set: &CodeSet,
    view: &SetView,
    module: &str,
) -> SetLayout {
    let locales = model.locales.len();
    let variants: Vec<&str> = view.entries.iter().map(|e| e.variant.as_str()).collect();
    let code_type = || Elem::Named(view.code_type.into());
    let text = || Elem::Named(lang.text_type().into());
    let lookup_code = Table::new(
        "_lookupCode",
        "_lookupCodes",
        code_type(),
        spelled(set.lookup.iter().map(|(c, _)| code_literal(lang, c))),
    )
    .doc("Every code, aliases included, sorted: the keys of the binary search.");
    let lookup_case = Table::new(
        "_lookupCase",
        "_lookupCases",
        Elem::Named(view.name.clone()),
        spelled(
            set.lookup
                .iter()
                .map(|(_, row)| lang.enum_value(&view.name, &view.entries[*row].variant)),
        ),
    )
    .doc("The entry of each code in `_lookupCodes`, at the same position.");
    let codes = Table::new(
        "_code",
        "_codeTable",
        code_type(),
        spelled(
            set.entries
                .iter()
                .flat_map(|e| e.codes.iter().map(|c| code_literal(lang, c))),
        ),
    )
    .doc("Every entry's codes, the canonical one first, entry after entry.");
    let code_starts = Table::new(
        "_codeStart",
        "_codeStarts",
        Elem::Named(INT.into()),
        starts(set.entries.iter().map(|e| e.codes.len())),
    )
    .doc("Where each row's codes start in `_codeTable`, and the end.");
    let identifiers = Table::new(
        "_identifier",
        "_identifiers",
        text(),
        spelled(view.entries.iter().map(|e| e.identifier.clone())),
    )
    .doc("Each entry's identifier, by row.");
    let messages = Table::new(
        "_message",
        "_messages",
        text(),
        set.entries
            .iter()
            .flat_map(|e| texts_of(lang, model, &e.message))
            .collect(),
    )
    .doc("Each entry's message in every locale: row * locales + locale.");
    let hints = set.has_hints().then(|| {
        Table::new(
            "_hint",
            "_hints",
            Elem::Optional(lang.text_type().into()),
            set.entries
                .iter()
                .flat_map(|e| match &e.hint {
                    Some(hint) => texts_of(lang, model, hint).collect::<Vec<_>>(),
                    None => (0..locales).map(|_| Item::Nil).collect(),
                })
                .collect(),
        )
        .doc("Each entry's hint in every locale (nil for none): row * locales + locale.")
    });
    let doc_urls = view.has_doc_urls.then(|| {
        Table::new(
            "_docURL",
            "_docURLs",
            text(),
            spelled(view.entries.iter().map(|e| {
                e.doc_url_literal
                    .clone()
                    .expect("every entry has a doc URL")
            })),
        )
        .doc("Each entry's row in the published HTML docs, by row.")
    });
    let error_codes = (set.is_error && set.key == KeyKind::Str).then(|| {
        Table::new(
            "_errorCode",
            "_errorCodes",
            Elem::Named(INT.into()),
            spelled(set.entries.iter().map(|e| match &e.codes[0] {
                Code::Str(s) => string_error_code(s).to_string(),
                Code::Int(n) => lang.integer(*n),
            })),
        )
        .doc("Each entry's `errorCode`, by row: FNV-1a of its canonical code.")
    });
    let domain = error_domain(module, set);
    let mut layout = SetLayout {
        position: chain(ROW, ROW, &variants),
        lookup_count: set.lookup.len(),
        lookup_code: lookup_code.func.clone(),
        lookup_case: lookup_case.func.clone(),
        codes: codes.func.clone(),
        code_starts: code_starts.func.clone(),
        identifiers: identifiers.func.clone(),
        messages: messages.func.clone(),
        hints: hints.as_ref().map(|t| t.func.clone()),
        doc_urls: doc_urls.as_ref().map(|t| t.func.clone()),
        error_codes: error_codes.as_ref().map(|t| t.func.clone()),
        attributes: Vec::new(),
        key_prefix: lang.string(&format!("{}.", set.name)),
        domain_literal: lang.string(&domain),
        domain,
        tables: vec![
            lookup_code,
            lookup_case,
            codes,
            code_starts,
            identifiers,
            messages,
        ],
    };
    layout.tables.extend(hints);
    layout.tables.extend(doc_urls);
    layout.tables.extend(error_codes);
    for (index, (attribute, attribute_view)) in
        set.attributes.iter().zip(&view.attributes).enumerate()
    {
        let (attribute_layout, tables) =
            attribute_layout(lang, model, set, index, attribute, attribute_view);
        layout.attributes.push(attribute_layout);
        layout.tables.extend(tables);
    }
    layout
}

/// The tables of an attribute, and which its accessors read.
fn attribute_layout(
    lang: &dyn Oracle,
    model: &Model,
    set: &CodeSet,
    index: usize,
    attribute: &Attribute,
    view: &AttributeView,
) -> (AttributeLayout, Vec<Table>) {
    let name = private_name(&view.names.accessor);
    let element = match attribute.kind {
        AttrKind::List(e) => lang.type_name(&model.enums[e].name),
        AttrKind::Text => lang.text_type().to_string(),
        _ => view.value_type.clone(),
    };
    let enum_value = |v: &EnumRef| lang.enum_value(&element, &lang.variant(&v.name));
    // Values as stored: one per entry; a text one per locale (row-major); a
    // list's items one by one, entries' current lists first, then past ones.
    let mut items: Vec<Item> = Vec::new();
    let push = |value: &Value, items: &mut Vec<Item>| match value {
        Value::Bool(b) => items.push(Item::Spelled(lang.boolean(*b))),
        Value::Enum(v) => items.push(Item::Spelled(enum_value(v))),
        Value::List(list) => items.extend(list.iter().map(|v| Item::Spelled(enum_value(v)))),
        Value::Text(text) => items.extend(texts_of(lang, model, text)),
    };
    let values: Vec<&AttrValue> = set.entries.iter().map(|e| &e.values[index]).collect();
    for value in &values {
        push(&value.current, &mut items);
    }
    let is_list = matches!(attribute.kind, AttrKind::List(_));
    let list_len = |value: &Value| match value {
        Value::List(list) => list.len(),
        _ => 1,
    };
    let mut tables = Vec::new();
    let value_func = format!("{name}_value");
    let starts_table = is_list.then(|| {
        Table::new(
            &format!("{name}_start"),
            &format!("{name}_starts"),
            Elem::Named(INT.into()),
            starts(values.iter().map(|v| list_len(&v.current))),
        )
        .doc(format!(
            "Where each row's items start in `{name}_values`, and the end."
        ))
    });
    let mut history = None;
    if attribute.has_changes {
        // History rows (until year, month, day, earlier value), entry after entry;
        // a text answers in the default locale, a list by the range of its items.
        let mut rows = Vec::new();
        let mut row_counts = Vec::new();
        for value in &values {
            row_counts.push(value.history.len());
            for past in &value.history {
                let earlier = match &past.value {
                    Value::List(list) => {
                        let start = items.len();
                        items.extend(list.iter().map(|v| Item::Spelled(enum_value(v))));
                        Earlier::Items {
                            start,
                            end: items.len(),
                        }
                    }
                    Value::Text(text) => {
                        Earlier::Spelled(lang.string(text.get(model.default_locale())))
                    }
                    Value::Bool(b) => Earlier::Spelled(lang.boolean(*b)),
                    Value::Enum(v) => Earlier::Spelled(enum_value(v)),
                };
                rows.push(Item::Until {
                    year: past.until.year,
                    month: past.until.month,
                    day: past.until.day,
                    value: earlier,
                });
            }
        }
        let elem = match attribute.kind {
            AttrKind::List(_) => Elem::UntilItems,
            _ => Elem::Until(element.clone()),
        };
        let rows_table = Table::new(
            &format!("{name}_history"),
            &format!("{name}_histories"),
            elem,
            rows,
        )
        .doc("Earlier values (until year, month, day, value), oldest first, entry after entry.");
        let starts_table = Table::new(
            &format!("{name}_historyStart"),
            &format!("{name}_historyStarts"),
            Elem::Named(INT.into()),
            starts(row_counts.into_iter()),
        )
        .doc(format!(
            "Where each row's history starts in `{name}_histories`, and the end."
        ));
        history = Some(History {
            rows: rows_table.func.clone(),
            starts: starts_table.func.clone(),
        });
        tables.push(rows_table);
        tables.push(starts_table);
    }
    let value_doc = match attribute.kind {
        AttrKind::Text => format!("{}, in every locale: row * locales + locale.", view.summary),
        AttrKind::List(_) => format!(
            "{}: the items of every row's list, current lists first.",
            view.summary
        ),
        _ => format!("{}, by row.", view.summary),
    };
    tables.insert(
        0,
        Table::new(
            &value_func,
            &format!("{name}_values"),
            Elem::Named(element),
            items,
        )
        .doc(value_doc),
    );
    let layout = AttributeLayout {
        values: value_func,
        starts: starts_table.as_ref().map(|t| t.func.clone()),
        history,
    };
    tables.extend(starts_table);
    (layout, tables)
}

/// Where each row's items start in a flat table, and the end: `lengths.len() + 1` offsets.
fn starts(lengths: impl Iterator<Item = usize>) -> Vec<Item> {
    let mut offsets = vec![0];
    for length in lengths {
        offsets.push(offsets.last().unwrap() + length);
    }
    offsets
        .iter()
        .map(|o| Item::Spelled(o.to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;
    use crate::render::swift::Swift;

    fn variants(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("v{i}")).collect()
    }

    /// Up to BOUND cases, one exhaustive switch; beyond, chunks of BOUND - 1
    /// cases and a default, the last answering its last case by default.
    #[test]
    fn chain_switches_over_at_the_bound() {
        let names = variants(BOUND);
        let one = chain(
            ROW,
            ROW,
            &names.iter().map(String::as_str).collect::<Vec<_>>(),
        );
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].arms.len(), BOUND);
        assert!(one[0].default.is_none());

        for n in [BOUND + 1, 2 * BOUND - 2, 2 * BOUND - 1, 2000] {
            let names = variants(n);
            let chunks = chain(
                ROW,
                ROW,
                &names.iter().map(String::as_str).collect::<Vec<_>>(),
            );
            assert_eq!(chunks.len(), n.div_ceil(BOUND - 1), "{n}");
            let mut rows = Vec::new();
            for (k, chunk) in chunks.iter().enumerate() {
                assert!(chunk.arms.len() < BOUND, "{n}: a default is an arm too");
                rows.extend(chunk.arms.iter().map(|(_, row)| *row));
                match chunk.default.as_ref().unwrap() {
                    Fallback::Next(next) => {
                        assert!(k + 1 < chunks.len(), "{n}: the last chunk hands on");
                        assert_eq!(*next, format!("{ROW}_{}", k + 1));
                        assert_eq!(chunks[k + 1].name, *next);
                    }
                    Fallback::Last { row, variant } => {
                        assert_eq!(k + 1, chunks.len(), "{n}: chunk {k} answers last");
                        assert_eq!((*row, variant.as_str()), (n - 1, names[n - 1].as_str()));
                        rows.push(*row);
                    }
                }
            }
            assert_eq!(rows, (0..n).collect::<Vec<_>>(), "{n}");
        }
    }

    /// The layout's `tables` macro alone, to read back what it prints.
    #[derive(Template)]
    #[template(
        source = "{%- import \"swift/layout.txt\" as s -%}{% call s::tables(tables) %}{% endcall %}",
        ext = "txt",
        escape = "none"
    )]
    struct Tables<'a> {
        tables: &'a [Table],
    }

    fn print(table: Table) -> String {
        Tables { tables: &[table] }.render().unwrap()
    }

    /// One literal up to BOUND items, an array of chunks up to BOUND squared,
    /// then a third level; the printed index reaches every item.
    #[test]
    fn tables_nest_at_the_bound() {
        for (n, depth) in [
            (0, 1),
            (BOUND, 1),
            (BOUND + 1, 2),
            (BOUND * BOUND, 2),
            (BOUND * BOUND + 1, 3),
        ] {
            let items = (0..n).map(|i| Item::Spelled(i.to_string())).collect();
            let text = print(Table::new("_f", "_t", Elem::Named(INT.into()), items));
            let body = text
                .split("static func _f(_ i: Int) -> Int {\n")
                .nth(1)
                .and_then(|rest| rest.split('\n').next())
                .unwrap()
                .trim();
            assert_eq!(body.matches('[').count(), depth, "{n}: {body}");
            // Each array: its name, and its items.
            let mut decls: HashMap<&str, Vec<&str>> = HashMap::new();
            for decl in text.split("static let ").skip(1) {
                let (name, rest) = decl.split_once(": ").unwrap();
                let (ty, rest) = rest.split_once(" = [\n").unwrap();
                // `[Int]` for a chunk of items, one more array a level up.
                let level = match name.split('_').nth(2) {
                    Some(height) => height.parse().unwrap(),
                    None => depth,
                };
                let nested = format!("{}Int{}", "[".repeat(level), "]".repeat(level));
                assert_eq!(ty, nested, "{n}: {name}");
                let items: Vec<&str> = rest
                    .split("\n    ]")
                    .next()
                    .unwrap()
                    .split(',')
                    .map(str::trim)
                    .filter(|i| !i.is_empty())
                    .collect();
                assert!(items.len() <= BOUND, "{n}: {name} holds {}", items.len());
                decls.insert(name, items);
            }
            // Evaluate the body, `_t[i / 256][i % 256]`, for a few indexes.
            for i in [0, n / 3, n.saturating_sub(1)]
                .into_iter()
                .filter(|i| *i < n)
            {
                let mut item = "_t";
                for index in body["_t[".len()..body.len() - 1].split("][") {
                    let mut tokens = index.split(' ').skip(1);
                    let mut value = i;
                    while let (Some(op), Some(k)) = (tokens.next(), tokens.next()) {
                        let k: usize = k.parse().unwrap();
                        value = if op == "/" { value / k } else { value % k };
                    }
                    item = decls[item][value];
                }
                assert_eq!(item, i.to_string(), "{n}: element {i}");
            }
        }
    }

    /// `Item::width` is what the template prints for the item, so lines
    /// break where they measure.
    #[test]
    fn item_widths_are_printed_widths() {
        let until = |value| Item::Until {
            year: 2022,
            month: 3,
            day: 14,
            value,
        };
        for item in [
            Item::Spelled(Swift.string("§ \"é\" 中文")),
            Item::Nil,
            until(Earlier::Spelled(Swift.string("old"))),
            until(Earlier::Items {
                start: 7,
                end: 1234,
            }),
        ] {
            let width = item.width();
            let text = print(Table::new("_f", "_t", Elem::Named(INT.into()), vec![item]));
            let line = text.split(" = [\n").nth(1).unwrap().lines().next().unwrap();
            let printed = line.trim_start().strip_suffix(',').unwrap();
            assert_eq!(printed.chars().count(), width, "{printed}");
        }
    }

    /// A line takes items while it stays within LINE characters; a longer
    /// item takes a line of its own.
    #[test]
    fn lines_fill_up_to_the_width() {
        let item = |width: usize| Item::Spelled("x".repeat(width));
        let widths = |lines: Vec<Vec<Item>>| -> Vec<Vec<usize>> {
            lines
                .iter()
                .map(|line| line.iter().map(Item::width).collect())
                .collect()
        };
        // 49 + "," + " " + 48 + "," = 100.
        assert_eq!(
            widths(lines(vec![item(49), item(48), item(1)])),
            [vec![49, 48], vec![1]]
        );
        assert_eq!(
            widths(lines(vec![item(120), item(1)])),
            [vec![120], vec![1]]
        );
    }
}
