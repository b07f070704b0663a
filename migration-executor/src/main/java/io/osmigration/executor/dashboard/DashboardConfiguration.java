package io.osmigration.executor.dashboard;

import java.time.Clock;
import java.time.Duration;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import io.osmigration.platform.web.SecurityProperties;

import io.swagger.v3.oas.annotations.enums.SecuritySchemeIn;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

/**
 * The dashboard page, served from a package-specific class path folder (not {@code static/}) so that in the
 * all-in-one JVM, where every service shares one class path, only the executor serves it.
 * Web only: replicas started without a web server (tests) have no security properties and serve no page.
 */
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@Configuration(proxyBeanMethods = false)
@SecurityScheme(name = "streamTicket", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.QUERY, paramName = "ticket",
        description = "A ticket from POST /api/v1/stream-tickets, valid for 60 s: for EventSource, which cannot send "
                + "an Authorization header")
class DashboardConfiguration {

    private static final String FOLDER = "io/osmigration/executor/dashboard/";
    private static final Duration TICKET_LIFETIME = Duration.ofSeconds(60);

    @Bean
    RouterFunction<ServerResponse> dashboardPage() {
        ClassPathResource index = new ClassPathResource(FOLDER + "index.html");
        return RouterFunctions.route(GET("/"), request -> ServerResponse.ok().contentType(MediaType.TEXT_HTML)
                        .bodyValue(index))
                .and(RouterFunctions.resources("/dashboard/**", new ClassPathResource(FOLDER)));
    }

    @Bean
    StreamTickets streamTickets(SecurityProperties security) {
        return new StreamTickets(security.apiTokens(), TICKET_LIFETIME, Clock.systemUTC());
    }

    @Bean
    StreamTicketWebFilter streamTicketWebFilter(SecurityProperties security, StreamTickets tickets) {
        return new StreamTicketWebFilter(security.apiTokens(), tickets);
    }
}
