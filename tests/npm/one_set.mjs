import { WeChatCode } from "faceid-codes";
console.log(WeChatCode.fromCode(1)?.messageIn("en"));
