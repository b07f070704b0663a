package io.osmigration.cli.commands;

import java.time.Duration;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code osm watch BATCH}: live progress over SSE until the batch ends; the exit status says how it ended. */
@Command(mixinStandardHelpOptions = true, name = "watch", header = "Follows a batch live to its end; the exit status says how it ended.", description = {
        "Follows a batch live (Server-Sent Events): a line per job change, a progress bar and the jobs counted per "
                + "state, until the batch ends or needs someone.",
        "Exit status: 0 every job COMPLETED, 3 finished with other outcomes, 4 cancelled, 5 paused, "
                + "6 drilled jobs await approval, 7 --timeout, 1 the batch or the server could not be read."})
public final class WatchCommand extends OsmCommand {

    @Parameters(index = "0", paramLabel = "BATCH", description = "The batch id (b-...), as 'osm migrate' printed it.")
    String batchId;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = Durations.class,
            description = "Stop watching after this long (e.g. 30m; default: until the batch ends).")
    Duration timeout;

    @Override
    public Integer call() throws InterruptedException {
        return new BatchWatcher(osm(), out(), err()).watch(batchId, timeout);
    }
}
