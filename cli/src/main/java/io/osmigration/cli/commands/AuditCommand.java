package io.osmigration.cli.commands;

import java.util.List;

import io.osmigration.cli.ExitCodes;
import io.osmigration.cli.api.Model.AuditEntry;
import io.osmigration.cli.output.Json;
import io.osmigration.cli.output.Table;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code osm audit}: who changed what through the API ({@code GET /api/v1/audit}, admin). */
@Command(mixinStandardHelpOptions = true, name = "audit", header = "Shows the audit trail: who changed what, newest first.",
        description = {"Every state-changing API request (and every refused one) of every service, newest first.",
                "Needs an admin token."})
public final class AuditCommand extends OsmCommand {

    @Option(names = "--resource", paramLabel = "ID", description = "Only records naming this id (a batch, job, token, channel …).")
    String resource;

    @Option(names = "--actor", paramLabel = "NAME", description = "Only requests made with this token name.")
    String actor;

    @Option(names = "--from", paramLabel = "INSTANT", description = "From this ISO-8601 instant (inclusive).")
    String from;

    @Option(names = "--to", paramLabel = "INSTANT", description = "Until this ISO-8601 instant (exclusive).")
    String to;

    @Option(names = "--limit", paramLabel = "N", description = "At most N records (1-1000, default 100).")
    Integer limit;

    @Option(names = "--json", description = "Print the records as JSON.")
    boolean json;

    @Override
    public Integer call() {
        List<AuditEntry> entries = api().audit(resource, actor, from, to, limit);
        if (json) {
            Json.print(out(), entries);
            return ExitCodes.OK;
        }
        Table table = new Table("AT", "ACTOR", "ROLE", "ACTION", "RESOURCES", "OUTCOME", "STATUS", "SERVICE");
        entries.forEach(e -> table.row(e.at(), e.actor(), e.role(), e.action(),
                e.resourceIds() == null ? "" : String.join(",", e.resourceIds()), e.outcome(), e.status(), e.service()));
        table.print(out());
        return ExitCodes.OK;
    }
}
