package io.osmigration.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.osmigration.cli.config.Service;
import io.osmigration.cli.config.Settings;

class SettingsTest {

    @TempDir
    Path home;

    private static final Settings.Flags NONE = new Settings.Flags(null, Map.of(), null);

    @Test
    void withNothingSetEachServiceIsOnLocalhostAtItsContractPort() {
        Settings settings = Settings.resolve(NONE, new Settings.Environment(Map.of(), home));
        assertThat(settings.url(Service.EXECUTOR)).hasToString("http://localhost:8080");
        assertThat(settings.url(Service.REGISTRY)).hasToString("http://localhost:8081");
        assertThat(settings.url(Service.PRECHECK)).hasToString("http://localhost:8082");
        assertThat(settings.url(Service.SNAPSHOT)).hasToString("http://localhost:8083");
        assertThat(settings.url(Service.NOTIFICATION)).hasToString("http://localhost:8084");
        assertThat(settings.bearer()).isEmpty();
    }

    @Test
    void aBaseUrlWithoutAPortKeepsTheDefaultPortsAndOneWithAPortIsAGatewayForAll() {
        Settings hostOnly = Settings.resolve(NONE, new Settings.Environment(Map.of("OSM_URL", "https://osm.example.internal/"), home));
        assertThat(hostOnly.url(Service.PRECHECK)).hasToString("https://osm.example.internal:8082");
        Settings gateway = Settings.resolve(new Settings.Flags("osm.example.internal:443", Map.of(), null),
                new Settings.Environment(Map.of(), home));
        assertThat(gateway.url(Service.EXECUTOR)).hasToString("http://osm.example.internal:443");
        assertThat(gateway.url(Service.NOTIFICATION)).hasToString("http://osm.example.internal:443");
    }

    @Test
    void flagsBeatTheEnvironmentWhichBeatsTheConfigFile() throws IOException {
        writeConfig("url = http://from-file\ntoken = file-token\nregistry-url = http://registry-from-file:9000\n");
        Map<String, String> env = Map.of("OSM_URL", "http://from-env", "OSM_API_TOKEN", "env-token");

        Settings fromFile = Settings.resolve(NONE, new Settings.Environment(Map.of(), home));
        assertThat(fromFile.url(Service.EXECUTOR)).hasToString("http://from-file:8080");
        assertThat(fromFile.url(Service.REGISTRY)).hasToString("http://registry-from-file:9000");
        assertThat(fromFile.bearer()).contains("file-token");

        Settings fromEnv = Settings.resolve(NONE, new Settings.Environment(env, home));
        assertThat(fromEnv.url(Service.EXECUTOR)).hasToString("http://from-env:8080");
        assertThat(fromEnv.bearer()).contains("env-token");
        assertThat(fromEnv.tokenOrigin()).isEqualTo("OSM_API_TOKEN");

        Settings fromFlags = Settings.resolve(new Settings.Flags("http://from-flag",
                Map.of(Service.EXECUTOR, "http://executor-flag:1234"), "flag-token"), new Settings.Environment(env, home));
        assertThat(fromFlags.url(Service.EXECUTOR)).hasToString("http://executor-flag:1234");
        assertThat(fromFlags.url(Service.REGISTRY)).as("--url outranks the file's registry-url")
                .hasToString("http://from-flag:8081");
        assertThat(fromFlags.url(Service.PRECHECK)).hasToString("http://from-flag:8082");
        assertThat(fromFlags.bearer()).contains("flag-token");
    }

    @Test
    void theConfigFileFollowsXdgConfigHomeAndATokenInAReadableFileIsWarnedAbout() throws IOException {
        Path xdg = home.resolve("xdg");
        Path file = xdg.resolve("osm/config");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "token=t0ken\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        Settings settings = Settings.resolve(NONE, new Settings.Environment(Map.of("XDG_CONFIG_HOME", xdg.toString()), home));
        assertThat(settings.bearer()).contains("t0ken");
        assertThat(settings.warnings()).singleElement().asString().contains("chmod 600");

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThat(Settings.resolve(NONE, new Settings.Environment(Map.of("XDG_CONFIG_HOME", xdg.toString()), home))
                .warnings()).isEmpty();
    }

    @Test
    void aUrlThatIsNoneIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> Settings.resolve(new Settings.Flags("ftp://files", Map.of(), null),
                new Settings.Environment(Map.of(), home)))
                .isInstanceOf(Settings.SettingsException.class).hasMessageContaining("--url").hasMessageContaining("ftp://files");
        CliRun run = CliRun.run(Map.of("OSM_EXECUTOR_URL", "http://exa mple"), home, "batches", "list");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err().strip()).startsWith("osm: OSM_EXECUTOR_URL").doesNotContain("\n");
    }

    private void writeConfig(String content) throws IOException {
        Path file = home.resolve(".config/osm/config");
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
}
