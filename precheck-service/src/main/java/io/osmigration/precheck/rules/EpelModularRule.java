package io.osmigration.precheck.rules;

import java.util.List;

/**
 * EPEL_MODULAR: the migration proceeds, but epel-modular packages cannot be installed afterwards because the EPEL
 * platform differs from the destination's (spec, "Migration limitations").
 */
public final class EpelModularRule implements Rule {

    @Override
    public List<Finding> evaluate(CheckSubject subject) {
        if (!subject.hasFacts()) {
            return List.of();
        }
        List<String> repos = subject.facts().repos().stream().filter(r -> r.startsWith("epel-modular")).toList();
        if (repos.isEmpty()) {
            return List.of();
        }
        return List.of(new Finding(FindingCodes.EPEL_MODULAR, Severity.WARNING,
                "The epel-modular repository is enabled",
                "Enabled: " + String.join(", ", repos) + ". After the migration, packages from epel-modular cannot be "
                        + "installed on " + Destinations.displayName(subject.destinationOs()) + "; the migration itself proceeds.",
                "Disable epel-modular and install those packages from the destination's own repositories afterwards.",
                "yum-config-manager --disable " + String.join(" ", repos)));
    }
}
