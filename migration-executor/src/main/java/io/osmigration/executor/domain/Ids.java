package io.osmigration.executor.domain;

import java.util.Locale;

import io.osmigration.schemas.DeterministicIds;

/** Deterministic identifiers (docs/architecture.md): a retry always finds the same batch, job and invocation. */
public final class Ids {

    private Ids() {
    }

    public static String batchId(String requestId) {
        return DeterministicIds.of("b-", "request:" + requestId, 20);
    }

    public static String jobId(String batchId, String sourceId) {
        return DeterministicIds.of("j-", batchId + ":" + sourceId, 20);
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
}
