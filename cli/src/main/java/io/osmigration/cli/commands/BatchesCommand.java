package io.osmigration.cli.commands;

import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import io.osmigration.cli.ExitCodes;
import io.osmigration.cli.api.Model.Batch;
import io.osmigration.cli.api.Model.BatchSummary;
import io.osmigration.cli.api.Model.Job;
import io.osmigration.cli.api.Model.Page;
import io.osmigration.cli.output.Json;
import io.osmigration.cli.output.Progress;
import io.osmigration.cli.output.Table;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code osm batches list|show|pause|resume|cancel|approve} (migration-executor). */
@Command(mixinStandardHelpOptions = true, name = "batches", header = "List, show and steer batches.",
        subcommands = {BatchesCommand.ListBatches.class, BatchesCommand.Show.class, BatchesCommand.Pause.class,
                BatchesCommand.Resume.class, BatchesCommand.Cancel.class, BatchesCommand.Approve.class})
public final class BatchesCommand extends GroupCommand {

    @Command(mixinStandardHelpOptions = true, name = "list", header = "Lists batches, newest first, with their jobs counted per state.")
    static final class ListBatches extends OsmCommand {

        @Option(names = "--state", paramLabel = "STATE", description = "RUNNING, PAUSED, COMPLETED or CANCELLED.")
        String state;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "20",
                description = "At most N batches (default ${DEFAULT-VALUE}, at most 200).")
        int limit;

        @Option(names = "--json", description = "Print the batches as JSON.")
        boolean json;

        @Override
        public Integer call() {
            if (limit < 1 || limit > 200) {
                throw new UsageException("--limit must be from 1 to 200");
            }
            Page<BatchSummary> page = api().batches(state, 0, limit);
            if (json) {
                Json.print(out(), page.items());
                return ExitCodes.OK;
            }
            Table table = new Table("BATCH", "STATE", "TO", "DRILL", "JOBS", "CREATED", "COUNTS");
            page.items().forEach(b -> table.row(b.batchId(), b.state(), b.destinationOs(), b.drillMode(), b.total(),
                    b.createdAt(), counts(b.counts())));
            table.print(out());
            if (page.total() > page.items().size()) {
                out().printf("%d of %d batches (--limit)%n", page.items().size(), page.total());
            }
            out().flush();
            return ExitCodes.OK;
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "show", header = "Shows a batch and each of its jobs.")
    static final class Show extends OsmCommand {

        @Parameters(index = "0", paramLabel = "BATCH")
        String batchId;

        @Option(names = "--json", description = "Print the batch as the API gives it, as JSON.")
        boolean json;

        @Override
        public Integer call() {
            Batch batch = api().batch(batchId);
            if (json) {
                Json.print(out(), batch);
                return ExitCodes.OK;
            }
            printBatch(out(), batch);
            return ExitCodes.OK;
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "pause", header = "Pauses a batch: no more jobs start; running ones go on.")
    static final class Pause extends Control {
        Pause() {
            super("pause");
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "resume", header = "Resumes a paused batch (acknowledging the failures so far).")
    static final class Resume extends Control {
        Resume() {
            super("resume");
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "cancel", header = "Cancels a batch, or one of its jobs.", description = {"Cancels the batch, or with --job one job: jobs not yet migrating end "
            + "now; a migrating job stops between steps and its disks are rolled back."})
    static final class Cancel extends Control {

        @Option(names = "--job", paramLabel = "JOB", description = "Cancel only this job.")
        String jobId;

        Cancel() {
            super("cancel");
        }

        @Override
        Batch act() {
            return jobId == null ? super.act() : api().controlJob(batchId, jobId, "cancel");
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "approve", header = "Migrates drilled jobs that await approval: the ones named, or all.")
    static final class Approve extends OsmCommand {

        @Parameters(index = "0", paramLabel = "BATCH")
        String batchId;

        @Parameters(index = "1..*", paramLabel = "JOB", arity = "0..*", description = "Job ids (default: every job "
                + "awaiting approval).")
        List<String> jobIds;

        @Override
        public Integer call() {
            List<String> jobs = jobIds != null && !jobIds.isEmpty() ? jobIds : api().batch(batchId).jobs().stream()
                    .filter(j -> "AWAITING_APPROVAL".equals(j.state())).map(Job::jobId).toList();
            if (jobs.isEmpty()) {
                throw new UsageException("no job of " + batchId + " awaits approval");
            }
            Batch batch = null;
            for (String jobId : jobs) {
                batch = api().controlJob(batchId, jobId, "start");
            }
            out().printf("Approved %d job%s of %s.%n", jobs.size(), jobs.size() == 1 ? "" : "s", batchId);
            printBatch(out(), batch);
            return ExitCodes.OK;
        }
    }

    /** One of the batch's colon actions; prints the batch after it. */
    abstract static class Control extends OsmCommand {

        @Parameters(index = "0", paramLabel = "BATCH")
        String batchId;

        private final String action;

        Control(String action) {
            this.action = action;
        }

        Batch act() {
            return api().control(batchId, action);
        }

        @Override
        public Integer call() {
            printBatch(out(), act());
            return ExitCodes.OK;
        }
    }

    static void printBatch(java.io.PrintWriter out, Batch batch) {
        out.printf("%s  %s%s  drill %s%s%n", batch.batchId(), batch.state(),
                batch.reason() == null ? "" : " (" + batch.reason() + ")", batch.drillMode(),
                batch.maxParallel() == null ? "" : ", at most " + batch.maxParallel() + " at a time");
        out.println(Progress.render(batch.jobs().stream().map(Job::state).toList()));
        Table table = new Table("JOB", "INSTANCE", "SOURCE", "TO", "STATE", "STEP", "ERROR");
        for (Job job : batch.jobs()) {
            String step = job.steps().isEmpty() ? null : job.steps().get(job.steps().size() - 1).name() + " "
                    + job.steps().get(job.steps().size() - 1).status();
            table.row(job.jobId(), job.instanceId(), job.sourceId(), job.destinationOs(), job.state(), step,
                    job.error());
        }
        table.print(out);
    }

    static String counts(Map<String, Integer> counts) {
        StringJoiner joined = new StringJoiner(" · ");
        if (counts != null) {
            Progress.STATES.forEach(state -> {
                Integer count = counts.get(state);
                if (count != null && count > 0) {
                    joined.add(state + " " + count);
                }
            });
        }
        return joined.toString();
    }
}
