package io.osmigration.precheck.rules;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The drivers EL8-class destinations no longer ship, read from {@code el8-removed-drivers.csv} (derived from
 * AlmaLinux leapp-data, Apache-2.0; see the NOTICE beside it). Names are kept normalised with {@code _}, because
 * {@code /proc/modules} writes {@code 3w_9xxx} for the driver {@code 3w-9xxx}.
 */
public final class RemovedDrivers {

    public static final String RESOURCE = "io/osmigration/precheck/rules/el8-removed-drivers.csv";

    /** @param wholeDriver true when the driver is gone; false when only {@code removedDeviceIds} lost support */
    public record Entry(String driver, boolean wholeDriver, List<String> removedDeviceIds) {
    }

    private final Map<String, Entry> byModuleName;

    RemovedDrivers(Map<String, Entry> byModuleName) {
        this.byModuleName = Map.copyOf(byModuleName);
    }

    public static RemovedDrivers load() {
        try (InputStream in = RemovedDrivers.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + RESOURCE);
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RemovedDrivers parse(List<String> lines) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] columns = line.split(",", -1);
            if (columns.length != 3 || !(columns[1].equals("ALL") || columns[1].equals("SOME"))) {
                throw new IllegalArgumentException("Bad driver table line: " + line);
            }
            List<String> ids = columns[2].isBlank() ? List.of() : Arrays.asList(columns[2].strip().split("\\s+"));
            entries.put(normalize(columns[0]), new Entry(columns[0], columns[1].equals("ALL"), List.copyOf(ids)));
        }
        return new RemovedDrivers(entries);
    }

    public static String normalize(String moduleName) {
        return moduleName.strip().replace('-', '_');
    }

    public Optional<Entry> lookup(String moduleName) {
        return Optional.ofNullable(byModuleName.get(normalize(moduleName)));
    }

    public int size() {
        return byModuleName.size();
    }
}
