package io.osmigration.snapshot;

import java.time.Clock;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

import io.osmigration.platform.OsmApplication;

/** Backs up every disk before a migration, rolls a failed one back, and releases the snapshots afterwards. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SnapshotServiceApplication {

    public static final String SERVICE_NAME = "snapshot-service";

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    public static void main(String[] args) {
        OsmApplication.run(SnapshotServiceApplication.class, SERVICE_NAME, args);
    }
}
