package io.osmigration.platform.outbox;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param collections  MongoDB collections whose documents carry an {@code outbox} field to relay
 * @param pollInterval how long the relay sleeps when it found nothing to send
 * @param batchSize    documents read per collection and round
 */
@Validated
@ConfigurationProperties("osm.outbox")
public record OutboxProperties(
        @DefaultValue({}) List<String> collections,
        @DefaultValue("100ms") @NotNull Duration pollInterval,
        @DefaultValue("200") @Min(1) @Max(10_000) int batchSize) {
}
