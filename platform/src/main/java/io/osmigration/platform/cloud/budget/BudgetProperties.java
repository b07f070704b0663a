package io.osmigration.platform.cloud.budget;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How replicas share the account's ECS call budget ({@code osm.aliyun.max-calls-per-second}).
 *
 * @param shared       book the budget in MongoDB, shared by every replica of every service (false: each replica
 *                     keeps the whole budget to itself, as for a single process)
 * @param database     MongoDB database of the shared budget, on each service's own MongoDB connection; every
 *                     service calling ECS with the account must reach the same one
 * @param account      name of the account's budget there; blank derives it from the endpoint (or region) and the
 *                     AccessKey id, so replicas configured alike share one. Set it when replicas reach the same
 *                     account with different credentials (RAM users or roles)
 * @param maxWait      longest a call waits for its slot and for Throttling back-offs together before it fails with
 *                     a retryable {@code Throttling.Budget} error
 * @param jitterMargin calls are spaced by {@code (1 s + jitterMargin) / max-calls-per-second}, so that ECS counts no
 *                     more than the budget in any second even when the way there varies by up to three quarters of
 *                     this from call to call (the default spends 9% of the budget on it)
 */
@Validated
@ConfigurationProperties("osm.aliyun.budget")
public record BudgetProperties(
        @DefaultValue("true") boolean shared,
        @DefaultValue("osm_cloud_budget") @NotBlank String database,
        @DefaultValue("") @NotNull String account,
        @DefaultValue("2m") @NotNull @DurationMin(millis = 1) Duration maxWait,
        @DefaultValue("100ms") @NotNull @DurationMax(seconds = 1) Duration jitterMargin) {
}
