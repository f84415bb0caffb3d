//! Problems found in a catalog, each tied to a byte span of the source file.

use std::fmt::Write as _;
use std::ops::Range;

/// One problem in the catalog: where, what, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub span: Range<usize>,
    pub message: String,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn new(span: Range<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            span,
            message: message.into(),
            hint: None,
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

/// A catalog file's name and text, used to turn byte spans into `file:line:col`.
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

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = self.clamp(offset);
        let before = &self.text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = self.text[line_start..offset].chars().count() + 1;
        (line, col)
    }

    /// Renders diagnostics sorted by position, as the compiler-style text users see.
    pub fn render_all(&self, diagnostics: &[Diagnostic]) -> String {
        let mut sorted: Vec<&Diagnostic> = diagnostics.iter().collect();
        sorted.sort_by(|a, b| (a.span.start, &a.message).cmp(&(b.span.start, &b.message)));
        let mut out = String::new();
        for diagnostic in sorted {
            out.push_str(&self.render(diagnostic));
        }
        let count = diagnostics.len();
        let _ = writeln!(
            out,
            "{count} problem{} in {}",
            if count == 1 { "" } else { "s" },
            self.path
        );
        out
    }

    pub fn render(&self, diagnostic: &Diagnostic) -> String {
        let start = self.clamp(diagnostic.span.start);
        let (line, col) = self.line_col(start);
        let line_start = self.text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = self.text[start..]
            .find('\n')
            .map_or(self.text.len(), |i| start + i);
        let source_line = self.text[line_start..line_end].trim_end_matches('\r');
        let end = self.clamp(diagnostic.span.end.max(start)).min(line_end);
        let width = self.text[start..end].chars().count().max(1);
        let gutter = " ".repeat(line.to_string().len());
        let mut out = format!(
            "{}:{line}:{col}: error: {}\n{gutter} |\n{line} | {source_line}\n{gutter} | {}{}\n",
            self.path,
            diagnostic.message,
            " ".repeat(col - 1),
            "^".repeat(width)
        );
        if let Some(hint) = &diagnostic.hint {
            let _ = writeln!(out, "{gutter} = hint: {hint}");
        }
        out
    }

    fn clamp(&self, offset: usize) -> usize {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let file = SourceFile::new("c.toml", "a = 1\nb = \"中文\" x\n");
        let offset = file.text.find('x').unwrap();
        assert_eq!(file.line_col(offset), (2, 10));
        assert_eq!(file.line_col(0), (1, 1));
    }

    #[test]
    fn render_points_at_the_span_and_shows_the_hint() {
        let file = SourceFile::new("c.toml", "[catalog]\nnmae = \"x\"\n");
        let start = file.text.find("nmae").unwrap();
        let d = Diagnostic::new(start..start + 4, "unknown key `nmae`")
            .with_hint("did you mean `name`?");
        let text = file.render(&d);
        assert!(
            text.starts_with("c.toml:2:1: error: unknown key `nmae`\n"),
            "{text}"
        );
        assert!(text.contains("  | ^^^^\n"), "{text}");
        assert!(text.contains("= hint: did you mean `name`?"), "{text}");
    }

    #[test]
    fn offsets_past_the_end_do_not_panic() {
        let file = SourceFile::new("c.toml", "é");
        let d = Diagnostic::new(1..99, "x");
        assert!(file.render(&d).contains("c.toml:1:1"));
    }
}
