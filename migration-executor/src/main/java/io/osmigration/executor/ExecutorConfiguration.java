package io.osmigration.executor;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.context.annotation.Bean;

import io.osmigration.executor.domain.Destinations;
import io.osmigration.executor.domain.MigrationRecipes;
import io.osmigration.platform.catalogue.Destination;
import io.osmigration.platform.catalogue.MigrationCatalogue;
import io.osmigration.platform.catalogue.MigrationPath;
import io.osmigration.platform.catalogue.MigrationProperties;
import org.springframework.context.annotation.Configuration;

import io.osmigration.executor.domain.JobLifecycle;

@Configuration(proxyBeanMethods = false)
class ExecutorConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The job state machine, with the configured deadlines and the catalogue's recipes. */
    @Bean
    JobLifecycle jobLifecycle(ExecutorProperties properties, MigrationRecipes recipes) {
        return new JobLifecycle(properties.deadlines().toDomain(), recipes);
    }

    /**
     * The destinations a batch may name, from the migration catalogue: one whose every path is experimental is
     * refused (with why) unless {@code osm.migration.experimental-paths=true}.
     */
    @Bean
    Destinations destinations(MigrationCatalogue catalogue, MigrationProperties migration) {
        Map<String, String> refused = new TreeMap<>();
        if (!migration.experimentalPaths()) {
            for (Destination destination : catalogue.destinations()) {
                List<MigrationPath> paths = catalogue.paths().stream()
                        .filter(p -> p.destination().equals(destination.id())).toList();
                if (!paths.isEmpty() && paths.stream().allMatch(MigrationPath::experimental)) {
                    refused.put(destination.id(), "MIGRATION_PATH_EXPERIMENTAL: every path to " + destination.name()
                            + " is experimental (" + paths.get(0).reason() + "); set osm.migration.experimental-paths"
                            + "=true to allow it");
                }
            }
        }
        return new Destinations(catalogue.destinations().stream()
                .map(d -> new Destinations.Expected(d.id(), d.osReleaseId(), d.versionPrefix())).toList(), refused);
    }
}
