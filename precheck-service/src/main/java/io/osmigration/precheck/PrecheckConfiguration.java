package io.osmigration.precheck;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.osmigration.platform.catalogue.MigrationCatalogue;
import io.osmigration.platform.catalogue.MigrationProperties;
import io.osmigration.precheck.rules.MigrationPathRule;
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
    RuleBook ruleBook(PrecheckProperties properties, MigrationCatalogue catalogue, MigrationProperties migration) {
        return RuleBook.standard(properties.thresholds(), new MigrationPathRule(catalogue,
                        properties.rhelConversionAllowed(), migration.experimentalPaths()),
                properties.effectiveMysqlVersions(), RemovedDrivers.load());
    }
}
