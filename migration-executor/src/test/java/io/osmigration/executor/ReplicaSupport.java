package io.osmigration.executor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts more executor replicas in this JVM, on their own database and consumer groups. They run without a web
 * server: closing a WebFlux context disposes Reactor Netty's JVM-wide event loops, which would take the simulator's
 * and the shared test context's servers down with it. Tests drive them through their beans instead.
 */
final class ReplicaSupport {

    private ReplicaSupport() {
    }

    static ConfigurableApplicationContext start(String name, String database, String... extraArgs) {
        return start(name, database, context -> { }, extraArgs);
    }

    /** As {@link #start(String, String, String...)}, with {@code initializer} run on the context before it starts. */
    static ConfigurableApplicationContext start(String name, String database,
                                                org.springframework.context.ApplicationContextInitializer<
                                                        org.springframework.context.ConfigurableApplicationContext>
                                                        initializer, String... extraArgs) {
        Map<String, String> properties = new java.util.LinkedHashMap<>(TestEnvironment.get().properties());
        for (String extra : extraArgs) {
            int equals = extra.indexOf('=');
            properties.put(extra.substring(2, equals), extra.substring(equals + 1));
        }
        List<String> args = new ArrayList<>();
        for (Map.Entry<String, String> property : properties.entrySet()) {
            args.add("--" + property.getKey() + "=" + property.getValue());
        }
        args.add("--spring.config.name=migration-executor");
        args.add("--spring.application.name=" + name);
        args.add("--spring.mongodb.database=" + database);
        args.add("--spring.main.web-application-type=none");
        return new SpringApplicationBuilder(MigrationExecutorApplication.class).registerShutdownHook(false)
                .initializers(initializer).run(args.toArray(String[]::new));
    }
}
