package io.osmigration.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Typed access to an action's parameters, failing the way ECS does (MissingParameter / InvalidParameter). */
final class Params {

    private final Map<String, String> values;

    Params(Map<String, String> values) {
        this.values = values;
    }

    String required(String name) {
        String v = values.get(name);
        if (v == null || v.isEmpty()) {
            throw EcsException.missing(name);
        }
        return v;
    }

    String optional(String name) {
        String v = values.get(name);
        return v == null || v.isEmpty() ? null : v;
    }

    String optional(String name, String fallback) {
        String v = optional(name);
        return v == null ? fallback : v;
    }

    boolean flag(String name) {
        return "true".equalsIgnoreCase(values.get(name));
    }

    int integer(String name, int fallback, int min, int max) {
        String v = optional(name);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw EcsException.invalid(name, "Valid values: " + min + " to " + max + ".");
            }
            return n;
        } catch (NumberFormatException e) {
            throw EcsException.invalid(name, "It must be an integer.");
        }
    }

    /**
     * A JSON array parameter such as {@code InstanceIds}; ECS answers {@code Invalid<Name>.Malformed}
     * when it is not an array of strings.
     */
    List<String> jsonArray(String name, int max) {
        String v = optional(name);
        if (v == null) {
            return null;
        }
        List<String> list = Json.stringArray(v);
        if (list == null) {
            throw new EcsException(400, "Invalid" + name + ".Malformed", "The specified parameter \"" + name + "\" is not valid.");
        }
        if (list.size() > max) {
            throw EcsException.invalid(name, "At most " + max + " values are allowed.");
        }
        return list;
    }

    /** A repeat list such as {@code InstanceId.1=…&InstanceId.2=…}, in index order. */
    List<String> repeated(String name, int max) {
        Pattern p = Pattern.compile(Pattern.quote(name) + "\\.(\\d+)");
        TreeMap<Integer, String> byIndex = new TreeMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            Matcher m = p.matcher(e.getKey());
            if (m.matches() && e.getValue() != null && !e.getValue().isEmpty()) {
                byIndex.put(Integer.parseInt(m.group(1)), e.getValue());
            }
        }
        if (byIndex.size() > max) {
            throw new EcsException(400, name + "s.ExceedLimit", "The number of " + name + " values exceeds " + max + ".");
        }
        return new ArrayList<>(byIndex.values());
    }

    Map<String, String> all() {
        return values;
    }
}
