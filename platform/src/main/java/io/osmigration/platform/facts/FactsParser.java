package io.osmigration.platform.facts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the sectioned output of {@code collect-facts.sh} into {@link ServerFacts}. */
public final class FactsParser {

    private static final Pattern SECTION = Pattern.compile("^==osm:([a-z0-9-]+)==$");
    private static final Pattern OS_RELEASE_LINE = Pattern.compile("^([A-Z0-9_]+)=(.*)$");

    private FactsParser() {
    }

    /**
     * @throws IllegalArgumentException if the text is not collector output (no {@code ==osm:end==} marker means the
     *                                  script was cut off), or lists fewer packages or modules than the collector
     *                                  counted: either way the facts would be silently incomplete
     */
    public static ServerFacts parse(String output, Instant collectedAt) {
        Map<String, List<String>> sections = sections(output);
        if (!sections.containsKey("end")) {
            throw new IllegalArgumentException("Incomplete collector output: the ==osm:end== marker is missing");
        }
        checkCounts(sections);
        Map<String, String> osRelease = osRelease(sections.getOrDefault("os-release", List.of()));
        Map<String, Long> freeByMount = freeMiBByMount(sections.getOrDefault("df", List.of()));
        Long rootFree = freeByMount.get("/");
        return new ServerFacts(
                osRelease.getOrDefault("ID", ""),
                osRelease.getOrDefault("VERSION_ID", ""),
                osRelease.getOrDefault("PRETTY_NAME", ""),
                first(sections, "arch"),
                first(sections, "kernel"),
                first(sections, "hostname"),
                emptyToNull(first(sections, "machine-id")),
                nonBlank(sections.get("packages")),
                nonBlank(sections.get("modules")),
                nonBlank(sections.get("repos")),
                rootFree,
                freeByMount.getOrDefault("/boot", rootFree),
                parseLong(first(sections, "memory")),
                "installed".equals(first(sections, "cloud-assistant")),
                collectedAt,
                nonBlank(sections.get("local-binaries")));
    }

    /** Older collectors print no counts section; then there is nothing to check. */
    private static void checkCounts(Map<String, List<String>> sections) {
        Map<String, String> counts = osRelease(sections.getOrDefault("counts", List.of()).stream()
                .map(line -> line.strip().toUpperCase(java.util.Locale.ROOT)).toList());
        for (String section : List.of("packages", "modules")) {
            String expected = counts.get(section.toUpperCase(java.util.Locale.ROOT));
            int listed = nonBlank(sections.get(section)).size();
            if (expected != null && expected.matches("\\d+") && Integer.parseInt(expected) != listed) {
                throw new IllegalArgumentException("Incomplete collector output: " + listed + " " + section
                        + " listed, the server counted " + expected);
            }
        }
    }

    static Map<String, List<String>> sections(String output) {
        Map<String, List<String>> sections = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : output.split("\r?\n")) {
            Matcher header = SECTION.matcher(line.strip());
            if (header.matches()) {
                current = sections.computeIfAbsent(header.group(1), name -> new ArrayList<>());
            } else if (current != null) {
                current.add(line);
            }
        }
        return sections;
    }

    static Map<String, String> osRelease(List<String> lines) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : lines) {
            Matcher matcher = OS_RELEASE_LINE.matcher(line.strip());
            if (matcher.matches()) {
                values.put(matcher.group(1), unquote(matcher.group(2).strip()));
            }
        }
        return values;
    }

    /** {@code df -P -k}: the fourth column is available KiB, the sixth the mount point. */
    static Map<String, Long> freeMiBByMount(List<String> lines) {
        Map<String, Long> free = new LinkedHashMap<>();
        for (String line : lines) {
            String[] columns = line.strip().split("\\s+");
            if (columns.length >= 6 && columns[3].matches("\\d+")) {
                free.putIfAbsent(columns[5], Long.parseLong(columns[3]) / 1024);
            }
        }
        return free;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    private static String first(Map<String, List<String>> sections, String name) {
        return nonBlank(sections.get(name)).stream().findFirst().orElse("");
    }

    private static List<String> nonBlank(List<String> lines) {
        return lines == null ? List.of() : lines.stream().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }

    private static Long parseLong(String value) {
        return value.matches("\\d+") ? Long.valueOf(value) : null;
    }

    private static String emptyToNull(String value) {
        return value.isEmpty() ? null : value;
    }
}
