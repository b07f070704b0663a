package io.osmigration.precheck.rules;

import java.util.List;

/** SERVICE_RESTART (INFO): there is no hot migration; packages are reinstalled and services restart (spec). */
public final class ServiceRestartRule implements Rule {

    @Override
    public List<Finding> evaluate(CheckSubject subject) {
        return List.of(new Finding(FindingCodes.SERVICE_RESTART, Severity.INFO,
                "Services on the server will restart",
                "The migration reinstalls packages and reboots the instance; services are interrupted while it runs.",
                "Plan a maintenance window and move traffic away from the server before migrating.", null));
    }
}
