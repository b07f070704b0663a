package io.osmigration.allinone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.osmigration.simulator.ApiCall;
import io.osmigration.simulator.EcsSimulator;

/**
 * What an operator's Prometheus sees after a mixed batch on the all-in-one stack: the jobs by final state (equal to
 * what the API counts), ECS calls per action and outcome equal to the ECS simulator's call log, step and phase
 * duration histograms, and the other services' series, all scraped from {@code /actuator/prometheus} with a viewer
 * token.
 */
@SuppressWarnings("unchecked")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MetricsEndToEndTest {

    static final List<String> SERVICES = List.of(AllInOneConfig.EXECUTOR, AllInOneConfig.SOURCE_REGISTRY,
            AllInOneConfig.PRECHECK, AllInOneConfig.SNAPSHOT, AllInOneConfig.NOTIFICATION);
    private static final Set<String> TERMINAL = Set.of("PRECHECK_FAILED", "COMPLETED", "FAILED", "ROLLED_BACK",
            "CANCELLED", "AWAITING_APPROVAL");
    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    @Order(0)
    void theMetricsEndpointNeedsAViewerToken() {
        for (String service : SERVICES) {
            WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + AllInOneStack.get().port(service)).build()
                    .get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized();
            assertThat(scrape(service).samples()).as(service).isNotEmpty();
        }
    }

    @Test
    @Order(1)
    void afterAMixedBatchTheMetricsShowJobsByFinalStateEcsCallsAsTheSimulatorLoggedThemAndStepDurations() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put(DemoFleet.METRICS_HOST, "COMPLETED");
        expected.put(DemoFleet.idOf("fault-upgrade-centos7"), "ROLLED_BACK");
        expected.put(DemoFleet.idOf("web-ubuntu2204-01"), "PRECHECK_FAILED");
        Map<String, String> sources = DemoBatches.importAll(List.copyOf(expected.keySet()));
        String batchId = (String) DemoBatches.submit(Map.of("requestId", "metrics-" + UUID.randomUUID(),
                "destinationOs", "anolis8",
                "drillMode", "NONE", "acknowledgeRisks", true, "failureThresholdPercent", 100,
                "targets", sources.values().stream().map(id -> Map.of("sourceId", id)).toList())).get("batchId");
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Map<String, String> states = states(batchId);
            expected.forEach((instance, state) -> assertThat(states).as(instance).containsEntry(instance, state));
        });

        // Jobs by state: the gauge counts the stored jobs, so it equals what the API counts over every batch.
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            PrometheusText executor = scrape(AllInOneConfig.EXECUTOR);
            Map<String, Long> byState = jobsPerStateFromTheApi();
            for (String state : List.of("COMPLETED", "ROLLED_BACK", "PRECHECK_FAILED", "FAILED", "CANCELLED")) {
                assertThat((long) executor.sum("osm_jobs", s -> s.has("state", state)))
                        .as("osm_jobs{state=%s}", state).isEqualTo(byState.getOrDefault(state, 0L));
            }
            assertThat(executor.sum("osm_jobs", s -> s.has("state", "COMPLETED") && s.has("destination", "anolis8")))
                    .isGreaterThanOrEqualTo(1);
        });

        // Step and phase durations: histograms with buckets, the failed UPGRADE among them.
        PrometheusText executor = scrape(AllInOneConfig.EXECUTOR);
        double failedUpgrades = executor.sum("osm_step_duration_seconds_count",
                s -> s.has("step", "UPGRADE") && s.has("outcome", "FAILED"));
        assertThat(failedUpgrades).isGreaterThanOrEqualTo(1);
        assertThat(executor.sum("osm_step_duration_seconds_bucket", s -> s.has("step", "UPGRADE")
                && s.has("outcome", "FAILED") && s.has("le", "+Inf"))).isEqualTo(failedUpgrades);
        assertThat(executor.named("osm_step_duration_seconds_bucket")).extracting(s -> s.labels().get("le"))
                .contains("1.0", "60.0", "1800.0", "+Inf");
        assertThat(executor.sum("osm_step_duration_seconds_count", s -> s.has("step", "VERIFY")
                && s.has("outcome", "SUCCEEDED"))).isGreaterThanOrEqualTo(1);
        assertThat(executor.sum("osm_phase_duration_seconds_count", s -> s.has("phase", "MIGRATING")
                && s.has("next", "COMPLETED"))).isGreaterThanOrEqualTo(1);
        assertThat(executor.sum("osm_job_transitions_total", s -> s.has("from", "FAILED")
                && s.has("to", "ROLLED_BACK"))).isGreaterThanOrEqualTo(1);
        assertThat(executor.named("osm_outbox_messages")).extracting(s -> s.labels().get("collection"))
                .contains("jobs", "batches");
        assertThat(executor.named("osm_outbox_oldest_age_seconds")).isNotEmpty();

        // ECS calls: what the services counted is what ECS (the simulator) received, per action and outcome.
        await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                assertThat(ecsCallsCounted()).isEqualTo(ecsCallsLogged()));
        assertThat(ecsCallsCounted()).containsKeys("RunCommand success", "DescribeInvocationResults success",
                "CreateSnapshotGroup success", "ResetDisk success");

        PrometheusText precheck = scrape(AllInOneConfig.PRECHECK);
        assertThat(precheck.sum("osm_prechecks_total", s -> s.has("outcome", "FAILED"))).isGreaterThanOrEqualTo(1);
        assertThat(precheck.sum("osm_prechecks_total", s -> s.has("outcome", "PASSED"))).isGreaterThanOrEqualTo(2);
        assertThat(precheck.sum("osm_precheck_findings_total", s -> s.has("code", "SOURCE_OS_UNSUPPORTED")
                && s.has("severity", "CRITICAL"))).isGreaterThanOrEqualTo(1);
        assertThat(precheck.named("osm_precheck_duration_seconds_count")).isNotEmpty();

        PrometheusText snapshots = scrape(AllInOneConfig.SNAPSHOT);
        assertThat(snapshots.sum("osm_snapshot_creations_total", s -> true)).isGreaterThanOrEqualTo(2);
        assertThat(snapshots.sum("osm_snapshot_creations_size_bytes_total", s -> true))
                .isGreaterThanOrEqualTo(2 * 20.0 * (1L << 30));
        assertThat(snapshots.named("osm_snapshots")).extracting(s -> s.labels().get("status"))
                .contains("AVAILABLE", "RELEASED");
        assertThat(snapshots.named("osm_snapshots_size_bytes")).isNotEmpty();

        PrometheusText registry = scrape(AllInOneConfig.SOURCE_REGISTRY);
        assertThat(registry.sum("osm_cloud_assistant_output_bytes_count", s -> s.has("command", "osm-collect-facts")))
                .isGreaterThanOrEqualTo(1);
        assertThat(registry.sum("osm_cloud_assistant_result_bytes_sum", s -> s.has("command", "osm-collect-facts")))
                .isPositive();

        await().atMost(WAIT).untilAsserted(() -> assertThat(scrape(AllInOneConfig.NOTIFICATION)
                .sum("osm_notifications_total", s -> s.has("channel", "EMAIL") && s.has("outcome", "sent")))
                .isGreaterThanOrEqualTo(1));

        // Consumer lag from the Kafka clients' own metrics, on every service that consumes (source-registry only
        // produces); the producers' metrics on every service that published during the batch.
        for (String service : SERVICES) {
            PrometheusText metrics = scrape(service);
            if (!service.equals(AllInOneConfig.NOTIFICATION)) {
                assertThat(metrics.samples()).as(service).anyMatch(s -> s.name().startsWith("kafka_producer_"));
            }
            if (!service.equals(AllInOneConfig.SOURCE_REGISTRY)) {
                assertThat(metrics.named("kafka_consumer_fetch_manager_records_lag_max")).as(service).isNotEmpty();
            }
        }
    }

    /** After the batch above, so that every series (step histograms, released snapshots …) has been written. */
    @Test
    @Order(2)
    void theGrafanaDashboardAndTheAlertsUseOnlyMetricsTheServicesExport() throws Exception {
        await().atMost(WAIT).untilAsserted(() -> assertThat(scrape(AllInOneConfig.SNAPSHOT)
                .sum("osm_snapshot_releases_total", s -> true)).isPositive());
        Set<String> exported = new java.util.TreeSet<>();
        for (String service : SERVICES) {
            scrape(service).samples().forEach(sample -> exported.add(sample.name()));
        }
        tools.jackson.databind.JsonNode dashboard = tools.jackson.databind.json.JsonMapper.builder().build()
                .readTree(java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "grafana-dashboard.json")));
        List<String> expressions = new java.util.ArrayList<>();
        Set<Integer> ids = new java.util.HashSet<>();
        for (tools.jackson.databind.JsonNode panel : dashboard.path("panels")) {
            assertThat(ids.add(panel.path("id").asInt())).as("panel ids are unique").isTrue();
            assertThat(panel.path("gridPos").path("x").asInt() + panel.path("gridPos").path("w").asInt())
                    .isLessThanOrEqualTo(24);
            if (!panel.path("type").asString().equals("row")) {
                assertThat(panel.path("datasource").path("uid").asString()).isEqualTo("${datasource}");
                assertThat(panel.path("targets").size()).as(panel.path("title").asString()).isPositive();
                panel.path("targets").forEach(target -> expressions.add(target.path("expr").asString()));
            }
        }
        assertThat(expressions).hasSizeGreaterThan(20);
        Map<String, Object> alerts = new org.yaml.snakeyaml.Yaml().load(java.nio.file.Files.readString(
                java.nio.file.Path.of("..", "ops", "prometheus", "alerts.yml")));
        for (Map<String, Object> group : (List<Map<String, Object>>) alerts.get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                expressions.add((String) rule.get("expr"));
            }
        }
        java.util.regex.Matcher names = java.util.regex.Pattern.compile("\\b((?:osm|kafka|jvm)_[a-z0-9_]+)")
                .matcher(String.join("\n", expressions));
        Set<String> used = new java.util.TreeSet<>();
        while (names.find()) {
            used.add(names.group(1));
        }
        assertThat(used).contains("osm_jobs", "osm_step_duration_seconds_bucket", "osm_ecs_calls_total",
                "osm_outbox_oldest_age_seconds", "kafka_consumer_fetch_manager_records_lag_max",
                "osm_notifications_total", "osm_snapshots", "osm_precheck_findings_total");
        assertThat(exported).as("metrics the services export").containsAll(used);
    }

    static PrometheusText scrape(String service) {
        // A scrape after a full test run is more than WebClient's default 256 KB buffer (the Kafka clients' metrics
        // are per topic and partition).
        String text = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + AllInOneStack.get().port(service))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(32 * 1024 * 1024))
                .defaultHeader("Authorization", "Bearer " + AllInOneStack.VIEWER_TOKEN)
                .responseTimeout(Duration.ofSeconds(30)).build()
                .get().uri("/actuator/prometheus")
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        return PrometheusText.parse(text);
    }

    /** osm_ecs_calls_total of every service, summed per "action outcome". */
    private static Map<String, Long> ecsCallsCounted() {
        Map<String, Long> counted = new TreeMap<>();
        for (String service : SERVICES) {
            for (PrometheusText.Sample sample : scrape(service).named("osm_ecs_calls_total")) {
                counted.merge(sample.labels().get("action") + " " + sample.labels().get("outcome"),
                        (long) sample.value(), Long::sum);
            }
        }
        return counted;
    }

    private static Map<String, Long> ecsCallsLogged() {
        EcsSimulator simulator = AllInOneStack.get().contexts().stream()
                .filter(context -> context.containsBean("ecsSimulator"))
                .map(context -> context.getBean(EcsSimulator.class)).findFirst().orElseThrow();
        return simulator.calls().stream().collect(Collectors.groupingBy(
                (ApiCall call) -> call.action() + " " + (call.errorCode() == null ? "success" : call.errorCode()),
                TreeMap::new, Collectors.counting()));
    }

    private static Map<String, Long> jobsPerStateFromTheApi() {
        Map<String, Long> byState = new HashMap<>();
        for (int page = 0; ; page++) {
            List<Map<String, Object>> batches = AllInOneStack.client(AllInOneConfig.EXECUTOR).get()
                    .uri("/api/v1/migrations?size=100&page=" + page).exchange().expectStatus().isOk()
                    .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() { })
                    .returnResult().getResponseBody();
            for (Map<String, Object> batch : batches) {
                ((Map<String, Number>) batch.get("counts")).forEach((state, n) -> byState.merge(state,
                        n.longValue(), Long::sum));
            }
            if (batches.size() < 100) {
                return byState;
            }
        }
    }



    /** The batch's job states by instance id. */
    private static Map<String, String> states(String batchId) {
        Map<String, Object> batch = AllInOneStack.client(AllInOneConfig.EXECUTOR).get()
                .uri("/api/v1/migrations/{id}", batchId).exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { }).returnResult().getResponseBody();
        return ((List<Map<String, Object>>) batch.get("jobs")).stream().filter(job -> TERMINAL.contains(job.get("state")))
                .collect(Collectors.toMap(job -> (String) job.get("instanceId"), job -> (String) job.get("state")));
    }
}
