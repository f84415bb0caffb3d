//! Problems found in a catalog, each tied to byte spans of the source file,
//! and their rendering (through `annotate-snippets`, which measures display width).

use std::fmt;
use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

/// Which rule a diagnostic reports; one variant per rule. `VARIANTS` lists them
/// all, so the test suite can require an invalid-catalog case for each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, strum::VariantArray)]
#[non_exhaustive]
pub enum DiagnosticKind {
    TomlSyntax,
    UnknownKey,
    /// A key of an earlier version that moved (a warning), or that is set in
    /// both its old and its new place (an error).
    DeprecatedKey,
    MissingKey,
    WrongType,
    InvalidDate,
    IntegerTooLarge,
    /// A name or id that is not the required shape (kebab, snake, UpperCamel, ASCII).
    InvalidIdentifier,
    /// A name longer than the platforms' file and type names allow.
    NameTooLong,
    /// A package or module name that a target platform refuses or reserves.
    ReservedPackage,
    InvalidTimeZone,
    /// `version` that is not a semantic version.
    InvalidVersion,
    /// `repository`, `homepage` or `docs_url` that is not an http(s) URL; `license` empty.
    InvalidMetadata,
    EmptyLocales,
    InvalidLocale,
    DuplicateLocale,
    UndeclaredLocale,
    MissingLocale,
    EmptyText,
    UntrimmedText,
    MissingPlaceholder,
    ReservedName,
    /// Two names of one namespace equal, or equal but for letter case.
    DuplicateName,
    DuplicateId,
    DuplicateAttribute,
    /// Two names spelled alike by one target language.
    SpellingClash,
    UnknownSection,
    UnknownGroup,
    UnknownEnum,
    UnknownAttribute,
    EmptyEnum,
    UnknownKeyType,
    UnknownAttributeType,
    MisplacedEnum,
    TooManyEntries,
    TooManyAttributes,
    /// More locales than a catalog may declare (`MAX_LOCALES`).
    TooManyLocales,
    /// An entry with more codes than one entry may have (`MAX_CODES_PER_ENTRY`).
    TooManyCodes,
    /// A group nested deeper than groups may nest (`MAX_GROUP_DEPTH`).
    GroupTooDeep,
    /// An `[[enum]]` with more values than its Kotlin enum class can initialise.
    TooManyEnumValues,
    /// A text longer than one Kotlin (JVM) string constant can hold.
    TextTooLong,
    /// A string code longer than `MAX_STRING_CODE_CHARS`.
    CodeTooLong,
    HintWithoutLabel,
    EmptyCodes,
    CodeOutOfRange,
    InvalidStringCode,
    CodeTypeMismatch,
    DuplicateCode,
    MissingGroup,
    WrongValueType,
    UnknownEnumValue,
    DuplicateListValue,
    MissingValue,
    ChangeUnknownCode,
    ChangeDuplicateEntry,
    ChangeConflict,
    ChangeWithoutEffect,
    /// `deprecated.replacement` names no entry of the set.
    UnknownReplacement,
    /// `deprecated.replacement` names the deprecated entry itself.
    SelfReplacement,
    /// `deprecated.replacement` names an entry that is deprecated as well.
    DeprecatedReplacement,
    /// A `deprecated_codes` item whose code is not an alias of its entry.
    DeprecatedCodeNotAlias,
    /// A code used by an entry or a second tombstone after `[[set.retired]]` retired it.
    RetiredCodeReused,
}

/// A secondary place that explains the problem, such as "first defined here".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub span: Range<usize>,
    pub text: String,
}

/// Whether a diagnostic makes the catalog invalid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Severity {
    #[default]
    Error,
    /// Still valid, but written in a form that will go away (a moved key).
    Warning,
}

/// One problem in the catalog: which rule, where, what, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub kind: DiagnosticKind,
    pub span: Range<usize>,
    pub message: String,
    pub labels: Vec<Label>,
    pub hint: String,
}

impl Diagnostic {
    pub fn new(
        kind: DiagnosticKind,
        span: Range<usize>,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Error,
            kind,
            span,
            message: message.into(),
            labels: Vec::new(),
            hint: hint.into(),
        }
    }

    /// A diagnostic that leaves the catalog valid.
    pub fn warning(
        kind: DiagnosticKind,
        span: Range<usize>,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::new(kind, span, message, hint)
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    pub fn with_label(mut self, span: Range<usize>, text: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            text: text.into(),
        });
        self
    }
}

/// A catalog file's name and text, used to show diagnostics in context.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: String,
    pub text: String,
}

impl SourceFile {
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        SourceFile {
            path: path.into(),
            text: text.into(),
        }
    }

    /// Renders diagnostics sorted by position, then a closing count line.
    /// `colour` adds ANSI styles; leave it off unless printing to a terminal.
    pub fn render_all(&self, diagnostics: &[Diagnostic], colour: bool) -> String {
        let lines = LineIndex::new(&self.text);
        let mut sorted: Vec<&Diagnostic> = diagnostics.iter().collect();
        sorted.sort_by(|a, b| (a.span.start, &a.message).cmp(&(b.span.start, &b.message)));
        let mut out = String::new();
        let mut columns = Columns::default();
        for (i, diagnostic) in sorted.into_iter().enumerate() {
            if i < SHOWN_IN_FULL {
                out.push_str(&self.render_with(&lines, diagnostic, colour));
            } else {
                out.push_str(&self.render_short(&lines, &mut columns, diagnostic));
            }
            out.push_str("\n\n");
        }
        let plural = |count: usize, noun: &str| {
            format!("{count} {noun}{}", if count == 1 { "" } else { "s" })
        };
        let warnings = diagnostics.iter().filter(|d| !d.is_error()).count();
        let problems = diagnostics.len() - warnings;
        let summary = match (problems, warnings) {
            (_, 0) => plural(problems, "problem"),
            (0, _) => plural(warnings, "warning"),
            _ => format!(
                "{} and {}",
                plural(problems, "problem"),
                plural(warnings, "warning")
            ),
        };
        out.push_str(&format!("{summary} in {}\n", self.path));
        out
    }

    /// One diagnostic, compiler style: `error: message`, ` --> path:line:col`,
    /// the source lines with carets and labels, and `= hint: …`.
    pub fn render(&self, diagnostic: &Diagnostic, colour: bool) -> String {
        self.render_with(&LineIndex::new(&self.text), diagnostic, colour)
    }

    /// Renders from only the lines a diagnostic points at, so the cost of one
    /// diagnostic does not grow with the file.
    fn render_with(&self, lines: &LineIndex, diagnostic: &Diagnostic, colour: bool) -> String {
        let message = printable(&diagnostic.message);
        let hint = printable(&diagnostic.hint);
        let primary = self.first_line(&diagnostic.span);
        let labels: Vec<(Range<usize>, String)> = diagnostic
            .labels
            .iter()
            .map(|l| (self.first_line(&l.span), printable(&l.text)))
            .collect();
        let line_of = |span: &Range<usize>| lines.line_of(span.start);
        let places = std::iter::once(&primary).chain(labels.iter().map(|(span, _)| span));
        let first = places.clone().map(line_of).min().unwrap_or(0);
        let last = places.map(line_of).max().unwrap_or(0);
        let level = if diagnostic.is_error() {
            Level::ERROR
        } else {
            Level::WARNING
        };
        let mut group = Group::with_title(level.primary_title(message.as_str()));
        let together = lines.window(first, last);
        if last - first <= WINDOW_LINES && together.len() <= WINDOW_BYTES {
            let window = lines.window(first, last);
            let snippet = self
                .snippet(&window, first)
                .annotation(AnnotationKind::Primary.span(shift(&primary, &window)))
                .annotations(labels.iter().map(|(span, text)| {
                    AnnotationKind::Context
                        .span(shift(span, &window))
                        .label(text.as_str())
                }));
            group = group.element(snippet);
        } else {
            let line = line_of(&primary);
            let window = lines.window(line, line);
            group = group.element(
                self.snippet(&window, line)
                    .annotation(AnnotationKind::Primary.span(shift(&primary, &window))),
            );
            for (span, text) in &labels {
                let line = line_of(span);
                let window = lines.window(line, line);
                group = group.element(
                    self.snippet(&window, line).annotation(
                        AnnotationKind::Context
                            .span(shift(span, &window))
                            .label(text.as_str()),
                    ),
                );
            }
        }
        if !hint.is_empty() {
            group = group.element(Level::HELP.with_name("hint").message(hint.as_str()));
        }
        let report: [Group<'_>; 1] = [group];
        let renderer = if colour {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        renderer.render(&report)
    }

    /// One diagnostic in three lines, without source: `error: message`, its
    /// place, its hint. Diagnostics past [`SHOWN_IN_FULL`] are shown so: each
    /// costs no more than its own text, however long the line it points at.
    fn render_short(
        &self,
        lines: &LineIndex,
        columns: &mut Columns,
        diagnostic: &Diagnostic,
    ) -> String {
        let start = self.clamp(diagnostic.span.start);
        let line = lines.line_of(start);
        let column = columns.of(&self.text, lines.starts[line], start);
        let mut out = format!(
            "{}: {}\n --> {}:{}:{column}",
            if diagnostic.is_error() {
                "error"
            } else {
                "warning"
            },
            printable(&diagnostic.message),
            self.path,
            line + 1
        );
        if !diagnostic.hint.is_empty() {
            out.push_str(&format!("\n  = hint: {}", printable(&diagnostic.hint)));
        }
        out
    }

    /// The source of lines `window` (0-based line `first` onwards) as a snippet.
    fn snippet<'a>(
        &'a self,
        window: &Range<usize>,
        first: usize,
    ) -> Snippet<'a, annotate_snippets::Annotation<'a>> {
        Snippet::source(&self.text[window.clone()])
            .path(self.path.as_str())
            .line_start(first + 1)
    }

    /// A span clamped to the text and to its first line: spans of whole tables
    /// would otherwise print every line of the table.
    fn first_line(&self, span: &Range<usize>) -> Range<usize> {
        let start = self.clamp(span.start);
        let line_end = self.text[start..]
            .find('\n')
            .map_or(self.text.len(), |i| start + i);
        let end = self.clamp(span.end.max(start)).min(line_end);
        start..end
    }

    fn clamp(&self, offset: usize) -> usize {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }
}

/// Places further apart than this many lines are shown as separate snippets.
const WINDOW_LINES: usize = 12;

/// Nor are places shown together when the lines between them hold more bytes
/// than this: apart, each long line is cut around its one place, where two
/// places far apart on one line would show all of it, once per diagnostic.
const WINDOW_BYTES: usize = 2_000;

/// Diagnostics shown with their source lines; the rest, in position order, are
/// shown in three lines each. Showing a line costs its length, and thousands of
/// diagnostics on one long line would otherwise cost thousands of times that.
const SHOWN_IN_FULL: usize = 100;

/// 1-based character columns of offsets visited in increasing order, counted
/// on from the previous offset when it lies on the same line: linear in the text
/// however many offsets one line holds.
#[derive(Default)]
struct Columns {
    line_start: usize,
    offset: usize,
    column: usize,
}

impl Columns {
    fn of(&mut self, text: &str, line_start: usize, offset: usize) -> usize {
        if line_start != self.line_start || offset < self.offset || self.column == 0 {
            self.line_start = line_start;
            self.offset = line_start;
            self.column = 1;
        }
        self.column += text[self.offset..offset].chars().count();
        self.offset = offset;
        self.column
    }
}

/// Where each line of a text starts, for line lookups in logarithmic time.
struct LineIndex {
    starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex {
            starts,
            len: text.len(),
        }
    }

    /// The 0-based line holding byte `offset`.
    fn line_of(&self, offset: usize) -> usize {
        self.starts
            .partition_point(|&start| start <= offset)
            .saturating_sub(1)
    }

    /// Bytes of lines `first..=last`, without the last line break.
    fn window(&self, first: usize, last: usize) -> Range<usize> {
        let end = self.starts.get(last + 1).map_or(self.len, |&next| next - 1);
        self.starts[first]..end.max(self.starts[first])
    }
}

/// `span` relative to the start of `window`.
fn shift(span: &Range<usize>, window: &Range<usize>) -> Range<usize> {
    let start = span.start.clamp(window.start, window.end) - window.start;
    let end = span.end.clamp(window.start, window.end) - window.start;
    start..end.max(start)
}

/// Catalog text quoted in a message, with control characters shown as escapes
/// so that none reaches the terminal (ESC could restyle or move it).
pub(crate) fn printable(text: &str) -> String {
    if !text.chars().any(char::is_control) {
        return text.to_string();
    }
    text.chars()
        .map(|c| {
            if c.is_control() && c != '\n' {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Diagnostics with the file they are about; renders plain through `Display`.
#[derive(Debug, Clone)]
pub struct Report {
    pub file: SourceFile,
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    pub fn render(&self, colour: bool) -> String {
        self.file.render_all(&self.diagnostics, colour)
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    fn unknown(span: Range<usize>) -> Diagnostic {
        Diagnostic::new(
            DiagnosticKind::UnknownKey,
            span,
            "unknown key `nmae`",
            "did you mean `name`?",
        )
    }

    #[test]
    fn render_points_at_the_span_and_shows_the_hint() {
        let file = SourceFile::new("c.toml", "[catalog]\nnmae = \"x\"\n");
        let start = file.text.find("nmae").unwrap();
        let text = file.render(&unknown(start..start + 4), false);
        assert!(
            text.starts_with("error: unknown key `nmae`\n --> c.toml:2:1\n"),
            "{text}"
        );
        assert!(text.contains("2 | nmae = \"x\"\n  | ^^^^\n"), "{text}");
        assert!(text.contains("= hint: did you mean `name`?"), "{text}");
    }

    /// The caret line must sit under the span in display columns: each CJK
    /// character is two columns wide, so counting characters would drift.
    #[test]
    fn carets_line_up_under_wide_characters() {
        let line = "message = { zh-CN = \"中文文本😀\", en = 1 }";
        let file = SourceFile::new("c.toml", format!("{line}\n"));
        let start = file.text.find("1 }").unwrap();
        let text = file.render(&unknown(start..start + 1), false);
        let lines: Vec<&str> = text.lines().collect();
        let source = lines.iter().position(|l| l.ends_with(line)).unwrap();
        let (source_line, caret_line) = (lines[source], lines[source + 1]);
        let caret = caret_line.find('^').expect("a caret line");
        let prefix = source_line.find(line).unwrap();
        let expected = prefix + line[..line.find("1 }").unwrap()].width();
        assert_eq!(caret_line[..caret].width(), expected, "{text}");
        assert_ne!(
            expected,
            prefix + line[..line.find("1 }").unwrap()].chars().count()
        );
    }

    #[test]
    fn secondary_labels_are_shown() {
        let file = SourceFile::new("c.toml", "codes = [1]\nx = 2\ncodes = [1]\n");
        let d = unknown(30..31).with_label(9..10, "first used here");
        let text = file.render(&d, false);
        assert!(text.contains("first used here"), "{text}");
        assert!(text.contains("1 | codes = [1]"), "{text}");
        assert!(text.contains("3 | codes = [1]"), "{text}");
    }

    #[test]
    fn colour_only_when_asked() {
        let file = SourceFile::new("c.toml", "nmae = 1\n");
        let d = unknown(0..4);
        assert!(
            !file
                .render_all(std::slice::from_ref(&d), false)
                .contains('\u{1b}')
        );
        assert!(file.render_all(&[d], true).contains('\u{1b}'));
    }

    #[test]
    fn offsets_past_the_end_or_inside_a_character_do_not_panic() {
        let file = SourceFile::new("c.toml", "é");
        let text = file.render(&unknown(1..99), false);
        assert!(text.contains("c.toml:1:1"), "{text}");
        let empty = SourceFile::new("e.toml", "");
        assert!(empty.render(&unknown(5..9), false).contains("e.toml"));
    }

    /// Thousands of duplicates on one long line: each used to print the whole
    /// line (from its first use to it), so the output grew with their square.
    #[test]
    fn many_diagnostics_on_one_long_line_print_in_linear_space() {
        let n = 3_000;
        let line = format!("codes = [{}]", vec!["7"; n].join(", "));
        let file = SourceFile::new("c.toml", format!("{line}\n"));
        let first = line.find('7').unwrap();
        let diagnostics: Vec<Diagnostic> = (1..n)
            .map(|i| {
                let at = first + 3 * i;
                unknown(at..at + 1).with_label(first..first + 1, "first used here")
            })
            .collect();
        let text = file.render_all(&diagnostics, false);
        assert!(text.len() < 400 * n, "{} bytes", text.len());
        assert!(text.ends_with(&format!("\n{} problems in c.toml\n", n - 1)));
        // Past the first hundred, three lines each, at the right column.
        let last = n - 1;
        let column = first + 3 * last + 1;
        assert!(
            text.contains(&format!(
                "error: unknown key `nmae`\n --> c.toml:1:{column}\n  = hint: did you mean `name`?\n"
            )),
            "{}",
            &text[text.len() - 300..]
        );
        assert_eq!(text.matches("error: ").count(), n - 1);
        assert_eq!(text.matches("first used here").count(), SHOWN_IN_FULL);
    }

    #[test]
    fn places_far_apart_on_one_line_are_shown_apart() {
        let line = format!("a = 1{}b = 2", " ".repeat(10_000));
        let file = SourceFile::new("c.toml", format!("{line}\n"));
        let b = line.find('b').unwrap();
        let text = file.render(&unknown(b..b + 1).with_label(0..1, "first here"), false);
        assert!(text.len() < 2_000, "{} bytes: {text}", text.len());
        assert!(text.contains("first here"), "{text}");
        assert!(text.contains(&format!("c.toml:1:{}", b + 1)), "{text}");
    }

    #[test]
    fn the_closing_line_counts_problems() {
        let file = SourceFile::new("c.toml", "nmae = 1\n");
        let text = file.render_all(&[unknown(0..4), unknown(0..4)], false);
        assert!(text.ends_with("\n2 problems in c.toml\n"), "{text}");
    }
}
