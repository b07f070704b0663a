package io.osmigration.platform.preflight;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What reading any tool's JSON report has in common: parsing it, and judging it with the tool's exit code. */
final class ToolReports {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ToolReports() {
    }

    /** @throws IllegalArgumentException when the text is no JSON, or lacks the tool's {@code field} */
    static JsonNode read(String json, String tool, String field, boolean array) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("the " + tool + " report is not JSON: " + e.getOriginalMessage());
        }
        JsonNode value = root == null ? null : root.path(field);
        if (value == null || (array ? !value.isArray() : !value.isObject())) {
            throw new IllegalArgumentException("the " + tool + " report has no " + field + (array ? " list" : ""));
        }
        return root;
    }

    /**
     * The findings, most severe first; when the tool failed (non-zero exit) and nothing in its report blocks, one
     * CRITICAL {@code code} more that says so: a failed check is never waved through.
     */
    static PreflightReport judge(String tool, String schema, Integer exitCode, List<PreflightFinding> findings,
                                 String code, String why, String hint) {
        List<PreflightFinding> all = new ArrayList<>(findings);
        if (exitCode != null && exitCode != 0 && all.stream().noneMatch(PreflightFinding::critical)) {
            all.add(new PreflightFinding(code, Severity.CRITICAL,
                    tool + " ended with exit code " + exitCode + " but its report names no inhibitor", why, hint, null,
                    List.of(), tool + " exit code " + exitCode));
        }
        all.sort(Comparator.comparing(PreflightFinding::severity));
        return new PreflightReport(tool.toLowerCase(java.util.Locale.ROOT), schema, exitCode, all);
    }
}
