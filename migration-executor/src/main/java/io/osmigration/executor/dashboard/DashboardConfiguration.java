package io.osmigration.executor.dashboard;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;

import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import io.osmigration.platform.security.SecretSealer;

import io.swagger.v3.oas.annotations.enums.SecuritySchemeIn;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

/**
 * The dashboard page, served from a package-specific class path folder (not {@code static/}) so that in the
 * all-in-one JVM, where every service shares one class path, only the executor serves it.
 * Web only: replicas started without a web server (tests) serve no page.
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

    /** Keyed from the data key so that replicas accept each other's tickets; without one, only this replica does. */
    @Bean
    StreamTickets streamTickets(SecretSealer sealer) {
        byte[] key = sealer.derive("stream-tickets").orElseGet(() -> {
            LoggerFactory.getLogger(DashboardConfiguration.class).warn("osm.security.data-key is not set: stream "
                    + "tickets are signed with a key of this process, so another replica will not accept them");
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            return random;
        });
        return new StreamTickets(key, TICKET_LIFETIME, Clock.systemUTC());
    }

    @Bean
    StreamTicketWebFilter streamTicketWebFilter(StreamTickets tickets) {
        return new StreamTicketWebFilter(tickets);
    }
}
