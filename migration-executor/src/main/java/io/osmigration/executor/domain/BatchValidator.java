package io.osmigration.executor.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Decides whether a batch request is acceptable. Only the request itself is judged (contract): a source that is
 * OFFLINE or cannot reach the destination is accepted, its precheck says why.
 */
public final class BatchValidator {

    private static final java.util.regex.Pattern FINDING_CODE = java.util.regex.Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    private final int maxBatchSize;
    private final Destinations destinations;

    public BatchValidator(int maxBatchSize, Destinations destinations) {
        this.maxBatchSize = maxBatchSize;
        this.destinations = destinations;
    }

    public List<Violation> validate(BatchCommand command, Predicate<String> knownSource) {
        List<Violation> violations = new ArrayList<>();
        if (command.requestId() == null || command.requestId().isBlank()) {
            violations.add(new Violation("requestId", "must not be blank"));
        } else if (command.requestId().length() > 200) {
            violations.add(new Violation("requestId", "must be at most 200 characters"));
        }
        if (!Boolean.TRUE.equals(command.acknowledgeRisks())) {
            violations.add(new Violation("acknowledgeRisks",
                    "must be true: migrating in place changes the server and needs its owner's acknowledgement"));
        }
        if (command.drillMode() != null && !command.drillMode().isBlank() && !isDrillMode(command.drillMode())) {
            violations.add(new Violation("drillMode", "must be one of NONE, DRILL_ONLY, DRILL_AND_MIGRATE"));
        }
        if (command.destinationOs() != null && !command.destinationOs().isBlank()) {
            checkDestination("destinationOs", command.destinationOs()).ifPresent(violations::add);
        }
        if (command.maxParallel() != null && (command.maxParallel() < 1 || command.maxParallel() > 10_000)) {
            violations.add(new Violation("maxParallel", "must be between 1 and 10000"));
        }
        if (command.failureThresholdPercent() != null
                && (command.failureThresholdPercent() < 1 || command.failureThresholdPercent() > 100)) {
            violations.add(new Violation("failureThresholdPercent", "must be between 1 and 100"));
        }
        validateAutoRemediate(command, violations);
        validateTargets(command, knownSource, violations);
        return violations;
    }

    private static void validateAutoRemediate(BatchCommand command, List<Violation> violations) {
        for (int i = 0; i < command.autoRemediate().size(); i++) {
            String code = command.autoRemediate().get(i);
            if (code == null || !FINDING_CODE.matcher(code).matches()) {
                violations.add(new Violation("autoRemediate[" + i + "]",
                        "must be a finding code such as KERNEL_MODULE_UNSUPPORTED (A-Z, 0-9, _; at most 64)"));
            }
        }
    }

    private void validateTargets(BatchCommand command, Predicate<String> knownSource, List<Violation> violations) {
        List<BatchCommand.Target> targets = command.targets();
        if (targets == null || targets.isEmpty()) {
            violations.add(new Violation("targets", "must name at least one source"));
            return;
        }
        if (targets.size() > maxBatchSize) {
            violations.add(new Violation("targets", "holds " + targets.size() + " sources; a batch may hold at most "
                    + maxBatchSize));
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < targets.size(); i++) {
            BatchCommand.Target target = targets.get(i);
            String field = "targets[" + i + "]";
            if (target == null || target.sourceId() == null || target.sourceId().isBlank()) {
                violations.add(new Violation(field + ".sourceId", "must not be blank"));
                continue;
            }
            if (!seen.add(target.sourceId())) {
                violations.add(new Violation(field + ".sourceId", "source " + target.sourceId()
                        + " appears more than once in the batch"));
            } else if (!knownSource.test(target.sourceId())) {
                violations.add(new Violation(field + ".sourceId", "unknown source " + target.sourceId()));
            }
            String destination = command.destinationOf(target);
            if (destination == null || destination.isBlank()) {
                violations.add(new Violation(field + ".destinationOs",
                        "no destination: set destinationOs on the target or on the batch"));
            } else if (!destination.equals(command.destinationOs())) {
                checkDestination(field + ".destinationOs", destination).ifPresent(violations::add);
            }
        }
    }

    /** Unknown destinations, and those refused (experimental paths only, while they are off), name the field. */
    private java.util.Optional<Violation> checkDestination(String field, String destination) {
        if (!destinations.isKnown(destination)) {
            return java.util.Optional.of(new Violation(field, "unsupported destination '" + destination
                    + "'; supported: " + String.join(", ", destinations.offered())));
        }
        return destinations.refusal(destination).map(why -> new Violation(field, why));
    }

    private static boolean isDrillMode(String value) {
        for (DrillMode mode : DrillMode.values()) {
            if (mode.name().equals(value)) {
                return true;
            }
        }
        return false;
    }
}
