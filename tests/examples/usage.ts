// The README's TypeScript example, compiled with tsc --strict and run by tests/bindings.
import { SdkCode, WeChatCode } from "./index.js";

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
// README:end
console.log("usage ok");
