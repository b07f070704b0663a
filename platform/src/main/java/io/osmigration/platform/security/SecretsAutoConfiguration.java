package io.osmigration.platform.security;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** The {@link SecretSealer} under {@code osm.security.data-key}, for every service that stores a secret. */
@AutoConfiguration
@EnableConfigurationProperties(SecurityProperties.class)
public class SecretsAutoConfiguration {

    @Bean
    SecretSealer secretSealer(SecurityProperties properties) {
        return SecretSealer.from(properties);
    }
}
