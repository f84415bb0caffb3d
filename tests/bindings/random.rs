//! Random valid catalogs: names drawn from every language's reserved words,
//! texts and string codes from hostile fragments (quotes, backslashes, comment
//! ends, template syntax, line breaks, CJK, emoji, U+2028, `</script>`).
//!
//! proptest strategies draw [`CASES`] catalogs from a fixed seed, so the batch is
//! bounded and the same on every run; each is cut down by validation alone
//! ([`reserved::cut_down`]) and then rendered and compiled with the other
//! catalogs, in the same compiler calls.

use std::collections::HashSet;
use std::fmt::Write;
use std::ops::Range;

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

use crate::reserved::{self, Builder};

/// How many random catalogs the bindings test compiles.
pub const CASES: usize = 8;
const SEED: [u8; 32] = *b"retcode: what lint accepts build";

const HOSTILE: &[&str] = &[
    "\"",
    "\\",
    "\\\\",
    "*/",
    "/*",
    "${x}",
    "\\(x)",
    "\n",
    "\r\n",
    "\t",
    "日本語",
    "错误码",
    "😀👨‍👩‍👧",
    "\u{2028}",
    "\u{2029}",
    "</script>",
    "<b>",
    "&amp;",
    "'",
    "`",
    "```",
    "$",
    "#",
    "|",
    "{{",
    "}}",
    "%s",
    "--",
    "\u{200B}",
    "\u{202E}",
];

#[derive(Debug, Clone)]
struct Entry {
    name: usize,
    codes: Vec<i32>,
    code_text: Vec<usize>,
    message: Vec<usize>,
    hint: Option<Vec<usize>>,
}

#[derive(Debug, Clone)]
struct Set {
    name: usize,
    string_key: bool,
    error: bool,
    /// (name, kind 0..5: bool, dated bool, text, enum, list)
    attributes: Vec<(usize, u8)>,
    entries: Vec<Entry>,
}

#[derive(Debug, Clone)]
struct Spec {
    title: Vec<usize>,
    enum_name: usize,
    enum_values: Vec<usize>,
    sets: Vec<Set>,
}

fn text() -> impl Strategy<Value = Vec<usize>> {
    prop::collection::vec(0..HOSTILE.len(), 1..4)
}

fn spec(words: usize) -> impl Strategy<Value = Spec> {
    let entry = (
        0..words,
        prop::collection::vec(any::<i32>(), 1..3),
        prop::collection::vec(0..HOSTILE.len(), 1..3),
        text(),
        prop::option::of(text()),
    )
        .prop_map(|(name, codes, code_text, message, hint)| Entry {
            name,
            codes,
            code_text,
            message,
            hint,
        });
    let set = (
        0..words,
        any::<bool>(),
        any::<bool>(),
        prop::collection::vec((0..words, 0u8..5), 0..5),
        prop::collection::vec(entry, 1..5),
    )
        .prop_map(|(name, string_key, error, attributes, entries)| Set {
            name,
            string_key,
            error,
            attributes,
            entries,
        });
    (
        text(),
        0..words,
        prop::collection::vec(0..words, 1..3),
        prop::collection::vec(set, 1..3),
    )
        .prop_map(|(title, enum_name, enum_values, sets)| Spec {
            title,
            enum_name,
            enum_values,
            sets,
        })
}

/// Hostile fragments between letters, so the text is never empty or untrimmed.
fn hostile(pieces: &[usize]) -> String {
    let inner: String = pieces.iter().map(|&i| HOSTILE[i]).collect();
    format!("a{inner}z")
}

fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

fn texts(pieces: &[usize]) -> String {
    let text = hostile(pieces);
    format!(
        "{{ en = {}, zh = {} }}",
        toml_string(&text),
        toml_string(&format!("中{text}"))
    )
}

/// The catalog text of `spec` (number `n`) without the names in `dropped`.
fn build(
    n: usize,
    spec: &Spec,
    dropped: &HashSet<String>,
) -> (String, Vec<(Range<usize>, String)>) {
    let words = reserved::words();
    let upper = |i: usize| reserved::upper(words[i]).unwrap_or_else(|| format!("Word{i}"));
    let snake = |i: usize| reserved::snake(words[i]).unwrap_or_else(|| format!("word{i}"));
    // Names no dropped id stands for: never spelled like a word.
    let plain = reserved::scaffold("Plain");
    let fallback_entry = reserved::scaffold("Fallback");
    let mut b = Builder {
        text: String::new(),
        spans: Vec::new(),
        dropped,
    };
    b.line(&format!(
        "[targets.kotlin]\npackage = \"com.example.random{n}\"\n[targets.swift]\nmodule = \"Random{n}\"\n[catalog]\nname = \"random-{n}\"\nversion = \"1.0.0\"\ntitle = {}\nlocales = [\"en\", \"zh\"]\ndate_zone = \"Asia/Shanghai\"\nyes = {{ en = \"Yes\", zh = \"是\" }}\nno = {{ en = \"No\", zh = \"否\" }}",
        texts(&spec.title)
    ));
    b.line(&format!(
        "unknown_code = {{ en = {}, zh = \"未知 {{code}}\" }}",
        toml_string(&format!("{} {{code}}", hostile(&spec.title)))
    ));
    b.line(&format!(
        "\n[[section]]\nid = \"main\"\ntitle = {}",
        texts(&spec.title)
    ));

    b.line("\n[[enum]]");
    let enum_id = format!("enum:{}", upper(spec.enum_name));
    let enum_name = if b.keep(&enum_id) {
        b.named("name", &upper(spec.enum_name), &enum_id);
        upper(spec.enum_name)
    } else {
        let palette = reserved::scaffold("Palette");
        b.line(&format!("name = {palette:?}"));
        palette
    };
    b.line(&format!(
        "[[enum.value]]\nname = {plain:?}\nlabel = {{ en = \"plain\", zh = \"平\" }}"
    ));
    for &value in &spec.enum_values {
        let id = format!("value:{}", upper(value));
        if upper(value) != plain && b.keep(&id) {
            b.line("[[enum.value]]");
            b.named("name", &upper(value), &id);
            b.line(&format!("label = {}", texts(&[value % HOSTILE.len()])));
        }
    }

    for (s, set) in spec.sets.iter().enumerate() {
        b.line("\n[[set]]");
        let set_id = format!("set{s}:{}", upper(set.name));
        if b.keep(&set_id) {
            b.named("name", &upper(set.name), &set_id);
        } else {
            b.line(&format!(
                "name = {:?}",
                reserved::scaffold(&format!("Table{s}"))
            ));
        }
        let key = if set.string_key { "string" } else { "int" };
        b.line(&format!(
            "section = \"main\"\nkey = \"{key}\"\nerror = {}\ncode_label = {}\nmessage_label = {}\nhint_label = {}",
            set.error,
            texts(&[s]),
            texts(&[s + 1]),
            texts(&[s + 2])
        ));
        let mut dated = Vec::new();
        // One attribute per name: a dated change names an attribute, and which of
        // two namesakes it meant is not a name validation could drop.
        let mut attribute_names = HashSet::new();
        for (a, &(name, kind)) in set.attributes.iter().enumerate() {
            let id = format!("attr{s}.{a}:{}", snake(name));
            if !b.keep(&id) || !attribute_names.insert(snake(name)) {
                continue;
            }
            b.line("[[set.attribute]]");
            b.named("name", &snake(name), &id);
            b.line(&format!("label = {}", texts(&[a, name % HOSTILE.len()])));
            b.line(&match kind {
                0 | 1 => "type = \"bool\"\ndefault = false".to_string(),
                2 => "type = \"text\"\ndefault = { en = \"-\", zh = \"-\" }".to_string(),
                3 => format!("type = \"enum\"\ndefault = {plain:?}"),
                _ => format!("type = \"list\"\ndefault = [{plain:?}]"),
            });
            if kind >= 3 {
                b.line(&format!("enum = {enum_name:?}"));
            }
            if kind == 1 {
                dated.push((snake(name), id));
            }
        }
        // A first entry no drop can remove, so the set never ends up empty.
        let fallback = if set.string_key {
            format!("\"fallback{s}\"")
        } else {
            "0".to_string()
        };
        b.line(&format!(
            "[[set.entry]]\nname = {fallback_entry:?}\ncodes = [{fallback}]\nmessage = {{ en = \"Fallback\", zh = \"备用\" }}"
        ));
        let mut used = HashSet::from([0]);
        for (e, entry) in set.entries.iter().enumerate() {
            let id = format!("entry{s}.{e}:{}", upper(entry.name));
            if !b.keep(&id) {
                continue;
            }
            b.line("[[set.entry]]");
            b.named("name", &upper(entry.name), &id);
            b.text.push_str("codes = [");
            if set.string_key {
                write!(b.text, "\"e{e}\"").unwrap();
                for (c, &piece) in entry.code_text.iter().enumerate() {
                    let code = format!("e{e}.{c}{}", HOSTILE[piece]);
                    let code_id = format!("code{s}.{e}.{c}");
                    if b.keep(&code_id) {
                        b.text.push_str(", ");
                        let start = b.text.len();
                        b.text.push_str(&toml_string(&code));
                        b.spans.push((start..b.text.len(), code_id));
                    }
                }
            } else {
                let codes: Vec<String> = entry
                    .codes
                    .iter()
                    .filter(|c| used.insert(**c))
                    .map(i32::to_string)
                    .collect();
                let codes = if codes.is_empty() {
                    vec![format!("{}", 1000 + e)]
                } else {
                    codes
                };
                let start = b.text.len();
                b.text.push_str(&codes.join(", "));
                b.spans.push((start..b.text.len(), id.clone()));
            }
            b.line("]");
            b.line(&format!("message = {}", texts(&entry.message)));
            if let Some(hint) = &entry.hint {
                b.line(&format!("hint = {}", texts(hint)));
            }
        }
        for (name, id) in dated {
            // The whole change stands for its attribute: `before = true` is wrong
            // when a later attribute of the same name but another type wins.
            let start = b.text.len();
            b.line("[[set.change]]");
            b.named("attribute", &name, &id);
            b.line(&format!(
                "effective = 2021-07-19\nbefore = true\ncodes = [{fallback}]\nnotice = {}",
                texts(&[3, 7])
            ));
            b.spans.push((start..b.text.len(), id));
        }
    }
    (b.text, b.spans)
}

/// The [`CASES`] random catalogs, each valid: (key, text).
pub fn catalogs() -> Vec<(String, String)> {
    let words = reserved::words().len();
    let mut runner = TestRunner::new_with_rng(
        Config {
            cases: CASES as u32,
            ..Config::default()
        },
        TestRng::from_seed(RngAlgorithm::ChaCha, &SEED),
    );
    let strategy = spec(words);
    (0..CASES)
        .map(|n| {
            let spec = strategy.new_tree(&mut runner).unwrap().current();
            let (text, _, _) = reserved::cut_down(&format!("random catalog {n}"), |dropped| {
                build(n, &spec, dropped)
            });
            (format!("random{n}"), text)
        })
        .collect()
}

#[test]
fn random_catalogs_are_valid_and_keep_hostile_text() {
    let catalogs = catalogs();
    assert_eq!(catalogs.len(), CASES);
    let hostile = catalogs
        .iter()
        .filter(|(_, text)| text.contains("</script>") || text.contains("*/"))
        .count();
    assert!(hostile > 0, "no hostile text survived");
    let entries: usize = catalogs
        .iter()
        .map(|(_, text)| {
            retcode::load_str(text)
                .unwrap()
                .sets
                .iter()
                .map(|s| s.entries.len())
                .sum::<usize>()
        })
        .sum();
    assert!(entries >= 2 * CASES, "too few entries: {entries}");
}

#[test]
#[ignore = "prints the random catalogs"]
fn print_random_catalogs() {
    for (key, text) in catalogs() {
        println!("# {key}\n{text}");
    }
}
