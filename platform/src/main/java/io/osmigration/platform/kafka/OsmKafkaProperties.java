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
 * @param partitions          partitions of each topic created at start; records are keyed by source, so this bounds
 *                            how many replicas of a service can share the work
 * @param replicationFactor   replicas of each topic (1 for the embedded broker, 3 for a production cluster)
 * @param createTopics        create the catalog's topics and their dead-letter topics at start
 * @param listenerConcurrency consumer threads per listener in each replica
 * @param retryAttempts       redeliveries of a record whose handling failed with a transient error before it is
 *                            dead-lettered
 * @param retryBackoff        first back-off between those redeliveries (doubles each time)
 */
@Validated
@ConfigurationProperties("osm.kafka")
public record OsmKafkaProperties(
        @DefaultValue("12") @Min(1) @Max(1000) int partitions,
        @DefaultValue("1") @Min(1) @Max(10) short replicationFactor,
        @DefaultValue("true") boolean createTopics,
        @DefaultValue("2") @Min(1) @Max(64) int listenerConcurrency,
        @DefaultValue("4") @Min(0) @Max(100) int retryAttempts,
        @DefaultValue("200ms") @NotNull Duration retryBackoff) {
}
