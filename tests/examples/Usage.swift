// The README's Swift example. No Swift compiler installs here: tests/bindings
// checks its syntax with tree-sitter, as it does the generated package.
import FaceIdCodes
import Foundation

// README:start
let code = SDKCode(code: -5020)! // an alias of 66660023
precondition(code == .antiSpoofingFailed && code.code == 66660023)
precondition(code.message(in: .en) == "Make sure you are operating in person and your face is in the frame")
precondition(!code.isBillable)
precondition(SDKCode(code: 12345) == nil) // unknown codes never crash
precondition(SDKCode.describe(12345) == "未知返回码 12345")
let photo = WeChatCode(code: 2007)!
precondition(photo.isBillable(on: DateComponents(year: 2021, month: 7, day: 18)))
precondition(!photo.isBillable(on: DateComponents(year: 2021, month: 7, day: 19)))
precondition(photo.isBillable(on: catalogDay(of: Date())) == photo.isBillable) // today, in Asia/Shanghai
// Locale matching: never fails, falls back to the default locale (zh-CN here).
precondition(CatalogLocale.matching("en-US") == .en && CatalogLocale.matching("zh_Hans_CN") == .zhCn)
precondition(CatalogLocale.matching("zh-TW") == .zhCn) // no Traditional Chinese here
precondition(CatalogLocale.matching(["fr-CA", "en-GB"]) == .en)
let shown = code.message(in: .current) // = code.localizedMessage, Locale.preferredLanguages
precondition(!shown.isEmpty)
// error = true sets are NSErrors with the catalog's code: crash reporters log 66660023.
let error = SDKCode.antiSpoofingFailed as NSError
precondition(error.code == 66660023 && error.domain == "FaceIdCodes.SdkCode")
// Decoding: a set type is strict; CatalogCode<Set> keeps unknown codes and aliases as received.
struct Response: Decodable { let code: CatalogCode<SDKCode> }
let newer = try! JSONDecoder().decode(Response.self, from: Data(#"{"code": 99999}"#.utf8))
precondition(newer.code == .unknown(99999) && newer.code.value == nil)
let alias = try! JSONDecoder().decode(CatalogCode<SDKCode>.self, from: Data("-5020".utf8))
precondition(alias.value == .antiSpoofingFailed && alias.raw == -5020) // encodes back as -5020
precondition((try? JSONDecoder().decode(SDKCode.self, from: Data("99999".utf8))) == nil)
// README:end
