package io.osmigration.executor;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import io.osmigration.platform.OsmApplication;

/** Batches, drills and the migration steps on the instances. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class MigrationExecutorApplication {

    public static final String SERVICE_NAME = "migration-executor";

    public static void main(String[] args) {
        OsmApplication.run(MigrationExecutorApplication.class, SERVICE_NAME, args);
    }
}
