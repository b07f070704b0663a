package io.osmigration.simulator.guest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Leapp's data as the simulator carries it (under {@code world/leapp/}): the vendor's
 * {@code device_driver_deprecation_data.json} (AlmaLinux/leapp-data, files/centos, Apache-2.0),
 * the actors of each phase of the IPU workflow (names read from AlmaLinux/leapp-repository), and a
 * real preupgrade report (oamg/leapp tests/data/report-schema/leapp-report-stable-key.json) whose
 * entries are reused where a host would produce the same one.
 */
final class LeappData {

    private static final String BASE = "io/osmigration/simulator/world/leapp/";
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final JsonNode DRIVERS = read("device_driver_deprecation_data.json");
    private static final JsonNode ACTORS = read("actors.json");
    private static final JsonNode SAMPLE = read("leapp-report-el7toel8.json");

    private LeappData() {
    }

    /**
     * Drivers whose entry has no device id (so it describes the driver, not a PCI device) and whose
     * {@code available_in_rhel} lacks the target major: what {@code check_detected_devices_and_drivers}
     * turns into the inhibitor "Leapp detected loaded kernel drivers which have been removed in RHEL N".
     */
    static Set<String> removedDrivers(int targetMajor) {
        return drivers(targetMajor, true);
    }

    /** Drivers still available but no longer maintained in the target (a high, non-blocking report). */
    static Set<String> unmaintainedDrivers(int targetMajor) {
        return drivers(targetMajor, false);
    }

    private static Set<String> drivers(int major, boolean removed) {
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode e : DRIVERS.path("data")) {
            String driver = e.path("driver_name").asString();
            if (driver.isEmpty() || !e.path("device_id").asString().isEmpty() || !"pci".equals(e.path("device_type").asString())) {
                continue;
            }
            boolean available = contains(e.path("available_in_rhel"), major);
            boolean maintained = contains(e.path("maintained_in_rhel"), major);
            if (removed ? !available : available && !maintained) {
                names.add(driver);
            }
        }
        return names;
    }

    private static boolean contains(JsonNode array, int major) {
        for (JsonNode v : array) {
            if (v.asInt() == major) {
                return true;
            }
        }
        return false;
    }

    /** Phase name to actor names, in workflow order, for {@code el7toel8} or {@code el8toel9}. */
    static Map<String, List<String>> phases(String upgradePath) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        ACTORS.path(upgradePath).properties().forEach(e -> {
            List<String> actors = new ArrayList<>();
            e.getValue().forEach(a -> actors.add(a.asString()));
            out.put(e.getKey(), actors);
        });
        return out;
    }

    /** An entry of the real sample report by actor, as a mutable JSON tree. */
    static JsonNode sampleEntry(String actor) {
        for (JsonNode e : SAMPLE.path("entries")) {
            if (actor.equals(e.path("actor").asString())) {
                return e.deepCopy();
            }
        }
        throw new IllegalStateException("No sample entry for actor " + actor);
    }

    static List<JsonNode> sampleEntries(String actor) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode e : SAMPLE.path("entries")) {
            if (actor.equals(e.path("actor").asString())) {
                out.add(e.deepCopy());
            }
        }
        return out;
    }

    private static JsonNode read(String name) {
        try (InputStream in = LeappData.class.getClassLoader().getResourceAsStream(BASE + name)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + BASE + name);
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
