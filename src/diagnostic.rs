//! Problems found in a catalog, each tied to byte spans of the source file,
//! and their rendering (through `annotate-snippets`, which measures display width).

use std::fmt;
use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

/// Which rule a diagnostic reports; one variant per rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DiagnosticKind {
    TomlSyntax,
    UnknownKey,
    MissingKey,
    WrongType,
    InvalidDate,
    IntegerTooLarge,
    /// A name or id that is not the required shape (kebab, snake, UpperCamel, ASCII).
    InvalidIdentifier,
    InvalidTimeZone,
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
}

/// A secondary place that explains the problem, such as "first defined here".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub span: Range<usize>,
    pub text: String,
}

/// One problem in the catalog: which rule, where, what, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
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
            kind,
            span,
            message: message.into(),
            labels: Vec::new(),
            hint: hint.into(),
        }
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
        let mut sorted: Vec<&Diagnostic> = diagnostics.iter().collect();
        sorted.sort_by(|a, b| (a.span.start, &a.message).cmp(&(b.span.start, &b.message)));
        let mut out = String::new();
        for diagnostic in sorted {
            out.push_str(&self.render(diagnostic, colour));
            out.push_str("\n\n");
        }
        let count = diagnostics.len();
        let plural = if count == 1 { "" } else { "s" };
        out.push_str(&format!("{count} problem{plural} in {}\n", self.path));
        out
    }

    /// One diagnostic, compiler style: `error: message`, ` --> path:line:col`,
    /// the source lines with carets and labels, and `= hint: …`.
    pub fn render(&self, diagnostic: &Diagnostic, colour: bool) -> String {
        let primary = AnnotationKind::Primary.span(self.first_line(&diagnostic.span));
        let labels = diagnostic.labels.iter().map(|l| {
            AnnotationKind::Context
                .span(self.first_line(&l.span))
                .label(&l.text)
        });
        let snippet = Snippet::source(self.text.as_str())
            .path(self.path.as_str())
            .annotation(primary)
            .annotations(labels);
        let mut group = Level::ERROR
            .primary_title(diagnostic.message.as_str())
            .element(snippet);
        if !diagnostic.hint.is_empty() {
            group = group.element(Level::HELP.with_name("hint").message(&diagnostic.hint));
        }
        let report: [Group<'_>; 1] = [group];
        let renderer = if colour {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        renderer.render(&report)
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

    #[test]
    fn the_closing_line_counts_problems() {
        let file = SourceFile::new("c.toml", "nmae = 1\n");
        let text = file.render_all(&[unknown(0..4), unknown(0..4)], false);
        assert!(text.ends_with("\n2 problems in c.toml\n"), "{text}");
    }
}
