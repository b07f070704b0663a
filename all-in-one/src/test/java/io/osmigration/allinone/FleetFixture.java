package io.osmigration.allinone;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A fleet of copies of the demo fleet's clean CentOS 7 instance on an all-in-one stack, and the API calls that import
 * it and migrate it in one batch: for the fleet bench and the end-to-end tests that run many jobs.
 */
final class FleetFixture {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() { };

    private final AllInOne stack;
    private final String token;

    FleetFixture(AllInOne stack, String token) {
        this.stack = stack;
        this.token = token;
    }

    /** {@code count} instance ids of their own for {@code group}. */
    static List<String> ids(String group, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(String.format("i-bp1bench%s%010d", group, i));
        }
        return ids;
    }

    /** A fleet file of copies of the demo fleet's clean CentOS 7 instance, each with its own ids, in {@code dir}. */
    @SuppressWarnings("unchecked")
    static Path writeFleet(Path dir, List<String> instanceIds) throws IOException {
        Map<String, Object> template = DemoFleet.instances().stream()
                .filter(i -> DemoFleet.cleanCentos7Instance().equals(i.get("instanceId"))).findFirst().orElseThrow();
        String templateJson = JSON.writeValueAsString(template);
        List<Map<String, Object>> instances = new ArrayList<>();
        for (String id : instanceIds) {
            Map<String, Object> copy = JSON.readValue(templateJson, Map.class);
            copy.put("instanceId", id);
            copy.put("instanceName", id.substring(2));
            List<Map<String, Object>> disks = (List<Map<String, Object>>) copy.get("disks");
            for (int d = 0; d < disks.size(); d++) {
                disks.get(d).put("diskId", "d-" + id.substring(2) + d);
            }
            instances.add(copy);
        }
        Map<String, Object> fleet = new LinkedHashMap<>();
        fleet.put("accessKeyId", AllInOne.DEMO_ACCESS_KEY_ID);
        fleet.put("accessKeySecret", AllInOne.DEMO_ACCESS_KEY_SECRET);
        fleet.put("instances", instances);
        Path file = dir.resolve("bench-fleet.json");
        JSON.writeValue(file.toFile(), fleet);
        return file;
    }

    /** Imports the instances through source-registry (100 a call); instance id → source id. */
    Map<String, String> importAll(List<String> instanceIds) {
        Map<String, String> sources = new LinkedHashMap<>();
        for (int from = 0; from < instanceIds.size(); from += 100) {
            List<String> chunk = instanceIds.subList(from, Math.min(instanceIds.size(), from + 100));
            Map<String, Object> imported = client(AllInOneConfig.SOURCE_REGISTRY).post()
                    .uri("/api/v1/sources/ecs").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("regionId", "cn-hangzhou", "instanceIds", chunk)).exchange()
                    .expectStatus().isCreated().expectBody(MAP).returnResult().getResponseBody();
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> list = (List<Map<String, Object>>) imported.get("sources");
            list.forEach(s -> sources.put((String) s.get("instanceId"), (String) s.get("sourceId")));
        }
        // The executor hears of the sources on osm.sources (or asks source-registry): give the events a moment.
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() ->
                client(AllInOneConfig.SOURCE_REGISTRY).get().uri("/api/v1/sources?size=1").exchange()
                        .returnResult(String.class).getResponseHeaders().getFirst("X-Total-Count") != null);
        return sources;
    }

    /** One batch of every source (drill NONE, to Anolis OS 8, all at once); its id. */
    String submit(List<String> sourceIds) {
        return submit(sourceIds, sourceIds.size());
    }

    /** One batch of every source (drill NONE, to Anolis OS 8), {@code maxParallel} at a time; its id. */
    String submit(List<String> sourceIds, int maxParallel) {
        Map<String, Object> body = Map.of("requestId", "bench-" + UUID.randomUUID(),
                "destinationOs", "anolis8", "drillMode", "NONE", "acknowledgeRisks", true,
                "maxParallel", Math.min(10_000, Math.min(maxParallel, sourceIds.size())),
                "targets", sourceIds.stream().map(id -> Map.of("sourceId", id)).toList());
        Map<String, Object> created = client(AllInOneConfig.EXECUTOR).post().uri("/api/v1/migrations")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange().expectStatus().isCreated()
                .expectBody(MAP).returnResult().getResponseBody();
        return (String) created.get("batchId");
    }

    /** The batch without its jobs (state, counts, finishedAt). */
    Map<String, Object> batch(String batchId) {
        return client(AllInOneConfig.EXECUTOR).get().uri("/api/v1/migrations/" + batchId + "?jobs=false")
                .exchange().expectStatus().isOk().expectBody(MAP).returnResult().getResponseBody();
    }

    void cancel(String batchId) {
        client(AllInOneConfig.EXECUTOR).post().uri("/api/v1/migrations/" + batchId + ":cancel").exchange();
    }

    WebTestClient client(String service) {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + stack.port(service))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(64 << 20))
                .defaultHeader("Authorization", "Bearer " + token).responseTimeout(Duration.ofSeconds(60)).build();
    }
}
