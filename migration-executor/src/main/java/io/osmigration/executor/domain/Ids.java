package io.osmigration.executor.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** Deterministic identifiers (docs/architecture.md): a retry always finds the same batch, job and invocation. */
public final class Ids {

    private Ids() {
    }

    public static String batchId(String requestId) {
        return "b-" + sha256Hex("request:" + requestId).substring(0, 20);
    }

    public static String jobId(String batchId, String sourceId) {
        return "j-" + sha256Hex(batchId + ":" + sourceId).substring(0, 20);
    }

    /**
     * The RunCommand ClientToken of one step of one job (at most 64 characters, as ECS requires): the same step of
     * the same job is always the same invocation, so a crash between the call and recording its InvokeId cannot run
     * the script twice.
     */
    public static String clientToken(String jobId, String step) {
        String token = "osm-" + jobId + "-" + step.toLowerCase(Locale.ROOT);
        return token.length() <= 64 ? token : token.substring(0, 64);
    }

    static String sha256Hex(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
