package io.osmigration.cli.output;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * A batch's progress as one line: a bar of the finished share and the jobs counted per state, in the order a job goes
 * through them. On a terminal the line is redrawn in place under the log lines; in a pipe or a file each new line
 * is printed once, and only when the counts change.
 */
public final class Progress {

    public static final List<String> STATES = List.of("PENDING", "PRECHECKING", "SNAPSHOTTING", "DRILLING",
            "AWAITING_APPROVAL", "MIGRATING", "COMPLETED", "PRECHECK_FAILED", "FAILED", "ROLLED_BACK", "CANCELLED");
    private static final Set<String> FINISHED = Set.of("PRECHECK_FAILED", "COMPLETED", "FAILED", "ROLLED_BACK",
            "CANCELLED");
    private static final int WIDTH = 24;
    private static final String CLEAR_LINE = "\r\033[2K";

    private final PrintWriter out;
    private final boolean terminal;
    private String shown = "";
    private boolean drawn;

    public Progress(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** A log line above the bar. */
    public void line(String text) {
        if (terminal && drawn) {
            out.print(CLEAR_LINE);
        }
        out.println(text);
        if (terminal && drawn) {
            out.print(shown);
        }
        out.flush();
    }

    public void show(List<String> jobStates) {
        String line = render(jobStates);
        if (line.equals(shown) && drawn) {
            return;
        }
        shown = line;
        if (terminal) {
            out.print(CLEAR_LINE + line);
        } else {
            out.println(line);
        }
        drawn = true;
        out.flush();
    }

    /** Leaves the bar as it is and moves below it. */
    public void end() {
        if (terminal && drawn) {
            out.println();
            out.flush();
        }
        drawn = false;
    }

    public static String render(List<String> jobStates) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        STATES.forEach(state -> counts.put(state, 0));
        jobStates.forEach(state -> counts.merge(state, 1, Integer::sum));
        long finished = jobStates.stream().filter(FINISHED::contains).count();
        int total = jobStates.size();
        int filled = total == 0 ? 0 : (int) (finished * WIDTH / total);
        StringJoiner perState = new StringJoiner(" · ");
        counts.forEach((state, count) -> {
            if (count > 0) {
                perState.add(state + " " + count);
            }
        });
        return "[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] " + finished + "/" + total + " finished  "
                + perState;
    }
}
