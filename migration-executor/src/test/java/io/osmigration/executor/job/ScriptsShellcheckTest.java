package io.osmigration.executor.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The on-instance scripts are POSIX sh, shellcheck-clean, and export OSM_STEP first (the simulator's faults). */
class ScriptsShellcheckTest {

    private static final List<String> SCRIPTS = List.of("prepare.sh", "upgrade.sh", "reboot.sh", "verify.sh", "drill.sh");

    @Test
    void everyScriptIsShellcheckClean() throws IOException, InterruptedException {
        Path shellcheck = Path.of("/usr/bin/shellcheck");
        assumeTrue(Files.isExecutable(shellcheck), "shellcheck is not installed");
        ScriptLibrary library = new ScriptLibrary();
        for (String name : SCRIPTS) {
            Path file = Files.createTempFile("osm-", "-" + name);
            Files.writeString(file, library.render(name, "alinux3"), StandardCharsets.UTF_8);
            Process process = new ProcessBuilder(shellcheck.toString(), "-s", "sh", file.toString())
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(name + ":\n" + output).isZero();
            Files.delete(file);
        }
    }

    @Test
    void everyScriptExportsItsStepFirst() {
        ScriptLibrary library = new ScriptLibrary();
        for (String name : SCRIPTS) {
            String firstCommand = library.load(name).lines().filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .findFirst().orElseThrow();
            assertThat(firstCommand).startsWith("export OSM_STEP=");
        }
    }
}
