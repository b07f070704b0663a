package io.osmigration.cli.commands;

import java.time.Duration;
import java.time.Instant;

import io.osmigration.cli.ExitCodes;
import io.osmigration.cli.api.Model.Precheck;
import io.osmigration.cli.api.Model.PrecheckFinding;
import io.osmigration.cli.output.Json;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code osm precheck SOURCE --to alinux3}: a stand-alone migratability check, waited for and printed. */
@Command(mixinStandardHelpOptions = true, name = "precheck", header = "Pre-checks one source for a destination and prints the findings.", description = {
        "Checks whether a source can migrate to a destination (changing nothing), waits for the result and prints "
                + "the findings with their fixes.",
        "Exit status 0 when it PASSED, 3 when it FAILED (a CRITICAL finding), 7 on --timeout."})
public final class PrecheckCommand extends OsmCommand {

    private static final Duration POLL = Duration.ofMillis(500);

    @Parameters(index = "0", paramLabel = "SOURCE", description = "A source id, ECS instance id or hostname.")
    String source;

    @Option(names = {"-t", "--to"}, required = true, paramLabel = "OS",
            description = "Destination: alinux2, alinux3, anolis7, anolis8, rhel7, rhel8.")
    String destination;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10m", converter = Durations.class,
            description = "How long to wait for the result (default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--json", description = "Print the pre-check as JSON.")
    boolean json;

    @Override
    public Integer call() throws InterruptedException {
        String sourceId = new SourceResolver(api()).resolve(java.util.List.of(source)).get(source);
        String precheckId = api().startPrecheck(sourceId, destination);
        Instant deadline = Instant.now().plus(timeout);
        Precheck check = api().precheck(precheckId);
        if (!json) {
            out().printf("Pre-check %s of %s to %s: running…%n", precheckId, sourceId, destination);
            out().flush();
        }
        while (check.running()) {
            if (Instant.now().isAfter(deadline)) {
                err().println("osm: pre-check " + precheckId + " still running after " + timeout.toSeconds()
                        + " s; see it later with the precheck-service API");
                return ExitCodes.TIMEOUT;
            }
            Thread.sleep(POLL.toMillis());
            check = api().precheck(precheckId);
        }
        if (json) {
            Json.print(out(), check);
        } else {
            print(check);
        }
        return "PASSED".equals(check.status()) ? ExitCodes.OK : ExitCodes.FAILURES;
    }

    private void print(Precheck check) {
        out().printf("%s %s%s: %s%n", check.sourceId(), check.instanceId() == null ? "" : "(" + check.instanceId() + ") ",
                check.sourceOs() == null ? "" : check.sourceOs() + " → " + check.destinationOs(), check.status());
        if (check.findings() == null || check.findings().isEmpty()) {
            out().println("  no findings");
        } else {
            for (PrecheckFinding finding : check.findings()) {
                FindingsPrinter.print(out(), finding.severity(), finding.code(), finding.title(), finding.detail(),
                        finding.remediation() == null ? null : finding.remediation().hint(),
                        finding.remediation() == null ? null : finding.remediation().command());
            }
        }
        out().flush();
    }
}
