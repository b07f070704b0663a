package io.osmigration.schemas;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The identifiers services derive from what they identify (docs/architecture.md): the same identity always gives
 * the same id, so a retry, a redelivered event or another replica finds the same source, batch, job or ClientToken.
 * Plain Java, so domain code may use it.
 */
public final class DeterministicIds {

    private DeterministicIds() {
    }

    /** {@code prefix} + the first {@code hexChars} hex digits of SHA-256({@code identity}). */
    public static String of(String prefix, String identity, int hexChars) {
        return prefix + sha256Hex(identity).substring(0, hexChars);
    }

    public static String sha256Hex(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
