package io.osmigration.precheck;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The simulator's fleet for these tests: the demo fleet plus servers the size of real ones, built from the real
 * listings shipped with the simulator (io/osmigration/simulator/world/hosts, see shared/data/real-hosts/SOURCES.md):
 * 1,500 rpm -qa lines (centos7-server, rhel72-server and centos8 one after the other, then again) and the 89 modules
 * of lsmod-centos7 (with floppy and pata_acpi, which EL 8 removed).
 */
public final class BigHosts {

    public static final String GLIBC_I686 = "glibc-2.17-326.el7_9.i686";
    /** A 32-bit package at the start, in the middle and at the end of the listing. */
    public static final List<String> WITH_I686 = List.of("i-bp1big1500i686first", "i-bp1big1500i686middle",
            "i-bp1big1500i686last");
    /** 1,500 packages, the real modules without the two EL 8 removed. */
    public static final String HEALTHY = "i-bp1big1500healthy01";
    /** 1,500 packages and the real lsmod as it is. */
    public static final String REAL_LSMOD = "i-bp1big1500reallsmod";

    /** Copies of the demo fleet's clean CentOS 7 server (the one the fleet bench copies), for fleet-sized runs. */
    public static final List<String> FLEET = fleetIds(40);
    /** One more copy, which a test stops (nothing else may use it). */
    public static final String TO_STOP = "i-bp1tostop000000000";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private BigHosts() {
    }

    static Path fleetFile(Path dir) {
        ObjectNode fleet = (ObjectNode) JSON.readTree(resource("/demo-fleet.json"));
        ArrayNode instances = (ArrayNode) fleet.path("instances");
        List<String> modules = lines("lsmod-centos7.txt").stream().filter(l -> !l.startsWith("Module ")).toList();
        List<String> healthyModules = modules.stream()
                .filter(m -> !m.startsWith("floppy ") && !m.startsWith("pata_acpi ")).toList();
        int[] positions = {0, 750, 1499};
        for (int i = 0; i < WITH_I686.size(); i++) {
            List<String> packages = new ArrayList<>(packages(1499));
            packages.add(positions[i], GLIBC_I686);
            instances.add(instance(WITH_I686.get(i), packages, healthyModules));
        }
        instances.add(instance(HEALTHY, packages(1500), healthyModules));
        instances.add(instance(REAL_LSMOD, packages(1500), modules));
        ObjectNode template = null;
        for (var node : instances) {
            if ("i-bp1demo000000000001".equals(node.path("instanceId").asString())) {
                template = (ObjectNode) node;
            }
        }
        for (String id : java.util.stream.Stream.concat(FLEET.stream(), java.util.stream.Stream.of(TO_STOP)).toList()) {
            ObjectNode copy = template.deepCopy();
            copy.put("instanceId", id);
            copy.put("instanceName", id.substring(2));
            ArrayNode disks = (ArrayNode) copy.path("disks");
            for (int d = 0; d < disks.size(); d++) {
                ((ObjectNode) disks.get(d)).put("diskId", "d-" + id.substring(2) + d);
            }
            instances.add(copy);
        }
        try {
            Path file = dir.resolve("fleet.json");
            Files.writeString(file, JSON.writeValueAsString(fleet));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> fleetIds(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(String.format("i-bp1fleet%010d", i));
        }
        return List.copyOf(ids);
    }

    private static ObjectNode instance(String id, List<String> packages, List<String> modules) {
        ObjectNode instance = JSON.createObjectNode();
        instance.put("instanceId", id);
        instance.put("regionId", "cn-hangzhou");
        instance.put("arch", "x86_64");
        instance.put("memoryMiB", 8192);
        ObjectNode os = instance.putObject("osRelease");
        os.put("ID", "centos");
        os.put("VERSION_ID", "7");
        os.put("PRETTY_NAME", "CentOS Linux 7 (Core)");
        packages.forEach(instance.putArray("packages")::add);
        modules.forEach(instance.putArray("modules")::add);
        return instance;
    }

    private static List<String> packages(int count) {
        LinkedHashSet<String> union = new LinkedHashSet<>();
        for (String listing : List.of("centos7-server.txt", "rhel72-server.txt", "centos8.txt")) {
            union.addAll(lines(listing));
        }
        List<String> all = new ArrayList<>(union);
        List<String> packages = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            packages.add(all.get(i % all.size()));
        }
        return packages;
    }

    private static List<String> lines(String listing) {
        return resource("/io/osmigration/simulator/world/hosts/" + listing).lines().filter(l -> !l.isBlank()).toList();
    }

    private static String resource(String path) {
        try (InputStream in = BigHosts.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("No resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
