package io.osmigration.cli.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the CLI reads of the services' answers (see docs/contract.md and docs/openapi/). Fields the services add
 * later are ignored; fields they leave out are null.
 */
public final class Model {

    private Model() {
    }

    public record Os(String id, String versionId, String prettyName) {
    }

    public record Source(String sourceId, String instanceId, String regionId, String hostname, Os os, String arch,
                         String kernel, String status, String statusReason, Instant importedAt) {
    }

    public record ImportedSource(String sourceId, String instanceId, String status, String statusReason) {
    }

    public record ImportResult(List<ImportedSource> sources) {
    }

    public record ActivationCode(String id, String code, int quota, int used, Instant createdAt, Instant expiresAt,
                                 String state, String description, String importCommand) {
    }

    public record Remediation(String hint, String command) {
    }

    public record PrecheckFinding(String code, String severity, String title, String detail, Remediation remediation) {
    }

    public record Precheck(String precheckId, String sourceId, String instanceId, String destinationOs, String status,
                           String sourceOs, List<PrecheckFinding> findings) {

        public boolean running() {
            return status == null || "RUNNING".equals(status);
        }
    }

    public record Started(String precheckId) {
    }

    public record Step(String name, String status, Instant startedAt, Instant finishedAt, Integer exitCode) {
    }

    /** A precheck finding or drill item of a job ({@code source}: PRECHECK or DRILL). */
    public record Finding(String source, String code, String severity, String title, String detail,
                          String remediationHint, String remediationCommand) {
    }

    public record Job(String jobId, String sourceId, String instanceId, String destinationOs, String state,
                      List<Step> steps, List<Finding> findings, String error, String failedStep, String resultingOs) {

        public List<Step> steps() {
            return steps == null ? List.of() : steps;
        }

        public List<Finding> findings() {
            return findings == null ? List.of() : findings;
        }

        /** The instance id where there is one, else the source id. */
        public String label() {
            return instanceId != null ? instanceId : sourceId;
        }
    }

    public record Batch(String batchId, String requestId, String state, String reason, String drillMode,
                        Integer maxParallel, Instant createdAt, List<Job> jobs) {

        public List<Job> jobs() {
            return jobs == null ? List.of() : jobs;
        }
    }

    public record BatchSummary(String batchId, String requestId, String state, String reason, String destinationOs,
                               String drillMode, int total, Instant createdAt, Map<String, Integer> counts) {
    }

    /** precheck-service's whole-batch view: findings grouped by code, blockers ranked. */
    public record BatchReport(String batchId, int total, int passed, int failed, int running, List<Group> blockers,
                              List<Group> warnings) {

        public record Group(String code, String severity, String title, int instanceCount, int unblocks,
                            List<Concerned> instances, String remediationHint, String remediationCommand) {
        }

        public record Concerned(String precheckId, String sourceId, String instanceId, String detail) {
        }

        public List<Group> blockers() {
            return blockers == null ? List.of() : blockers;
        }

        public List<Group> warnings() {
            return warnings == null ? List.of() : warnings;
        }
    }

    /** The body of {@code POST /api/v1/migrations}. */
    public record MigrationRequest(String requestId, String destinationOs, List<Target> targets, String drillMode,
                                   boolean acknowledgeRisks, Integer maxParallel, Integer failureThresholdPercent) {

        public record Target(String sourceId, String destinationOs) {
        }
    }

    /** One Server-Sent Event of the executor's streams. */
    public record ServerEvent(String id, String type, String data) {
    }

    /** A page of a list and the total the service counted ({@code X-Total-Count}; -1 when it did not say). */
    public record Page<T>(List<T> items, long total) {
    }
}
