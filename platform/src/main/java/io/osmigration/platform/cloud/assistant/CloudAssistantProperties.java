package io.osmigration.platform.cloud.assistant;

import java.time.Duration;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the Cloud Assistant client runs commands and reads their results ({@code osm.cloud-assistant.*}).
 *
 * @param outputBudget        bytes one invocation may print in all. Cloud Assistant keeps at most its LogQuota
 *                            (never less than 12,000 bytes, agent/taskengine/basetask.go) and may drop the middle of
 *                            longer output, so the default stays at that minimum: nothing we print is ever cut
 * @param consoleTail         bytes of a script's console output kept in its outcome (where a failing script says why)
 * @param pollInitial         first wait before DescribeInvocationResults
 * @param pollMax             the longest wait between two polls of one invocation
 * @param pollMultiplier      how much the wait grows after each poll that found the command still running
 * @param chunkTimeout        how long reading one chunk of a large result may take
 * @param resultRetentionDays results left on an instance are removed after this many days
 * @param maxResultBytes      largest result (uncompressed) the client accepts
 */
@Validated
@ConfigurationProperties("osm.cloud-assistant")
public record CloudAssistantProperties(
        @DefaultValue("12000") @Min(4000) @Max(1_048_576) int outputBudget,
        @DefaultValue("2048") @Min(0) @Max(16_384) int consoleTail,
        @DefaultValue("500ms") @NotNull Duration pollInitial,
        @DefaultValue("10s") @NotNull Duration pollMax,
        @DefaultValue("1.5") @DecimalMin("1.0") @DecimalMax("10.0") double pollMultiplier,
        @DefaultValue("60s") @NotNull Duration chunkTimeout,
        @DefaultValue("2") @Min(0) @Max(365) int resultRetentionDays,
        @DefaultValue("67108864") @Min(1024) long maxResultBytes) {

    public CloudAssistantProperties {
        if (consoleTail > outputBudget / 2) {
            throw new IllegalArgumentException("osm.cloud-assistant.console-tail (" + consoleTail
                    + ") must be at most half of osm.cloud-assistant.output-budget (" + outputBudget + ")");
        }
    }

    public static CloudAssistantProperties defaults() {
        return new CloudAssistantProperties(12_000, 2048, Duration.ofMillis(500), Duration.ofSeconds(10), 1.5,
                Duration.ofSeconds(60), 2, 64L * 1024 * 1024);
    }

    public CloudAssistantProperties withOutputBudget(int budget) {
        return new CloudAssistantProperties(budget, Math.min(consoleTail, budget / 2), pollInitial, pollMax,
                pollMultiplier, chunkTimeout, resultRetentionDays, maxResultBytes);
    }

    public CloudAssistantProperties withPolling(Duration initial, Duration max) {
        return new CloudAssistantProperties(outputBudget, consoleTail, initial, max, pollMultiplier, chunkTimeout,
                resultRetentionDays, maxResultBytes);
    }

    /** Raw bytes per chunk read: its Base64 (76-column lines) plus two marker lines fill the budget. */
    int chunkBytes() {
        return base64Capacity(outputBudget - 200);
    }

    /** Raw bytes the first invocation may print inline after the console tail and the header. */
    int inlineBytes() {
        return Math.max(0, base64Capacity(outputBudget - consoleTail - 600));
    }

    /** How many raw bytes encode into at most {@code printable} bytes of 76-column Base64 with newlines. */
    static int base64Capacity(int printable) {
        int lines = printable / 77;
        int base64Chars = lines * 76;
        return base64Chars / 4 * 3;
    }
}
