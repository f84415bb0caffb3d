// The README's TypeScript example, compiled with tsc --strict and run by tests/bindings.
import { DEFAULT_LOCALE, DeviceRiskLevel, matchLocale, matchLocales, SdkCode, SdkCodeError, WeChatCode } from "./index.js";

function check(ok: boolean): void {
  if (!ok) {
    throw new Error("README example failed");
  }
}

// README:start
const code = SdkCode.fromCode(-5020); // an alias of 66660023
check(code === SdkCode.AntiSpoofingFailed && code.code === 66660023);
check(code?.messageIn("en") === "Make sure you are operating in person and your face is in the frame");
check(code?.isBillable === false);
check(SdkCode.fromCode(12345) === undefined); // unknown codes never throw
check(SdkCode.describe(12345) === "未知返回码 12345");
const photo = WeChatCode.fromCode(2007);
check(photo?.isBillableOn(2021, 7, 18) === true && photo.isBillableOn(2021, 7, 19) === false);
// Locale matching: never fails, falls back to the default locale (zh-CN here).
check(matchLocale("en-US") === "en" && matchLocale("zh_Hans_CN") === "zh-CN");
check(matchLocale("zh-TW") === "zh-CN"); // no Traditional Chinese here
check(matchLocale("fr") === DEFAULT_LOCALE);
check(matchLocales(["fr-CA", "en-GB"]) === "en"); // e.g. navigator.languages
check(code?.messageIn(matchLocale("en-US")) === code?.messageIn("en"));
// `error = true` sets have an Error subclass; its message follows the locale asked for.
try {
  throw new SdkCodeError(-5020, { locale: "en-US" });
} catch (error) {
  check(error instanceof SdkCodeError && error.code === 66660023 && error.raw === -5020);
  check(JSON.stringify(error) === JSON.stringify({
    name: "SdkCodeError", code: 66660023, raw: -5020, identifier: "AntiSpoofingFailed",
    message: "Make sure you are operating in person and your face is in the frame", locale: "en",
  }));
}
// Decoding never fails: a code newer than the catalog, or an alias, stays as received.
const later = SdkCode.decode(70000000);
check(later.known === undefined && later.raw === 70000000);
const alias = SdkCode.decode(-5020);
check(alias.known === SdkCode.AntiSpoofingFailed && alias.raw === -5020);
// Identifiers are a literal union: tsc proves this switch covers every entry.
function risk(level: DeviceRiskLevel): "low" | "high" {
  switch (level.identifier) {
    case "LowRisk0":
    case "LowRisk1":
    case "LowRisk2":
      return "low";
    case "HighRisk3":
    case "HighRisk4":
      return "high";
    default: {
      const unreachable: never = level.identifier;
      return unreachable;
    }
  }
}
check(risk(DeviceRiskLevel.HighRisk4) === "high");
// README:end
console.log("usage ok");
