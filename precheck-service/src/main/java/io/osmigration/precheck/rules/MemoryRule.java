package io.osmigration.precheck.rules;

import java.util.List;

/** MEMORY: too little memory for the upgrade transaction. */
public final class MemoryRule implements Rule {

    private final Thresholds thresholds;

    public MemoryRule(Thresholds thresholds) {
        this.thresholds = thresholds;
    }

    @Override
    public List<Finding> evaluate(CheckSubject subject) {
        if (!subject.hasFacts() || subject.facts().memoryMiB() == null) {
            return List.of();
        }
        long memory = subject.facts().memoryMiB();
        if (memory >= thresholds.memoryMinMiB()) {
            return List.of();
        }
        return List.of(new Finding(FindingCodes.MEMORY, Severity.CRITICAL, "Not enough memory",
                "The server has " + memory + " MiB of memory; the migration needs at least " + thresholds.memoryMinMiB()
                        + " MiB.",
                "Change the instance type to one with more memory (ModifyInstanceSpec) before migrating.", null));
    }
}
