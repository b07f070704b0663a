package io.osmigration.registry.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class EcsInventoryTest {

    @Test
    void splitsIntoBatchesOfAtMostTheLimit() {
        List<Integer> items = IntStream.range(0, 250).boxed().toList();
        assertThat(EcsInventory.batches(items, 100)).extracting(List::size).containsExactly(100, 100, 50);
        assertThat(EcsInventory.batches(List.of(), 100)).isEmpty();
    }

    @Test
    void instanceIdsAsJsonArray() {
        assertThat(EcsInventory.jsonArray(List.of("i-1", "i-2"))).isEqualTo("[\"i-1\",\"i-2\"]");
    }

    @Test
    void clientTokenIsStableWithinAMinuteAndOrderFree() {
        Instant now = Instant.parse("2026-01-01T10:00:05Z");
        String token = FactsCollector.clientToken("cn-hangzhou", List.of("i-2", "i-1"), now);
        assertThat(FactsCollector.clientToken("cn-hangzhou", List.of("i-1", "i-2"), now.plusSeconds(30)))
                .isEqualTo(token);
        assertThat(FactsCollector.clientToken("cn-hangzhou", List.of("i-1", "i-2"), now.plusSeconds(60)))
                .isNotEqualTo(token);
        assertThat(token).hasSizeLessThanOrEqualTo(64);
    }
}
