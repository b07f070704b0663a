package io.osmigration.precheck.check;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.osmigration.precheck.rules.Finding;

/** GET /api/v1/prechecks/{id} as the contract shows it, plus what else helps an operator. */
public record PrecheckView(String precheckId, String sourceId, String instanceId, String destinationOs,
                           String batchId, String jobId, String status, String sourceOs, String arch,
                           Instant factsCollectedAt, boolean factsStale, Instant createdAt, Instant finishedAt,
                           List<FindingView> findings) {

    public record FindingView(String code, String severity, String title, String detail, Remediation remediation) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Remediation(String hint, String command) {
    }

    static PrecheckView of(PrecheckDocument check) {
        return new PrecheckView(check.precheckId(), check.sourceId(), check.instanceId(), check.destinationOs(),
                check.batchId(), check.jobId(), check.status(), check.sourceOs(), check.arch(),
                check.factsCollectedAt(), check.factsStale(), check.createdAt(), check.finishedAt(),
                check.findings() == null ? List.of() : check.findings().stream().map(PrecheckView::finding).toList());
    }

    static FindingView finding(Finding finding) {
        return new FindingView(finding.code(), finding.severity().name(), finding.title(), finding.detail(),
                new Remediation(finding.remediationHint() == null ? "" : finding.remediationHint(),
                        finding.remediationCommand()));
    }
}
