package io.osmigration.cli.commands;

import io.osmigration.cli.ExitCodes;
import io.osmigration.cli.config.Service;
import io.osmigration.cli.config.Settings;

import picocli.CommandLine.Command;

/** {@code osm config}: the settings in effect and where they came from, the token masked. */
@Command(mixinStandardHelpOptions = true, name = "config", header = "Shows where each service is and which token is used (masked).")
public final class ConfigCommand extends OsmCommand {

    @Override
    public Integer call() {
        Settings settings = osm().settings();
        for (Service service : Service.values()) {
            out().printf("%-21s %s%n", service.serviceName(), settings.url(service));
        }
        out().printf("%-21s %s%n", "token", settings.bearer().map(ConfigCommand::mask).map(masked -> masked + "  from " + settings.tokenOrigin())
                .orElse("(none: set OSM_API_TOKEN, --token, or token= in " + osm().configFile() + ")"));
        out().flush();
        return ExitCodes.OK;
    }

    private static String mask(String token) {
        return (token.length() <= 12 ? "" : token.substring(0, 4)) + "**** (" + token.length() + " characters)";
    }
}
