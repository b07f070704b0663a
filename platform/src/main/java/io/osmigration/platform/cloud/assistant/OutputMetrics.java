package io.osmigration.platform.cloud.assistant;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What Cloud Assistant handed back, by command name: {@code osm_cloud_assistant_output_bytes} (the output of each
 * finished invocation on an instance, as DescribeInvocationResults returned it: bounded by the LogQuota, so a
 * distribution near the budget means the envelope's console tail is what fills it),
 * {@code osm_cloud_assistant_output_dropped_bytes_total} (what Cloud Assistant cut off) and
 * {@code osm_cloud_assistant_result_bytes} (each whole result read back, inline or in chunks).
 */
final class OutputMetrics {

    /** 1 KiB … 1 MiB: the default LogQuota (12,000 bytes) and the output budget sit in the middle. */
    private static final double[] BUCKETS = {1024, 4096, 8192, 12_000, 16_384, 24_576, 65_536, 262_144, 1_048_576};

    private final MeterRegistry registry;

    OutputMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void output(String command, int bytes, long dropped) {
        if (registry == null) {
            return;
        }
        DistributionSummary.builder("osm.cloud.assistant.output").baseUnit("bytes")
                .description("Output of a finished Cloud Assistant invocation on one instance, as returned")
                .tag("command", command).serviceLevelObjectives(BUCKETS).register(registry).record(bytes);
        // Incremented by 0 too, so each command's series exists before the first drop.
        Counter.builder("osm.cloud.assistant.output.dropped").baseUnit("bytes")
                .description("Output bytes Cloud Assistant dropped beyond the LogQuota")
                .tag("command", command).register(registry).increment(Math.max(0, dropped));
    }

    void result(String command, int bytes) {
        if (registry != null) {
            DistributionSummary.builder("osm.cloud.assistant.result").baseUnit("bytes")
                    .description("A command's whole result, read back inline or in chunks")
                    .tag("command", command).serviceLevelObjectives(BUCKETS).register(registry).record(bytes);
        }
    }
}
