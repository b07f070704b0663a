package io.osmigration.allinone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.ParameterizedTypeReference;

import io.osmigration.cli.ExitCodes;
import io.osmigration.cli.Osm;
import io.osmigration.cli.config.Settings;

import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code osm} command line against the all-in-one stack, as an operator uses it: in-process through picocli
 * (output captured), and {@code bin/osm} as a real process for the documented {@code migrate … && watch} chain.
 * Each test uses demo instances no other end-to-end test migrates.
 */
@SuppressWarnings("unchecked")
class CommandLineEndToEndTest {

    private static final Duration BATCH_TIMEOUT = Duration.ofMinutes(4);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path home;

    private static Map<String, String> environment;

    @BeforeAll
    static void stack() {
        AllInOne stack = AllInOneStack.get();
        environment = new LinkedHashMap<>();
        environment.put("OSM_EXECUTOR_URL", url(stack, AllInOneConfig.EXECUTOR));
        environment.put("OSM_REGISTRY_URL", url(stack, AllInOneConfig.SOURCE_REGISTRY));
        environment.put("OSM_PRECHECK_URL", url(stack, AllInOneConfig.PRECHECK));
        environment.put("OSM_SNAPSHOT_URL", url(stack, AllInOneConfig.SNAPSHOT));
        environment.put("OSM_NOTIFICATION_URL", url(stack, AllInOneConfig.NOTIFICATION));
        environment.put("OSM_API_TOKEN", AllInOneStack.TOKEN);
    }

    @Test
    void importsMigratesAndWatchesAMixedBatchToItsEndThenReportsItsBlockers() throws Exception {
        String arm = "i-bp1e2ecentos7cli0001";
        String diskFull = DemoFleet.idOf("log-centos7-diskfull");

        Run imported = osm("sources", "import-ecs", "--region", "cn-hangzhou", arm, diskFull);
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).contains(arm, diskFull, "2 imported");

        Run listed = osm("sources", "list");
        assertThat(listed.out()).contains(arm, diskFull);

        Run migrate = osm("migrate", "--to", "anolis8", "--drill", "and-migrate", "--max-parallel", "2", "--ack-risks",
                "-q", arm, diskFull);
        assertThat(migrate.exitCode()).as(migrate.err()).isZero();
        String batchId = migrate.out().strip();
        assertThat(batchId).matches("b-[0-9a-f]{20}");

        Run watch = osm("watch", batchId, "--timeout", "4m");
        assertThat(watch.exitCode()).as("one job PRECHECK_FAILED: " + watch.out() + watch.err())
                .isEqualTo(ExitCodes.FAILURES);
        assertThat(watch.out()).contains("Watching " + batchId, "2/2 finished", "COMPLETED 1", "PRECHECK_FAILED 1",
                arm, "→ COMPLETED", "osm report " + batchId);
        Map<String, Object> batch = batchFromApi(batchId);
        assertThat(batch).containsEntry("state", "COMPLETED");
        assertThat(jobStates(batch)).containsEntry(arm, "COMPLETED").containsEntry(diskFull, "PRECHECK_FAILED");

        Run csv = osm("report", batchId, "--format", "csv");
        assertThat(csv.exitCode()).isZero();
        List<String> rows = csv.out().lines().toList();
        assertThat(rows.get(0)).startsWith("batchId,jobId,sourceId,instanceId,destinationOs,state,error,findingSource,"
                + "severity,code");
        assertThat(rows).anySatisfy(row -> assertThat(row).contains(diskFull, "PRECHECK_FAILED", "PRECHECK",
                "CRITICAL", "DISK_SPACE"));
        assertThat(rows).anySatisfy(row -> assertThat(row).contains(arm, "COMPLETED"));

        JsonNode report = JSON.readTree(osm("report", batchId, "--format", "json").out());
        assertThat(report.path("state").asString()).isEqualTo("COMPLETED");
        assertThat(report.path("blockers").findValuesAsString("code")).contains("DISK_SPACE");
        assertThat(report.path("jobs")).hasSize(2);

        Run table = osm("report", batchId);
        assertThat(table.out()).contains("Blockers", "DISK_SPACE", "Fix:");

        assertThat(osm("batches", "list").out()).contains(batchId);
        assertThat(osm("batches", "show", batchId).out()).contains(arm, diskFull, "VERIFY SUCCEEDED");
    }

    @Test
    void aDrillOnlyBatchStopsForApprovalThenMigratesOnceApproved() {
        String gcc = "i-bp1e2ecentos7cli0002";
        assertThat(osm("sources", "import-ecs", "--region", "cn-hangzhou", gcc).exitCode()).isZero();
        String batchId = osm("migrate", "--to", "anolis8", "--drill", "only", "--ack-risks", "-q", gcc).out().strip();

        Run drilled = osm("watch", batchId, "--timeout", "4m");
        assertThat(drilled.exitCode()).as(drilled.out() + drilled.err()).isEqualTo(ExitCodes.AWAITING_APPROVAL);
        assertThat(drilled.out()).contains("AWAITING_APPROVAL 1", "osm batches approve " + batchId);

        Run approved = osm("batches", "approve", batchId);
        assertThat(approved.exitCode()).as(approved.err()).isZero();
        assertThat(approved.out()).contains("Approved 1 job");

        Run migrated = osm("watch", batchId, "--timeout", "4m");
        assertThat(migrated.exitCode()).as(migrated.out() + migrated.err()).isEqualTo(ExitCodes.OK);
        assertThat(migrated.out()).contains("COMPLETED: every job migrated");
    }

    @Test
    void aPausedBatchEndsTheWatchWithItsOwnStatusAndACancelledOneWithAnother() {
        String tiny = DemoFleet.idOf("tiny-centos7-512m");
        String kmod = DemoFleet.idOf("storage-centos7-kmod");
        assertThat(osm("sources", "import-ecs", "--region", "cn-hangzhou", tiny, kmod).exitCode()).isZero();
        String batchId = osm("migrate", "--to", "anolis8", "--max-parallel", "1", "--ack-risks", "-q", tiny, kmod)
                .out().strip();

        Run paused = osm("batches", "pause", batchId);
        assertThat(paused.exitCode()).as(paused.err()).isZero();
        assertThat(paused.out()).contains(batchId + "  PAUSED");
        Run watchPaused = osm("watch", batchId);
        assertThat(watchPaused.exitCode()).isEqualTo(ExitCodes.PAUSED);
        assertThat(watchPaused.out()).contains("osm batches resume " + batchId);

        // Cancelled while paused: the job not yet released ends at once.
        assertThat(osm("batches", "cancel", batchId).exitCode()).isZero();
        Run watchCancelled = osm("watch", batchId, "--timeout", "2m");
        assertThat(watchCancelled.exitCode()).as(watchCancelled.out()).isEqualTo(ExitCodes.CANCELLED);
        assertThat(batchFromApi(batchId)).containsEntry("state", "CANCELLED");

        Run resumeCancelled = osm("batches", "resume", batchId);
        assertThat(resumeCancelled.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(resumeCancelled.err()).isEqualToIgnoringNewLines(
                "osm: migration-executor: 409 Conflict: Batch " + batchId + ": is not paused");
    }

    @Test
    void aPrecheckFindsTheSourceByHostnameWaitsAndPrintsTheFindings() {
        String tiny = DemoFleet.idOf("tiny-centos7-512m");
        assertThat(osm("sources", "import-ecs", "--region", "cn-hangzhou", tiny).exitCode()).isZero();
        Run precheck = osm("precheck", "tiny-centos7-512m", "--to", "anolis8");
        assertThat(precheck.exitCode()).as(precheck.out() + precheck.err()).isEqualTo(ExitCodes.FAILURES);
        assertThat(precheck.out()).contains("FAILED", "CRITICAL", "MEMORY", "Fix:");
    }

    @Test
    void activationCodesAreCreatedWithTheirOneLinerAndListedWithoutTheCode() {
        Run created = osm("codes", "create", "--quota", "5", "--description", "cli test");
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.out()).contains("Activation code", "curl -fsSL", "/api/v1/import.sh", "OSM_ACTIVATION_CODE=");
        String code = created.out().lines().findFirst().orElseThrow().replaceFirst(".*: ", "");
        Run listed = osm("codes", "list");
        assertThat(listed.out()).contains("cli test", "ACTIVE").doesNotContain(code);
    }

    @Test
    void aWrongTokenIsOneLineAndANonZeroStatusAndChangesNothing() {
        int batchesBefore = osm("batches", "list", "--json").out().length();
        Run refused = osm("--token", "not-the-token", "migrate", "--to", "anolis8", "--ack-risks",
                "s-00000000000000000000");
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(refused.err()).hasLineCount(1).contains("401", "Unauthorized");
        assertThat(osm("batches", "list", "--json").out().length()).isEqualTo(batchesBefore);

        Run unknownBatch = osm("watch", "b-00000000000000000000");
        assertThat(unknownBatch.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(unknownBatch.err()).isEqualToIgnoringNewLines(
                "osm: migration-executor: 404 Not found: Batch b-00000000000000000000 does not exist");
    }

    @Test
    void anAdminIssuesAViewerTokenWhosePauseIsRefusedNamingTheRoleAndTheAuditShowsTheRefusal() {
        String name = "cli-wall-" + System.nanoTime();
        Run issued = osm("tokens", "create", name, "--role", "viewer", "--days", "1", "-q");
        assertThat(issued.exitCode()).as(issued.err()).isZero();
        String viewerToken = issued.out().strip();
        assertThat(osm("tokens", "list").out()).contains(name, "viewer", "ACTIVE").doesNotContain(viewerToken);

        String batchId = "b-" + Long.toHexString(System.nanoTime());
        Run refused = osm("--token", viewerToken, "batches", "pause", batchId);
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(refused.err()).hasLineCount(1).contains("403", "needs the operator role", "'" + name + "'",
                "osm tokens create NAME --role operator");
        assertThat(osm("--token", viewerToken, "batches", "list").exitCode()).isZero();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Run audit = osm("audit", "--resource", batchId, "--json");
            assertThat(audit.exitCode()).as(audit.err()).isZero();
            assertThat(audit.out()).contains(name, "DENIED", "batch.pause");
        });

        String tokenId = null;
        for (JsonNode token : JSON.readTree(osm("tokens", "list", "--json").out())) {
            if (name.equals(token.path("name").asString())) {
                tokenId = token.path("id").asString();
            }
        }
        assertThat(osm("tokens", "revoke", tokenId).out()).contains("revoked");
        Run afterRevocation = osm("--token", viewerToken, "batches", "list");
        assertThat(afterRevocation.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(afterRevocation.err()).hasLineCount(1).contains("401");
    }

    /** The README's chain, through the wrapper script, as a process with only the environment to go on. */
    @Test
    void binOsmMigrateAndWatchFollowADemoBatchToTheEndFromATerminal() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Path wrapper = root.resolve("bin/osm");
        assumeTrue(Files.isRegularFile(root.resolve("cli/target/osm.jar")),
                "cli/target/osm.jar is built in the reactor's package phase (./mvnw verify)");
        String rhel = "i-bp1e2ecentos7cli0003";
        String script = "set -e\n"
                + "\"$OSM\" sources import-ecs --region cn-hangzhou " + rhel + "\n"
                + "BATCH=$(\"$OSM\" migrate --to anolis8 --ack-risks -q " + rhel + ") && \"$OSM\" watch \"$BATCH\"\n";
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", script).directory(home.toFile())
                .redirectErrorStream(true);
        builder.environment().keySet().removeIf(key -> key.startsWith("OSM_"));
        builder.environment().putAll(environment);
        builder.environment().put("OSM", wrapper.toString());
        builder.environment().put("HOME", home.toString());
        Process process = builder.start();
        boolean ended = process.waitFor(BATCH_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!ended) {
            process.destroyForcibly();
        }
        assertThat(ended).as(output).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains(rhel, "1 imported", "1/1 finished", "COMPLETED: every job migrated");

        Process badFlag = new ProcessBuilder(wrapper.toString(), "watch", "b-1", "--frobnicate").redirectErrorStream(true)
                .start();
        assertThat(badFlag.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(badFlag.exitValue()).isEqualTo(ExitCodes.USAGE);
        assertThat(new String(badFlag.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo("osm: Unknown option: '--frobnicate' (see 'osm watch --help')\n");
    }

    /** What one in-process run printed. */
    record Run(int exitCode, String out, String err) {
    }

    private static Run osm(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Osm.commandLine(new Settings.Environment(environment, home), false);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    private static Map<String, Object> batchFromApi(String batchId) {
        return AllInOneStack.client(AllInOneConfig.EXECUTOR).get().uri("/api/v1/migrations/{id}", batchId)
                .exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { }).returnResult().getResponseBody();
    }

    private static Map<String, String> jobStates(Map<String, Object> batch) {
        Map<String, String> states = new LinkedHashMap<>();
        ((List<Map<String, Object>>) batch.get("jobs"))
                .forEach(job -> states.put((String) job.get("instanceId"), (String) job.get("state")));
        return states;
    }

    private static String url(AllInOne stack, String service) {
        return "http://127.0.0.1:" + stack.port(service);
    }
}
