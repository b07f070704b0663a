package io.osmigration.precheck.check;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.osmigration.precheck.rules.Finding;

/**
 * GET /api/v1/prechecks/{id} as the contract shows it, plus what else helps an operator: {@code startedAt} is null
 * while the check waits in the queue, {@code attempts} above 1 means a replica stopped during it and another took
 * it over.
 */
public record PrecheckView(String precheckId, String sourceId, String instanceId, String destinationOs,
                           String batchId, String jobId, String status, String sourceOs, String arch,
                           Instant factsCollectedAt, boolean factsStale, Instant createdAt, Instant startedAt,
                           Instant finishedAt, int attempts, List<FindingView> findings) {

    public record FindingView(String code, String severity, String title, String detail, Remediation remediation) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Remediation(String hint, String command) {
    }

    static PrecheckView of(PrecheckDocument check) {
        return new PrecheckView(check.precheckId(), check.sourceId(), check.instanceId(), check.destinationOs(),
                check.batchId(), check.jobId(), check.status(), check.sourceOs(), check.arch(),
                check.factsCollectedAt(), check.factsStale(), check.createdAt(), check.startedAt(),
                check.finishedAt(), check.attempts(), check.findings().stream().map(PrecheckView::finding).toList());
    }

    static FindingView finding(Finding finding) {
        return new FindingView(finding.code(), finding.severity().name(), finding.title(), finding.detail(),
                new Remediation(finding.remediationHint() == null ? "" : finding.remediationHint(),
                        finding.remediationCommand()));
    }
}
