package io.osmigration.snapshot.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.osmigration.events.SnapshotsCreated;
import io.osmigration.snapshot.SnapshotServiceTestBase;

/** Snapshots created are counted with their disks' sizes; the kept ones are counted from the stored jobs. */
class SnapshotMetricsTest extends SnapshotServiceTestBase {

    private static final double GIB = 1L << 30;

    @Autowired
    MeterRegistry meters;

    @Test
    void createdSnapshotsAreCountedWithTheirSizeAndTheKeptOnesAreInTheGauge() {
        double before = count("osm.snapshot.creations");
        double bytesBefore = count("osm.snapshot.creations.size");
        String jobId = newJobId();

        publish(precheckPassed(jobId, "i-snapweb"));
        await().until(() -> ENV.snapshotEvents(jobId, SnapshotsCreated.class), events -> !events.isEmpty());

        // i-snapweb has a 40 GiB system disk and a 100 GiB data disk.
        assertThat(count("osm.snapshot.creations") - before).isEqualTo(2);
        assertThat(count("osm.snapshot.creations.size") - bytesBefore).isEqualTo(140 * GIB);
        await().untilAsserted(() -> assertThat(meters.get("osm.snapshots").tag("status", "AVAILABLE").gauge().value())
                .isGreaterThanOrEqualTo(2));
        assertThat(meters.get("osm.snapshots.size").tag("status", "AVAILABLE").gauge().value())
                .isGreaterThanOrEqualTo(140 * GIB);
    }

    private double count(String name) {
        Counter counter = meters.find(name).counter();
        return counter == null ? 0 : counter.count();
    }
}
