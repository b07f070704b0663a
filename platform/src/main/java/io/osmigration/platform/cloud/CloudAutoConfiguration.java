package io.osmigration.platform.cloud;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;

@AutoConfiguration
@EnableConfigurationProperties(AliyunProperties.class)
public class CloudAutoConfiguration {

    @Bean
    @Lazy
    EcsGateway ecsGateway(AliyunProperties properties) {
        return new EcsGateway(properties);
    }
}
