//! The FaceID catalog says everything its source document says.
//!
//! The source (tests/source/faceid-return-codes.zh-CN.md, a copy of the document
//! the catalog was written from) is parsed here table by table and every row is
//! compared with codes.toml: codes and aliases, zh-CN message, hint, billing.

use std::fs;
use std::path::Path;

use retcode::model::{AttrKind, Code, CodeSet, Date, Model, Value};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn model() -> Model {
    retcode::load(&root().join("codes.toml")).unwrap_or_else(|e| panic!("{e}"))
}

fn source() -> String {
    fs::read_to_string(root().join("tests/source/faceid-return-codes.zh-CN.md")).unwrap()
}

fn set<'m>(model: &'m Model, name: &str) -> &'m CodeSet {
    model
        .sets
        .iter()
        .find(|s| s.name == name)
        .unwrap_or_else(|| panic!("no set {name}"))
}

/// A source cell as the catalog stores it: `<br>` as a line break, lines trimmed.
fn normalize(cell: &str) -> String {
    cell.replace("<br>", "\n")
        .lines()
        .map(str::trim)
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string()
}

/// The rows of the pipe tables between two headings, split into cells.
fn rows_between(text: &str, from: &str, to: &str) -> Vec<Vec<String>> {
    let start = text
        .find(from)
        .unwrap_or_else(|| panic!("no heading {from}"));
    let end = text[start..].find(to).map_or(text.len(), |i| start + i);
    text[start..end]
        .lines()
        .filter(|l| l.trim_start().starts_with('|'))
        .map(|l| {
            l.trim()
                .trim_start_matches('|')
                .split('|')
                .map(normalize)
                .collect::<Vec<_>>()
        })
        .filter(|cells| {
            cells[0].starts_with(|c: char| c.is_ascii_digit() || c == '-')
                && !cells[0].starts_with("--")
        })
        .collect()
}

fn billable(set: &CodeSet, entry: usize) -> bool {
    let index = set
        .attributes
        .iter()
        .position(|a| a.name == "billable")
        .unwrap();
    set.entries[entry].values[index].current == Value::Bool(true)
}

fn entry_index(set: &CodeSet, code: i32) -> usize {
    set.lookup
        .iter()
        .find(|(c, _)| *c == Code::Int(code))
        .unwrap_or_else(|| panic!("{}: no entry for code {code}", set.name))
        .1
}

#[test]
fn every_wechat_row_is_in_the_catalog() {
    let model = model();
    let set = set(&model, "WeChatCode");
    let rows = rows_between(&source(), "## 微信 H5/小程序/E证通返回码", "## App SDK");
    assert_eq!(rows.len(), 67);
    assert_eq!(set.entries.len(), 67);
    for row in &rows {
        let code: i32 = row[0].parse().unwrap();
        let i = entry_index(set, code);
        let entry = &set.entries[i];
        assert_eq!(entry.codes, vec![Code::Int(code)]);
        assert_eq!(entry.message.get("zh-CN"), row[1], "message of {code}");
        assert!(!entry.message.get("en").is_empty());
        assert_eq!(billable(set, i), row[2] == "是", "billing of {code}");
    }
}

#[test]
fn every_sdk_row_is_in_the_catalog_with_its_aliases() {
    let model = model();
    let set = set(&model, "SdkCode");
    let rows = rows_between(&source(), "## App SDK", "## 增强级 riskinfo");
    assert_eq!(rows.len(), 116);
    assert_eq!(set.entries.len(), 116);
    let mut codes = 0;
    for (row, entry) in rows.iter().zip(&set.entries) {
        let row_codes: Vec<Code> = row[0]
            .split('/')
            .map(|c| Code::Int(c.trim().parse().unwrap()))
            .collect();
        codes += row_codes.len();
        assert_eq!(entry.codes, row_codes, "codes of {}", entry.name);
        assert_eq!(entry.message.get("zh-CN"), row[1], "message of {}", row[0]);
        match &entry.hint {
            None => assert_eq!(row[2], "-", "hint of {}", row[0]),
            Some(hint) => assert_eq!(hint.get("zh-CN"), row[2], "hint of {}", row[0]),
        }
        let i = entry_index(
            set,
            match row_codes[0] {
                Code::Int(n) => n,
                _ => unreachable!(),
            },
        );
        assert_eq!(billable(set, i), row[3] == "是", "billing of {}", row[0]);
    }
    assert_eq!(codes, 150);
    assert_eq!(set.lookup.len(), 150);
}

#[test]
fn six_rows_are_billable() {
    let model = model();
    let billed: Vec<String> = ["WeChatCode", "SdkCode"]
        .iter()
        .flat_map(|name| {
            let set = set(&model, name);
            (0..set.entries.len())
                .filter(|&i| billable(set, i))
                .map(|i| format!("{name}::{}", set.entries[i].name))
                .collect::<Vec<_>>()
        })
        .collect();
    assert_eq!(
        billed,
        [
            "WeChatCode::Success",
            "WeChatCode::NameIdMismatch",
            "WeChatCode::SimilarityBelowThreshold",
            "SdkCode::VerificationPassed",
            "SdkCode::NotSamePerson",
            "SdkCode::NameIdMismatch",
        ]
    );
}

#[test]
fn billing_changed_on_2021_07_19_china_standard_time() {
    let model = model();
    assert_eq!(model.date_zone.as_deref(), Some("Asia/Shanghai"));
    let set = set(&model, "WeChatCode");
    let billable_index = set
        .attributes
        .iter()
        .position(|a| a.name == "billable")
        .unwrap();
    let before = Date {
        year: 2021,
        month: 7,
        day: 18,
    };
    let on = Date {
        year: 2021,
        month: 7,
        day: 19,
    };
    let changed = [2007, 2009, 2010, 2011, 2012, 2013, 2014, 2015];
    for entry in &set.entries {
        let Code::Int(code) = entry.codes[0] else {
            unreachable!()
        };
        let value = &entry.values[billable_index];
        if changed.contains(&code) {
            assert_eq!(
                value.on(before),
                &Value::Bool(true),
                "{code} was billed before"
            );
            assert_eq!(
                value.on(on),
                &Value::Bool(false),
                "{code} is not billed from the date"
            );
        } else {
            assert_eq!(value.on(before), value.on(on), "{code} did not change");
        }
    }
    assert_eq!(set.changes.len(), 1);
    assert!(
        set.changes[0]
            .notice
            .as_ref()
            .unwrap()
            .get("zh-CN")
            .starts_with("2021年7月19日起")
    );
}

#[test]
fn risk_levels_and_tags_are_complete() {
    let model = model();
    let device = set(&model, "DeviceRiskLevel");
    let identity = set(&model, "IdentityRiskLevel");
    let blocked = |set: &CodeSet| -> Vec<String> {
        let index = set
            .attributes
            .iter()
            .position(|a| a.name == "blocked")
            .unwrap();
        set.entries
            .iter()
            .filter(|e| e.values[index].current == Value::Bool(true))
            .map(|e| e.codes[0].to_string())
            .collect()
    };
    assert_eq!(device.lookup.len(), 5);
    assert_eq!(blocked(device), ["3", "4"]);
    assert_eq!(identity.lookup.len(), 6);
    assert_eq!(blocked(identity), ["5"]);

    let tags = set(&model, "DeviceRiskTag");
    let codes: Vec<String> = tags
        .entries
        .iter()
        .map(|e| {
            e.codes
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("/")
        })
        .collect();
    assert_eq!(
        codes,
        ["202/5001", "203/5004", "205", "206", "5007/1005", "8000"]
    );
    let platforms = tags
        .attributes
        .iter()
        .position(|a| a.name == "platforms")
        .unwrap();
    let AttrKind::List(platform_enum) = tags.attributes[platforms].kind else {
        panic!("platforms is a list")
    };
    let android_only: Vec<&str> = tags
        .entries
        .iter()
        .filter(|e| {
            matches!(&e.values[platforms].current, Value::List(v) if v.len() == 1 && v[0].index == 0)
        })
        .map(|e| e.name.as_str())
        .collect();
    assert_eq!(model.enums[platform_enum].values[0].name, "Android");
    assert_eq!(android_only, ["HookedDevice", "VirtualEnvironment"]);
    assert!(
        tags.entries[5]
            .note
            .as_ref()
            .unwrap()
            .get("zh-CN")
            .contains("IMEI 篡改、OAID 篡改、IMSI 篡改")
    );

    let identity_tags = set(&model, "IdentityRiskTag");
    assert_eq!(identity_tags.entries.len(), 20);
    let category = identity_tags
        .attributes
        .iter()
        .position(|a| a.name == "category")
        .unwrap();
    let attack: Vec<String> = identity_tags
        .entries
        .iter()
        .filter(|e| matches!(&e.values[category].current, Value::Enum(v) if v.index == 0))
        .map(|e| e.codes[0].to_string())
        .collect();
    let source = source();
    let attack_row = source.lines().find(|l| l.contains("攻击风险")).unwrap();
    let expected: Vec<String> = attack_row
        .split('|')
        .nth(1)
        .unwrap()
        .replace("<br>", "、")
        .split('、')
        .map(|s| s.trim().to_string())
        .collect();
    assert_eq!(attack, expected);
    assert_eq!(
        identity_tags.find(&Code::Str("02".into())).unwrap().name,
        "AttackRisk02"
    );
    assert!(
        identity_tags.find(&Code::Str("2".into())).is_none(),
        "tags are strings: \"02\", not 2"
    );
}

#[test]
fn json_export_holds_the_same_counts() {
    let text = fs::read_to_string(root().join("generated/json/faceid-codes.json")).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let sets = json["sets"].as_array().unwrap();
    let entries = |name: &str| {
        sets.iter().find(|s| s["name"] == name).unwrap()["entries"]
            .as_array()
            .unwrap()
            .clone()
    };
    assert_eq!(entries("WeChatCode").len(), 67);
    let sdk = entries("SdkCode");
    assert_eq!(sdk.len(), 116);
    assert_eq!(
        sdk.iter()
            .map(|e| e["codes"].as_array().unwrap().len())
            .sum::<usize>(),
        150
    );
    assert_eq!(entries("DeviceRiskTag").len(), 6);
    assert_eq!(entries("IdentityRiskTag").len(), 20);
    let changed = entries("WeChatCode")
        .into_iter()
        .find(|e| e["codes"][0] == 2007)
        .unwrap();
    assert_eq!(
        changed["attributes"]["billable"]["history"][0]["until"],
        "2021-07-19"
    );
    assert_eq!(
        changed["attributes"]["billable"]["history"][0]["value"],
        true
    );
}

#[test]
fn markdown_docs_show_aliases_and_the_notice() {
    // A code cell: each code after its anchor (`DeviceRiskTag_202`: 202 is a
    // WeChat code first), joined by the locale's separator.
    let cell = |separator: &str, codes: &[(&str, &str)]| {
        let codes: Vec<String> = codes
            .iter()
            .map(|(id, code)| format!("<a id=\"{id}\"></a>`{code}`"))
            .collect();
        format!("| {} |", codes.join(separator))
    };
    for (locale, separator) in [("zh-CN", "、"), ("en", ", ")] {
        let doc =
            fs::read_to_string(root().join(format!("generated/docs/faceid-codes.{locale}.md")))
                .unwrap();
        let plain = |codes: &[&str]| {
            cell(
                separator,
                &codes.iter().map(|c| (*c, *c)).collect::<Vec<_>>(),
            )
        };
        assert!(doc.contains(&plain(&["400103", "400104"])), "{locale}");
        assert!(
            doc.contains(&plain(&[
                "-5016", "66660006", "66660014", "-15506", "-15507", "-15508", "-15509", "-15510"
            ])),
            "{locale}"
        );
        assert!(
            doc.contains(&cell(
                separator,
                &[("DeviceRiskTag_202", "202"), ("5001", "5001")]
            )),
            "{locale}"
        );
        assert!(
            doc.contains("> 2021") || doc.contains("> From July 19, 2021"),
            "{locale}"
        );
    }
}
