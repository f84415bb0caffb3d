//! `retcode explain` through the binary, against the real catalog: both output
//! formats as snapshots, exit statuses, and the dated billing change checked
//! against the source document rather than against retcode's own output.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn retcode(args: &[&str]) -> Command {
    let mut cmd = Command::cargo_bin("retcode").unwrap();
    cmd.current_dir(root()).arg("explain").args(args);
    cmd
}

fn stdout(args: &[&str]) -> String {
    let out = retcode(args).assert().success().get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}

fn json(args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    serde_json::from_str(&stdout(&all)).unwrap()
}

/// Human and JSON output of one query, each as a snapshot.
fn snapshot_both(name: &str, args: &[&str]) {
    insta::assert_snapshot!(format!("{name}_human"), stdout(args));
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    insta::assert_snapshot!(format!("{name}_json"), stdout(&all));
}

fn set_names(explanation: &Value) -> Vec<&str> {
    explanation["matches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["set"]["name"].as_str().unwrap())
        .collect()
}

/// -5208 is an alias of the SDK entry whose canonical code is -5014; a negative
/// code needs no `--`.
#[test]
fn alias_code() {
    snapshot_both("alias", &["-5208"]);
    let e = json(&["-5208"]);
    assert_eq!(set_names(&e), ["SdkCode"]);
    let entry = &e["matches"][0]["entry"];
    assert_eq!(entry["name"], "InvalidLivenessParameters");
    assert_eq!(
        entry["codes"],
        serde_json::json!([
            { "code": -5014, "canonical": true, "matched": false },
            { "code": -5208, "canonical": false, "matched": true },
        ])
    );
}

/// A retired code explains as retired with its former meaning, exit 0; a
/// deprecated alias and a deprecated entry show their deprecation.
#[test]
fn retired_and_deprecated_codes() {
    snapshot_both(
        "retired",
        &["--catalog", "tests/fixtures/basic.toml", "404"],
    );
    snapshot_both(
        "deprecated_alias",
        &["--catalog", "tests/fixtures/basic.toml", "-5025"],
    );
    snapshot_both(
        "deprecated_entry",
        &["--catalog", "tests/fixtures/basic.toml", "-2147483648"],
    );
    let e = json(&["--catalog", "tests/fixtures/basic.toml", "404"]);
    assert_eq!(e["matches"], serde_json::json!([]));
    assert_eq!(e["retired"][0]["set"], "ApiCode");
}

/// Identity risk tags are string-keyed: `01` is that tag, not the integer 1
/// (which several int-keyed sets hold).
#[test]
fn string_keyed_tag() {
    snapshot_both("string_tag", &["01"]);
    let e = json(&["01"]);
    assert_eq!(set_names(&e), ["IdentityRiskTag"]);
    assert_eq!(e["matches"][0]["entry"]["codes"][0]["code"], "01");
    assert_eq!(
        e["matches"][0]["attributes"][0]["value"]["value"],
        "GeneralBusinessRisk"
    );
    assert_eq!(
        set_names(&json(&["1"])),
        ["WeChatCode", "DeviceRiskLevel", "IdentityRiskLevel"]
    );
}

/// 202 is a WeChat return code and a device risk tag (whose alias is 5001).
#[test]
fn code_in_two_sets() {
    snapshot_both("two_sets", &["202"]);
    let e = json(&["202"]);
    assert_eq!(set_names(&e), ["WeChatCode", "DeviceRiskTag"]);
    assert_eq!(e["matches"][0]["entry"]["name"], "VideoFetchFailed");
    assert_eq!(e["matches"][1]["entry"]["name"], "RootedDevice");
}

#[test]
fn set_restricts_the_search() {
    let e = json(&["202", "--set", "DeviceRiskTag"]);
    assert_eq!(set_names(&e), ["DeviceRiskTag"]);
    insta::assert_snapshot!(
        "set_restricted_human",
        stdout(&["202", "--set", "DeviceRiskTag"])
    );
    // A set that does not hold the code: exit 1, naming the sets that do.
    retcode(&["202", "--set", "SdkCode"])
        .assert()
        .code(1)
        .stdout("")
        .stderr("code 202 is not in set SdkCode; it is in WeChatCode, DeviceRiskTag\n");
}

#[test]
fn unknown_code_exits_1() {
    for format in ["human", "json"] {
        retcode(&["9999", "--format", format])
            .assert()
            .code(1)
            .stdout("")
            .stderr(
                "code 9999 is not in the catalog (looked in WeChatCode, SdkCode, \
                 DeviceRiskLevel, IdentityRiskLevel, DeviceRiskTag, IdentityRiskTag)\n",
            );
    }
    retcode(&["abc"]).assert().code(1).stderr(
        "code abc is not in the catalog (looked in IdentityRiskTag); it is not a plain \
         integer such as 5 or -5208, so int-keyed sets were not searched\n",
    );
}

#[test]
fn unknown_set_exits_2_with_the_sets() {
    retcode(&["202", "--set", "WechatCode"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            "no set named `WechatCode` in the catalog (did you mean `WeChatCode`?); sets: \
             WeChatCode, SdkCode, DeviceRiskLevel, IdentityRiskLevel, DeviceRiskTag, \
             IdentityRiskTag\n",
        );
    retcode(&["202", "--set", "Nope"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean").not())
        .stderr(predicate::str::contains("sets: WeChatCode, SdkCode,"));
}

#[test]
fn bad_arguments_exit_2() {
    retcode(&["2007", "--date", "2021-02-29"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "`2021-02-29` is not a calendar date",
        ));
    retcode(&["2007", "--format", "xml"]).assert().code(2);
    retcode(&[]).assert().code(2);
}

/// The source document (tests/source/, the service's return-code page) says
/// from 2021-07-19 these codes change from billed to not billed. Its table
/// lists 2006 and 2016 as billed (是) and 2008 as not billed (否), untouched by
/// the change.
const SOURCE_NOTICE: &str = "2021年7月19日起，微信原生H5、微信小程序、E证通的错误码中：\
    2007、2009、2010、2011、2012、2013、2014和2015将由原来的计费改为不计费";

#[test]
fn billing_follows_the_date() {
    let source =
        std::fs::read_to_string(root().join("tests/source/faceid-return-codes.zh-CN.md")).unwrap();
    assert!(source.contains(SOURCE_NOTICE));
    for row in [
        "| 2006   | 姓名和身份证号不一致，请核实后重试         | 是",
        "| 2008   | 客户库自建库或认证中心返照失败，请稍后再试 | 否",
        "| 2016   | 比对相似度未达到通过标准                   | 是",
    ] {
        assert!(source.contains(row), "{row}");
    }
    snapshot_both("billing_2021_07_18", &["2007", "--date", "2021-07-18"]);
    snapshot_both("billing_2021_07_19", &["2007", "--date", "2021-07-19"]);
    let billable = |code: &str, date: &str| {
        let e = json(&[code, "--set", "WeChatCode", "--date", date]);
        let attribute = &e["matches"][0]["attributes"][0];
        assert_eq!(attribute["name"], "billable");
        attribute["value"]["value"].as_bool().unwrap()
    };
    for code in [
        "2007", "2009", "2010", "2011", "2012", "2013", "2014", "2015",
    ] {
        assert!(
            billable(code, "2021-07-18"),
            "{code} was billed before 2021-07-19"
        );
        assert!(
            !billable(code, "2021-07-19"),
            "{code} is not billed from 2021-07-19"
        );
    }
    for (code, billed) in [("2006", true), ("2008", false), ("2016", true)] {
        for date in ["2021-07-18", "2021-07-19"] {
            assert_eq!(billable(code, date), billed, "{code} on {date}");
        }
    }
    // Without --date: the current value, with the change and its notice in every locale.
    let e = json(&["2007"]);
    assert_eq!(e["date"], Value::Null);
    let m = &e["matches"][0];
    assert_eq!(m["attributes"][0]["value"]["value"], false);
    assert_eq!(m["attributes"][0]["history"][0]["until"], "2021-07-19");
    assert_eq!(m["attributes"][0]["history"][0]["value"]["value"], true);
    let change = &m["changes"][0];
    assert_eq!(change["effective"], "2021-07-19");
    assert_eq!(change["in_effect"], Value::Null);
    assert!(
        change["notice"]["zh-CN"]
            .as_str()
            .unwrap()
            .starts_with("2021年7月19日起")
    );
    assert!(
        change["notice"]["en"]
            .as_str()
            .unwrap()
            .starts_with("From July 19, 2021")
    );
    // A code the change does not list shows no change.
    assert_eq!(
        json(&["2008"])["matches"][0]["changes"],
        serde_json::json!([])
    );
}

/// The documented JSON shape: a snapshot of the schema, and every key of a
/// real answer is one the schema declares.
#[test]
fn json_schema() {
    let schema = retcode::explain::json_schema();
    insta::assert_snapshot!("json_schema", schema);
    let schema: Value = serde_json::from_str(&schema).unwrap();
    let top: Vec<&String> = schema["properties"].as_object().unwrap().keys().collect();
    let e = json(&["202"]);
    let keys: Vec<&String> = e.as_object().unwrap().keys().collect();
    assert_eq!(keys.len(), top.len());
    for key in keys {
        assert!(top.contains(&key), "{key} is not in the schema");
    }
}

/// The README's example is the real output, and its claims about which sets
/// hold a code hold.
#[test]
fn readme_example_is_the_real_output() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let command = "```sh\nretcode explain 2007 --date 2021-07-18\n```\n\n```text\n";
    let start = readme.find(command).expect("the README's explain example") + command.len();
    let example = &readme[start..start + readme[start..].find("```").unwrap()];
    assert_eq!(example, stdout(&["2007", "--date", "2021-07-18"]));
    assert_eq!(
        set_names(&json(&["0"])),
        [
            "WeChatCode",
            "SdkCode",
            "DeviceRiskLevel",
            "IdentityRiskLevel"
        ]
    );
    // `05` is a string tag only; the integer 5 is in other sets.
    assert_eq!(set_names(&json(&["05"])), ["IdentityRiskTag"]);
    assert_eq!(
        set_names(&json(&["5"])),
        ["WeChatCode", "IdentityRiskLevel"]
    );
}

/// `--locale` picks one catalog locale by the bindings' matching rule: a regional
/// English tag gets the English texts only, a Traditional Chinese tag the catalog's
/// Simplified Chinese (it has no `zh-TW`), an unknown language the default (zh-CN).
#[test]
fn locale_tags_pick_one_catalog_locale() {
    let english = "The database has no photo of this user";
    let chinese = "库中无此用户照片";
    for (tag, shown, hidden) in [
        ("en-US", english, chinese),
        ("en_GB", english, chinese),
        ("zh-Hant-TW", chinese, english),
        ("fr", chinese, english),
    ] {
        retcode(&["2007", "--locale", tag])
            .assert()
            .success()
            .stdout(predicate::str::contains(shown))
            .stdout(predicate::str::contains(hidden).not());
    }
}

/// A control character in a catalog text (ESC could restyle or move the terminal)
/// reaches neither `explain` nor `diff` output raw: it is shown as an escape.
#[test]
fn control_characters_in_texts_reach_the_terminal_escaped() {
    let text = fs::read_to_string(root().join("codes.toml")).unwrap();
    let from = "en = \"The database has no photo";
    assert!(text.contains(from));
    let edited = text
        .replacen(from, "en = \"The database\\u001b[2J has no photo", 1)
        .replacen("库中无此用户照片，", "库中无此用户照片\\u001b[2J，", 1);
    let dir = tempfile::tempdir().unwrap();
    let catalog = dir.path().join("codes.toml");
    fs::write(&catalog, &edited).unwrap();
    let explained = retcode(&["2007", "--catalog", catalog.to_str().unwrap()])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let diffed = Command::cargo_bin("retcode")
        .unwrap()
        .current_dir(root())
        .args(["diff", "codes.toml", catalog.to_str().unwrap()])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    for output in [explained, diffed] {
        let output = String::from_utf8(output).unwrap();
        assert!(!output.contains('\u{1b}'), "{output}");
        assert!(output.contains("\\u{1b}[2J"), "{output}");
    }
}
