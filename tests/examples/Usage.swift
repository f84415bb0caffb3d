// The README's Swift example. No Swift compiler installs here: tests/bindings
// checks its syntax with tree-sitter, as it does the generated package.
import FaceIdCodes

// README:start
let code = SdkCode(code: -5020)! // an alias of 66660023
precondition(code == .antiSpoofingFailed && code.code == 66660023)
precondition(code.message(in: .en) == "Make sure you are operating in person and your face is in the frame")
precondition(!code.isBillable)
precondition(SdkCode(code: 12345) == nil) // unknown codes never crash
precondition(SdkCode.describe(12345) == "未知返回码 12345")
let photo = WeChatCode(code: 2007)!
precondition(photo.isBillableOn(year: 2021, month: 7, day: 18) && !photo.isBillableOn(year: 2021, month: 7, day: 19))
// Locale matching: never fails, falls back to the default locale (zh-CN here).
precondition(CatalogLocale.matching("en-US") == .en && CatalogLocale.matching("zh_Hans_CN") == .zhCn)
precondition(CatalogLocale.matching("zh-TW") == .zhCn) // no Traditional Chinese here
precondition(CatalogLocale.matching(["fr-CA", "en-GB"]) == .en)
let shown = code.message(in: .current) // = code.localizedMessage, Locale.preferredLanguages
precondition(!shown.isEmpty)
// README:end
