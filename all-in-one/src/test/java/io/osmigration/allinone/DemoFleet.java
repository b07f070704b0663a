package io.osmigration.allinone;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/** Picks instances out of the simulator's built-in demo fleet by what they were built for. */
@SuppressWarnings("unchecked")
final class DemoFleet {

    private DemoFleet() {
    }

    /** A running CentOS 7 x86_64 instance with Cloud Assistant, no findings to block it and no injected fault. */
    static String cleanCentos7Instance() {
        return instances().stream()
                .filter(instance -> "centos".equals(osRelease(instance).get("ID")))
                .filter(instance -> "7".equals(osRelease(instance).get("VERSION_ID")))
                .filter(instance -> !"aarch64".equals(instance.get("arch")))
                .filter(instance -> !Boolean.FALSE.equals(instance.get("cloudAssistant")))
                .filter(instance -> instance.get("faults") == null || noFaults((Map<String, Object>) instance.get("faults")))
                .filter(instance -> ((List<String>) instance.getOrDefault("packages", List.of())).stream()
                        .noneMatch(pkg -> pkg.endsWith(".i686") || pkg.startsWith("mysql") || pkg.startsWith("gcc")))
                .filter(instance -> !((List<String>) instance.getOrDefault("repos", List.of())).contains("epel-modular"))
                .filter(instance -> ((List<String>) instance.getOrDefault("modules", List.of())).stream()
                        .noneMatch(module -> module.contains("(") || module.startsWith("floppy") || module.startsWith("pata")))
                .filter(instance -> ((Number) instance.getOrDefault("memoryMiB", 4096)).intValue() >= 1024)
                .filter(instance -> ((List<Map<String, Object>>) instance.getOrDefault("disks", List.of())).stream()
                        .allMatch(disk -> ((Number) disk.getOrDefault("freeMiB", 20480)).intValue() >= 5120))
                .map(instance -> (String) instance.get("instanceId"))
                .findFirst().orElseThrow(() -> new IllegalStateException("The demo fleet has no clean CentOS 7 instance"));
    }

    /** The id of the demo instance with this name. */
    static String idOf(String instanceName) {
        return instances().stream().filter(instance -> instanceName.equals(instance.get("instanceName")))
                .map(instance -> (String) instance.get("instanceId")).findFirst()
                .orElseThrow(() -> new IllegalStateException("No demo instance named " + instanceName));
    }

    private static boolean noFaults(Map<String, Object> faults) {
        return faults.get("failStep") == null && !Boolean.TRUE.equals(faults.get("drillCritical"))
                && !Boolean.TRUE.equals(faults.get("snapshotFails"));
    }

    private static Map<String, String> osRelease(Map<String, Object> instance) {
        return (Map<String, String>) instance.getOrDefault("osRelease", Map.of());
    }

    static List<Map<String, Object>> instances() {
        try (InputStream in = DemoFleet.class.getClassLoader().getResourceAsStream("demo-fleet.json")) {
            if (in == null) {
                throw new IllegalStateException("demo-fleet.json is not on the class path");
            }
            Map<String, Object> fleet = JsonMapper.builder().build().readValue(in, Map.class);
            return (List<Map<String, Object>>) fleet.get("instances");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
