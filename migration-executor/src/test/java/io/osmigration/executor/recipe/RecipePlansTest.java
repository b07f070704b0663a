package io.osmigration.executor.recipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.osmigration.executor.ExecutorProperties;
import io.osmigration.executor.catalog.SourceCatalog;
import io.osmigration.executor.domain.DrillMode;
import io.osmigration.executor.domain.Finding;
import io.osmigration.executor.domain.Job;
import io.osmigration.executor.domain.Deadlines;
import io.osmigration.executor.domain.JobLifecycle;
import io.osmigration.executor.domain.StepKind;
import io.osmigration.executor.domain.StepResultFormat;
import io.osmigration.executor.domain.StepSpec;
import io.osmigration.platform.catalogue.MigrationCatalogue;
import io.osmigration.platform.catalogue.MigrationPath;
import io.osmigration.platform.catalogue.MigrationProperties;

/** The executor's plans come from the catalogue: every supported path's drill and steps, as they would run. */
class RecipePlansTest {

    private static final MigrationCatalogue CATALOGUE = MigrationCatalogue.shipped();
    private static final ExecutorProperties PROPERTIES = new ExecutorProperties(5000, 20, 4, Duration.ofMillis(200),
            Duration.ofSeconds(30), Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofMinutes(5),
            Duration.ofMinutes(10), Duration.ofHours(1), null, Duration.ofSeconds(60), Duration.ofMillis(250),
            Duration.ofSeconds(10), new ExecutorProperties.DeadlineSettings(null, null, null, null, null, null, null),
            new ExecutorProperties.CloudRetry(8, Duration.ofSeconds(2), Duration.ofMinutes(2)),
            new ExecutorProperties.Registry("", "", Duration.ofSeconds(5), 8),
            new ExecutorProperties.Events(Duration.ofDays(7), Duration.ofSeconds(5)),
            new ExecutorProperties.Polling(Duration.ofMillis(500), 0.5, Duration.ofSeconds(60), 100));
    private static final Finding REMOVED_DRIVERS = new Finding(Finding.DRILL, "KERNEL_MODULE_UNSUPPORTED", "WARNING",
            "Leapp detected loaded kernel drivers which have been removed in RHEL 8", "", null, null,
            List.of("floppy", "pata_acpi"));

    @Test
    void leappsPlanInstallsAnswersRemediesWhatTheBatchAllowedUpgradesRestartsAndVerifies() {
        Job job = job("centos 7", "x86_64", "anolis8", List.of("KERNEL_MODULE_UNSUPPORTED"), List.of(REMOVED_DRIVERS));
        List<StepSpec> plan = recipes(false).plan(job);

        assertThat(plan).extracting(StepSpec::name).containsExactly("INSTALL", "ANSWER",
                "REMEDIATE_KERNEL_MODULE_UNSUPPORTED", "UPGRADE", "REBOOT", "VERIFY");
        assertThat(plan.get(0).script()).contains("OSM_PACKAGES='leapp'")
                .contains("OSM_REPO_FILES='anolis-migration=http://mirrors.cloud.aliyuncs.com/anolis/migration/");
        assertThat(plan.get(1).script()).contains("OSM_ANSWERS='remove_pam_pkcs11_module_check.confirm=True'");
        assertThat(plan.get(2).script()).contains("OSM_MODULES='floppy pata_acpi'");
        assertThat(plan.get(3).script()).contains("OSM_LEAPP_COMMAND='upgrade'");
        assertThat(plan.get(3).result()).isEqualTo(StepResultFormat.LEAPP_REPORT);
        assertThat(plan.get(4).kind()).isEqualTo(StepKind.RUN_SCRIPT_AND_AWAIT_REBOOT);
        assertThat(plan.get(4).script()).contains("exit 194").doesNotContainPattern("(?m)^\\s*reboot\\b");
        assertThat(plan.get(4).backWithin()).isEqualTo(Duration.ofHours(2));
        assertThat(plan.get(5).script()).contains("OSM_EXPECTED_ID='anolis'").contains("OSM_EXPECTED_VERSION='8'");
    }

    @Test
    void aRemedyIsPlannedOnlyForWhatTheBatchAllows() {
        Job job = job("centos 7", "x86_64", "anolis8", List.of(), List.of(REMOVED_DRIVERS));
        assertThat(recipes(false).plan(job)).extracting(StepSpec::name).doesNotContain(
                "REMEDIATE_KERNEL_MODULE_UNSUPPORTED");
        assertThat(recipes(false).remedies(job, "KERNEL_MODULE_UNSUPPORTED")).isFalse();
        assertThat(recipes(false).remedies(job("centos 7", "x86_64", "anolis8", List.of("KERNEL_MODULE_UNSUPPORTED"),
                List.of()), "KERNEL_MODULE_UNSUPPORTED")).isTrue();
    }

    @Test
    void theDrillInstallsTheToolRecordsTheAnswersAndRunsItsCheckInOrder() {
        StepSpec leapp = recipes(false).drill(job("centos 7", "x86_64", "anolis8", List.of(), List.of()));
        assertThat(leapp.result()).isEqualTo(StepResultFormat.LEAPP_REPORT);
        String script = leapp.script();
        assertThat(script.indexOf("OSM_PACKAGES='leapp'")).isLessThan(script.indexOf("OSM_ANSWERS="));
        assertThat(script.indexOf("OSM_ANSWERS=")).isLessThan(script.indexOf("OSM_LEAPP_COMMAND='preupgrade'"));

        StepSpec c2r = recipes(false).drill(job("centos 8", "x86_64", "rhel8", List.of(), List.of()));
        assertThat(c2r.result()).isEqualTo(StepResultFormat.CONVERT2RHEL_REPORT);
        assertThat(c2r.script()).contains("OSM_C2R_COMMAND='analyze'");

        StepSpec anolis7 = recipes(false).drill(job("centos 7", "x86_64", "anolis7", List.of(), List.of()));
        assertThat(anolis7.result()).isEqualTo(StepResultFormat.NONE);
        assertThat(anolis7.script()).contains("OSM_PACKAGES='centos2anolis'").contains("no check-only mode");
    }

    @Test
    void aPathWithoutRecipeGetsAStepThatSaysWhy() {
        List<StepSpec> plan = recipes(true).plan(job("centos 7", "x86_64", "alinux3", List.of(), List.of()));
        assertThat(plan).singleElement().satisfies(step -> assertThat(step.script())
                .contains("centos7-x86_64-alinux3 is experimental and has no recipe").contains("exit 64"));
    }

    @Test
    void everyScriptOfEverySupportedPathIsShellcheckClean() throws IOException, InterruptedException {
        Path shellcheck = Path.of("/usr/bin/shellcheck");
        assumeTrue(Files.isExecutable(shellcheck), "shellcheck is not installed");
        List<String> checked = new ArrayList<>();
        for (MigrationPath path : CATALOGUE.paths()) {
            if (path.experimental()) {
                continue;
            }
            Job job = job(path.source().os() + " " + path.source().version(), path.source().arch(),
                    path.destination(), List.of("KERNEL_MODULE_UNSUPPORTED", "I386_PACKAGES"),
                    List.of(REMOVED_DRIVERS, new Finding(Finding.PRECHECK, "I386_PACKAGES", "CRITICAL", "", "", null,
                            null, List.of("glibc.i686"))));
            List<StepSpec> steps = new ArrayList<>(recipes(false).plan(job));
            assertThat(steps).extracting(StepSpec::name).as(path.id()).contains("INSTALL", "UPGRADE", "REBOOT",
                    "VERIFY");
            steps.add(recipes(false).drill(job));
            for (StepSpec step : steps) {
                Path file = Files.createTempFile("osm-", ".sh");
                Files.writeString(file, step.script(), StandardCharsets.UTF_8);
                Process process = new ProcessBuilder(shellcheck.toString(), "-s", "sh", file.toString())
                        .redirectErrorStream(true).start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(process.exitValue()).as(path.id() + " " + step.name() + ":\n" + output).isZero();
                Files.delete(file);
                checked.add(path.id() + "/" + step.name());
            }
        }
        assertThat(checked).contains("centos7-x86_64-anolis8/DRILL", "centos8-x86_64-rhel8/UPGRADE",
                "centos7-x86_64-anolis7/REMEDIATE_I386_PACKAGES");
    }

    private static CatalogueRecipes recipes(boolean experimental) {
        MigrationProperties migration = new MigrationProperties(experimental, "", Map.of());
        return new CatalogueRecipes(CATALOGUE, migration, id -> Optional.of(SOURCES.get(id)), PROPERTIES);
    }

    private static final Map<String, SourceCatalog.CatalogEntry> SOURCES = new java.util.concurrent.ConcurrentHashMap<>();

    private static Job job(String os, String arch, String destination, List<String> autoRemediate,
                           List<Finding> findings) {
        String sourceId = "s-" + os.replace(' ', '-') + "-" + arch;
        SOURCES.put(sourceId, new SourceCatalog.CatalogEntry(sourceId, "i-1", "cn-hangzhou", os, arch, "ONLINE",
                "h"));
        JobLifecycle lifecycle = new JobLifecycle(Deadlines.defaults(), recipes(false));
        Job job = lifecycle.accept("j-1", "b-1", "r-1", 0, sourceId, "i-1", "cn-hangzhou", destination,
                DrillMode.DRILL_AND_MIGRATE, autoRemediate, "sub", Instant.EPOCH);
        job = lifecycle.release(job, Instant.EPOCH).job();
        return lifecycle.precheckPassed(job, "e-1", findings, Instant.EPOCH).job();
    }
}
