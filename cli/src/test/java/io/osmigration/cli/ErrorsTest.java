package io.osmigration.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an operator sees when something is wrong: one line on stderr, a documented exit status, nothing on stdout. */
class ErrorsTest {

    @TempDir
    Path home;

    @Test
    void aProblemFromTheServerIsOneLineNamingTheServiceStatusAndDetail() throws IOException {
        try (StubServer executor = new StubServer().on("/api/v1/migrations", exchange -> StubServer.answer(exchange,
                401, "application/problem+json", "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                        + "\"detail\":\"The bearer token is not valid\",\"instance\":\"/api/v1/migrations\"}"))) {
            CliRun run = CliRun.run(Map.of("OSM_EXECUTOR_URL", executor.url(), "OSM_API_TOKEN", "wrong"), home,
                    "batches", "list");
            assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
            assertThat(run.err()).isEqualTo("osm: migration-executor: 401 Unauthorized: The bearer token is not valid"
                    + System.lineSeparator());
            assertThat(run.out()).isEmpty();
            assertThat(executor.requests).singleElement().satisfies(r -> {
                assertThat(r.authorization()).isEqualTo("Bearer wrong");
                assertThat(r.path()).isEqualTo("/api/v1/migrations?page=0&size=20");
            });
        }
    }

    @Test
    void aRefusedRequestNamesEachOffendingFieldTheDetailDoesNotAlreadyName() throws IOException {
        try (StubServer registry = new StubServer().on("/api/v1/activation-codes", exchange -> StubServer.answer(
                exchange, 400, "application/problem+json", "{\"title\":\"Invalid request\",\"status\":400,"
                        + "\"detail\":\"The request is invalid\",\"errors\":[{\"field\":\"quota\","
                        + "\"message\":\"must be less than or equal to 1000\"}]}"))) {
            CliRun run = CliRun.run(Map.of("OSM_REGISTRY_URL", registry.url()), home, "codes", "create", "--quota", "5000");
            assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
            assertThat(run.err().strip()).isEqualTo("osm: source-registry: 400 Invalid request: The request is invalid "
                    + "(quota: must be less than or equal to 1000)");
            assertThat(registry.requests).singleElement().extracting(StubServer.Request::body).isEqualTo("{\"quota\":5000}");
        }
    }

    @Test
    void anAnswerThatIsNotAProblemStillGivesTheStatus() throws IOException {
        try (StubServer proxy = new StubServer().on("/", exchange -> StubServer.answer(exchange, 502, "text/html",
                "<html><body>Bad gateway</body></html>"))) {
            CliRun run = CliRun.run(Map.of("OSM_URL", proxy.url()), home, "batches", "show", "b-1");
            assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
            assertThat(run.err().strip()).isEqualTo("osm: migration-executor: 502");
        }
    }

    @Test
    void aServiceThatIsNotThereIsNamedWithWhereTheCliLooked() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        CliRun run = CliRun.run(Map.of("OSM_URL", "http://127.0.0.1:" + closedPort), home, "sources", "list");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err()).startsWith("osm: cannot reach source-registry at http://127.0.0.1:" + closedPort)
                .contains("OSM_URL").hasLineCount(1);
    }

    @Test
    void aBadFlagOrMissingArgumentIsOneLineAndStatusTwo() {
        CliRun unknown = CliRun.run(Map.of(), home, "migrate", "--to", "alinux3", "--frobnicate", "s-1");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err()).isEqualTo("osm: Unknown option: '--frobnicate' (see 'osm migrate --help')"
                + System.lineSeparator());

        CliRun missing = CliRun.run(Map.of(), home, "precheck", "s-1");
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err()).contains("--to").hasLineCount(1);

        CliRun noAck = CliRun.run(Map.of(), home, "migrate", "--to", "alinux3", "s-1");
        assertThat(noAck.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noAck.err()).contains("--ack-risks").hasLineCount(1);

        CliRun badDrill = CliRun.run(Map.of(), home, "migrate", "--to", "alinux3", "--ack-risks", "--drill", "maybe", "s-1");
        assertThat(badDrill.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badDrill.err()).contains("--drill must be none, only or and-migrate").hasLineCount(1);
    }

    @Test
    void everyCommandHasHelp() {
        for (String[] command : new String[][] {{"--help"}, {"sources", "import-ecs", "--help"}, {"sources", "list", "-h"},
                {"codes", "create", "--help"}, {"precheck", "--help"}, {"migrate", "--help"}, {"batches", "list", "--help"},
                {"batches", "show", "--help"}, {"batches", "pause", "--help"}, {"batches", "resume", "--help"},
                {"batches", "cancel", "--help"}, {"batches", "approve", "--help"}, {"watch", "--help"},
                {"report", "--help"}, {"config", "--help"}, {"completion", "--help"}}) {
            CliRun run = CliRun.run(Map.of(), home, command);
            assertThat(run.exitCode()).as(String.join(" ", command)).isZero();
            assertThat(run.out()).as(String.join(" ", command)).startsWith("").contains("Usage: osm");
        }
        assertThat(CliRun.run(Map.of(), home, "--help").out()).contains("Exit status:");
    }

    @Test
    void completionCoversTheCommandsAndTheirOptions() {
        CliRun run = CliRun.run(Map.of(), home, "completion");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("complete -F _complete_osm", "import-ecs", "--ack-risks", "--max-parallel",
                "--format");
    }
}
