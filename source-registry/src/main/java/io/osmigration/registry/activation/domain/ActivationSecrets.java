package io.osmigration.registry.activation.domain;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import io.osmigration.registry.source.domain.SourceIds;

/** Makes activation codes and their ids, and the hash under which a code is stored. */
public final class ActivationSecrets {

    /** 32 random bytes: unguessable, and base64url keeps it safe to paste into a shell command unquoted. */
    private static final int CODE_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ActivationSecrets() {
    }

    public static String newCode() {
        byte[] bytes = new byte[CODE_BYTES];
        RANDOM.nextBytes(bytes);
        return "osmac_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String newId() {
        byte[] bytes = new byte[10];
        RANDOM.nextBytes(bytes);
        return "ac-" + HexFormat.of().formatHex(bytes);
    }

    /** A plain SHA-256 suffices: the code has 256 bits of entropy, so there is nothing to brute-force offline. */
    public static String hash(String code) {
        return io.osmigration.schemas.DeterministicIds.sha256Hex(code.trim());
    }
}
