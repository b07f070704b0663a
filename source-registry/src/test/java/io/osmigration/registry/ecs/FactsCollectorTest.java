package io.osmigration.registry.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.osmigration.platform.cloud.assistant.CloudAssistantClient;
import io.osmigration.registry.IntegrationTest;
import io.osmigration.registry.RegistryProperties;
import io.osmigration.registry.ecs.domain.CollectionOutcome;

/** The collector through the platform's Cloud Assistant client, against the simulator's real script runs. */
class FactsCollectorTest extends IntegrationTest {

    @Autowired
    private FactsCollector collector;
    @Autowired
    private CloudAssistantClient cloudAssistant;
    @Autowired
    private RegistryProperties properties;

    @Test
    void readsTheWholeFactsOfServersWith1500PackagesInOneCollectorInvocation() {
        Map<String, CollectionOutcome> outcomes = collector.collect(DEMO_REGION, List.of(BIG_WITH_I686, BIG, DEMO_1));

        assertThat(outcomes).containsOnlyKeys(BIG_WITH_I686, BIG, DEMO_1);
        outcomes.forEach((id, outcome) -> assertThat(outcome.succeeded()).as(id + ": " + outcome.problem()).isTrue());
        assertThat(outcomes.get(BIG_WITH_I686).facts().osId()).isEqualTo("centos");
        // 1,500 listed packages and the Cloud Assistant agent every ECS image with the agent carries
        assertThat(outcomes.get(BIG_WITH_I686).facts().packages()).hasSize(1501).contains(GLIBC_I686)
                .anyMatch(p -> p.startsWith("aliyun_assist-"));
        assertThat(outcomes.get(BIG).facts().packages()).hasSize(1501).doesNotContain(GLIBC_I686);
        assertThat(outcomes.get(BIG).facts().modules()).hasSize(89);
        assertThat(outcomes.get(DEMO_1).facts().osVersionId()).isEqualTo("7");
    }

    @Test
    void anInstanceWhoseAgentIsOfflineGetsTheReason() {
        String offline = bulkInstanceId(1);

        CollectionOutcome outcome = collector.collect(BULK_REGION, List.of(offline)).get(offline);

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.problem()).contains("never reached the instance", offline);
    }

    @Test
    void givesUpAfterTheTimeoutWithTheReason() {
        // No time at all: the collector's invocation is looked at once, right after it started, still running.
        RegistryProperties impatient = new RegistryProperties("", 100, 50, Duration.ZERO,
                properties.statusPollInterval(), properties.heartbeatTimeout(), 10, Duration.ofMinutes(10));
        FactsCollector hasty = new FactsCollector(cloudAssistant, impatient, Clock.systemUTC());

        CollectionOutcome outcome = hasty.collect(DEMO_REGION, List.of(BIG)).get(BIG);

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.problem()).contains("did not finish within PT0S");
    }

}
