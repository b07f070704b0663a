package io.osmigration.cli.commands;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.osmigration.cli.ExitCodes;
import io.osmigration.cli.api.Model.Batch;
import io.osmigration.cli.api.Model.BatchReport;
import io.osmigration.cli.api.Model.Finding;
import io.osmigration.cli.api.Model.Job;
import io.osmigration.cli.output.Csv;
import io.osmigration.cli.output.Json;
import io.osmigration.cli.output.Progress;
import io.osmigration.cli.output.Table;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code osm report BATCH}: what stands in a batch's way. The blockers, ranked by precheck-service by how many
 * instances fixing each would unblock, the warnings, and every job's findings (pre-check and drill) as the executor
 * keeps them.
 */
@Command(mixinStandardHelpOptions = true, name = "report", header = "Findings and blockers of a batch, as a table, JSON or CSV.", description = {
        "The findings and blockers of a batch: blockers ranked by how many instances fixing each one unblocks, then "
                + "every job with its outcome and findings.",
        "--format csv gives one row per job and finding (a job without findings has one row), for a spreadsheet."})
public final class ReportCommand extends OsmCommand {

    static final List<String> CSV_HEADER = List.of("batchId", "jobId", "sourceId", "instanceId", "destinationOs",
            "state", "error", "findingSource", "severity", "code", "title", "detail", "remediationHint",
            "remediationCommand");

    enum Format { table, json, csv }

    @Parameters(index = "0", paramLabel = "BATCH")
    String batchId;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table (default), json or csv.")
    Format format;

    @Override
    public Integer call() {
        Batch batch = api().batch(batchId);
        BatchReport prechecks = api().precheckReport(batchId);
        switch (format) {
            case json -> Json.print(out(), json(batch, prechecks));
            case csv -> csv(batch);
            default -> table(batch, prechecks);
        }
        out().flush();
        return ExitCodes.OK;
    }

    private static Map<String, Object> json(Batch batch, BatchReport prechecks) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("batchId", batch.batchId());
        report.put("state", batch.state());
        report.put("reason", batch.reason());
        report.put("counts", counts(batch));
        report.put("prechecks", Map.of("total", prechecks.total(), "passed", prechecks.passed(),
                "failed", prechecks.failed(), "running", prechecks.running()));
        report.put("blockers", prechecks.blockers());
        report.put("warnings", prechecks.warnings());
        report.put("jobs", batch.jobs());
        return report;
    }

    private void csv(Batch batch) {
        Csv csv = new Csv(out());
        csv.row(CSV_HEADER);
        for (Job job : batch.jobs()) {
            List<Object> jobFields = Arrays.asList(batch.batchId(), job.jobId(), job.sourceId(), job.instanceId(),
                    job.destinationOs(), job.state(), job.error());
            if (job.findings().isEmpty()) {
                List<Object> row = new ArrayList<>(jobFields);
                row.addAll(Arrays.asList(new Object[CSV_HEADER.size() - jobFields.size()]));
                csv.row(row);
            }
            for (Finding f : job.findings()) {
                List<Object> row = new ArrayList<>(jobFields);
                row.addAll(Arrays.asList(f.source(), f.severity(), f.code(), f.title(), f.detail(),
                        f.remediationHint(), f.remediationCommand()));
                csv.row(row);
            }
        }
    }

    private void table(Batch batch, BatchReport prechecks) {
        out().printf("%s  %s%s%n", batch.batchId(), batch.state(), batch.reason() == null ? "" : " (" + batch.reason()
                + ")");
        out().println(Progress.render(batch.jobs().stream().map(Job::state).toList()));
        out().printf("Pre-checks: %d passed, %d failed, %d running%n", prechecks.passed(), prechecks.failed(),
                prechecks.running());
        groups(prechecks.blockers(), "Blockers (fix the first ones first: UNBLOCKS counts instances it alone holds back)",
                true);
        groups(prechecks.warnings(), "Warnings", false);
        out().println();
        out().println("Jobs");
        for (Job job : batch.jobs()) {
            out().printf("%s  %s  %s → %s  %s%s%n", job.jobId(), job.label(), job.sourceId(), job.destinationOs(),
                    job.state(), job.error() == null ? "" : "  (" + job.error().replaceAll("\\s+", " ").strip() + ")");
            for (Finding f : job.findings()) {
                FindingsPrinter.print(out(), f.severity(), f.code(), f.title() + " [" + f.source() + "]", f.detail(),
                        f.remediationHint(), f.remediationCommand());
            }
        }
    }

    private void groups(List<BatchReport.Group> groups, String heading, boolean blockers) {
        out().println();
        out().println(heading);
        if (groups.isEmpty()) {
            out().println("  none");
            return;
        }
        Table table = blockers ? new Table("CODE", "INSTANCES", "UNBLOCKS", "TITLE", "FIX")
                : new Table("CODE", "INSTANCES", "TITLE", "FIX");
        for (BatchReport.Group g : groups) {
            String fix = g.remediationCommand() != null ? g.remediationCommand() : g.remediationHint();
            if (blockers) {
                table.row(g.code(), g.instanceCount(), g.unblocks(), g.title(), fix);
            } else {
                table.row(g.code(), g.instanceCount(), g.title(), fix);
            }
        }
        table.print(out());
    }

    private static Map<String, Integer> counts(Batch batch) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        Progress.STATES.forEach(state -> {
            int count = (int) batch.jobs().stream().filter(j -> state.equals(j.state())).count();
            if (count > 0) {
                counts.put(state, count);
            }
        });
        return counts;
    }
}
