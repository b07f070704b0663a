package io.osmigration.notification;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import io.osmigration.platform.OsmApplication;

/** Tells people (e-mail, DingTalk) about the migrations that need them. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class NotificationServiceApplication {

    public static final String NAME = "notification-service";

    public static void main(String[] args) {
        OsmApplication.run(NotificationServiceApplication.class, NAME, args);
    }
}
