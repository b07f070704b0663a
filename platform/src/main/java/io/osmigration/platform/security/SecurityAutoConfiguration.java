package io.osmigration.platform.security;

import java.time.Clock;

import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

import com.mongodb.client.MongoClient;

import io.osmigration.platform.kafka.EventPublisher;
import io.osmigration.platform.kafka.KafkaEventsAutoConfiguration;

/**
 * Who may call every service's API and what they did: tokens and roles, the security filter, {@code /api/v1/session};
 * with MongoDB also issued tokens ({@code /api/v1/tokens}) and the audit trail ({@code /api/v1/audit},
 * {@code osm.audit}), both in the shared database {@code osm.security.database}.
 */
@AutoConfiguration(afterName = {"org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration",
        "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration"},
        after = KafkaEventsAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityAutoConfiguration {

    @Bean
    ConfiguredTokens configuredTokens(SecurityProperties properties) {
        return ConfiguredTokens.from(properties);
    }

    @Bean
    ApiSecurityWebFilter apiSecurityWebFilter(ConfiguredTokens configured,
                                              ObjectProvider<RequestMappingHandlerMapping> mappings,
                                              ObjectProvider<IssuedTokens> issued, ObjectProvider<AuditTrail> audit,
                                              ObjectProvider<CredentialResolver> resolvers,
                                              @Value("${osm.security.metrics-public:false}") boolean metricsPublic) {
        if (configured.isEmpty()) {
            LoggerFactory.getLogger(SecurityAutoConfiguration.class).warn("No osm.security.tokens configured: only "
                    + "tokens issued through /api/v1/tokens are accepted (and there is no admin to issue one)");
        }
        return new ApiSecurityWebFilter(new EndpointAccess(mappings), configured, issued, audit, resolvers,
                metricsPublic);
    }

    @Bean
    SessionController osmSessionController() {
        return new SessionController();
    }

    /** The parts kept in the shared security database. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(MongoClient.class)
    static class Stored {

        private final MongoTemplate securityDatabase;
        private final Clock clock;

        Stored(MongoClient client, SecurityProperties properties, ObjectProvider<Clock> clock) {
            this.securityDatabase = new MongoTemplate(client, properties.database());
            this.clock = clock.getIfAvailable(Clock::systemUTC);
        }

        @Bean
        IssuedTokens issuedTokens(SecurityProperties properties) {
            return new IssuedTokens(securityDatabase, properties.tokenCacheTtl(), clock);
        }

        @Bean
        AuditTrail auditTrail(Environment environment) {
            return new AuditTrail(securityDatabase, clock, environment.getProperty("spring.application.name", "osm"));
        }

        @Bean
        @ConditionalOnBean(EventPublisher.class)
        AuditRelay auditRelay(AuditTrail trail, EventPublisher publisher, SecurityProperties properties) {
            return new AuditRelay(trail, publisher, properties.audit(), clock);
        }

        @Bean
        TokenController osmTokenController(IssuedTokens tokens, ConfiguredTokens configured) {
            return new TokenController(tokens, configured, clock);
        }

        @Bean
        AuditController osmAuditController(AuditTrail trail) {
            return new AuditController(trail);
        }
    }
}
