package io.osmigration.platform.outbox;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;

import io.osmigration.platform.idempotency.ProcessedEvents;
import io.osmigration.platform.kafka.EventPublisher;
import io.osmigration.platform.kafka.KafkaEventsAutoConfiguration;
import io.osmigration.platform.lease.Leases;

/** The outbox relay, the processed-events store and leases, for services that keep state in MongoDB. */
@AutoConfiguration(after = {DataMongoAutoConfiguration.class, KafkaEventsAutoConfiguration.class},
        beforeName = "org.springframework.boot.mongodb.autoconfigure.health.MongoHealthContributorAutoConfiguration")
@ConditionalOnBean(MongoTemplate.class)
@EnableConfigurationProperties(OutboxProperties.class)
public class PersistenceAutoConfiguration {

    @Bean
    OutboxRelay outboxRelay(MongoTemplate mongo, EventPublisher publisher, OutboxProperties properties) {
        return new OutboxRelay(mongo, publisher, properties);
    }

    /** Replaces Boot's MongoDB health indicator (same bean name), see {@link MongoPingHealthIndicator}. */
    @Bean(name = "mongoHealthIndicator")
    MongoPingHealthIndicator mongoHealthIndicator(MongoTemplate mongo) {
        return new MongoPingHealthIndicator(mongo);
    }

    @Bean
    ProcessedEvents processedEvents(MongoTemplate mongo) {
        return new ProcessedEvents(mongo);
    }

    /** One lease primitive for every worker that shares work between replicas. */
    @Bean
    Leases leases(MongoTemplate mongo, ObjectProvider<Clock> clock) {
        return new Leases(mongo, clock.getIfAvailable(Clock::systemUTC));
    }
}
