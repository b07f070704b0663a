package io.osmigration.executor;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ExecutorConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
