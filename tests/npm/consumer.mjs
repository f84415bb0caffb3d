// Plain Node ESM, importing the installed package by name (tests/npm_package.rs).
// Prints `key=value` lines, and one JSON line per thrown error (`error=` prefix).
import { CATALOG_VERSION, DEFAULT_LOCALE, matchLocale, SdkCode, SdkCodeError, WeChatCode, WeChatCodeError, IdentityRiskTag } from "faceid-codes";

const out = [];
const put = (key, value) => out.push(`${key}=${value}`);

put("version", CATALOG_VERSION);
put("default", DEFAULT_LOCALE);
put("match.en-US", matchLocale("en-US"));
const alias = SdkCode.fromCode(-5020);
put("alias.identifier", alias?.identifier);
put("alias.code", alias?.code);
put("alias.en-US", alias?.messageIn("en-US"));
put("unknown", String(SdkCode.fromCode(12345)));
put("describe", SdkCode.describe(12345));
put("wechat.2007.billable.2021-07-18", WeChatCode.fromCode(2007)?.isBillableOn(2021, 7, 18));
put("wechat.2007.billable.2021-07-19", WeChatCode.fromCode(2007)?.isBillableOn(2021, 7, 19));
put("tag.string", IdentityRiskTag.all()[0]?.code);

// Every code of both error sets, thrown and caught, in each locale asked for by tag.
for (const [set, ErrorType] of [[WeChatCode, WeChatCodeError], [SdkCode, SdkCodeError]]) {
  for (const entry of set.all()) {
    for (const raw of entry.codes) {
      for (const tag of [undefined, "en-US"]) {
        try {
          throw new ErrorType(raw, tag === undefined ? {} : { locale: tag });
        } catch (error) {
          if (!(error instanceof ErrorType) || !(error instanceof Error) || error.entry !== entry || error.code !== entry.code) {
            throw new Error(`wrong error for ${raw}`);
          }
          out.push("error=" + JSON.stringify(error));
        }
      }
    }
  }
}
const unknown = new SdkCodeError(12345, { locale: "en", cause: "upstream" });
put("unknown.error", JSON.stringify(unknown));
put("unknown.error.cause", unknown.cause);
put("unknown.error.string", String(unknown));
put("entry.error.name", new WeChatCodeError(WeChatCode.fromCode(1)).name);

// Forward-compatible decoding: a reviver keeps unknown codes and aliases as received.
const payload = '{"result":{"code":-5020,"detail":"x"},"later":{"code":99999999}}';
const decoded = JSON.parse(payload, (key, value) => (key === "code" ? SdkCode.decode(value) : value));
put("decoded.alias.known", decoded.result.code.known?.identifier);
put("decoded.alias.raw", decoded.result.code.raw);
put("decoded.unknown.known", String(decoded.later.code.known));
put("decoded.unknown.raw", decoded.later.code.raw);
put("roundtrip", JSON.stringify(decoded, (key, value) => (key === "code" ? value.raw : value)));
console.log(out.join("\n"));
