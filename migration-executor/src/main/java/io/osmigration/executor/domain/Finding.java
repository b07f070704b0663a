package io.osmigration.executor.domain;

import java.util.List;

/**
 * A finding about a job's server: from the precheck ({@code PRECHECK}), the drill ({@code DRILL}) or the executor
 * itself ({@code EXECUTOR}, e.g. {@code INSTANCE_BUSY}).
 *
 * @param targets what the finding names for a known remedy (drivers, packages, answers); empty when nothing
 */
public record Finding(String source, String code, String severity, String title, String detail,
                      String remediationHint, String remediationCommand, List<String> targets) {

    public static final String PRECHECK = "PRECHECK";
    public static final String DRILL = "DRILL";
    public static final String EXECUTOR = "EXECUTOR";
    public static final String INSTANCE_BUSY = "INSTANCE_BUSY";

    public Finding {
        targets = targets == null ? List.of() : List.copyOf(targets);
    }

    public Finding(String source, String code, String severity, String title, String detail,
                   String remediationHint, String remediationCommand) {
        this(source, code, severity, title, detail, remediationHint, remediationCommand, List.of());
    }

    public static Finding fromDrill(DrillItem item) {
        return new Finding(DRILL, item.code(), item.severity(), item.title(), item.detail(), item.remediationHint(),
                item.remediationCommand(), item.targets());
    }

    /** The instance is in another active job: at most one job may work on an instance at a time. */
    public static Finding instanceBusy(String instanceId, String otherJobId, String otherBatchId) {
        return new Finding(EXECUTOR, INSTANCE_BUSY, DrillItem.CRITICAL,
                "The instance is being migrated by another job",
                "instance " + instanceId + " is in job " + otherJobId + " of batch " + otherBatchId
                        + "; one instance is in at most one active job",
                "Submit it again once job " + otherJobId + " has ended", null);
    }

    public boolean isCriticalDrillItem() {
        return DRILL.equals(source) && DrillItem.CRITICAL.equals(severity);
    }
}
