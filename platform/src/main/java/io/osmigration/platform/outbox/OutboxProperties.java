package io.osmigration.platform.outbox;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param collections  MongoDB collections whose documents carry an {@code outbox} field to relay
 * @param pollInterval the relay's safety poll: how long it sleeps when it found nothing to send. Writes wake it at
 *                     once; the poll catches what no write announced (a replica that died before relaying, a claim
 *                     that expired, an update that did not call {@link OutboxRelay#wakeUp()})
 * @param batchSize    documents read per collection and round
 * @param claimTimeout how long a replica's claim on the documents it is relaying lasts; after that (the replica
 *                     died, or Kafka did not acknowledge within half of it) another replica relays them
 */
@Validated
@ConfigurationProperties("osm.outbox")
public record OutboxProperties(
        @DefaultValue({}) List<String> collections,
        @DefaultValue("5s") @NotNull Duration pollInterval,
        @DefaultValue("200") @Min(1) @Max(10_000) int batchSize,
        @DefaultValue("1m") @NotNull @DurationMin(seconds = 2) Duration claimTimeout) {
}
