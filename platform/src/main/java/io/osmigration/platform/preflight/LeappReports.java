package io.osmigration.platform.preflight;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * Reads Leapp's {@code leapp-report.json} in report schema 1.1.0 (inhibitors in {@code flags}) and 1.2.0 (everything
 * in {@code groups}), as oamg/leapp {@code leapp/utils/report.py} writes them, and judges it with Leapp's exit code.
 *
 * <ul>
 *   <li>An inhibitor, an actor error (group {@code error}) or a {@code failure} is CRITICAL: never waved through.
 *   <li>Other {@code high} entries are WARNING, the rest INFO.
 *   <li>A {@code command} remediation (a list of arguments) becomes the finding's command; a {@code hint} its hint.
 *   <li>Leapp's exit code 1 means inhibitors or errors. Schema 1.1.0 drops the {@code error} group from its output,
 *       so when Leapp exits 1 and the report shows nothing blocking, a CRITICAL {@code LEAPP_FAILED} says so.
 * </ul>
 */
public final class LeappReports {

    /** Actors whose findings have a code of ours, so a known remedy (catalogue) applies to them. */
    private static final Map<String, String> KNOWN_ACTORS = Map.of(
            "check_detected_devices_and_drivers", "KERNEL_MODULE_UNSUPPORTED",
            "openssh_permit_root_login", "SSHD_PERMIT_ROOT_LOGIN",
            "verify_check_results", "LEAPP_ANSWERS_MISSING",
            "checkmemory", "MEMORY");
    private static final Set<String> BLOCKING_GROUPS = Set.of("inhibitor", "error", "failure");
    private static final Pattern LISTED_ITEM = Pattern.compile("(?m)^\\s*- ([A-Za-z0-9_.:+-]+)(?:\\s|$)");
    private static final Pattern SAFE_ARG = Pattern.compile("[A-Za-z0-9._/:=@%+,-]+");

    private LeappReports() {
    }

    /**
     * @param exitCode Leapp's exit code, null when unknown
     * @throws IllegalArgumentException when the text is not a Leapp report
     */
    public static PreflightReport parse(String json, Integer exitCode) {
        JsonNode root = ToolReports.read(json, "Leapp", "entries", true);
        List<PreflightFinding> findings = new ArrayList<>();
        boolean groups = false;
        for (JsonNode entry : root.path("entries").values()) {
            groups |= entry.has("groups");
            findings.add(finding(entry));
        }
        return ToolReports.judge("Leapp", "leapp " + (groups ? "1.2.0 (groups)" : "1.1.0 (flags)"), exitCode,
                findings, "LEAPP_FAILED",
                "Leapp exits 1 for inhibitors and for actor errors; a report in schema 1.1.0 does not mark actor "
                        + "errors, so one of its entries, or /var/log/leapp/leapp-preupgrade.log, says what failed.",
                "Read the high-severity entries and leapp-preupgrade.log, fix the cause and run the drill again.");
    }

    private static PreflightFinding finding(JsonNode entry) {
        Set<String> marks = new LinkedHashSet<>();
        for (String field : new String[] {"groups", "flags"}) {
            for (JsonNode value : entry.path(field).values()) {
                marks.add(value.asString("").toLowerCase(Locale.ROOT));
            }
        }
        String severityName = entry.path("severity").asString("info");
        Severity severity = marks.stream().anyMatch(BLOCKING_GROUPS::contains) ? Severity.CRITICAL
                : "high".equals(severityName) ? Severity.WARNING : Severity.INFO;
        String title = entry.path("title").asString("");
        String summary = entry.path("summary").asString("");
        String actor = entry.path("actor").asString("");
        String key = entry.path("key").asString("");
        String hint = null;
        List<String> commands = new ArrayList<>();
        for (JsonNode remediation : entry.path("detail").path("remediations").values()) {
            String type = remediation.path("type").asString("");
            JsonNode context = remediation.path("context");
            if ("hint".equals(type) && hint == null) {
                hint = context.asString(null);
            } else if ("command".equals(type) && context.isArray()) {
                List<String> args = new ArrayList<>();
                context.values().forEach(arg -> args.add(quote(arg.asString(""))));
                commands.add(String.join(" ", args));
            }
        }
        String code = KNOWN_ACTORS.getOrDefault(actor, code(key, title));
        String kind = marks.contains("error") ? "actor error" : marks.contains("inhibitor") ? "inhibitor"
                : marks.contains("failure") ? "failure" : severityName;
        return new PreflightFinding(code, severity, title, summary, hint,
                commands.isEmpty() ? null : String.join(" && ", commands), targets(code, summary, commands),
                "leapp " + kind + (actor.isEmpty() ? "" : " from actor " + actor) + (key.isEmpty() ? "" : ", key " + key));
    }

    /** What a known remedy acts on: the drivers Leapp lists, or the answers its command records. */
    private static List<String> targets(String code, String summary, List<String> commands) {
        List<String> targets = new ArrayList<>();
        if ("KERNEL_MODULE_UNSUPPORTED".equals(code)) {
            Matcher item = LISTED_ITEM.matcher(summary);
            while (item.find()) {
                targets.add(item.group(1));
            }
        } else if ("LEAPP_ANSWERS_MISSING".equals(code)) {
            for (String command : commands) {
                Matcher answer = Pattern.compile("--section ([a-z0-9_]+\\.[a-z0-9_]+=[A-Za-z0-9_]+)").matcher(command);
                while (answer.find()) {
                    targets.add(answer.group(1));
                }
            }
        }
        return targets;
    }

    /** Leapp's entries have a stable key (schema 1.1.0 and later); older ones get a code from the title. */
    private static String code(String key, String title) {
        if (!key.isBlank()) {
            return "LEAPP_" + key.substring(0, Math.min(12, key.length())).toUpperCase(Locale.ROOT);
        }
        String derived = title.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_").replaceAll("^_|_$", "");
        return "LEAPP_" + (derived.length() > 40 ? derived.substring(0, 40) : derived);
    }

    private static String quote(String arg) {
        return SAFE_ARG.matcher(arg).matches() ? arg : "'" + arg.replace("'", "'\\''") + "'";
    }
}
