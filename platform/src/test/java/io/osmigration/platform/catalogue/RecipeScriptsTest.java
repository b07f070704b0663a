package io.osmigration.platform.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.osmigration.platform.cloud.assistant.Capture;

/** Every step of every recipe renders into a POSIX sh script that shellcheck finds clean and that runs the tool. */
class RecipeScriptsTest {

    private static final MigrationCatalogue CATALOGUE = MigrationCatalogue.load();
    private static final RecipeSteps STEPS = new RecipeSteps(CATALOGUE, new MigrationProperties(false, "", null));

    @TempDir
    Path dir;

    @Test
    void everyRenderedStepIsShellcheckClean() throws Exception {
        Path shellcheck = Path.of("/usr/bin/shellcheck");
        assumeTrue(Files.isExecutable(shellcheck), "shellcheck is not installed");
        List<RecipeSteps.RenderedStep> steps = allSteps();
        assertThat(steps).hasSizeGreaterThan(20);
        for (RecipeSteps.RenderedStep step : steps) {
            Path file = dir.resolve("step.sh");
            Files.writeString(file, step.script());
            Process process = new ProcessBuilder(shellcheck.toString(), "-s", "sh", file.toString())
                    .redirectErrorStream(true).start();
            String report = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(step.name() + ":\n" + report).isZero();
        }
    }

    @Test
    void eachStepsScriptRunsTheToolItsCommandNames() {
        for (Recipe recipe : CATALOGUE.recipes().values()) {
            for (Recipe.Step step : steps(recipe)) {
                String tool = step.command().split(" ")[0];
                String invoked = "curl".equals(tool) ? "yum -y install" : tool;
                assertThat(RecipeScripts.load(step.script())).as(recipe.id() + " " + step.script()).contains(invoked);
            }
        }
    }

    @Test
    void parametersAreAssignedAfterTheShebangWithTheConfiguredMirror() {
        Recipe recipe = CATALOGUE.recipe("anolis-leapp-el7-to-el8").orElseThrow();
        RecipeSteps steps = new RecipeSteps(CATALOGUE, new MigrationProperties(false, "http://mirrors.aliyuncs.com", null));

        String install = steps.install(recipe).script();

        assertThat(install).startsWith("#!/bin/sh\n# Parameters (rendered by osmigration)\n")
                .contains("OSM_REPO_FILES='anolis-migration=http://mirrors.aliyuncs.com/anolis/migration/anolis-migration.repo'; export OSM_REPO_FILES\n")
                .contains("OSM_STEP='INSTALL'; export OSM_STEP\n");
        assertThat(steps.preflight(recipe).orElseThrow().capture()).isEqualTo(Capture.FILE);
        assertThat(steps.answers(recipe).orElseThrow().script())
                .contains("OSM_ANSWERS='remove_pam_pkcs11_module_check.confirm=True'");
        assertThat(steps.restart("into the upgrade").script()).contains("exit 194");
    }

    @Test
    void aRemedyIsAimedAtWhatTheFindingNames() {
        Recipe recipe = CATALOGUE.recipe("anolis-leapp-el7-to-el8").orElseThrow();

        assertThat(STEPS.remediation(recipe, "KERNEL_MODULE_UNSUPPORTED", List.of("floppy", "pata_acpi"))
                .orElseThrow().script()).contains("OSM_MODULES='floppy pata_acpi'");
        assertThat(STEPS.remediation(recipe, "LEAPP_ANSWERS_MISSING", List.of()).orElseThrow().script())
                .contains("OSM_ANSWERS='remove_pam_pkcs11_module_check.confirm=True'");
        assertThat(STEPS.remediation(recipe, "EPEL_MODULAR", List.of())).isEmpty();
        assertThatThrownBy(() -> STEPS.remediation(recipe, "KERNEL_MODULE_UNSUPPORTED", List.of("floppy; reboot")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unsafe value");
    }

    @Test
    void theSshdRemedyStatesPermitRootLoginOnceAndKeepsAnExplicitSetting() throws Exception {
        Path config = Files.createDirectories(dir.resolve("etc/ssh")).resolve("sshd_config");
        Files.writeString(config, "#PermitRootLogin yes\nPasswordAuthentication yes\n");
        String script = STEPS.remediation(CATALOGUE.recipe("anolis-leapp-el7-to-el8").orElseThrow(),
                "SSHD_PERMIT_ROOT_LOGIN", List.of()).orElseThrow().script();

        assertThat(run(script, Map.of()).exitCode()).isZero();
        assertThat(run(script, Map.of()).exitCode()).isZero();

        assertThat(Files.readString(config).lines().filter(l -> l.startsWith("PermitRootLogin"))).containsExactly("PermitRootLogin yes");
    }

    @Test
    void theKernelModuleRemedyBlacklistsAndUnloadsOnlyLoadedModules() throws Exception {
        Files.createDirectories(dir.resolve("proc"));
        Files.writeString(dir.resolve("proc/modules"), "floppy 69432 0 - Live 0xffffffffc0335000\n"
                + "virtio_net 28024 0 - Live 0xffffffffc0329000\n");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.writeString(bin.resolve("modprobe"), "#!/bin/sh\necho \"$@\" >>\"$OSM_ROOT/modprobe.calls\"\n");
        bin.resolve("modprobe").toFile().setExecutable(true);
        String script = STEPS.remediation(CATALOGUE.recipe("anolis-leapp-el7-to-el8").orElseThrow(),
                "KERNEL_MODULE_UNSUPPORTED", List.of("floppy", "pata_acpi")).orElseThrow().script();

        assertThat(run(script, Map.of("PATH", bin + ":/usr/bin:/bin")).exitCode()).isZero();
        run(script, Map.of("PATH", bin + ":/usr/bin:/bin"));

        assertThat(Files.readAllLines(dir.resolve("etc/modprobe.d/osmigration-removed-drivers.conf")))
                .containsExactly("blacklist floppy", "blacklist pata_acpi");
        assertThat(Files.readAllLines(dir.resolve("modprobe.calls"))).containsOnly("-r floppy");
    }

    @Test
    void verifyPassesOnTheDestinationAndFailsOnTheSourceWithTheReason() throws Exception {
        Recipe recipe = CATALOGUE.recipe("centos2anolis-el8").orElseThrow();
        String script = STEPS.verify(recipe, CATALOGUE.destination("anolis8").orElseThrow()).script();
        Files.createDirectories(dir.resolve("etc"));
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.writeString(bin.resolve("rpm"), "#!/bin/sh\necho bash-4.4.20-4.an8.x86_64\n");
        bin.resolve("rpm").toFile().setExecutable(true);
        Map<String, String> env = Map.of("PATH", bin + ":/usr/bin:/bin");

        Files.writeString(dir.resolve("etc/os-release"), "ID=\"anolis\"\nVERSION_ID=\"8.8\"\nPRETTY_NAME=\"Anolis OS 8.8\"\n");
        Run passed = run(script, env);
        Files.writeString(dir.resolve("etc/os-release"), "ID=\"centos\"\nVERSION_ID=\"8\"\nPRETTY_NAME=\"CentOS Linux 8\"\n");
        Run failed = run(script, env);

        assertThat(passed.exitCode()).isZero();
        assertThat(passed.output()).contains("OSM_CHECK os-release ok Anolis OS 8.8", "OSM_CHECK rpm-database ok 1 packages",
                "OSM_RESULT os=Anolis OS 8.8");
        assertThat(failed.exitCode()).isEqualTo(5);
        assertThat(failed.output()).contains("OSM_CHECK os-release failed expected anolis 8, found centos 8");
    }

    @Test
    void theLeappDrillAsksForSchema120AndPassesLeappsExitCodeWithTheReport() throws Exception {
        Path bin = tool("leapp", """
                echo "$*" >>"$OSM_ROOT/leapp.calls"
                if [ "$2" = --help ]; then echo "  --report-schema {1.0.0,1.1.0,1.2.0}"; exit 0; fi
                mkdir -p "$OSM_ROOT/var/log/leapp"
                echo '{"entries": [], "leapp_run_id": "r1"}' >"$OSM_ROOT/var/log/leapp/leapp-report.json"
                exit 1
                """);
        Recipe recipe = CATALOGUE.recipe("anolis-leapp-el7-to-el8").orElseThrow();

        Run run = run(STEPS.preflight(recipe).orElseThrow().script(),
                Map.of("PATH", bin + ":/usr/bin:/bin", "OSM_RESULT_FILE", dir.resolve("result").toString()));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(Files.readAllLines(dir.resolve("leapp.calls")))
                .containsExactly("preupgrade --help", "preupgrade --no-rhsm --report-schema 1.2.0");
        assertThat(Files.readString(dir.resolve("result"))).contains("\"leapp_run_id\": \"r1\"");
    }

    @Test
    void aLeappReportLeftFromAnEarlierRunIsNotTakenForThisOne() throws Exception {
        Path report = Files.createDirectories(dir.resolve("var/log/leapp")).resolve("leapp-report.json");
        Files.writeString(report, "{\"entries\": []}");
        Files.setLastModifiedTime(report, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        Path bin = tool("leapp", "exit 0\n");
        Recipe recipe = CATALOGUE.recipe("anolis-leapp-el7-to-el8").orElseThrow();

        Run run = run(STEPS.preflight(recipe).orElseThrow().script(), Map.of("PATH", bin + ":/usr/bin:/bin"));

        assertThat(run.exitCode()).isEqualTo(6);
        assertThat(run.output()).contains("wrote no report");
    }

    @Test
    void installFetchesTheRepositoryFromTheMirrorInstallsOnceAndThenChangesNothing() throws Exception {
        Path bin = tool("curl", """
                while [ "$#" -gt 1 ]; do [ "$1" = -o ] && out="$2"; shift; done
                echo "$1" >>"$OSM_ROOT/curl.calls"
                printf '[migration]\\nbaseurl=https://mirrors.openanolis.cn/anolis/migration/$releasever/$basearch/os/\\nenabled=0\\n' >"$out"
                """);
        tool("yum", """
                echo "$*" >>"$OSM_ROOT/yum.calls"
                case "$*" in
                  *install*leapp*)
                    touch "$OSM_ROOT/installed-leapp"
                    printf '#!/bin/sh\\n' >"$OSM_ROOT/bin/leapp"; chmod +x "$OSM_ROOT/bin/leapp"
                    mkdir -p "$OSM_ROOT/etc/leapp/files"
                    echo 'baseurl=https://mirrors.openanolis.cn/anolis/8/BaseOS/$basearch/os' >"$OSM_ROOT/etc/leapp/files/leapp_upgrade_repositories.repo"
                    ;;
                esac
                """);
        tool("rpm", "[ -f \"$OSM_ROOT/installed-$2\" ] && echo \"$2-0.16.0-1.an7.noarch\"\n");
        Recipe recipe = CATALOGUE.recipe("anolis-leapp-el7-to-el8").orElseThrow();
        Map<String, String> env = Map.of("PATH", dir.resolve("bin") + ":/usr/bin:/bin");
        String script = STEPS.install(recipe).script();

        Run first = run(script, env);
        Run second = run(script, env);

        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(Files.readAllLines(dir.resolve("curl.calls")))
                .containsExactly("http://mirrors.cloud.aliyuncs.com/anolis/migration/anolis-migration.repo");
        assertThat(Files.readString(dir.resolve("etc/yum.repos.d/anolis-migration.repo")))
                .contains("baseurl=http://mirrors.cloud.aliyuncs.com/anolis/migration/7/$basearch/os/");
        assertThat(Files.readString(dir.resolve("etc/leapp/files/leapp_upgrade_repositories.repo")))
                .contains("baseurl=http://mirrors.cloud.aliyuncs.com/anolis/8/BaseOS");
        assertThat(second.exitCode()).isZero();
        assertThat(second.output()).contains("leapp is already installed");
        assertThat(Files.readAllLines(dir.resolve("yum.calls")))
                .containsExactly("-q makecache", "-y install --enablerepo=migration leapp");
        assertThat(dir.resolve("var/lib/osmigration/source-kernel")).isNotEmptyFile();
    }

    private Path tool(String name, String body) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path file = bin.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body);
        file.toFile().setExecutable(true);
        return bin;
    }

    private List<RecipeSteps.RenderedStep> allSteps() {
        List<RecipeSteps.RenderedStep> steps = new ArrayList<>();
        for (Recipe recipe : CATALOGUE.recipes().values()) {
            steps.add(STEPS.install(recipe));
            STEPS.preflight(recipe).ifPresent(steps::add);
            STEPS.answers(recipe).ifPresent(steps::add);
            steps.add(STEPS.migrate(recipe));
            steps.add(STEPS.restart(null));
            steps.add(STEPS.verify(recipe, CATALOGUE.destinations().get(0)));
            for (String code : recipe.remediations().keySet()) {
                steps.add(STEPS.remediation(recipe, code, List.of("floppy")).orElseThrow());
            }
        }
        return steps;
    }

    private static List<Recipe.Step> steps(Recipe recipe) {
        List<Recipe.Step> steps = new ArrayList<>(List.of(recipe.install(), recipe.migrate()));
        if (recipe.preflight() != null) {
            steps.add(recipe.preflight());
        }
        return steps;
    }

    record Run(int exitCode, String output) {
    }

    private Run run(String script, Map<String, String> env) throws IOException, InterruptedException {
        Path file = Files.createTempFile(dir, "step-", ".sh");
        Files.writeString(file, script);
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", file.toString()).redirectErrorStream(true);
        builder.environment().put("OSM_ROOT", dir.toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }
}
