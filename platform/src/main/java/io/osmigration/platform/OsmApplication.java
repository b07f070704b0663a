package io.osmigration.platform;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts an osmigration service. Each service reads {@code <name>.yml} (not {@code application.yml}) because the
 * all-in-one run puts every service on one class path, where same-named config files would shadow each other.
 */
public final class OsmApplication {

    private OsmApplication() {
    }

    public static SpringApplicationBuilder builder(Class<?> application, String name) {
        return new SpringApplicationBuilder(application)
                .properties("spring.config.name=" + name, "spring.application.name=" + name);
    }

    public static ConfigurableApplicationContext run(Class<?> application, String name, String... args) {
        return builder(application, name).run(args);
    }
}
