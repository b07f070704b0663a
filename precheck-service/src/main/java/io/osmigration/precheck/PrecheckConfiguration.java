package io.osmigration.precheck;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.osmigration.precheck.rules.RemovedDrivers;
import io.osmigration.precheck.rules.RuleBook;

@Configuration(proxyBeanMethods = false)
class PrecheckConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    RuleBook ruleBook(PrecheckProperties properties) {
        return RuleBook.standard(properties.thresholds(), properties.rhelConversionAllowed(),
                properties.effectiveMysqlVersions(), RemovedDrivers.load());
    }
}
