package io.osmigration.platform.cloud.assistant;

/** What a command's result is, besides its exit code and the tail of its console output. */
public enum Capture {
    /** No result: only the exit code and the console tail matter. */
    NONE,
    /** The script's standard output, whole, however large (its standard error is the console). */
    STDOUT,
    /** The file the script writes to {@code $OSM_RESULT_FILE} (a report, a listing), whole, however large. */
    FILE;

    String shellName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
