package io.osmigration.platform.testapp;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A minimal service built on the platform, used to test the platform's wiring end to end. */
@SpringBootApplication
public class PlatformTestApplication {
}
