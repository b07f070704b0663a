package io.osmigration.simulator;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.UUID;

/** ECS-looking identifiers. Random, because real ids are opaque and clients must not parse them. */
final class Ids {

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    static String requestId() {
        return UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
    }

    static String snapshotId() {
        return "s-bp1" + random(17);
    }

    static String snapshotGroupId() {
        return "ssg-bp1" + random(17);
    }

    static String commandId() {
        return "c-hz" + random(14);
    }

    static String invokeId() {
        return "t-hz" + random(14);
    }

    private static String random(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
