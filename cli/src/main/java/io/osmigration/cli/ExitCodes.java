package io.osmigration.cli;

/**
 * The exit statuses of {@code osm}, for scripts ({@code osm migrate … && osm watch BATCH}). Documented in the README's
 * command-line section and in {@code osm --help}.
 */
public final class ExitCodes {

    /** Done; for {@code watch}, every job COMPLETED; for {@code precheck}, PASSED. */
    public static final int OK = 0;
    /** The server refused or failed (the problem+json, in one line), could not be reached, or the token is wrong. */
    public static final int ERROR = 1;
    /** A bad flag, argument or setting. */
    public static final int USAGE = 2;
    /** {@code watch}: the batch finished but not every job COMPLETED; {@code precheck}: FAILED. */
    public static final int FAILURES = 3;
    /** {@code watch}: the batch was cancelled. */
    public static final int CANCELLED = 4;
    /** {@code watch}: the batch is paused (by an operator, or by itself at its failure threshold). */
    public static final int PAUSED = 5;
    /** {@code watch}: nothing moves until someone approves the drilled jobs ({@code osm batches approve}). */
    public static final int AWAITING_APPROVAL = 6;
    /** {@code watch}, {@code precheck}: gave up waiting ({@code --timeout}). */
    public static final int TIMEOUT = 7;

    static final String HELP = """
            Exit status:
              0  done (watch: every job COMPLETED; precheck: PASSED)
              1  the server refused or failed, could not be reached, or the token is wrong
              2  bad flag, argument or setting
              3  watch: the batch finished with jobs not COMPLETED; precheck: FAILED
              4  watch: the batch was cancelled
              5  watch: the batch is paused
              6  watch: jobs await approval after their drill (osm batches approve BATCH)
              7  watch, precheck: --timeout reached""";

    private ExitCodes() {
    }
}
