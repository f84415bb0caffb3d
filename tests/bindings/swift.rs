//! Swift cannot be compiled here, so its output is proven statically: parsed by
//! tree-sitter, its tables read back and its lookups replayed against the JSON,
//! and every `switch`, array literal and function measured against
//! `retcode::render::swift::BOUND`.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use retcode::render::naming::Oracle;
use retcode::render::swift::{BOUND, Swift};

use super::{Rendered, run, tool};

use super::synth;

/// Measures every `switch`, array or dictionary literal and function of the
/// files with tree-sitter; prints one line per file: the largest of each, and
/// any node over the bound given as first argument.
const MEASURE: &str = r#"
import sys, tree_sitter, tree_sitter_swift
parser = tree_sitter.Parser(tree_sitter.Language(tree_sitter_swift.language()))
bound = int(sys.argv[1])
failed = False
for path in sys.argv[2:]:
    source = open(path, "rb").read()
    tree = parser.parse(source)
    most = {"switch": 0, "literal": 0, "function": 0}
    stack = [tree.root_node]
    while stack:
        node = stack.pop()
        stack.extend(node.children)
        if node.type == "switch_statement":
            kind, size = "switch", sum(c.type == "switch_entry" for c in node.named_children)
        elif node.type == "array_literal":
            kind, size = "literal", len(node.children_by_field_name("element"))
        elif node.type == "dictionary_literal":
            kind, size = "literal", len(node.children_by_field_name("key"))
        elif node.type in ("function_declaration", "computed_property", "init_declaration"):
            # Lines of the body less three: a `switch self` of `bound` arms fits.
            kind, size = "function", node.end_point[0] - node.start_point[0] - 4
        else:
            continue
        most[kind] = max(most[kind], size)
        if size > bound:
            failed = True
            print(f"{path}:{node.start_point[0] + 1}: {kind} of {size} > {bound}")
    print(f"{path}: switch {most['switch']} literal {most['literal']} function {most['function']}")
sys.exit(1 if failed else 0)
"#;

/// The largest switch (arms), literal (elements) and function (lines) of each
/// file; fails if any is over [`BOUND`].
pub fn measure(files: &[PathBuf]) -> Vec<(usize, usize, usize)> {
    let script = std::env::temp_dir().join(format!("retcode-measure-{}.py", std::process::id()));
    fs::write(&script, MEASURE).unwrap();
    // Isolated: the temporary folder's other `.py` files are not importable.
    let report = run(Command::new(tool("venv/bin/python"))
        .arg("-I")
        .arg(&script)
        .arg(BOUND.to_string())
        .args(files));
    fs::remove_file(&script).ok();
    report
        .lines()
        .filter_map(|line| {
            let numbers: Vec<usize> = line
                .rsplit(": ")
                .next()?
                .split(' ')
                .filter_map(|word| word.parse().ok())
                .collect();
            (numbers.len() == 3).then(|| (numbers[0], numbers[1], numbers[2]))
        })
        .collect()
}

/// A large synthetic catalog (one set of 1,200 entries, a fifth of them dated,
/// a quarter aliased) stays within the bound, and its tables still answer right:
/// the chunked layout is exercised, not only the one-chunk one.
pub fn large_catalog_stays_within_the_bound(scratch: &Path) {
    let text = synth::catalog(&synth::Shape {
        sets: 1,
        entries_per_set: 1200,
        locales: 3,
        ..Default::default()
    })
    // The doc URL table is chunked too.
    .replace(
        "\n[catalog]\n",
        "\n[catalog]\ndocs_url = \"https://docs.example.com/large\"\n",
    );
    let model = retcode::load_str(&text).unwrap_or_else(|d| panic!("{d:?}"));
    let catalog = super::render(scratch, "large", model, "large.toml");
    let source = source_path(&catalog);
    let text = fs::read_to_string(&source).unwrap();
    let sizes = measure(std::slice::from_ref(&source));
    let (switch, literal, _) = sizes[0];
    assert!(
        switch > BOUND / 2 && literal > BOUND / 2,
        "the large catalog should fill its chunks: {sizes:?}"
    );
    assert!(
        text.contains("default: return _position_4"),
        "1,200 entries take five switch chunks"
    );
    assert!(
        text.contains("private static let _docURLs_1_4: [String] = ["),
        "1,200 doc URLs take five chunks"
    );
    lookup_parity(&catalog, &text);
}

/// The basic fixture with dated changes to its text, list and enum attributes,
/// which no other catalog has: their history tables must hold the JSON's
/// earlier values. Returns the Swift file, for the syntax check.
pub fn dated_text_and_list_attributes(scratch: &Path) -> PathBuf {
    let basic = fs::read_to_string(super::root().join("tests/fixtures/basic.toml")).unwrap();
    let second_set = basic.match_indices("\n[[set]]\n").nth(1).unwrap().0;
    let changes = r#"
[[set.change]]
attribute = "remark"
effective = 2022-01-01
before = { en = "old \"remark\"", de = "alte Bemerkung" }
codes = [0, 7]

[[set.change]]
attribute = "channels"
effective = 2022-03-01
before = ["Mobile", "Web"]
codes = [66660023, 0]

[[set.change]]
attribute = "channel"
effective = 2022-05-01
before = "Web"
codes = [66660023]
"#;
    let text = format!("{}{changes}{}", &basic[..second_set], &basic[second_set..]);
    let model = retcode::load_str(&text).unwrap_or_else(|d| panic!("{d:?}"));
    let catalog = super::render(scratch, "dated", model, "dated.toml");
    let source = source_path(&catalog);
    let text = fs::read_to_string(&source).unwrap();
    for stored in [
        "(Int, Int, Int, String)",
        "(Int, Int, Int, Range<Int>)",
        "(Int, Int, Int, Channel)",
    ] {
        assert!(text.contains(stored), "no history of {stored}");
    }
    lookup_parity(&catalog, &text);
    measure(std::slice::from_ref(&source));
    source
}

pub fn source_path(catalog: &Rendered) -> PathBuf {
    let module = retcode::render::swift::module(&catalog.model);
    catalog
        .dir
        .join(format!("swift/Sources/{module}/{module}.swift"))
}

/// One `public enum` of the generated file, read back: its row chain, the
/// tables its static functions read, and the bodies of its members.
struct TypeBlock<'a> {
    text: &'a str,
    /// `var <name>: Int { switch self { … } }` chunks: arms and default.
    chains: HashMap<String, (HashMap<String, usize>, Option<String>)>,
    /// `static let <name>: … = [ items ]`.
    arrays: HashMap<String, Vec<String>>,
    /// `static func <name>(_ i: Int) -> … { <body> }`.
    functions: HashMap<String, String>,
}

impl<'a> TypeBlock<'a> {
    /// The block of `public enum <name>` in `text`.
    fn find(text: &'a str, name: &str) -> TypeBlock<'a> {
        let start = text
            .find(&format!("\npublic enum {name}:"))
            .unwrap_or_else(|| panic!("no enum {name}"));
        let end = start + 1 + text[start + 1..].find("\n}\n").unwrap();
        let text = &text[start..end];
        let mut block = TypeBlock {
            text,
            chains: HashMap::new(),
            arrays: HashMap::new(),
            functions: HashMap::new(),
        };
        let lines: Vec<&str> = text.lines().collect();
        let mut i = 0;
        while i < lines.len() {
            let line = lines[i].trim();
            if let Some(rest) = line
                .strip_prefix("private static let ")
                .or(line.strip_prefix("fileprivate static let "))
            {
                let name = rest.split(':').next().unwrap().to_string();
                let mut items = Vec::new();
                i += 1;
                while lines[i].trim() != "]" {
                    items.extend(split_items(lines[i].trim()));
                    i += 1;
                }
                block.arrays.insert(name, items);
            } else if let Some(rest) = line
                .strip_prefix("private static func ")
                .or(line.strip_prefix("fileprivate static func "))
            {
                let name = rest.split('(').next().unwrap().to_string();
                block
                    .functions
                    .insert(name, lines[i + 1].trim().to_string());
            } else if line.ends_with(": Int {") && lines[i + 1].trim() == "switch self {" {
                let name = line
                    .trim_end_matches(": Int {")
                    .rsplit(' ')
                    .next()
                    .unwrap()
                    .to_string();
                let mut arms = HashMap::new();
                let mut default = None;
                i += 2;
                while lines[i].trim() != "}" {
                    let arm = lines[i].trim();
                    if let Some(rest) = arm.strip_prefix("case .") {
                        let (variant, row) = rest.split_once(": return ").unwrap();
                        assert!(
                            arms.insert(variant.to_string(), row.parse().unwrap())
                                .is_none(),
                            "case .{variant} twice in {name}"
                        );
                    } else {
                        let rest = arm.strip_prefix("default: return ").unwrap();
                        default = Some(rest.to_string());
                    }
                    i += 1;
                }
                block.chains.insert(name, (arms, default));
            }
            i += 1;
        }
        block
    }

    /// The row `switch self` gives `variant`, following the chain from `first`
    /// as Swift would: a chunk answers its own cases, `default` the rest.
    fn row(&self, first: &str, variant: &str) -> usize {
        let mut chunk = first.to_string();
        loop {
            let (arms, default) = &self.chains[&chunk];
            if let Some(row) = arms.get(variant) {
                return *row;
            }
            let default = default
                .as_ref()
                .unwrap_or_else(|| panic!("{chunk} has no case .{variant} and no default"));
            match default.split_once(" // .") {
                Some((row, last)) => {
                    assert_eq!(
                        last, variant,
                        "the last chunk's default answers another case"
                    );
                    return row.parse().unwrap();
                }
                None => chunk = default.clone(),
            }
        }
    }

    /// Element `i` of the table read by `static func <function>`, evaluating its
    /// body (`root[i / 256][i % 256]` and the like) over the parsed arrays.
    fn at(&self, function: &str, i: usize) -> String {
        let body = &self.functions[function];
        let (root, rest) = body.split_once('[').unwrap();
        let mut array = &self.arrays[root];
        let mut item = String::new();
        for index in rest.trim_end_matches(']').split("][") {
            let mut tokens = index.split(' ');
            assert_eq!(tokens.next(), Some("i"), "{body}");
            let mut value = i;
            while let Some(op) = tokens.next() {
                let n: usize = tokens.next().unwrap().parse().unwrap();
                value = match op {
                    "/" => value / n,
                    "%" => value % n,
                    _ => panic!("{body}"),
                };
            }
            item = array
                .get(value)
                .unwrap_or_else(|| panic!("{function}({i}): {root} has no element {value}"))
                .clone();
            if let Some(next) = self.arrays.get(&item) {
                array = next;
            }
        }
        item
    }

    /// The one-line body of the member whose declaration line is `signature`.
    fn body(&self, signature: &str) -> &str {
        self.body_lines(signature)[0]
    }

    /// The body of the member whose declaration line is `signature`, line by line.
    fn body_lines(&self, signature: &str) -> Vec<&str> {
        let start = self
            .text
            .find(&format!("\n    {signature} {{\n"))
            .unwrap_or_else(|| panic!("no `{signature}`"));
        self.text[start + 1..]
            .lines()
            .skip(1)
            .take_while(|line| *line != "    }")
            .map(str::trim)
            .collect()
    }
}

/// Items of one line of a table: split at commas outside strings and parentheses.
fn split_items(line: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut current = String::new();
    let (mut depth, mut in_string, mut escaped) = (0, false, false);
    for c in line.chars() {
        if in_string {
            in_string = escaped || c != '"';
            escaped = !escaped && c == '\\';
        } else if c == '"' {
            in_string = true;
        } else if c == '(' {
            depth += 1;
        } else if c == ')' {
            depth -= 1;
        } else if c == ',' && depth == 0 {
            items.push(current.trim().to_string());
            current.clear();
            continue;
        }
        current.push(c);
    }
    assert!(
        current.trim().is_empty(),
        "a table line must end in a comma: {line}"
    );
    items
}

/// A Swift string literal's text (the escapes `Swift.string` writes).
fn unescape(literal: &str) -> String {
    let inner = literal
        .strip_prefix('"')
        .and_then(|l| l.strip_suffix('"'))
        .unwrap_or_else(|| panic!("not a string literal: {literal}"));
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next().unwrap() {
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            '0' => out.push('\0'),
            'u' => {
                let hex: String = chars.by_ref().skip(1).take_while(|c| *c != '}').collect();
                out.push(char::from_u32(u32::from_str_radix(&hex, 16).unwrap()).unwrap());
            }
            other => out.push(other),
        }
    }
    out
}

/// A key as Swift compares it: integers by value, strings by Unicode scalars
/// (Swift orders strings by their NFC scalars; catalog codes are NFC).
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Key {
    Int(i64),
    Str(String),
}

fn key_of_literal(literal: &str) -> Key {
    if literal.starts_with('"') {
        Key::Str(unescape(literal))
    } else {
        Key::Int(
            literal
                .parse()
                .unwrap_or_else(|_| panic!("not an Int: {literal}")),
        )
    }
}

fn key_of_json(code: &serde_json::Value) -> Key {
    match code {
        serde_json::Value::String(s) => Key::Str(s.clone()),
        other => Key::Int(other.as_i64().unwrap()),
    }
}

/// `Self.<function>(<argument>)`, split.
fn call(body: &str) -> (&str, &str) {
    let rest = body
        .strip_prefix("Self.")
        .unwrap_or_else(|| panic!("{body}"));
    let (function, argument) = rest.split_once('(').unwrap();
    (function, argument.strip_suffix(')').unwrap())
}

/// Reads `Self.<table>(_position * <n> + locale.index)` and gives the element
/// for `row` in the locale at `locale`.
fn localized(block: &TypeBlock, body: &str, row: usize, locale: usize) -> String {
    let (function, argument) = call(body);
    let stride: usize = argument
        .strip_prefix("_position * ")
        .and_then(|a| a.strip_suffix(" + locale.index"))
        .unwrap_or_else(|| panic!("{body}"))
        .parse()
        .unwrap();
    block.at(function, row * stride + locale)
}

/// Replays `init?(code:)` (a binary search, checked to be the one generated)
/// and every table read against the JSON: every code finds its entry, an
/// unknown code finds none, and each entry's codes, identifier, messages and
/// hints are its own, in every locale.
pub fn lookup_parity(catalog: &Rendered, text: &str) {
    // The module-level constants carry the JSON export's version and hash.
    for (name, key) in [("catalogVersion", "version"), ("catalogHash", "hash")] {
        let prefix = format!("public let {name}: String = ");
        let line = text
            .lines()
            .find_map(|l| l.strip_prefix(&prefix))
            .unwrap_or_else(|| panic!("no `{prefix}` in the Swift module"));
        assert_eq!(
            unescape(line),
            catalog.json[key].as_str().unwrap(),
            "{name}"
        );
    }
    let locales: Vec<String> = catalog.json["locales"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap().to_string())
        .collect();
    let locale_block = TypeBlock::find(text, "CatalogLocale");
    let locale_index: Vec<usize> = locales
        .iter()
        .map(|l| {
            let variant = Swift.variant(&heck::ToUpperCamelCase::to_upper_camel_case(l.as_str()));
            locale_block.row("index", &variant)
        })
        .collect();
    for set in catalog.json["sets"].as_array().unwrap() {
        let name = Swift.type_name(set["name"].as_str().unwrap());
        let block = TypeBlock::find(text, &name);
        let key = key_of_json;
        let search = binary_search(&block, &name);
        let entries = set["entries"].as_array().unwrap();
        let mut keys = Vec::new();
        for entry in entries {
            let variant = Swift.variant(entry["name"].as_str().unwrap());
            let codes = entry["codes"].as_array().unwrap();
            for code in codes {
                keys.push(key(code));
                assert_eq!(
                    search(&key(code)).as_deref(),
                    Some(variant.as_str()),
                    "{}: {name}(code: {code}) is not .{variant}",
                    catalog.key
                );
            }
            let row = block.row("_position", &variant);
            // codes: the run of `_code` from `_codeStart(row)` to `_codeStart(row + 1)`.
            let start: usize = block.at("_codeStart", row).parse().unwrap();
            let end: usize = block.at("_codeStart", row + 1).parse().unwrap();
            let stored: Vec<Key> = (start..end)
                .map(|i| key_of_literal(&block.at("_code", i)))
                .collect();
            let expected: Vec<Key> = codes.iter().map(key).collect();
            assert_eq!(stored, expected, "{}: {name}.{variant}.codes", catalog.key);
            let identifier = block.at("_identifier", row);
            assert_eq!(
                unescape(&identifier),
                entry["name"].as_str().unwrap(),
                "{}: {name}.{variant}.identifier",
                catalog.key
            );
            // `docURL` exists exactly when the export has `doc_url`, and reads this row's.
            let doc_url = "    public var docURL: String { Self._docURL(_position) }\n";
            match entry.get("doc_url") {
                Some(url) => {
                    assert!(
                        block.text.contains(doc_url),
                        "{}: {name} lacks `{doc_url}`",
                        catalog.key
                    );
                    assert_eq!(
                        unescape(&block.at("_docURL", row)),
                        url.as_str().unwrap(),
                        "{}: {name}.{variant}.docURL",
                        catalog.key
                    );
                }
                None => assert!(
                    !block.text.contains("docURL"),
                    "{}: {name} has a docURL without docs_url",
                    catalog.key
                ),
            }
            let message = block.body("public func message(in locale: CatalogLocale) -> String");
            let hint = block.body("public func hint(in locale: CatalogLocale) -> String?");
            for (l, locale) in locales.iter().enumerate() {
                let got = unescape(&localized(&block, message, row, locale_index[l]));
                assert_eq!(
                    got,
                    entry["message"][locale].as_str().unwrap(),
                    "{}: {name}.{variant}.message(in: {locale})",
                    catalog.key
                );
                let want = entry["hint"][locale].as_str();
                let got = if hint == "nil" {
                    None
                } else {
                    let literal = localized(&block, hint, row, locale_index[l]);
                    (literal != "nil").then(|| unescape(&literal))
                };
                assert_eq!(
                    got.as_deref(),
                    want,
                    "{}: {name}.{variant}.hint(in: {locale})",
                    catalog.key
                );
            }
        }
        let code_type = if set["key"] == "int" { "Int" } else { "String" };
        for member in [
            format!(
                "    public var code: {code_type} {{ Self._code(Self._codeStart(_position)) }}\n"
            ),
            format!(
                "    public var codes: [{code_type}] {{\n        let row = _position\n        return (Self._codeStart(row)..<Self._codeStart(row + 1)).map(Self._code)\n    }}\n"
            ),
            "    public var identifier: String { Self._identifier(_position) }\n".to_string(),
        ] {
            assert!(
                block.text.contains(&member),
                "{}: {name} lacks `{member}`",
                catalog.key
            );
        }
        attribute_parity(catalog, set, &block, &locales, &locale_index);
        let unknown = key(&super::expected::unknown_code(set));
        assert_eq!(
            search(&unknown),
            None,
            "{}: {name} finds an unknown code",
            catalog.key
        );
        assert_eq!(
            keys.len(),
            lookup_count(&block),
            "{}: {name}'s lookup table holds another number of codes",
            catalog.key
        );
    }
}

fn lookup_count(block: &TypeBlock) -> usize {
    let at = block.text.find("\n        var high = ").unwrap();
    block.text[at..].lines().nth(1).unwrap().trim()["var high = ".len()..]
        .parse()
        .unwrap()
}

/// The generated `init?(code:)`, replayed: the body must be this binary search
/// over `_lookupCode`/`_lookupCase`, and the search runs on the parsed tables.
fn binary_search<'b>(block: &'b TypeBlock, name: &str) -> impl Fn(&Key) -> Option<String> + 'b {
    let code_type = if block.text.contains("public init?(code: Int) {") {
        "Int"
    } else {
        "String"
    };
    let expected = format!(
        "    public init?(code: {code_type}) {{
        var low = 0
        var high = {}
        while low < high {{
            let middle = (low + high) / 2
            let found = Self._lookupCode(middle)
            if found < code {{
                low = middle + 1
            }} else if code < found {{
                high = middle
            }} else {{
                self = Self._lookupCase(middle)
                return
            }}
        }}
        return nil
    }}
",
        lookup_count(block)
    );
    assert!(
        block.text.contains(&expected),
        "{name}: init?(code:) is not the binary search this test replays"
    );
    let count = lookup_count(block);
    move |code: &Key| {
        let (mut low, mut high) = (0, count);
        while low < high {
            let middle = (low + high) / 2;
            let found = key_of_literal(&block.at("_lookupCode", middle));
            if found < *code {
                low = middle + 1;
            } else if *code < found {
                high = middle;
            } else {
                let case = block.at("_lookupCase", middle);
                return Some(case.strip_prefix('.').unwrap().to_string());
            }
        }
        None
    }
}

/// Reads `return (Self.<starts>(row)..<Self.<starts>(row + 1)).map(Self.<items>)`.
fn ranged(line: &str) -> (&str, &str) {
    let rest = line
        .strip_prefix("return (Self.")
        .unwrap_or_else(|| panic!("{line}"));
    let (starts, rest) = rest.split_once("(row)..<").unwrap();
    let (_, items) = rest.split_once(").map(Self.").unwrap();
    (starts, items.strip_suffix(')').unwrap())
}

/// `true`, `.variant` or a list of them, as the JSON value `value` of an
/// attribute of type `kind` is stored; text is compared elsewhere.
fn stored(kind: &str, value: &serde_json::Value) -> Vec<String> {
    let variant = |v: &serde_json::Value| format!(".{}", Swift.variant(v.as_str().unwrap()));
    match kind {
        "bool" => vec![value.as_bool().unwrap().to_string()],
        "enum" => vec![variant(value)],
        "list" => value.as_array().unwrap().iter().map(variant).collect(),
        _ => unreachable!(),
    }
}

/// Every attribute's current value of every entry, and its dated history,
/// read back through the accessors' tables and compared with the JSON.
fn attribute_parity(
    catalog: &Rendered,
    set: &serde_json::Value,
    block: &TypeBlock,
    locales: &[String],
    locale_index: &[usize],
) {
    let name = set["name"].as_str().unwrap();
    for attribute in set["attributes"].as_array().unwrap() {
        let snake = attribute["name"].as_str().unwrap();
        let kind = attribute["type"].as_str().unwrap();
        let accessor = if kind == "bool" {
            Swift.bool_member(snake)
        } else {
            Swift.member(snake)
        };
        let current = match kind {
            "text" => block.body_lines(&format!(
                "public func {accessor}(in locale: CatalogLocale) -> String"
            )),
            _ => block.body_lines(&format!(
                "public var {accessor}: {}",
                block
                    .text
                    .split(&format!("\n    public var {accessor}: "))
                    .nth(1)
                    .unwrap_or_else(|| panic!("{name} has no {accessor}"))
                    .split(" {\n")
                    .next()
                    .unwrap()
            )),
        };
        let history = (attribute["has_changes"] == true).then(|| {
            let lines = block.body_lines(&format!(
                "public func {accessor}(on date: DateComponents) -> {}",
                block
                    .text
                    .split(&format!(
                        "\n    public func {accessor}(on date: DateComponents) -> "
                    ))
                    .nth(1)
                    .unwrap_or_else(|| panic!("{name} has no {accessor}(on:)"))
                    .split(" {\n")
                    .next()
                    .unwrap()
            ));
            let call = lines[1].split_once("valueOn(Self.").unwrap().1;
            let (starts, rest) = call.split_once("(row)..<").unwrap();
            let rows = rest
                .split_once(", Self.")
                .unwrap()
                .1
                .split(',')
                .next()
                .unwrap();
            (starts.to_string(), rows.to_string())
        });
        for entry in set["entries"].as_array().unwrap() {
            let variant = Swift.variant(entry["name"].as_str().unwrap());
            let row = block.row("_position", &variant);
            let value = &entry["attributes"][snake];
            let what = format!("{}: {name}.{variant}.{accessor}", catalog.key);
            let items = |items: &str, range: std::ops::Range<usize>| -> Vec<String> {
                range.map(|i| block.at(items, i)).collect()
            };
            let list_range = |starts: &str, row: usize| -> std::ops::Range<usize> {
                let start: usize = block.at(starts, row).parse().unwrap();
                let end: usize = block.at(starts, row + 1).parse().unwrap();
                start..end
            };
            match kind {
                "text" => {
                    for (l, locale) in locales.iter().enumerate() {
                        let got = unescape(&localized(block, current[0], row, locale_index[l]));
                        assert_eq!(
                            got,
                            value["value"][locale].as_str().unwrap(),
                            "{what}({locale})"
                        );
                    }
                }
                "list" => {
                    let (starts, values) = ranged(current[1]);
                    let got = items(values, list_range(starts, row));
                    assert_eq!(got, stored(kind, &value["value"]), "{what}");
                }
                _ => {
                    let (function, argument) = call(current[0]);
                    assert_eq!(argument, "_position", "{what}");
                    assert_eq!(
                        vec![block.at(function, row)],
                        stored(kind, &value["value"]),
                        "{what}"
                    );
                }
            }
            let Some((starts, rows)) = &history else {
                continue;
            };
            let past = value["history"].as_array().unwrap();
            let range = list_range(starts, row);
            assert_eq!(range.len(), past.len(), "{what}: history rows");
            for (i, change) in range.zip(past) {
                let tuple = block.at(rows, i);
                let fields = split_items(&format!("{},", &tuple[1..tuple.len() - 1]));
                let until: Vec<u32> = change["until"]
                    .as_str()
                    .unwrap()
                    .split('-')
                    .map(|p| p.parse().unwrap())
                    .collect();
                let day: Vec<u32> = fields[..3].iter().map(|f| f.parse().unwrap()).collect();
                assert_eq!(day, until, "{what}: history row {i}");
                let earlier = &fields[3];
                match kind {
                    "text" => assert_eq!(
                        unescape(earlier),
                        change["value"][&locales[0]].as_str().unwrap(),
                        "{what}: history row {i}"
                    ),
                    "list" => {
                        let (start, end) = earlier.split_once("..<").unwrap();
                        let (_, values) = ranged(current[1]);
                        let got = items(values, start.parse().unwrap()..end.parse().unwrap());
                        assert_eq!(
                            got,
                            stored(kind, &change["value"]),
                            "{what}: history row {i}"
                        );
                    }
                    _ => assert_eq!(
                        vec![earlier.clone()],
                        stored(kind, &change["value"]),
                        "{what}: history row {i}"
                    ),
                }
            }
        }
    }
}

/// A top-level declaration of a Swift file, as tree-sitter parsed it.
#[derive(serde::Deserialize, Debug)]
pub struct Declaration {
    pub kind: String,
    pub name: String,
    pub inherits: Vec<String>,
    pub members: Vec<String>,
}

/// The top-level declarations of `file`, parsed by tree-sitter
/// (`swift_structure.py` prints, as JSON per file, every top-level type and
/// extension: its keyword, name, conformances and each member's first line).
pub fn structure(file: &Path) -> Vec<Declaration> {
    // Run in place, isolated: a script copied into a shared temporary folder
    // would import whatever `types.py` or `enum.py` lies there.
    let script = super::root().join("tests/bindings/swift_structure.py");
    let report = run(Command::new(tool("venv/bin/python"))
        .arg("-I")
        .arg(&script)
        .arg(file));
    let mut files: HashMap<String, Vec<Declaration>> = serde_json::from_str(&report).unwrap();
    files.remove(file.to_str().unwrap()).unwrap()
}

/// The declarations of `kind` named `name` that conform to `first` first.
fn find<'d>(decls: &'d [Declaration], kind: &str, name: &str, first: &str) -> &'d Declaration {
    decls
        .iter()
        .find(|d| {
            d.kind == kind
                && d.name == name
                && d.inherits.first().map(String::as_str) == Some(first)
        })
        .unwrap_or_else(|| panic!("no `{kind} {name}: {first}` in {decls:#?}"))
}

/// FNV-1a, 32 bits, top bit cleared: the `errorCode` README promises for string
/// codes, written again here so the generator's own function is not its oracle.
fn fnv1a31(text: &str) -> i64 {
    let mut hash: u64 = 2_166_136_261;
    for byte in text.as_bytes() {
        hash = ((hash ^ u64::from(*byte)) * 16_777_619) % (1 << 32);
    }
    (hash % (1 << 31)) as i64
}

#[test]
fn swift_error_code_hash_matches_published_vectors() {
    // FNV-1a 32-bit test vectors ("", "a", "foobar"), top bit cleared.
    assert_eq!(fnv1a31(""), 0x811c_9dc5 & 0x7fff_ffff);
    assert_eq!(fnv1a31("a"), 0xe40c_292c & 0x7fff_ffff);
    assert_eq!(fnv1a31("foobar"), 0xbf9c_f968 & 0x7fff_ffff);
}

/// The text of the top-level block opening with the line `opening`.
fn block<'t>(text: &'t str, opening: &str) -> &'t str {
    let start = text
        .find(&format!("\n{opening}\n"))
        .unwrap_or_else(|| panic!("no `{opening}`"));
    let end = start + 1 + text[start + 1..].find("\n}\n").unwrap();
    &text[start + 1..end + 2]
}

/// `Codable`, the `CatalogCode` wrapper and, for `error = true` sets, the
/// platform error protocols, checked on the tree-sitter parse and replayed
/// against the JSON export: decoding any code (aliases too) gives its entry and
/// an unknown code throws; `CatalogCode` keeps the code as received; each case's
/// `errorCode` is its canonical code (FNV-1a of it for string codes) and
/// `errorDomain` is `<module>.<set name>`.
pub fn platform_types(catalog: &Rendered, source: &Path, text: &str) {
    let decls = structure(source);
    let module = retcode::render::swift::module(&catalog.model);
    if catalog.key == "faceid" {
        assert_eq!(
            module, "FaceIdCodes",
            "the README's domains name this module"
        );
    }
    // `catalogDay(of:)` reads days in the catalog's zone, where dated accessors exist.
    let zone = text
        .lines()
        .find_map(|l| l.strip_prefix("    calendar.timeZone = TimeZone(identifier: "))
        .map(|rest| unescape(rest.split(") ?? ").next().unwrap()));
    let dated = text.contains("(on date: DateComponents) -> ");
    assert_eq!(
        zone.as_deref(),
        dated.then(|| catalog.json["date_zone"].as_str().unwrap()),
        "{}: catalogDay(of:)'s time zone",
        catalog.key
    );
    if dated {
        assert!(text.contains("\npublic func catalogDay(of instant: Date) -> DateComponents {\n"));
    }
    let wrapper = find(&decls, "enum", "CatalogCode", "Codable");
    assert_eq!(wrapper.inherits, ["Codable", "Hashable", "Sendable"]);
    for member in [
        "case known(Known, raw: Known.RawCode)",
        "case unknown(Known.RawCode)",
        "public init(raw: Known.RawCode) {",
        "public var raw: Known.RawCode {",
        "public init(from decoder: Decoder) throws {",
        "public func encode(to encoder: Encoder) throws {",
    ] {
        assert!(
            wrapper.members.iter().any(|m| m == member),
            "CatalogCode lacks `{member}`"
        );
    }
    let wrapper_text = block(
        text,
        "public enum CatalogCode<Known: CatalogCodeSet>: Codable, Hashable, Sendable {",
    );
    for body in [
        "        if let known = Known(code: raw) {\n            self = .known(known, raw: raw)\n        } else {\n            self = .unknown(raw)\n        }\n",
        "        case .known(_, let raw): return raw\n        case .unknown(let raw): return raw\n",
        "        self.init(raw: try container.decode(Known.RawCode.self))\n",
        "        try container.encode(raw)\n",
    ] {
        assert!(wrapper_text.contains(body), "CatalogCode lacks\n{body}");
    }
    for set in catalog.json["sets"].as_array().unwrap() {
        let name = Swift.type_name(set["name"].as_str().unwrap());
        let code_type = if set["key"] == "int" { "Int" } else { "String" };
        let codable = find(&decls, "extension", &name, "CatalogCodeSet");
        assert_eq!(
            codable.members,
            [
                format!("public typealias RawCode = {code_type}"),
                "public init(from decoder: Decoder) throws {".into(),
                "public func encode(to encoder: Encoder) throws {".into(),
            ],
            "{}: {name}",
            catalog.key
        );
        // Strict decoding: `init?(code:)` (replayed below) or a thrown error.
        let codable_text = block(text, &format!("extension {name}: CatalogCodeSet {{"));
        let decode = format!(
            "        let container = try decoder.singleValueContainer()\n        let raw = try container.decode({code_type}.self)\n        guard let value = Self(code: raw) else {{\n            throw DecodingError.dataCorruptedError(in: container, debugDescription: \"\\(Self.self) has no code \\(raw)\")\n        }}\n        self = value\n"
        );
        assert!(
            codable_text.contains(&decode),
            "{name}: decoding is not\n{decode}"
        );
        assert!(codable_text.contains("        try container.encode(code)\n"));
        let enum_block = TypeBlock::find(text, &name);
        let search = binary_search(&enum_block, &name);
        for entry in set["entries"].as_array().unwrap() {
            let variant = Swift.variant(entry["name"].as_str().unwrap());
            for raw in entry["codes"].as_array().unwrap() {
                // Decoding `raw` strictly gives the entry; as `CatalogCode` it is
                // `.known(entry, raw: raw)`, encoded back as `raw` (the bodies above).
                assert_eq!(search(&key_of_json(raw)).as_deref(), Some(variant.as_str()));
            }
        }
        let unknown = key_of_json(&super::expected::unknown_code(set));
        assert_eq!(
            search(&unknown),
            None,
            "{name}: an unknown code would decode"
        );

        let errors = decls
            .iter()
            .filter(|d| d.name == name && d.inherits.iter().any(|i| i == "CustomNSError"))
            .count();
        if set["error"] != true {
            assert_eq!(errors, 0, "{}: {name} is no error set", catalog.key);
            continue;
        }
        let error = find(&decls, "extension", &name, "Error");
        assert_eq!(
            error.inherits,
            [
                "Error",
                "LocalizedError",
                "CustomNSError",
                "CustomStringConvertible"
            ]
        );
        let domain = format!("{module}.{}", set["name"].as_str().unwrap());
        for member in [
            "public var errorDescription: String? { localizedMessage }".to_string(),
            "public var recoverySuggestion: String? { localizedHint }".into(),
            format!("public static var errorDomain: String {{ \"{domain}\" }}"),
            "public var errorUserInfo: [String: Any] { [\"code\": code, \"identifier\": identifier] }".into(),
            "public var description: String { message }".into(),
        ] {
            assert!(
                error.members.contains(&member),
                "{}: {name} lacks `{member}`: {:#?}",
                catalog.key,
                error.members
            );
        }
        let error_code = error
            .members
            .iter()
            .find_map(|m| m.strip_prefix("public var errorCode: Int { "))
            .and_then(|m| m.strip_suffix(" }"))
            .unwrap_or_else(|| panic!("{name} has no errorCode"));
        for entry in set["entries"].as_array().unwrap() {
            let variant = Swift.variant(entry["name"].as_str().unwrap());
            let row = enum_block.row("_position", &variant);
            let canonical = &entry["codes"][0];
            let (got, want) = match error_code {
                // `code`: the canonical code, read as `var code` reads it.
                "code" => {
                    let start: usize = enum_block.at("_codeStart", row).parse().unwrap();
                    let literal = enum_block.at("_code", start);
                    assert!(canonical.is_i64(), "{name}: a string code cannot be an Int");
                    (literal, canonical.to_string())
                }
                "Self._errorCode(_position)" => (
                    enum_block.at("_errorCode", row),
                    fnv1a31(canonical.as_str().unwrap()).to_string(),
                ),
                other => panic!("{name}: errorCode is `{other}`"),
            };
            assert_eq!(got, want, "{}: {name}.{variant}.errorCode", catalog.key);
        }
    }
}

/// The basic fixture with its string-keyed set made an error set: its
/// `errorCode` comes from the FNV-1a table. Returns the Swift file.
pub fn string_error_set(scratch: &Path) -> PathBuf {
    let basic = fs::read_to_string(super::root().join("tests/fixtures/basic.toml")).unwrap();
    let text = basic.replacen(
        "name = \"RiskTag\"\n",
        "name = \"RiskTag\"\nerror = true\n",
        1,
    );
    assert_ne!(text, basic, "the basic fixture has no RiskTag set any more");
    let model = retcode::load_str(&text).unwrap_or_else(|d| panic!("{d:?}"));
    let catalog = super::render(scratch, "string-error", model, "string-error.toml");
    let source = source_path(&catalog);
    let text = fs::read_to_string(&source).unwrap();
    assert!(text.contains("public var errorCode: Int { Self._errorCode(_position) }"));
    platform_types(&catalog, &source, &text);
    lookup_parity(&catalog, &text);
    source
}

/// The Apple localization the README promises for a catalog locale, written
/// out for the tags the test catalogs use (any other tag is kept as written).
fn apple_localization(tag: &str) -> &str {
    match tag {
        "zh-CN" | "zh" | "zh-SG" | "zh-Hans" => "zh-Hans",
        "zh-TW" | "zh-Hant" => "zh-Hant",
        other => other,
    }
}

/// `Localizable.xcstrings` is valid JSON with exactly one key per message and
/// per hint of the JSON export, each in every locale under its Apple
/// localization and equal to the export's text; `Package.swift` names its
/// source language as `defaultLocalization`; the Swift code reads the same keys
/// through the bundle with the built-in text as fallback, and each locale's
/// `.lproj` name in the code is the catalog's.
pub fn string_catalog(catalog: &Rendered, text: &str) {
    let module = retcode::render::swift::module(&catalog.model);
    let path = catalog
        .dir
        .join(format!("swift/Sources/{module}/Localizable.xcstrings"));
    let xcstrings: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
    )
    .unwrap_or_else(|e| panic!("{}: not JSON: {e}", path.display()));
    let locales: Vec<&str> = catalog.json["locales"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap())
        .collect();
    let default = apple_localization(catalog.json["default_locale"].as_str().unwrap());
    if catalog.key == "faceid" {
        assert_eq!(default, "zh-Hans");
    }
    assert_eq!(xcstrings["sourceLanguage"], default, "{}", catalog.key);
    assert_eq!(xcstrings["version"], "1.0");
    let manifest = fs::read_to_string(catalog.dir.join("swift/Package.swift")).unwrap();
    assert!(
        manifest.contains(&format!("    defaultLocalization: \"{default}\",\n")),
        "{}: Package.swift's defaultLocalization is not {default}",
        catalog.key
    );
    let strings = xcstrings["strings"].as_object().unwrap();
    let mut expected = 0;
    for set in catalog.json["sets"].as_array().unwrap() {
        let set_name = set["name"].as_str().unwrap();
        for entry in set["entries"].as_array().unwrap() {
            for field in ["message", "hint"] {
                if entry[field].is_null() {
                    continue;
                }
                expected += 1;
                let key = format!("{set_name}.{}.{field}", entry["name"].as_str().unwrap());
                let units = strings[&key]["localizations"]
                    .as_object()
                    .unwrap_or_else(|| panic!("{}: no key {key}", catalog.key));
                assert_eq!(units.len(), locales.len(), "{key}: one per locale");
                for locale in &locales {
                    let unit = &units[apple_localization(locale)]["stringUnit"];
                    assert_eq!(unit["state"], "translated", "{key}");
                    assert_eq!(
                        unit["value"], entry[field][locale],
                        "{}: {key} in {locale}",
                        catalog.key
                    );
                }
            }
        }
        // The code reads `<set name>.<identifier>.message`, falling back to the built-in text.
        let name = Swift.type_name(set_name);
        let block = TypeBlock::find(text, &name);
        let prefix = Swift.string(&format!("{set_name}."));
        for (field, fallback) in [("message", "message(in: locale)"), ("hint", "text")] {
            let read =
                format!("locale._localized({prefix} + identifier + \".{field}\", {fallback})");
            assert!(
                block.text.contains(&read),
                "{}: {name} lacks `{read}`",
                catalog.key
            );
        }
    }
    assert_eq!(
        strings.len(),
        expected,
        "{}: keys beyond the texts",
        catalog.key
    );
    let locale_block = TypeBlock::find(text, "CatalogLocale");
    for locale in &locales {
        let variant = Swift.variant(&heck::ToUpperCamelCase::to_upper_camel_case(*locale));
        let row = locale_block.row("index", &variant);
        assert_eq!(
            unescape(&locale_block.at("_localization", row)),
            apple_localization(locale),
            "{}: CatalogLocale.{variant}.localization",
            catalog.key
        );
    }
}

/// `generated/swift/` is a package of its own: `Package.swift` at its root names
/// only targets whose folders are in it and resources that exist there, no path
/// leaves it, and every file in it is the manifest or under a target's folder.
pub fn package_is_self_contained(package: &Path) {
    let manifest = fs::read_to_string(package.join("Package.swift")).unwrap();
    assert!(manifest.starts_with("// swift-tools-version:5.9\n"));
    assert!(
        !manifest.contains(".."),
        "Package.swift points outside its folder"
    );
    assert!(
        !manifest.contains("path:"),
        "targets live in Sources/<name>"
    );
    let quoted = |call: &str| -> Vec<String> {
        manifest
            .split(call)
            .skip(1)
            .map(|rest| rest.split('"').next().unwrap().to_string())
            .collect()
    };
    let targets = quoted(".target(\n            name: \"");
    assert_eq!(targets.len(), 1, "{manifest}");
    let target = package.join("Sources").join(&targets[0]);
    assert!(target.is_dir(), "{} is missing", target.display());
    let resources = quoted(".process(\"");
    for resource in &resources {
        assert!(
            target.join(resource).is_file(),
            "resource {resource} is missing"
        );
    }
    assert!(
        !resources.is_empty(),
        "the String Catalog is not a resource"
    );
    let mut files = Vec::new();
    let mut stack = vec![package.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for item in fs::read_dir(&dir).unwrap() {
            let path = item.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push(path.strip_prefix(package).unwrap().to_path_buf());
            }
        }
    }
    for file in files {
        assert!(
            file == Path::new("Package.swift")
                || file.starts_with(Path::new("Sources").join(&targets[0])),
            "{} is neither the manifest nor in the target",
            file.display()
        );
    }
}
