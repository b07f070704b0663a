package io.osmigration.platform.preflight;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Reads convert2rhel's pre-conversion report ({@code /var/log/convert2rhel/convert2rhel-pre-conversion.json}, format
 * 1.x of oamg/convert2rhel {@code schemas/assessment-schema-1.2.json}) and judges it with the tool's exit code
 * (convert2rhel/main.py: 0 successful, 1 failure, 2 inhibitors found).
 *
 * <p>An action's result ERROR or OVERRIDABLE is an inhibitor: CRITICAL (OVERRIDABLE only means convert2rhel lets an
 * operator override it, which osmigration never does on its own). SKIP (the check could not run because another
 * failed) is WARNING; messages keep their level (WARNING, INFO).
 */
public final class Convert2RhelReports {

    private static final Map<String, Severity> RESULT_LEVELS = Map.of(
            "ERROR", Severity.CRITICAL, "OVERRIDABLE", Severity.CRITICAL, "SKIP", Severity.WARNING);
    private static final Map<String, Severity> MESSAGE_LEVELS = Map.of(
            "WARNING", Severity.WARNING, "INFO", Severity.INFO);

    private Convert2RhelReports() {
    }

    /** @throws IllegalArgumentException when the text is not a pre-conversion report */
    public static PreflightReport parse(String json, Integer exitCode) {
        JsonNode root = ToolReports.read(json, "convert2rhel", "actions", false);
        List<PreflightFinding> findings = new ArrayList<>();
        for (Map.Entry<String, JsonNode> action : root.path("actions").properties()) {
            JsonNode result = action.getValue().path("result");
            Severity severity = RESULT_LEVELS.get(result.path("level").asString(""));
            if (severity != null) {
                findings.add(finding(action.getKey(), result, severity));
            }
            for (JsonNode message : action.getValue().path("messages").values()) {
                Severity level = MESSAGE_LEVELS.get(message.path("level").asString(""));
                if (level != null) {
                    findings.add(finding(action.getKey(), message, level));
                }
            }
        }
        return ToolReports.judge("convert2rhel", "convert2rhel " + root.path("format_version").asString("?"),
                exitCode, findings, "C2R_FAILED",
                "convert2rhel exits 1 when it fails itself and 2 for inhibitors; /var/log/convert2rhel/"
                        + "convert2rhel.log says what failed.",
                "Read convert2rhel.log, fix the cause and run the drill again.");
    }

    private static PreflightFinding finding(String action, JsonNode item, Severity severity) {
        String id = item.path("id").asString("");
        String description = item.path("description").asString("");
        String diagnosis = item.path("diagnosis").asString("");
        String detail = diagnosis.isBlank() ? description : description.isBlank() ? diagnosis : description + " " + diagnosis;
        String remediations = item.path("remediations").asString("");
        return new PreflightFinding("C2R_" + action, severity, item.path("title").asString(action), detail,
                remediations.isBlank() ? null : remediations, null, List.of(),
                "convert2rhel action " + action + (id.isBlank() ? "" : " (" + id + ")"));
    }
}
