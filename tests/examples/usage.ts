// The README's TypeScript example, compiled with tsc --strict and run by tests/bindings.
import { DEFAULT_LOCALE, matchLocale, matchLocales, SdkCode, WeChatCode } from "./index.js";

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
// README:end
console.log("usage ok");
