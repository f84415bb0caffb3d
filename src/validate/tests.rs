//! The caps on locales, codes per entry and group depth, and hints that stay
//! short and cheap however many names a catalog has.

use super::entries::MAX_CODES_PER_ENTRY;
use super::meta::MAX_LOCALES;
use super::sets::MAX_GROUP_DEPTH;
use crate::diagnostic::{Diagnostic, DiagnosticKind};

/// A catalog in `locales` (every catalog text in all of them) with one set,
/// whose groups, entries and so on are `body`.
fn catalog(locales: &[String], body: &str) -> String {
    let text = |word: &str| {
        let items: Vec<String> = locales
            .iter()
            .map(|l| format!("{l} = \"{word}\""))
            .collect();
        format!("{{ {} }}", items.join(", "))
    };
    let tags: Vec<String> = locales.iter().map(|l| format!("\"{l}\"")).collect();
    format!(
        "[catalog]\nname = \"capped\"\nversion = \"1.0.0\"\ntitle = {}\nlocales = [{}]\n\
         yes = {}\nno = {}\nunknown_code = {}\n[[section]]\nid = \"main\"\ntitle = {}\n\
         [[set]]\nname = \"CappedCode\"\nsection = \"main\"\nkey = \"int\"\n\
         code_label = {}\nmessage_label = {}\n{body}",
        text("Capped"),
        tags.join(", "),
        text("Yes"),
        text("No"),
        text("? {code}"),
        text("Main"),
        text("Code"),
        text("Message"),
    )
}

fn english() -> Vec<String> {
    vec!["en".to_string()]
}

/// `en` and then private-use tags `qaa`, `qab`, …: `count` distinct locales.
fn locales(count: usize) -> Vec<String> {
    let letters: Vec<char> = ('a'..='z').collect();
    let mut tags = english();
    for a in &letters {
        for b in &letters {
            tags.push(format!("q{a}{b}"));
        }
    }
    tags.truncate(count);
    assert_eq!(tags.len(), count);
    tags
}

/// A chain of `depth` groups, `g0` at the top, and one entry in the deepest.
fn chain(depth: usize) -> String {
    let mut body = String::new();
    for i in 0..depth {
        body.push_str(&format!("[[set.group]]\nid = \"g{i}\"\n"));
        if i > 0 {
            body.push_str(&format!("parent = \"g{}\"\n", i - 1));
        }
        body.push_str("title = { en = \"G\" }\n");
    }
    body.push_str(&format!(
        "[[set.entry]]\nname = \"Deep\"\ncodes = [0]\ngroup = \"g{}\"\nmessage = {{ en = \"m\" }}\n",
        depth - 1
    ));
    body
}

fn errors(text: &str) -> Vec<Diagnostic> {
    crate::load_str(text).expect_err("the catalog must be refused")
}

#[test]
fn groups_nest_up_to_the_depth_cap_and_a_deeper_chain_is_reported_once() {
    assert!(crate::load_str(&catalog(&english(), &chain(MAX_GROUP_DEPTH))).is_ok());
    let text = catalog(&english(), &chain(MAX_GROUP_DEPTH + 1));
    let diagnostics = errors(&text);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!(diagnostics[0].kind, DiagnosticKind::GroupTooDeep);
    // At the parent of the first group too deep, labelled at that parent's id.
    let parent = format!("parent = \"g{}\"", MAX_GROUP_DEPTH - 1);
    let at = text.find(&parent).unwrap() + "parent = ".len();
    assert_eq!(
        diagnostics[0].span,
        at..at + parent.len() - "parent = ".len()
    );
    assert_eq!(diagnostics[0].labels.len(), 1);
    // Every group below is deeper still, and not reported again.
    let diagnostics = errors(&catalog(&english(), &chain(500)));
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
}

#[test]
fn catalogs_hold_up_to_the_locale_cap_and_more_are_one_diagnostic() {
    let body = "[[set.entry]]\nname = \"Ok\"\ncodes = [0]\nmessage = { en = \"m\" }\n";
    let all = locales(MAX_LOCALES);
    let full_entry = catalog(&all, "")
        + &{
            let items: Vec<String> = all.iter().map(|l| format!("{l} = \"m\"")).collect();
            format!(
                "[[set.entry]]\nname = \"Ok\"\ncodes = [0]\nmessage = {{ {} }}\n",
                items.join(", ")
            )
        };
    assert!(crate::load_str(&full_entry).is_ok());
    // One locale more: refused once, and the texts, in English only, are not
    // reported as missing the other locales.
    let mut over = locales(MAX_LOCALES + 1);
    let text = catalog(&english(), body).replacen(
        "locales = [\"en\"]",
        &format!(
            "locales = [{}]",
            over.drain(..)
                .map(|l| format!("\"{l}\""))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        1,
    );
    let diagnostics = errors(&text);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!(diagnostics[0].kind, DiagnosticKind::TooManyLocales);
    let last = locales(MAX_LOCALES + 1).pop().unwrap();
    assert_eq!(&text[diagnostics[0].span.clone()], format!("\"{last}\""));
    assert!(
        diagnostics[0]
            .message
            .contains(&format!("{} locales", MAX_LOCALES + 1))
    );
}

#[test]
fn entries_hold_up_to_the_codes_cap() {
    let entry = |count: usize| {
        let codes: Vec<String> = (0..count).map(|c| c.to_string()).collect();
        format!(
            "[[set.entry]]\nname = \"Many\"\ncodes = [{}]\nmessage = {{ en = \"m\" }}\n",
            codes.join(", ")
        )
    };
    assert!(crate::load_str(&catalog(&english(), &entry(MAX_CODES_PER_ENTRY))).is_ok());
    let text = catalog(&english(), &entry(MAX_CODES_PER_ENTRY + 1));
    let diagnostics = errors(&text);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!(diagnostics[0].kind, DiagnosticKind::TooManyCodes);
    // At the first code past the cap.
    assert_eq!(
        text[diagnostics[0].span.clone()],
        MAX_CODES_PER_ENTRY.to_string()
    );
}

#[test]
fn hints_about_unknown_parents_stay_short_however_many_groups() {
    // Group i names `g{i-1}x`, a typo of the group declared just before it.
    let n = 3_000;
    let mut body = String::from("[[set.group]]\nid = \"g0\"\ntitle = { en = \"G\" }\n");
    for i in 1..n {
        body.push_str(&format!(
            "[[set.group]]\nid = \"g{i}\"\nparent = \"g{}x\"\ntitle = {{ en = \"G\" }}\n",
            i - 1
        ));
    }
    body.push_str(
        "[[set.entry]]\nname = \"Ok\"\ncodes = [0]\ngroup = \"g0\"\nmessage = { en = \"m\" }\n",
    );
    let diagnostics = errors(&catalog(&english(), &body));
    assert_eq!(diagnostics.len(), n - 1);
    assert!(
        diagnostics
            .iter()
            .all(|d| d.kind == DiagnosticKind::UnknownGroup)
    );
    // The first mistakes, among few names, get the typo's correction.
    for (i, d) in diagnostics.iter().enumerate().take(100) {
        assert_eq!(d.hint, format!("did you mean `g{i}`?"), "{d:?}");
    }
    // Past the candidates' cap or the catalog's budget, a few names only.
    let last = diagnostics.last().unwrap();
    assert!(last.hint.contains("known: g0, g1,"), "{last:?}");
    assert!(
        last.hint.contains(&format!("({} more)", n - 1 - 8)),
        "{last:?}"
    );
    assert!(
        diagnostics.iter().all(|d| d.hint.len() < 200),
        "a hint grew"
    );
}

#[test]
fn hints_of_undeclared_locales_and_deprecated_codes_list_a_few_names() {
    let all = locales(40);
    let message: Vec<String> = all.iter().map(|l| format!("{l} = \"m\"")).collect();
    let codes: Vec<String> = (0..30).map(|c| c.to_string()).collect();
    let body = format!(
        "[[set.entry]]\nname = \"Ok\"\ncodes = [{}]\nmessage = {{ {}, xx = \"m\" }}\n\
         deprecated_codes = [{{ code = 99, since = 2024-01-01, reason = {{ {} }} }}]\n",
        codes.join(", "),
        message.join(", "),
        message.join(", ")
    );
    let diagnostics = errors(&catalog(&all, &body));
    let hint = |kind| {
        let d = diagnostics.iter().find(|d| d.kind == kind).unwrap();
        d.hint.clone()
    };
    assert_eq!(
        hint(DiagnosticKind::UndeclaredLocale),
        "declared locales are en, qaa, qab, qac, qad, qae, qaf, qag, … (32 more); \
         add it to [catalog] locales or remove this text"
    );
    assert_eq!(
        hint(DiagnosticKind::DeprecatedCodeNotAlias),
        "`deprecated_codes` lists aliases of this entry: 1, 2, 3, 4, 5, 6, 7, 8, … (21 more)"
    );
}

#[test]
fn a_value_listed_many_times_points_each_repeat_at_its_first_listing() {
    let mut items = vec!["\"Blue\""];
    items.extend(std::iter::repeat_n("\"Red\"", 50));
    let body = format!(
        "[[set.attribute]]\nname = \"colours\"\ntype = \"list\"\nenum = \"Colour\"\n\
         label = {{ en = \"Colours\" }}\n\
         [[set.entry]]\nname = \"Ok\"\ncodes = [0]\nmessage = {{ en = \"m\" }}\ncolours = [{}]\n\
         [[enum]]\nname = \"Colour\"\n[[enum.value]]\nname = \"Red\"\nlabel = {{ en = \"Red\" }}\n\
         [[enum.value]]\nname = \"Blue\"\nlabel = {{ en = \"Blue\" }}\n",
        items.join(", ")
    );
    let text = catalog(&english(), &body);
    let diagnostics = errors(&text);
    assert_eq!(diagnostics.len(), 49, "{diagnostics:?}");
    let first = text.find("\"Red\", \"Red\"").unwrap();
    for d in &diagnostics {
        assert_eq!(d.kind, DiagnosticKind::DuplicateListValue);
        assert_eq!(d.labels[0].span, first..first + 5, "{d:?}");
        assert!(d.span.start > first);
    }
}

#[test]
fn a_huge_entry_name_is_cut_short_in_every_message_about_its_codes() {
    let name = format!("A{}", "b".repeat(20_000));
    let body = format!(
        "[[set.entry]]\nname = \"{name}\"\ncodes = [{}]\nmessage = {{ en = \"m\" }}\n",
        vec!["7"; 200].join(", ")
    );
    let diagnostics = errors(&catalog(&english(), &body));
    let kinds = |kind| diagnostics.iter().filter(|d| d.kind == kind).count();
    assert_eq!(kinds(DiagnosticKind::NameTooLong), 1);
    assert_eq!(kinds(DiagnosticKind::DuplicateCode), 199);
    let cut = format!("A{}…", "b".repeat(99));
    for d in diagnostics
        .iter()
        .filter(|d| d.kind == DiagnosticKind::DuplicateCode)
    {
        assert_eq!(
            d.message,
            format!("code 7 is already used by entry `{cut}`")
        );
    }
}
