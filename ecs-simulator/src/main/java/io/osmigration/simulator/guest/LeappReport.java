package io.osmigration.simulator.guest;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Leapp report and its three renderings, as leapp/utils/report.py and leapp/utils/output.py
 * write them: {@code leapp-report.json} (schema 1.0.0/1.1.0 with {@code flags} and {@code tags},
 * 1.2.0 with {@code groups}; {@code json.dumps(..., indent=2, ensure_ascii=False)}),
 * {@code leapp-report.txt} (entries sorted by importance: errors, inhibitors, then severity) and
 * the console's REPORT OVERVIEW block.
 */
final class LeappReport {

    static final String INHIBITOR = "inhibitor";
    static final String ERROR = "error";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final Map<String, Integer> SEVERITY = Map.of("high", 1, "medium", 2, "low", 3, "info", 4);

    /**
     * One report entry.
     *
     * @param remediations {@code [{"type": "hint", "context": "..."}, {"type": "command", "context": ["leapp", ...]}]}
     * @param external     {@code [{"url": ..., "title": ...}]}
     * @param related      {@code [{"scheme": "package", "title": "openssh-server"}]}
     */
    record Entry(String actor, String title, String summary, String severity, String audience, List<String> groups,
                 List<Map<String, Object>> remediations, List<Map<String, String>> external,
                 List<Map<String, String>> related, String key) {

        boolean has(String group) {
            return groups.contains(group);
        }

        int importance() {
            if (has(ERROR)) {
                return -1;
            }
            return has(INHIBITOR) ? 0 : SEVERITY.getOrDefault(severity, 99);
        }
    }

    private final List<Entry> entries;
    private final String hostname;
    private final Instant time;
    private final String runId;

    LeappReport(List<Entry> entries, String hostname, Instant time, String runId) {
        this.entries = List.copyOf(entries);
        this.hostname = hostname;
        this.time = time;
        this.runId = runId;
    }

    int inhibitors() {
        return (int) entries.stream().filter(e -> e.has(INHIBITOR)).count();
    }

    int errors() {
        return (int) entries.stream().filter(e -> e.has(ERROR)).count();
    }

    String json(String schema) {
        List<Object> list = new ArrayList<>();
        int n = 0;
        for (Entry e : entries) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("hostname", hostname);
            m.put("severity", e.severity());
            if (schema.equals("1.2.0")) {
                m.put("groups", e.groups());
            } else {
                m.put("flags", e.groups().stream().filter(g -> g.equals(INHIBITOR) || g.equals("failure")).toList());
                m.put("tags", e.groups().stream().filter(g -> !g.equals(INHIBITOR) && !g.equals("failure") && !g.equals(ERROR)).toList());
            }
            m.put("timeStamp", STAMP.format(time.plusMillis(250L * n)));
            m.put("title", e.title());
            Map<String, Object> detail = new LinkedHashMap<>();
            if (!e.related().isEmpty()) {
                detail.put("related_resources", e.related());
            }
            if (!e.external().isEmpty()) {
                detail.put("external", e.external());
            }
            if (!e.remediations().isEmpty()) {
                detail.put("remediations", e.remediations());
            }
            m.put("detail", detail);
            m.put("actor", e.actor());
            m.put("summary", e.summary());
            m.put("audience", e.audience());
            if (!schema.equals("1.0.0")) {
                m.put("key", e.key());
            }
            m.put("id", Leapp.sha256(runId + ":" + n + ":" + e.key()));
            list.add(m);
            n++;
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("entries", list);
        root.put("leapp_run_id", runId);
        StringBuilder sb = new StringBuilder();
        PyJson.write(root, sb, 0);
        return sb.append('\n').toString();
    }

    String txt(String schema) {
        StringBuilder sb = new StringBuilder();
        for (Entry e : sorted()) {
            String flag = e.has(ERROR) ? "(error)" : e.has(INHIBITOR) ? "(inhibitor)" : "";
            sb.append("Risk Factor: ").append(e.severity()).append(' ').append(flag).append('\n');
            sb.append("Title: ").append(e.title()).append('\n');
            sb.append("Summary: ").append(e.summary()).append('\n');
            if (!e.external().isEmpty()) {
                sb.append("Related links:\n");
                e.external().forEach(l -> sb.append("    - ").append(l.get("title")).append(": ").append(l.get("url")).append('\n'));
            }
            if (!e.remediations().isEmpty()) {
                sb.append("Remediation: ").append(remediationText(e.remediations())).append('\n');
            }
            if (!schema.equals("1.0.0")) {
                sb.append("Key: ").append(e.key()).append('\n');
            }
            sb.append("-".repeat(40)).append('\n');
        }
        return sb.toString();
    }

    // leapp.reporting.Remediation.__repr__: the hint, then each command shell-quoted, one per line.
    static String remediationText(List<Map<String, Object>> remediations) {
        List<String> lines = new ArrayList<>();
        for (String type : new String[] {"hint", "command", "playbook"}) {
            for (Map<String, Object> r : remediations) {
                if (!type.equals(r.get("type"))) {
                    continue;
                }
                if ("command".equals(type)) {
                    List<String> quoted = new ArrayList<>();
                    for (Object a : (List<?>) r.get("context")) {
                        String s = String.valueOf(a);
                        quoted.add(s.matches("[A-Za-z0-9_@%+=:,./-]+") ? s : "'" + s.replace("'", "'\"'\"'") + "'");
                    }
                    lines.add("[command] " + String.join(" ", quoted));
                } else {
                    lines.add("[" + type + "] " + r.get("context"));
                }
            }
        }
        return String.join("\n", lines);
    }

    private List<Entry> sorted() {
        List<Entry> s = new ArrayList<>(entries);
        s.sort(Comparator.comparingInt(Entry::importance));
        return s;
    }

    /** The console block leapp/utils/output.py report_info prints after the workflow. */
    String overview(boolean upgrade, String answerfile) {
        List<Entry> errors = entries.stream().filter(e -> e.has(ERROR)).toList();
        List<Entry> inhibitors = entries.stream().filter(e -> e.has(INHIBITOR)).toList();
        List<Entry> ordinary = entries.stream().filter(e -> !e.has(ERROR) && !e.has(INHIBITOR)).toList();
        List<Entry> highMedium = new ArrayList<>(ordinary.stream().filter(e -> "high".equals(e.severity())).toList());
        highMedium.addAll(ordinary.stream().filter(e -> "medium".equals(e.severity())).toList());
        StringBuilder sb = new StringBuilder();
        if (!errors.isEmpty()) {
            sb.append(block("ERRORS")).append('\n');
            errors.forEach(e -> sb.append(STAMP.format(time)).append(" [ERROR] Actor: ").append(e.actor()).append("\nMessage: ")
                    .append(e.title()).append('\n'));
            sb.append(block("END OF ERRORS")).append('\n');
        } else {
            sb.append('\n');
        }
        sb.append("Debug output written to /var/log/leapp/leapp-").append(upgrade ? "upgrade" : "preupgrade").append(".log\n");
        sb.append(block("REPORT OVERVIEW")).append('\n');
        if (!errors.isEmpty()) {
            sb.append("Following errors occurred and the upgrade cannot continue:\n");
            int w = 4 + String.valueOf(errors.size()).length();
            for (int i = 0; i < errors.size(); i++) {
                sb.append(String.format("%" + w + "d. Actor: %s%n%s  Message: %s%n", i + 1, errors.get(i).actor(), " ".repeat(w), errors.get(i).title()));
            }
            sb.append('\n');
        }
        if (!inhibitors.isEmpty()) {
            sb.append("Upgrade has been inhibited due to the following problems:\n").append(titles(inhibitors)).append('\n');
        }
        if (!highMedium.isEmpty()) {
            sb.append("HIGH and MEDIUM severity reports:\n").append(titles(highMedium)).append('\n');
        }
        sb.append("Reports summary:\n");
        sb.append(String.format("    Errors:                  %5d%n", errors.size()));
        sb.append(String.format("    Inhibitors:              %5d%n", inhibitors.size()));
        for (String sev : new String[] {"high", "medium", "low", "info"}) {
            long c = ordinary.stream().filter(e -> sev.equals(e.severity())).count();
            sb.append(String.format("    %-25s%5d%n", sev.toUpperCase(java.util.Locale.ROOT) + " severity reports:", c));
        }
        sb.append("\nBefore continuing, review the full report below for details about discovered problems and possible remediation instructions:\n");
        sb.append("    A report has been generated at /var/log/leapp/leapp-report.txt\n");
        sb.append("    A report has been generated at /var/log/leapp/leapp-report.json\n");
        sb.append(block("END OF REPORT OVERVIEW")).append('\n');
        sb.append("Answerfile has been generated at ").append(answerfile).append('\n');
        return sb.toString();
    }

    private static String titles(List<Entry> list) {
        StringBuilder sb = new StringBuilder();
        int w = 4 + String.valueOf(list.size()).length();
        for (int i = 0; i < list.size(); i++) {
            sb.append(String.format("%" + w + "d. %s%n", i + 1, list.get(i).title()));
        }
        return sb.toString();
    }

    // output.py pretty_block_text: a 60-wide rule, the text centred (Python str.center), another rule.
    private static String block(String text) {
        String rule = "=".repeat(60);
        int pad = 60 - text.length();
        int left = pad / 2; // CPython: marg / 2 + (marg & width & 1), width 60 is even
        String centred = " ".repeat(Math.max(0, left)) + text + " ".repeat(Math.max(0, pad - left));
        return "\n" + rule + "\n" + centred + "\n" + rule + "\n";
    }

    /** Python's json.dumps(obj, indent=2, ensure_ascii=False). */
    static final class PyJson {
        private PyJson() {
        }

        static void write(Object v, StringBuilder sb, int depth) {
            if (v instanceof Map<?, ?> m) {
                if (m.isEmpty()) {
                    sb.append("{}");
                    return;
                }
                sb.append("{\n");
                int i = 0;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    indent(sb, depth + 1);
                    string(String.valueOf(e.getKey()), sb);
                    sb.append(": ");
                    write(e.getValue(), sb, depth + 1);
                    sb.append(++i < m.size() ? ",\n" : "\n");
                }
                indent(sb, depth);
                sb.append('}');
            } else if (v instanceof List<?> l) {
                if (l.isEmpty()) {
                    sb.append("[]");
                    return;
                }
                sb.append("[\n");
                for (int i = 0; i < l.size(); i++) {
                    indent(sb, depth + 1);
                    write(l.get(i), sb, depth + 1);
                    sb.append(i + 1 < l.size() ? ",\n" : "\n");
                }
                indent(sb, depth);
                sb.append(']');
            } else if (v instanceof String s) {
                string(s, sb);
            } else if (v == null) {
                sb.append("null");
            } else {
                sb.append(v);
            }
        }

        private static void indent(StringBuilder sb, int depth) {
            sb.append("  ".repeat(depth));
        }

        private static void string(String s, StringBuilder sb) {
            sb.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    case '\t' -> sb.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            sb.append(String.format("\\u%04x", (int) c));
                        } else {
                            sb.append(c);
                        }
                    }
                }
            }
            sb.append('"');
        }
    }
}
