package io.osmigration.executor.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.osmigration.executor.domain.DrillItem;

/**
 * Reads the Leapp report ({@code leapp-report.json}) that drill.sh prints between {@code OSM_REPORT_BEGIN} and
 * {@code OSM_REPORT_END}: inhibitors are CRITICAL, high-severity entries WARNING, the rest INFO.
 */
final class DrillReportParser {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DrillReportParser() {
    }

    static List<DrillItem> parse(String output) {
        int begin = output.indexOf("OSM_REPORT_BEGIN");
        int end = output.indexOf("OSM_REPORT_END");
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("the drill printed no report");
        }
        String json = output.substring(begin + "OSM_REPORT_BEGIN".length(), end).trim();
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("the drill report is not JSON: " + e.getOriginalMessage());
        }
        List<DrillItem> items = new ArrayList<>();
        for (JsonNode entry : root.path("entries").values()) {
            boolean inhibitor = false;
            for (JsonNode flag : entry.path("flags").values()) {
                inhibitor |= "inhibitor".equals(flag.asString(""));
            }
            String title = entry.path("title").asString("");
            String hint = null;
            for (JsonNode remediation : entry.path("detail").path("remediations").values()) {
                if ("hint".equals(remediation.path("type").asString("")) && hint == null) {
                    hint = remediation.path("context").asString(null);
                }
            }
            items.add(new DrillItem(code(entry, title), DrillItem.severityOf(entry.path("severity").asString(""),
                    inhibitor), title, entry.path("summary").asString(""), hint));
        }
        return items;
    }

    /** Leapp entries have no stable code; a key, if present, else one derived from the title. */
    private static String code(JsonNode entry, String title) {
        String key = entry.path("key").asString("");
        if (!key.isBlank()) {
            return "LEAPP_" + key.substring(0, Math.min(12, key.length())).toUpperCase(Locale.ROOT);
        }
        String derived = title.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_").replaceAll("^_|_$", "");
        return "LEAPP_" + (derived.length() > 40 ? derived.substring(0, 40) : derived);
    }
}
