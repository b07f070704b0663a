package io.osmigration.precheck.check;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.osmigration.precheck.rules.Finding;
import io.osmigration.precheck.rules.FindingCodes;
import io.osmigration.precheck.rules.Severity;

/**
 * What a check came to: its findings and what it learnt about the server. Also the results of checks that could not
 * look at the server (deadline passed, the check failed, it was interrupted too often), each saying why.
 *
 * @param factsStale the facts are the last import's, not fresh from Cloud Assistant
 */
record CheckResult(List<Finding> findings, String sourceOs, String arch, Instant factsCollectedAt,
                   boolean factsStale) {

    CheckResult {
        findings = List.copyOf(findings);
    }

    /** FAILED means at least one CRITICAL finding (the contract). */
    boolean failed() {
        return findings.stream().anyMatch(Finding::isCritical);
    }

    static CheckResult of(Finding finding) {
        return new CheckResult(List.of(finding), null, null, null, false);
    }

    /** The deadline passed while the check still waited for the instance (typically Cloud Assistant). */
    static CheckResult timedOut(PrecheckDocument check, Duration timeout) {
        return of(new Finding(FindingCodes.CHECK_TIMEOUT, Severity.CRITICAL, "The check did not finish in time",
                "The check of " + check.server() + " was still running after " + timeout
                        + " (osm.precheck.check-timeout): the instance, or Cloud Assistant on it, did not answer.",
                "Make sure the instance is running and its Cloud Assistant agent is online "
                        + "(DescribeCloudAssistantStatus), then check again.", null));
    }

    static CheckResult error(RuntimeException e) {
        return of(new Finding(FindingCodes.CHECK_ERROR, Severity.CRITICAL, "The check could not be completed",
                "The check failed with " + e.getClass().getSimpleName()
                        + "; the instance is not known to be safe to migrate.",
                "Look at the precheck-service log for this precheck id and run the check again.", null));
    }

    /** Taken up {@code attempts} times and never finished: the replicas running it stopped each time. */
    static CheckResult interrupted(int attempts) {
        return of(new Finding(FindingCodes.CHECK_ERROR, Severity.CRITICAL, "The check was interrupted too often",
                "The check was taken up " + attempts + " times and each time the precheck-service replica running "
                        + "it stopped before it finished; the instance is not known to be safe to migrate.",
                "Look at the precheck-service logs (out of memory, restarts) and run the check again.", null));
    }
}
