package io.osmigration.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The executor's metrics after real work: a completed and a rolled-back job show up in {@code osm_jobs} (counted from
 * the stored jobs), in step durations with their outcome, and in the time spent in each phase.
 */
class ExecutorMetricsTest extends ExecutorIntegrationTest {

    /** Where {@link #batch} sends its jobs. */
    private static final String DESTINATION = "anolis8";


    @Autowired
    MeterRegistry meters;

    @BeforeEach
    void catalog() {
        awaitCatalog();
    }

    @Test
    void stepsPhasesAndJobsByStateAreMeasuredFromWhatTheJobsDid() {
        String batchId = (String) submit(batch(requestId(), "NONE", List.of(TestFleet.METRICS_CLEAN,
                TestFleet.METRICS_FAILS))).get("batchId");
        awaitJobState(batchId, TestFleet.METRICS_CLEAN, "COMPLETED");
        awaitJobState(batchId, TestFleet.METRICS_FAILS, "ROLLED_BACK");

        assertThat(timer("osm.step.duration", "step", "UPGRADE", "outcome", "SUCCEEDED").count()).isPositive();
        assertThat(timer("osm.step.duration", "step", "UPGRADE", "outcome", "FAILED").count()).isPositive();
        Timer reboot = timer("osm.step.duration", "step", "REBOOT", "outcome", "SUCCEEDED");
        assertThat(reboot.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isPositive();
        assertThat(timer("osm.phase.duration", "phase", "MIGRATING", "next", "COMPLETED").count()).isPositive();
        assertThat(timer("osm.phase.duration", "phase", "SNAPSHOTTING", "next", "MIGRATING").count()).isPositive();
        assertThat(meters.get("osm.job.transitions").tags("from", "FAILED", "to", "ROLLED_BACK").counter().count())
                .isPositive();
        // The gauge reads an aggregate at most every 5 s: it catches up with the stored jobs.
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(jobs("ROLLED_BACK")).isGreaterThanOrEqualTo(1);
            assertThat(jobs("COMPLETED")).isGreaterThanOrEqualTo(1).isEqualTo((double) mongo.getCollection("jobs")
                    .countDocuments(new org.bson.Document("state", "COMPLETED").append("job.destinationOs", DESTINATION)));
        });
    }

    private Timer timer(String name, String... tags) {
        return meters.get(name).tags(tags).tag("destination", DESTINATION).timer();
    }

    private double jobs(String state) {
        Gauge gauge = meters.get("osm.jobs").tags("state", state, "destination", DESTINATION).gauge();
        return gauge.value();
    }
}
