package io.osmigration.precheck.check;

import java.time.Duration;
import java.time.Instant;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.osmigration.precheck.rules.Finding;

/**
 * Checks as they end on this replica: {@code osm_prechecks_total{outcome, destination}} (PASSED or FAILED),
 * {@code osm_precheck_findings_total{code, severity}} (one per finding, so the fleet's most common blockers rank by
 * {@code topk}) and {@code osm_precheck_duration_seconds{outcome}} (from a replica taking the check up to its end).
 */
@Component
class PrecheckMetrics {

    private static final Duration[] BUCKETS = {Duration.ofMillis(250), Duration.ofSeconds(1), Duration.ofSeconds(5),
            Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(15), Duration.ofMinutes(30)};

    private final MeterRegistry registry;

    PrecheckMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void finished(PrecheckDocument check, CheckResult result, Instant started, Instant now) {
        String outcome = result.failed() ? PrecheckDocument.FAILED : PrecheckDocument.PASSED;
        Counter.builder("osm.prechecks").description("Pre-checks finished, by outcome and destination OS")
                .tags("outcome", outcome, "destination", String.valueOf(check.destinationOs()))
                .register(registry).increment();
        for (Finding finding : result.findings()) {
            Counter.builder("osm.precheck.findings").description("Findings of finished pre-checks")
                    .tags("code", finding.code(), "severity", String.valueOf(finding.severity()))
                    .register(registry).increment();
        }
        if (started != null && !now.isBefore(started)) {
            Timer.builder("osm.precheck.duration").description("Pre-checks from being taken up to their end")
                    .tag("outcome", outcome).serviceLevelObjectives(BUCKETS).register(registry)
                    .record(Duration.between(started, now));
        }
    }
}
