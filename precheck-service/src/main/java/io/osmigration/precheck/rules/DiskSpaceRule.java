package io.osmigration.precheck.rules;

import java.util.ArrayList;
import java.util.List;

/** DISK_SPACE: too little free space on / or /boot for the new packages and kernel. */
public final class DiskSpaceRule implements Rule {

    private final Thresholds thresholds;

    public DiskSpaceRule(Thresholds thresholds) {
        this.thresholds = thresholds;
    }

    @Override
    public List<Finding> evaluate(CheckSubject subject) {
        if (!subject.hasFacts()) {
            return List.of();
        }
        Long root = subject.facts().rootFreeMiB();
        Long boot = subject.facts().bootFreeMiB();
        if (root == null || boot == null) {
            return List.of(new Finding(FindingCodes.DISK_SPACE, Severity.WARNING, "Free disk space is unknown",
                    "The collector could not read the free space of " + (root == null ? "/" : "/boot") + ".",
                    "Check that / has at least " + thresholds.rootMinFreeMiB() + " MiB and /boot at least "
                            + thresholds.bootMinFreeMiB() + " MiB free.", "df -h / /boot"));
        }
        List<String> short_ = new ArrayList<>();
        List<String> commands = new ArrayList<>();
        if (root < thresholds.rootMinFreeMiB()) {
            short_.add("/ has " + root + " MiB free, needs " + thresholds.rootMinFreeMiB() + " MiB");
            commands.add("yum clean all");
        }
        if (boot < thresholds.bootMinFreeMiB()) {
            short_.add("/boot has " + boot + " MiB free, needs " + thresholds.bootMinFreeMiB() + " MiB");
            commands.add("package-cleanup --oldkernels --count=1 -y");
        }
        if (short_.isEmpty()) {
            return List.of();
        }
        return List.of(new Finding(FindingCodes.DISK_SPACE, Severity.CRITICAL, "Not enough free disk space",
                String.join("; ", short_) + ".",
                "Free space (remove old kernels, caches and logs) or resize the system disk, then check again.",
                String.join(" && ", commands)));
    }
}
