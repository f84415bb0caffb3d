//! The README's Rust example. `tests/bindings` runs it with `cargo test` as an
//! integration test of the FaceID probe crate, against the freshly rendered crate.

use faceid_codes::{CatalogLocale, Code, SdkCode, WeChatCode};

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
    // Text parses as any code of an entry (not as its identifier).
    assert_eq!("-5020".parse(), Ok(SdkCode::AntiSpoofingFailed));
    assert!("AntiSpoofingFailed".parse::<SdkCode>().is_err());
    // Feature `serde`: `Code<T>` decodes codes newer than the crate and keeps
    // the code as received, so an alias is written back as the alias.
    let received: Vec<Code<SdkCode>> = serde_json::from_str("[-5020, 12345]").unwrap();
    assert_eq!(received[0], Code::Known(SdkCode::AntiSpoofingFailed, -5020));
    assert_eq!(received[1], Code::Unknown(12345));
    assert_eq!(received[1].to_string(), "未知返回码 12345");
    assert_eq!(serde_json::to_string(&received).unwrap(), "[-5020,12345]");
    // README:end
}

#[test]
fn serde_of_the_set_type_is_strict_and_canonical() {
    let json = serde_json::to_string(&SdkCode::AntiSpoofingFailed).unwrap();
    assert_eq!(json, "66660023");
    assert_eq!(
        serde_json::from_str::<SdkCode>("-5020").unwrap(),
        SdkCode::AntiSpoofingFailed
    );
    let error = serde_json::from_str::<SdkCode>("12345").unwrap_err();
    assert!(error.to_string().contains("12345"), "{error}");
}
