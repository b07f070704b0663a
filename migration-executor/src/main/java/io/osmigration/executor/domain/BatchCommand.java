package io.osmigration.executor.domain;

import java.util.List;

/**
 * A batch of migrations as submitted over REST or Kafka, before validation (so every field may be missing).
 *
 * @param autoRemediate finding codes whose known remedy osmigration may apply on the instances
 * @param submissionId  id of the submission (the Kafka event id, or one derived from the request id for REST)
 */
public record BatchCommand(String requestId, String destinationOs, List<Target> targets, String drillMode,
                           Boolean acknowledgeRisks, Integer maxParallel, Integer failureThresholdPercent,
                           List<String> autoRemediate, String submissionId) {

    public BatchCommand {
        targets = targets == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(targets));
        autoRemediate = autoRemediate == null ? List.of() : java.util.Collections.unmodifiableList(
                new java.util.ArrayList<>(autoRemediate));
    }

    /** The finding codes to remedy, each once, in the order given. */
    public List<String> autoRemediateCodes() {
        return autoRemediate.stream().distinct().toList();
    }

    /** One server to migrate, optionally to its own destination. */
    public record Target(String sourceId, String destinationOs) {
    }

    public DrillMode drillModeOrDefault() {
        return drillMode == null || drillMode.isBlank() ? DrillMode.NONE : DrillMode.valueOf(drillMode);
    }

    public String destinationOf(Target target) {
        return target.destinationOs() != null && !target.destinationOs().isBlank() ? target.destinationOs() : destinationOs;
    }
}
