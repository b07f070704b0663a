package io.osmigration.simulator;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reads and writes {@code /etc/os-release} (KEY="value" lines, shell-compatible quoting). */
final class OsReleaseFile {

    private OsReleaseFile() {
    }

    static String format(Map<String, String> values) {
        StringBuilder sb = new StringBuilder();
        values.forEach((k, v) -> sb.append(k).append("=\"").append(escape(v)).append("\"\n"));
        return sb.toString();
    }

    static Map<String, String> parse(String content) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String raw : content.split("\n")) {
            String line = raw.trim();
            int eq = line.indexOf('=');
            if (line.isEmpty() || line.startsWith("#") || eq <= 0) {
                continue;
            }
            values.put(line.substring(0, eq), unquote(line.substring(eq + 1)));
        }
        return values;
    }

    private static String escape(String v) {
        StringBuilder sb = new StringBuilder();
        for (char c : String.valueOf(v).toCharArray()) {
            if (c == '"' || c == '\\' || c == '$' || c == '`') {
                sb.append('\\');
            }
            if (c != '\n') {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            boolean single = v.startsWith("'");
            v = v.substring(1, v.length() - 1);
            if (single) {
                return v;
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\' && i + 1 < v.length()) {
                c = v.charAt(++i);
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
