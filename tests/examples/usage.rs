//! The README's Rust example. `tests/bindings` runs it with `cargo test` as an
//! integration test of the FaceID probe crate, against the freshly rendered crate.

use faceid_codes::{CatalogLocale, SdkCode, WeChatCode};

#[test]
fn readme_example() {
    // README:start
    let code = SdkCode::from_code(-5020).expect("an alias of 66660023");
    assert_eq!(code, SdkCode::AntiSpoofingFailed);
    assert_eq!(code.code(), 66660023);
    assert_eq!(
        code.message_in(CatalogLocale::En),
        "Make sure you are operating in person and your face is in the frame"
    );
    assert!(!code.is_billable());
    assert_eq!(SdkCode::from_code(12345), None); // unknown codes never panic
    assert_eq!(SdkCode::describe(12345), "未知返回码 12345");
    let photo = WeChatCode::from_code(2007).expect("known");
    assert!(photo.is_billable_on(2021, 7, 18) && !photo.is_billable_on(2021, 7, 19));
    // Locale matching: never fails, falls back to the default locale (zh-CN here).
    assert_eq!(CatalogLocale::matching("en-US"), CatalogLocale::En);
    assert_eq!(CatalogLocale::matching("zh_Hans_CN"), CatalogLocale::ZhCn);
    assert_eq!(CatalogLocale::matching("zh-TW"), CatalogLocale::ZhCn); // no Traditional Chinese here
    assert_eq!(CatalogLocale::matching("fr"), CatalogLocale::DEFAULT);
    let accept = ["fr-CA", "en-GB"]; // most preferred first
    assert_eq!(CatalogLocale::matching_any(accept), CatalogLocale::En);
    // README:end
}

#[test]
fn serde_feature_uses_the_canonical_code() {
    let json = serde_json::to_string(&SdkCode::AntiSpoofingFailed).unwrap();
    assert_eq!(json, "66660023");
    assert_eq!(
        serde_json::from_str::<SdkCode>("-5020").unwrap(),
        SdkCode::AntiSpoofingFailed
    );
    let error = serde_json::from_str::<SdkCode>("12345").unwrap_err();
    assert!(error.to_string().contains("12345"), "{error}");
}
