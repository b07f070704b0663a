package io.osmigration.executor;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.osmigration.executor.domain.JobLifecycle;

@Configuration(proxyBeanMethods = false)
class ExecutorConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The job state machine, with the configured deadlines and today's recipe. */
    @Bean
    JobLifecycle jobLifecycle(ExecutorProperties properties) {
        return new JobLifecycle(properties.deadlines().toDomain(), properties.recipe());
    }
}
