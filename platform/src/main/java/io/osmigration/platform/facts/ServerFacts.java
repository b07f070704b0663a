package io.osmigration.platform.facts;

import java.time.Instant;
import java.util.List;

/**
 * What the collector script found on one server. A plain value: no Avro, Spring or Mongo in it.
 *
 * @param rootFreeMiB free space on {@code /}, null when unknown
 * @param bootFreeMiB free space on the file system holding {@code /boot}, null when unknown
 */
public record ServerFacts(String osId, String osVersionId, String osPrettyName, String arch, String kernel,
                          String hostname, String machineId, List<String> packages, List<String> modules,
                          List<String> repos, Long rootFreeMiB, Long bootFreeMiB, Long memoryMiB,
                          boolean cloudAssistantInstalled, Instant collectedAt) {

    public ServerFacts {
        packages = List.copyOf(packages);
        modules = List.copyOf(modules);
        repos = List.copyOf(repos);
    }
}
