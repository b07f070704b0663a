package io.osmigration.registry.source.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic source ids (docs/architecture.md): importing the same server twice must find the same source, so the
 * id is derived from what identifies the server, never generated.
 */
public final class SourceIds {

    private SourceIds() {
    }

    /** {@code s-} + 20 hex chars of SHA-256({@code ecs:<regionId>:<instanceId>}). */
    public static String forEcs(String regionId, String instanceId) {
        return "s-" + sha256Hex("ecs:" + regionId + ":" + instanceId).substring(0, 20);
    }

    /** For servers without an instance id: {@code s-} + 20 hex chars of SHA-256({@code machine:<machine-id>}). */
    public static String forMachine(String machineId) {
        return "s-" + sha256Hex("machine:" + machineId).substring(0, 20);
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
