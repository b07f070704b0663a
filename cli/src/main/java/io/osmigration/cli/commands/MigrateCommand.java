package io.osmigration.cli.commands;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.osmigration.cli.ExitCodes;
import io.osmigration.cli.api.ApiError;
import io.osmigration.cli.api.Model.Batch;
import io.osmigration.cli.api.Model.MigrationRequest;
import io.osmigration.cli.api.OsmApi;
import io.osmigration.cli.output.Json;
import io.osmigration.cli.output.Table;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code osm migrate --to alinux3 --ack-risks SOURCE…}: submits a batch to migration-executor. */
@Command(mixinStandardHelpOptions = true, name = "migrate", header = "Starts a batch migrating sources to a new OS in place.", description = {
        "Starts a batch: every source is pre-checked, snapshotted, optionally drilled, then migrated in place, at most "
                + "--max-parallel at a time. Prints the batch id; follow it with 'osm watch BATCH' (or --watch).",
        "Example: osm migrate --to alinux3 --drill and-migrate --ack-risks i-bp1abc web-02 s-0123456789abcdef0123"})
public final class MigrateCommand extends OsmCommand {

    private static final Duration RETRY = Duration.ofSeconds(1);

    @Parameters(paramLabel = "SOURCE[=OS]", arity = "0..*",
            description = "Source ids, ECS instance ids or hostnames; =OS gives one its own destination.")
    List<String> sources;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE",
            description = "A file of SOURCE[=OS], one per line (# comments; - is standard input).")
    Path file;

    @Option(names = {"-t", "--to"}, paramLabel = "OS",
            description = "Destination for all: alinux2, alinux3, anolis7, anolis8, rhel7, rhel8.")
    String destination;

    @Option(names = "--drill", paramLabel = "MODE", defaultValue = "none",
            description = "none (default), only (drill, then wait for 'osm batches approve'), "
                    + "and-migrate (drill, then migrate unless it found something CRITICAL).")
    String drill;

    @Option(names = "--max-parallel", paramLabel = "N", description = "Jobs running at once (server default 20).")
    Integer maxParallel;

    @Option(names = "--failure-threshold", paramLabel = "PERCENT",
            description = "Pause the batch when this share of the finished jobs failed.")
    Integer failureThreshold;

    @Option(names = "--request-id", paramLabel = "ID",
            description = "Makes the submission idempotent: the same id again gives the same batch (default: new).")
    String requestId;

    @Option(names = "--ack-risks", description = "Required: you accept that each server's OS is replaced in place "
            + "(disks are snapshotted first and rolled back on failure).")
    boolean acknowledgeRisks;

    @Option(names = "--wait-for-sources", paramLabel = "DURATION", defaultValue = "60s", converter = Durations.class,
            description = "How long to wait for the executor to learn of just-imported sources (default ${DEFAULT-VALUE}).")
    Duration waitForSources;

    @Option(names = "--watch", description = "Then follow the batch live, as 'osm watch' does (and exit as it does).")
    boolean watch;

    @Option(names = {"-q", "--quiet"}, description = "Print only the batch id.")
    boolean quiet;

    @Option(names = "--json", description = "Print the accepted batch as JSON.")
    boolean json;

    @Override
    public Integer call() throws InterruptedException {
        if (!acknowledgeRisks) {
            throw new UsageException("a migration replaces each server's operating system in place: pass --ack-risks "
                    + "to confirm (disks are snapshotted first and rolled back if a step fails)");
        }
        Map<String, String> destinations = targets();
        Map<String, String> sourceIds = new SourceResolver(api()).resolve(List.copyOf(destinations.keySet()));
        List<MigrationRequest.Target> targets = new ArrayList<>();
        destinations.forEach((name, os) -> targets.add(new MigrationRequest.Target(sourceIds.get(name), os)));
        MigrationRequest request = new MigrationRequest(requestId != null ? requestId : "osm-cli-" + UUID.randomUUID(),
                destination, targets, drillMode(), true, maxParallel, failureThreshold);

        OsmApi.Submitted submitted = submit(request);
        Batch batch = submitted.batch();
        if (quiet) {
            out().println(batch.batchId());
        } else if (json) {
            Json.print(out(), batch);
        } else {
            print(batch, submitted.created());
        }
        out().flush();
        return watch ? new BatchWatcher(osm(), out(), err()).watch(batch.batchId(), null) : ExitCodes.OK;
    }

    /** Name → destination (null: the batch's), in the order given. */
    private Map<String, String> targets() {
        Map<String, String> targets = new LinkedHashMap<>();
        for (String entry : Inputs.ids(sources, file, "source")) {
            int equals = entry.indexOf('=');
            String name = equals < 0 ? entry : entry.substring(0, equals);
            String os = equals < 0 ? null : entry.substring(equals + 1);
            if (name.isBlank() || (os != null && os.isBlank())) {
                throw new UsageException("'" + entry + "' is not SOURCE or SOURCE=OS");
            }
            targets.put(name, os);
        }
        if (destination == null && targets.containsValue(null)) {
            throw new UsageException("name the destination with --to (or give every source one as SOURCE=OS)");
        }
        return targets;
    }

    private String drillMode() {
        return switch (drill.toLowerCase(Locale.ROOT)) {
            case "none", "no" -> "NONE";
            case "only", "drill-only" -> "DRILL_ONLY";
            case "and-migrate", "drill-and-migrate" -> "DRILL_AND_MIGRATE";
            default -> throw new UsageException("--drill must be none, only or and-migrate, not '" + drill + "'");
        };
    }

    /**
     * The executor learns of sources from Kafka, a moment after source-registry imported them; sources the registry
     * knows but the executor does not yet are waited for (briefly), anything else it refuses is reported at once.
     */
    private OsmApi.Submitted submit(MigrationRequest request) throws InterruptedException {
        Instant deadline = Instant.now().plus(waitForSources);
        boolean told = false;
        while (true) {
            try {
                return api().submit(request);
            } catch (ApiError e) {
                List<String> unknown = unknownSources(e, request);
                if (unknown.isEmpty() || Instant.now().isAfter(deadline)
                        || unknown.stream().anyMatch(id -> api().source(id).isEmpty())) {
                    throw e;
                }
                if (!told && !quiet) {
                    err().printf("osm: waiting for migration-executor to learn of %d newly imported source%s…%n",
                            unknown.size(), unknown.size() == 1 ? "" : "s");
                    err().flush();
                    told = true;
                }
                Thread.sleep(RETRY.toMillis());
            }
        }
    }

    /** The source ids of a 400 that refused only because of unknown sources; empty otherwise. */
    private static List<String> unknownSources(ApiError e, MigrationRequest request) {
        if (e.status() != 400 || e.errors().isEmpty()) {
            return List.of();
        }
        List<String> unknown = new ArrayList<>();
        for (ApiError.FieldError error : e.errors()) {
            String field = error.field() == null ? "" : error.field();
            if (!field.matches("targets\\[\\d+]\\.sourceId") || error.message() == null
                    || !error.message().startsWith("unknown source")) {
                return List.of();
            }
            int index = Integer.parseInt(field.substring(field.indexOf('[') + 1, field.indexOf(']')));
            unknown.add(request.targets().get(index).sourceId());
        }
        return unknown;
    }

    private void print(Batch batch, boolean created) {
        out().printf("Batch %s %s: %d job%s, %s%s%n", batch.batchId(), created ? "accepted" : "exists already (same "
                        + "--request-id)", batch.jobs().size(), batch.jobs().size() == 1 ? "" : "s",
                "drill " + batch.drillMode(), batch.maxParallel() == null ? "" : ", at most " + batch.maxParallel()
                        + " at a time");
        Table table = new Table("JOB", "SOURCE", "INSTANCE", "TO", "STATE");
        batch.jobs().forEach(j -> table.row(j.jobId(), j.sourceId(), j.instanceId(), j.destinationOs(), j.state()));
        table.print(out());
        if (!watch) {
            out().println("Follow it: osm watch " + batch.batchId());
        }
    }
}
