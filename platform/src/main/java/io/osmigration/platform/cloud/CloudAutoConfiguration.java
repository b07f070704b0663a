package io.osmigration.platform.cloud;

import java.time.Clock;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;

@AutoConfiguration
@EnableConfigurationProperties({AliyunProperties.class, CredentialsProperties.class})
public class CloudAutoConfiguration {

    @Bean
    @Lazy
    EcsGateway ecsGateway(AliyunProperties properties, CredentialsProperties credentials) {
        return new EcsGateway(properties, CloudCredentials.provider(properties, credentials, Clock.systemUTC()));
    }
}
