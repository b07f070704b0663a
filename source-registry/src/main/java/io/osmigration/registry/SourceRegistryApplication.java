package io.osmigration.registry;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import io.osmigration.platform.OsmApplication;

/** Imports migration sources (ECS instances, servers running the import one-liner) and tracks whether each is online. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SourceRegistryApplication {

    public static final String SERVICE_NAME = "source-registry";

    public static void main(String[] args) {
        OsmApplication.run(SourceRegistryApplication.class, SERVICE_NAME, args);
    }
}
