//! Where the Kotlin file keeps its data, as values the template prints: string
//! constants of at most [`BYTES_PER_STRING`] bytes of modified UTF-8 (longer
//! ones in pieces joined at run time), tables of packed rows in chunks
//! dispatched by row, code lookups as `when` chunks or packed sorted tables
//! picked by a binary search over bounds. Everything here is a decision or
//! packed data; the template writes the Kotlin around it.

use std::collections::HashMap;

use crate::model::{Code, KeyKind};
use crate::render::naming::{AttrType, Oracle};

/// A set of at most this many entries is an `enum class` of bare constants; a
/// larger one is a final class of shared instances. A JVM enum's static
/// initializer (a constructor call per constant) reaches the 64 KB method limit
/// at about 2,900 bare constants, so 2,000 keeps a third of margin. It is no
/// lower because kotlinc handles an enum constant more cheaply than the class
/// shape's companion property (about 1 ms against 3 ms, and less heap): with
/// 1,000, the 50,000-code catalog (20 sets of 2,000) ran out of kotlinc's
/// default heap; with 2,000 it compiles in about 35 s.
pub const ENUM_LIMIT: usize = 2000;

/// Entries per table chunk (a private object), at most ...
const ROWS_PER_CHUNK: usize = 1000;
/// ... and fewer when one column's packed string would pass this many bytes:
/// the class file stores a string constant in at most 65,535 bytes (modified UTF-8).
const BYTES_PER_STRING: usize = 60_000;
/// ... but never fewer than this: one entry of thousands of codes would
/// otherwise make every chunk of its set one row (an object per entry). A chunk
/// whose packed string is longer still is written in pieces, joined at run time.
const MIN_ROWS_PER_CHUNK: usize = 50;
/// Int codes per lookup chunk (3 chars of at most 3 bytes each per code).
const CODES_PER_CHUNK: usize = 6000;
/// String codes per lookup chunk: one `when` each.
pub(super) const STRING_CODES_PER_CHUNK: usize = 1000;
/// String codes of one hash a `when` chunk may hold; a chunk with more is a
/// sorted table searched by `_findText` (thousands of codes can share a hash:
/// every string of `Aa` and `BB` blocks of one length does).
pub(super) const MAX_WHEN_BUCKET: usize = 8;
/// String codes per arm of that `when`: one. kotlinc resolves an arm's
/// conditions as a chain of `||`; an entry of 20,000 codes ran it out of its
/// default heap both with all of a chunk's codes in one arm and with 16 per arm.
const CODES_PER_ARM: usize = 1;

/// Table constants are `D0`, `D1`, … in each private table object.
pub const TABLE_CONSTANT: &str = "D";

/// Which top-level helpers the file needs.
#[derive(Default, Clone, Copy)]
pub struct Helpers {
    pub ints: bool,
    pub lists: bool,
    /// `_join`: a packed string too long for one constant.
    pub joins: bool,
    /// `_findText`: a lookup chunk of string codes that is a sorted table.
    pub text_tables: bool,
}

/// What one table holds per entry.
pub enum Cells {
    /// One text per entry and locale; `None` (no hint) reads as null.
    Texts(Vec<Vec<Option<String>>>),
    /// Every code of each entry, the canonical one first, and the set's key type.
    Codes(KeyKind, Vec<Vec<Code>>),
    Bools(Vec<bool>),
    /// Ordinals of an enum's values, and the enum's type name.
    Enum(String, Vec<usize>),
    List(String, Vec<Vec<usize>>),
}

/// One column of a table, as the caller describes it.
pub struct Column {
    /// The accessor's name (the codes column has `code` and `codes`).
    pub name: String,
    /// The type of one value, spelled.
    pub ty: String,
    /// An empty text reads as null.
    pub nullable: bool,
    /// Texts read per locale (messages, hints, text attributes).
    pub localized: bool,
    pub cells: Cells,
}

/// A dated attribute's earlier values: per entry, the values before each
/// change, oldest first (empty when today's applies on every day).
pub struct PastColumn {
    pub name: String,
    /// The type of one value, spelled (the accessor returns it nullable).
    pub ty: String,
    pub values: Vec<Vec<PastStep>>,
}

/// The value an attribute had before a day.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct PastStep {
    pub year: u16,
    pub month: u8,
    pub day: u8,
    /// The value as a literal.
    pub literal: String,
}

/// A table's private objects: `_Data`, whose functions pick the chunk of row
/// `i`, and one `_Rows<n>` per chunk.
pub struct Tables {
    /// Rows per chunk: row `i` is in chunk `i / rows`.
    pub rows: usize,
    /// Every accessor, in `_Data` and in each chunk.
    pub functions: Vec<Function>,
    pub chunks: Vec<Chunk>,
}

/// The signature of one accessor.
#[derive(Clone)]
pub struct Function {
    pub name: String,
    pub params: Params,
    /// The return type, spelled; `nullable` adds the language's null marker.
    pub ty: String,
    pub nullable: bool,
}

/// An accessor's parameters.
#[derive(Clone, Copy)]
pub enum Params {
    /// The row `i`.
    Row,
    /// The row and a locale's ordinal `l`.
    Localized,
    /// The row and a day (`year`, `month`, `day`).
    Dated,
}

/// One `_Rows<n>` object: rows `base..=last` of every column.
pub struct Chunk {
    /// The first row: the chunk's row `i - base`.
    pub base: usize,
    /// The last row, or none for a table without rows.
    pub last: Option<usize>,
    pub reads: Vec<Read>,
    pub pasts: Vec<PastRead>,
}

/// One column in one chunk: its constants, then its accessor.
pub struct Read {
    pub constants: Vec<Constant>,
    pub function: Function,
    pub body: Body,
}

/// How an accessor reads its constants (names of [`Constant`]s).
pub enum Body {
    /// One packed table per locale (one when not localized).
    Texts {
        localized: bool,
        tables: Vec<TextTable>,
    },
    /// `starts` bounds each row's codes in `table`; `list` is the accessor of them all.
    Codes {
        list: Function,
        starts: String,
        table: CodeTable,
    },
    /// One `0`/`1` per row.
    Bools { data: String },
    /// One digit per row: the ordinal of a value of `type_name`.
    Enum { type_name: String, data: String },
    /// `starts` bounds each row's ordinals in `items`.
    List {
        type_name: String,
        starts: String,
        items: String,
    },
}

/// Texts joined in `data`, their bounds in `offsets`.
pub struct TextTable {
    pub data: String,
    pub offsets: String,
}

/// Codes packed as texts, or as ints (three digits each).
pub enum CodeTable {
    Texts(TextTable),
    Ints(String),
}

/// A dated attribute in one chunk: the rows whose value differs before some
/// day, rows of equal history sharing an arm.
pub struct PastRead {
    pub function: Function,
    pub arms: Vec<PastArm>,
}

pub struct PastArm {
    pub rows: Vec<usize>,
    /// Tested in order; none matching means today's value.
    pub steps: Vec<PastStep>,
}

/// A string constant: one piece, or pieces joined at run time under `name`.
pub struct Constant {
    pub name: String,
    pub pieces: Vec<Piece>,
}

pub struct Piece {
    pub name: String,
    pub literal: String,
}

/// How a packed value is written as a literal.
#[derive(Clone, Copy)]
enum Literal {
    /// Catalog text, through [`Oracle::string`].
    Text,
    /// Characters that need no escape (15-bit digits from [`DIGIT_BIAS`], `0`
    /// and `1`), written as they are.
    Plain,
}

/// Names the constants of one private object (`D0`, `D1`, …) and spells them.
struct Pool<'a> {
    next: usize,
    helpers: &'a mut Helpers,
    oracle: &'a dyn Oracle,
}

impl<'a> Pool<'a> {
    fn new(helpers: &'a mut Helpers, oracle: &'a dyn Oracle) -> Self {
        Pool {
            next: 0,
            helpers,
            oracle,
        }
    }

    fn name(&mut self) -> String {
        let name = format!("{TABLE_CONSTANT}{}", self.next);
        self.next += 1;
        name
    }

    /// `value` as a constant pushed onto `out`, and its name. A value over
    /// [`BYTES_PER_STRING`] bytes of modified UTF-8 (a class file holds a string
    /// constant of at most 65,535) is several pieces, joined into that name.
    fn add(&mut self, out: &mut Vec<Constant>, value: &str, literal: Literal) -> String {
        let constant = self.constant(value, literal);
        let name = constant.name.clone();
        out.push(constant);
        name
    }

    fn constant(&mut self, value: &str, literal: Literal) -> Constant {
        let oracle = self.oracle;
        let spell = |piece: &str| match literal {
            Literal::Text => oracle.string(piece),
            // Nothing to escape: the literal is the characters in quotes.
            Literal::Plain => format!("\"{piece}\""),
        };
        let pieces: Vec<Piece> = split_modified_utf8(value, BYTES_PER_STRING)
            .into_iter()
            .map(|piece| Piece {
                name: self.name(),
                literal: spell(piece),
            })
            .collect();
        if let [piece] = pieces.as_slice() {
            return Constant {
                name: piece.name.clone(),
                pieces,
            };
        }
        self.helpers.joins = true;
        Constant {
            name: self.name(),
            pieces,
        }
    }
}

/// The tables of `count` rows of `columns` (and `pasts`). Rows per chunk are
/// the same for the whole table so that dispatch is `i / rows`: the row with
/// the longest cell decides, down to [`MIN_ROWS_PER_CHUNK`] (a heavier row's
/// constants are split and joined, see `Pool::add`).
pub fn tables(
    columns: &[Column],
    pasts: &[PastColumn],
    count: usize,
    helpers: &mut Helpers,
    oracle: &dyn Oracle,
) -> Tables {
    let heaviest = (0..count)
        .map(|i| {
            columns
                .iter()
                .map(|c| cell_bytes(&c.cells, i))
                .max()
                .unwrap_or(1)
        })
        .max()
        .unwrap_or(1)
        .max(1);
    let rows = (BYTES_PER_STRING / heaviest).clamp(MIN_ROWS_PER_CHUNK, ROWS_PER_CHUNK);
    let chunks = count.div_ceil(rows).max(1);
    let functions = columns
        .iter()
        .flat_map(|c| signatures(c, oracle))
        .chain(pasts.iter().map(past_signature))
        .collect();
    // `_int` reads int codes, also when no lookup chunk does (an empty set).
    if columns
        .iter()
        .any(|c| matches!(c.cells, Cells::Codes(KeyKind::Int, _)))
    {
        helpers.ints = true;
    }
    Tables {
        rows,
        functions,
        chunks: (0..chunks)
            .map(|chunk| {
                let range = chunk * rows..((chunk + 1) * rows).min(count);
                rows_chunk(range, columns, pasts, helpers, oracle)
            })
            .collect(),
    }
}

/// The accessors of a column: the codes column has `code` (the canonical one)
/// and `codes` (all).
fn signatures(column: &Column, oracle: &dyn Oracle) -> Vec<Function> {
    if let Cells::Codes(..) = column.cells {
        return vec![
            Function {
                name: "code".into(),
                params: Params::Row,
                ty: column.ty.clone(),
                nullable: false,
            },
            Function {
                name: "codes".into(),
                params: Params::Row,
                ty: oracle.value_type(&AttrType::List(column.ty.clone())),
                nullable: false,
            },
        ];
    }
    vec![Function {
        name: column.name.clone(),
        params: if column.localized {
            Params::Localized
        } else {
            Params::Row
        },
        ty: column.ty.clone(),
        nullable: column.nullable,
    }]
}

fn past_signature(past: &PastColumn) -> Function {
    Function {
        name: past.name.clone(),
        params: Params::Dated,
        ty: past.ty.clone(),
        nullable: true,
    }
}

/// The most bytes entry `i` adds to one packed string of `cells`.
fn cell_bytes(cells: &Cells, i: usize) -> usize {
    match cells {
        Cells::Texts(texts) => texts[i]
            .iter()
            .map(|t| t.as_deref().map_or(0, modified_utf8_len) + 6)
            .max()
            .unwrap_or(0),
        Cells::Codes(_, codes) => {
            codes[i]
                .iter()
                .map(|c| match c {
                    Code::Int(_) => 9,
                    Code::Str(s) => modified_utf8_len(s) + 6,
                })
                .sum::<usize>()
                + 6
        }
        Cells::Bools(_) | Cells::Enum(..) => 3,
        Cells::List(_, lists) => lists[i].len() * 3 + 6,
    }
}

/// One `_Rows<n>`: the rows in `range` of every column, packed into constants.
fn rows_chunk(
    range: std::ops::Range<usize>,
    columns: &[Column],
    pasts: &[PastColumn],
    helpers: &mut Helpers,
    oracle: &dyn Oracle,
) -> Chunk {
    let mut pool = Pool::new(helpers, oracle);
    let reads = columns
        .iter()
        .map(|column| read(&mut pool, column, range.clone()))
        .collect();
    Chunk {
        base: range.start,
        last: (!range.is_empty()).then(|| range.end - 1),
        reads,
        pasts: pasts.iter().map(|p| past_read(p, range.clone())).collect(),
    }
}

fn read(pool: &mut Pool, column: &Column, range: std::ops::Range<usize>) -> Read {
    let mut constants = Vec::new();
    let mut functions = signatures(column, pool.oracle).into_iter();
    let function = functions.next().expect("a column has an accessor");
    let body = match &column.cells {
        Cells::Texts(texts) => {
            let locales = texts.first().map_or(1, Vec::len);
            let tables = (0..locales)
                .map(|l| {
                    let (data, offsets) =
                        pack_texts(range.clone().map(|i| texts[i][l].as_deref().unwrap_or("")));
                    TextTable {
                        data: pool.add(&mut constants, &data, Literal::Text),
                        offsets: pool.add(&mut constants, &offsets, Literal::Plain),
                    }
                })
                .collect();
            Body::Texts {
                localized: column.localized,
                tables,
            }
        }
        Cells::Codes(key, codes) => {
            // Every code of the chunk in a row, and where each entry's begin.
            let mut starts = Vec::new();
            let mut count = 0;
            push_num(&mut starts, 0);
            for i in range.clone() {
                count += codes[i].len();
                push_num(&mut starts, count);
            }
            let starts = pool.add(&mut constants, &digits(&starts), Literal::Plain);
            let all = range.clone().flat_map(|i| codes[i].iter());
            let table = match key {
                KeyKind::Str => {
                    let (data, offsets) = pack_texts(all.map(|c| match c {
                        Code::Str(s) => s.as_str(),
                        Code::Int(_) => unreachable!("one key type per set"),
                    }));
                    CodeTable::Texts(TextTable {
                        data: pool.add(&mut constants, &data, Literal::Text),
                        offsets: pool.add(&mut constants, &offsets, Literal::Plain),
                    })
                }
                KeyKind::Int => {
                    let mut units = Vec::new();
                    for c in all {
                        if let Code::Int(n) = c {
                            push_int(&mut units, *n);
                        }
                    }
                    CodeTable::Ints(pool.add(&mut constants, &digits(&units), Literal::Plain))
                }
            };
            Body::Codes {
                list: functions.next().expect("the codes column has `codes`"),
                starts,
                table,
            }
        }
        Cells::Bools(bools) => {
            let bits: String = range
                .clone()
                .map(|i| if bools[i] { '1' } else { '0' })
                .collect();
            Body::Bools {
                data: pool.add(&mut constants, &bits, Literal::Plain),
            }
        }
        Cells::Enum(type_name, ordinals) => {
            let units: Vec<u16> = range
                .clone()
                .map(|i| u16::try_from(ordinals[i]).expect("enum of at most 32,768 values"))
                .collect();
            Body::Enum {
                type_name: type_name.clone(),
                data: pool.add(&mut constants, &digits(&units), Literal::Plain),
            }
        }
        Cells::List(type_name, lists) => {
            let mut starts = Vec::new();
            let mut items = Vec::new();
            push_num(&mut starts, 0);
            for i in range.clone() {
                items.extend(
                    lists[i]
                        .iter()
                        .map(|&o| u16::try_from(o).expect("enum of at most 32,768 values")),
                );
                push_num(&mut starts, items.len());
            }
            Body::List {
                type_name: type_name.clone(),
                starts: pool.add(&mut constants, &digits(&starts), Literal::Plain),
                items: pool.add(&mut constants, &digits(&items), Literal::Plain),
            }
        }
    };
    Read {
        constants,
        function,
        body,
    }
}

/// The rows of `range` whose history is not empty, equal histories sharing an
/// arm (in the order of their first row).
fn past_read(past: &PastColumn, range: std::ops::Range<usize>) -> PastRead {
    let mut arms: Vec<PastArm> = Vec::new();
    let mut position: HashMap<&[PastStep], usize> = HashMap::new();
    for i in range.filter(|&i| !past.values[i].is_empty()) {
        let steps = past.values[i].as_slice();
        let at = *position.entry(steps).or_insert_with(|| {
            arms.push(PastArm {
                rows: Vec::new(),
                steps: steps.to_vec(),
            });
            arms.len() - 1
        });
        arms[at].rows.push(i);
    }
    PastRead {
        function: past_signature(past),
        arms,
    }
}

/// Bytes a text takes in a class file's constant pool (modified UTF-8): U+0000
/// takes 2, other BMP characters 1 to 3, and a character outside the BMP 6 (its
/// UTF-16 surrogates, 3 bytes each).
fn modified_utf8_len(text: &str) -> usize {
    text.chars().map(modified_utf8_char).sum()
}

fn modified_utf8_char(c: char) -> usize {
    match u32::from(c) {
        1..=0x7F => 1,
        0 | 0x80..=0x7FF => 2,
        0x800..=0xFFFF => 3,
        _ => 6,
    }
}

/// `text` cut into pieces of at most `limit` bytes of modified UTF-8 each, cut
/// between characters only (a surrogate pair is one `char`, so it is never
/// split), every piece but the last as full as the limit allows. An empty text
/// is one empty piece. `limit` must hold the widest character (6 bytes).
fn split_modified_utf8(text: &str, limit: usize) -> Vec<&str> {
    assert!(limit >= 6, "a piece holds at least one character");
    let mut pieces = Vec::new();
    let (mut start, mut bytes) = (0, 0);
    for (at, c) in text.char_indices() {
        let width = modified_utf8_char(c);
        if bytes + width > limit {
            pieces.push(&text[start..at]);
            (start, bytes) = (at, 0);
        }
        bytes += width;
    }
    pieces.push(&text[start..]);
    pieces
}

/// Packed digits are 15-bit numbers written as chars from U+0100 up: no
/// escapes (each escape would be one more token for kotlinc), no quote, no
/// control character, no surrogate.
const DIGIT_BIAS: u16 = 0x100;

/// A number below 2^30 as two 15-bit digits.
fn push_num(out: &mut Vec<u16>, n: usize) {
    assert!(n < 1 << 30, "table offset out of range");
    out.push((n >> 15) as u16);
    out.push((n & 0x7FFF) as u16);
}

/// An `Int` as three 15-bit digits of its bits with the sign flipped, so that
/// the packed order is the numeric order.
fn push_int(out: &mut Vec<u16>, n: i32) {
    let u = (n as u32) ^ 0x8000_0000;
    out.push((u >> 30) as u16);
    out.push(((u >> 15) & 0x7FFF) as u16);
    out.push((u & 0x7FFF) as u16);
}

/// 15-bit digits as the value of a packed string (chars from [`DIGIT_BIAS`]).
fn digits(units: &[u16]) -> String {
    units
        .iter()
        .map(|&u| {
            assert!(u < 0x8000, "a packed digit has 15 bits");
            char::from_u32(u32::from(u + DIGIT_BIAS)).expect("below the surrogates")
        })
        .collect()
}

/// Texts joined and their offsets as digits (two each, one more than texts).
fn pack_texts<'t>(texts: impl Iterator<Item = &'t str>) -> (String, String) {
    let mut data = String::new();
    let mut offsets = Vec::new();
    let mut at = 0;
    push_num(&mut offsets, 0);
    for text in texts {
        data.push_str(text);
        at += text.encode_utf16().count();
        push_num(&mut offsets, at);
    }
    (data, digits(&offsets))
}

/// The lookup of a set's codes: private objects `_Find<n>`, each the codes of
/// one range of keys (the code, or the hash of a string code), and the binary
/// search over those ranges that picks the object.
pub struct Lookup {
    pub chunks: Vec<FindChunk>,
    /// The key is the string code's `hashCode()` (string codes in several chunks).
    pub hashed: bool,
    /// The search, in prefix order; empty for a set without codes.
    pub search: Vec<Search>,
}

/// One `_Find<n>`: its entry index of a code, or -1.
pub enum FindChunk {
    /// Int codes: sorted packed `keys` and their entry `indices`.
    Ints {
        constants: Vec<Constant>,
        keys: String,
        indices: String,
    },
    /// String codes sorted by UTF-16 unit, packed in `codes` with their bounds
    /// in `offsets`, and their entry `indices`.
    Sorted {
        constants: Vec<Constant>,
        codes: String,
        offsets: String,
        indices: String,
    },
    /// String codes matched by a `when`: an arm per code, in the order of each
    /// entry's first code.
    When(Vec<WhenArm>),
}

pub struct WhenArm {
    /// Code literals.
    pub codes: Vec<String>,
    pub index: usize,
}

/// One step of the search: `Below(bound) left Else right`, or a chunk.
pub enum Search {
    /// The key is below `bound` (a literal): the left side, else the right.
    Below(String),
    Else,
    Chunk(usize),
}

/// The hash `String.hashCode()` gives on the JVM and in Kotlin/JS.
pub(super) fn string_hash(text: &str) -> i32 {
    text.encode_utf16().fold(0i32, |h, unit| {
        h.wrapping_mul(31).wrapping_add(i32::from(unit))
    })
}

/// A code's key, its literal, its entry index and (string codes) its text.
type Keyed<'c> = (i32, String, usize, &'c str);

/// The lookup of `codes` (per entry, of key type `key`). Int codes: a binary
/// search over packed sorted codes per chunk; string codes: a `when` over the
/// strings, or a sorted table when one hash has too many.
pub fn lookup(
    key: KeyKind,
    codes: &[Vec<Code>],
    helpers: &mut Helpers,
    oracle: &dyn Oracle,
) -> Lookup {
    // Sorted by key, then literal.
    let mut keyed: Vec<Keyed> = codes
        .iter()
        .enumerate()
        .flat_map(|(index, codes)| codes.iter().map(move |c| (c, index)))
        .map(|(c, index)| match c {
            Code::Int(n) => (*n, String::new(), index, ""),
            Code::Str(s) => (string_hash(s), oracle.string(s), index, s.as_str()),
        })
        .collect();
    keyed.sort();
    let per_chunk = match key {
        KeyKind::Int => CODES_PER_CHUNK,
        KeyKind::Str => STRING_CODES_PER_CHUNK,
    };
    // Chunks never split one key (strings of equal hash stay together).
    let mut chunks: Vec<&[Keyed]> = Vec::new();
    let mut start = 0;
    for at in 1..=keyed.len() {
        let full = at - start >= per_chunk;
        if at == keyed.len() || (full && keyed[at].0 != keyed[at - 1].0) {
            chunks.push(&keyed[start..at]);
            start = at;
        }
    }
    let mut search = Vec::new();
    if !chunks.is_empty() {
        let bounds: Vec<i32> = chunks.iter().map(|c| c[0].0).collect();
        binary_search(&bounds, 0, chunks.len(), &mut search, oracle);
    }
    Lookup {
        hashed: key == KeyKind::Str && chunks.len() > 1,
        chunks: chunks
            .iter()
            .map(|chunk| find_chunk(key, chunk, helpers, oracle))
            .collect(),
        search,
    }
}

fn find_chunk(
    key: KeyKind,
    chunk: &[Keyed],
    helpers: &mut Helpers,
    oracle: &dyn Oracle,
) -> FindChunk {
    match key {
        KeyKind::Int => {
            helpers.ints = true;
            let mut keys = Vec::new();
            let mut indices = Vec::new();
            for (code, _, index, _) in chunk {
                push_int(&mut keys, *code);
                push_num(&mut indices, *index);
            }
            let mut pool = Pool::new(helpers, oracle);
            let mut constants = Vec::new();
            let keys = pool.add(&mut constants, &digits(&keys), Literal::Plain);
            let indices = pool.add(&mut constants, &digits(&indices), Literal::Plain);
            FindChunk::Ints {
                constants,
                keys,
                indices,
            }
        }
        KeyKind::Str if largest_bucket(chunk) > MAX_WHEN_BUCKET => {
            // Codes of equal hash share one branch of the `when`, so a big
            // bucket would make one method of all its `equals` calls: past
            // the 64 KB limit at about 4,000. Such a chunk is a sorted
            // table searched by binary search instead.
            helpers.text_tables = true;
            let mut sorted: Vec<(&str, usize)> =
                chunk.iter().map(|(_, _, index, s)| (*s, *index)).collect();
            sorted.sort_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));
            let (data, offsets) = pack_texts(sorted.iter().map(|(s, _)| *s));
            let mut indices = Vec::new();
            for (_, index) in &sorted {
                push_num(&mut indices, *index);
            }
            let mut pool = Pool::new(helpers, oracle);
            let mut constants = Vec::new();
            let codes = pool.add(&mut constants, &data, Literal::Text);
            let offsets = pool.add(&mut constants, &offsets, Literal::Plain);
            let indices = pool.add(&mut constants, &digits(&indices), Literal::Plain);
            FindChunk::Sorted {
                constants,
                codes,
                offsets,
                indices,
            }
        }
        KeyKind::Str => {
            // One arm per entry, in the order of its first code.
            let mut by_entry: Vec<(usize, Vec<&String>)> = Vec::new();
            let mut arm_of: HashMap<usize, usize> = HashMap::new();
            for (_, literal, index, _) in chunk {
                let arm = *arm_of.entry(*index).or_insert_with(|| {
                    by_entry.push((*index, Vec::new()));
                    by_entry.len() - 1
                });
                by_entry[arm].1.push(literal);
            }
            // kotlinc reads an arm's conditions as one chain of `||`: a few per arm.
            let arms = by_entry
                .iter()
                .flat_map(|(index, codes)| {
                    codes.chunks(CODES_PER_ARM).map(|codes| WhenArm {
                        codes: codes.iter().map(|c| (*c).clone()).collect(),
                        index: *index,
                    })
                })
                .collect();
            FindChunk::When(arms)
        }
    }
}

/// The most codes of `chunk` that share one key (`String.hashCode`).
fn largest_bucket(chunk: &[Keyed]) -> usize {
    chunk
        .chunk_by(|a, b| a.0 == b.0)
        .map(<[_]>::len)
        .max()
        .unwrap_or(0)
}

/// The steps picking, among chunks `lo..hi`, the last whose first key is at
/// most the key.
fn binary_search(bounds: &[i32], lo: usize, hi: usize, out: &mut Vec<Search>, oracle: &dyn Oracle) {
    if hi - lo <= 1 {
        out.push(Search::Chunk(lo));
        return;
    }
    let mid = (lo + hi) / 2;
    out.push(Search::Below(oracle.integer(bounds[mid])));
    binary_search(bounds, lo, mid, out, oracle);
    out.push(Search::Else);
    binary_search(bounds, mid, hi, out, oracle);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modified_utf8_lengths_and_pieces() {
        // U+0000 is 2 bytes, 'a' 1, 'é' (U+00E9) 2, '中' (U+4E2D) 3, '𝄞' (U+1D11E,
        // a surrogate pair) 6: 2 + 1 + 2 + 3 + 6 = 14.
        assert_eq!(modified_utf8_len("\0aé中𝄞"), 14);
        assert_eq!(modified_utf8_len(""), 0);
        assert_eq!(
            modified_utf8_len("\u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}"),
            1 + 2 + 2 + 3 + 3 + 6
        );
        // Greedy at a limit of 7: "a𝄞" (7) | "中中" (6; a third 中 would make 9) |
        // "中\0a" (3 + 2 + 1 = 6; 𝄞 would make 12) | "𝄞" (6).
        let pieces = split_modified_utf8("a𝄞中中中\0a𝄞", 7);
        assert_eq!(pieces, ["a𝄞", "中中", "中\0a", "𝄞"]);
        let lengths: Vec<usize> = pieces.iter().map(|p| modified_utf8_len(p)).collect();
        assert_eq!(lengths, [7, 6, 6, 6]);
        // A surrogate pair never splits: at 6, "a" alone (1 + 6 > 6), then "𝄞".
        assert_eq!(split_modified_utf8("a𝄞b", 6), ["a", "𝄞", "b"]);
        assert_eq!(split_modified_utf8("", 6), [""]);
        assert_eq!(split_modified_utf8("abc", 6), ["abc"]);
        // The real limit: 21,846 '中' are 65,538 bytes, over the class file's
        // 65,535; pieces of at most 60,000 bytes are 20,000 and 1,846 of them.
        let long = "中".repeat(21_846);
        assert_eq!(modified_utf8_len(&long), 65_538);
        let pieces = split_modified_utf8(&long, BYTES_PER_STRING);
        let chars: Vec<usize> = pieces.iter().map(|p| p.chars().count()).collect();
        assert_eq!(chars, [20_000, 1_846]);
        // Supplementary characters: 10,001 of them are 60,006 bytes, so 10,000
        // (60,000 bytes) and 1.
        let astral = "𝄞".repeat(10_001);
        let chars: Vec<usize> = split_modified_utf8(&astral, BYTES_PER_STRING)
            .iter()
            .map(|p| p.chars().count())
            .collect();
        assert_eq!(chars, [10_000, 1]);
    }
}
