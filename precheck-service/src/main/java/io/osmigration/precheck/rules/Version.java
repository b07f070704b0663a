package io.osmigration.precheck.rules;

import java.util.ArrayList;
import java.util.List;

/** A dotted numeric version compared component by component ("8.0.9" &lt; "8.0.36"), missing parts as 0. */
public record Version(List<Integer> parts) implements Comparable<Version> {

    public Version {
        parts = List.copyOf(parts);
    }

    /** Reads the leading numeric components: "8.0.36" and "8.0.36a" both give 8.0.36. */
    public static Version parse(String text) {
        List<Integer> parts = new ArrayList<>();
        for (String piece : text.strip().split("\\.")) {
            String digits = piece.replaceFirst("^(\\d+).*$", "$1");
            if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit)) {
                break;
            }
            parts.add(Integer.parseInt(digits));
            if (!digits.equals(piece)) {
                break;
            }
        }
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("Not a version: " + text);
        }
        return new Version(parts);
    }

    @Override
    public int compareTo(Version other) {
        for (int i = 0; i < Math.max(parts.size(), other.parts.size()); i++) {
            int a = i < parts.size() ? parts.get(i) : 0;
            int b = i < other.parts.size() ? other.parts.get(i) : 0;
            if (a != b) {
                return Integer.compare(a, b);
            }
        }
        return 0;
    }

    @Override
    public String toString() {
        return String.join(".", parts.stream().map(String::valueOf).toList());
    }
}
