//! `retcode diff OLD NEW` and the semver gate (`--gate`, `check --against REV`).
//!
//! Two validated [`Model`]s are compared set by set and entry by entry; every
//! difference becomes one [`Change`], classified as breaking, behavioural,
//! additive or documentation, and the whole [`Report`] says which version bump
//! the changes require. Either side may be a file or a catalog at a git revision
//! (`git:REV`, `git:REV:PATH`), read as one blob with `git cat-file` without
//! touching the work tree.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use serde::Serialize;
use serde_json::Value as Json;

use crate::diagnostic::Report as DiagnosticReport;
use crate::error::Error;
use crate::model::{AttrKind, Code, CodeSet, Entry, KeyKind, Model, Text, Value};
use crate::{SourceFile, load_str};

/// `retcode diff` arguments.
#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// The old catalog: a file, `git:REV` (the `--catalog` file at REV) or `git:REV:PATH`.
    #[arg(required_unless_present = "schema")]
    pub old: Option<String>,
    /// The new catalog, in the same forms as OLD.
    #[arg(required_unless_present = "schema")]
    pub new: Option<String>,
    /// How to print the changes.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Exit 1 when the version bump from OLD to NEW is smaller than the changes require.
    #[arg(long)]
    pub gate: bool,
    /// Print the JSON Schema of `--format json` and exit.
    #[arg(long, conflicts_with_all = ["old", "new", "gate"])]
    pub schema: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Readable lines grouped by kind; coloured on a terminal.
    Human,
    /// A changelog section for release notes, in every catalog locale.
    Markdown,
    /// Machine-readable; see `retcode diff --schema`.
    Json,
}

/// Runs `retcode diff`; `catalog` is the `--catalog` path `git:REV` refers to.
pub fn run(args: &DiffArgs, catalog: &Path) -> Result<(), Error> {
    if args.schema {
        println!("{}", schema());
        return Ok(());
    }
    let (Some(old), Some(new)) = (&args.old, &args.new) else {
        unreachable!("clap requires OLD and NEW without --schema");
    };
    let old = load_side(old, catalog)?;
    let new = load_side(new, catalog)?;
    let report = diff(&old, &new);
    let text = match args.format {
        Format::Human => report.human(true),
        Format::Markdown => report.markdown(),
        Format::Json => report.json(),
    };
    let mut out = anstream::stdout();
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
    if args.gate { report.gate() } else { Ok(()) }
}

/// The gate of `retcode check --against REV`: the catalog at `REV` against `current`.
/// Prints the changes (human form); the outer error is a side that cannot be
/// read or is invalid, the inner result the gate's verdict.
pub fn gate_against(
    rev: &str,
    catalog: &Path,
    current: &Model,
) -> Result<Result<(), Error>, Error> {
    let old = load_side(&format!("git:{rev}"), catalog)?;
    let report = diff(&old, current);
    let mut out = anstream::stdout();
    let _ = out.write_all(report.human(true).as_bytes());
    let _ = out.flush();
    Ok(report.gate())
}

/// The JSON Schema of `retcode diff --format json`.
pub fn schema() -> String {
    let schema = schemars::schema_for!(Report);
    serde_json::to_string_pretty(&schema).expect("a schema serialises")
}

// ---------------------------------------------------------------------------
// Reading a side.

/// Loads `spec`: a catalog file, `git:REV` (`catalog` at REV) or `git:REV:PATH`.
pub fn load_side(spec: &str, catalog: &Path) -> Result<Model, Error> {
    let Some(rest) = spec.strip_prefix("git:") else {
        return crate::load(Path::new(spec));
    };
    let (rev, path) = match rest.split_once(':') {
        Some((rev, path)) => (rev, PathBuf::from(path)),
        None => (rest, catalog.to_path_buf()),
    };
    if rev.is_empty() || path.as_os_str().is_empty() {
        return Err(Error::Git {
            reason: format!("`{spec}` names no revision or path; write git:REV or git:REV:PATH"),
        });
    }
    let text = git_show(rev, &path)?;
    load_str(&text).map_err(|diagnostics| {
        let file = SourceFile::new(format!("git:{rev}:{}", path.display()), text);
        Error::InvalidCatalog(DiagnosticReport { file, diagnostics })
    })
}

/// A catalog at a revision is capped like a catalog file.
const MAX_GIT_BLOB_BYTES: u64 = crate::MAX_CATALOG_BYTES;

/// The blob at `REV:./PATH` from the current directory; only the object store is
/// read. `rev` and `path` are data: `rev` may not start with `-`, every git
/// argument follows `--end-of-options`, and anything but one blob is refused.
fn git_show(rev: &str, path: &Path) -> Result<String, Error> {
    let fail = |reason: String| Error::Git { reason };
    let relative = relative_to_cwd(path)?;
    let file = shown(&relative.display().to_string());
    let at = shown(rev);
    let cannot = |why: &str| fail(format!("cannot read {file} at revision {at}: {why}"));
    if rev.starts_with('-') {
        return Err(fail(format!(
            "revision {} starts with `-`; retcode does not pass options to git",
            shown_rev(rev)
        )));
    }
    // `A..B`, `A...B`, `A^!`, `A^@`, `A^-`: several commits, no single catalog.
    if rev.contains("..") || rev.ends_with("^!") || rev.ends_with("^@") || rev.contains("^-") {
        return Err(fail(format!(
            "{} is a range of revisions; give one revision (a commit, tag or branch)",
            shown_rev(rev)
        )));
    }
    // The tree first, so the path is looked up in one fixed object.
    let tree = git(
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            "--end-of-options",
            &format!("{rev}^{{tree}}"),
        ],
        rev,
    )?;
    if !tree.status.success() {
        return Err(match first_line(&tree.stderr) {
            Some(line) => cannot(&line),
            None => cannot("unknown revision (no commit, tag or tree of that name)"),
        });
    }
    let tree = String::from_utf8_lossy(&tree.stdout).trim().to_owned();
    // `./` makes the path relative to the current directory; cat-file, unlike
    // rev-parse, never reads `..` in it as a range.
    let object = format!("{tree}:./{}", relative.display());
    let kind = git(&["cat-file", "-t", "--end-of-options", &object], rev)?;
    if !kind.status.success() {
        let stderr = String::from_utf8_lossy(&kind.stderr);
        return Err(if stderr.contains("outside repository") {
            cannot("the path is outside the repository")
        } else if stderr.contains("does not exist") || stderr.contains("Not a valid object name") {
            cannot("no such file at that revision")
        } else {
            cannot(&first_line(&kind.stderr).unwrap_or_else(|| "git failed".to_owned()))
        });
    }
    match String::from_utf8_lossy(&kind.stdout).trim() {
        "blob" => {}
        "tree" => {
            return Err(fail(format!(
                "{file} at revision {at} is a directory, not a file"
            )));
        }
        "commit" => {
            return Err(fail(format!(
                "{file} at revision {at} is a submodule, not a file"
            )));
        }
        other => return Err(cannot(&format!("it is a {}, not a file", shown(other)))),
    }
    // A symbolic link is a blob too, holding the link's target: its mode tells.
    if let (Some(parent), Some(name)) = (relative.parent(), relative.file_name()) {
        let directory = format!("{tree}:./{}", parent.display());
        let name = name.to_string_lossy();
        let listing = git(
            &[
                "--literal-pathspecs",
                "ls-tree",
                "--full-tree",
                "-z",
                "--end-of-options",
                &directory,
                &name,
            ],
            rev,
        )?;
        if listing.stdout.starts_with(b"120000 ") {
            return Err(fail(format!(
                "{file} at revision {at} is a symbolic link, not a file"
            )));
        }
    }
    let size = git(&["cat-file", "-s", "--end-of-options", &object], rev)?;
    let size: Option<u64> = String::from_utf8_lossy(&size.stdout).trim().parse().ok();
    match size {
        Some(size) if size <= MAX_GIT_BLOB_BYTES => {}
        Some(size) => {
            return Err(cannot(&format!(
                "{size} bytes, more than the {} MiB a catalog may hold",
                MAX_GIT_BLOB_BYTES >> 20
            )));
        }
        None => return Err(cannot("git did not report the file's size")),
    }
    let bytes = git_blob(&object, rev, MAX_GIT_BLOB_BYTES)?.ok_or_else(|| {
        cannot(&format!(
            "more than the {} MiB a catalog may hold",
            MAX_GIT_BLOB_BYTES >> 20
        ))
    })?;
    String::from_utf8(bytes).map_err(|_| cannot("the file is not UTF-8"))
}

/// `path` relative to the current directory, which `./` in a git object name means.
/// An absolute path is compared physically as well, so one reached through a
/// symlinked directory (the shell's logical `$PWD`) still counts as inside.
fn relative_to_cwd(path: &Path) -> Result<PathBuf, Error> {
    if !path.is_absolute() {
        return Ok(path.to_path_buf());
    }
    let cwd = std::env::current_dir().map_err(Error::io("."))?;
    if let Ok(relative) = path.strip_prefix(&cwd) {
        return Ok(relative.to_path_buf());
    }
    // The file may be gone from the work tree: resolve its directory only.
    let physical = match (path.parent(), path.file_name()) {
        (Some(parent), Some(name)) => parent.canonicalize().ok().map(|p| p.join(name)),
        _ => None,
    };
    let cwd = cwd.canonicalize().unwrap_or(cwd);
    physical
        .as_deref()
        .and_then(|p| p.strip_prefix(&cwd).ok())
        .map(Path::to_path_buf)
        .ok_or_else(|| Error::Git {
            reason: format!(
                "{} is outside the current directory; give git:REV:PATH relative to it",
                shown(&path.display().to_string())
            ),
        })
}

/// git with no pager, no prompt, no stdin and messages in English (their words
/// are matched above); `args` must already keep values behind `--end-of-options`.
fn git_command(args: &[&str]) -> std::process::Command {
    let mut command = std::process::Command::new("git");
    command
        .arg("--no-pager")
        .args(args)
        .env("LC_ALL", "C")
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("GIT_OPTIONAL_LOCKS", "0")
        .stdin(std::process::Stdio::null());
    command
}

/// Runs git to completion; stdout is small here (an id, a type, a size).
fn git(args: &[&str], rev: &str) -> Result<std::process::Output, Error> {
    git_command(args).output().map_err(|e| not_run(e, rev))
}

fn not_run(e: std::io::Error, rev: &str) -> Error {
    Error::Git {
        reason: if e.kind() == std::io::ErrorKind::NotFound {
            format!(
                "cannot read git:{}: git is not installed or not on PATH",
                shown(rev)
            )
        } else {
            format!(
                "cannot run git to read git:{}: {}",
                shown(rev),
                shown(&e.to_string())
            )
        },
    }
}

/// The blob `object`, or None when it holds more than `limit` bytes (read no further).
fn git_blob(object: &str, rev: &str, limit: u64) -> Result<Option<Vec<u8>>, Error> {
    use std::io::Read as _;
    let mut child = git_command(&["cat-file", "blob", "--end-of-options", object])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map_err(|e| not_run(e, rev))?;
    let mut bytes = Vec::new();
    let read = match child.stdout.take() {
        Some(stdout) => stdout.take(limit + 1).read_to_end(&mut bytes),
        None => Ok(0),
    };
    if bytes.len() as u64 > limit {
        // The rest is never read; git stops on the closed pipe or here.
        let _ = child.kill();
        let _ = child.wait();
        return Ok(None);
    }
    let status = child.wait();
    match (read, status) {
        (Ok(_), Ok(status)) if status.success() => Ok(Some(bytes)),
        _ => Err(Error::Git {
            reason: format!("cannot read git:{}: git cat-file failed", shown(rev)),
        }),
    }
}

/// The first line git wrote, without `fatal: `.
fn first_line(stderr: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(stderr);
    let line = text.lines().map(str::trim).find(|l| !l.is_empty())?;
    Some(shown(line.strip_prefix("fatal: ").unwrap_or(line)))
}

/// A revision as the error shows it: in backticks, on one line.
fn shown_rev(rev: &str) -> String {
    format!("`{}`", shown(rev))
}

/// Text from the command line or git, kept on one line: control characters
/// (line breaks, escapes) are written as `\u{..}`.
fn shown(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------
// The report.

/// Everything that differs between two catalogs (`retcode diff --format json`).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Report {
    /// The new catalog's package name.
    pub name: String,
    pub old_version: String,
    pub new_version: String,
    /// The bump the changes require: breaking → major (minor below 1.0.0),
    /// behavioural or additive → minor, documentation → patch, nothing → none.
    pub required_bump: Bump,
    /// The bump from `old_version` to `new_version`; `none` also when it goes backwards.
    pub actual_bump: Bump,
    /// True when `actual_bump` is at least `required_bump` (what `--gate` checks).
    pub gate_passes: bool,
    /// The new catalog's locales; the markdown has one section per locale.
    pub locales: Vec<String>,
    /// Grouped by kind (breaking first), then in catalog order.
    pub changes: Vec<Change>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Bump {
    None,
    Patch,
    Minor,
    Major,
}

impl Bump {
    pub fn as_str(self) -> &'static str {
        match self {
            Bump::None => "none",
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Code written against the old catalog may stop compiling or misbehave.
    Breaking,
    /// Same API, different meaning: messages, hints, attribute values, dated changes.
    Behavioural,
    /// New API: sets, entries, codes, locales, attributes, enum values.
    Additive,
    /// Texts only read by people: titles, labels, notes, notices.
    Documentation,
}

impl Kind {
    const ALL: [Kind; 4] = [
        Kind::Breaking,
        Kind::Behavioural,
        Kind::Additive,
        Kind::Documentation,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Breaking => "breaking",
            Kind::Behavioural => "behavioural",
            Kind::Additive => "additive",
            Kind::Documentation => "documentation",
        }
    }

    fn heading(self) -> &'static str {
        match self {
            Kind::Breaking => "Breaking",
            Kind::Behavioural => "Behavioural",
            Kind::Additive => "Additive",
            Kind::Documentation => "Documentation",
        }
    }

    /// The bump this kind requires when leaving a version with this major number.
    fn bump(self, old_major: u64) -> Bump {
        match self {
            Kind::Breaking if old_major == 0 => Bump::Minor,
            Kind::Breaking => Bump::Major,
            Kind::Behavioural | Kind::Additive => Bump::Minor,
            Kind::Documentation => Bump::Patch,
        }
    }
}

/// What changed; the kebab-case names are the `what` field of the JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum What {
    // Breaking.
    PackageRenamed,
    LocaleRemoved,
    EnumRemoved,
    EnumValueRemoved,
    SetRemoved,
    SetRenamed,
    KeyTypeChanged,
    AttributeRemoved,
    AttributeRenamed,
    AttributeTypeChanged,
    EntryRemoved,
    EntryRenamed,
    CodeRemoved,
    CodeMoved,
    // Behavioural.
    DefaultLocaleChanged,
    CanonicalCodeChanged,
    MessageChanged,
    HintChanged,
    AttributeChanged,
    DatedChangeAdded,
    DatedChangeRemoved,
    DatedChangeChanged,
    // An entry deprecated, no longer deprecated, or deprecated differently.
    Deprecated,
    Undeprecated,
    DeprecationChanged,
    // An alias deprecated on its own, or no longer.
    CodeDeprecated,
    CodeUndeprecated,
    // Additive.
    LocaleAdded,
    EnumAdded,
    EnumValueAdded,
    SetAdded,
    AttributeAdded,
    EntryAdded,
    CodeAdded,
    // Documentation.
    TextChanged,
}

impl What {
    pub fn kind(self) -> Kind {
        use What::*;
        match self {
            PackageRenamed | LocaleRemoved | EnumRemoved | EnumValueRemoved | SetRemoved
            | SetRenamed | KeyTypeChanged | AttributeRemoved | AttributeRenamed
            | AttributeTypeChanged | EntryRemoved | EntryRenamed | CodeRemoved | CodeMoved => {
                Kind::Breaking
            }
            DefaultLocaleChanged | CanonicalCodeChanged | MessageChanged | HintChanged
            | AttributeChanged | DatedChangeAdded | DatedChangeRemoved | DatedChangeChanged
            | Deprecated | Undeprecated | DeprecationChanged | CodeDeprecated
            | CodeUndeprecated => Kind::Behavioural,
            LocaleAdded | EnumAdded | EnumValueAdded | SetAdded | AttributeAdded | EntryAdded
            | CodeAdded => Kind::Additive,
            TextChanged => Kind::Documentation,
        }
    }

    pub fn as_str(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default()
    }
}

/// A code as the catalog writes it: a number in int-keyed sets, a string otherwise.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum CodeValue {
    Int(i32),
    Str(String),
}

impl From<&Code> for CodeValue {
    fn from(code: &Code) -> Self {
        match code {
            Code::Int(n) => CodeValue::Int(*n),
            Code::Str(s) => CodeValue::Str(s.clone()),
        }
    }
}

impl std::fmt::Display for CodeValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CodeValue::Int(n) => write!(f, "{n}"),
            CodeValue::Str(s) => write!(f, "\"{s}\""),
        }
    }
}

/// A target language whose exhaustive matching a new case breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Target {
    Swift,
    Kotlin,
    Typescript,
}

/// One difference.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Change {
    pub kind: Kind,
    /// The set the change is in; null for catalog-wide changes (locales, enums, package).
    pub set: Option<String>,
    /// The entry (the new name when renamed); null for changes to a set or the catalog.
    pub entry: Option<String>,
    /// The codes the change is about: numbers, or strings in string-keyed sets.
    pub codes: Vec<CodeValue>,
    pub what: What,
    /// The old value: a message/hint `{locale: text}`, an attribute value, a name…; null when none.
    pub old: Option<Json>,
    /// The new value, in the same form as `old`.
    pub new: Option<Json>,
    /// The attribute, for attribute and dated changes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attribute: Option<String>,
    /// The effective date (`YYYY-MM-DD`) of a dated change.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effective: Option<String>,
    /// One English sentence describing the change.
    pub detail: String,
    /// For additive changes: the targets where the addition still breaks an exhaustive
    /// `switch`/`when` (Rust enums are `#[non_exhaustive]`; in TypeScript,
    /// `CatalogLocale` and the identifiers of sets and enums are union types).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub breaks_exhaustive: Option<Vec<Target>>,
    /// The entry's message `{locale: text}` (the new one, or the old one if removed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<BTreeMap<String, String>>,
    /// A dated change's notice `{locale: text}`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notice: Option<BTreeMap<String, String>>,
}

impl Change {
    fn new(what: What, detail: String) -> Change {
        Change {
            kind: what.kind(),
            set: None,
            entry: None,
            codes: Vec::new(),
            what,
            old: None,
            new: None,
            attribute: None,
            effective: None,
            detail,
            breaks_exhaustive: None,
            message: None,
            notice: None,
        }
    }

    fn set(mut self, set: &str) -> Self {
        self.set = Some(set.to_owned());
        self
    }

    fn entry(mut self, entry: &Entry) -> Self {
        self.entry = Some(entry.name.clone());
        self.message = Some(entry.message.0.clone());
        self
    }

    fn codes<'a>(mut self, codes: impl IntoIterator<Item = &'a Code>) -> Self {
        self.codes = codes.into_iter().map(CodeValue::from).collect();
        self
    }

    fn values(mut self, old: Option<Json>, new: Option<Json>) -> Self {
        self.old = old;
        self.new = new;
        self
    }

    fn breaks(mut self, targets: &[Target]) -> Self {
        self.breaks_exhaustive = Some(targets.to_vec());
        self
    }

    /// The subject: `Set.Entry`, `Set` or `catalog`.
    fn subject(&self) -> String {
        match (&self.set, &self.entry) {
            (Some(set), Some(entry)) => format!("{set}.{entry}"),
            (Some(set), None) => set.clone(),
            _ => "catalog".to_owned(),
        }
    }

    /// The change in one line, with texts in `locale`.
    fn line(&self, locale: &str) -> String {
        let mut line = format!("{}: {}", self.subject(), self.detail);
        let text = |value: &Option<Json>| -> Option<String> {
            value
                .as_ref()?
                .get(locale)
                .and_then(Json::as_str)
                .map(str::to_owned)
        };
        match self.what {
            What::MessageChanged | What::HintChanged | What::TextChanged => {
                let old = text(&self.old);
                let new = text(&self.new);
                if old.is_some() || new.is_some() {
                    let show = |t: Option<String>| {
                        t.map_or("(none)".to_owned(), |t| format!("“{}”", one_line(&t)))
                    };
                    let _ = write!(line, ": {} → {}", show(old), show(new));
                }
            }
            _ => {
                if let Some(message) = self.message.as_ref().and_then(|m| m.get(locale)) {
                    let _ = write!(line, " — “{}”", one_line(message));
                }
            }
        }
        if let Some(notice) = self.notice.as_ref().and_then(|n| n.get(locale)) {
            let _ = write!(line, " — notice: {}", one_line(notice));
        }
        if let Some(targets) = &self.breaks_exhaustive {
            line.push_str(&exhaustive_note(targets));
        }
        line
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn exhaustive_note(targets: &[Target]) -> String {
    let names: Vec<&str> = targets
        .iter()
        .map(|t| match t {
            Target::Swift => "Swift `switch`",
            Target::Kotlin => "Kotlin `when`",
            Target::Typescript => "TypeScript `switch` checked with `never`",
        })
        .collect();
    if names.is_empty() {
        " (breaks no exhaustive matching)".to_owned()
    } else {
        format!(
            " (breaks exhaustive {}; Rust: #[non_exhaustive], unaffected)",
            names.join(", ")
        )
    }
}

/// A new case of a generated enum type: Swift and Kotlin enums are matched
/// exhaustively, Rust enums are `#[non_exhaustive]`, and TypeScript's literal union
/// of identifiers (a set's `SdkCodeName`, a catalog enum's `identifier`) gains a member.
const NEW_CASE: &[Target] = &[Target::Swift, Target::Kotlin, Target::Typescript];

// ---------------------------------------------------------------------------
// Comparing.

/// Compares two catalogs.
pub fn diff(old: &Model, new: &Model) -> Report {
    let mut changes = Vec::new();
    let old_locales: HashSet<&str> = old.locales.iter().map(String::as_str).collect();
    let common: Vec<String> = new
        .locales
        .iter()
        .filter(|l| old_locales.contains(l.as_str()))
        .cloned()
        .collect();
    let cx = Cx {
        old,
        new,
        common: &common,
    };
    cx.catalog(&mut changes);
    cx.enums(&mut changes);
    cx.sets(&mut changes);
    // Stable: grouped by kind, catalog order within a kind.
    changes.sort_by_key(|c| c.kind);

    let old_version = semver::Version::parse(&old.version).ok();
    let new_version = semver::Version::parse(&new.version).ok();
    let old_major = old_version.as_ref().map_or(0, |v| v.major);
    let required_bump = changes
        .iter()
        .map(|c| c.kind.bump(old_major))
        .max()
        .unwrap_or(Bump::None);
    let actual_bump = match (&old_version, &new_version) {
        (Some(old), Some(new)) => bump_between(old, new),
        _ => Bump::None,
    };
    Report {
        name: new.name.clone(),
        old_version: old.version.clone(),
        new_version: new.version.clone(),
        required_bump,
        actual_bump,
        gate_passes: actual_bump >= required_bump,
        locales: new.locales.clone(),
        changes,
    }
}

/// The bump from `old` to `new`; `none` when equal or going backwards.
fn bump_between(old: &semver::Version, new: &semver::Version) -> Bump {
    if new <= old {
        Bump::None
    } else if new.major > old.major {
        Bump::Major
    } else if new.minor > old.minor {
        Bump::Minor
    } else {
        // A higher patch, or a release of the same numbers after a pre-release.
        Bump::Patch
    }
}

struct Cx<'a> {
    old: &'a Model,
    new: &'a Model,
    common: &'a [String],
}

/// A text restricted to the locales both sides have, so adding a locale is one change.
fn same_text(a: &Text, b: &Text, common: &[String]) -> bool {
    common.iter().all(|l| a.get(l) == b.get(l))
}

fn text_json(text: &Text) -> Json {
    serde_json::to_value(&text.0).unwrap_or(Json::Null)
}

fn value_json(value: &Value) -> Json {
    match value {
        Value::Bool(b) => Json::Bool(*b),
        Value::Enum(e) => Json::String(e.name.clone()),
        Value::List(list) => {
            Json::Array(list.iter().map(|e| Json::String(e.name.clone())).collect())
        }
        Value::Text(text) => text_json(text),
    }
}

fn same_value(a: &Value, b: &Value, common: &[String]) -> bool {
    match (a, b) {
        (Value::Text(a), Value::Text(b)) => same_text(a, b, common),
        _ => value_json(a) == value_json(b),
    }
}

fn show_value(value: &Json) -> String {
    match value {
        Json::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn list_codes<'a>(codes: impl IntoIterator<Item = &'a Code>) -> String {
    codes
        .into_iter()
        .map(|c| CodeValue::from(c).to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 { one } else { many }
}

/// A comparable type name of an attribute kind (`bool`, `enum Channel`, `list of Channel`, `text`).
fn kind_name(model: &Model, kind: AttrKind) -> String {
    match kind {
        AttrKind::Bool => "bool".to_owned(),
        AttrKind::Enum(i) => format!("enum {}", model.enums[i].name),
        AttrKind::List(i) => format!("list of {}", model.enums[i].name),
        AttrKind::Text => "text".to_owned(),
    }
}

/// Indexes of items by name.
fn index_of<T>(items: &[T], name: impl Fn(&T) -> &String) -> HashMap<&str, usize> {
    items
        .iter()
        .enumerate()
        .map(|(i, item)| (name(item).as_str(), i))
        .collect()
}

/// A hash of an attribute's values down the entries: equal columns hash equal.
fn column_hash<'v>(values: impl Iterator<Item = &'v Value>, common: &[String]) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for value in values {
        hash_value(value, common, &mut hasher);
    }
    std::hash::Hasher::finish(&hasher)
}

/// Hashes what [`same_value`] compares: values it finds equal hash equal.
fn hash_value(value: &Value, common: &[String], hasher: &mut impl std::hash::Hasher) {
    use std::hash::Hash as _;
    match value {
        Value::Bool(b) => (0u8, b).hash(hasher),
        Value::Enum(e) => (1u8, &e.name).hash(hasher),
        Value::List(list) => {
            (2u8, list.len()).hash(hasher);
            for e in list {
                e.name.hash(hasher);
            }
        }
        Value::Text(text) => {
            3u8.hash(hasher);
            for locale in common {
                text.get(locale).hash(hasher);
            }
        }
    }
}

/// Items by name, for lookups in constant time (names are unique on each side).
fn by_name<T>(items: &[T], name: impl Fn(&T) -> &String) -> HashMap<&str, &T> {
    items
        .iter()
        .map(|item| (name(item).as_str(), item))
        .collect()
}

fn key_name(key: KeyKind) -> &'static str {
    match key {
        KeyKind::Int => "int",
        KeyKind::Str => "string",
    }
}

impl Cx<'_> {
    fn catalog(&self, out: &mut Vec<Change>) {
        let (old, new) = (self.old, self.new);
        let package = [
            ("name", Some(&old.name), Some(&new.name)),
            (
                "kotlin_package",
                old.kotlin_package.as_ref(),
                new.kotlin_package.as_ref(),
            ),
            (
                "swift_module",
                old.swift_module.as_ref(),
                new.swift_module.as_ref(),
            ),
        ];
        for (field, a, b) in package {
            if a != b {
                let show = |v: Option<&String>| v.map_or("(default)".to_owned(), Clone::clone);
                out.push(
                    Change::new(
                        What::PackageRenamed,
                        format!("{field} changed from {} to {}", show(a), show(b)),
                    )
                    .values(
                        a.map(|v| Json::from(v.as_str())),
                        b.map(|v| Json::from(v.as_str())),
                    ),
                );
            }
        }
        let old_locales: HashSet<&str> = old.locales.iter().map(String::as_str).collect();
        let new_locales: HashSet<&str> = new.locales.iter().map(String::as_str).collect();
        for locale in &old.locales {
            if !new_locales.contains(locale.as_str()) {
                out.push(
                    Change::new(What::LocaleRemoved, format!("locale {locale} removed"))
                        .values(Some(Json::from(locale.as_str())), None),
                );
            }
        }
        if old.default_locale() != new.default_locale() {
            out.push(
                Change::new(
                    What::DefaultLocaleChanged,
                    format!(
                        "default locale changed from {} to {}",
                        old.default_locale(),
                        new.default_locale()
                    ),
                )
                .values(
                    Some(Json::from(old.default_locale())),
                    Some(Json::from(new.default_locale())),
                ),
            );
        }
        for locale in &new.locales {
            if !old_locales.contains(locale.as_str()) {
                out.push(
                    Change::new(What::LocaleAdded, format!("locale {locale} added"))
                        .values(None, Some(Json::from(locale.as_str())))
                        // CatalogLocale is an enum in Swift and Kotlin, a union type in TypeScript.
                        .breaks(&[Target::Swift, Target::Kotlin, Target::Typescript]),
                );
            }
        }
        if !same_text(&old.title, &new.title, self.common) {
            out.push(
                Change::new(What::TextChanged, "catalog title changed".to_owned())
                    .values(Some(text_json(&old.title)), Some(text_json(&new.title))),
            );
        }
    }

    fn enums(&self, out: &mut Vec<Change>) {
        let (old, new) = (self.old, self.new);
        let new_enums = by_name(&new.enums, |e| &e.name);
        for e in &old.enums {
            let Some(&n) = new_enums.get(e.name.as_str()) else {
                out.push(
                    Change::new(What::EnumRemoved, format!("enum {} removed", e.name))
                        .values(Some(Json::from(e.name.as_str())), None),
                );
                continue;
            };
            let new_values = by_name(&n.values, |v| &v.name);
            let old_values = by_name(&e.values, |v| &v.name);
            for v in &e.values {
                match new_values.get(v.name.as_str()) {
                    None => out.push(
                        Change::new(
                            What::EnumValueRemoved,
                            format!("enum value {}.{} removed", e.name, v.name),
                        )
                        .values(Some(Json::from(v.name.as_str())), None),
                    ),
                    Some(w) if !same_text(&v.label, &w.label, self.common) => out.push(
                        Change::new(
                            What::TextChanged,
                            format!("label of enum value {}.{} changed", e.name, v.name),
                        )
                        .values(Some(text_json(&v.label)), Some(text_json(&w.label))),
                    ),
                    Some(_) => {}
                }
            }
            for w in &n.values {
                if !old_values.contains_key(w.name.as_str()) {
                    out.push(
                        Change::new(
                            What::EnumValueAdded,
                            format!("enum value {}.{} added", n.name, w.name),
                        )
                        .values(None, Some(Json::from(w.name.as_str())))
                        .breaks(NEW_CASE),
                    );
                }
            }
        }
        let old_enums = by_name(&old.enums, |e| &e.name);
        for n in &new.enums {
            if !old_enums.contains_key(n.name.as_str()) {
                let values: Vec<&str> = n.values.iter().map(|v| v.name.as_str()).collect();
                out.push(
                    Change::new(
                        What::EnumAdded,
                        format!("enum {} added ({})", n.name, values.join(", ")),
                    )
                    .values(None, Some(Json::from(n.name.as_str())))
                    .breaks(&[]),
                );
            }
        }
    }

    fn sets(&self, out: &mut Vec<Change>) {
        let (old, new) = (self.old, self.new);
        let old_sets = by_name(&old.sets, |s| &s.name);
        let new_sets = by_name(&new.sets, |s| &s.name);
        let removed: Vec<&CodeSet> = old
            .sets
            .iter()
            .filter(|s| !new_sets.contains_key(s.name.as_str()))
            .collect();
        // A rename keeps the key type and every canonical code. Added sets are
        // indexed by both; each removed set takes the first one left that matches.
        fn canonical(s: &CodeSet) -> (bool, Vec<&Code>) {
            let mut codes: Vec<&Code> = s.entries.iter().map(|e| &e.codes[0]).collect();
            codes.sort_unstable();
            (s.key == KeyKind::Int, codes)
        }
        let mut candidates: HashMap<(bool, Vec<&Code>), VecDeque<&CodeSet>> = HashMap::new();
        for n in &new.sets {
            if !old_sets.contains_key(n.name.as_str()) && !n.entries.is_empty() {
                candidates.entry(canonical(n)).or_default().push_back(n);
            }
        }
        let mut renamed_to: HashMap<&str, &CodeSet> = HashMap::new();
        let mut renamed_from: HashMap<&str, &CodeSet> = HashMap::new();
        for s in &removed {
            if s.entries.is_empty() {
                continue;
            }
            if let Some(n) = candidates
                .get_mut(&canonical(s))
                .and_then(VecDeque::pop_front)
            {
                renamed_to.insert(&s.name, n);
                renamed_from.insert(&n.name, s);
            }
        }
        for s in &removed {
            if let Some(n) = renamed_to.get(s.name.as_str()) {
                out.push(
                    Change::new(
                        What::SetRenamed,
                        format!(
                            "set {} renamed to {} (detected by the same codes)",
                            s.name, n.name
                        ),
                    )
                    .set(&n.name)
                    .values(
                        Some(Json::from(s.name.as_str())),
                        Some(Json::from(n.name.as_str())),
                    ),
                );
            } else {
                out.push(
                    Change::new(
                        What::SetRemoved,
                        format!(
                            "set removed with its {} {}",
                            s.entries.len(),
                            plural(s.entries.len(), "entry", "entries")
                        ),
                    )
                    .set(&s.name)
                    .codes(s.lookup.iter().map(|(c, _)| c))
                    .values(Some(Json::from(s.name.as_str())), None),
                );
            }
        }
        for n in &new.sets {
            if let Some(s) = old_sets.get(n.name.as_str()) {
                self.set(s, n, out);
            } else if let Some(s) = renamed_from.get(n.name.as_str()) {
                self.set(s, n, out);
            } else {
                out.push(
                    Change::new(
                        What::SetAdded,
                        format!(
                            "set added with {} {}",
                            n.entries.len(),
                            plural(n.entries.len(), "entry", "entries")
                        ),
                    )
                    .set(&n.name)
                    .codes(n.lookup.iter().map(|(c, _)| c))
                    .values(None, Some(Json::from(n.name.as_str())))
                    .breaks(&[]),
                );
            }
        }
    }

    /// Compares a set present on both sides (`s` old, `n` new, maybe renamed).
    fn set(&self, s: &CodeSet, n: &CodeSet, out: &mut Vec<Change>) {
        let name = n.name.as_str();
        let same_key = s.key == n.key;
        if !same_key {
            out.push(
                Change::new(
                    What::KeyTypeChanged,
                    format!(
                        "key type changed from {} to {}",
                        key_name(s.key),
                        key_name(n.key)
                    ),
                )
                .set(name)
                .values(
                    Some(Json::from(key_name(s.key))),
                    Some(Json::from(key_name(n.key))),
                ),
            );
        }
        match (&s.title, &n.title) {
            (Some(a), Some(b)) if same_text(a, b, self.common) => {}
            (None, None) => {}
            (a, b) => out.push(
                Change::new(What::TextChanged, "set title changed".to_owned())
                    .set(name)
                    .values(a.as_ref().map(text_json), b.as_ref().map(text_json)),
            ),
        }

        // Attributes: by name, then renames by equal values.
        let attributes = self.attributes(s, n, out);

        // Entries: by name, then renames by the same canonical code (codes are
        // unique in a set, so at most one new entry has it).
        let old_entries = by_name(&s.entries, |e| &e.name);
        let new_entries = by_name(&n.entries, |f| &f.name);
        let new_by_canonical: HashMap<&Code, &Entry> =
            n.entries.iter().map(|f| (&f.codes[0], f)).collect();
        // Old name → new entry, and new name → old entry.
        let mut new_of_name: HashMap<&str, &Entry> = HashMap::new();
        let mut old_of_name: HashMap<&str, &Entry> = HashMap::new();
        for e in &s.entries {
            let f = match new_entries.get(e.name.as_str()) {
                Some(f) => Some(*f),
                None if same_key => new_by_canonical
                    .get(&e.codes[0])
                    .copied()
                    .filter(|f| !old_entries.contains_key(f.name.as_str())),
                None => None,
            };
            if let Some(f) = f {
                new_of_name.insert(&e.name, f);
                old_of_name.insert(&f.name, e);
            }
        }
        let new_of = |e: &Entry| new_of_name.get(e.name.as_str()).copied();
        let old_of = |f: &Entry| old_of_name.get(f.name.as_str()).copied();
        // Where each code lives on each side, as entry names in the new naming.
        let old_home: BTreeMap<&Code, String> = s
            .lookup
            .iter()
            .map(|(c, i)| {
                let e = &s.entries[*i];
                (
                    c,
                    new_of(e).map_or_else(|| format!("-{}", e.name), |f| f.name.clone()),
                )
            })
            .collect();
        let new_home: BTreeMap<&Code, &str> = n
            .lookup
            .iter()
            .map(|(c, i)| (c, n.entries[*i].name.as_str()))
            .collect();

        // Removed entries, in old order.
        for e in &s.entries {
            if new_of(e).is_some() {
                continue;
            }
            let gone: Vec<&Code> = if same_key {
                e.codes
                    .iter()
                    .filter(|c| !new_home.contains_key(c))
                    .collect()
            } else {
                e.codes.iter().collect()
            };
            out.push(
                Change::new(
                    What::EntryRemoved,
                    if gone.is_empty() {
                        "entry removed (its codes moved, see below)".to_owned()
                    } else {
                        format!(
                            "entry removed with codes {}",
                            list_codes(gone.iter().copied())
                        )
                    },
                )
                .set(name)
                .entry(e)
                .codes(gone),
            );
        }
        // Entries on both sides and added ones, in new order.
        let retired: HashSet<&Code> = n.retired.iter().map(|r| &r.code).collect();
        let explainers = self.explainers(s, n, &attributes);
        for (fi, f) in n.entries.iter().enumerate() {
            let Some(e) = old_of(f) else {
                let fresh: Vec<&Code> = if same_key {
                    f.codes
                        .iter()
                        .filter(|c| !old_home.contains_key(c))
                        .collect()
                } else {
                    f.codes.iter().collect()
                };
                out.push(
                    Change::new(
                        What::EntryAdded,
                        format!(
                            "entry added with codes {}",
                            list_codes(fresh.iter().copied())
                        ),
                    )
                    .set(name)
                    .entry(f)
                    .codes(fresh)
                    .breaks(NEW_CASE),
                );
                self.moved_into(f, &old_home, name, same_key, out);
                continue;
            };
            if e.name != f.name {
                out.push(
                    Change::new(
                        What::EntryRenamed,
                        format!(
                            "entry {} renamed to {} (detected by the same code {})",
                            e.name,
                            f.name,
                            CodeValue::from(&f.codes[0])
                        ),
                    )
                    .set(name)
                    .entry(f)
                    .codes([&f.codes[0]])
                    .values(
                        Some(Json::from(e.name.as_str())),
                        Some(Json::from(f.name.as_str())),
                    ),
                );
            }
            if same_key {
                let removed: Vec<&Code> = e
                    .codes
                    .iter()
                    .filter(|c| !new_home.contains_key(c))
                    .collect();
                if !removed.is_empty() {
                    // A tombstone in the new catalog is noted: the code stays reserved.
                    let retired: Vec<&Code> = removed
                        .iter()
                        .copied()
                        .filter(|c| retired.contains(*c))
                        .collect();
                    let tombstone = if retired.is_empty() {
                        String::new()
                    } else {
                        format!("; {} left as retired", list_codes(retired))
                    };
                    out.push(
                        Change::new(
                            What::CodeRemoved,
                            format!(
                                "{} {} removed{tombstone}",
                                plural(removed.len(), "code", "codes"),
                                list_codes(removed.iter().copied())
                            ),
                        )
                        .set(name)
                        .entry(f)
                        .codes(removed),
                    );
                }
                self.moved_into(f, &old_home, name, same_key, out);
                let added: Vec<&Code> = f
                    .codes
                    .iter()
                    .filter(|c| !old_home.contains_key(c))
                    .collect();
                if !added.is_empty() {
                    out.push(
                        Change::new(
                            What::CodeAdded,
                            format!(
                                "{} {} added (an alias of {})",
                                plural(added.len(), "code", "codes"),
                                list_codes(added.iter().copied()),
                                CodeValue::from(&f.codes[0])
                            ),
                        )
                        .set(name)
                        .entry(f)
                        .codes(added)
                        .breaks(&[]),
                    );
                }
                if e.codes[0] != f.codes[0] {
                    out.push(
                        Change::new(
                            What::CanonicalCodeChanged,
                            format!(
                                "canonical code changed from {} to {}",
                                CodeValue::from(&e.codes[0]),
                                CodeValue::from(&f.codes[0])
                            ),
                        )
                        .set(name)
                        .entry(f)
                        .codes([&e.codes[0], &f.codes[0]])
                        .values(
                            serde_json::to_value(CodeValue::from(&e.codes[0])).ok(),
                            serde_json::to_value(CodeValue::from(&f.codes[0])).ok(),
                        ),
                    );
                }
            }
            self.entry_texts(e, f, name, out);
            self.deprecations(s, n, e, f, name, out);
            self.entry_values(n, e, f, fi, &attributes, &explainers, out);
        }
        self.dated_changes(s, n, &attributes, out);
    }

    /// Codes that moved into `f` from another (old) entry.
    fn moved_into(
        &self,
        f: &Entry,
        old_home: &BTreeMap<&Code, String>,
        name: &str,
        same_key: bool,
        out: &mut Vec<Change>,
    ) {
        if !same_key {
            return;
        }
        let mut from: BTreeMap<&str, Vec<&Code>> = BTreeMap::new();
        for c in &f.codes {
            if let Some(home) = old_home.get(c)
                && home != &f.name
            {
                from.entry(home.as_str()).or_default().push(c);
            }
        }
        for (home, codes) in from {
            // Old entries that are gone are marked `-Name` in `old_home`.
            let origin = home.strip_prefix('-').unwrap_or(home);
            out.push(
                Change::new(
                    What::CodeMoved,
                    format!(
                        "{} {} moved here from {origin}",
                        plural(codes.len(), "code", "codes"),
                        list_codes(codes.iter().copied())
                    ),
                )
                .set(name)
                .entry(f)
                .codes(codes)
                .values(Some(Json::from(origin)), Some(Json::from(f.name.as_str()))),
            );
        }
    }

    fn entry_texts(&self, e: &Entry, f: &Entry, name: &str, out: &mut Vec<Change>) {
        let codes = [&f.codes[0]];
        if !same_text(&e.message, &f.message, self.common) {
            out.push(
                Change::new(What::MessageChanged, "message changed".to_owned())
                    .set(name)
                    .entry(f)
                    .codes(codes)
                    .values(Some(text_json(&e.message)), Some(text_json(&f.message))),
            );
        }
        let differs = |a: &Option<Text>, b: &Option<Text>| match (a, b) {
            (Some(a), Some(b)) => !same_text(a, b, self.common),
            (None, None) => false,
            _ => true,
        };
        if differs(&e.hint, &f.hint) {
            let detail = match (&e.hint, &f.hint) {
                (None, _) => "hint added",
                (_, None) => "hint removed",
                _ => "hint changed",
            };
            out.push(
                Change::new(What::HintChanged, detail.to_owned())
                    .set(name)
                    .entry(f)
                    .codes(codes)
                    .values(
                        e.hint.as_ref().map(text_json),
                        f.hint.as_ref().map(text_json),
                    ),
            );
        }
        if differs(&e.note, &f.note) {
            let mut change = Change::new(What::TextChanged, "note changed".to_owned())
                .set(name)
                .entry(f)
                .codes(codes)
                .values(
                    e.note.as_ref().map(text_json),
                    f.note.as_ref().map(text_json),
                );
            change.message = None;
            out.push(change);
        }
    }

    /// Deprecation of the entry and of its aliases: behavioural, since apps
    /// building with warnings as errors stop compiling against a deprecated name.
    fn deprecations(
        &self,
        s: &CodeSet,
        n: &CodeSet,
        e: &Entry,
        f: &Entry,
        name: &str,
        out: &mut Vec<Change>,
    ) {
        fn describe<'d>(
            set: &CodeSet,
            d: &'d crate::model::Deprecation,
        ) -> (String, &'d crate::model::Deprecation) {
            let replacement = d
                .replacement
                .map(|i| format!(", use {}", set.entries[i].name))
                .unwrap_or_default();
            (format!("since {}{replacement}", d.since), d)
        }
        let old = e.deprecated.as_ref().map(|d| describe(s, d));
        let new = f.deprecated.as_ref().map(|d| describe(n, d));
        let change = match (&old, &new) {
            (None, Some((text, _))) => Some((What::Deprecated, format!("deprecated {text}"))),
            (Some(_), None) => Some((What::Undeprecated, "no longer deprecated".to_owned())),
            (Some((a, x)), Some((b, y)))
                if a != b || !same_text(&x.reason, &y.reason, self.common) =>
            {
                Some((
                    What::DeprecationChanged,
                    format!("deprecation changed: {b}"),
                ))
            }
            _ => None,
        };
        if let Some((what, detail)) = change {
            out.push(
                Change::new(what, detail)
                    .set(name)
                    .entry(f)
                    .codes([&f.codes[0]])
                    .values(
                        e.deprecated.as_ref().map(|d| text_json(&d.reason)),
                        f.deprecated.as_ref().map(|d| text_json(&d.reason)),
                    ),
            );
        }
        // Sets only when there is something to look up: most entries have no aliases.
        fn codes_of(list: &[crate::model::DeprecatedCode]) -> HashSet<&Code> {
            list.iter().map(|d| &d.code).collect()
        }
        let (old_deprecated, new_deprecated) =
            if e.deprecated_codes.is_empty() && f.deprecated_codes.is_empty() {
                (HashSet::new(), HashSet::new())
            } else {
                (codes_of(&e.deprecated_codes), codes_of(&f.deprecated_codes))
            };
        for d in &f.deprecated_codes {
            if !old_deprecated.contains(&d.code) {
                out.push(
                    Change::new(
                        What::CodeDeprecated,
                        format!("code {} deprecated since {}", d.code, d.since),
                    )
                    .set(name)
                    .entry(f)
                    .codes([&d.code])
                    .values(None, Some(text_json(&d.reason))),
                );
            }
        }
        let new_codes: HashSet<&Code> = if e.deprecated_codes.is_empty() {
            HashSet::new()
        } else {
            f.codes.iter().collect()
        };
        for d in &e.deprecated_codes {
            let still_here = new_codes.contains(&d.code);
            if still_here && !new_deprecated.contains(&d.code) {
                out.push(
                    Change::new(
                        What::CodeUndeprecated,
                        format!("code {} no longer deprecated", d.code),
                    )
                    .set(name)
                    .entry(f)
                    .codes([&d.code])
                    .values(Some(text_json(&d.reason)), None),
                );
            }
        }
    }

    /// Pairs the attributes of a set by name, else by type and identical values
    /// (a rename), reporting removed, renamed, retyped and added ones.
    /// Returns (old index, new index) of the pairs whose values can be compared.
    fn attributes(&self, s: &CodeSet, n: &CodeSet, out: &mut Vec<Change>) -> Vec<(usize, usize)> {
        let name = n.name.as_str();
        let mut pairs = Vec::new();
        let type_of = |model: &Model, kind| kind_name(model, kind);
        let old_index: HashMap<&str, usize> = index_of(&s.attributes, |a| &a.name);
        let new_index: HashMap<&str, usize> = index_of(&n.attributes, |b| &b.name);
        let gone: Vec<usize> = (0..s.attributes.len())
            .filter(|&i| !new_index.contains_key(s.attributes[i].name.as_str()))
            .collect();
        let fresh: Vec<usize> = (0..n.attributes.len())
            .filter(|&j| !old_index.contains_key(n.attributes[j].name.as_str()))
            .collect();
        // Renames: values are compared on the entries of the same name on both sides.
        let rows: Vec<(&Entry, &Entry)> = if gone.is_empty() || fresh.is_empty() {
            Vec::new()
        } else {
            let new_entries = by_name(&n.entries, |f| &f.name);
            s.entries
                .iter()
                .filter_map(|e| Some((e, *new_entries.get(e.name.as_str())?)))
                .collect()
        };
        let values_equal = |i: usize, j: usize| {
            rows.iter()
                .all(|(e, f)| same_value(&e.values[i].current, &f.values[j].current, self.common))
        };
        // Only columns of equal hashes are compared value by value.
        let old_hashes: HashMap<usize, u64> = gone
            .iter()
            .map(|&i| {
                let values = rows.iter().map(|(e, _)| &e.values[i].current);
                (i, column_hash(values, self.common))
            })
            .collect();
        let new_columns: Vec<(usize, String, u64)> = fresh
            .iter()
            .map(|&j| {
                (
                    j,
                    type_of(self.new, n.attributes[j].kind),
                    column_hash(rows.iter().map(|(_, f)| &f.values[j].current), self.common),
                )
            })
            .collect();
        let mut renamed: HashMap<usize, usize> = HashMap::new();
        let mut taken: HashSet<usize> = HashSet::new();
        for &i in &gone {
            let ta = type_of(self.old, s.attributes[i].kind);
            let candidate = new_columns.iter().find(|(j, tb, hash)| {
                ta == *tb
                    && !taken.contains(j)
                    && Some(hash) == old_hashes.get(&i)
                    && values_equal(i, *j)
            });
            if let Some(&(j, _, _)) = candidate {
                renamed.insert(i, j);
                taken.insert(j);
            }
        }
        for (i, a) in s.attributes.iter().enumerate() {
            if let Some(&j) = new_index.get(a.name.as_str()) {
                let b = &n.attributes[j];
                let (ta, tb) = (type_of(self.old, a.kind), type_of(self.new, b.kind));
                if ta != tb {
                    out.push(
                        Change::new(
                            What::AttributeTypeChanged,
                            format!("attribute {} changed type from {ta} to {tb}", a.name),
                        )
                        .set(name)
                        .values(Some(Json::from(ta)), Some(Json::from(tb)))
                        .attr(&a.name),
                    );
                } else {
                    pairs.push((i, j));
                }
                if !same_text(&a.label, &b.label, self.common) {
                    out.push(
                        Change::new(
                            What::TextChanged,
                            format!("label of attribute {} changed", a.name),
                        )
                        .set(name)
                        .values(Some(text_json(&a.label)), Some(text_json(&b.label)))
                        .attr(&a.name),
                    );
                }
            } else if let Some(&j) = renamed.get(&i) {
                let b = &n.attributes[j];
                out.push(
                    Change::new(
                        What::AttributeRenamed,
                        format!(
                            "attribute {} renamed to {} (detected by the same values)",
                            a.name, b.name
                        ),
                    )
                    .set(name)
                    .values(
                        Some(Json::from(a.name.as_str())),
                        Some(Json::from(b.name.as_str())),
                    )
                    .attr(&b.name),
                );
                pairs.push((i, j));
            } else {
                out.push(
                    Change::new(
                        What::AttributeRemoved,
                        format!("attribute {} removed", a.name),
                    )
                    .set(name)
                    .values(Some(Json::from(a.name.as_str())), None)
                    .attr(&a.name),
                );
            }
        }
        for (j, b) in n.attributes.iter().enumerate() {
            if old_index.contains_key(b.name.as_str()) || taken.contains(&j) {
                continue;
            }
            out.push(
                Change::new(
                    What::AttributeAdded,
                    format!("attribute {} ({}) added", b.name, type_of(self.new, b.kind)),
                )
                .set(name)
                .values(None, Some(Json::from(b.name.as_str())))
                .attr(&b.name)
                .breaks(&[]),
            );
        }
        pairs
    }

    /// For each pair of compared attributes (by its index in `attributes`) and new
    /// entry index, the dated changes new in NEW that cover the entry: each may
    /// explain a different current value.
    fn explainers<'n>(
        &self,
        s: &CodeSet,
        n: &'n CodeSet,
        attributes: &[(usize, usize)],
    ) -> HashMap<(usize, usize), Vec<&'n crate::model::Change>> {
        let old_dated: BTreeSet<(&str, crate::model::Date)> = s
            .changes
            .iter()
            .map(|d| (s.attributes[d.attribute].name.as_str(), d.effective))
            .collect();
        let mut of_attribute: HashMap<usize, Vec<&crate::model::Change>> = HashMap::new();
        for c in &n.changes {
            of_attribute.entry(c.attribute).or_default().push(c);
        }
        let mut explainers: HashMap<(usize, usize), Vec<&crate::model::Change>> = HashMap::new();
        for (k, &(i, j)) in attributes.iter().enumerate() {
            let old_name = s.attributes[i].name.as_str();
            for c in of_attribute.get(&j).into_iter().flatten() {
                if old_dated.contains(&(old_name, c.effective)) {
                    continue;
                }
                for &fi in &c.entries {
                    explainers.entry((k, fi)).or_default().push(c);
                }
            }
        }
        explainers
    }

    #[allow(clippy::too_many_arguments)]
    fn entry_values(
        &self,
        n: &CodeSet,
        e: &Entry,
        f: &Entry,
        fi: usize,
        attributes: &[(usize, usize)],
        explainers: &HashMap<(usize, usize), Vec<&crate::model::Change>>,
        out: &mut Vec<Change>,
    ) {
        for (k, &(i, j)) in attributes.iter().enumerate() {
            let (a, b) = (&e.values[i].current, &f.values[j].current);
            if same_value(a, b, self.common) {
                continue;
            }
            // A dated change new in NEW that covers this entry explains the difference.
            let explained = explainers
                .get(&(k, fi))
                .is_some_and(|cs| cs.iter().any(|c| same_value(&c.before, a, self.common)));
            if explained {
                continue;
            }
            let attribute = &n.attributes[j].name;
            let (old, new) = (value_json(a), value_json(b));
            out.push(
                Change::new(
                    What::AttributeChanged,
                    format!(
                        "{attribute} changed from {} to {}",
                        show_value(&old),
                        show_value(&new)
                    ),
                )
                .set(&n.name)
                .entry(f)
                .codes([&f.codes[0]])
                .values(Some(old), Some(new))
                .attr(attribute),
            );
        }
    }

    /// Dated changes (`[[set.change]]`), matched by attribute and effective date.
    fn dated_changes(
        &self,
        s: &CodeSet,
        n: &CodeSet,
        attributes: &[(usize, usize)],
        out: &mut Vec<Change>,
    ) {
        let name = n.name.as_str();
        // The first pair of each old attribute, as a search of `attributes` finds it.
        let mut new_attrs: HashMap<usize, usize> = HashMap::new();
        for &(i, j) in attributes {
            new_attrs.entry(i).or_insert(j);
        }
        let new_attr = |i: usize| new_attrs.get(&i).copied();
        // Old dated changes by (new attribute, date), the first of each; new ones' keys.
        let mut old_changes: BTreeMap<(usize, crate::model::Date), &crate::model::Change> =
            BTreeMap::new();
        for d in &s.changes {
            if let Some(j) = new_attr(d.attribute) {
                old_changes.entry((j, d.effective)).or_insert(d);
            }
        }
        let new_keys: BTreeSet<(usize, crate::model::Date)> = n
            .changes
            .iter()
            .map(|c| (c.attribute, c.effective))
            .collect();
        let codes_of = |set: &CodeSet, entries: &[usize]| -> Vec<Code> {
            entries
                .iter()
                .map(|&i| set.entries[i].codes[0].clone())
                .collect()
        };
        let after = |set: &CodeSet, c: &crate::model::Change| -> Option<Json> {
            let entry = set.entries.get(*c.entries.first()?)?;
            Some(value_json(entry.values[c.attribute].on(c.effective)))
        };
        for c in &n.changes {
            let attribute = &n.attributes[c.attribute].name;
            let old = old_changes.get(&(c.attribute, c.effective)).copied();
            let codes = codes_of(n, &c.entries);
            let notice = c.notice.as_ref().map(|t| t.0.clone());
            match old {
                None => {
                    let before = value_json(&c.before);
                    let after = after(n, c);
                    let mut change = Change::new(
                        What::DatedChangeAdded,
                        format!(
                            "from {}, {attribute} changes from {} to {} for {} {} ({})",
                            c.effective,
                            show_value(&before),
                            after.as_ref().map_or("?".to_owned(), show_value),
                            c.entries.len(),
                            plural(c.entries.len(), "entry", "entries"),
                            list_codes(&codes)
                        ),
                    )
                    .set(name)
                    .codes(&codes)
                    .values(Some(before), after)
                    .attr(attribute);
                    change.effective = Some(c.effective.to_string());
                    change.notice = notice;
                    out.push(change);
                }
                Some(d) => {
                    let old_codes = codes_of(s, &d.entries);
                    let old_set: BTreeSet<&Code> = old_codes.iter().collect();
                    let new_set: BTreeSet<&Code> = codes.iter().collect();
                    let differs =
                        old_set != new_set || !same_value(&d.before, &c.before, self.common);
                    let notice_differs = match (&d.notice, &c.notice) {
                        (Some(a), Some(b)) => !same_text(a, b, self.common),
                        (None, None) => false,
                        _ => true,
                    };
                    if differs {
                        let mut change = Change::new(
                            What::DatedChangeChanged,
                            format!(
                                "the {attribute} change of {} now covers {} (was {}), before = {}",
                                c.effective,
                                list_codes(&codes),
                                list_codes(&old_codes),
                                show_value(&value_json(&c.before))
                            ),
                        )
                        .set(name)
                        .codes(&codes)
                        .values(
                            Some(serde_json::json!({"before": value_json(&d.before), "codes": old_codes.iter().map(CodeValue::from).collect::<Vec<_>>()})),
                            Some(serde_json::json!({"before": value_json(&c.before), "codes": codes.iter().map(CodeValue::from).collect::<Vec<_>>()})),
                        )
                        .attr(attribute);
                        change.effective = Some(c.effective.to_string());
                        out.push(change);
                    } else if notice_differs {
                        let mut change = Change::new(
                            What::TextChanged,
                            format!(
                                "notice of the {attribute} change of {} changed",
                                c.effective
                            ),
                        )
                        .set(name)
                        .codes(&codes)
                        .values(
                            d.notice.as_ref().map(text_json),
                            c.notice.as_ref().map(text_json),
                        )
                        .attr(attribute);
                        change.effective = Some(c.effective.to_string());
                        out.push(change);
                    }
                }
            }
        }
        for d in &s.changes {
            let kept = new_attr(d.attribute).is_some_and(|j| new_keys.contains(&(j, d.effective)));
            if kept {
                continue;
            }
            let attribute = &s.attributes[d.attribute].name;
            let codes = codes_of(s, &d.entries);
            let mut change = Change::new(
                What::DatedChangeRemoved,
                format!(
                    "the {attribute} change of {} removed ({})",
                    d.effective,
                    list_codes(&codes)
                ),
            )
            .set(name)
            .codes(&codes)
            .values(Some(value_json(&d.before)), None)
            .attr(attribute);
            change.effective = Some(d.effective.to_string());
            out.push(change);
        }
    }
}

impl Change {
    fn attr(mut self, name: &str) -> Self {
        self.attribute = Some(name.to_owned());
        self
    }
}

// ---------------------------------------------------------------------------
// Printing and the gate.

const RESET: &str = "\x1b[0m";
const BOLD: &str = "\x1b[1m";

fn colour(kind: Kind) -> &'static str {
    match kind {
        Kind::Breaking => "\x1b[1;31m",
        Kind::Behavioural => "\x1b[1;33m",
        Kind::Additive => "\x1b[1;32m",
        Kind::Documentation => "\x1b[1;36m",
    }
}

impl Report {
    fn of(&self, kind: Kind) -> impl Iterator<Item = &Change> {
        self.changes.iter().filter(move |c| c.kind == kind)
    }

    fn old_major(&self) -> u64 {
        semver::Version::parse(&self.old_version).map_or(0, |v| v.major)
    }

    /// The changes that alone demand the required bump.
    pub fn demanding(&self) -> impl Iterator<Item = &Change> {
        let major = self.old_major();
        self.changes
            .iter()
            .filter(move |c| c.kind.bump(major) == self.required_bump)
    }

    /// One line about versions and bumps.
    fn verdict(&self) -> String {
        let mut text = format!(
            "required bump: {}; actual bump: {} ({} → {})",
            self.required_bump.as_str(),
            self.actual_bump.as_str(),
            self.old_version,
            self.new_version
        );
        if self.required_bump == Bump::Minor
            && self.old_major() == 0
            && self.of(Kind::Breaking).next().is_some()
        {
            text.push_str("; below 1.0.0 a breaking change requires a minor bump");
        }
        if !self.gate_passes {
            text.push_str("; the version bump is too small");
        }
        text
    }

    /// Readable lines grouped by kind; `color` adds ANSI styles (stripped by
    /// `anstream` when the output is not a terminal or `NO_COLOR` is set).
    pub fn human(&self, color: bool) -> String {
        let style = |s: &'static str| if color { s } else { "" };
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{}{} {} → {}{}",
            style(BOLD),
            self.name,
            self.old_version,
            self.new_version,
            style(RESET)
        );
        if self.changes.is_empty() {
            out.push_str("no changes\n");
        }
        let locale = self.locales.first().map_or("", String::as_str);
        for kind in Kind::ALL {
            let count = self.of(kind).count();
            if count == 0 {
                continue;
            }
            let _ = writeln!(
                out,
                "{}{} ({count}){}",
                style(colour(kind)),
                kind.heading(),
                style(RESET)
            );
            for change in self.of(kind) {
                // Catalog texts may hold control characters: none reaches the terminal.
                let line = crate::diagnostic::printable(&change.line(locale));
                let _ = writeln!(out, "  - {line}");
            }
        }
        let _ = writeln!(out, "{}", self.verdict());
        out
    }

    /// A changelog section per catalog locale, ready for release notes.
    /// Headings are English with the locale tag; texts are in that locale.
    pub fn markdown(&self) -> String {
        let mut out = String::new();
        for locale in &self.locales {
            let _ = writeln!(
                out,
                "## {} {} → {} ({locale})\n",
                self.name, self.old_version, self.new_version
            );
            if self.changes.is_empty() {
                out.push_str("No changes.\n\n");
                continue;
            }
            let _ = writeln!(
                out,
                "Requires a {} version bump.\n",
                self.required_bump.as_str()
            );
            for kind in Kind::ALL {
                if self.of(kind).next().is_none() {
                    continue;
                }
                let _ = writeln!(out, "### {}\n", kind.heading());
                for change in self.of(kind) {
                    let _ = writeln!(out, "- {}", markdown_escape_line(&change.line(locale)));
                }
                out.push('\n');
            }
        }
        out
    }

    pub fn json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).expect("a report serialises");
        text.push('\n');
        text
    }

    /// `Ok` when the version bump covers the changes; else the gate error naming
    /// the changes that demand the bump.
    pub fn gate(&self) -> Result<(), Error> {
        if self.gate_passes {
            return Ok(());
        }
        let demanding: Vec<String> = self
            .demanding()
            .map(|c| format!("  - {} ({}): {}", c.subject(), c.what.as_str(), c.detail))
            .collect();
        Err(Error::Gate {
            old: self.old_version.clone(),
            new: self.new_version.clone(),
            required: self.required_bump.as_str(),
            actual: self.actual_bump.as_str(),
            because: demanding.join("\n"),
        })
    }
}

/// The subject is code-formatted; the rest is kept as written.
fn markdown_escape_line(line: &str) -> String {
    match line.split_once(": ") {
        Some((subject, rest)) if !subject.contains(' ') => format!("`{subject}`: {rest}"),
        _ => line.to_owned(),
    }
}
