package io.osmigration.platform.web;

import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** Bearer-token security and problem+json errors for every service's API. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@EnableConfigurationProperties(SecurityProperties.class)
public class WebAutoConfiguration {

    @Bean
    ApiTokenWebFilter apiTokenWebFilter(SecurityProperties properties) {
        if (properties.apiTokens().isEmpty()) {
            LoggerFactory.getLogger(WebAutoConfiguration.class)
                    .warn("No osm.security.api-tokens configured: every /api/** call will be refused with 401");
        }
        return new ApiTokenWebFilter(properties);
    }

    @Bean
    ProblemDetailsAdvice problemDetailsAdvice() {
        return new ProblemDetailsAdvice();
    }
}
