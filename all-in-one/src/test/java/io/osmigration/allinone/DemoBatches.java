package io.osmigration.allinone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;

/** Imports demo instances and submits batches over them on the shared all-in-one stack, as an operator would. */
@SuppressWarnings("unchecked")
final class DemoBatches {

    private DemoBatches() {
    }

    /** Imports the instances (ECS import); returns their source ids by instance id, in the given order. */
    static Map<String, String> importAll(List<String> instanceIds) {
        Map<String, Object> imported = AllInOneStack.client(AllInOneConfig.SOURCE_REGISTRY).post()
                .uri("/api/v1/sources/ecs").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("regionId", "cn-hangzhou", "instanceIds", instanceIds))
                .exchange().expectStatus().isCreated()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { }).returnResult().getResponseBody();
        Map<String, String> sourceByInstance = ((List<Map<String, Object>>) imported.get("sources")).stream()
                .collect(Collectors.toMap(s -> (String) s.get("instanceId"), s -> (String) s.get("sourceId"),
                        (a, b) -> a, LinkedHashMap::new));
        assertThat(sourceByInstance).hasSize(instanceIds.size());
        return sourceByInstance;
    }

    /** Submitted right after the import: accepted at once, the executor asks source-registry about new sources. */
    static Map<String, Object> submit(Map<String, Object> request) {
        return AllInOneStack.client(AllInOneConfig.EXECUTOR)
                .post().uri("/api/v1/migrations").contentType(MediaType.APPLICATION_JSON).bodyValue(request)
                .exchange().expectStatus().isCreated()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { }).returnResult().getResponseBody();
    }
}
