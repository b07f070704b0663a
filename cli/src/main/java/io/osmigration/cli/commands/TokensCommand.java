package io.osmigration.cli.commands;

import java.util.List;

import io.osmigration.cli.ExitCodes;
import io.osmigration.cli.api.Model.Token;
import io.osmigration.cli.output.Json;
import io.osmigration.cli.output.Table;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code osm tokens list|create|revoke}: API tokens ({@code /api/v1/tokens}, admin). */
@Command(mixinStandardHelpOptions = true, name = "tokens", header = "API tokens: list, issue and revoke them (admin).",
        subcommands = {TokensCommand.ListTokens.class, TokensCommand.Create.class, TokensCommand.Revoke.class})
public final class TokensCommand extends GroupCommand {

    @Command(mixinStandardHelpOptions = true, name = "list", header = "Lists tokens, configured and issued (never a token itself).")
    static final class ListTokens extends OsmCommand {

        @Option(names = "--json", description = "Print the tokens as JSON.")
        boolean json;

        @Override
        public Integer call() {
            List<Token> tokens = api().tokens();
            if (json) {
                Json.print(out(), tokens);
                return ExitCodes.OK;
            }
            Table table = new Table("ID", "NAME", "ROLE", "STATE", "SOURCE", "EXPIRES", "DESCRIPTION");
            tokens.forEach(t -> table.row(t.id(), t.name(), t.role(), t.state(), t.source(), t.expiresAt(),
                    t.description()));
            table.print(out());
            return ExitCodes.OK;
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "create", header = "Issues a token for a person or a system.",
            description = {"Prints the new token once: osmigration keeps only its SHA-256.",
                    "Roles: viewer (reads, dashboards, Prometheus), operator (also runs batches), admin (everything)."})
    static final class Create extends OsmCommand {

        @Parameters(index = "0", paramLabel = "NAME", description = "Its name: the actor in the audit trail.")
        String name;

        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "viewer, operator or admin.")
        String role;

        @Option(names = "--days", paramLabel = "N", description = "Days it stays valid (1-365, default 90).")
        Integer days;

        @Option(names = {"-d", "--description"}, paramLabel = "TEXT", description = "What it is for.")
        String description;

        @Option(names = {"-q", "--quiet"}, description = "Print only the token.")
        boolean quiet;

        @Override
        public Integer call() {
            Token token = api().issueToken(name, role, days, description);
            if (quiet) {
                out().println(token.token());
            } else {
                out().printf("Token %s '%s' (%s), valid until %s:%n  %s%n", token.id(), token.name(), token.role(),
                        token.expiresAt(), token.token());
                out().println("It is shown only now; keep it like a password.");
            }
            out().flush();
            return ExitCodes.OK;
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "revoke", header = "Revokes an issued token.")
    static final class Revoke extends OsmCommand {

        @Parameters(index = "0", paramLabel = "ID", description = "The token's id (osm tokens list).")
        String tokenId;

        @Override
        public Integer call() {
            Token token = api().revokeToken(tokenId);
            out().printf("Token %s '%s' revoked.%n", token.id(), token.name());
            out().flush();
            return ExitCodes.OK;
        }
    }
}
