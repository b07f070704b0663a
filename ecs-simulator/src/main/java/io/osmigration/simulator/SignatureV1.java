package io.osmigration.simulator;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Alibaba Cloud RPC signature version 1.0 (HMAC-SHA1), exactly as aliyun-java-sdk-core computes it,
 * so a request signed with a different secret is rejected as ECS would.
 */
final class SignatureV1 {

    private SignatureV1() {
    }

    /** RFC 3986 style encoding used by the SDK: URL-encode UTF-8, then fix '+', '*' and '~'. */
    static String percentEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8)
                .replace("+", "%20")
                .replace("*", "%2A")
                .replace("%7E", "~");
    }

    static String stringToSign(String method, Map<String, String> params) {
        StringBuilder canonical = new StringBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(params).entrySet()) {
            if ("Signature".equals(e.getKey())) {
                continue;
            }
            if (!canonical.isEmpty()) {
                canonical.append('&');
            }
            canonical.append(percentEncode(e.getKey())).append('=').append(percentEncode(e.getValue() == null ? "" : e.getValue()));
        }
        return method.toUpperCase(Locale.ROOT) + "&" + percentEncode("/") + "&" + percentEncode(canonical.toString());
    }

    static String sign(String method, Map<String, String> params, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec((secret + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            byte[] digest = mac.doFinal(stringToSign(method, params).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 unavailable", e);
        }
    }

    /** Constant-time comparison: the signature is a secret-derived value. */
    static boolean verify(String method, Map<String, String> params, String secret, String signature) {
        if (signature == null) {
            return false;
        }
        byte[] expected = sign(method, params, secret).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8));
    }
}
