package io.osmigration.allinone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;

import io.osmigration.platform.catalogue.MigrationCatalogue;
import io.osmigration.platform.catalogue.MigrationPath;
import io.osmigration.simulator.EcsSimulator;
import io.osmigration.simulator.InstanceView;

/**
 * Every supported path of the migration catalogue (x86_64 and aarch64), end to end on the all-in-one stack and the simulator's real tools:
 * one host per path is imported, pre-checked, snapshotted, drilled (the tool installed from its repository and its
 * own check run), migrated through the restart (exit 194), the offline phase and the reboots, and verified; then the
 * simulator says it runs the destination. One batch, each target with its own destination.
 */
@SuppressWarnings("unchecked")
class MigrationPathsEndToEndTest {

    @Test
    void everySupportedPathDrillsMigratesAndVerifies() throws IOException {
        List<MigrationPath> supported = MigrationCatalogue.shipped().paths().stream()
                .filter(p -> !p.experimental()).toList();
        assertThat(supported).extracting(MigrationPath::id).containsExactlyInAnyOrderElementsOf(DemoFleet.PATH_HOSTS.keySet());
        Map<String, String> instanceByPath = new LinkedHashMap<>();
        DemoFleet.PATH_HOSTS.forEach((path, host) -> instanceByPath.put(path, (String) host.get("instanceId")));
        Map<String, String> sourceByInstance = DemoBatches.importAll(List.copyOf(instanceByPath.values()));
        // convert2rhel reads the subscription from /etc/convert2rhel.ini, which the operator provisions (mode 0600)
        instanceByPath.forEach((path, instance) -> {
            if (path.contains("rhel")) {
                provisionSubscription(instance);
            }
        });

        List<Map<String, Object>> targets = supported.stream().map(p -> Map.<String, Object>of(
                "sourceId", sourceByInstance.get(instanceByPath.get(p.id())), "destinationOs", p.destination()))
                .toList();
        Map<String, Object> batch = AllInOneStack.client(AllInOneConfig.EXECUTOR).post().uri("/api/v1/migrations")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("requestId", "paths-" + UUID.randomUUID(), "destinationOs", "anolis8",
                        "drillMode", "DRILL_AND_MIGRATE", "acknowledgeRisks", true, "maxParallel", supported.size(),
                        "targets", targets))
                .exchange().expectStatus().isCreated()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { }).returnResult().getResponseBody();
        String batchId = (String) batch.get("batchId");

        await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(jobs(batchId).values()).extracting(j -> j.get("instanceId") + " " + j.get("state") + " "
                        + j.get("error")).allSatisfy(line -> assertThat(line).contains(" COMPLETED ")));

        Map<String, Map<String, Object>> jobs = jobs(batchId);
        for (MigrationPath path : supported) {
            String instance = instanceByPath.get(path.id());
            Map<String, Object> job = jobs.get(instance);
            Map<String, Object> drill = (Map<String, Object>) job.get("drill");
            assertThat(drill).as(path.id()).containsEntry("status", "SUCCEEDED");
            List<String> steps = ((List<Map<String, Object>>) job.get("steps")).stream()
                    .map(s -> (String) s.get("name")).toList();
            assertThat(steps).as(path.id()).startsWith("INSTALL").endsWith("UPGRADE", "REBOOT", "VERIFY");
            InstanceView now = simulator().instance(instance).orElseThrow();
            String expectedId = path.destination().replaceAll("[0-9]+$", "");
            String expectedMajor = path.destination().replaceAll("^[a-z]+", "");
            assertThat(now.osId()).as(path.id()).isEqualTo(expectedId);
            assertThat(now.osVersionId()).as(path.id()).startsWith(expectedMajor);
            assertThat(now.arch()).as(path.id()).isEqualTo(path.source().arch());
            assertThat((String) job.get("resultingOs")).as(path.id()).isEqualTo(now.osPrettyName());
            // The restart was the agent's exit 194: no RebootInstance, and no plain reboot inside a command
            assertThat(simulator().calls("RebootInstance", instance)).as(path.id()).isEmpty();
        }
    }

    static void provisionSubscription(String instanceId) {
        Path ini = AllInOneStack.get().dataDir().resolve("simulator").resolve(instanceId).resolve("etc/convert2rhel.ini");
        try {
            Files.createDirectories(ini.getParent());
            Files.writeString(ini, "[subscription_manager]\norg = 1234567\nactivation_key = osm-e2e-activation-key\n");
            Files.setPosixFilePermissions(ini, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Map<String, Map<String, Object>> jobs(String batchId) {
        Map<String, Object> batch = AllInOneStack.client(AllInOneConfig.EXECUTOR).get()
                .uri("/api/v1/migrations/{id}", batchId).exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { }).returnResult().getResponseBody();
        return ((List<Map<String, Object>>) batch.get("jobs")).stream()
                .collect(Collectors.toMap(job -> (String) job.get("instanceId"), job -> job));
    }

    private static EcsSimulator simulator() {
        return AllInOneStack.get().contexts().stream().filter(context -> context.containsBean("ecsSimulator"))
                .map(context -> context.getBean(EcsSimulator.class)).findFirst().orElseThrow();
    }
}
