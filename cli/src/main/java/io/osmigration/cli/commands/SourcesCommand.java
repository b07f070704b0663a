package io.osmigration.cli.commands;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.osmigration.cli.ExitCodes;
import io.osmigration.cli.api.Model.ImportedSource;
import io.osmigration.cli.api.Model.Page;
import io.osmigration.cli.api.Model.Source;
import io.osmigration.cli.output.Json;
import io.osmigration.cli.output.Table;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code osm sources import-ecs|list}: servers osmigration knows (source-registry). */
@Command(mixinStandardHelpOptions = true, name = "sources", header = "Import servers and list the imported ones.",
        subcommands = {SourcesCommand.ImportEcs.class, SourcesCommand.ListSources.class})
public final class SourcesCommand extends GroupCommand {

    @Command(mixinStandardHelpOptions = true, name = "import-ecs", header = "Imports ECS instances by region and id.", description = {
            "Imports ECS instances by id: osmigration reads them with DescribeInstances and collects each one's facts "
                    + "through Cloud Assistant.",
            "Example: osm sources import-ecs --region cn-hangzhou i-bp1abc i-bp1def"})
    static final class ImportEcs extends OsmCommand {

        /** source-registry takes at most this many ids per call. */
        static final int PER_CALL = 1000;

        @Option(names = {"-r", "--region"}, required = true, paramLabel = "REGION",
                description = "The instances' region, e.g. cn-hangzhou.")
        String region;

        @Option(names = {"-f", "--file"}, paramLabel = "FILE",
                description = "A file of instance ids, one per line (# comments; - is standard input).")
        Path file;

        @Option(names = "--json", description = "Print the result as JSON.")
        boolean json;

        @Parameters(paramLabel = "INSTANCE_ID", arity = "0..*", description = "ECS instance ids (i-...).")
        List<String> instanceIds;

        @Override
        public Integer call() {
            List<String> ids = Inputs.ids(instanceIds, file, "instance id");
            List<ImportedSource> imported = new ArrayList<>();
            for (int from = 0; from < ids.size(); from += PER_CALL) {
                imported.addAll(api().importEcs(region, ids.subList(from, Math.min(ids.size(), from + PER_CALL)))
                        .sources());
            }
            if (json) {
                Json.print(out(), imported);
                return ExitCodes.OK;
            }
            Table table = new Table("SOURCE", "INSTANCE", "STATUS", "WHY");
            imported.forEach(s -> table.row(s.sourceId(), s.instanceId(), s.status(), s.statusReason()));
            table.print(out());
            long offline = imported.stream().filter(s -> !"ONLINE".equals(s.status())).count();
            out().printf("%d imported%s%n", imported.size(), offline == 0 ? ""
                    : ", " + offline + " not ONLINE (their precheck will say why they cannot migrate)");
            return ExitCodes.OK;
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "list", header = "Lists imported sources.", description = "All of them, page after page, unless --limit.")
    static final class ListSources extends OsmCommand {

        private static final int PAGE_SIZE = 500;

        @Option(names = "--status", paramLabel = "STATUS", description = "ONLINE or OFFLINE.")
        String status;

        @Option(names = "--os", paramLabel = "ID", description = "The os-release ID: centos, rhel, alinux, ...")
        String os;

        @Option(names = {"-r", "--region"}, paramLabel = "REGION", description = "Only this region.")
        String region;

        @Option(names = "--limit", paramLabel = "N", description = "At most N sources.")
        Integer limit;

        @Option(names = "--json", description = "Print the sources as JSON.")
        boolean json;

        @Override
        public Integer call() {
            if (limit != null && limit < 1) {
                throw new UsageException("--limit must be at least 1");
            }
            List<Source> sources = new ArrayList<>();
            long total = -1;
            for (int page = 0; limit == null || sources.size() < limit; page++) {
                Page<Source> batch = api().sources(status, os, region, page, PAGE_SIZE);
                total = batch.total();
                sources.addAll(batch.items());
                if (batch.items().size() < PAGE_SIZE) {
                    break;
                }
            }
            if (limit != null && sources.size() > limit) {
                sources = sources.subList(0, limit);
            }
            if (json) {
                Json.print(out(), sources);
                return ExitCodes.OK;
            }
            Table table = new Table("SOURCE", "INSTANCE", "HOSTNAME", "OS", "ARCH", "STATUS");
            sources.forEach(s -> table.row(s.sourceId(), s.instanceId(), s.hostname(),
                    s.os() == null ? null : s.os().prettyName(), s.arch(), s.status()));
            table.print(out());
            out().printf("%d source%s%s%n", sources.size(), sources.size() == 1 ? "" : "s",
                    total > sources.size() ? " of " + total : "");
            return ExitCodes.OK;
        }
    }
}
