package io.osmigration.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.util.backoff.BackOffExecution;

import io.osmigration.platform.cloud.CloudApiException;

class TransientFailuresTest {

    @Test
    void infrastructureAndThrottlingAreTransientEvenWhenWrapped() {
        assertThat(TransientFailures.isTransient(new ListenerExecutionFailedException("listener failed",
                new DataAccessResourceFailureException("Timed out while waiting for a server")))).isTrue();
        assertThat(TransientFailures.isTransient(new OptimisticLockingFailureException("conflict"))).isTrue();
        assertThat(TransientFailures.isTransient(new CloudApiException("RunCommand", "Throttling.User", "", null)))
                .isTrue();
        assertThat(TransientFailures.isTransient(new CloudApiException("RunCommand", "Whatever", "", null, true)))
                .as("a 5xx answer").isTrue();
        assertThat(TransientFailures.isTransient(new TransientEventException("registry away"))).isTrue();
    }

    @Test
    void poisonBugsAndPermanentCloudErrorsAreNot() {
        assertThat(TransientFailures.isTransient(new InvalidEventException("no such batch"))).isFalse();
        assertThat(TransientFailures.isTransient(new NullPointerException())).isFalse();
        assertThat(TransientFailures.isTransient(new DuplicateKeyException("dup"))).isFalse();
        assertThat(TransientFailures.isTransient(new CloudApiException("RunCommand", "Forbidden.RAM", "", null)))
                .isFalse();
        assertThat(TransientFailures.isTransient(new CloudApiException("RunCommand", "InvalidInstanceId.NotFound",
                "", null))).isFalse();
    }

    @Test
    void theTransientBackOffGrowsToItsCapWithJitterAndEndsAfterItsTotal() {
        OsmKafkaProperties properties = new OsmKafkaProperties(12, (short) 1, true, 2, 4, Duration.ofMillis(200),
                Duration.ofMinutes(5), Duration.ofSeconds(1), Duration.ofSeconds(30));
        BackOffExecution execution = KafkaEventsAutoConfiguration.transientBackOff(properties, new KafkaProperties())
                .start();
        long total = 0;
        long longest = 0;
        int waits = 0;
        for (long next = execution.nextBackOff(); next != BackOffExecution.STOP; next = execution.nextBackOff()) {
            total += next;
            longest = Math.max(longest, next);
            waits++;
        }
        assertThat(longest).isLessThanOrEqualTo(30_000);
        assertThat(total).isBetween(Duration.ofMinutes(4).toMillis(), Duration.ofMinutes(6).toMillis());
        assertThat(waits).isGreaterThan(8);
    }

    @Test
    void aSingleBackOffCloseToMaxPollIntervalIsRefused() {
        KafkaProperties kafka = new KafkaProperties();
        kafka.getConsumer().getProperties().putAll(Map.of("max.poll.interval.ms", "60000"));
        OsmKafkaProperties properties = new OsmKafkaProperties(12, (short) 1, true, 2, 4, Duration.ofMillis(200),
                Duration.ofMinutes(5), Duration.ofSeconds(1), Duration.ofSeconds(30));

        assertThatThrownBy(() -> KafkaEventsAutoConfiguration.transientBackOff(properties, kafka))
                .hasMessageContaining("transient-retry-max-backoff").hasMessageContaining("60000");
    }
}
