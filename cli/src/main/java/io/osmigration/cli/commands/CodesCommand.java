package io.osmigration.cli.commands;

import java.util.List;

import io.osmigration.cli.ExitCodes;
import io.osmigration.cli.api.Model.ActivationCode;
import io.osmigration.cli.output.Json;
import io.osmigration.cli.output.Table;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code osm codes create|list}: activation codes for the import one-liner (source-registry). */
@Command(mixinStandardHelpOptions = true, name = "codes", header = "Activation codes for importing servers with the one-liner.",
        subcommands = {CodesCommand.Create.class, CodesCommand.ListCodes.class})
public final class CodesCommand extends GroupCommand {

    @Command(mixinStandardHelpOptions = true, name = "create", header = "Creates an activation code.", description = {
            "Creates an activation code and prints the one-liner to run on each server.",
            "The code is shown only now; osmigration keeps only its hash."})
    static final class Create extends OsmCommand {

        @Option(names = "--quota", paramLabel = "N", description = "How many servers may use it (1-1000, default 200).")
        Integer quota;

        @Option(names = "--days", paramLabel = "N", description = "Days it stays valid (1-90, default 90).")
        Integer days;

        @Option(names = {"-d", "--description"}, paramLabel = "TEXT", description = "What it is for.")
        String description;

        @Option(names = "--json", description = "Print the code as JSON.")
        boolean json;

        @Override
        public Integer call() {
            ActivationCode code = api().createActivationCode(quota, days, description);
            if (json) {
                Json.print(out(), code);
                return ExitCodes.OK;
            }
            out().println("Activation code " + code.id() + ": " + code.code());
            out().println("  quota " + code.quota() + ", valid until " + code.expiresAt());
            out().println("Run on each server (as root):");
            out().println("  " + code.importCommand());
            out().flush();
            return ExitCodes.OK;
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "list", header = "Lists activation codes (never the codes themselves).")
    static final class ListCodes extends OsmCommand {

        @Option(names = "--json", description = "Print the codes as JSON.")
        boolean json;

        @Override
        public Integer call() {
            List<ActivationCode> codes = api().activationCodes();
            if (json) {
                Json.print(out(), codes);
                return ExitCodes.OK;
            }
            Table table = new Table("ID", "STATE", "USED", "QUOTA", "EXPIRES", "DESCRIPTION");
            codes.forEach(c -> table.row(c.id(), c.state(), c.used(), c.quota(), c.expiresAt(), c.description()));
            table.print(out());
            return ExitCodes.OK;
        }
    }
}
