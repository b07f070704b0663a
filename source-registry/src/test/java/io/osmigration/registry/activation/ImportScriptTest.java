package io.osmigration.registry.activation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import com.sun.net.httpserver.HttpServer;

import io.osmigration.registry.IntegrationTest;
import io.osmigration.registry.source.SourceDocument;
import io.osmigration.registry.source.domain.SourceIds;

/** Runs the served import script for real with {@code sh}: on this machine, and on fixture roots of each source OS. */
class ImportScriptTest extends IntegrationTest {

    @Autowired
    private FailedAttempts failedAttempts;
    @TempDir
    Path temp;

    @AfterEach
    void forgetFailures() {
        failedAttempts.reset();
    }

    @Test
    void scriptIsServedWithoutATokenAndEmbedsTheOneCollector() {
        String script = downloadScript();
        assertThat(script).startsWith("#!/bin/sh").contains("==osm:%s==").contains(registryUrl());
        assertThat(script.split("section os-release", -1)).hasSize(2);
    }

    @Test
    void scriptPassesShellcheck() throws Exception {
        Path shellcheck = Path.of("/usr/bin/shellcheck");
        Assumptions.assumeTrue(Files.isExecutable(shellcheck),
                "shellcheck is not installed (Debian package 'shellcheck'): skipping the lint of import.sh");
        Path script = temp.resolve("import.sh");
        Files.writeString(script, downloadScript());
        Result result = run(List.of(shellcheck.toString(), "-s", "sh", script.toString()), Map.of(), null);
        assertThat(result.output()).isEmpty();
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void registersThisMachineWhenPipedIntoSh() throws Exception {
        String code = newCode();
        Result result = run(List.of("sh", "-c", "curl -fsSL \"$REGISTRY/api/v1/import.sh\" | sh"),
                Map.of("REGISTRY", registryUrl(), "OSM_ACTIVATION_CODE", code, "OSM_METADATA_URL", "none"), null);
        String machineId = Files.readString(Path.of("/etc/machine-id")).strip();
        String sourceId = SourceIds.forMachine(machineId);
        assertThat(result.output()).contains("Import Source Server [" + sourceId + "] Successfully!");
        assertThat(result.exitCode()).isZero();

        SourceDocument stored = mongo.findById(sourceId, SourceDocument.class);
        assertThat(stored.getFacts().osId()).isEqualTo(osReleaseValue("ID"));
        assertThat(stored.getFacts().osVersionId()).isEqualTo(osReleaseValue("VERSION_ID"));
        assertThat(stored.getFacts().kernel()).isEqualTo(command("uname", "-r"));
        assertThat(stored.getFacts().arch()).isEqualTo(command("uname", "-m"));
        assertThat(stored.getFacts().machineId()).isEqualTo(machineId);
        assertThat(stored.getStatus().name()).isEqualTo("ONLINE");
        assertThat(stored.getInstanceId()).isNull();
    }

    static Stream<Arguments> fixtures() {
        return Stream.of(
                Arguments.of("centos", "7", "CentOS Linux 7 (Core)", "3.10.0-1160.el7.x86_64", "el7"),
                Arguments.of("centos", "8", "CentOS Linux 8", "4.18.0-348.7.1.el8_5.x86_64", "el8"),
                Arguments.of("rhel", "7.9", "Red Hat Enterprise Linux Server 7.9 (Maipo)", "3.10.0-1160.el7.x86_64", "el7"),
                Arguments.of("rhel", "8.6", "Red Hat Enterprise Linux 8.6 (Ootpa)", "4.18.0-372.9.1.el8.x86_64", "el8"),
                Arguments.of("alinux", "2.1903", "Alibaba Cloud Linux (Aliyun Linux) 2.1903 LTS (Hunting Beagle)",
                        "4.19.91-27.al7.x86_64", "al7"),
                Arguments.of("alinux", "3", "Alibaba Cloud Linux 3 (Soaring Falcon)", "5.10.134-16.al8.x86_64", "al8"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("fixtures")
    void registersEachSupportedSourceOsFromAFixtureRoot(String id, String version, String pretty, String kernel,
                                                        String dist) throws Exception {
        String machineId = io.osmigration.schemas.DeterministicIds.sha256Hex(id + version).substring(0, 32);
        Path root = fixtureRoot(id, version, pretty, machineId, dist);
        Path bin = stubs(kernel, "fixture-" + id + version.replace('.', '-'), dist);
        Map<String, String> env = new HashMap<>(Map.of("OSM_ACTIVATION_CODE", newCode(), "OSM_METADATA_URL", "none",
                "OSM_ROOT", root.toString(), "OSM_SERVER_URL", registryUrl(),
                "PATH", bin + ":" + System.getenv("PATH")));
        Result result = run(List.of("sh", "-c", "sh < \"$SCRIPT\""), withScript(env), null);
        String sourceId = SourceIds.forMachine(machineId);
        assertThat(result.output()).contains("Import Source Server [" + sourceId + "] Successfully!");

        SourceDocument stored = mongo.findById(sourceId, SourceDocument.class);
        assertThat(stored.getFacts().osId()).isEqualTo(id);
        assertThat(stored.getFacts().osVersionId()).isEqualTo(version);
        assertThat(stored.getFacts().osPrettyName()).isEqualTo(pretty);
        assertThat(stored.getFacts().kernel()).isEqualTo(kernel);
        assertThat(stored.getFacts().arch()).isEqualTo("x86_64");
        assertThat(stored.getFacts().hostname()).startsWith("fixture-" + id);
        assertThat(stored.getFacts().packages()).contains("bash-4.2.46-35." + dist + ".x86_64",
                "glibc-2.17-326." + dist + ".i686");
        assertThat(stored.getFacts().modules()).anyMatch(line -> line.startsWith("floppy "));
        assertThat(stored.getFacts().repos()).containsExactly("base", "epel");
        assertThat(stored.getFacts().memoryMiB()).isEqualTo(7821L);
        assertThat(stored.getFacts().cloudAssistantInstalled()).isTrue();
    }

    @Test
    void registersTheEcsInstanceThroughTheSimulatorsHardenedMetadataServiceAndInstallsTheHeartbeat() throws Exception {
        // HARDENED refuses plain GETs: the script must fetch a token first, then the signed identity document.
        Path root = fixtureRoot("alinux", "3", "Alibaba Cloud Linux 3 (Soaring Falcon)", "m-hardened", "al8");
        Path bin = stubs("5.10.134-16.al8.x86_64", "fixture-metadata", "al8");
        Map<String, String> env = new HashMap<>(Map.of("OSM_ACTIVATION_CODE", newCode(),
                "OSM_METADATA_URL", simulatorUrl() + "/metadata/" + HARDENED,
                "OSM_ROOT", root.toString(), "OSM_SERVER_URL", registryUrl(), "OSM_INSTALL_HEARTBEAT", "1",
                "PATH", bin + ":" + System.getenv("PATH")));
        Result result = run(List.of("sh", "-c", "sh < \"$SCRIPT\""), withScript(env), null);
        String sourceId = SourceIds.forEcs(DEMO_REGION, HARDENED);
        assertThat(result.output()).contains("Import Source Server [" + sourceId + "] Successfully!")
                .doesNotContain("warning");
        SourceDocument stored = mongo.findById(sourceId, SourceDocument.class);
        assertThat(stored.getInstanceId()).isEqualTo(HARDENED);
        assertThat(stored.getRegionId()).isEqualTo(DEMO_REGION);
        assertThat(stored.getImportMethod().name()).isEqualTo("ACTIVATION_CODE");
        assertThat(mongo.findById(SourceIds.forMachine("m-hardened"), SourceDocument.class)).isNull();

        Path cron = root.resolve("etc/cron.d/osmigration-heartbeat");
        assertThat(Files.readString(cron)).contains("*/5 * * * * root ")
                .contains(registryUrl() + "/api/v1/sources/heartbeat")
                .doesNotContain(env.get("OSM_ACTIVATION_CODE"));
        Path credentials = root.resolve("etc/osmigration/heartbeat.json");
        assertThat(Files.readString(credentials)).contains(sourceId);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials))).isEqualTo("rw-------");

        // What cron would run, pointed at the fixture's credentials file: the heartbeat is accepted.
        String entry = Files.readAllLines(cron).stream().filter(line -> line.startsWith("*/5")).findFirst()
                .orElseThrow();
        String command = entry.substring(entry.indexOf(" root ") + 6)
                .replace("/etc/osmigration/heartbeat.json", credentials.toString())
                .replace(" >/dev/null 2>&1", "");
        java.time.Instant before = mongo.findById(sourceId, SourceDocument.class).getLastSeenAt();
        Result heartbeat = run(List.of("sh", "-c", command), Map.of(), null);
        assertThat(heartbeat.output()).contains("\"status\":\"ONLINE\"");
        assertThat(mongo.findById(sourceId, SourceDocument.class).getLastSeenAt()).isAfter(before);
    }

    @Test
    void aMetadataServiceWithoutASignedIdentityMakesAPlainServerAndTheScriptSaysSo() throws Exception {
        // Anyone can answer instance-id and region-id: without a verified document they count for nothing.
        HttpServer metadata = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        metadata.createContext("/latest/meta-data/instance-id", exchange -> respond(exchange, "i-bp1fixture00000001"));
        metadata.createContext("/latest/meta-data/region-id", exchange -> respond(exchange, "cn-zhangjiakou"));
        metadata.start();
        try {
            Path root = fixtureRoot("alinux", "3", "Alibaba Cloud Linux 3 (Soaring Falcon)", "m-metadata", "al8");
            Path bin = stubs("5.10.134-16.al8.x86_64", "fixture-metadata", "al8");
            Map<String, String> env = new HashMap<>(Map.of("OSM_ACTIVATION_CODE", newCode(),
                    "OSM_METADATA_URL", "http://127.0.0.1:" + metadata.getAddress().getPort(),
                    "OSM_ROOT", root.toString(), "OSM_SERVER_URL", registryUrl(),
                    "PATH", bin + ":" + System.getenv("PATH")));
            Result result = run(List.of("sh", "-c", "sh < \"$SCRIPT\""), withScript(env), null);
            String sourceId = SourceIds.forMachine("m-metadata");
            assertThat(result.output()).contains("Import Source Server [" + sourceId + "] Successfully!")
                    .contains("could not verify that this server is ECS instance i-bp1fixture00000001");
            assertThat(mongo.findById(sourceId, SourceDocument.class).getInstanceId()).isNull();
            assertThat(mongo.findById(SourceIds.forEcs("cn-zhangjiakou", "i-bp1fixture00000001"), SourceDocument.class))
                    .isNull();
        } finally {
            metadata.stop(0);
        }
    }

    @Test
    void fallsBackToWgetWhenCurlIsMissing() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/wget")), "wget is not installed: skipping");
        Path root = fixtureRoot("centos", "7", "CentOS Linux 7 (Core)", "m-wget-only", "el7");
        Path bin = stubs("3.10.0-1160.el7.x86_64", "fixture-wget", "el7");
        Path noCurl = Files.createTempDirectory(temp, "no-curl-");
        for (String dir : List.of("/usr/bin", "/bin")) {
            try (Stream<Path> tools = Files.list(Path.of(dir))) {
                for (Path tool : tools.toList()) {
                    Path link = noCurl.resolve(tool.getFileName());
                    if (!tool.getFileName().toString().equals("curl") && !Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        Files.createSymbolicLink(link, tool);
                    }
                }
            }
        }
        Map<String, String> env = new HashMap<>(Map.of("OSM_ACTIVATION_CODE", newCode(), "OSM_METADATA_URL", "none",
                "OSM_ROOT", root.toString(), "OSM_SERVER_URL", registryUrl(), "PATH", bin + ":" + noCurl));
        Result result = run(List.of("/bin/sh", "-c", "sh < \"$SCRIPT\""), withScript(env), null);
        assertThat(result.output()).contains("Import Source Server [" + SourceIds.forMachine("m-wget-only")
                + "] Successfully!");

        env.put("OSM_ACTIVATION_CODE", "osmac_wrong");
        Result refused = run(List.of("/bin/sh", "-c", "sh < \"$SCRIPT\""), withScript(env), null);
        assertThat(refused.output()).contains("activation code is not valid").contains("HTTP 401");
    }

    @Test
    void badCodeAndUnreachableServerFailWithAClearMessage() throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("OSM_ACTIVATION_CODE", "osmac_not-a-real-code",
                "OSM_METADATA_URL", "none", "OSM_SERVER_URL", registryUrl()));
        Result bad = run(List.of("sh", "-c", "sh < \"$SCRIPT\""), withScript(env), null);
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.output()).contains("import failed").contains("activation code is not valid").contains("HTTP 401");

        env.put("OSM_SERVER_URL", "http://127.0.0.1:9");
        Result unreachable = run(List.of("sh", "-c", "sh < \"$SCRIPT\""), withScript(env), null);
        assertThat(unreachable.exitCode()).isNotZero();
        assertThat(unreachable.output()).contains("cannot reach the source registry at http://127.0.0.1:9");

        env.remove("OSM_ACTIVATION_CODE");
        Result missing = run(List.of("sh", "-c", "sh < \"$SCRIPT\""), withScript(env), null);
        assertThat(missing.output()).contains("OSM_ACTIVATION_CODE is not set");
    }

    private Map<String, String> withScript(Map<String, String> env) throws IOException {
        Path script = temp.resolve("import-" + System.nanoTime() + ".sh");
        Files.writeString(script, downloadScript());
        Map<String, String> all = new HashMap<>(env);
        all.put("SCRIPT", script.toString());
        return all;
    }

    private Path fixtureRoot(String id, String version, String pretty, String machineId, String dist) throws IOException {
        Path root = Files.createTempDirectory(temp, "root-");
        Files.createDirectories(root.resolve("etc/yum.repos.d"));
        Files.createDirectories(root.resolve("proc"));
        Files.createDirectories(root.resolve("usr/local/share/aliyun-assist/latest"));
        Files.writeString(root.resolve("etc/os-release"), "NAME=\"" + pretty.split(" \\(")[0] + "\"\nID=\"" + id
                + "\"\nVERSION_ID=\"" + version + "\"\nPRETTY_NAME=\"" + pretty + "\"\n");
        Files.writeString(root.resolve("etc/machine-id"), machineId + "\n");
        Files.writeString(root.resolve("etc/hostname"), "fixture\n");
        Files.writeString(root.resolve("proc/modules"), "floppy 69432 0 - Live 0xffffffffc0335000\n"
                + "ext4 579979 1 - Live 0xffffffffc0381000\n");
        Files.writeString(root.resolve("etc/yum.repos.d/base.repo"), "[base]\nname=Base\nenabled=1\n\n"
                + "[updates]\nname=Updates\nenabled=0\n");
        Files.writeString(root.resolve("etc/yum.repos.d/epel.repo"), "[epel]\nname=EPEL \"quoted\" \\ back\n");
        executable(root.resolve("usr/local/share/aliyun-assist/latest/aliyun-service"), "#!/bin/sh\nexit 0\n");
        return root;
    }

    /** In a fixture root the commands are still the host's: these stand in for the fixture's own. */
    private Path stubs(String kernel, String hostname, String dist) throws IOException {
        Path bin = Files.createTempDirectory(temp, "bin-");
        executable(bin.resolve("uname"), "#!/bin/sh\ncase \"$1\" in -m) echo x86_64 ;; -r) echo " + kernel
                + " ;; *) echo Linux ;; esac\n");
        executable(bin.resolve("rpm"), "#!/bin/sh\nprintf '%s\\n' bash-4.2.46-35." + dist + ".x86_64 glibc-2.17-326."
                + dist + ".i686\n");
        executable(bin.resolve("hostname"), "#!/bin/sh\necho " + hostname + "\n");
        executable(bin.resolve("free"), "#!/bin/sh\necho '              total        used        free'\n"
                + "echo 'Mem:           7821        1000        6821'\n");
        return bin;
    }

    private static void executable(Path path, String content) throws IOException {
        Files.writeString(path, content);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private String newCode() {
        return json(client().post().uri("/api/v1/activation-codes").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("quota", 5)).exchange().expectStatus().isCreated().expectBody().returnResult()
                .getResponseBody()).get("code").asString();
    }

    private String downloadScript() {
        return new String(anonymousClient().get().uri("/api/v1/import.sh").exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseBody(), StandardCharsets.UTF_8);
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static String osReleaseValue(String key) throws IOException {
        return Files.readAllLines(Path.of("/etc/os-release")).stream().filter(line -> line.startsWith(key + "="))
                .map(line -> line.substring(key.length() + 1).replace("\"", "")).findFirst().orElse("");
    }

    private static String command(String... command) throws Exception {
        return run(List.of(command), Map.of(), null).output().strip();
    }

    static Result run(List<String> command, Map<String, String> env, Path directory) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("Timed out: " + command);
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    record Result(int exitCode, String output) {
    }
}
