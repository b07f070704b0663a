package io.osmigration.notification.domain;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Deterministic ids for the messages this service composes, so composing one twice queues it once. */
public final class Ids {

    private Ids() {
    }

    public static String nameBased(String identity) {
        return UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
