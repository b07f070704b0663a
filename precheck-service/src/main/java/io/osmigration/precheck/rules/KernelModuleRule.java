package io.osmigration.precheck.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * KERNEL_MODULE_UNSUPPORTED. A loaded driver that the destination does not ship at all would leave its device dead
 * after the reboot: CRITICAL. A driver dropped only for some device ids may or may not matter, which only the PCI ids
 * on the server tell: WARNING with the ids to look for. Out-of-tree (O) or unsigned (E) modules are built against the
 * current kernel and will not load on the destination's: WARNING (spec: kernel OOT modules need an evaluation).
 */
public final class KernelModuleRule implements Rule {

    private final RemovedDrivers removedDrivers;

    public KernelModuleRule(RemovedDrivers removedDrivers) {
        this.removedDrivers = removedDrivers;
    }

    /** One line of /proc/modules: {@code name size refcount deps state address [(flags)]}. */
    record LoadedModule(String name, String taintFlags) {
        static LoadedModule parse(String line) {
            String text = line.strip();
            String name = text.split("\\s+", 2)[0];
            String flags = "";
            if (text.endsWith(")") && text.lastIndexOf('(') > 0) {
                flags = text.substring(text.lastIndexOf('(') + 1, text.length() - 1);
            }
            return new LoadedModule(name, flags);
        }

        boolean outOfTreeOrUnsigned() {
            return taintFlags.contains("O") || taintFlags.contains("E");
        }
    }

    @Override
    public List<Finding> evaluate(CheckSubject subject) {
        if (!subject.hasFacts()) {
            return List.of();
        }
        List<LoadedModule> modules = subject.facts().modules().stream().filter(l -> !l.isBlank())
                .map(LoadedModule::parse).toList();
        String destination = Destinations.displayName(subject.destinationOs());
        List<Finding> findings = new ArrayList<>();
        if (Destinations.el8Class(subject.destinationOs())) {
            List<String> gone = new ArrayList<>();
            List<RemovedDrivers.Entry> partly = new ArrayList<>();
            for (LoadedModule module : modules) {
                removedDrivers.lookup(module.name()).ifPresent(entry -> {
                    if (entry.wholeDriver()) {
                        gone.add(module.name().equals(entry.driver()) ? entry.driver()
                                : module.name() + " (driver " + entry.driver() + ")");
                    } else {
                        partly.add(entry);
                    }
                });
            }
            if (!gone.isEmpty()) {
                findings.add(new Finding(FindingCodes.KERNEL_MODULE_UNSUPPORTED, Severity.CRITICAL,
                        "Loaded kernel drivers are not available on the destination",
                        "Loaded now and removed in " + destination + ": " + String.join(", ", gone)
                                + ". The devices they drive will not work after the migration.",
                        "Move off the hardware or feature that needs these drivers, then unload them and keep them "
                                + "from loading (blacklist) before migrating.",
                        gone.stream().map(g -> "modprobe -r " + g.split(" ")[0]).collect(Collectors.joining(" && "))));
            }
            for (RemovedDrivers.Entry entry : partly) {
                findings.add(new Finding(FindingCodes.KERNEL_MODULE_UNSUPPORTED, Severity.WARNING,
                        "A loaded driver lost support for some devices on the destination",
                        "The driver " + entry.driver() + " is loaded; " + destination + " still ships it but no longer "
                                + "supports these PCI devices: " + String.join(", ", entry.removedDeviceIds()) + ".",
                        "Check whether this server has one of these devices; if it does, the device will not work "
                                + "after the migration.",
                        "lspci -nn -k | grep -A2 -i " + entry.driver()));
            }
        }
        List<String> outOfTree = modules.stream().filter(LoadedModule::outOfTreeOrUnsigned)
                .map(m -> m.name() + " (" + m.taintFlags() + ")").toList();
        if (!outOfTree.isEmpty()) {
            findings.add(new Finding(FindingCodes.KERNEL_MODULE_UNSUPPORTED, Severity.WARNING,
                    "Out-of-tree or unsigned kernel modules are loaded",
                    "Modules built outside the kernel (flag O) or unsigned (flag E): " + String.join(", ", outOfTree)
                            + ". They are built for kernel " + subject.facts().kernel() + " and will not load on the "
                            + destination + " kernel.",
                    "Get builds of these modules for the destination kernel (or DKMS packages) from their vendor "
                            + "before migrating, and reinstall them afterwards.",
                    null));
        }
        return findings;
    }
}
