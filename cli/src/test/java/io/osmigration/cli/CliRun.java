package io.osmigration.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

import io.osmigration.cli.config.Settings;

import picocli.CommandLine;

/** Runs {@code osm} in-process with captured output, as a user with this environment and home would. */
record CliRun(int exitCode, String out, String err) {

    static CliRun run(Map<String, String> environment, Path home, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine osm = Osm.commandLine(new Settings.Environment(environment, home), false);
        osm.setOut(new PrintWriter(out, true));
        osm.setErr(new PrintWriter(err, true));
        int code = osm.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
