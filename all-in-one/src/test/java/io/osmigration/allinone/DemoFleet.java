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

    /**
     * One host per supported path of the migration catalogue (source → destination), added to the demo fleet for the
     * end-to-end tests: real package listings, yum pointed at the CentOS vault (CentOS 7 and 8 mirrors are offline
     * since their end of life, as an operator must fix before any tool can be installed).
     */
    static final Map<String, Map<String, Object>> PATH_HOSTS = Map.of(
            "centos7-x86_64-anolis7", pathHost("i-bp1pathc7anolis7001", "7", "CentOS Linux 7 (Core)", "7.9.2009"),
            "centos7-x86_64-anolis8", pathHost("i-bp1pathc7anolis8001", "7", "CentOS Linux 7 (Core)", "7.9.2009"),
            "centos7-x86_64-rhel7", pathHost("i-bp1pathc7rhel7000001", "7", "CentOS Linux 7 (Core)", "7.9.2009"),
            "centos8-x86_64-rhel8", pathHost("i-bp1pathc8rhel8000001", "8", "CentOS Linux 8", "8.5.2111"),
            // EPEL 8 configured, as on most CentOS 8 servers: centos2anolis needs its python3-psutil
            "centos8-x86_64-anolis8", withRepos(pathHost("i-bp1pathc8anolis8001", "8", "CentOS Linux 8", "8.5.2111"),
                    List.of("baseos", "appstream", "extras", "epel")),
            // Arm instances (ecs.g6r): the same tools from the mirrors' aarch64 trees
            "centos7-aarch64-anolis7", onArm(pathHost("i-bp1pathc7anolis7a01", "7", "CentOS Linux 7 (AltArch)",
                    "7.9.2009")),
            "centos7-aarch64-anolis8", onArm(pathHost("i-bp1pathc7anolis8a01", "7", "CentOS Linux 7 (AltArch)",
                    "7.9.2009")),
            "centos8-aarch64-anolis8", onArm(withRepos(pathHost("i-bp1pathc8anolis8a01", "8", "CentOS Linux 8",
                    "8.5.2111"), List.of("baseos", "appstream", "extras", "epel"))));

    private static Map<String, Object> onArm(Map<String, Object> host) {
        Map<String, Object> arm = new java.util.LinkedHashMap<>(host);
        arm.put("arch", "aarch64");
        return arm;
    }

    private static Map<String, Object> withRepos(Map<String, Object> host, List<String> repos) {
        Map<String, Object> with = new java.util.LinkedHashMap<>(host);
        with.put("repos", repos);
        return with;
    }

    /** MetricsEndToEndTest's own host, migrated to Anolis OS 8 by it alone. */
    static final String METRICS_HOST = "i-bp1e2ecentos7met0001";

    /** Clean CentOS 7 hosts (yum at the vault) for tests that each migrate one host of their own to Anolis OS 8. */
    static final List<Map<String, Object>> EXTRA_HOSTS = List.of(
            pathHost("i-bp1e2ecentos7cli0001", "7", "CentOS Linux 7 (Core)", "7.9.2009"),
            pathHost("i-bp1e2ecentos7cli0002", "7", "CentOS Linux 7 (Core)", "7.9.2009"),
            pathHost("i-bp1e2ecentos7cli0003", "7", "CentOS Linux 7 (Core)", "7.9.2009"),
            pathHost("i-bp1e2ecentos7kfk0001", "7", "CentOS Linux 7 (Core)", "7.9.2009"),
            pathHost(METRICS_HOST, "7", "CentOS Linux 7 (Core)", "7.9.2009"));

    private static Map<String, Object> pathHost(String id, String version, String prettyName, String vault) {
        return Map.of("instanceId", id, "instanceName", "e2e-" + id.substring(5), "regionId", "cn-hangzhou",
                "osRelease", Map.of("ID", "centos", "VERSION_ID", version, "PRETTY_NAME", prettyName),
                "repoBaseUrl", "http://mirrors.cloud.aliyuncs.com/centos-vault/" + vault);
    }

    /** The demo fleet with the path hosts, as a fleet file for the all-in-one stack's simulator. */
    static java.nio.file.Path writeEndToEndFleet(java.nio.file.Path dir) {
        try (InputStream in = DemoFleet.class.getClassLoader().getResourceAsStream("demo-fleet.json")) {
            JsonMapper json = JsonMapper.builder().build();
            Map<String, Object> fleet = new java.util.LinkedHashMap<>(json.readValue(in, Map.class));
            List<Object> all = new java.util.ArrayList<>((List<Object>) fleet.get("instances"));
            all.addAll(PATH_HOSTS.values());
            all.addAll(EXTRA_HOSTS);
            fleet.put("instances", all);
            java.nio.file.Path file = dir.resolve("e2e-fleet.json");
            java.nio.file.Files.writeString(file, json.writeValueAsString(fleet));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Map<String, Object>> instances() {
        try (InputStream in = DemoFleet.class.getClassLoader().getResourceAsStream("demo-fleet.json")) {
            if (in == null) {
                throw new IllegalStateException("demo-fleet.json is not on the class path");
            }
            Map<String, Object> fleet = JsonMapper.builder().build().readValue(in, Map.class);
            List<Map<String, Object>> all = new java.util.ArrayList<>((List<Map<String, Object>>) fleet.get("instances"));
            PATH_HOSTS.values().forEach(all::add);
            all.addAll(EXTRA_HOSTS);
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
