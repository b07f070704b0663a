package io.osmigration.notification.domain;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * DingTalk's custom-robot signing ("加签"): {@code sign = urlEncode(base64(HmacSHA256(key = secret,
 * data = timestamp + "\n" + secret)))}, sent as {@code &timestamp=<ms>&sign=<sign>} on the webhook URL. DingTalk
 * refuses timestamps more than an hour away from its clock.
 */
public final class DingTalkSignature {

    private DingTalkSignature() {
    }

    /** The Base64 signature, not yet URL-encoded. */
    public static String sign(long timestampMillis, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestampMillis + "\n" + secret).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** The webhook URL with {@code timestamp} and {@code sign} appended. */
    public static String signedUrl(String webhookUrl, long timestampMillis, String secret) {
        String separator = webhookUrl.contains("?") ? "&" : "?";
        return webhookUrl + separator + "timestamp=" + timestampMillis + "&sign="
                + URLEncoder.encode(sign(timestampMillis, secret), StandardCharsets.UTF_8);
    }
}
