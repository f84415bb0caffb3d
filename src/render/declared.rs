//! The declared API ([`super::api::Api`]) expanded over one catalog: every name
//! the generated code may declare, by scope, for `tests/bindings/declared.rs`.

use std::collections::{BTreeMap, BTreeSet};

use heck::ToUpperCamelCase;

use super::naming::{AttributeNames, Oracle};
use crate::model::{AttrKind, Model};

/// Every name the generated code of `oracle`'s language may declare for
/// `model`, keyed by scope path (`""` for file level, `SdkCode`,
/// `SdkCode.Received`, …): the declaration expanded over the catalog.
pub fn declared_names(oracle: &dyn Oracle, model: &Model) -> BTreeMap<String, BTreeSet<String>> {
    let api = oracle.api();
    let mut scopes: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut add = |scope: &str, names: &mut dyn Iterator<Item = String>| {
        scopes.entry(scope.to_string()).or_default().extend(names);
    };
    let sets: Vec<(String, bool)> = model
        .sets
        .iter()
        .map(|s| (oracle.type_name(&s.name), s.is_error))
        .collect();
    let enums: Vec<String> = model
        .enums
        .iter()
        .map(|e| oracle.type_name(&e.name))
        .collect();
    add("", &mut api.file.iter().map(|n| n.to_string()));
    add("", &mut std::iter::once(api.locale_type.to_string()));
    add("", &mut sets.iter().map(|(s, _)| s.clone()));
    add("", &mut enums.iter().cloned());
    for (set, is_error) in &sets {
        add("", &mut api.companions(set, *is_error).into_iter());
    }
    add(
        api.locale_type,
        &mut api.locale_members.iter().map(|m| m.to_string()).chain(
            model
                .locales
                .iter()
                .map(|l| oracle.variant(&l.to_upper_camel_case())),
        ),
    );
    for (e, name) in model.enums.iter().zip(&enums) {
        add(
            name,
            &mut api
                .enum_members
                .iter()
                .map(|m| m.to_string())
                .chain(e.values.iter().map(|v| oracle.variant(&v.name))),
        );
    }
    for (set, (name, _)) in model.sets.iter().zip(&sets) {
        let mut members: Vec<String> = api.set_members.iter().map(|m| m.to_string()).collect();
        members.extend(set.entries.iter().map(|e| oracle.variant(&e.name)));
        for attribute in &set.attributes {
            let names = AttributeNames::new(
                oracle,
                &attribute.name,
                attribute.kind == AttrKind::Bool,
                attribute.kind == AttrKind::Text,
                attribute.has_changes,
            );
            members.extend(
                oracle
                    .attribute_members(&names)
                    .into_iter()
                    .map(String::from),
            );
            members.extend(
                api.attribute_private
                    .iter()
                    .map(|p| p.replace("{attr}", bare(&names.accessor))),
            );
        }
        members.extend(api.set_trait_items.iter().map(|m| m.to_string()));
        add(name, &mut members.into_iter());
    }
    for helper in api.helpers {
        let members: Vec<String> = helper
            .members
            .iter()
            .flat_map(|m| {
                if m.contains("{set_lower}") {
                    sets.iter()
                        .map(|(s, _)| m.replace("{set_lower}", &s.to_lowercase()))
                        .collect()
                } else {
                    vec![m.to_string()]
                }
            })
            .collect();
        for scope in expand(helper.scope, &sets, &enums, api.locale_type) {
            add(&scope, &mut members.iter().cloned());
            // `{entry}`: every entry's case, in a helper of its set.
            if helper.members.contains(&"{entry}") {
                let set = model
                    .sets
                    .iter()
                    .zip(&sets)
                    .find(|(_, (name, _))| scope.split('.').next() == Some(name.as_str()));
                if let Some((set, _)) = set {
                    add(
                        &scope,
                        &mut set.entries.iter().map(|e| oracle.variant(&e.name)),
                    );
                }
            }
        }
    }
    scopes
}

/// A helper's scope path for every type its placeholder stands for.
fn expand(scope: &str, sets: &[(String, bool)], enums: &[String], locale: &str) -> Vec<String> {
    let each = |placeholder: &str, names: &mut dyn Iterator<Item = &String>| -> Vec<String> {
        names.map(|n| scope.replace(placeholder, n)).collect()
    };
    if scope.contains("{set}") {
        each("{set}", &mut sets.iter().map(|(s, _)| s))
    } else if scope.contains("{error_set}") {
        each(
            "{error_set}",
            &mut sets.iter().filter(|(_, e)| *e).map(|(s, _)| s),
        )
    } else if scope.contains("{enum}") {
        each("{enum}", &mut enums.iter())
    } else {
        vec![scope.replace("{locale}", locale)]
    }
}

/// A name without its escape (`r#type`, `` `class` ``), as it reads inside a
/// longer private name.
fn bare(name: &str) -> &str {
    let name = name.strip_prefix("r#").unwrap_or(name);
    name.strip_prefix('`')
        .and_then(|n| n.strip_suffix('`'))
        .unwrap_or(name)
}
