package io.osmigration.platform.catalogue;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** The catalogue, loaded and checked when the service starts: a broken catalogue stops it with every problem named. */
@AutoConfiguration
@EnableConfigurationProperties(MigrationProperties.class)
public class MigrationCatalogueAutoConfiguration {

    @Bean
    MigrationCatalogue migrationCatalogue() {
        return MigrationCatalogue.shipped();
    }
}
