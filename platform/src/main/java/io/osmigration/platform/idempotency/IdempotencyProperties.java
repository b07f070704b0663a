package io.osmigration.platform.idempotency;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param retention how long a consumer remembers that it handled an event ({@code processed_events}, removed by a
 *                  TTL index). Keep it longer than any redelivery: Kafka's after a crash or rebalance (minutes), the
 *                  outbox relay's after a crash ({@code osm.outbox.claim-timeout}), and a replay of a topic from an
 *                  earlier offset (up to the topics' retention, Kafka's default 7 days)
 */
@Validated
@ConfigurationProperties("osm.idempotency")
public record IdempotencyProperties(@DefaultValue("P7D") @NotNull @DurationMin(hours = 1) Duration retention) {
}
