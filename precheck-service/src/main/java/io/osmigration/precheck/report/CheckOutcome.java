package io.osmigration.precheck.report;

import java.util.List;

import io.osmigration.precheck.rules.Finding;

/** One instance's check, as reports see it. */
public record CheckOutcome(String precheckId, String sourceId, String instanceId, String destinationOs,
                           String status, List<Finding> findings) {

    public CheckOutcome {
        findings = findings == null ? List.of() : List.copyOf(findings);
    }
}
