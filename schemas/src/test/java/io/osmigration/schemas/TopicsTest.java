package io.osmigration.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.osmigration.events.MigrationStepDone;
import io.osmigration.events.SnapshotReleased;

class TopicsTest {

    @Test
    void catalogMatchesTheContract() {
        assertThat(Topics.all()).extracting(Topic::name).containsExactly(
                "osm.sources", "osm.migration.requests", "osm.migration.replies", "osm.prechecks", "osm.snapshots",
                "osm.migrations");
        assertThat(Topics.of(SnapshotReleased.class)).isEqualTo(Topics.SNAPSHOTS);
        assertThat(Topics.of(MigrationStepDone.class).deadLetterTopic()).isEqualTo("osm.migrations.DLT");
    }

    @Test
    void everyEventTypeBelongsToExactlyOneTopic() {
        assertThat(Topics.eventTypes()).doesNotHaveDuplicates().hasSize(22);
    }

    @Test
    void catalogIsImmutable() {
        assertThatThrownBy(() -> Topics.SOURCES.eventTypes().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
