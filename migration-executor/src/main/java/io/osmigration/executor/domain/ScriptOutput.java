package io.osmigration.executor.domain;

import java.util.Optional;

/** Reads what the project's step scripts print. */
public final class ScriptOutput {

    /** Bytes of output kept in a MigrationStepDone (the contract's 2 KB excerpt). */
    public static final int EXCERPT_BYTES = 2048;
    private static final String RESULT_PREFIX = "OSM_RESULT os=";

    private ScriptOutput() {
    }

    /** The operating system VERIFY found, from its {@code OSM_RESULT os=<PRETTY_NAME>} line. */
    public static Optional<String> resultingOs(String output) {
        if (output == null) {
            return Optional.empty();
        }
        for (String line : output.split("\n")) {
            String trimmed = line.trim();
            if (trimmed.startsWith(RESULT_PREFIX)) {
                return Optional.of(trimmed.substring(RESULT_PREFIX.length()).trim());
            }
        }
        return Optional.empty();
    }

    /** The end of the output, at most {@link #EXCERPT_BYTES} bytes of UTF-8: where a failing script says why. */
    public static String excerpt(String output) {
        if (output == null) {
            return "";
        }
        String tail = output.length() <= EXCERPT_BYTES ? output : output.substring(output.length() - EXCERPT_BYTES);
        while (tail.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > EXCERPT_BYTES) {
            tail = tail.substring(Character.charCount(tail.codePointAt(0)));
        }
        return tail;
    }

    /** A value safe to put into a shell assignment: letters, digits, dot, dash and underscore only. */
    public static String shellSafe(String value) {
        if (value == null || !value.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("unsafe script parameter: " + value);
        }
        return value;
    }
}
