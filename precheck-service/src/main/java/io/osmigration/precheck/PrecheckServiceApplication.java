package io.osmigration.precheck;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import io.osmigration.platform.OsmApplication;

/** The pre-check and migratability check: facts in, findings out, PrecheckPassed/PrecheckFailed for jobs. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PrecheckServiceApplication {

    public static final String NAME = "precheck-service";

    public static void main(String[] args) {
        OsmApplication.run(PrecheckServiceApplication.class, NAME, args);
    }
}
