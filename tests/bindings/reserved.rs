//! A catalog whose names are every keyword and special member of every target
//! language (`Oracle::reserved`), cut down by validation alone: each
//! diagnostic's span is mapped back to the generated name it points at, that
//! name is dropped, and the catalog is rebuilt until it is valid. What survives
//! is rendered and compiled like every other catalog, so whatever `lint`
//! accepts of these names must compile.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fmt::Write;
use std::ops::Range;
use std::sync::OnceLock;

use heck::{ToSnakeCase, ToUpperCamelCase};

/// The union of every code backend's reserved words, sorted and unique.
pub fn words() -> Vec<&'static str> {
    let words: BTreeSet<&'static str> = retcode::render::BACKENDS
        .iter()
        .filter_map(|backend| backend.oracle())
        .flat_map(|oracle| oracle.api().words())
        .collect();
    words.into_iter().collect()
}

/// A name of the tests' own scaffolding (a fixed set, enum, entry or value that
/// no droppable id stands for), unlike every word however a language spells it
/// (letter case and `_` ignored): a word spelled like the scaffolding would draw
/// a diagnostic that points at the scaffolding, which `cut_down` cannot drop.
/// `base`, or `base` with the first free `X2`, `X3`, … suffix.
pub fn scaffold(base: &str) -> String {
    static TAKEN: OnceLock<HashSet<String>> = OnceLock::new();
    let taken = TAKEN.get_or_init(|| words().iter().map(|w| fold(w)).collect());
    std::iter::once(base.to_string())
        .chain((2..).map(|n| format!("{base}X{n}")))
        .find(|name| !taken.contains(&fold(name)))
        .expect("some suffix is free")
}

/// A name with letter case and everything but letters and digits dropped.
fn fold(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// An UpperCamel name, if heck can make one that validation could accept.
pub fn upper(word: &str) -> Option<String> {
    let name = word.to_upper_camel_case();
    name.starts_with(|c: char| c.is_ascii_uppercase())
        .then_some(name)
}

pub fn snake(word: &str) -> Option<String> {
    let name = word.to_snake_case();
    name.starts_with(|c: char| c.is_ascii_lowercase())
        .then_some(name)
}

/// Builds catalog text, remembering where each droppable name was written.
pub struct Builder<'d> {
    pub text: String,
    pub spans: Vec<(Range<usize>, String)>,
    pub dropped: &'d HashSet<String>,
}

impl Builder<'_> {
    pub fn line(&mut self, line: &str) {
        self.text.push_str(line);
        self.text.push('\n');
    }

    /// `key = "value"`, the quoted value recorded as the place of `id`.
    pub fn named(&mut self, key: &str, value: &str, id: &str) {
        write!(self.text, "{key} = ").unwrap();
        let start = self.text.len();
        write!(self.text, "{:?}", value).unwrap();
        self.spans.push((start..self.text.len(), id.to_string()));
        self.text.push('\n');
    }

    pub fn keep(&self, id: &str) -> bool {
        !self.dropped.contains(id)
    }
}

const HEADER: &str = r#"[catalog]
name = "reserved-words"
version = "1.0.0"
title = { en = "Reserved words" }
locales = ["en"]
date_zone = "Europe/Berlin"
kotlin_package = "com.example.reserved"
swift_module = "ReservedWords"
# Every doc URL member next to every name that survives validation.
docs_url = "https://docs.example.com/reserved"
yes = { en = "Yes" }
no = { en = "No" }
unknown_code = { en = "Unknown code {code}" }

[[section]]
id = "main"
title = { en = "Main" }
"#;

const SET_LABELS: &str = r#"section = "main"
code_label = { en = "Code" }
message_label = { en = "Message" }"#;

/// The catalog text with every name of `dropped` left out, and where each name stands.
fn build(dropped: &HashSet<String>) -> (String, Vec<(Range<usize>, String)>) {
    let words = words();
    let mut uppers: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for word in &words {
        if let Some(name) = upper(word) {
            uppers.entry(name).or_default().push(word);
        }
    }
    let snakes: BTreeSet<String> = words.iter().filter_map(|w| snake(w)).collect();
    let word = scaffold("Word");
    let other = scaffold("Other");
    let mut b = Builder {
        text: String::from(HEADER),
        spans: Vec::new(),
        dropped,
    };

    // One enum holding every word as a value; attributes take their values from it.
    b.line(&format!("\n[[enum]]\nname = {word:?}"));
    let mut values = Vec::new();
    for name in uppers.keys() {
        let id = format!("value:{name}");
        if b.keep(&id) {
            b.line("[[enum.value]]");
            b.named("name", name, &id);
            b.line(&format!("label = {{ en = {name:?} }}"));
            values.push(name.clone());
        }
    }
    // Every other word names an enum (its one value the word again), the rest a set.
    for (i, name) in uppers.keys().enumerate() {
        let id = format!("type:{name}");
        if i % 2 == 1 || !b.keep(&id) {
            continue;
        }
        b.line("\n[[enum]]");
        b.named("name", name, &id);
        let value = format!("own:{name}");
        b.line("[[enum.value]]");
        if b.keep(&value) {
            b.named("name", name, &value);
        } else {
            b.line(&format!("name = {other:?}"));
        }
        b.line("label = { en = \"value\" }");
    }
    for (i, name) in uppers.keys().enumerate() {
        let id = format!("type:{name}");
        if i % 2 == 0 || !b.keep(&id) {
            continue;
        }
        b.line("\n[[set]]");
        b.named("name", name, &id);
        b.line("key = \"int\"");
        b.line(SET_LABELS);
        b.line("[[set.entry]]");
        let entry = format!("own:{name}");
        if b.keep(&entry) {
            b.named("name", name, &entry);
        } else {
            b.line(&format!("name = {other:?}"));
        }
        b.line(&format!("codes = [{i}]\nmessage = {{ en = \"{name}\" }}"));
    }

    // Every word as an entry of one int set (an error type).
    b.line(&format!(
        "\n[[set]]\nname = {:?}\nkey = \"int\"\nerror = true",
        scaffold("ReservedCode")
    ));
    b.line(SET_LABELS);
    for (i, name) in uppers.keys().enumerate() {
        let id = format!("entry:{name}");
        if b.keep(&id) {
            b.line("[[set.entry]]");
            b.named("name", name, &id);
            b.line(&format!(
                "codes = [{}]\nmessage = {{ en = \"{name}\" }}",
                i + 1
            ));
        }
    }

    // Every word as an attribute of each kind, one set per kind (names are unique
    // per set): bool, bool with a dated change (`_on` and history names), text,
    // enum and list; at most 60 attributes a set (validation caps them for Kotlin).
    let kinds = [
        ("Bool", "type = \"bool\"\ndefault = false".to_string()),
        ("Dated", "type = \"bool\"\ndefault = false".to_string()),
        (
            "Text",
            "type = \"text\"\ndefault = { en = \"-\" }".to_string(),
        ),
        (
            "Enum",
            format!(
                "type = \"enum\"\nenum = {word:?}\ndefault = {:?}",
                values.first().map_or("", String::as_str)
            ),
        ),
        (
            "List",
            format!(
                "type = \"list\"\nenum = {word:?}\ndefault = [{:?}]",
                values.last().map_or("", String::as_str)
            ),
        ),
    ];
    for (kind, declaration) in kinds {
        if values.is_empty() && (kind == "Enum" || kind == "List") {
            continue;
        }
        let snakes: Vec<&String> = snakes.iter().collect();
        for (part, chunk) in snakes.chunks(60).enumerate() {
            b.line(&format!(
                "\n[[set]]\nname = {:?}\nkey = \"int\"",
                scaffold(&format!("Reserved{kind}{part}"))
            ));
            b.line(SET_LABELS);
            let mut kept = Vec::new();
            for name in chunk {
                let id = format!("attr:{kind}:{name}");
                if b.keep(&id) {
                    b.line("[[set.attribute]]");
                    b.named("name", name, &id);
                    b.line(&format!("label = {{ en = \"{name}\" }}\n{declaration}"));
                    kept.push((name, id));
                }
            }
            for (code, name) in ["First", "Second", "Third"].iter().enumerate() {
                let name = scaffold(name);
                b.line(&format!(
                    "[[set.entry]]\nname = \"{name}\"\ncodes = [{code}]\nmessage = {{ en = \"{name}\" }}"
                ));
            }
            if kind == "Dated" {
                for (name, id) in kept {
                    b.line("[[set.change]]");
                    b.named("attribute", name, &id);
                    b.line("effective = 2021-07-19\nbefore = true\ncodes = [1]");
                }
            }
        }
    }

    // A string-keyed set whose codes are the words themselves.
    b.line(&format!(
        "\n[[set]]\nname = {:?}\nkey = \"string\"",
        scaffold("ReservedTag")
    ));
    b.line(SET_LABELS);
    for (name, raw) in &uppers {
        let id = format!("tag:{name}");
        let codes: Vec<&str> = raw
            .iter()
            .copied()
            .filter(|w| b.keep(&format!("code:{w}")))
            .collect();
        if !b.keep(&id) || codes.is_empty() {
            continue;
        }
        b.line("[[set.entry]]");
        b.named("name", name, &id);
        b.text.push_str("codes = [");
        for (i, code) in codes.iter().enumerate() {
            if i > 0 {
                b.text.push_str(", ");
            }
            let start = b.text.len();
            write!(b.text, "{code:?}").unwrap();
            b.spans.push((start..b.text.len(), format!("code:{code}")));
        }
        b.line("]");
        b.line(&format!("message = {{ en = \"{name}\" }}"));
    }
    (b.text, b.spans)
}

/// The valid catalog, what validation dropped (each with its diagnostic), and
/// how many entries of `ReservedCode` survived out of how many.
pub struct Reserved {
    pub text: String,
    pub dropped: Vec<(String, String)>,
    pub entries: (usize, usize),
}

/// Builds the catalog and lets validation cut it down until `load_str` accepts it.
pub fn catalog() -> &'static Reserved {
    static CATALOG: OnceLock<Reserved> = OnceLock::new();
    CATALOG.get_or_init(|| {
        let (text, model, dropped) = cut_down("the reserved-word catalog", build);
        let set = model
            .sets
            .iter()
            .find(|s| s.name == scaffold("ReservedCode"))
            .expect("the ReservedCode set survives");
        let total = words()
            .iter()
            .filter_map(|w| upper(w))
            .collect::<BTreeSet<_>>()
            .len();
        Reserved {
            text,
            dropped,
            entries: (set.entries.len(), total),
        }
    })
}

/// Rebuilds a catalog without the names its diagnostics point at until it is
/// valid: `build` writes the text for a set of dropped ids and says where each
/// id's name stands. Returns the text, its model and each dropped id with why.
pub fn cut_down(
    what: &str,
    build: impl Fn(&HashSet<String>) -> (String, Vec<(Range<usize>, String)>),
) -> (String, retcode::Model, Vec<(String, String)>) {
    let mut dropped = HashSet::new();
    let mut log = Vec::new();
    for _round in 0..50 {
        let (text, spans) = build(&dropped);
        let diagnostics = match retcode::load_str(&text) {
            Ok(model) => return (text, model, log),
            Err(diagnostics) => diagnostics,
        };
        for diagnostic in diagnostics {
            let (_, id) = spans
                .iter()
                .find(|(span, _)| {
                    span.start < diagnostic.span.end && diagnostic.span.start < span.end
                })
                .unwrap_or_else(|| {
                    panic!(
                        "{what}: diagnostic at {:?} points at no generated name: {}\n{}",
                        diagnostic.span,
                        diagnostic.message,
                        &text[diagnostic.span.start.saturating_sub(200)..diagnostic.span.end]
                    )
                });
            if dropped.insert(id.clone()) {
                log.push((id.clone(), diagnostic.message.clone()));
            }
        }
    }
    panic!("{what} did not become valid in 50 rounds: {log:#?}");
}

#[test]
fn validation_keeps_most_reserved_words() {
    let reserved = catalog();
    for (id, why) in &reserved.dropped {
        eprintln!("dropped {id}: {why}");
    }
    let (kept, total) = reserved.entries;
    eprintln!("{kept} of {total} words survive as entries");
    assert!(total > 150, "too few reserved words: {total}");
    assert!(
        kept * 2 >= total,
        "only {kept} of {total} reserved words survive as entries"
    );
}
