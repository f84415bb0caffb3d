// A TypeScript consumer of the installed package, type-checked (not run) by
// tests/npm_package.rs under `--lib es2017` with nodenext and bundler resolution.
import {
  type CatalogLocale,
  type Decoded,
  type WeChatCodeName,
  isCatalogLocale,
  matchLocales,
  SdkCode,
  SdkCodeError,
  WeChatCode,
} from "faceid-codes";

export function locale(tags: readonly string[]): CatalogLocale {
  const first = tags[0];
  return first !== undefined && isCatalogLocale(first) ? first : matchLocales(tags);
}

export function fail(raw: number): never {
  throw new SdkCodeError(raw, { locale: "en-US" });
}

export function decoded(raw: number): string {
  const code: Decoded<SdkCode, number> = SdkCode.decode(raw);
  return code.known === undefined ? `unknown ${code.raw}` : code.known.message;
}

export function json(error: SdkCodeError): string | null {
  return error.toJSON().identifier;
}

export function isSuccess(code: WeChatCode): boolean {
  const name: WeChatCodeName = code.identifier;
  return name === "Success";
}
