package io.osmigration.platform.facts;

import java.time.Instant;
import java.util.List;

/**
 * What the collector script found on one server. A plain value: no Avro, Spring or Mongo in it.
 *
 * @param rootFreeMiB free space on {@code /}, null when unknown
 * @param bootFreeMiB free space on the file system holding {@code /boot}, null when unknown
 * @param localBinaries ELF executables under {@code /usr/local} and {@code /opt}: installed outside the package
 *                      manager, so probably built on this server against its toolchain
 */
public record ServerFacts(String osId, String osVersionId, String osPrettyName, String arch, String kernel,
                          String hostname, String machineId, List<String> packages, List<String> modules,
                          List<String> repos, Long rootFreeMiB, Long bootFreeMiB, Long memoryMiB,
                          boolean cloudAssistantInstalled, Instant collectedAt, List<String> localBinaries) {

    public ServerFacts {
        packages = List.copyOf(packages);
        modules = List.copyOf(modules);
        repos = List.copyOf(repos);
        localBinaries = List.copyOf(localBinaries);
    }

    /** Facts without a list of local binaries (from sources that cannot see the file system, such as ECS). */
    public ServerFacts(String osId, String osVersionId, String osPrettyName, String arch, String kernel,
                       String hostname, String machineId, List<String> packages, List<String> modules,
                       List<String> repos, Long rootFreeMiB, Long bootFreeMiB, Long memoryMiB,
                       boolean cloudAssistantInstalled, Instant collectedAt) {
        this(osId, osVersionId, osPrettyName, arch, kernel, hostname, machineId, packages, modules, repos, rootFreeMiB,
                bootFreeMiB, memoryMiB, cloudAssistantInstalled, collectedAt, List.of());
    }
}
