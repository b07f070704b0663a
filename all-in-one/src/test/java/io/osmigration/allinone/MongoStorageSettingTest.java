package io.osmigration.allinone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code osm.mongo-storage} takes {@code file} or {@code memory}; anything else is refused before anything starts. */
class MongoStorageSettingTest {

    @TempDir
    Path dataDir;

    @Test
    void anUnknownStorageIsRefusedNamingTheSettingAndCreatesNothing() {
        assertThatThrownBy(() -> new AllInOne(AllInOneConfig.withFreePorts(dataDir), "t",
                List.of("--osm.mongo-storage=disk")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("osm.mongo-storage must be file or memory, was disk");
        assertThat(dataDir).isEmptyDirectory();
    }
}
