// The README's Kotlin example, compiled with kotlinc -Werror and run by tests/bindings.
package com.retcode.faceid.example

import com.retcode.faceid.CatalogLocale
import com.retcode.faceid.SdkCode
import com.retcode.faceid.SdkCodeException
import com.retcode.faceid.WeChatCode

public fun main() {
    // README:start
    val code = SdkCode.fromCode(-5020) ?: error("an alias of 66660023")
    check(code == SdkCode.ANTI_SPOOFING_FAILED && code.code == 66660023)
    check(code.messageIn(CatalogLocale.EN) == "Make sure you are operating in person and your face is in the frame")
    check(!code.isBillable)
    check(SdkCode.fromCode(12345) == null) // unknown codes never throw
    check(SdkCode.describe(12345) == "未知返回码 12345")
    val photo = WeChatCode.fromCode(2007) ?: error("known")
    check(photo.isBillableOn(2021, 7, 18) && !photo.isBillableOn(2021, 7, 19))
    // Locale matching: never fails, falls back to the default locale (zh-CN here).
    check(CatalogLocale.matching("en-US") == CatalogLocale.EN)
    check(CatalogLocale.matching("zh_Hans_CN") == CatalogLocale.ZH_CN)
    check(CatalogLocale.matching("zh-TW") == CatalogLocale.ZH_CN) // no Traditional Chinese here
    check(CatalogLocale.matching("fr") == CatalogLocale.DEFAULT)
    check(CatalogLocale.matchingAny(listOf("fr-CA", "en-GB")) == CatalogLocale.EN)
    // Forward-compatible decoding: the raw code stays as received (an alias too).
    val received = SdkCode.Received.of(-5020)
    check(received.raw == -5020 && received.known == SdkCode.ANTI_SPOOFING_FAILED)
    check(SdkCode.Received.of(77777777).known == null)
    // Sets with `error = true` have an exception carrying the code, known or not.
    val failure = SdkCodeException(received, CatalogLocale.EN)
    check(failure.code == SdkCode.ANTI_SPOOFING_FAILED && failure.message == code.messageIn(CatalogLocale.EN))
    // The entry's Android string resource (generated under src/main/res).
    check(code.messageResourceName == "faceid_codes__sdk_code__anti_spoofing_failed__message")
    // README:end
    println("usage ok")
}
