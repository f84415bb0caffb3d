//! A seeded synthetic catalog: realistic entries (two locales, hints, aliases,
//! a billing flag that changed on a date) in any number, so every benchmark and
//! every large-catalog test can be reproduced from its parameters alone.
//!
//! Shared by `examples/synth.rs` (the command line), `benches/` and the tests
//! through `#[path]`, so the three always build the same catalog.

use std::fmt::Write;

/// What to generate. `Default` is the shape of the 50,000-code figure
/// divided by 20: one set of 2,000 entries, every fourth with an alias.
#[derive(Debug, Clone)]
pub struct Shape {
    pub sets: usize,
    pub entries_per_set: usize,
    /// Every `alias_every`-th entry has a second code; 0 for none.
    pub alias_every: usize,
    /// 1 to 3 locales: zh-CN, en, ja.
    pub locales: usize,
    /// Every `hint_every`-th entry has a handling hint; 0 for none.
    pub hint_every: usize,
    /// Every `change_every`-th entry stopped being billed on 2021-07-19; 0 for none.
    pub change_every: usize,
    pub seed: u64,
}

impl Default for Shape {
    fn default() -> Self {
        Shape {
            sets: 1,
            entries_per_set: 2000,
            alias_every: 4,
            locales: 2,
            hint_every: 2,
            change_every: 5,
            seed: 1,
        }
    }
}

impl Shape {
    /// Every code the catalog will hold: entries plus aliases.
    pub fn code_count(&self) -> usize {
        let aliases = if self.alias_every == 0 {
            0
        } else {
            self.entries_per_set.div_ceil(self.alias_every)
        };
        self.sets * (self.entries_per_set + aliases)
    }
}

/// SplitMix64: a few lines, deterministic on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn pick<'a>(&mut self, words: &[&'a str]) -> &'a str {
        words[(self.next() % words.len() as u64) as usize]
    }
}

const NOUNS: &[&str] = &[
    "Face",
    "Liveness",
    "Identity",
    "Card",
    "Photo",
    "Video",
    "Token",
    "Session",
    "Device",
    "Camera",
    "Network",
    "Request",
    "Signature",
    "Account",
    "Quota",
    "Image",
    "Voice",
    "Light",
];
const FAULTS: &[&str] = &[
    "Failed",
    "Timeout",
    "Mismatch",
    "Invalid",
    "Expired",
    "Missing",
    "Rejected",
    "Blocked",
    "Unsupported",
    "TooLarge",
    "TooDark",
    "Blurred",
    "Busy",
    "Denied",
];
const ZH: &[&str] = &[
    "人脸比对失败",
    "活体检测未通过",
    "身份证信息有误",
    "请求超时，请稍后重试",
    "视频文件过大",
    "光线太暗，请调整环境",
    "网络异常",
    "签名校验失败",
    "账户余额不足",
    "设备不支持",
    "图片模糊，请重新拍摄",
    "会话已过期",
    "参数缺失",
    "操作过于频繁",
];
const EN: &[&str] = &[
    "face comparison failed",
    "liveness check did not pass",
    "the identity card data is wrong",
    "the request timed out, try again later",
    "the video file is too large",
    "the light is too dark, adjust the environment",
    "network error",
    "signature verification failed",
    "insufficient account balance",
    "device not supported",
    "the photo is blurred, take it again",
    "the session has expired",
    "a parameter is missing",
    "too many operations",
];
const JA: &[&str] = &[
    "顔の照合に失敗しました",
    "生体検知に失敗しました",
    "ネットワークエラー",
    "署名の検証に失敗しました",
    "リクエストがタイムアウトしました",
    "写真がぼやけています",
];
const ZH_HINTS: &[&str] = &[
    "请检查传入参数",
    "请联系技术支持",
    "请引导用户重试",
    "请稍后重试",
];
const EN_HINTS: &[&str] = &[
    "check the parameters passed in",
    "contact technical support",
    "ask the user to retry",
    "retry later",
];
const JA_HINTS: &[&str] = &["パラメータを確認してください", "サポートに連絡してください"];

const LOCALES: &[&str] = &["zh-CN", "en", "ja"];

/// The catalog text for `shape`; the same shape always gives the same bytes.
pub fn catalog(shape: &Shape) -> String {
    let mut rng = Rng(shape.seed);
    let locales = &LOCALES[..shape.locales.clamp(1, LOCALES.len())];
    let text = |out: &mut String, rng: &mut Rng, tables: [&[&str]; 3], suffix: usize| {
        out.push('{');
        for (i, locale) in locales.iter().enumerate() {
            let sep = if i == 0 { " " } else { ", " };
            let _ = write!(
                out,
                "{sep}{locale} = \"{} ({suffix})\"",
                rng.pick(tables[i])
            );
        }
        out.push_str(" }");
    };
    let fixed = |out: &mut String, words: [&str; 3]| {
        out.push('{');
        for (i, locale) in locales.iter().enumerate() {
            let sep = if i == 0 { " " } else { ", " };
            let _ = write!(out, "{sep}{locale} = \"{}\"", words[i]);
        }
        out.push_str(" }");
    };
    let mut out = String::with_capacity(shape.sets * shape.entries_per_set * 260 + 1024);
    out.push_str("# A synthetic catalog from benches/support/synth.rs.\n[targets.kotlin]\npackage = \"com.retcode.synth\"\n[targets.swift]\nmodule = \"SynthCodes\"\n[catalog]\nname = \"synth-codes\"\nversion = \"1.0.0\"\ntitle = ");
    fixed(
        &mut out,
        ["合成返回码", "Synthetic return codes", "合成コード"],
    );
    out.push_str("\nlocales = [");
    for (i, locale) in locales.iter().enumerate() {
        let _ = write!(out, "{}\"{locale}\"", if i == 0 { "" } else { ", " });
    }
    out.push_str("]\ndate_zone = \"Asia/Shanghai\"\nyes = ");
    fixed(&mut out, ["是", "Yes", "はい"]);
    out.push_str("\nno = ");
    fixed(&mut out, ["否", "No", "いいえ"]);
    out.push_str("\nunknown_code = ");
    fixed(
        &mut out,
        [
            "未知返回码 {code}",
            "Unknown return code {code}",
            "不明なコード {code}",
        ],
    );
    out.push_str("\n\n[[section]]\nid = \"main\"\ntitle = ");
    fixed(&mut out, ["返回码", "Return codes", "コード"]);
    out.push('\n');
    for set in 0..shape.sets {
        let base = (set as i64 + 1) * 1_000_000;
        let code = |entry: usize| base + entry as i64 * 2;
        let _ = write!(
            out,
            "\n[[set]]\nname = \"Synth{set}Code\"\nsection = \"main\"\nkey = \"int\"\nerror = true\ncode_label = "
        );
        fixed(&mut out, ["返回码", "Code", "コード"]);
        out.push_str("\nmessage_label = ");
        fixed(&mut out, ["含义", "Meaning", "意味"]);
        if shape.hint_every > 0 {
            out.push_str("\nhint_label = ");
            fixed(&mut out, ["处理措施", "Handling", "対処"]);
        }
        out.push_str("\n\n[[set.attribute]]\nname = \"billable\"\ntype = \"bool\"\ndefault = false\nlabel = ");
        fixed(&mut out, ["是否收费", "Billed", "課金"]);
        out.push('\n');
        if shape.change_every > 0 && shape.entries_per_set > 0 {
            out.push_str("\n[[set.change]]\nattribute = \"billable\"\neffective = 2021-07-19\nbefore = true\ncodes = [");
            let changed = (0..shape.entries_per_set).step_by(shape.change_every);
            for (i, entry) in changed.enumerate() {
                let _ = write!(out, "{}{}", if i == 0 { "" } else { ", " }, code(entry));
            }
            out.push_str("]\nnotice = ");
            fixed(
                &mut out,
                [
                    "2021年7月19日起不再计费",
                    "Not billed from 2021-07-19",
                    "2021-07-19 から課金なし",
                ],
            );
            out.push('\n');
        }
        for entry in 0..shape.entries_per_set {
            let name = format!("{}{}{entry}", rng.pick(NOUNS), rng.pick(FAULTS));
            let _ = write!(
                out,
                "\n[[set.entry]]\nname = \"{name}\"\ncodes = [{}",
                code(entry)
            );
            if shape.alias_every > 0 && entry % shape.alias_every == 0 {
                let _ = write!(out, ", {}", code(entry) + 1);
            }
            out.push_str("]\nmessage = ");
            text(&mut out, &mut rng, [ZH, EN, JA], entry);
            out.push('\n');
            if shape.hint_every > 0 && entry % shape.hint_every == 0 {
                out.push_str("hint = ");
                text(&mut out, &mut rng, [ZH_HINTS, EN_HINTS, JA_HINTS], entry);
                out.push('\n');
            }
            // Billed: the changed ones (billed before the change, not since) and every third.
            let changed = shape.change_every > 0 && entry % shape.change_every == 0;
            if !changed && entry % 3 == 0 {
                out.push_str("billable = true\n");
            }
        }
    }
    out
}

/// Two more sets for the limits of one set and one entry, to append to
/// [`catalog`] of the same `shape`: `SynthTagCode`, string-keyed, whose entries
/// (1,000 codes each, the most an entry may have) hold `aliases` codes of 30 characters (ASCII, `é`, `中` and the surrogate pair
/// `𝄞`: 38 bytes of modified UTF-8 each, so 20,000 of them are 760,000 bytes,
/// far over the 65,535 one JVM string constant holds), and `SynthEmptyCode`,
/// an error set without entries.
#[allow(dead_code)] // used by the tests, not by the example or the benches
pub fn edge_sets(shape: &Shape, aliases: usize) -> String {
    let locales = &LOCALES[..shape.locales.clamp(1, LOCALES.len())];
    let fixed = |words: [&str; 3]| {
        let parts: Vec<String> = locales
            .iter()
            .zip(words)
            .map(|(l, w)| format!("{l} = \"{w}\""))
            .collect();
        format!("{{ {} }}", parts.join(", "))
    };
    let labels = format!(
        "code_label = {}\nmessage_label = {}\n",
        fixed(["标签", "Tag", "タグ"]),
        fixed(["含义", "Meaning", "意味"])
    );
    let mut out = format!(
        "\n[[set]]\nname = \"SynthEmptyCode\"\nsection = \"main\"\nkey = \"int\"\nerror = true\n{labels}entry = []\n"
    );
    let _ = write!(
        out,
        "\n[[set]]\nname = \"SynthTagCode\"\nsection = \"main\"\nkey = \"string\"\nfield = \"tag\"\n{labels}"
    );
    // An entry holds at most 1,000 codes (`MAX_CODES_PER_ENTRY`).
    for i in 0..aliases {
        if i % 1000 == 0 {
            if i > 0 {
                let _ = writeln!(
                    out,
                    "]\nmessage = {}",
                    fixed(["多个标签", "Many tags", "多くのタグ"])
                );
            }
            let _ = write!(
                out,
                "\n[[set.entry]]\nname = \"ManyTags{}\"\ncodes = [",
                i / 1000
            );
        } else {
            out.push_str(", ");
        }
        let _ = write!(out, "\"tag-{i:06}-é中𝄞-long-alias-code\"");
    }
    if aliases > 0 {
        let _ = writeln!(
            out,
            "]\nmessage = {}",
            fixed(["多个标签", "Many tags", "多くのタグ"])
        );
    }
    out
}

/// The most a catalog may hold of locales times enum values: 100 locales
/// (`MAX_LOCALES`) and an enum of 500 values (`MAX_ENUM_VALUES`), every label
/// different, the first 300 characters long (so the label tables come in
/// chunks of 66 values), the others with CJK and a surrogate pair. One label
/// per locale in each constant's constructor call put 50,000 literals in the
/// enum's static initializer, past the JVM's 64 KB method limit
/// (`tests/large.rs` compiles it and reads every label back). A small error set
/// uses the enum in an enum and a list attribute.
#[allow(dead_code)] // used by the tests, not by the example or the benches
pub fn locales_catalog() -> String {
    // The caps of src/validate (`meta.rs`, `sets.rs`), not exported.
    const MAX_LOCALES: usize = 100;
    const MAX_ENUM_VALUES: usize = 500;
    let mut locales = vec!["en".to_string()];
    for a in b'a'..=b'z' {
        for b in b'a'..=b'z' {
            let tag = format!("{}{}", a as char, b as char);
            if locales.len() < MAX_LOCALES && tag != "en" {
                locales.push(tag);
            }
        }
    }
    let text = |f: &dyn Fn(&str) -> String| -> String {
        let parts: Vec<String> = locales
            .iter()
            .map(|l| format!("{l} = \"{}\"", f(l)))
            .collect();
        format!("{{ {} }}", parts.join(", "))
    };
    let list: Vec<String> = locales.iter().map(|l| format!("\"{l}\"")).collect();
    let mut out = format!(
        "[targets.kotlin]\npackage = \"com.retcode.synthlocales\"\n[catalog]\nname = \"synth-locales\"\nversion = \"1.0.0\"\nlocales = [{}]\ntitle = {}\nyes = {}\nno = {}\nunknown_code = {}\n",
        list.join(", "),
        text(&|l| format!("Title {l}")),
        text(&|l| format!("Yes {l}")),
        text(&|l| format!("No {l}")),
        text(&|l| format!("Unknown {l} {{code}}")),
    );
    out.push_str("\n[[enum]]\nname = \"Colour\"\n");
    for v in 0..MAX_ENUM_VALUES {
        let label = text(&|l| {
            if v == 0 {
                format!("{l} {}end", "long label 长标签 ".repeat(20))
            } else {
                format!("Colour {v} in {l}, 颜色 {v} 𝄞")
            }
        });
        out.push_str(&format!(
            "[[enum.value]]\nname = \"Colour{v}\"\nlabel = {label}\n"
        ));
    }
    out.push_str(&format!(
        "\n[[section]]\nid = \"main\"\ntitle = {}\n\n[[set]]\nname = \"PaintCode\"\nsection = \"main\"\nkey = \"int\"\nerror = true\ncode_label = {}\nmessage_label = {}\n",
        text(&|l| format!("Main {l}")),
        text(&|l| format!("Code {l}")),
        text(&|l| format!("Message {l}")),
    ));
    out.push_str(&format!(
        "\n[[set.attribute]]\nname = \"colour\"\ntype = \"enum\"\nenum = \"Colour\"\nlabel = {}\n\n[[set.attribute]]\nname = \"colours\"\ntype = \"list\"\nenum = \"Colour\"\ndefault = []\nlabel = {}\n",
        text(&|l| format!("Colour {l}")),
        text(&|l| format!("Colours {l}")),
    ));
    for (n, colour) in [0, 250, MAX_ENUM_VALUES - 1].into_iter().enumerate() {
        out.push_str(&format!(
            "\n[[set.entry]]\nname = \"Paint{n}\"\ncodes = [{n}]\nmessage = {}\ncolour = \"Colour{colour}\"\ncolours = [\"Colour{}\", \"Colour{colour}\"]\n",
            text(&|l| format!("Paint {n} in {l}")),
            MAX_ENUM_VALUES - 1 - colour,
        ));
    }
    out
}
