package io.osmigration.platform.kafka;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How osmigration uses Kafka. Broker addresses stay in {@code spring.kafka.bootstrap-servers}.
 *
 * <p>A record whose handling fails is retried in place (its partition waits) before it goes to {@code <topic>.DLT}:
 * unreadable and invalid records go there at once; transient failures ({@link TransientFailures}: MongoDB or the
 * broker away, ECS throttling, a peer that asked for it) are retried with exponential back-off and jitter for
 * {@code transientRetryFor}, each wait at most {@code transientRetryMaxBackoff}, which must stay well below the
 * consumer's {@code max.poll.interval.ms} (the consumer thread waits out each back-off); any other failure gets
 * {@code retryAttempts} quick retries.
 *
 * @param partitions               partitions of each topic created at start; records are keyed by source, so this
 *                                 bounds how many replicas of a service can share the work
 * @param replicationFactor        replicas of each topic (1 for the embedded broker, 3 for a production cluster)
 * @param createTopics             create the catalog's topics and their dead-letter topics at start
 * @param listenerConcurrency      consumer threads per listener in each replica
 * @param retryAttempts            quick redeliveries of a record that failed for a reason not known to be transient
 * @param retryBackoff             first wait between those (doubles each time)
 * @param transientRetryFor        how long a transient failure is retried before the record is dead-lettered
 * @param transientRetryBackoff    first wait after a transient failure (doubles each time, with jitter)
 * @param transientRetryMaxBackoff longest single wait after a transient failure
 */
@Validated
@ConfigurationProperties("osm.kafka")
public record OsmKafkaProperties(
        @DefaultValue("12") @Min(1) @Max(1000) int partitions,
        @DefaultValue("1") @Min(1) @Max(10) short replicationFactor,
        @DefaultValue("true") boolean createTopics,
        @DefaultValue("2") @Min(1) @Max(64) int listenerConcurrency,
        @DefaultValue("4") @Min(0) @Max(100) int retryAttempts,
        @DefaultValue("200ms") @NotNull Duration retryBackoff,
        @DefaultValue("5m") @NotNull Duration transientRetryFor,
        @DefaultValue("1s") @NotNull Duration transientRetryBackoff,
        @DefaultValue("30s") @NotNull Duration transientRetryMaxBackoff) {
}
