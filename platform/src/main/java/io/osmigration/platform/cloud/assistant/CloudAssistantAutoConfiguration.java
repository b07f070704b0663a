package io.osmigration.platform.cloud.assistant;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;

import io.micrometer.core.instrument.MeterRegistry;

import io.osmigration.platform.cloud.CloudAutoConfiguration;
import io.osmigration.platform.cloud.EcsGateway;

@AutoConfiguration(after = CloudAutoConfiguration.class)
@EnableConfigurationProperties(CloudAssistantProperties.class)
public class CloudAssistantAutoConfiguration {

    @Bean
    @Lazy
    @ConditionalOnBean(EcsGateway.class)
    CloudAssistantClient cloudAssistantClient(EcsGateway ecs, CloudAssistantProperties properties,
                                              ObjectProvider<Clock> clock, ObjectProvider<MeterRegistry> meters) {
        return new CloudAssistantClient(ecs, properties, clock.getIfAvailable(Clock::systemUTC),
                meters.getIfAvailable());
    }
}
