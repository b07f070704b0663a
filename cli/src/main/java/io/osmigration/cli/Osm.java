package io.osmigration.cli;

import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.Map;

import io.osmigration.cli.api.ApiError;
import io.osmigration.cli.api.OsmApi;
import io.osmigration.cli.commands.BatchesCommand;
import io.osmigration.cli.commands.CodesCommand;
import io.osmigration.cli.commands.CompletionCommand;
import io.osmigration.cli.commands.ConfigCommand;
import io.osmigration.cli.commands.MigrateCommand;
import io.osmigration.cli.commands.PrecheckCommand;
import io.osmigration.cli.commands.ReportCommand;
import io.osmigration.cli.commands.SourcesCommand;
import io.osmigration.cli.commands.UsageException;
import io.osmigration.cli.commands.WatchCommand;
import io.osmigration.cli.config.Service;
import io.osmigration.cli.config.Settings;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code osm}, the command line for operators. The options here apply to every command; each command is a class in
 * {@code io.osmigration.cli.commands}, and every HTTP call is in {@link OsmApi}.
 */
@Command(name = "osm", mixinStandardHelpOptions = true,
        versionProvider = Osm.Version.class,
        description = "osmigration from a terminal: import servers, pre-check them, migrate them in batches to a new "
                + "OS in place, and follow the batches live.",
        subcommands = {SourcesCommand.class, CodesCommand.class, PrecheckCommand.class, MigrateCommand.class,
                BatchesCommand.class, WatchCommand.class, ReportCommand.class, ConfigCommand.class, CompletionCommand.class,
                CommandLine.HelpCommand.class},
        footerHeading = "%n",
        footer = {"Settings (first wins): the flags, the environment (OSM_URL, OSM_API_TOKEN), then "
                + "~/.config/osm/config (url=..., token=...). A URL without a port means each service on its default "
                + "port (executor 8080, registry 8081, precheck 8082, snapshot 8083, notification 8084); one service "
                + "elsewhere: --executor-url, --registry-url, --precheck-url, --snapshot-url, --notification-url, "
                + "OSM_EXECUTOR_URL, ..., or executor-url= in the file.", "", ExitCodes.HELP})
public final class Osm implements Runnable {

    @Spec(Spec.Target.SELF)
    CommandSpec spec;

    @Option(names = "--url", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "Where osmigration runs (default http://localhost, or OSM_URL).")
    String url;

    @Option(names = "--token", paramLabel = "TOKEN", scope = ScopeType.INHERIT,
            description = "API token (default OSM_API_TOKEN, or token= in the config file). Visible to other users "
                    + "in the process list: prefer the environment or the file.")
    String token;

    @Option(names = "--executor-url", paramLabel = "URL", scope = ScopeType.INHERIT, hidden = true)
    String executorUrl;
    @Option(names = "--registry-url", paramLabel = "URL", scope = ScopeType.INHERIT, hidden = true)
    String registryUrl;
    @Option(names = "--precheck-url", paramLabel = "URL", scope = ScopeType.INHERIT, hidden = true)
    String precheckUrl;
    @Option(names = "--snapshot-url", paramLabel = "URL", scope = ScopeType.INHERIT, hidden = true)
    String snapshotUrl;
    @Option(names = "--notification-url", paramLabel = "URL", scope = ScopeType.INHERIT, hidden = true)
    String notificationUrl;

    private final Settings.Environment environment;
    private final boolean interactive;
    private Settings settings;
    private OsmApi api;

    public Osm(Settings.Environment environment, boolean interactive) {
        this.environment = environment;
        this.interactive = interactive;
    }

    public static void main(String[] args) {
        boolean interactive = System.console() != null && !"dumb".equals(System.getenv("TERM"));
        System.exit(commandLine(Settings.Environment.current(), interactive).execute(args));
    }

    /** The whole command tree with osm's error handling: one line on stderr and a documented exit status. */
    public static CommandLine commandLine(Settings.Environment environment, boolean interactive) {
        CommandLine commandLine = new CommandLine(new Osm(environment, interactive));
        commandLine.setColorScheme(CommandLine.Help.defaultColorScheme(
                interactive ? CommandLine.Help.Ansi.AUTO : CommandLine.Help.Ansi.OFF));
        commandLine.setExecutionExceptionHandler(Osm::failed);
        commandLine.setParameterExceptionHandler(Osm::misused);
        return commandLine;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public Settings settings() {
        if (settings == null) {
            Map<Service, String> serviceUrls = new EnumMap<>(Service.class);
            put(serviceUrls, Service.EXECUTOR, executorUrl);
            put(serviceUrls, Service.REGISTRY, registryUrl);
            put(serviceUrls, Service.PRECHECK, precheckUrl);
            put(serviceUrls, Service.SNAPSHOT, snapshotUrl);
            put(serviceUrls, Service.NOTIFICATION, notificationUrl);
            settings = Settings.resolve(new Settings.Flags(url, serviceUrls, token), environment);
            settings.warnings().forEach(warning -> spec.commandLine().getErr().println("osm: warning: " + warning));
        }
        return settings;
    }

    public OsmApi api() {
        if (api == null) {
            api = new OsmApi(settings());
        }
        return api;
    }

    public java.nio.file.Path configFile() {
        return environment.configFile();
    }

    /** Whether stdout is a terminal (progress bars redraw in place) rather than a pipe or a file. */
    public boolean interactive() {
        return interactive;
    }

    private static void put(Map<Service, String> urls, Service service, String value) {
        if (value != null) {
            urls.put(service, value);
        }
    }

    private static int failed(Exception e, CommandLine commandLine, CommandLine.ParseResult parsed) {
        PrintWriter err = commandLine.getErr();
        if (e instanceof ApiError) {
            err.println("osm: " + e.getMessage());
            err.flush();
            return ExitCodes.ERROR;
        }
        if (e instanceof UsageException || e instanceof Settings.SettingsException) {
            err.println("osm: " + e.getMessage());
            err.flush();
            return ExitCodes.USAGE;
        }
        err.println("osm: unexpected error: " + e);
        if (System.getenv("OSM_DEBUG") != null) {
            e.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.ERROR;
    }

    private static int misused(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        String message = e.getMessage().replaceAll("\\s*\\R\\s*", "; ").strip();
        err.println("osm: " + message + " (see '" + command.getCommandSpec().qualifiedName() + " --help')");
        err.flush();
        return ExitCodes.USAGE;
    }

    /** The version in the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Osm.class.getPackage().getImplementationVersion();
            return new String[] {"osm " + (version == null ? "(development build)" : version)};
        }
    }
}
