package io.osmigration.platform.preflight;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import io.osmigration.platform.fixtures.RealHosts;

/**
 * Leapp reports built from real entries: the 12 entries of oamg/leapp's tests/data/report-schema/
 * leapp-report-stable-key.json (schema 1.1.0, RHEL 7 to 8) and the 17 of a real leapp-report.txt (RHEL 7 on AWS to
 * 8.8), turned into JSON entries as Leapp writes them. Schema 1.2.0 is made the way oamg/leapp
 * leapp/utils/report.py makes it: flags and tags become groups.
 */
final class RealLeappReports {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private RealLeappReports() {
    }

    /** The real JSON report, as it is (schema 1.1.0). */
    static String stableKeyReport() {
        return String.join("\n", RealHosts.lines("leapp/leapp-report-el7toel8.json"));
    }

    static List<ObjectNode> jsonEntries() {
        List<ObjectNode> entries = new ArrayList<>();
        JSON.readTree(stableKeyReport()).path("entries").values().forEach(e -> entries.add((ObjectNode) e));
        return entries;
    }

    /** The entries of the real leapp-report.txt, as the JSON entries Leapp wrote next to it. */
    static List<ObjectNode> textEntries() {
        List<ObjectNode> entries = new ArrayList<>();
        String text = String.join("\n", RealHosts.lines("leapp/leapp-report.txt"));
        for (String block : text.split("-{40}")) {
            Map<String, StringBuilder> fields = new LinkedHashMap<>();
            String current = null;
            for (String line : block.strip().split("\n")) {
                int colon = line.indexOf(": ");
                String name = colon > 0 ? line.substring(0, colon) : "";
                if (List.of("Risk Factor", "Title", "Summary", "Remediation", "Key", "Related links").contains(name)) {
                    current = name;
                    fields.put(current, new StringBuilder(line.substring(colon + 2)));
                } else if (line.startsWith("Related links:")) {
                    current = "Related links";
                    fields.put(current, new StringBuilder());
                } else if (current != null) {
                    fields.get(current).append('\n').append(line);
                }
            }
            if (!fields.containsKey("Title")) {
                continue;
            }
            ObjectNode entry = JSON.createObjectNode();
            String risk = fields.get("Risk Factor").toString().strip();
            entry.put("severity", risk.split(" ")[0]);
            entry.put("title", fields.get("Title").toString().strip());
            entry.put("summary", fields.get("Summary").toString().strip());
            entry.put("key", fields.get("Key").toString().strip());
            entry.put("audience", "sysadmin");
            entry.put("hostname", "ip-10-0-0-1.ec2.internal");
            entry.putArray("tags");
            ArrayNode flags = entry.putArray("flags");
            if (risk.contains("(inhibitor)")) {
                flags.add("inhibitor");
            }
            if (fields.containsKey("Remediation")) {
                String remediation = fields.get("Remediation").toString().strip();
                ObjectNode hint = entry.putObject("detail").putArray("remediations").addObject();
                hint.put("type", "hint");
                hint.put("context", remediation.replaceFirst("^\\[hint\\] ", ""));
            }
            entries.add(entry);
        }
        return entries;
    }

    /** Schema 1.2.0 from 1.1.0 entries: groups = flags + tags, no flags or tags left. */
    static ObjectNode toSchema120(ObjectNode entry) {
        ObjectNode copy = entry.deepCopy();
        ArrayNode groups = JSON.createArrayNode();
        for (String field : new String[] {"flags", "tags"}) {
            copy.path(field).values().forEach(groups::add);
            copy.remove(field);
        }
        copy.set("groups", groups);
        return copy;
    }

    static String report(List<? extends JsonNode> entries) {
        ObjectNode root = JSON.createObjectNode();
        root.put("leapp_run_id", "b7a0d8d6-3c3f-4e48-9f39-1c1f3c6b4a11");
        ArrayNode list = root.putArray("entries");
        entries.forEach(list::add);
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }

    /** At least {@code bytes} of report: the 29 real entries again and again, each copy with its own id and key. */
    static List<ObjectNode> entriesOfAtLeast(int bytes) {
        List<ObjectNode> real = new ArrayList<>(jsonEntries());
        real.addAll(textEntries());
        List<ObjectNode> entries = new ArrayList<>();
        int size = 0;
        for (int copy = 0; size < bytes; copy++) {
            for (ObjectNode entry : real) {
                ObjectNode again = entry.deepCopy();
                again.put("id", String.format("%064x", (long) copy * 1000 + entries.size()));
                again.put("key", String.format("%08x", copy) + entry.path("key").asString("").substring(8));
                entries.add(again);
                size += JSON.writeValueAsString(again).length();
            }
        }
        return entries;
    }
}
