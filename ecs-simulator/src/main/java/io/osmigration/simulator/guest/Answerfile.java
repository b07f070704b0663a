package io.osmigration.simulator.guest;

import java.util.LinkedHashMap;
import java.util.Map;

/** Leapp's answerfile, an ini file read and written the way Python's configparser does. */
final class Answerfile {

    private Answerfile() {
    }

    static Map<String, Map<String, String>> parse(String text) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        Map<String, String> section = null;
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = out.computeIfAbsent(line.substring(1, line.length() - 1).strip(), k -> new LinkedHashMap<>());
                continue;
            }
            int eq = line.indexOf('=');
            if (section != null && eq > 0) {
                section.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        return out;
    }

    static String write(Map<String, Map<String, String>> ini) {
        StringBuilder sb = new StringBuilder();
        ini.forEach((section, values) -> {
            sb.append('[').append(section).append("]\n");
            values.forEach((k, v) -> sb.append(k).append(" = ").append(v).append('\n'));
            sb.append('\n');
        });
        return sb.toString();
    }

    /** The answer to {@code scope.key}: {@code true}, {@code false}, or {@code null} when unanswered. */
    static Boolean bool(Map<String, Map<String, String>> ini, String scope, String key) {
        String v = ini.getOrDefault(scope, Map.of()).get(key);
        if (v == null || v.isBlank()) {
            return null;
        }
        return v.equalsIgnoreCase("true");
    }
}
