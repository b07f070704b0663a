package io.osmigration.simulator;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One RunCommand: the command and one {@link InvocationRecord} per target instance. */
final class Invocation {

    final String invokeId;
    final String commandId;
    final String name;
    final String description;
    final String type;
    final byte[] content;
    final long timeoutSeconds;
    final String workingDir;
    final String clientToken;
    final String fingerprint; // what a repeated ClientToken must match
    final Instant created;
    private final Map<String, InvocationRecord> records;

    Invocation(String invokeId, String commandId, String name, String description, String type, byte[] content,
               long timeoutSeconds, String workingDir, String clientToken, String fingerprint, Instant created,
               List<String> instanceIds) {
        this.invokeId = invokeId;
        this.commandId = commandId;
        this.name = name;
        this.description = description;
        this.type = type;
        this.content = content;
        this.timeoutSeconds = timeoutSeconds;
        this.workingDir = workingDir;
        this.clientToken = clientToken;
        this.fingerprint = fingerprint;
        this.created = created;
        Map<String, InvocationRecord> m = new LinkedHashMap<>();
        instanceIds.forEach(id -> m.put(id, new InvocationRecord(id, invokeId, created)));
        this.records = Collections.unmodifiableMap(m);
    }

    Collection<InvocationRecord> records() {
        return records.values();
    }

    InvocationRecord record(String instanceId) {
        return records.get(instanceId);
    }

    /**
     * The overall state ECS reports for a multi-instance invocation: Pending/Running while any is,
     * Success or Failed when all agree, PartialFailed otherwise.
     */
    String overallStatus() {
        boolean anyPending = false;
        boolean anyRunning = false;
        int success = 0;
        int failed = 0;
        for (InvocationRecord r : records.values()) {
            switch (r.status()) {
                case "Pending" -> anyPending = true;
                case "Running" -> anyRunning = true;
                case "Success" -> success++;
                default -> failed++;
            }
        }
        if (anyRunning) {
            return "Running";
        }
        if (anyPending) {
            return "Pending";
        }
        if (failed == 0) {
            return "Success";
        }
        return success == 0 ? "Failed" : "PartialFailed";
    }

    /** The older InvokeStatus field: Running until every record has finished. */
    String invokeStatus() {
        String overall = overallStatus();
        return switch (overall) {
            case "Running", "Pending" -> "Running";
            case "Success" -> "Finished";
            case "Failed" -> "Failed";
            default -> "PartialFinished";
        };
    }
}
